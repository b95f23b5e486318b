//! Dashboards, exports and the public ranking: figures that move with the
//! dossiers, for the caller's subtree only, in both languages.

use serde_json::Value;

use crate::common::TestApp;
use crate::common::html::Html;

async fn page(app: &TestApp, user: Option<&str>, lang: &str, path: &str) -> Html {
    let client = app.page_client(user, Some(lang)).await;
    Html::read(client.get(app.url(path)).send().await.expect("the server answers")).await
}

/// A dossier received and handled by the demo commune (H11.100) today.
async fn handle_one(app: &TestApp) {
    let (counter, specialist, leader) =
        (app.login("motcua").await, app.login("chuyenvien").await, app.login("lanhdao").await);
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&specialist, &code, "forward", None).await;
    app.act_ok(&leader, &code, "finish", None).await;
}

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("a number: {v}"))
}

both_backends!(the_dashboard_api_counts_the_subtree_and_ranks_peers, |app| async move {
    let leader = app.login("lanhdao").await;
    let (status, before) = app.get(Some(&leader), "/api/v1/stats/dashboard?period=2026-03").await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["unit"]["unit"]["code"], "H11.100", "the caller's own unit by default");
    handle_one(&app).await;
    let (_, after) = app.get(Some(&leader), "/api/v1/stats/dashboard?period=2026-03").await;
    let (b, a) = (&before["unit"]["stats"], &after["unit"]["stats"]);
    assert_eq!(n(&a["received_counter"]), n(&b["received_counter"]) + 1);
    assert_eq!(
        n(&a["resolved_early"]) + n(&a["resolved_on_time"]),
        n(&b["resolved_early"]) + n(&b["resolved_on_time"]) + 1
    );
    // The 766 progress indicator counts it; groups held by the portal have no
    // score; transparency has one when the commune's procedures carry dated
    // publication decisions (the demo's do), from the catalogue.
    let score = &after["unit"]["score"];
    let progress = score["indicators"].as_array().unwrap().iter().find(|i| i["indicator"] == "2.1").unwrap();
    assert!(n(&progress["denominator"]) >= 1);
    let transparency = score["groups"].as_array().unwrap().iter().find(|g| g["group"] == "transparency").unwrap();
    let dated = n(&after["unit"]["publication"]["with_decisions"]) > 0;
    assert_eq!(transparency["score"].is_number(), dated, "{transparency}");
    let digitisation = score["groups"].as_array().unwrap().iter().find(|g| g["group"] == "digitisation").unwrap();
    assert!(digitisation["score"].is_null());
    // Ranked among the province's communes that have data: rank 1..=peers.
    let (rank, peers) = (n(&after["unit"]["rank"]), n(&after["peers"]));
    assert!(peers >= 1 && (1..=peers).contains(&rank), "rank {rank} of {peers}");
    assert_eq!(after["unit"]["no_data"], false);
    assert_eq!(after["basis"], "handling", "the configured basis by default");
    assert_eq!(after["trend"].as_array().unwrap().len(), 1, "one month");
    assert!(after["children"].as_array().unwrap().is_empty(), "a commune has no unit below");
    let procedures = after["procedures"].as_array().unwrap();
    assert!(procedures.iter().any(|p| n(&p["resolved_early"]) + n(&p["resolved_on_time"]) >= 1));

    // The province (admin): its children are the departments and communes,
    // each with its subtree, and the commune's figures are the same.
    let admin = app.login("admin").await;
    let (status, province) = app.get(Some(&admin), "/api/v1/stats/dashboard?period=2026-03").await;
    assert_eq!(status, 200, "{province}");
    assert_eq!(province["unit"]["unit"]["code"], "H11");
    let children = province["children"].as_array().unwrap();
    let commune = children.iter().find(|c| c["unit"]["code"] == "H11.100").unwrap();
    assert_eq!(commune["stats"], after["unit"]["stats"]);
    let sum: i64 = children.iter().map(|c| n(&c["stats"]["received_counter"])).sum();
    assert_eq!(sum, n(&province["unit"]["stats"]["received_counter"]), "the province is the sum of its children");
    // Drill-down by code, within the scope only.
    let (status, _) = app.get(Some(&admin), "/api/v1/stats/dashboard?unit=H11.100&period=2026").await;
    assert_eq!(status, 200);
    let (status, err) = app.get(Some(&leader), "/api/v1/stats/dashboard?unit=H11").await;
    assert_eq!((status.as_u16(), err["error"]["code"].as_str()), (404, Some("unit_not_found")));
    let (status, err) = app.get(Some(&leader), "/api/v1/stats/dashboard?period=2026-13").await;
    assert_eq!((status.as_u16(), err["error"]["field"].as_str()), (422, Some("period")));
    let citizen = app.login("congdan").await;
    assert_eq!(app.get(Some(&citizen), "/api/v1/stats/dashboard").await.0, 403);
});

