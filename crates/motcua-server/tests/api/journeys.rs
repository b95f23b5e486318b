//! Whole dossier journeys through the API, as the counter, the specialist,
//! the leader and the citizen of commune H11.100 live them.

use chrono::Duration;
use serde_json::{Value, json};

use crate::common::{
    APPLICANT_NAME, BIRTH, CHECK, ID_NUMBER, PHONE, SIGNATURE, at, components_of, submission, submission_with,
};

/// `H11.100-260304-0007` → true.
fn is_code_of_today(code: &str) -> bool {
    code.strip_prefix("H11.100-260304-").is_some_and(|seq| seq.len() == 4 && seq.bytes().all(|b| b.is_ascii_digit()))
}

fn actions(d: &Value) -> Vec<&str> {
    d["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect()
}

fn allowed(d: &Value) -> Vec<&str> {
    d["allowed_actions"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect()
}

both_backends!(online_submission_to_returned_result_and_public_look_up, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;

    // The procedure is handled by the demo officers' commune.
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!(p["agency_unit_code"], "H11.100");
    assert_eq!(p["online_level"], "full");

    // 1. The citizen submits online: status 1, no code and no due date yet.
    let r = app.create_dossier(&citizen, &submission(BIRTH)).await;
    let d = r.assert_status(201).clone();
    assert_eq!(d["status"]["code"], 1);
    assert_eq!(d["status"]["key"], "submitted");
    assert_eq!(d["channel"], "online");
    assert!(d["code"].is_null() && d["due_at"].is_null() && d["received_at"].is_null(), "{d:#}");
    assert_eq!(d["submitted_at"], "2026-03-04T09:00:00+07:00");
    assert_eq!(d["current"]["role"], "counter_officer");
    assert_eq!(allowed(&d), ["withdraw"]);
    let id = d["id"].as_i64().unwrap().to_string();

    // 2. The counter receives it half an hour later: a code of the
    //    receiving unit and day, and the due date (1 working day: the end of
    //    Thursday).
    app.advance(Duration::minutes(30));
    let d = app.act_ok(&counter, &id, "receive", None).await;
    assert_eq!(d["status"]["code"], 2);
    let code = d["code"].as_str().unwrap().to_owned();
    assert!(is_code_of_today(&code), "code {code}");
    assert_eq!(d["received_at"], "2026-03-04T09:30:00+07:00");
    assert_eq!(d["due_at"], "2026-03-05T23:59:59+07:00");
    assert_eq!(d["events"][1]["due_at"], "2026-03-05T23:59:59+07:00");
    // The code and the id name the same dossier.
    assert_eq!(app.dossier(&counter, &code).await["id"], d["id"]);

    // 3. The counter forwards it to the first step: the specialist's.
    let d = app.act_ok(&counter, &code, "forward", None).await;
    assert_eq!(d["status"]["code"], 4);
    assert_eq!(d["current"]["role"], "specialist");
    assert_eq!(d["current"]["step"], 0);
    assert_eq!(d["current"]["step_name"], "Thẩm định hồ sơ");
    assert!(!allowed(&app.dossier(&counter, &code).await).contains(&"forward"), "the counter no longer owns it");

    // 4. The specialist forwards it to the leader in the afternoon.
    app.set_now(at(2026, 3, 4, 14, 0));
    let d = app.act_ok(&specialist, &code, "forward", None).await;
    assert_eq!(d["status"]["code"], 4);
    assert_eq!(d["current"]["role"], "leader");
    assert_eq!(d["current"]["step"], 1);

    // 5. The leader finishes it on the due day: on time; the result goes
    //    back to the receiving counter.
    app.set_now(at(2026, 3, 5, 10, 0));
    let d = app.act_ok(&leader, &code, "finish", None).await;
    assert_eq!(d["status"]["code"], 9);
    assert_eq!(d["finished_at"], "2026-03-05T10:00:00+07:00");
    assert_eq!(d["current"]["role"], "counter_officer");
    assert_eq!(d["timeliness"], "on_time");

    // 6. The counter returns the result.
    app.set_now(at(2026, 3, 5, 15, 0));
    let d = app.act_ok(&counter, &code, "return_result", None).await;
    assert_eq!(d["status"]["code"], 10);
    assert_eq!(d["status"]["key"], "returned");
    assert_eq!(d["returned_at"], "2026-03-05T15:00:00+07:00");
    assert_eq!(d["timeliness"], "on_time");
    assert_eq!(d["allowed_actions"], json!([]));
    assert_eq!(actions(&d), ["submit_online", "receive", "forward", "forward", "finish", "return_result"]);
    let statuses: Vec<i64> =
        d["events"].as_array().unwrap().iter().map(|e| e["to_status"]["code"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [1, 2, 4, 4, 9, 10]);
    // The owner follows it too.
    assert_eq!(app.dossier(&citizen, &code).await["status"]["code"], 10);

    // 7. The public look-up: status 10, the name masked, nothing personal.
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check={CHECK}")).await;
    let public = r.assert_status(200);
    assert_eq!(public["code"], code.as_str());
    assert_eq!(public["status"]["code"], 10);
    assert_eq!(public["procedure_code"], BIRTH);
    assert_eq!(public["applicant_name"], "N***** V** A*");
    assert_eq!(public["timeliness"], "on_time");
    assert_eq!(public["due_at"], "2026-03-05T23:59:59+07:00");
    assert_eq!(public["timeline"].as_array().unwrap().len(), 6);
    let text = public.to_string();
    for secret in [PHONE, ID_NUMBER, APPLICANT_NAME, "Nguyễn", "an.nguyen@example.vn", "Tổ 5", "actor_user_id"] {
        assert!(!text.contains(secret), "the public answer shows {secret:?}: {text}");
    }
    // No note was written for the applicant: none is shown.
    assert!(public["timeline"].as_array().unwrap().iter().all(|e| e["note"].is_null()), "{text}");
    // The last 4 of the ID number work as well, and the code is read
    // case-insensitively.
    let id4 = &ID_NUMBER[ID_NUMBER.len() - 4..];
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{}?check={id4}", code.to_lowercase())).await;
    assert_eq!(r.assert_status(200)["code"], code.as_str());

    // 8. A wrong check answers like an unknown code; after 6 wrong checks
    //    on one code the next is refused, and then even the right one is,
    //    until the wait (Retry-After) is over.
    for i in 0..6 {
        let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check=0000")).await;
        assert_eq!(r.status, 404, "wrong check #{}: {:#}", i + 1, r.body);
        r.assert_error(404, "dossier_not_found", None);
    }
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check=0000")).await;
    r.assert_error(429, "too_many_attempts", None);
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check={CHECK}")).await;
    r.assert_error(429, "too_many_attempts", None);
    assert_eq!(crate::common::header(&r.headers, "retry-after"), Some("1"));
    app.advance(chrono::Duration::seconds(1));
    app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check={CHECK}")).await.assert_status(200);
});

both_backends!(public_look_up_refuses_malformed_checks_and_hides_unknown_codes, |app| async move {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap();
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}")).await;
    r.assert_error(422, "required", Some("check"));
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check=12a4")).await;
    r.assert_error(422, "invalid_check", Some("check"));
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check=12345")).await;
    r.assert_error(422, "invalid_check", Some("check"));
    // An unknown code answers exactly like a wrong check.
    let unknown = app.fetch(None, &format!("/api/v1/public/dossiers/H11.100-260304-9999?check={CHECK}")).await;
    let wrong = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check=0000")).await;
    unknown.assert_error(404, "dossier_not_found", None);
    assert_eq!(unknown.body, wrong.body);
    // Before reception an online dossier has no code to look up.
    let online = app.online_submission().await;
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{}?check={CHECK}", online["id"])).await;
    r.assert_error(404, "dossier_not_found", None);
    // Malformed shapes never reach the store.
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/not-a-code?check={CHECK}")).await;
    r.assert_error(404, "dossier_not_found", None);
});

both_backends!(counter_intake_is_received_at_once, |app| async move {
    let counter = app.login("motcua").await;
    let first = app.counter_intake().await;
    assert_eq!(first["status"]["code"], 2);
    assert_eq!(first["channel"], "counter");
    assert!(is_code_of_today(first["code"].as_str().unwrap()), "{first:#}");
    assert_eq!(first["received_at"], "2026-03-04T09:00:00+07:00");
    assert_eq!(first["due_at"], "2026-03-05T23:59:59+07:00");
    assert_eq!(first["current"]["role"], "counter_officer");
    assert!(first["current"]["step"].is_null());
    assert_eq!(actions(&first), ["receive_at_counter"]);
    assert_eq!(first["events"][0]["to_status"]["code"], 2);
    assert!(first["events"][0]["from_status"].is_null());
    assert_eq!(first["version"], 1);
    let can = allowed(&first);
    for a in ["forward", "request_supplement", "reschedule", "withdraw"] {
        assert!(can.contains(&a), "{a} missing from {can:?}");
    }
    for a in ["receive", "finish", "return_result"] {
        assert!(!can.contains(&a), "{a} should not be allowed in {can:?}");
    }

    // A procedure without online service, by post, limited in working
    // hours: its due moment is the calendar's for 8 working hours from now.
    let components = components_of(&app, SIGNATURE).await;
    let components: Vec<&str> = components.iter().map(String::as_str).collect();
    let mut body = submission_with(SIGNATURE, &components);
    body["channel"] = json!("postal");
    let r = app.create_dossier(&counter, &body).await;
    let second = r.assert_status(201);
    assert_eq!(second["channel"], "postal");
    assert_eq!(second["status"]["code"], 2);
    let (_, deadline) =
        app.get(None, "/api/v1/calendar/deadline?start=2026-03-04T09:00:00%2B07:00&amount=8&unit=working_hours").await;
    assert_eq!(deadline["due"], "2026-03-05T09:00:00+07:00");
    assert_eq!(second["due_at"], deadline["due"]);

    // Same unit, same day: the next number of the day's sequence.
    let seq = |d: &Value| d["code"].as_str().unwrap()[15..].parse::<u32>().unwrap();
    assert_eq!(seq(second), seq(&first) + 1);
});

both_backends!(supplement_rounds_move_the_due_date_and_a_second_round_is_late, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    assert_eq!(d["due_at"], "2026-03-05T23:59:59+07:00");
    app.act_ok(&counter, &code, "forward", None).await;

    // Wednesday 10:00: the specialist asks for a supplement; the clock stops.
    app.set_now(at(2026, 3, 4, 10, 0));
    let d = app.act_ok(&specialist, &code, "request_supplement", Some("Thiếu bản sao giấy chứng sinh")).await;
    assert_eq!(d["status"]["code"], 5);
    assert_eq!(d["paused_at"], "2026-03-04T10:00:00+07:00");
    assert_eq!(d["supplement_count"], 1);
    assert_eq!(d["events"].as_array().unwrap().last().unwrap()["note"], "Thiếu bản sao giấy chứng sinh");

    // Monday 10:00: the supplement arrives after three working days
    // (Thu, Fri, Mon): the due date moves from Thursday to Tuesday, and the
    // dossier goes back to the step it left.
    app.set_now(at(2026, 3, 9, 10, 0));
    let d = app.act_ok(&counter, &code, "supplement_received", None).await;
    assert_eq!(d["status"]["code"], 4);
    assert_eq!(d["current"]["role"], "specialist");
    assert!(d["paused_at"].is_null());
    assert_eq!(d["due_at"], "2026-03-10T23:59:59+07:00");
    assert_eq!(d["timeliness"], "early");
    assert_eq!(d["days_overdue"], 0);

    // A second supplement request: late whatever the dates say (766).
    app.set_now(at(2026, 3, 9, 11, 0));
    let d = app.act_ok(&specialist, &code, "request_supplement", Some("Chữ ký trên tờ khai chưa đúng")).await;
    assert_eq!(d["supplement_count"], 2);
    assert_eq!(d["timeliness"], "late");
    app.set_now(at(2026, 3, 10, 9, 0));
    let d = app.act_ok(&counter, &code, "supplement_received", None).await;
    assert_eq!(d["due_at"], "2026-03-11T23:59:59+07:00");
    assert_eq!(d["timeliness"], "late");
    app.act_ok(&specialist, &code, "forward", None).await;
    let d = app.act_ok(&leader, &code, "finish", None).await;
    assert_eq!(d["status"]["code"], 9);
    assert_eq!(d["timeliness"], "late", "finished before the due date, still late after two rounds");
    assert_eq!(
        actions(&d),
        [
            "receive_at_counter",
            "forward",
            "request_supplement",
            "supplement_received",
            "request_supplement",
            "supplement_received",
            "forward",
            "finish"
        ]
    );
});

