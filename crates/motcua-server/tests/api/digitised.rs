//! Digitised components and their reuse (issue 12): the counter scans a
//! component, the unit's agency signs it as an electronic copy, the copy is
//! kept for the applicant by identity number (and for their account), and
//! a later dossier reuses it instead of an upload. 766 indicators 4.2 and
//! 4.3 are counted live, as `stats check` replays them.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{BIRTH, BIRTH_COMPONENTS, ID_NUMBER, TestApp, at, one_page_pdf, submission};

fn quick_polls(c: &mut motcua_server::config::Config) {
    c.remote_poll_interval = Duration::from_millis(20);
}

async fn scan(app: &TestApp, token: &str, code: &str, component: &str, pdf: Vec<u8>) -> crate::common::Resp {
    let component = percent_encoding::utf8_percent_encode(component, percent_encoding::NON_ALPHANUMERIC);
    let path = format!("/api/v1/dossiers/{code}/scans?component={component}");
    app.req(Method::POST, &path).token(token).raw("application/pdf", pdf).send().await
}

async fn holder_docs(app: &TestApp, token: &str) -> Vec<Value> {
    let r =
        app.send(Method::POST, Some(token), "/api/v1/kept-documents/search", &json!({"id_number": ID_NUMBER})).await;
    r.assert_status(200).as_array().unwrap().clone()
}

async fn indicator(app: &TestApp, token: &str, id: &str) -> Value {
    let dash = app.fetch(Some(token), "/api/v1/stats/dashboard?unit=H11.100&period=2026-03").await;
    let dash = dash.assert_status(200);
    dash["unit"]["score"]["indicators"].as_array().unwrap().iter().find(|i| i["indicator"] == id).unwrap().clone()
}

