//! Statistics credited to the unit that handles (issue 10): a province
//! procedure received at the service centre counts for the centre under
//! intake and for its department under handling; units with no data are
//! not ranked; a unit's rank is the same everywhere; indicator 5.4 shows the
//! ratings' figures; numbers follow the page's language.

use serde_json::Value;

use crate::common::TestApp;
use crate::common::html::Html;
use crate::common::submission_with;

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("a number: {v}"))
}

async fn page(app: &TestApp, user: Option<&str>, lang: &str, path: &str) -> Html {
    let client = app.page_client(user, Some(lang)).await;
    Html::read(client.get(app.url(path)).send().await.expect("the server answers")).await
}

/// A province procedure of Sở Nông nghiệp và Môi trường received at the
/// centre, handled by the department and finished.
async fn centre_dossier_handled_by_the_department(app: &TestApp) {
    let (_, p) = app.get(None, "/api/v1/procedures/1.004227").await;
    let names: Vec<String> =
        p["components"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let centre = app.login("motcua.tinh").await;
    let d = app.create_dossier(&centre, &submission_with("1.004227", &names)).await;
    let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();
    app.act_ok(&centre, &code, "forward", None).await;
    let (specialist, leader) = (app.login("chuyenvien.snmt").await, app.login("lanhdao.snmt").await);
    app.act_ok(&specialist, &code, "forward", None).await;
    app.act_ok(&leader, &code, "finish", None).await;
}

async fn dashboard(app: &TestApp, token: &str, query: &str) -> Value {
    let (status, d) = app.get(Some(token), &format!("/api/v1/stats/dashboard?{query}")).await;
    assert_eq!(status, 200, "{d}");
    d
}

both_backends!(
    a_centre_dossier_counts_for_the_department_under_handling_and_the_centre_under_intake,
    |app| async move {
        let admin = app.login("admin").await;
        let dept_before = dashboard(&app, &admin, "unit=H11.SNNMT&period=2026-03").await;
        let centre_before = dashboard(&app, &admin, "unit=H11.TTPVHCC&period=2026-03").await;
        centre_dossier_handled_by_the_department(&app).await;
        let dept = dashboard(&app, &admin, "unit=H11.SNNMT&period=2026-03").await;
        let centre = dashboard(&app, &admin, "unit=H11.TTPVHCC&period=2026-03").await;
        let delta = |a: &Value, b: &Value, basis: &str, k: &str| n(&a["both"][basis][k]) - n(&b["both"][basis][k]);
        // Handling: the department; intake: the centre.
        assert_eq!(delta(&dept, &dept_before, "handling", "received_counter"), 1);
        assert_eq!(
            delta(&dept, &dept_before, "handling", "resolved_early")
                + delta(&dept, &dept_before, "handling", "resolved_on_time"),
            1
        );
        assert_eq!(delta(&dept, &dept_before, "intake", "received_counter"), 0);
        assert_eq!(delta(&centre, &centre_before, "intake", "received_counter"), 1);
        assert_eq!(delta(&centre, &centre_before, "handling", "received_counter"), 0);
        // The dashboard's own figures are the configured basis (handling);
        // `basis=intake` asks for the other.
        assert_eq!((dept["basis"].as_str(), &dept["unit"]["stats"]), (Some("handling"), &dept["both"]["handling"]));
        let intake = dashboard(&app, &admin, "unit=H11.SNNMT&period=2026-03&basis=intake").await;
        assert_eq!((intake["basis"].as_str(), &intake["unit"]["stats"]), (Some("intake"), &intake["both"]["intake"]));
        // The department has data now, so it is ranked.
        assert_eq!(dept["unit"]["no_data"], false);
        let rank = n(&dept["unit"]["rank"]);
        // Its rank is the same in the province's table and in the public ranking.
        let province = dashboard(&app, &admin, "period=2026-03").await;
        let row = province["children"].as_array().unwrap().iter().find(|c| c["unit"]["code"] == "H11.SNNMT").unwrap();
        assert_eq!(n(&row["rank"]), rank, "the same rank on its page and in the province's table");
        let (_, public) = app.get(None, "/api/v1/public/ranking?level=department&period=2026-03").await;
        assert_eq!(public["basis"], "handling");
        let line = public["units"].as_array().unwrap().iter().find(|u| u["code"] == "H11.SNNMT").unwrap();
        assert_eq!(
            (n(&line["rank"]), n(&line["received"])),
            (
                rank,
                n(&dept["unit"]["stats"]["received_counter"])
                    + n(&dept["unit"]["stats"]["received_online"])
                    + n(&dept["unit"]["stats"]["received_postal"])
            )
        );
        // Units with no data in the table: no rank, flagged, after the ranked ones.
        let children = province["children"].as_array().unwrap();
        let first_empty = children.iter().position(|c| c["no_data"] == true).expect("some unit has no data in March");
        assert!(children[first_empty..].iter().all(|c| c["no_data"] == true && c["rank"].is_null()));
        assert!(children[..first_empty].iter().all(|c| c["rank"].is_number()));
        // Under intake, the department received nothing in March: no data.
        let (_, by_intake) = app.get(None, "/api/v1/public/ranking?level=department&period=2026-03&basis=intake").await;
        let line = by_intake["units"].as_array().unwrap().iter().find(|u| u["code"] == "H11.SNNMT").unwrap();
        assert!(line["rank"].is_null() && line["no_data"] == true, "{line}");
        // The per-unit API takes the basis too.
        let (status, rows) =
            app.get(Some(&admin), "/api/v1/stats/units?from=2026-03-01&to=2026-03-31&basis=handling").await;
        assert_eq!(status, 200);
        let dept_id = &dept["unit"]["unit"]["id"];
        assert!(rows.as_array().unwrap().iter().any(|r| &r["unit_id"] == dept_id), "{rows:#}");
        let (_, rows) = app.get(Some(&admin), "/api/v1/stats/units?from=2026-03-01&to=2026-03-31&basis=intake").await;
        assert!(!rows.as_array().unwrap().iter().any(|r| &r["unit_id"] == dept_id));
        // A basis that does not exist: its field and the rule, in both languages.
        let (status, err) = app.get(Some(&admin), "/api/v1/stats/dashboard?basis=receiving").await;
        assert_eq!((status.as_u16(), err["error"]["field"].as_str()), (422, Some("basis")), "{err}");
        assert!(err["error"]["message_vi"].as_str().unwrap().contains("đơn vị giải quyết"), "{err}");
        assert!(err["error"]["message_en"].as_str().unwrap().contains("handling unit"), "{err}");
    }
);

both_backends!(pages_show_intake_and_handling_side_by_side_and_no_data_in_both_languages, |app| async move {
    centre_dossier_handled_by_the_department(&app).await;
    let vi = page(&app, Some("admin"), "vi", "/office/stats?unit=H11.SNNMT&period=2026-03").await;
    vi.assert_status(200);
    vi.assert_contains(&[
        "Tiếp nhận và giải quyết",
        "Tiếp nhận tại đơn vị",
        "Đơn vị giải quyết",
        "tính theo đơn vị giải quyết",
        "lượt đánh giá",
        "Xếp hạng 1/1 đơn vị cùng cấp",
        // The 766 chart in the Vietnamese format.
        "/ 20</text>",
    ]);
    let en = page(&app, Some("admin"), "en", "/office/stats?unit=H11.SNNMT&period=2026-03&basis=intake").await;
    en.assert_status(200);
    en.assert_contains(&[
        "Intake and handling",
        "Received here",
        "Handled here",
        "credited to the unit that received",
        "No data in the period: not ranked",
        "ratings",
    ]);
    // The province's table: the departments with no data say so.
    let vi = page(&app, Some("admin"), "vi", "/office/stats?period=2026-03").await;
    vi.assert_contains(&["Chưa có dữ liệu"]);
    let ranking = page(&app, None, "vi", "/ranking?level=department&period=2026-03").await;
    ranking.assert_status(200);
    ranking.assert_contains(&["Chưa có dữ liệu", "không được xếp hạng"]);
    let ranking = page(&app, None, "en", "/ranking?level=department&period=2026-03").await;
    ranking.assert_contains(&["No data", "is not ranked"]);
});