both_backends!(reschedule_once_then_refused, |app| async move {
    let counter = app.login("motcua").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let path = code.clone();
    let reschedule = |version: &Value, date: &str, note: Option<&str>| {
        let mut b = json!({"action": "reschedule", "version": version, "new_due_date": date});
        if let Some(n) = note {
            b["note"] = json!(n);
        }
        b
    };
    const REASON: &str = "Cần xác minh thêm tại địa phương";
    let note = Some(REASON);

    // Refusals first; none changes the dossier.
    let before = app.fingerprint(&counter, &path).await;
    let r = app.act(&counter, &path, &reschedule(&d["version"], "2026-03-07", note)).await;
    r.assert_error(422, "reschedule_not_working_day", Some("new_due_date"));
    let r = app.act(&counter, &path, &reschedule(&d["version"], "2026-03-05", note)).await;
    r.assert_error(422, "reschedule_not_later", Some("new_due_date"));
    let r = app.act(&counter, &path, &reschedule(&d["version"], "2026-03-09", None)).await;
    r.assert_error(422, "required", Some("note"));
    let r = app.act(&counter, &path, &json!({"action": "reschedule", "version": d["version"], "note": "x"})).await;
    r.assert_error(422, "required", Some("new_due_date"));
    assert_eq!(app.fingerprint(&counter, &path).await, before);

    // The apology with a new date, once.
    let r = app.act(&counter, &path, &reschedule(&d["version"], "2026-03-09", note)).await;
    let d = r.assert_status(200).clone();
    assert_eq!(d["rescheduled"], true);
    assert_eq!(d["due_at"], "2026-03-09T23:59:59+07:00");
    let last = d["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "reschedule");
    assert_eq!(last["note"], REASON);
    assert_eq!(last["due_at"], "2026-03-09T23:59:59+07:00");
    assert!(!allowed(&d).contains(&"reschedule"), "used once, no longer offered: {:?}", allowed(&d));

    // A second time is refused and changes nothing.
    let before = app.fingerprint(&counter, &path).await;
    let r = app.act(&counter, &path, &reschedule(&d["version"], "2026-03-10", note)).await;
    r.assert_error(409, "reschedule_only_once", None);
    assert_eq!(app.fingerprint(&counter, &path).await, before);
    assert_eq!(app.dossier(&counter, &path).await["due_at"], "2026-03-09T23:59:59+07:00");

    // On the due day itself it is too late to apologise.
    let other = app.counter_intake().await;
    app.set_now(at(2026, 3, 5, 9, 0));
    let r =
        app.act(&counter, other["code"].as_str().unwrap(), &reschedule(&other["version"], "2026-03-09", note)).await;
    r.assert_error(409, "reschedule_too_late", None);
    let other = app.dossier(&counter, other["code"].as_str().unwrap()).await;
    assert!(!allowed(&other).contains(&"reschedule"), "{:?}", allowed(&other));
});

both_backends!(the_owner_withdraws_before_and_after_reception, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;

    // Before reception; the owner says why (docs/lifecycle.md#online-withdrawal).
    let d = app.online_submission().await;
    let id = d["id"].to_string();
    let d = app.act_ok(&citizen, &id, "withdraw", Some("Nộp nhầm thủ tục")).await;
    assert_eq!(d["status"]["code"], 7);
    assert_eq!(d["status"]["key"], "withdrawn");
    assert_eq!(d["finished_at"], "2026-03-04T09:00:00+07:00");
    assert_eq!(d["allowed_actions"], json!([]));
    // Once withdrawn, nothing more.
    let r = app.act(&citizen, &id, &json!({"action": "withdraw", "version": d["version"], "note": "x"})).await;
    r.assert_error(409, "action_not_allowed_in_status", None);

    // After reception, the owner still may.
    let d = app.online_submission().await;
    let id = d["id"].to_string();
    let d = app.act_ok(&counter, &id, "receive", None).await;
    let code = d["code"].as_str().unwrap().to_owned();
    let d = app.act_ok(&citizen, &code, "withdraw", Some("Không cần nữa")).await;
    assert_eq!(d["status"]["code"], 7);
    let last = d["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["from_status"]["code"], 2);
    assert_eq!(last["to_status"]["code"], 7);

    // A dossier received at the counter belongs to no citizen account: the
    // citizen cannot even see it.
    let counter_d = app.counter_intake().await;
    let r = app.fetch(Some(&citizen), &format!("/api/v1/dossiers/{}", counter_d["code"].as_str().unwrap())).await;
    r.assert_error(404, "dossier_not_found", None);
});

both_backends!(the_counter_refuses_an_online_submission_with_reasons, |app| async move {
    let counter = app.login("motcua").await;
    let d = app.online_submission().await;
    let id = d["id"].to_string();
    let r = app.act(&counter, &id, &json!({"action": "refuse_to_receive", "version": d["version"]})).await;
    r.assert_error(422, "required", Some("note"));
    let d = app.act_ok(&counter, &id, "refuse_to_receive", Some("Hồ sơ không thuộc thẩm quyền")).await;
    assert_eq!(d["status"]["code"], 3);
    assert!(d["code"].is_null(), "a refused submission gets no code: {d:#}");
    assert!(d["due_at"].is_null());
    assert_eq!(d["allowed_actions"], json!([]));
    // The citizen sees the refusal and its reason.
    let mine = app.dossier(&app.login("congdan").await, &id).await;
    assert_eq!(mine["status"]["code"], 3);
    assert_eq!(mine["events"][1]["note"], "Hồ sơ không thuộc thẩm quyền");
});

both_backends!(a_payment_round_then_the_leader_stops_the_handling, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;
    // Birth registration is free: nothing can be asked (docs/payments.md).
    let d = app.dossier(&specialist, &code).await;
    let r = app.act(&specialist, &code, &json!({"action": "request_payment", "version": d["version"]})).await;
    r.assert_error(409, "no_fee_due", None);
    // A procedure with a fee at reception, as an administrator sets it.
    let admin = app.login("admin").await;
    let (_, mut p) = app.get(Some(&admin), &format!("/api/v1/procedures/{BIRTH}")).await;
    p["fees"] = json!([{"name": "Lệ phí thử nghiệm", "amount_vnd": 10000}]);
    let r = app.send(reqwest::Method::PUT, Some(&admin), &format!("/api/v1/procedures/{BIRTH}"), &p).await;
    assert_eq!(r.status, 200, "{:#}", r.body);
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;

    // The specialist asks for the fee; the counter records it; the dossier
    // goes back to the step it was at.
    let d = app.act_ok(&specialist, &code, "request_payment", None).await;
    assert_eq!(d["status"]["key"], "payment_requested");
    assert_eq!(d["status"]["code"], 6);
    let r = app.act(&specialist, &code, &json!({"action": "forward", "version": d["version"]})).await;
    r.assert_error(409, "action_not_allowed_in_status", None);
    let d = app.act_ok(&counter, &code, "record_payment", None).await;
    assert_eq!(d["status"]["code"], 4);
    assert_eq!(d["current"]["role"], "specialist");
    assert_eq!(d["current"]["step"], 0);

    // Only a leader stops the handling, and only with written reasons.
    let r = app.act(&specialist, &code, &json!({"action": "stop", "version": d["version"], "note": "x"})).await;
    r.assert_error(403, "role_not_allowed", None);
    let r = app.act(&leader, &code, &json!({"action": "stop", "version": d["version"]})).await;
    r.assert_error(422, "required", Some("note"));
    let d = app.act_ok(&leader, &code, "stop", Some("Hồ sơ thuộc trường hợp phải dừng giải quyết")).await;
    assert_eq!(d["status"]["code"], 8);
    assert_eq!(d["status"]["key"], "stopped");
    assert_eq!(d["finished_at"], "2026-03-04T09:00:00+07:00");
    assert_eq!(d["timeliness"], "early");
    assert_eq!(actions(&d), ["receive_at_counter", "forward", "request_payment", "record_payment", "stop"]);
    assert_eq!(app.dossier(&counter, &code).await["allowed_actions"], json!([]));
    let r = app.act(&counter, &code, &json!({"action": "return_result", "version": d["version"]})).await;
    r.assert_error(409, "action_not_allowed_in_status", None);

    // The public look-up shows the stop and its reason: a stop is a written
    // notice to the applicant (docs/lifecycle.md#notes).
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check={CHECK}")).await;
    let public = r.assert_status(200);
    assert_eq!(public["status"]["code"], 8);
    assert!(public.to_string().contains("dừng giải quyết"), "{public:#}");
});

both_backends!(a_late_dossier_back_at_the_counter_is_late_but_not_overdue, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    let d = app.counter_intake().await; // Wed 2026-03-04, 1 working day: due Thu end of day
    let r = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &r, "forward", None).await;
    app.set_now(at(2026, 3, 9, 10, 0)); // the following Monday
    app.act_ok(&specialist, &r, "forward", None).await;
    let handled = app.act_ok(&leader, &r, "finish", None).await;
    assert_eq!((handled["status"]["key"].as_str(), handled["timeliness"].as_str()), (Some("handled"), Some("late")));
    assert_eq!(handled["days_overdue"], 2, "Friday and Monday");
    // At the counter only the return is left: the clock no longer runs.
    let (_, desk) = app.get(Some(&counter), "/api/v1/inbox?limit=200").await;
    let item =
        desk["items"].as_array().unwrap().iter().find(|i| i["code"] == r.as_str()).expect("at the counter").clone();
    assert_eq!(item["overdue"], false, "{item:#}");
    let (_, overdue) = app.get(Some(&counter), "/api/v1/inbox?overdue=true&limit=200").await;
    assert!(!overdue["items"].as_array().unwrap().iter().any(|i| i["code"] == r.as_str()));
});
