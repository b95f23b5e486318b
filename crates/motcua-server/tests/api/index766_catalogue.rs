//! 766 indicators 1.1–1.3 from the catalogue's publication dates, and the
//! portal's published scores beside motcua's on the public ranking: who
//! records them, what is refused, and the difference shown.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::common::html::{Html, input_value};
use crate::common::submission_with;

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("a number: {v}"))
}

async fn unit_figures(app: &TestApp, token: &str, unit: &str, period: &str) -> Value {
    let (status, d) = app.get(Some(token), &format!("/api/v1/stats/dashboard?unit={unit}&period={period}")).await;
    assert_eq!(status, 200, "{d}");
    d["unit"].clone()
}

fn indicator<'a>(unit: &'a Value, id: &str) -> &'a Value {
    unit["score"]["indicators"].as_array().unwrap().iter().find(|i| i["indicator"] == id).expect("the indicator")
}

/// The department's land registration procedure, re-published with `dates`.
async fn republish(app: &TestApp, admin: &str, dates: Value) -> reqwest::StatusCode {
    let (_, mut p) = app.get(None, "/api/v1/procedures/1.004227").await;
    p["change"] = json!("amended");
    for (k, v) in dates.as_object().unwrap() {
        p["publication"][k] = v.clone();
    }
    p["publication"]["decision"] = json!("310/QĐ-UBND");
    let r = app.send(Method::PUT, Some(admin), "/api/v1/procedures/1.004227", &p).await;
    r.status
}

both_backends!(catalogue_dates_give_the_transparency_indicators, |app| async move {
    let admin = app.login("admin").await;
    let before = unit_figures(&app, &admin, "H11.SNNMT", "2026-03").await;
    // Decided Mon 02/03, basis in force Thu 05/03 (3 working days: late for
    // 1.1), made public Tue 03/03 (within 5 working days: on time for 1.2).
    let dates = json!({"decision_date": "2026-03-02", "basis_effective": "2026-03-05", "public_date": "2026-03-03"});
    assert_eq!(republish(&app, &admin, dates).await, 200);
    let after = unit_figures(&app, &admin, "H11.SNNMT", "2026-03").await;
    let (b, a) = (&before["publication"], &after["publication"]);
    assert_eq!(n(&a["published"]), n(&b["published"]) + 1, "{a}");
    assert_eq!(n(&a["published_on_time"]), n(&b["published_on_time"]));
    assert_eq!(n(&a["public_due"]), n(&b["public_due"]) + 1);
    assert_eq!(n(&a["public_on_time"]), n(&b["public_on_time"]) + 1);
    // The score's indicators are these counts, and the group is scored.
    let i11 = indicator(&after, "1.1");
    assert_eq!((n(&i11["numerator"]), n(&i11["denominator"])), (n(&a["published_on_time"]), n(&a["published"])));
    assert_eq!(i11["provisional"], true);
    let i13 = indicator(&after, "1.3");
    assert_eq!((n(&i13["numerator"]), n(&i13["denominator"])), (n(&a["content_complete"]), n(&a["in_force"])));
    let transparency =
        after["score"]["groups"].as_array().unwrap().iter().find(|g| g["group"] == "transparency").unwrap().clone();
    assert!(transparency["score"].is_number(), "{transparency}");
    // A commune with no dated decision: 1.1 not measured, no group score.
    let (_, d) = app.get(Some(&admin), "/api/v1/stats/dashboard?unit=H11.103&period=2026-03").await;
    if n(&d["unit"]["publication"]["with_decisions"]) == 0 {
        assert_eq!(indicator(&d["unit"], "1.1")["source"], "unmeasured");
    }
    // Dates that contradict each other are refused with their field.
    let bad = json!({"decision_date": "2026-03-10", "public_date": "2026-03-09"});
    let (_, mut p) = app.get(None, "/api/v1/procedures/1.004227").await;
    p["change"] = json!("updated");
    p["publication"]["decision_date"] = bad["decision_date"].clone();
    p["publication"]["public_date"] = bad["public_date"].clone();
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/procedures/1.004227", &p).await;
    r.assert_error(422, "publication_public_before_decision", Some("publication.public_date"));
});

