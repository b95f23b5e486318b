//! Electronic results (issue 12): the specialist prepares the result PDF,
//! the leader signs it (the demo's remote-signing stand-in, or the signing
//! plugin's upload), "finish" adds the agency's signature and the register
//! number in the same transaction, and the result verifies as passed on its
//! public link; it can then be replaced or revoked with a reason.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use motcua_pdf::{Agency, Register};
use motcua_sign::{KeyFileSigner, SignRequest, SignatureRole, sign_pdf};
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{TestApp, at};

/// The demo's remote-signing stand-in answers at its second poll: ask often.
fn quick_polls(c: &mut motcua_server::config::Config) {
    c.remote_poll_interval = Duration::from_millis(20);
}

/// A one-page result PDF (an empty register made by motcua-pdf).
fn result_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        let agency = Agency {
            parent: "UBND TỈNH CAO BẰNG".into(),
            name: "UBND PHƯỜNG THỤC PHÁN".into(),
            place: "Thục Phán".into(),
            phone: None,
        };
        Register { agency, from: None, to: None, printed_at: at(2026, 3, 4, 8, 0), lines: vec![], truncated: false }
            .render()
            .expect("the register renders")
    })
}

const TITLE: &str = "title=Gi%E1%BA%A5y%20khai%20sinh";

/// A birth registration received at H11.100 and at the specialist's step.
async fn at_specialist(app: &TestApp) -> String {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&app.login("motcua").await, &code, "forward", None).await;
    code
}

async fn prepare(app: &TestApp, token: &str, code: &str, query: &str, pdf: Vec<u8>) -> crate::common::Resp {
    let path = format!("/api/v1/dossiers/{code}/results?{query}");
    app.req(Method::POST, &path).token(token).raw("application/pdf", pdf).send().await
}

async fn results(app: &TestApp, token: &str, code: &str) -> Value {
    app.fetch(Some(token), &format!("/api/v1/dossiers/{code}/results")).await.assert_status(200).clone()
}

