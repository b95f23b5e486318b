//! The working-day calendar over HTTP: due dates on the shipped data, and
//! administrators' edits that the next computation uses.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Resp, TestApp};

/// `GET /api/v1/calendar/deadline` for a start written with `+07:00`.
async fn deadline(app: &TestApp, start: &str, amount: u32, unit: &str) -> Resp {
    let start = start.replace('+', "%2B");
    app.fetch(None, &format!("/api/v1/calendar/deadline?start={start}&amount={amount}&unit={unit}")).await
}

/// The due moment, asserting a 200.
async fn due(app: &TestApp, start: &str, amount: u32, unit: &str) -> String {
    let r = deadline(app, start, amount, unit).await;
    r.assert_status(200)["due"].as_str().unwrap().to_owned()
}

both_backends!(deadlines_on_the_shipped_calendar, |app| async move {
    // The shape of the answer. Friday 24/01/2025 16:00 is received that day
    // (no cut-off by default); Tết 25/01–02/02 is off; the 5th working day
    // after it is Friday 07/02, due at its end.
    let r = deadline(&app, "2025-01-24T16:00:00+07:00", 5, "working_days").await;
    let body = r.assert_status(200);
    assert_eq!(
        body,
        &json!({
            "due": "2025-02-07T23:59:59+07:00",
            "start": "2025-01-24T16:00:00+07:00",
            "received_day": "2025-01-24",
            "amount": 5,
            "unit": "working_days",
            "provisional": true
        })
    );
    // Received on a Tết day: counts from Monday 03/02, due Monday 10/02.
    assert_eq!(due(&app, "2025-01-31T10:00:00+07:00", 5, "working_days").await, "2025-02-10T23:59:59+07:00");
    // The same instant in UTC gives the same answer, echoed in +07:00.
    let r = app.fetch(None, "/api/v1/calendar/deadline?start=2025-01-31T03:00:00Z&amount=5&unit=working_days").await;
    let body = r.assert_status(200);
    assert_eq!(body["due"], "2025-02-10T23:59:59+07:00");
    assert_eq!(body["start"], "2025-01-31T10:00:00+07:00");
    assert_eq!(body["received_day"], "2025-02-03");
    // Working hours run across Tết: 1 h on Friday, 1 h from Monday 07:30.
    assert_eq!(due(&app, "2025-01-24T16:00:00+07:00", 2, "working_hours").await, "2025-02-03T08:30:00+07:00");
    // The worked Saturday 26/04/2025, and the 30/04–04/05 holidays.
    assert_eq!(due(&app, "2025-04-25T09:00:00+07:00", 1, "working_days").await, "2025-04-26T23:59:59+07:00");
    assert_eq!(due(&app, "2025-04-25T09:00:00+07:00", 4, "working_days").await, "2025-05-05T23:59:59+07:00");
    // Zero working days: the end of the day of receipt.
    assert_eq!(due(&app, "2026-03-04T09:00:00+07:00", 0, "working_days").await, "2026-03-04T23:59:59+07:00");
    // Calendar days and months end on a working day.
    assert_eq!(due(&app, "2025-04-21T09:00:00+07:00", 9, "days").await, "2025-05-05T23:59:59+07:00");
    assert_eq!(due(&app, "2025-10-31T09:00:00+07:00", 4, "months").await, "2026-03-02T23:59:59+07:00");

    // The calendar itself: the weekly pattern and the years with data.
    let (s, cal) = app.get(None, "/api/v1/calendar").await;
    assert_eq!(s, 200);
    assert_eq!(cal["config"]["working_weekdays"], json!(["Mon", "Tue", "Wed", "Thu", "Fri"]));
    assert!(cal["config"]["cutoff"].is_null());
    let years: Vec<i64> = cal["years"].as_array().unwrap().iter().map(|y| y["year"].as_i64().unwrap()).collect();
    assert!(years.contains(&2025) && years.contains(&2026), "{years:?}");
    assert!(!years.contains(&2031));
});

fn year_2031(days_off: &[&str]) -> Value {
    json!({
        "year": 2031,
        "days_off": days_off,
        "extra_working_days": [],
        "verified": true,
        "notes": "Dữ liệu thử nghiệm"
    })
}