/// A dossier of the department's procedure received at the centre and
/// handled: the department has data in March 2026.
async fn handled_by_the_department(app: &TestApp) {
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

both_backends!(published_scores_are_recorded_and_compared, |app| async move {
    handled_by_the_department(&app).await;
    let office = app.login("noivu").await;
    let (_, ranking) = app.get(None, "/api/v1/public/ranking?level=department&period=2026-Q1").await;
    let line = ranking["units"].as_array().unwrap().iter().find(|u| u["code"] == "H11.SNNMT").unwrap().clone();
    assert!(line["portal_total"].is_null() && line["comparison"].is_null());
    let progress = line["progress_score"].as_f64().expect("the department has data");
    let body = json!({"scores": [{"unit_code": "H11.SNNMT", "period": "2026-q1", "total": 81.5,
        "groups": {"progress": 15.0, "digitisation": 18.0}}]});
    let (status, r) = app.post(Some(&office), "/api/v1/index766/portal-scores", &body).await;
    assert_eq!((status.as_u16(), &r["recorded"]), (200, &json!(1)), "{r}");
    let (_, ranking) = app.get(None, "/api/v1/public/ranking?level=department&period=2026-Q1").await;
    let line = ranking["units"].as_array().unwrap().iter().find(|u| u["code"] == "H11.SNNMT").unwrap().clone();
    assert_eq!(line["portal_total"], 81.5);
    let c = &line["comparison"];
    // motcua scores progress, online payment and satisfaction; the portal's
    // progress is the one group both have.
    assert_eq!((c["whole"].as_bool(), &c["groups"]), (Some(false), &json!(["progress"])), "{c}");
    assert_eq!(c["portal"], 15.0);
    let diff = c["difference"].as_f64().unwrap();
    assert!((diff - (progress - 15.0)).abs() < 0.011, "{diff} vs {progress}");
    // Refusals: another role, another province's office, bad values.
    let counter = app.login("motcua").await;
    app.send(Method::POST, Some(&counter), "/api/v1/index766/portal-scores", &body).await.assert_error(
        403,
        "forbidden",
        None,
    );
    let other = app.login("noivu.backan").await;
    app.send(Method::POST, Some(&other), "/api/v1/index766/portal-scores", &body).await.assert_error(
        403,
        "portal_score_outside_scope",
        Some("unit_code"),
    );
    let over = json!({"scores": [{"unit_code": "H11.SNNMT", "period": "2026-Q1", "total": 100.5}]});
    app.send(Method::POST, Some(&office), "/api/v1/index766/portal-scores", &over).await.assert_error(
        422,
        "portal_score_out_of_range",
        Some("scores[0].total"),
    );
    let period = json!({"scores": [{"unit_code": "H11.SNNMT", "period": "Q1-2026", "total": 80}]});
    app.send(Method::POST, Some(&office), "/api/v1/index766/portal-scores", &period).await.assert_error(
        422,
        "portal_score_period_invalid",
        Some("scores[0].period"),
    );
    let unknown = json!({"scores": [{"unit_code": "H11.NOPE", "period": "2026-Q1", "total": 80}]});
    app.send(Method::POST, Some(&office), "/api/v1/index766/portal-scores", &unknown).await.assert_error(
        422,
        "unknown_unit",
        Some("scores[0].unit_code"),
    );
    // Nothing of the refused batches was written.
    let (_, ranking) = app.get(None, "/api/v1/public/ranking?level=department&period=2026-Q1").await;
    let line = ranking["units"].as_array().unwrap().iter().find(|u| u["code"] == "H11.SNNMT").unwrap().clone();
    assert_eq!(line["portal_total"], 81.5);

    // The page: a CSV paste by the office, then the ranking in both languages.
    let client = app.page_client(Some("noivu"), Some("vi")).await;
    let form = Html::read(client.get(app.url("/office/portal-scores?period=2026-Q1")).send().await.unwrap()).await;
    let csrf = input_value(form.assert_status(200), "_csrf").expect("a CSRF field");
    let csv = "unit_code,period,total,transparency,progress\nH11.STP,2026-Q1,77.25,,14.5\n";
    let r = client
        .post(app.url("/office/portal-scores"))
        .form(&[("_csrf", csrf.as_str()), ("csv", csv), ("period", "2026-Q1")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection(), "{}", r.status());
    let listed = Html::read(client.get(app.url("/office/portal-scores?period=2026-Q1")).send().await.unwrap()).await;
    // Numbers are written the Vietnamese way on the default (Vietnamese) page.
    listed.assert_contains(&["H11.STP", "77,25"]);
    for (lang, heading) in [("vi", "Cổng DVCQG công bố"), ("en", "Published by the national portal")] {
        let page = app.page_client(None, Some(lang)).await;
        let html =
            Html::read(page.get(app.url("/ranking?level=department&period=2026-Q1")).send().await.unwrap()).await;
        html.assert_contains(&[heading, if lang == "vi" { "81,50" } else { "81.50" }]);
    }
    // The page refuses a citizen-facing role.
    let counter_page = app.page_client(Some("motcua"), Some("vi")).await;
    let r = counter_page.get(app.url("/office/portal-scores")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 403);
});