both_backends!(
    the_counter_digitises_and_a_later_dossier_reuses,
    TestApp::builder().configure(quick_polls),
    |app| async move {
        app.set_now(at(2026, 3, 4, 9, 0));
        let counter = app.login("motcua").await;
        let d = app.counter_intake().await;
        let code = d["code"].as_str().unwrap().to_owned();
        let dossier_id = d["id"].as_i64().unwrap();

        // Bad input: nothing is written.
        scan(&app, &counter, &code, "Hộ chiếu", one_page_pdf()).await.assert_error(
            422,
            "reuse_component_unknown",
            Some("component"),
        );
        scan(&app, &counter, &code, BIRTH_COMPONENTS[0], b"GIF89a".to_vec()).await.assert_error(
            415,
            "not_pdf",
            Some("file"),
        );
        let citizen = app.login("congdan").await;
        scan(&app, &citizen, &code, BIRTH_COMPONENTS[0], one_page_pdf()).await.assert_status(403);
        assert!(app.state.store.attachments(dossier_id).await.unwrap().is_empty());

        // Both components scanned and digitised by the counter.
        let kept = scan(&app, &counter, &code, BIRTH_COMPONENTS[0], one_page_pdf()).await.assert_status(201).clone();
        assert_eq!((kept["kind"].as_str(), kept["name"].as_str()), (Some("digitised"), Some(BIRTH_COMPONENTS[0])));
        scan(&app, &counter, &code, BIRTH_COMPONENTS[1], one_page_pdf()).await.assert_status(201);

        // The copy is the scan plus the agency's signature, which verifies.
        let file_id = kept["file_id"].as_i64().unwrap();
        let (meta, copy) = app.state.store.attachment(dossier_id, file_id).await.unwrap().unwrap();
        assert_eq!(meta.component.as_deref(), Some(BIRTH_COMPONENTS[0]));
        assert!(copy.starts_with(&one_page_pdf()[..100]));
        let report = app.req(Method::POST, "/api/v1/signatures/verify").raw("application/pdf", copy).send().await;
        let report = report.assert_status(200).clone();
        assert_eq!(report["verdict"], "passed", "{report:#}");
        assert_eq!(report["signatures"][0]["role"], "agency");

        // A scan is digitised once.
        let source = kept["source_file_id"].as_i64().unwrap();
        let again = format!("/api/v1/dossiers/{code}/files/{source}/digitise");
        app.req(Method::POST, &again).token(&counter).send().await.assert_error(409, "already_digitised", Some("file"));

        // Kept by identity number: the counter finds both (a recorded view);
        // the citizen's account has none (the dossier is not theirs).
        assert_eq!(holder_docs(&app, &counter).await.len(), 2);
        let mine = app.fetch(Some(&citizen), "/api/v1/me/kept-documents").await.assert_status(200).clone();
        assert_eq!(mine, json!([]));
        app.send(Method::POST, Some(&citizen), "/api/v1/kept-documents/search", &json!({"id_number": ID_NUMBER}))
            .await
            .assert_status(403);

        // Online, the citizen may not reuse another account's document.
        let mut body = submission(BIRTH);
        body["reuse"] = json!([{"component": BIRTH_COMPONENTS[1], "kept_document_id": kept["id"]}]);
        app.create_dossier(&citizen, &body).await.assert_error(422, "kept_document_not_found", Some("reuse"));

        // At the counter, with the card: a new dossier reuses the copy, and 4.3 counts it.
        let mut body = submission(BIRTH);
        body["components"] = json!([{"name": BIRTH_COMPONENTS[0], "count": 1}]);
        body["reuse"] = json!([{"component": BIRTH_COMPONENTS[1], "kept_document_id": kept["id"]}]);
        let bad = json!([{"component": BIRTH_COMPONENTS[1], "kept_document_id": kept["id"]}, {"component": BIRTH_COMPONENTS[1], "kept_document_id": kept["id"]}]);
        let mut twice = body.clone();
        twice["reuse"] = bad;
        app.create_dossier(&counter, &twice).await.assert_error(422, "reuse_component_twice", Some("reuse"));
        let second = app.create_dossier(&counter, &body).await.assert_status(201).clone();
        let second_id = second["id"].as_i64().unwrap();
        let files = app.state.store.attachments(second_id).await.unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(
            (files[0].reuses, files[0].sha256.as_str()),
            (kept["id"].as_i64(), kept["sha256"].as_str().unwrap())
        );
        assert_eq!(second["components"].as_array().unwrap().len(), 2, "the reused component is handed in");
        let reuse = indicator(&app, &counter, "4.3").await;
        assert_eq!((reuse["numerator"].as_u64(), reuse["denominator"].as_u64()), (Some(1), Some(2)), "{reuse:#}");

        // The first dossier ends with an electronic result: 4.1 and 4.2 count it,
        // and the result is kept for the holder.
        app.act_ok(&counter, &code, "forward", None).await;
        let specialist = app.login("chuyenvien").await;
        let leader = app.login("lanhdao").await;
        let prepare = format!("/api/v1/dossiers/{code}/results?title=Gi%E1%BA%A5y%20khai%20sinh");
        app.req(Method::POST, &prepare)
            .token(&specialist)
            .raw("application/pdf", one_page_pdf())
            .send()
            .await
            .assert_status(201);
        app.act_ok(&specialist, &code, "forward", None).await;
        let sign = format!("/api/v1/dossiers/{code}/results/remote-signing");
        assert_eq!(app.req(Method::POST, &sign).token(&leader).send().await.status, 202);
        for _ in 0..200 {
            let v =
                app.fetch(Some(&leader), &format!("/api/v1/dossiers/{code}/results")).await.assert_status(200).clone();
            if v["results"][0]["state"] == "signed" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        app.set_now(at(2026, 3, 4, 10, 0));
        app.act_ok(&leader, &code, "finish", None).await;
        let digitised = indicator(&app, &leader, "4.2").await;
        assert_eq!((digitised["numerator"].as_u64(), digitised["denominator"].as_u64()), (Some(1), Some(1)));
        let kinds: Vec<String> =
            holder_docs(&app, &counter).await.iter().map(|k| k["kind"].as_str().unwrap().to_owned()).collect();
        assert_eq!(kinds, ["result", "digitised", "digitised"]);

        // Revoked, the result is offered no more; the counters still agree with the history.
        let revoke = format!("/api/v1/dossiers/{code}/results/revoke");
        app.send(Method::POST, Some(&leader), &revoke, &json!({"reason": "Cấp nhầm"})).await.assert_status(200);
        assert_eq!(holder_docs(&app, &counter).await.len(), 2);
        assert_eq!(app.state.store.check_stats().await.unwrap().differences, 0);
    }
);

both_backends!(a_citizen_reuses_a_copy_of_their_own_dossier, |app| async move {
    app.set_now(at(2026, 3, 5, 9, 0));
    let counter = app.login("motcua").await;
    let citizen = app.login("congdan").await;
    let first = app.online_submission().await;
    let code = first["code"].as_str().map(str::to_owned);
    let first_id = first["id"].as_i64().unwrap().to_string();
    app.act_ok(&counter, &first_id, "receive", None).await;
    let code = code.unwrap_or(app.dossier(&counter, &first_id).await["code"].as_str().unwrap().to_owned());
    scan(&app, &counter, &code, BIRTH_COMPONENTS[1], one_page_pdf()).await.assert_status(201);

    let mine = app.fetch(Some(&citizen), "/api/v1/me/kept-documents").await.assert_status(200).clone();
    let kept = mine.as_array().unwrap();
    assert_eq!(kept.len(), 1, "{mine:#}");
    assert!(!mine.to_string().contains(ID_NUMBER), "no identity number in the answer");

    // Reused online: counted for 4.3 when the counter receives it.
    let mut body = submission(BIRTH);
    body["reuse"] = json!([{"component": BIRTH_COMPONENTS[1], "kept_document_id": kept[0]["id"]}]);
    let second = app.create_dossier(&citizen, &body).await.assert_status(201).clone();
    assert_eq!(indicator(&app, &counter, "4.3").await["numerator"], 0);
    app.act_ok(&counter, &second["id"].as_i64().unwrap().to_string(), "receive", None).await;
    let reuse = indicator(&app, &counter, "4.3").await;
    assert_eq!((reuse["numerator"].as_u64(), reuse["denominator"].as_u64()), (Some(1), Some(2)), "{reuse:#}");
    assert_eq!(app.state.store.check_stats().await.unwrap().differences, 0);
});
