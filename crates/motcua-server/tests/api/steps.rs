//! Per-step deadlines through the API and the pages: a step that overruns
//! its own share shows as late in the inbox, on the dossier page and in the
//! unit's statistics, while the dossier as a whole is on time.

use serde_json::Value;

use crate::common::html::Html;
use crate::common::{TestApp, at, components_of, submission_with};

/// Đăng ký kết hôn: 3 working days at commune H11.100, the specialist's
/// examination 2 of them, the leader's approval 1.
const MARRIAGE: &str = "1.000894";

async fn page(app: &TestApp, user: &str, lang: &str, path: &str) -> Html {
    let client = app.page_client(Some(user), Some(lang)).await;
    Html::read(client.get(app.url(path)).send().await.unwrap()).await
}

/// The inbox line of `code`, from the API.
async fn inbox_line(app: &TestApp, token: &str, code: &str) -> Value {
    let (_, page) = app.get(Some(token), "/api/v1/inbox?limit=200").await;
    page["items"].as_array().unwrap().iter().find(|i| i["code"] == code).cloned().expect("in the inbox")
}

/// The `<tr>` of a table that links to `code`.
fn row_of<'a>(html: &'a str, code: &str) -> &'a str {
    let at = html.find(&format!(">{code}</a>")).expect("the dossier is listed");
    let start = html[..at].rfind("<tr").unwrap();
    &html[start..at + html[at..].find("</tr>").unwrap()]
}

both_backends!(a_late_step_shows_while_the_dossier_is_on_time, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;

    // Wednesday 4/3/2026 09:00: received, due at the end of Monday 9.
    let components = components_of(&app, MARRIAGE).await;
    let names: Vec<&str> = components.iter().map(String::as_str).collect();
    let r = app.create_dossier(&counter, &submission_with(MARRIAGE, &names)).await;
    let code = r.assert_status(201)["code"].as_str().unwrap().to_owned();
    assert_eq!(r.body["due_at"], "2026-03-09T23:59:59+07:00");
    let d = app.act_ok(&counter, &code, "forward", None).await;
    assert_eq!(d["steps"].as_array().unwrap().len(), 1);
    assert_eq!(d["steps"][0]["started_at"], "2026-03-04T09:00:00+07:00");
    assert_eq!(d["steps"][0]["due_at"], "2026-03-06T23:59:59+07:00", "a share of 2 working days");
    assert_eq!(d["steps"][0]["ended_at"], Value::Null);

    // Friday: the step is running and on time.
    app.set_now(at(2026, 3, 6, 16, 0));
    let line = inbox_line(&app, &specialist, &code).await;
    assert_eq!(line["step_due_at"], "2026-03-06T23:59:59+07:00");
    assert_eq!((line["overdue"].as_bool(), line["step_overdue"].as_bool()), (Some(false), Some(false)));

    // Monday morning: the step is overdue, the dossier is not.
    app.set_now(at(2026, 3, 9, 8, 0));
    let line = inbox_line(&app, &specialist, &code).await;
    assert_eq!((line["overdue"].as_bool(), line["step_overdue"].as_bool()), (Some(false), Some(true)));
    let (_, only) = app.get(Some(&specialist), "/api/v1/inbox?step_overdue=true&limit=200").await;
    assert!(only["items"].as_array().unwrap().iter().any(|i| i["code"] == code.as_str()), "{only:#}");
    let inbox = page(&app, "chuyenvien", "vi", "/office/inbox").await;
    let row = row_of(inbox.assert_status(200), &code);
    assert!(row.contains("Bước quá hạn") && !row.contains(">Quá hạn<"), "{row}");
    let inbox = page(&app, "chuyenvien", "en", "/office/inbox").await;
    assert!(row_of(inbox.assert_status(200), &code).contains("Step overdue"));
    let d = app.dossier(&specialist, &code).await;
    assert_eq!(d["steps"][0]["overdue"], true);
    assert_eq!(d["timeliness"], "on_time");

    // The examination ends late; the approval, within its day, finishes
    // the dossier on its due day: on time as a whole.
    app.set_now(at(2026, 3, 9, 8, 30));
    app.act_ok(&specialist, &code, "forward", None).await;
    app.set_now(at(2026, 3, 9, 10, 0));
    let d = app.act_ok(&leader, &code, "finish", None).await;
    assert_eq!(d["timeliness"], "on_time");
    let steps = d["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!((steps[0]["step_name"].as_str(), steps[0]["late"].as_bool()), (Some("Thẩm định hồ sơ"), Some(true)));
    assert_eq!(steps[0]["ended_at"], "2026-03-09T08:30:00+07:00");
    assert_eq!(steps[0]["working_days"], 3);
    assert_eq!(steps[1]["due_at"], "2026-03-10T23:59:59+07:00");
    assert_eq!((steps[1]["late"].as_bool(), steps[1]["working_days"].as_u64()), (Some(false), Some(0)));
    assert_eq!(steps[0]["unit_name"], steps[1]["unit_name"]);

    // The dossier page, in both languages.
    let vi = page(&app, "lanhdao", "vi", &format!("/office/dossiers/{code}")).await;
    vi.assert_status(200);
    vi.assert_contains(&[
        "Thời gian thực hiện của từng đơn vị",
        "Bước 1 · Thẩm định hồ sơ",
        "06/03/2026",
        "Quá hạn",
        "Đúng hạn",
    ]);
    let en = page(&app, "lanhdao", "en", &format!("/office/dossiers/{code}")).await;
    en.assert_contains(&["Time taken by each unit", "Step 2 · Phê duyệt kết quả", "Late", "On time"]);

    // The unit's per-step timeliness for March counts the late step.
    let (_, stats) = app.get(Some(&leader), "/api/v1/stats/steps?period=2026-03").await;
    let units = stats["units"].as_array().unwrap();
    let own = units.iter().find(|u| u["unit_code"] == "H11.100").unwrap_or_else(|| panic!("{stats:#}"));
    assert!(own["late"].as_i64().unwrap() >= 1 && own["finished"].as_i64().unwrap() >= 2, "{own:#}");
    assert!(own["late_ratio"].as_f64().is_some_and(|r| r > 0.0));
    let page_vi = page(&app, "lanhdao", "vi", "/office/stats?period=2026-03").await;
    page_vi.assert_status(200);
    page_vi.assert_contains(&["Thời gian thực hiện theo bước", "Bước quá hạn"]);
    let page_en = page(&app, "lanhdao", "en", "/office/stats?period=2026-03").await;
    page_en.assert_contains(&["Per-step timeliness", "Steps late"]);
});
