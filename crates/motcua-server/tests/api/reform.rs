//! The reform office's API (PAR INDEX, SIPAS): the demo's published
//! rankings, who sees what, a unit's self-assessment and its appraisal,
//! framework and CSV imports, evidence files, single-use survey links.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::common::TestApp;

async fn campaign_named(app: &TestApp, token: &str, year: i64) -> Value {
    let (s, list) = app.get(Some(token), "/api/v1/reform/campaigns").await;
    assert_eq!(s, 200, "{list:#}");
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["year"] == year)
        .cloned()
        .unwrap_or_else(|| panic!("no {year} campaign in {list:#}"))
}

fn row<'a>(results: &'a Value, unit_code: &str) -> &'a Value {
    results["rows"].as_array().unwrap().iter().find(|r| r["ranked"]["unit_code"] == unit_code).unwrap()
}

both_backends!(demo_rankings_are_computed_from_the_stored_sheets, |app| async move {
    let bk = app.login("noivu.backan").await;
    let c = campaign_named(&app, &bk, 2022).await;
    assert_eq!(c["status"], "published");
    let (s, r) = app.get(Some(&bk), &format!("/api/v1/reform/campaigns/{}/results", c["id"])).await;
    assert_eq!(s, 200, "{r:#}");
    assert_eq!(r["rows"].as_array().unwrap().len(), 8);
    let ns = row(&r, "BK.NS");
    assert_eq!((ns["ranked"]["index"].as_f64(), ns["ranked"]["rank"].as_i64()), (Some(70.56), Some(8)));
    assert_eq!(ns["ranked"]["band_label_vi"], "Khá");
    // The five published areas (seed 000) come out of the stored entries.
    let area =
        |code: &str| ns["areas"].as_array().unwrap().iter().find(|a| a["code"] == code).unwrap()["points"].clone();
    assert_eq!(
        [area("1"), area("3"), area("5"), area("6"), area("7")],
        [json!(12), json!(11.5), json!(7), json!(5), json!(16.71)]
    );
    // Year on year against the imported 2021 table; losses from the worst.
    assert_eq!(ns["rank_change_vi"], "giảm 2 bậc");
    assert_eq!(r["previous_year"], 2021);
    assert_eq!(ns["losses"][0]["code"], "8");

    let st = app.login("noivu.sontay").await;
    let c = campaign_named(&app, &st, 2017).await;
    let (_, r) = app.get(Some(&st), &format!("/api/v1/reform/campaigns/{}/results", c["id"])).await;
    let xk = row(&r, "ST.XK");
    assert_eq!((xk["ranked"]["index"].as_f64(), xk["ranked"]["rank"].as_i64()), (Some(91.0), Some(1)));
    // Ties share a rank.
    assert_eq!(row(&r, "ST.VS")["ranked"]["rank"], 7);
    assert_eq!(row(&r, "ST.TST")["ranked"]["rank"], 7);
});

both_backends!(nobody_sees_another_province_or_another_unit, |app| async move {
    let cao_bang = app.login("noivu").await;
    let bk = app.login("noivu.backan").await;
    let bk_campaign = campaign_named(&app, &bk, 2022).await;
    app.fetch(Some(&cao_bang), &format!("/api/v1/reform/campaigns/{}", bk_campaign["id"])).await.assert_error(
        404,
        "reform_campaign_not_found",
        None,
    );
    app.fetch(Some(&cao_bang), &format!("/api/v1/reform/campaigns/{}/results", bk_campaign["id"])).await.assert_error(
        404,
        "reform_campaign_not_found",
        None,
    );
    // A commune leader sees the open campaign, its own sheet, and no other.
    let leader = app.login("lanhdao").await;
    let c = campaign_named(&app, &leader, 2026).await;
    let (_, full) = app.get(Some(&leader), &format!("/api/v1/reform/campaigns/{}", c["id"])).await;
    let unit_id =
        |code: &str| full["units"].as_array().unwrap().iter().find(|u| u["code"] == code).unwrap()["unit_id"].clone();
    let (s, sheet) =
        app.get(Some(&leader), &format!("/api/v1/reform/campaigns/{}/units/{}", c["id"], unit_id("H11.100"))).await;
    assert_eq!(s, 200, "{sheet:#}");
    assert!(sheet["items"].as_array().unwrap().len() > 20);
    app.fetch(Some(&leader), &format!("/api/v1/reform/campaigns/{}/units/{}", c["id"], unit_id("H11.101")))
        .await
        .assert_error(404, "reform_unit_not_in_campaign", None);
    // Units do not run campaigns; citizens and counters see nothing.
    app.fetch(Some(&leader), "/api/v1/reform/frameworks").await.assert_error(403, "forbidden", None);
    let citizen = app.login("congdan").await;
    app.fetch(Some(&citizen), "/api/v1/reform/campaigns").await.assert_error(403, "forbidden", None);
    app.fetch(None, "/api/v1/reform/campaigns").await.assert_error(401, "unauthenticated", None);
});