/// Waits for the remote signature to be kept (or to fail).
async fn signed_remotely(app: &TestApp, token: &str, code: &str) -> Value {
    for _ in 0..200 {
        let view = results(app, token, code).await;
        let state = view["results"].as_array().unwrap().last().unwrap()["state"].clone();
        if state != "prepared" || view["signing"]["state"] == "failed" {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the remote signature never came back");
}

async fn verify(app: &TestApp, pdf: Vec<u8>) -> Value {
    app.req(Method::POST, "/api/v1/signatures/verify")
        .raw("application/pdf", pdf)
        .send()
        .await
        .assert_status(200)
        .clone()
}

async fn download(app: &TestApp, token: &str, code: &str, id: &Value) -> Vec<u8> {
    let url = app.url(&format!("/api/v1/dossiers/{code}/results/{id}/file"));
    let r = app.client.get(url).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    r.bytes().await.unwrap().to_vec()
}

both_backends!(
    the_leader_signs_finish_issues_and_the_public_link_verifies,
    TestApp::builder().configure(quick_polls),
    |app| async move {
        let code = at_specialist(&app).await;
        let specialist = app.login("chuyenvien").await;
        let leader = app.login("lanhdao").await;

        // Bad input first: nothing is written.
        prepare(&app, &specialist, &code, TITLE, b"GIF89a not a pdf".to_vec()).await.assert_error(
            415,
            "not_pdf",
            Some("file"),
        );
        prepare(&app, &specialist, &code, "title=%20", result_pdf().to_vec()).await.assert_error(
            422,
            "result_title_required",
            Some("title"),
        );
        let counter = app.login("motcua").await;
        prepare(&app, &counter, &code, TITLE, result_pdf().to_vec()).await.assert_error(403, "not_step_owner", None);
        assert_eq!(results(&app, &specialist, &code).await["results"], json!([]));

        // The specialist prepares it and sends the dossier to the leader.
        let r = prepare(&app, &specialist, &code, TITLE, result_pdf().to_vec()).await;
        let prepared = r.assert_status(201).clone();
        assert_eq!(
            (prepared["state"].as_str(), prepared["title"].as_str()),
            (Some("prepared"), Some("Giấy khai sinh"))
        );
        assert!(prepared["verify_url"].is_null() && prepared["register_number"].is_null());
        app.act_ok(&specialist, &code, "forward", None).await;

        // Finishing before the leader signed is refused, nothing written.
        let before = app.fingerprint(&leader, &code).await;
        let d = app.dossier(&leader, &code).await;
        app.act(&leader, &code, &json!({"action": "finish", "version": d["version"]})).await.assert_error(
            422,
            "result_not_signed",
            Some("result"),
        );
        assert_eq!(app.fingerprint(&leader, &code).await, before);
        // The specialist may not sign.
        app.req(Method::POST, &format!("/api/v1/dossiers/{code}/results/remote-signing"))
            .token(&specialist)
            .send()
            .await
            .assert_error(403, "result_signer_not_leader", None);

        // The leader signs through the remote provider (the demo's stand-in).
        let r = app
            .req(Method::POST, &format!("/api/v1/dossiers/{code}/results/remote-signing"))
            .token(&leader)
            .send()
            .await;
        assert_eq!(r.status, 202, "{:#}", r.body);
        let view = signed_remotely(&app, &leader, &code).await;
        let signed = &view["results"][0];
        assert_eq!(signed["state"], "signed", "{view:#}");
        assert_eq!(signed["signer_name"], "DEMO Lãnh đạo (lanhdao)");

        // Finish: the agency's signature and number 1 of the unit's 2026 register.
        app.set_now(at(2026, 3, 4, 10, 0));
        let d = app.act_ok(&leader, &code, "finish", None).await;
        assert_eq!(d["status"]["code"], 9);
        let view = results(&app, &leader, &code).await;
        let issued = view["results"][0].clone();
        assert_eq!((issued["state"].as_str(), issued["register_number"].as_str()), (Some("issued"), Some("1/2026")));
        assert_eq!(issued["issued_at"], "2026-03-04T10:00:00+07:00");
        // Counted live for 766 indicator 4.1, as the history counts it.
        assert_eq!(app.state.store.check_stats().await.unwrap().differences, 0);
        let dash = app.fetch(Some(&leader), "/api/v1/stats/dashboard?unit=H11.100&period=2026-03").await;
        let dash = dash.assert_status(200);
        let e = dash["unit"]["score"]["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["indicator"] == "4.1")
            .unwrap()
            .clone();
        assert_eq!((e["numerator"].as_u64(), e["provisional"].as_bool()), (Some(1), Some(true)), "{e:#}");

        // The issued file: the prepared bytes, then the leader's, then the agency's signature.
        let pdf = download(&app, &leader, &code, &issued["id"]).await;
        assert!(pdf.starts_with(result_pdf()), "a signed PDF is never rewritten");
        let report = verify(&app, pdf.clone()).await;
        assert_eq!(report["verdict"], "passed", "{report:#}");
        let roles: Vec<&str> =
            report["signatures"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
        assert_eq!(roles, ["signer", "agency"]);
        assert_eq!(report["signatures"][1]["signer_organization"], "UBND phường Thục Phán");

        // Its public link: no personal data, the verdict, the number.
        let link = issued["verify_url"].as_str().unwrap().replace("/verify/r/", "/api/v1/public/results/");
        let public = app.fetch(None, &link).await.assert_status(200).clone();
        assert_eq!(public["verification"]["verdict"], "passed");
        assert_eq!(
            (public["register_number"].as_str(), public["issuing_unit"].as_str()),
            (Some("1/2026"), Some("Phường Thục Phán"))
        );
        assert!(!public.to_string().contains("Nguyễn"), "no applicant on the public link");
        app.fetch(None, "/api/v1/public/results/not-a-token").await.assert_error(404, "result_not_found", None);

        // One byte changed: failed.
        let mut tampered = pdf.clone();
        let i = result_pdf().len() / 2;
        tampered[i] = tampered[i].wrapping_add(1);
        assert_eq!(verify(&app, tampered).await["verdict"], "failed");

        // Revoked with a reason, which the public link shows.
        let revoke = format!("/api/v1/dossiers/{code}/results/revoke");
        app.send(Method::POST, Some(&leader), &revoke, &json!({"reason": " "})).await.assert_error(
            422,
            "reason_required",
            Some("reason"),
        );
        app.send(Method::POST, Some(&specialist), &revoke, &json!({"reason": "x"})).await.assert_error(
            403,
            "result_not_issuer",
            None,
        );
        let r = app.send(Method::POST, Some(&leader), &revoke, &json!({"reason": "Cấp nhầm"})).await;
        assert_eq!(r.assert_status(200)["state"], "revoked");
        let public = app.fetch(None, &link).await.assert_status(200).clone();
        assert_eq!((public["state"].as_str(), public["end_reason"].as_str()), (Some("revoked"), Some("Cấp nhầm")));
    }
);

both_backends!(
    a_replacement_gets_a_new_number_and_the_plugin_upload_is_checked,
    TestApp::builder().configure(quick_polls),
    |app| async move {
        let code = at_specialist(&app).await;
        let specialist = app.login("chuyenvien").await;
        let leader = app.login("lanhdao").await;
        prepare(&app, &specialist, &code, TITLE, result_pdf().to_vec()).await.assert_status(201);
        app.act_ok(&specialist, &code, "forward", None).await;

        // The signing plugin: the served file, signed on the leader's machine.
        let url = app.url(&format!("/api/v1/dossiers/{code}/results/to-sign"));
        let served = app.client.get(url).bearer_auth(&leader).send().await.unwrap().bytes().await.unwrap().to_vec();
        assert_eq!(served, result_pdf());
        let demo = &motcua_server::demo::pki::pki().people["lanhdao"];
        let signer = KeyFileSigner::from_pem(&demo.key, &demo.chain).unwrap();
        let time = Utc.with_ymd_and_hms(2026, 3, 4, 2, 0, 0).unwrap();
        let sign = |pdf: &[u8]| sign_pdf(pdf, &signer, &SignRequest::new(SignatureRole::Signer, time)).unwrap();
        let upload = |pdf: Vec<u8>| {
            app.req(Method::POST, &format!("/api/v1/dossiers/{code}/results/signed"))
                .token(&leader)
                .raw("application/pdf", pdf)
                .send()
        };
        // Another document signed is not the one served.
        let mut other = result_pdf().to_vec();
        let i = other.len() / 2;
        other[i] = other[i].wrapping_add(1);
        upload(sign(&other)).await.assert_error(422, "upload_not_served_document", Some("file"));
        upload(served.clone()).await.assert_error(409, "duplicate_signature", Some("file"));
        let kept = upload(sign(&served)).await;
        assert_eq!(kept.assert_status(200)["state"], "signed");
        app.act_ok(&leader, &code, "finish", None).await;

        // A replacement: a reason, the leader's signature, a new number.
        let first = results(&app, &leader, &code).await["results"][0].clone();
        prepare(&app, &leader, &code, TITLE, result_pdf().to_vec()).await.assert_error(
            422,
            "reason_required",
            Some("reason"),
        );
        let r = prepare(&app, &leader, &code, &format!("{TITLE}&reason=Sai%20ng%C3%A0y%20sinh"), result_pdf().to_vec())
            .await;
        assert_eq!(r.assert_status(201)["replace_reason"], "Sai ngày sinh");
        app.req(Method::POST, &format!("/api/v1/dossiers/{code}/results/issue"))
            .token(&leader)
            .send()
            .await
            .assert_error(422, "result_not_signed", Some("result"));
        app.req(Method::POST, &format!("/api/v1/dossiers/{code}/results/remote-signing"))
            .token(&leader)
            .send()
            .await
            .assert_status(202);
        signed_remotely(&app, &leader, &code).await;
        let r = app.req(Method::POST, &format!("/api/v1/dossiers/{code}/results/issue")).token(&leader).send().await;
        let second = r.assert_status(200).clone();
        assert_eq!((second["state"].as_str(), second["register_number"].as_str()), (Some("issued"), Some("2/2026")));
        assert_eq!(second["replaces_id"], first["id"]);
        let view = results(&app, &leader, &code).await;
        assert_eq!(view["results"][0]["state"], "replaced");
        assert_eq!(view["results"][0]["end_reason"], "Sai ngày sinh");
        // The replacement is the same dossier's result: counted once.
        assert_eq!(app.state.store.check_stats().await.unwrap().differences, 0);
        let report = verify(&app, download(&app, &leader, &code, &second["id"]).await).await;
        assert_eq!(report["verdict"], "passed", "{report:#}");
    }
);
