//! One published procedure, every unit: the same commune procedure handled
//! by each commune that received it, a province procedure received at the
//! centre handled by its department, and the refusals at reception.

use serde_json::json;

use serde_json::Value;

use crate::common::{BIRTH, TestApp, submission, submission_with};

/// A demo unit's id, by code.
async fn unit_id(app: &TestApp, code: &str) -> Value {
    let admin = app.login("admin").await;
    let (_, units) = app.get(Some(&admin), "/api/v1/units").await;
    let unit = units.as_array().unwrap().iter().find(|u| u["code"] == code).unwrap_or_else(|| panic!("{code}"));
    unit["id"].clone()
}

both_backends!(each_commune_handles_its_own_commune_procedures, |app| async move {
    // Published once; every commune's counter receives it, and its steps
    // go to that commune's own officers.
    let thuc_phan = unit_id(&app, "H11.100").await;
    let hoa_an = unit_id(&app, "H11.103").await;
    let mut seen = Vec::new();
    for (counter, specialist, other_specialist, unit) in [
        ("motcua", "chuyenvien", "chuyenvien.hoaan", &thuc_phan),
        ("motcua.hoaan", "chuyenvien.hoaan", "chuyenvien", &hoa_an),
    ] {
        let counter = app.login(counter).await;
        let specialist = app.login(specialist).await;
        let other = app.login(other_specialist).await;
        let d = app.create_dossier(&counter, &submission(BIRTH)).await;
        let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();
        let d = app.act_ok(&counter, &code, "forward", None).await;
        assert_eq!((&d["current"]["unit_id"], d["current"]["role"].as_str()), (unit, Some("specialist")));
        // In this commune's specialist's inbox, not the other commune's.
        let (_, mine) = app.get(Some(&specialist), "/api/v1/inbox?limit=200").await;
        assert!(mine["items"].as_array().unwrap().iter().any(|i| i["code"] == code.as_str()), "{mine:#}");
        let (_, theirs) = app.get(Some(&other), "/api/v1/inbox?limit=200").await;
        assert!(!theirs["items"].as_array().unwrap().iter().any(|i| i["code"] == code.as_str()));
        let d = app.act_ok(&specialist, &code, "forward", None).await;
        assert_eq!(d["current"]["role"], "leader");
        seen.push(d["current"]["unit_id"].clone());
    }
    assert_ne!(seen[0], seen[1]);
});

both_backends!(a_province_procedure_goes_to_its_department_and_wrong_receivers_are_refused, |app| async move {
    let centre = app.login("motcua.tinh").await;
    let commune = app.login("motcua.hoaan").await;
    let (_, p) = app.get(None, "/api/v1/procedures/1.004227").await;
    let names: Vec<String> =
        p["components"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let snnmt = unit_id(&app, "H11.SNNMT").await;

    let d = app.create_dossier(&centre, &submission_with("1.004227", &names)).await;
    let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();
    let d = app.act_ok(&centre, &code, "forward", None).await;
    assert_eq!(d["current"]["unit_id"], snnmt);
    let department = app.login("chuyenvien.snmt").await;
    assert_eq!(app.dossier(&department, &code).await["current"]["role"], "specialist");

    // A commune does not receive a province procedure by default.
    let r = app.create_dossier(&commune, &submission_with("1.004227", &names)).await;
    r.assert_error(422, "receiver_not_allowed", Some("receiving_unit_code"));
    // Nor the centre a commune procedure: it has no commune to implement it.
    let r = app.create_dossier(&centre, &submission(BIRTH)).await;
    r.assert_error(422, "receiver_not_allowed", Some("receiving_unit_code"));
    // A citizen choosing the centre for a commune procedure is told why, in
    // both languages.
    let citizen = app.login("congdan").await;
    let mut body = submission(BIRTH);
    body["receiving_unit_code"] = json!("H11.TTPVHCC");
    let r = app.create_dossier(&citizen, &body).await;
    r.assert_error(422, "receiver_not_allowed", Some("receiving_unit_code"));
    assert!(
        r.body["error"]["message_vi"].as_str().unwrap().contains("không tiếp nhận thủ tục 1.001193"),
        "{:#}",
        r.body
    );
    assert!(r.body["error"]["message_en"].as_str().unwrap().contains("does not receive procedure"), "{:#}", r.body);
    // The same citizen at Xã Hòa An: accepted, and routed there.
    body["receiving_unit_code"] = json!("H11.103");
    app.create_dossier(&citizen, &body).await.assert_status(201);
});