both_backends!(a_unit_self_assesses_and_the_office_appraises_with_reasons, |app| async move {
    let leader = app.login("lanhdao").await;
    let office = app.login("noivu").await;
    let c = campaign_named(&app, &office, 2026).await;
    let (_, full) = app.get(Some(&office), &format!("/api/v1/reform/campaigns/{}", c["id"])).await;
    assert_eq!((full["submitted"].as_i64(), full["deadline_passed"].as_bool()), (Some(0), Some(false)));
    let unit = full["units"].as_array().unwrap().iter().find(|u| u["code"] == "H11.100").unwrap()["unit_id"].clone();
    let base = format!("/api/v1/reform/campaigns/{}/units/{unit}", c["id"]);

    let r =
        app.send(Method::PUT, Some(&leader), &format!("{base}/entries/1.2/self"), &json!({"self_score": "2.5"})).await;
    r.assert_error(422, "par_points_above_max", Some("self_score"));
    let r = app.send(Method::PUT, Some(&leader), &format!("{base}/entries/1.2/self"), &json!({"self_score": -1})).await;
    r.assert_error(422, "par_points_negative", Some("self_score"));
    let r = app.send(Method::PUT, Some(&leader), &format!("{base}/entries/9.1/self"), &json!({"self_score": 1})).await;
    r.assert_error(422, "reform_entry_office_only", Some("code"));
    // The office appraises; it does not self-score for the unit.
    let r = app.send(Method::PUT, Some(&office), &format!("{base}/entries/1.2/self"), &json!({"self_score": 1})).await;
    r.assert_error(403, "forbidden", None);
    app.send(Method::POST, Some(&leader), &format!("{base}/submit"), &json!({})).await.assert_error(
        422,
        "reform_self_incomplete",
        Some("entries"),
    );

    let (_, sheet) = app.get(Some(&leader), &base).await;
    for item in sheet["items"].as_array().unwrap().iter().filter(|i| i["filled_by"] == "unit") {
        let path = format!("{base}/entries/{}/self", item["code"].as_str().unwrap());
        let r = app
            .send(Method::PUT, Some(&leader), &path, &json!({"self_score": item["max"], "note": "Có kế hoạch"}))
            .await;
        r.assert_status(200);
    }
    app.send(Method::POST, Some(&leader), &format!("{base}/submit"), &json!({})).await.assert_status(200);
    let (_, full) = app.get(Some(&office), &format!("/api/v1/reform/campaigns/{}", c["id"])).await;
    assert_eq!(full["submitted"], 1, "who submitted is visible");
    app.send(Method::POST, Some(&leader), &format!("{base}/submit"), &json!({})).await.assert_error(
        409,
        "reform_already_submitted",
        None,
    );

    let status = format!("/api/v1/reform/campaigns/{}/status", c["id"]);
    app.send(Method::POST, Some(&leader), &status, &json!({"status": "appraising"})).await.assert_error(
        403,
        "forbidden",
        None,
    );
    app.send(Method::POST, Some(&office), &status, &json!({"status": "published"})).await.assert_error(
        409,
        "reform_campaign_status",
        None,
    );
    app.send(Method::POST, Some(&office), &status, &json!({"status": "appraising"})).await.assert_status(200);

    let appraisal = format!("{base}/entries/1.2/appraisal");
    app.send(Method::PUT, Some(&office), &appraisal, &json!({"appraised": 1})).await.assert_error(
        422,
        "par_appraisal_reason_missing",
        Some("reason"),
    );
    let why = "Báo cáo CCHC quý II gửi muộn";
    app.send(Method::PUT, Some(&office), &appraisal, &json!({"appraised": 1, "reason": why})).await.assert_status(200);
    // The unit sees the appraised score and why.
    let (_, sheet) = app.get(Some(&leader), &base).await;
    let item = sheet["items"].as_array().unwrap().iter().find(|i| i["code"] == "1.2").unwrap();
    assert_eq!(item["entry"]["input"], json!({"kind": "assessed", "self_score": 2, "appraised": 1, "reason": why}));
    // Everything was audited, with before and after.
    let (_, audit) = app.get(Some(&office), &format!("/api/v1/reform/campaigns/{}/audit", c["id"])).await;
    let last = audit.as_array().unwrap().last().unwrap();
    assert_eq!(last["action"], "entry.appraise");
    assert!(last["before"].is_object() && last["after"].is_object());
    app.fetch(Some(&leader), &format!("/api/v1/reform/campaigns/{}/audit", c["id"])).await.assert_error(
        403,
        "forbidden",
        None,
    );
});

