//! Administration contained to a unit (issue 17, finding 2): the
//! administrator and reform-officer rows of the role × unit access matrix.
//!
//! The demo has three administrators: `admin` at the province (H11),
//! `quantri.xa` at a commune (H11.100) and `quantri.snmt` at a department
//! (H11.SNNMT). Out of scope answers 403 for a record named by id or a
//! province-wide setting, 422 naming the field for a unit chosen in a body,
//! and 404 for a reform campaign the caller may not see (as `can_view`
//! answers for a dossier).

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::common::html::{Html, input_value};

const PROVINCE: &str = "admin";
const COMMUNE: &str = "quantri.xa";
const DEPARTMENT: &str = "quantri.snmt";

async fn unit_id(app: &TestApp, code: &str) -> i64 {
    let token = app.login(PROVINCE).await;
    let (_, units) = app.get(Some(&token), "/api/v1/units").await;
    units.as_array().unwrap().iter().find(|u| u["code"] == code).unwrap_or_else(|| panic!("unit {code}"))["id"]
        .as_i64()
        .unwrap()
}

fn staff(username: &str, role: &str, unit_id: i64) -> Value {
    json!({"username": username, "password": "mot-mat-khau-dai-2026", "full_name": "Lục Văn Thành",
           "role": role, "unit_id": unit_id})
}

/// A procedure of `agency` whose two steps are at `steps`.
fn procedure(code: &str, agency: &str, steps: [&str; 2]) -> Value {
    json!({
        "code": code, "name": "Thủ tục thử phạm vi quản trị", "field_code": "HOTICH", "level": "commune",
        "agency_unit_code": agency, "time_limit": {"amount": 5, "unit": "working_days"},
        "online_level": "partial", "publication": {"status": "published"},
        "workflow": [
            {"name": "Thẩm định hồ sơ", "unit_code": steps[0], "role": "specialist", "share": 4},
            {"name": "Phê duyệt kết quả", "unit_code": steps[1], "role": "leader", "share": 1}
        ]
    })
}

both_backends!(administrators_see_and_create_staff_only_in_their_subtree, |app| async move {
    let (province, commune, department) =
        (app.login(PROVINCE).await, app.login(COMMUNE).await, app.login(DEPARTMENT).await);
    let (h11_100, snnmt, h11) =
        (unit_id(&app, "H11.100").await, unit_id(&app, "H11.SNNMT").await, unit_id(&app, "H11").await);

    // Each lists the staff of its own subtree only.
    let (_, users) = app.get(Some(&commune), "/api/v1/users").await;
    let names: Vec<&str> = users.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert!(names.contains(&"motcua") && names.contains(&"quantri.xa"), "{names:?}");
    assert!(!names.contains(&"admin") && !names.contains(&"chuyenvien.snmt") && !names.contains(&"noivu"), "{names:?}");
    let (_, users) = app.get(Some(&province), "/api/v1/users").await;
    assert!(users.as_array().unwrap().iter().any(|u| u["username"] == "chuyenvien.snmt"));

    // Staff and units go only inside the subtree; a unit outside is named.
    let r = app.send(Method::POST, Some(&commune), "/api/v1/users", &staff("canbo.snmt", "specialist", snnmt)).await;
    r.assert_error(422, "unit_outside_admin_scope", Some("unit_id"));
    let unit = json!({"parent_id": h11, "code": "H11.199", "name": "Xã Thử", "level": "commune"});
    app.send(Method::POST, Some(&department), "/api/v1/units", &unit).await.assert_error(
        422,
        "unit_outside_admin_scope",
        Some("parent_id"),
    );
    let r = app.send(Method::POST, Some(&commune), "/api/v1/users", &staff("canbo.xa", "specialist", h11_100)).await;
    r.assert_status(201);

    // Only the province creates reform officers, even in the admin's own unit.
    for (token, unit) in [(&commune, h11_100), (&department, snnmt)] {
        let r = app.send(Method::POST, Some(token), "/api/v1/users", &staff("cchc.thu", "reform_officer", unit)).await;
        r.assert_error(403, "province_admin_only", None);
    }
    let r =
        app.send(Method::POST, Some(&province), "/api/v1/users", &staff("cchc.thu", "reform_officer", h11_100)).await;
    r.assert_status(201);

    // Other roles are no administrators at all.
    let leader = app.login("lanhdao").await;
    app.fetch(Some(&leader), "/api/v1/users").await.assert_error(403, "forbidden", None);
});