both_backends!(the_public_ranking_needs_no_login_and_shares_ranks, |app| async move {
    handle_one(&app).await;
    let (status, r) = app.get(None, "/api/v1/public/ranking?period=2026-03").await;
    assert_eq!(status, 200, "{r}");
    assert_eq!((r["province"].as_str(), r["level"].as_str()), (Some("H11"), Some("commune")));
    let all = r["units"].as_array().unwrap();
    assert!(all.len() >= 6);
    // The units with data first, ranked; then those with none, unranked
    // ("no data"), never tied on 0.
    let ranked = all.iter().take_while(|u| u["no_data"] == false).count();
    let (units, empty) = all.split_at(ranked);
    assert!(!units.is_empty() && !empty.is_empty(), "{r:#}");
    for u in empty {
        assert!(u["rank"].is_null() && u["progress_score"].is_null() && u["on_time_percent"].is_null(), "{u}");
        assert_eq!(n(&u["received"]) + n(&u["resolved"]), 0);
    }
    // Best first, ties sharing a rank (1, 2, 2, 4).
    for (i, pair) in units.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(a["progress_score"].as_f64().unwrap_or(-1.0) >= b["progress_score"].as_f64().unwrap_or(-1.0));
        if a["progress_score"] == b["progress_score"] {
            assert_eq!(a["rank"], b["rank"]);
        } else {
            assert_eq!(n(&b["rank"]), i as i64 + 2, "the rank after a tie skips");
        }
    }
    let first = units.iter().find(|u| u["code"] == "H11.100").unwrap();
    assert!(n(&first["resolved"]) >= 1);
    assert!(first.get("name").is_some() && first.get("applicant").is_none());
    let (status, err) = app.get(None, "/api/v1/public/ranking?level=village").await;
    assert_eq!((status.as_u16(), err["error"]["field"].as_str()), (422, Some("level")));
    let (status, _) = app.get(None, "/api/v1/public/ranking?province=H99").await;
    assert_eq!(status, 404);
    let (status, departments) = app.get(None, "/api/v1/public/ranking?level=department&period=2026").await;
    assert_eq!(status, 200);
    assert!(departments["units"].as_array().unwrap().iter().any(|u| u["code"] == "H11.SNNMT"));
});

both_backends!(the_dashboard_page_draws_charts_and_drills_down, |app| async move {
    handle_one(&app).await;
    let vi = page(&app, Some("admin"), "vi", "/office/stats?period=2026-03").await;
    vi.assert_status(200);
    vi.assert_contains(&[
        "Thống kê giải quyết TTHC",
        "Tháng 3/2026",
        "<svg",
        "role=\"img\"",
        "Các đơn vị trực thuộc",
        "href=\"/office/stats?unit=H11.100&#38;period=2026-03&#38;basis=handling\"",
        // Bars only for what motcua scores; the portal's groups in one line.
        "Các nhóm sau do Cổng Dịch vụ công quốc gia nắm giữ số liệu (toàn bộ hoặc một phần chỉ số), motcua không chấm điểm nhóm ở đây: Dịch vụ công trực tuyến",
        // Transparency is scored from the catalogue now (1.1–1.3).
        "1.1 Tỷ lệ TTHC công bố đúng hạn",
        "/office/stats/export/report.xlsx?unit=H11&#38;period=2026-03&#38;basis=handling",
    ]);
    let en = page(&app, Some("lanhdao"), "en", "/office/stats?period=2026-03").await;
    en.assert_status(200);
    en.assert_contains(&["Statistics of dossier handling", "By procedure", "Rank ", "2.1"]);
    en.assert_lacks(&["Units below"]);
    // A bad period is marked on the form; the page still shows this year.
    let bad = page(&app, Some("lanhdao"), "en", "/office/stats?period=2026-13").await;
    bad.assert_status(200);
    bad.assert_contains(&["aria-invalid=\"true\"", "is not a reporting period", "Year 2026"]);
    // Another unit's dashboard does not exist for a commune's leader.
    page(&app, Some("lanhdao"), "vi", "/office/stats?unit=H11").await.assert_status(404);
    // Anonymous visitors are sent to log in; citizens are refused.
    let anon = page(&app, None, "vi", "/office/stats").await;
    assert!(anon.location().starts_with("/login"), "{}", anon.location());
    page(&app, Some("congdan"), "vi", "/office/stats").await.assert_status(403);
});

both_backends!(exports_are_real_excel_and_csv_files_of_the_scope, |app| async move {
    handle_one(&app).await;
    let client = app.page_client(Some("admin"), Some("vi")).await;
    let get = |path: &str| client.get(app.url(path)).send();
    let xlsx = get("/office/stats/export/report.xlsx?period=2026-03").await.unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert!(xlsx.headers()["content-disposition"].to_str().unwrap().contains("report-H11-2026-03.xlsx"));
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"), "a zip container");
    let csv = get("/office/stats/export/report.csv?period=2026-03").await.unwrap();
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(text.contains("H11.100") && text.contains("H11.SNNMT"));
    let index = get("/office/stats/export/index766.csv?period=2026").await.unwrap().text().await.unwrap();
    assert!(index.contains("H11.100"));
    assert_eq!(get("/office/stats/export/secrets.txt").await.unwrap().status(), 404);
    // A commune's leader exports their own procedures, not the province.
    let leader = app.page_client(Some("lanhdao"), Some("vi")).await;
    let res = leader.get(app.url("/office/stats/export/report.csv?unit=H11")).send().await.unwrap();
    assert_eq!(res.status(), 404);
});

both_backends!(the_public_ranking_page_is_open_to_all, |app| async move {
    handle_one(&app).await;
    let vi = page(&app, None, "vi", "/ranking?period=2026-03").await;
    vi.assert_status(200);
    vi.assert_contains(&["Xếp hạng giải quyết hồ sơ của các đơn vị", "Phường Thục Phán", "Cấp xã", "Tháng 3/2026"]);
    let en = page(&app, None, "en", "/ranking?level=department&period=2026").await;
    en.assert_status(200);
    en.assert_contains(&["Ranking of units by dossier handling", "Sở Nông nghiệp và Môi trường", "Year 2026"]);
});