both_backends!(frameworks_and_published_tables_are_checked_on_import, |app| async move {
    let office = app.login("noivu").await;
    let (s, tpl) = app.get(Some(&office), "/api/v1/reform/templates/department").await;
    assert_eq!(s, 200);
    let mut bad = tpl.clone();
    bad["version"] = json!(2);
    bad["areas"][0]["max"] = json!(15);
    let r = app
        .req(Method::POST, "/api/v1/reform/frameworks")
        .token(&office)
        .raw("application/json", bad.to_string())
        .send()
        .await;
    r.assert_error(422, "par_max_sum_mismatch", Some("areas[0].max"));
    let r = app
        .req(Method::POST, "/api/v1/reform/frameworks")
        .token(&office)
        .raw("application/json", tpl.to_string())
        .send()
        .await;
    let meta = r.assert_status(201).clone();
    assert_eq!(meta["code"], "par-department");
    let (_, exported) = app.get(Some(&office), &format!("/api/v1/reform/frameworks/{}", meta["id"])).await;
    assert_eq!(exported, tpl, "export gives back what was imported");
    let r = app
        .req(Method::POST, "/api/v1/reform/frameworks")
        .token(&office)
        .raw("application/json", tpl.to_string())
        .send()
        .await;
    r.assert_error(409, "reform_framework_version_taken", Some("version"));

    let csv = "year,unit_code,unit_name,par_index,rank\n2025,H11.100,Phường Thục Phán,abc,1\n";
    let r = app.req(Method::POST, "/api/v1/reform/published").token(&office).raw("text/csv", csv).send().await;
    r.assert_error(422, "par_csv_value", Some("csv:2:4"));
    let csv = "year,unit_code,unit_name,par_index,rank,extra\n2025,H11.100,Phường Thục Phán,88.5,1,x\n";
    let r = app.req(Method::POST, "/api/v1/reform/published").token(&office).raw("text/csv", csv).send().await;
    assert_eq!(r.assert_status(200)["ignored_columns"], json!(["extra"]));
    let (_, rows) = app.get(Some(&office), "/api/v1/reform/published/2025").await;
    assert_eq!(rows[0]["index"], 88.5);
});