both_backends!(only_the_province_administrator_changes_the_calendar, |app| async move {
    let (_, calendar) = app.get(None, "/api/v1/calendar").await;
    let config = calendar["config"].clone();
    let year_2026 = calendar["years"].as_array().unwrap().iter().find(|y| y["year"] == 2026).unwrap().clone();
    for user in [COMMUNE, DEPARTMENT] {
        let token = app.login(user).await;
        let r = app.send(Method::PUT, Some(&token), "/api/v1/calendar/config", &config).await;
        r.assert_error(403, "province_admin_only", None);
        assert!(r.body["error"]["message_en"].as_str().unwrap().contains("calendar"), "{:#}", r.body);
        let r = app.send(Method::PUT, Some(&token), "/api/v1/calendar/years/2026", &year_2026).await;
        r.assert_error(403, "province_admin_only", None);
        let r = app.send(Method::DELETE, Some(&token), "/api/v1/calendar/years/2025", &Value::Null).await;
        r.assert_error(403, "province_admin_only", None);
    }
    // Nothing changed; the province's administrator still may.
    let (_, after) = app.get(None, "/api/v1/calendar").await;
    assert_eq!(after["years"].as_array().unwrap().len(), calendar["years"].as_array().unwrap().len());
    let province = app.login(PROVINCE).await;
    app.send(Method::PUT, Some(&province), "/api/v1/calendar/config", &config).await.assert_status(200);
    app.send(Method::PUT, Some(&province), "/api/v1/calendar/years/2026", &year_2026).await.assert_status(200);

    // The calendar page's forms too: the editor is not even shown to a
    // unit's administrator, and a hand-made post is refused.
    let page = app.page_client(Some(COMMUNE), None).await;
    let editor = Html::read(page.get(app.url("/admin/calendar/pattern")).send().await.unwrap()).await;
    editor.assert_status(403);
    let calendar_page = Html::read(page.get(app.url("/admin/calendar")).send().await.unwrap()).await;
    let csrf = input_value(calendar_page.assert_status(200), "_csrf").expect("a CSRF field (the logout form)");
    let res = page
        .post(app.url("/admin/calendar/pattern"))
        .form(&[("_csrf", csrf.as_str()), ("cutoff", "08:00")])
        .send()
        .await
        .unwrap();
    Html::read(res).await.assert_status(403);
});

both_backends!(procedures_and_their_units_lie_in_the_administrators_subtree, |app| async move {
    let (province, commune, department) =
        (app.login(PROVINCE).await, app.login(COMMUNE).await, app.login(DEPARTMENT).await);

    // A commune's procedure, handled in the commune: its administrator's.
    let ok = procedure("2.000901", "H11.100", ["H11.100", "H11.100"]);
    app.send(Method::POST, Some(&commune), "/api/v1/procedures", &ok).await.assert_status(201);
    // A step at a province department, an agency of another province: refused, named.
    let step_out = procedure("2.000902", "H11.100", ["H11.100", "H11.SNNMT"]);
    let r = app.send(Method::POST, Some(&commune), "/api/v1/procedures", &step_out).await;
    r.assert_error(422, "unit_outside_admin_scope", Some("workflow[1].unit_code"));
    let other_province = procedure("2.000903", "BK", ["BK", "BK"]);
    let r = app.send(Method::POST, Some(&province), "/api/v1/procedures", &other_province).await;
    r.assert_error(422, "unit_outside_admin_scope", Some("agency_unit_code"));
    app.send(Method::POST, Some(&province), "/api/v1/procedures", &step_out).await.assert_status(201);

    // A department's procedure: its department administrator changes it, a
    // commune's administrator does not (even to move it into the commune).
    let (_, catalog) = app.get(Some(&province), "/api/v1/procedures/export").await;
    let dept = catalog.as_array().unwrap().iter().find(|p| p["agency_unit_code"] == "H11.SNNMT").unwrap().clone();
    let code = dept["code"].as_str().unwrap().to_owned();
    let (_, stored) = app.get(None, &format!("/api/v1/procedures/{code}")).await;
    let mut update = dept.clone();
    update["version"] = stored["version"].clone();
    update["name"] = json!("Tên đã sửa bởi quản trị viên");
    let mut moved = update.clone();
    moved["agency_unit_code"] = json!("H11.100");
    moved["workflow"][0]["unit_code"] = json!("H11.100");
    moved["workflow"][1]["unit_code"] = json!("H11.100");
    for body in [&update, &moved] {
        let r = app.send(Method::PUT, Some(&commune), &format!("/api/v1/procedures/{code}"), body).await;
        r.assert_error(403, "procedure_outside_admin_scope", None);
    }
    let (_, unchanged) = app.get(None, &format!("/api/v1/procedures/{code}")).await;
    assert_eq!(unchanged["version"], stored["version"]);
    let r = app.send(Method::PUT, Some(&department), &format!("/api/v1/procedures/{code}"), &update).await;
    r.assert_status(200);

    // An import is all or nothing: one procedure outside refuses the file.
    let file = json!([procedure("2.000904", "H11.100", ["H11.100", "H11.100"]), other_province]);
    let r = app.send(Method::POST, Some(&commune), "/api/v1/procedures/import", &file).await;
    r.assert_error(422, "unit_outside_admin_scope", Some("[1].agency_unit_code"));
    app.fetch(None, "/api/v1/procedures/2.000904").await.assert_status(404);
    let mut as_stored = update.clone();
    as_stored.as_object_mut().unwrap().remove("version");
    let r = app.send(Method::POST, Some(&commune), "/api/v1/procedures/import", &json!([as_stored])).await;
    assert_eq!(r.status, 200, "identical, so skipped: {:#}", r.body);
    let mut renamed = dept.clone();
    renamed["name"] = json!("Tên khác nữa");
    let r = app.send(Method::POST, Some(&commune), "/api/v1/procedures/import", &json!([renamed])).await;
    r.assert_error(403, "procedure_outside_admin_scope", Some("[0]"));
});

