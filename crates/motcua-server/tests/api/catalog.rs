//! The procedure catalog: public reading and search, administrators'
//! editing with versions, and the JSON export/import round trip.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{BIRTH, TestApp};

/// A new commune procedure handled by H11.100 in two steps.
fn new_procedure(code: &str) -> Value {
    json!({
        "code": code,
        "name": "Cấp giấy xác nhận thử nghiệm",
        "field_code": "HOTICH",
        "level": "commune",
        "agency_unit_code": "H11.100",
        "time_limit": {"amount": 5, "unit": "working_days"},
        "fees": [{"name": "Lệ phí", "amount_vnd": 10000}],
        "components": [{"name": "Đơn đề nghị", "originals": 1, "copies": 0, "required": true}],
        "legal_basis": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
        "online_level": "partial",
        "publication": {"status": "published"},
        "workflow": [
            {"name": "Thẩm định hồ sơ", "unit_code": "H11.100", "role": "specialist", "share": 4},
            {"name": "Phê duyệt kết quả", "unit_code": "H11.100", "role": "leader", "share": 1}
        ]
    })
}

fn codes(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap().to_owned()).collect()
}

async fn search(app: &TestApp, query: &str) -> Vec<String> {
    let (s, page) = app.get(None, &format!("/api/v1/procedures?{query}")).await;
    assert_eq!(s, 200, "{page:#}");
    codes(&page)
}

