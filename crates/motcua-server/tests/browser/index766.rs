//! The 766 catalogue indicators and the portal's published scores in a
//! real browser, in both languages: the procedure editor's publication
//! dates, the dashboard's 1.1–1.3 rows, the reform office's page for the
//! published scores, and the public ranking with motcua's value, the
//! published one and the difference.

use serde_json::json;

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_indicators_and_published_scores() {
    let Some(mut b) = Browser::start("index766").await else { return };
    let app = &b.app;
    let office = app.login("noivu").await;
    let body = json!({"scores": [{"unit_code": "H11.SNNMT", "period": "2026-Q1", "total": 81.5,
        "groups": {"progress": 15.0}}]});
    let (status, r) = app.post(Some(&office), "/api/v1/index766/portal-scores", &body).await;
    assert_eq!(status.as_u16(), 200, "{r}");

    b.login_as("admin").await;
    b.open("/admin/procedures/1.004227").await;
    assert!(b.has("input[name='publication.decision_date']").await, "the editor has the decision's date");
    b.shot("editor-vi").await;
    b.open("/office/stats?period=2026").await;
    let text = b.text().await;
    assert!(text.contains("Tỷ lệ TTHC công bố đúng hạn"), "{text}");
    b.shot("dashboard-vi").await;
    b.set_language("en").await;
    b.wait_for_text("Procedures published on time").await;
    b.shot("dashboard-en").await;
    b.logout().await;

    b.login_as("noivu").await;
    b.open("/office/portal-scores?period=2026-Q1").await;
    b.wait_for_text("81.5").await;
    b.shot("portal-scores-en").await;
    b.set_language("vi").await;
    b.wait_for_text("Điểm Bộ chỉ số 766 do Cổng DVCQG công bố").await;
    b.shot("portal-scores-vi").await;
    b.logout().await;

    b.open("/ranking?level=department&period=2026-Q1").await;
    b.wait_for_text("Cổng DVCQG công bố").await;
    assert!(b.text().await.contains("81,50"));
    assert_fits(&b).await;
    b.shot("ranking-vi").await;
    b.set_language("en").await;
    b.wait_for_text("Published by the national portal").await;
    assert_fits(&b).await;
    b.shot("ranking-en").await;
    b.check_phone("ranking").await;
    b.finish().await;
}

/// The ranking's twelve columns, the 766 comparison last, are all in view
/// at 1,366 px: nothing scrolls sideways.
async fn assert_fits(b: &Browser) {
    let fits = "const t = document.querySelector('table.ranking'); const w = t.parentElement;\
                return [t.scrollWidth, w.clientWidth, document.documentElement.scrollWidth, window.innerWidth];";
    let sizes = b.js(fits).await;
    let n = |i: usize| sizes[i].as_u64().unwrap();
    assert!(n(0) <= n(1) && n(2) <= n(3), "the ranking overflows at 1,366 px: {sizes}");
}