async fn campaign_2026(app: &TestApp) -> (i64, Value) {
    let office = app.login("noivu").await;
    let (_, list) = app.get(Some(&office), "/api/v1/reform/campaigns").await;
    let id = list.as_array().unwrap().iter().find(|c| c["year"] == 2026).unwrap()["id"].as_i64().unwrap();
    let (_, c) = app.get(Some(&office), &format!("/api/v1/reform/campaigns/{id}")).await;
    (id, c)
}

both_backends!(a_reform_officer_acts_only_on_the_units_its_unit_owns, |app| async move {
    let province = app.login(PROVINCE).await;
    let h11_100 = unit_id(&app, "H11.100").await;
    let h11_101 = unit_id(&app, "H11.101").await;
    let r = app
        .send(Method::POST, Some(&province), "/api/v1/users", &staff("cchc.thucphan", "reform_officer", h11_100))
        .await;
    r.assert_status(201);
    let login = json!({"username": "cchc.thucphan", "password": "mot-mat-khau-dai-2026"});
    let r = app.send(Method::POST, None, "/api/v1/auth/login", &login).await;
    let commune = r.assert_status(200)["token"].as_str().unwrap().to_owned();

    // The province's 2026 campaign evaluates six communes: not this office's.
    let (id, _) = campaign_2026(&app).await;
    let (_, list) = app.get(Some(&commune), "/api/v1/reform/campaigns").await;
    assert!(list.as_array().unwrap().iter().all(|c| c["id"] != id), "{list:#}");
    let campaign = format!("/api/v1/reform/campaigns/{id}");
    app.fetch(Some(&commune), &campaign).await.assert_error(404, "reform_campaign_not_found", None);
    let other_sheet = format!("{campaign}/units/{h11_101}");
    app.fetch(Some(&commune), &other_sheet).await.assert_error(404, "reform_campaign_not_found", None);
    let adjust = json!({"input": {"kind": "adjustment", "points": 0.5}, "note": "Điều chỉnh"});
    let r = app.send(Method::PUT, Some(&commune), &format!("{other_sheet}/entries/1.2/office"), &adjust).await;
    r.assert_error(404, "reform_campaign_not_found", None);
    let r =
        app.send(Method::POST, Some(&commune), &format!("{campaign}/status"), &json!({"status": "appraising"})).await;
    r.assert_error(404, "reform_campaign_not_found", None);
    // The province's office still runs it.
    let office = app.login("noivu").await;
    app.fetch(Some(&office), &other_sheet).await.assert_status(200);

    // SIPAS links: for its own unit, not for another commune.
    let (_, designs) = app.get(Some(&commune), "/api/v1/reform/sipas/designs").await;
    let design = designs.as_array().unwrap()[0]["id"].as_i64().unwrap();
    let tokens = format!("/api/v1/reform/sipas/designs/{design}/tokens");
    let r = app.send(Method::POST, Some(&commune), &tokens, &json!({"unit_id": h11_101, "count": 2})).await;
    r.assert_error(422, "reform_unit_outside_office", Some("unit_id"));
    let paper = format!("/api/v1/reform/sipas/designs/{design}/paper");
    let r = app.send(Method::POST, Some(&commune), &paper, &json!({"unit_id": h11_101, "forms": [[5, 4]]})).await;
    r.assert_error(422, "reform_unit_outside_office", Some("unit_id"));
    let index = format!("/api/v1/reform/sipas/designs/{design}/index?unit_id={h11_101}");
    app.fetch(Some(&commune), &index).await.assert_error(422, "reform_unit_outside_office", Some("unit_id"));
    let r = app.send(Method::POST, Some(&commune), &tokens, &json!({"unit_id": h11_100, "count": 2})).await;
    r.assert_status(201);

    // Campaigns over its own units only; the province's frameworks and
    // designs are read, not written.
    let (_, frameworks) = app.get(Some(&commune), "/api/v1/reform/frameworks").await;
    let framework = frameworks.as_array().unwrap()[0]["id"].as_i64().unwrap();
    let new = |units: Vec<i64>| {
        json!({"framework_id": framework, "year": 2026, "name": "Chấm điểm nội bộ", "period_from": "2026-01-01",
               "period_to": "2026-12-31", "deadline": "2027-01-10", "unit_ids": units})
    };
    let r = app.send(Method::POST, Some(&commune), "/api/v1/reform/campaigns", &new(vec![h11_100, h11_101])).await;
    r.assert_error(422, "reform_unit_outside_office", Some("unit_ids[1]"));
    let r = app.send(Method::POST, Some(&commune), "/api/v1/reform/campaigns", &new(vec![h11_100])).await;
    r.assert_status(201);
    let (_, template) = app.get(Some(&office), "/api/v1/reform/templates/commune").await;
    let r = app.req(Method::POST, "/api/v1/reform/frameworks").token(&commune).json(&template).send().await;
    r.assert_error(403, "reform_province_office_only", None);

    // A district's office (Sơn Tây, within Hà Nội) runs its communes' campaign.
    let sontay = app.login("noivu.sontay").await;
    let (_, list) = app.get(Some(&sontay), "/api/v1/reform/campaigns").await;
    assert!(list.as_array().unwrap().iter().any(|c| c["year"] == 2017), "{list:#}");
});