both_backends!(listing_and_searching_the_catalog, |app| async move {
    // Everything, in code order, without a login.
    let (s, page) = app.get(None, "/api/v1/procedures").await;
    assert_eq!(s, 200);
    let all = codes(&page);
    assert_eq!(all.len(), 30, "{all:?}");
    assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted by code: {all:?}");
    assert!(page["next_cursor"].is_null());

    // Page by page, nothing repeated or skipped.
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = match &cursor {
            Some(c) => format!("/api/v1/procedures?limit=7&cursor={c}"),
            None => "/api/v1/procedures?limit=7".into(),
        };
        let (_, page) = app.get(None, &q).await;
        let got = codes(&page);
        assert!(got.len() <= 7);
        walked.extend(got);
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(walked, all);

    // Words with or without diacritics, in any case.
    let with = search(&app, "q=khai%20sinh").await;
    assert!(with.contains(&BIRTH.to_owned()) && with.contains(&"1.004815".to_owned()), "{with:?}");
    assert_eq!(search(&app, "q=dang%20ky%20khai%20sinh").await, with);
    assert_eq!(search(&app, "q=%C4%90%C4%82NG%20K%C3%9D%20KHAI%20SINH").await, with); // ĐĂNG KÝ KHAI SINH
    let (_, page) = app.get(None, "/api/v1/procedures?q=khai%20sinh").await;
    for p in page["items"].as_array().unwrap() {
        assert!(p["name"].as_str().unwrap().contains("khai sinh"), "{p:#}");
    }
    // The field's name is searched too: "chứng thực".
    let chung_thuc = search(&app, "q=chung%20thuc").await;
    for code in ["2.000815", "2.000884", "2.001035"] {
        assert!(chung_thuc.contains(&code.to_owned()), "{code} not in {chung_thuc:?}");
    }
    // By code.
    assert_eq!(search(&app, &format!("q={BIRTH}")).await, [BIRTH]);
    // LIKE wildcards are taken literally; no match is an empty page.
    assert!(search(&app, "q=%25").await.is_empty());
    assert!(search(&app, "q=_").await.is_empty());
    assert!(search(&app, "q=kh%C3%B4ng%20c%C3%B3%20th%E1%BB%A7%20t%E1%BB%A5c%20n%C3%A0y").await.is_empty());

    // Filters.
    let (_, page) = app.get(None, "/api/v1/procedures?field=HOTICH").await;
    assert!(!page["items"].as_array().unwrap().is_empty());
    assert!(page["items"].as_array().unwrap().iter().all(|p| p["field_code"] == "HOTICH"), "{page:#}");
    let (_, page) = app.get(None, "/api/v1/procedures?online=true").await;
    let online = page["items"].as_array().unwrap();
    assert!(online.iter().all(|p| p["online_level"] != "none"), "{page:#}");
    assert!(online.len() < 30 && !online.is_empty());
    assert!(!codes(&page).contains(&"2.000884".to_owned()));

    // One procedure, with what the law requires to be public.
    let (s, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!(s, 200);
    assert_eq!(p["name"], "Đăng ký khai sinh");
    assert_eq!(p["field_code"], "HOTICH");
    assert_eq!(p["field_name"], "Hộ tịch");
    assert_eq!(p["agency_unit_code"], "H11.100");
    assert_eq!(p["time_limit"], json!({"amount": 1, "unit": "working_days"}));
    assert_eq!(p["components"].as_array().unwrap().len(), 2);
    assert_eq!(p["workflow"].as_array().unwrap().len(), 2);
    assert_eq!(p["version"], 1);
    let r = app.fetch(None, "/api/v1/procedures/9.999999").await;
    r.assert_error(404, "procedure_not_found", None);
    let r = app.fetch(None, "/api/v1/procedures/9.999999/history").await;
    r.assert_error(404, "procedure_not_found", None);

    // The fields.
    let (s, fields) = app.get(None, "/api/v1/fields").await;
    assert_eq!(s, 200);
    let fields: BTreeSet<&str> = fields.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(fields.len(), 10, "{fields:?}");
    assert!(fields.contains("HOTICH") && fields.contains("CHUNGTHUC"));
});

both_backends!(administrators_create_and_amend_procedures_with_versions, |app| async move {
    let admin = app.login("admin").await;
    let counter = app.login("motcua").await;
    let code = "1.999001";

    // Only administrators edit the catalog.
    let r = app.send(Method::POST, Some(&counter), "/api/v1/procedures", &new_procedure(code)).await;
    r.assert_error(403, "forbidden", None);
    let r = app.send(Method::POST, None, "/api/v1/procedures", &new_procedure(code)).await;
    r.assert_error(401, "unauthenticated", None);
    app.fetch(None, &format!("/api/v1/procedures/{code}")).await.assert_error(404, "procedure_not_found", None);

    // Invalid procedures are refused with the field, and not stored.
    let mut bad = new_procedure(code);
    bad["workflow"][1]["share"] = json!(3);
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &bad).await;
    r.assert_error(422, "workflow_shares_exceed_limit", Some("workflow"));
    let mut bad = new_procedure(code);
    bad["workflow"][1]["unit_code"] = json!("H11.999");
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &bad).await;
    r.assert_error(422, "unknown_unit", Some("workflow[1].unit_code"));
    let mut bad = new_procedure(code);
    bad["workflow"] = json!([]);
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &bad).await;
    r.assert_error(422, "workflow_empty", Some("workflow"));
    let mut bad = new_procedure(code);
    bad["workflow"][0]["role"] = json!("citizen");
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &bad).await;
    r.assert_error(422, "workflow_step_role", Some("workflow[0].role"));
    let mut bad = new_procedure(code);
    bad["fees"][0]["amount_vnd"] = json!(-5);
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &bad).await;
    r.assert_error(422, "negative_fee", Some("fees[0].amount_vnd"));
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &new_procedure("1-999001")).await;
    r.assert_error(422, "invalid_procedure_code", Some("code"));
    let mut bad = new_procedure(code);
    bad["time_limit"]["unit"] = json!("fortnights");
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &bad).await;
    r.assert_error(422, "invalid_field", Some("time_limit.unit"));
    app.fetch(None, &format!("/api/v1/procedures/{code}")).await.assert_error(404, "procedure_not_found", None);

    // Created: version 1.
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &new_procedure(code)).await;
    let created = r.assert_status(201).clone();
    assert_eq!(created["version"], 1);
    assert_eq!(created["code"], code);
    let (_, read) = app.get(None, &format!("/api/v1/procedures/{code}")).await;
    assert_eq!(read, created);
    // Its code is taken now.
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures", &new_procedure(code)).await;
    r.assert_error(409, "procedure_code_taken", Some("code"));

    // A dossier received under version 1 (5 working days).
    let mut intake = crate::common::submission_with(code, &["Đơn đề nghị"]);
    intake["applicant"]["phone"] = json!("0987654321");
    let old = app.create_dossier(&counter, &intake).await;
    old.assert_status(201);
    assert_eq!(old.body["due_at"], "2026-03-11T23:59:59+07:00");

    // Amended with the version read: version 2, 10 working days.
    let mut update = new_procedure(code);
    update["version"] = json!(1);
    update["change"] = json!("amended");
    update["name"] = json!("Cấp giấy xác nhận thử nghiệm (sửa đổi)");
    update["time_limit"]["amount"] = json!(10);
    update["workflow"][0]["share"] = json!(8);
    update["workflow"][1]["share"] = json!(2);
    let r = app.send(Method::PUT, Some(&admin), &format!("/api/v1/procedures/{code}"), &update).await;
    let amended = r.assert_status(200).clone();
    assert_eq!(amended["version"], 2);
    assert_eq!(amended["name"], "Cấp giấy xác nhận thử nghiệm (sửa đổi)");

    // The same stale version again: refused, nothing changes.
    let mut stale = update.clone();
    stale["name"] = json!("Tên khác");
    let r = app.send(Method::PUT, Some(&admin), &format!("/api/v1/procedures/{code}"), &stale).await;
    r.assert_error(409, "stale_version", Some("version"));
    let (_, read) = app.get(None, &format!("/api/v1/procedures/{code}")).await;
    assert_eq!(read, amended);
    // Other refusals on update.
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/procedures/1.999002", &update).await;
    r.assert_error(422, "code_mismatch", Some("code"));
    let mut odd = update.clone();
    odd["version"] = json!(2);
    odd["change"] = json!("deleted");
    let r = app.send(Method::PUT, Some(&admin), &format!("/api/v1/procedures/{code}"), &odd).await;
    r.assert_error(422, "invalid_change", Some("change"));
    let r = app.send(Method::PUT, Some(&counter), &format!("/api/v1/procedures/{code}"), &odd).await;
    r.assert_error(403, "forbidden", None);
    let mut missing = new_procedure("1.999009");
    missing["version"] = json!(1);
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/procedures/1.999009", &missing).await;
    r.assert_error(404, "procedure_not_found", None);

    // Two versions in the history, oldest first.
    let (s, history) = app.get(None, &format!("/api/v1/procedures/{code}/history")).await;
    assert_eq!(s, 200);
    let lines: Vec<(i64, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["version"].as_i64().unwrap(), h["change"].as_str().unwrap()))
        .collect();
    assert_eq!(lines, [(1, "created"), (2, "amended")]);

    // New dossiers follow version 2; the old one keeps its rules.
    let new = app.create_dossier(&counter, &intake).await;
    assert_eq!(new.assert_status(201)["due_at"], "2026-03-18T23:59:59+07:00");
    let old_again = app.dossier(&counter, old.body["code"].as_str().unwrap()).await;
    assert_eq!(old_again["due_at"], "2026-03-11T23:59:59+07:00");
    assert_eq!(old_again["procedure_name"], "Cấp giấy xác nhận thử nghiệm");

    // Abolished: out of the list, and no new dossiers.
    let mut abolish = update.clone();
    abolish["version"] = json!(2);
    abolish["change"] = json!("abolished");
    abolish["publication"] = json!({"status": "abolished", "effective_to": "2026-03-04"});
    let r = app.send(Method::PUT, Some(&admin), &format!("/api/v1/procedures/{code}"), &abolish).await;
    r.assert_status(200);
    assert!(!search(&app, "q=thu%20nghiem").await.contains(&code.to_owned()));
    assert!(search(&app, "q=thu%20nghiem&include_abolished=true").await.contains(&code.to_owned()));
    let r = app.create_dossier(&counter, &intake).await;
    r.assert_error(409, "procedure_not_in_force", Some("procedure_code"));
});

