//! The reform office's pages in a real browser: the published Bắc Kạn 2022
//! campaign with Ngân Sơn last at 70.56, its per-area chart, and the pages
//! fitting a phone.

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_results_and_a_units_report_with_its_chart() {
    let Some(mut b) = Browser::start("reform").await else { return };
    b.login("noivu.backan", "noivu-demo-2026").await;
    b.open("/reform").await;
    b.shot("campaigns-vi").await;
    b.click("a[href^='/reform/campaigns/']").await;
    b.wait_for_text("Huyện Ngân Sơn").await;
    b.shot("campaign-vi").await;
    b.click("a[href$='/results']").await;
    let text = b.wait_for_text("Ngân Sơn").await;
    assert!(text.contains("70,56"), "{text}");
    assert!(b.has("svg[role='img']").await, "the per-area chart is drawn");
    b.shot("results-vi").await;
    b.check_phone("results").await;
    // Ngân Sơn's own report: where it lost points, area by area.
    let href = b
        .js("return Array.from(document.querySelectorAll('tr')).find(r => r.textContent.includes('Ngân Sơn'))\
             .querySelector(\"a[href*='/report']\").getAttribute('href');")
        .await;
    b.open(href.as_str().expect("a report link on Ngân Sơn's row")).await;
    b.wait_for_text("Huyện Ngân Sơn").await;
    assert!(b.has("svg[role='img']").await);
    b.shot("report-vi").await;
    b.set_language("en").await;
    b.shot("report-en").await;
    b.finish().await;
}