both_backends!(the_users_page_offers_the_reform_officer_role_only_to_the_province, |app| async move {
    let page_of = |user: &'static str| {
        let app = &app;
        async move {
            let client = app.page_client(Some(user), None).await;
            let page = Html::read(client.get(app.url("/admin/users")).send().await.unwrap()).await;
            page.assert_status(200);
            (client, page)
        }
    };
    let (_, province) = page_of(PROVINCE).await;
    province.assert_contains(&["value=\"reform_officer\""]);
    let (client, commune) = page_of(COMMUNE).await;
    commune.assert_lacks(&["value=\"reform_officer\"", "chuyenvien.snmt"]);

    // Re-roling a commune's specialist as a reform officer is refused all the same.
    let token = app.login(COMMUNE).await;
    let (_, users) = app.get(Some(&token), "/api/v1/users").await;
    let specialist = users.as_array().unwrap().iter().find(|u| u["username"] == "chuyenvien").unwrap().clone();
    let csrf = input_value(&commune.body, "_csrf").expect("a CSRF field");
    let unit = specialist["unit_id"].to_string();
    let change = [("_csrf", csrf.as_str()), ("role", "reform_officer"), ("unit_id", unit.as_str()), ("active", "on")];
    let path = app.url(&format!("/admin/users/{}", specialist["id"]));
    let res = Html::read(client.post(&path).form(&change).send().await.unwrap()).await;
    res.assert_status(403);
    res.assert_contains(&["Chỉ quản trị viên cấp tỉnh"]);
    let (_, after) = app.get(Some(&token), "/api/v1/users").await;
    let after = after.as_array().unwrap().iter().find(|u| u["username"] == "chuyenvien").unwrap().clone();
    assert_eq!(after["role"], "specialist");

    // A specialist of the department, seen from the commune: outside.
    let (_, all) = app.get(Some(&app.login(PROVINCE).await), "/api/v1/users").await;
    let other = all.as_array().unwrap().iter().find(|u| u["username"] == "chuyenvien.snmt").unwrap().clone();
    let change = [("_csrf", csrf.as_str()), ("role", "specialist"), ("unit_id", unit.as_str()), ("active", "on")];
    let path = app.url(&format!("/admin/users/{}", other["id"]));
    Html::read(client.post(&path).form(&change).send().await.unwrap()).await.assert_status(403);
});
