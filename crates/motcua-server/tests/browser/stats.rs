//! The statistics dashboard and the public ranking in a real browser: the
//! charts draw, the drill-down links work, and nothing scrolls sideways on
//! a phone.

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_drills_down_and_ranking_fits_a_phone() {
    let Some(mut b) = Browser::start("stats").await else { return };
    // One dossier handled today at the demo commune, through the API.
    let app = &b.app;
    let (counter, specialist, leader) =
        (app.login("motcua").await, app.login("chuyenvien").await, app.login("lanhdao").await);
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&specialist, &code, "forward", None).await;
    app.act_ok(&leader, &code, "finish", None).await;

    b.login_as("admin").await;
    b.open("/office/stats?period=2026-03").await;
    let text = b.text().await;
    assert!(text.contains("Thống kê giải quyết TTHC") && text.contains("Tháng 3/2026"), "{text}");
    assert!(b.has("svg[role='img']").await, "the charts are drawn");
    b.shot("province-vi").await;
    b.click("a[href^='/office/stats?unit=H11.100']").await;
    b.wait_for_text("Theo thủ tục hành chính").await;
    assert!(b.text().await.contains("Phường Thục Phán"));
    b.shot("commune-vi").await;
    b.check_phone("commune").await;
    b.set_language("en").await;
    b.wait_for_text("By procedure").await;
    b.shot("commune-en").await;

    b.logout().await;
    b.open("/ranking?period=2026-03").await;
    b.wait_for_text("Ranking of units by dossier handling").await;
    b.shot("ranking-en").await;
    b.check_phone("ranking").await;
    b.finish().await;
}