both_backends!(evidence_files_are_checked_like_dossier_files, |app| async move {
    let leader = app.login("lanhdao").await;
    let c = campaign_named(&app, &leader, 2026).await;
    let (_, full) = app.get(Some(&leader), &format!("/api/v1/reform/campaigns/{}", c["id"])).await;
    let unit = full["units"].as_array().unwrap().iter().find(|u| u["code"] == "H11.100").unwrap()["unit_id"].clone();
    let url = app.url(&format!("/api/v1/reform/campaigns/{}/units/{unit}/evidence", c["id"]));
    let client = reqwest::Client::new();
    let send = |name: &'static str, data: Vec<u8>| {
        let form = Form::new().text("code", "1.2").part("file", Part::bytes(data).file_name(name));
        client.post(url.clone()).bearer_auth(leader.clone()).multipart(form).send()
    };
    let r = send("script.exe", b"MZ\x90\x00".to_vec()).await.unwrap();
    assert_eq!(r.status(), 415);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        (body["error"]["code"].as_str(), body["error"]["field"].as_str()),
        (Some("file_type_not_allowed"), Some("file"))
    );
    let mut big = b"%PDF-1.4 ".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b'x');
    let r = send("lon.pdf", big).await.unwrap();
    assert_eq!(r.status(), 413);
    let r = send("ke-hoach.pdf", b"%PDF-1.4 ke hoach".to_vec()).await.unwrap();
    assert_eq!(r.status(), 201);
    let meta: Value = r.json().await.unwrap();
    let r = app
        .fetch(Some(&leader), &format!("/api/v1/reform/campaigns/{}/units/{unit}/evidence/{}", c["id"], meta["id"]))
        .await;
    assert_eq!(r.body, Value::String("%PDF-1.4 ke hoach".into()));
    let office = app.login("noivu").await;
    let (_, sheet) = app.get(Some(&office), &format!("/api/v1/reform/campaigns/{}/units/{unit}", c["id"])).await;
    assert_eq!(sheet["evidence"][0]["name"], "ke-hoach.pdf", "the office sees the unit's evidence");
});

both_backends!(survey_links_answer_once_and_feed_the_index, |app| async move {
    let office = app.login("noivu").await;
    let (_, designs) = app.get(Some(&office), "/api/v1/reform/sipas/designs").await;
    let design = designs[0]["id"].clone();
    let questions = designs[0]["questions"].as_u64().unwrap() as usize;
    let (_, units) = app.get(Some(&office), "/api/v1/units").await;
    let unit = units.as_array().unwrap().iter().find(|u| u["code"] == "H11.100").unwrap()["id"].clone();
    let r = app
        .send(
            Method::POST,
            Some(&office),
            &format!("/api/v1/reform/sipas/designs/{design}/tokens"),
            &json!({"unit_id": unit, "count": 2}),
        )
        .await;
    let issued = r.assert_status(201).clone();
    let token = issued["tokens"][0].as_str().unwrap().to_owned();
    assert_eq!(issued["links"][0], format!("/survey/{token}"));

    let (s, survey) = app.get(None, &format!("/api/v1/public/survey/{token}")).await;
    assert_eq!(s, 200);
    assert_eq!((survey["unit_name"].as_str(), survey["answered"].as_bool()), (Some("Phường Thục Phán"), Some(false)));
    let url = format!("/api/v1/public/survey/{token}");
    app.send(Method::POST, None, &url, &json!({"answers": [4]})).await.assert_error(
        422,
        "sipas_response_length",
        Some("answers"),
    );
    app.send(Method::POST, None, &url, &json!({"answers": vec![5; questions]})).await.assert_status(204);
    app.send(Method::POST, None, &url, &json!({"answers": vec![5; questions]})).await.assert_error(
        409,
        "sipas_token_used",
        None,
    );
    app.send(Method::POST, None, "/api/v1/public/survey/nope", &json!({"answers": vec![5; questions]}))
        .await
        .assert_error(404, "sipas_token_not_found", None);
    let mut paper = vec![json!(2); questions];
    paper[0] = Value::Null;
    let r = app
        .send(
            Method::POST,
            Some(&office),
            &format!("/api/v1/reform/sipas/designs/{design}/paper"),
            &json!({"unit_id": unit, "forms": [paper]}),
        )
        .await;
    assert_eq!(r.assert_status(200)["entered"], 1);

    let (_, index) =
        app.get(Some(&office), &format!("/api/v1/reform/sipas/designs/{design}/index?unit_id={unit}")).await;
    assert_eq!(index["index"]["respondents"], 2);
    // Mean of means: the paper form skipped question 1, so it has one
    // answer (satisfied, 100%) and the rest 50%; element 1 is (1 + ½ + ½)/3
    // and the index (⅔ + 4 × ½)/5 = 53.33%.
    assert_eq!(index["percent"], 53.33);
    let (_, n) = app.get(Some(&office), "/api/v1/reform/sipas/sample-size?population=17337").await;
    assert_eq!(n["sample"], 391);
    app.fetch(Some(&office), "/api/v1/reform/sipas/sample-size?population=100&margin=0").await.assert_error(
        422,
        "sipas_margin_invalid",
        Some("margin"),
    );
});