both_backends!(administrators_edit_years_and_the_weekly_pattern, |app| async move {
    let admin = app.login("admin").await;
    let counter = app.login("motcua").await;
    // Sunday 02/03/2031 counts from Monday 03/03; 2031 is unknown so far.
    let r = deadline(&app, "2031-03-02T09:00:00+07:00", 5, "working_days").await;
    r.assert_error(422, "calendar_year_unknown", Some("start"));

    // Only administrators edit it, and only consistent data.
    let r = app.send(Method::PUT, Some(&counter), "/api/v1/calendar/years/2031", &year_2031(&[])).await;
    r.assert_error(403, "forbidden", None);
    let r = app.send(Method::PUT, None, "/api/v1/calendar/years/2031", &year_2031(&[])).await;
    r.assert_error(401, "unauthenticated", None);
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/2030", &year_2031(&[])).await;
    r.assert_error(422, "year_mismatch", Some("year"));
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/2031", &year_2031(&["2030-12-31"])).await;
    assert_eq!(r.status, 422, "{:#}", r.body);
    assert_eq!(r.code(), "calendar_invalid");
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/2031", &json!({"year": 2031})).await;
    r.assert_error(422, "required", Some("days_off"));
    let r = deadline(&app, "2031-03-02T09:00:00+07:00", 5, "working_days").await;
    r.assert_error(422, "calendar_year_unknown", Some("start"));

    // 2031 with Wednesday 05/03 off: the next deadline uses it at once.
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/2031", &year_2031(&["2031-03-05"])).await;
    r.assert_status(200);
    let r = deadline(&app, "2031-03-02T09:00:00+07:00", 5, "working_days").await;
    let body = r.assert_status(200);
    assert_eq!(body["due"], "2031-03-11T23:59:59+07:00");
    assert_eq!(body["received_day"], "2031-03-03");
    assert_eq!(body["provisional"], false, "2031 was entered as verified");
    // Replacing the year replaces its days off.
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/2031", &year_2031(&[])).await;
    r.assert_status(200);
    assert_eq!(due(&app, "2031-03-02T09:00:00+07:00", 5, "working_days").await, "2031-03-10T23:59:59+07:00");
    let (_, cal) = app.get(None, "/api/v1/calendar").await;
    let y2031 = cal["years"].as_array().unwrap().iter().find(|y| y["year"] == 2031).cloned();
    assert_eq!(y2031, Some(year_2031(&[])));

    // Removed again: unknown again, not "a year without holidays".
    let r = app.req(Method::DELETE, "/api/v1/calendar/years/2031").token(&counter).send().await;
    r.assert_error(403, "forbidden", None);
    let r = app.req(Method::DELETE, "/api/v1/calendar/years/2031").token(&admin).send().await;
    assert_eq!(r.status, 204, "{:#}", r.body);
    let r = deadline(&app, "2031-03-02T09:00:00+07:00", 5, "working_days").await;
    r.assert_error(422, "calendar_year_unknown", Some("start"));
    let r = app.req(Method::DELETE, "/api/v1/calendar/years/2031").token(&admin).send().await;
    r.assert_error(404, "calendar_year_not_found", Some("year"));

    // A 15:00 cut-off: Friday 24/01/2025 16:00 now counts from Monday 03/02,
    // due Monday 10/02.
    let (_, cal) = app.get(None, "/api/v1/calendar").await;
    let mut config = cal["config"].clone();
    config["cutoff"] = json!("15:00:00");
    let r = app.send(Method::PUT, Some(&counter), "/api/v1/calendar/config", &config).await;
    r.assert_error(403, "forbidden", None);
    let mut broken = config.clone();
    broken["windows"] = json!([]);
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/config", &broken).await;
    assert_eq!((r.status.as_u16(), r.code()), (422, "calendar_invalid"), "{:#}", r.body);
    assert_eq!(due(&app, "2025-01-24T16:00:00+07:00", 5, "working_days").await, "2025-02-07T23:59:59+07:00");
    app.send(Method::PUT, Some(&admin), "/api/v1/calendar/config", &config).await.assert_status(200);
    let r = deadline(&app, "2025-01-24T16:00:00+07:00", 5, "working_days").await;
    let body = r.assert_status(200);
    assert_eq!(body["due"], "2025-02-10T23:59:59+07:00");
    assert_eq!(body["received_day"], "2025-02-03");
    let (_, cal) = app.get(None, "/api/v1/calendar").await;
    assert_eq!(cal["config"]["cutoff"], "15:00:00");

    // Dossiers follow the edited calendar: an intake at 16:00 counts from
    // the next working day.
    app.set_now(crate::common::at(2026, 3, 4, 16, 0));
    let d = app.counter_intake().await;
    assert_eq!(d["received_at"], "2026-03-04T16:00:00+07:00");
    assert_eq!(d["due_at"], "2026-03-06T23:59:59+07:00");
});

both_backends!(a_deadline_into_a_year_nobody_entered_uses_the_proposed_holidays, |app| async move {
    // 31/08/2026 + 3 working days: 02/09 (Quốc khánh, Labour Code art. 112)
    // is off in the shipped 2026, so the due day is Friday 04/09.
    assert_eq!(due(&app, "2026-08-31T09:00:00+07:00", 3, "working_days").await, "2026-09-04T23:59:59+07:00");

    // December 2026 + 40 working days runs into 2027, which nobody has
    // entered: its Tết (lunar new year Saturday 06/02/2027, proposed from
    // the lunar calendar) is skipped, and the answer says it is provisional.
    let r = deadline(&app, "2026-12-20T09:00:00+07:00", 40, "working_days").await;
    let body = r.assert_status(200);
    assert_eq!(body["due"], "2027-02-23T23:59:59+07:00");
    assert_eq!(body["provisional"], true);

    // The administrator's calendar lists 2027 as proposed, with named days,
    // and opening it fills the form with the proposal, not yet confirmed.
    let admin = crate::pages_office::Browser::new(&app, Some("admin"), Some("vi")).await;
    let page = admin.get("/admin/calendar").await;
    page.assert_contains(&["Đề xuất, chưa chính thức", "Tết Nguyên đán", "Kiểm tra và xác nhận năm 2027"]);
    let form = admin.get("/admin/calendar/years/2027").await;
    form.assert_contains(&["2027-02-08 Tết Nguyên đán", "biểu mẫu đã điền sẵn đề xuất"]);
    assert!(!form.body.contains("id=\"verified\" name=\"verified\" checked"), "a proposal is never pre-confirmed");
    let en = crate::pages_office::Browser::new(&app, Some("admin"), Some("en")).await.get("/admin/calendar").await;
    en.assert_contains(&["Proposed, not official", "Check and confirm 2027"]);
});