both_backends!(export_then_import_round_trips, |app| async move {
    let admin = app.login("admin").await;
    let counter = app.login("motcua").await;

    app.fetch(Some(&counter), "/api/v1/procedures/export").await.assert_error(403, "forbidden", None);
    let r = app.fetch(Some(&admin), "/api/v1/procedures/export").await;
    let exported = r.assert_status(200).clone();
    let items = exported.as_array().unwrap();
    assert_eq!(items.len(), 30);
    assert_eq!(items[0]["code"], "1.000459", "ordered by code");
    assert!(items.iter().all(|p| p.get("version").is_none() && p["workflow"].is_array()), "the import format");

    // The identical catalog changes nothing.
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures/import", &exported).await;
    assert_eq!(r.assert_status(200)["changed"], 0);
    let r = app.send(Method::POST, Some(&counter), "/api/v1/procedures/import", &exported).await;
    r.assert_error(403, "forbidden", None);

    // One changed procedure and one new one: two changes.
    let mut changed = exported.clone();
    let birth = changed.as_array_mut().unwrap().iter_mut().find(|p| p["code"] == BIRTH).unwrap();
    birth["fees"] = json!([{"name": "Lệ phí", "amount_vnd": 5000}]);
    changed.as_array_mut().unwrap().push(new_procedure("1.999003"));
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures/import", &changed).await;
    assert_eq!(r.assert_status(200)["changed"], 2);
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!(p["version"], 2);
    assert_eq!(p["fees"][0]["amount_vnd"], 5000);
    let (_, history) = app.get(None, &format!("/api/v1/procedures/{BIRTH}/history")).await;
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[1]["change"], "imported");
    // Importing it again is a no-op, and the export now equals it.
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures/import", &changed).await;
    assert_eq!(r.assert_status(200)["changed"], 0);
    let (_, again) = app.get(Some(&admin), "/api/v1/procedures/export").await;
    let mut expected = changed.as_array().unwrap().clone();
    expected.sort_by(|a, b| a["code"].as_str().cmp(&b["code"].as_str()));
    assert_eq!(again.as_array().unwrap(), &expected);

    // All or nothing: one invalid item refuses the whole import, naming it.
    let mut broken = again.clone();
    broken[0]["name"] = json!("Đổi tên nhưng không được lưu");
    broken[3]["agency_unit_code"] = json!("H11.999");
    let r = app.send(Method::POST, Some(&admin), "/api/v1/procedures/import", &broken).await;
    r.assert_error(422, "unknown_unit", Some("[3].agency_unit_code"));
    let (_, after) = app.get(Some(&admin), "/api/v1/procedures/export").await;
    assert_eq!(after, again, "nothing of the refused import was stored");
    let r = app.req(Method::POST, "/api/v1/procedures/import").token(&admin).json(&json!({"code": BIRTH})).send().await;
    r.assert_error(422, "invalid_field", None);
});

// Under READ COMMITTED both requests pass a plain version check; the store's
// `UPDATE .. WHERE version = expected` makes the loser's write change nothing.
both_backends!(two_administrators_saving_one_version_at_once_one_wins, |app| async move {
    let admin = app.login("admin").await;
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    for round in 0..3 {
        let (_, current) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
        let version = current["version"].as_i64().unwrap();
        let mut a = p.clone();
        a["version"] = json!(version);
        a["name"] = json!(format!("Đăng ký khai sinh (A{round})"));
        let mut b = a.clone();
        b["name"] = json!(format!("Đăng ký khai sinh (B{round})"));
        let path = format!("/api/v1/procedures/{BIRTH}");
        let (ra, rb) = tokio::join!(
            app.send(Method::PUT, Some(&admin), &path, &a),
            app.send(Method::PUT, Some(&admin), &path, &b)
        );
        let (win, lose) = if ra.status == 200 { (ra, rb) } else { (rb, ra) };
        assert_eq!(win.status, 200, "{:#}", win.body);
        lose.assert_error(409, "stale_version", Some("version"));
        let (_, after) = app.get(None, &path).await;
        assert_eq!(after["version"], version + 1);
        assert_eq!(after["name"], win.body["name"]);
    }
});
