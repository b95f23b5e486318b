//! Signature verification through the API and the public page (issue 12):
//! a PDF signed with a certificate of the configured (test) root passes, one
//! changed byte fails, an unconfigured root is indeterminate, and bad input
//! is refused with its code and field.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use motcua_pdf::{Agency, Register};
use motcua_sign::{KeyFileSigner, SignRequest, SignatureRole, sign_pdf};
use reqwest::Method;
use reqwest::multipart::{Form, Part};

use crate::common::html::{Html, input_value};
use crate::common::{TestApp, at};

fn pki(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-pki").join(file)
}

/// The server of these tests trusts the test root (and has its CRL).
fn trusting(c: &mut motcua_server::config::Config) {
    c.trust_dir = Some(pki("trust"));
}

/// An unsigned PDF: an empty register of dossiers, made by motcua-pdf.
fn unsigned() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        let agency = Agency {
            parent: "UBND TỈNH CAO BẰNG".into(),
            name: "UBND XÃ HÒA AN".into(),
            place: "Hòa An".into(),
            phone: None,
        };
        Register { agency, from: None, to: None, printed_at: at(2026, 3, 1, 8, 0), lines: vec![], truncated: false }
            .render()
            .expect("the register renders")
    })
}

/// The register signed by the test agency on 1 March 2026, 09:00 in
/// Vietnam (before the test CRL of 2 March, so its status is known).
fn signed() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        let key = std::fs::read_to_string(pki("agency.key")).unwrap();
        let chain = std::fs::read_to_string(pki("agency-chain.pem")).unwrap();
        let signer = KeyFileSigner::from_pem(&key, &chain).expect("the test key loads");
        let time = Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap();
        sign_pdf(unsigned(), &signer, &SignRequest::new(SignatureRole::Agency, time)).expect("signs")
    })
}

async fn verify(app: &TestApp, pdf: Vec<u8>) -> crate::common::Resp {
    app.req(Method::POST, "/api/v1/signatures/verify").raw("application/pdf", pdf).send().await
}

both_backends!(
    a_signed_pdf_passes_and_one_changed_byte_fails,
    TestApp::builder().configure(trusting),
    |app| async move {
        let r = verify(&app, signed().to_vec()).await;
        let body = r.assert_status(200);
        assert_eq!(body["verdict"], "passed", "{body:#}");
        let sig = &body["signatures"][0];
        assert_eq!(sig["role"], "agency");
        assert_eq!(sig["signer_name"], "TEST ONLY UBND xã Hòa An");
        assert_eq!(sig["signing_time"], "2026-03-01T09:00:00+07:00");
        assert_eq!(sig["covers_whole_document"], true);
        assert_eq!(sig["findings"].as_array().unwrap().len(), 0, "{sig:#}");

        // One byte of the page content, inside the signed range.
        let mut changed = signed().to_vec();
        let at = unsigned().len() / 2;
        changed[at] = changed[at].wrapping_add(1);
        let body = verify(&app, changed).await.assert_status(200).clone();
        assert_eq!(body["verdict"], "failed", "{body:#}");
        let codes: Vec<&str> =
            body["signatures"][0]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"modified_after_signing") || codes.contains(&"signature_invalid"), "{codes:?}");
        let f = &body["signatures"][0]["findings"][0];
        assert!(f["message_vi"].as_str().unwrap().len() > 10 && f["message_en"].as_str().unwrap().len() > 10);
    }
);

both_backends!(without_a_configured_root_nothing_passes, |app| async move {
    // The default: no trust directory, so the chain cannot be known.
    let body = verify(&app, signed().to_vec()).await.assert_status(200).clone();
    assert_eq!(body["verdict"], "indeterminate", "{body:#}");
    let codes: Vec<&str> =
        body["signatures"][0]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"unknown_ca"), "{codes:?}");
});

both_backends!(
    bad_input_is_refused_with_its_code_and_field,
    TestApp::builder().configure(trusting),
    |app| async move {
        verify(&app, b"PK\x03\x04 a Word file".to_vec()).await.assert_error(415, "not_pdf", Some("document"));
        verify(&app, b"%PDF-1.7\n broken".to_vec()).await.assert_error(422, "pdf_unreadable", Some("document"));
        verify(&app, unsigned().to_vec()).await.assert_error(422, "no_signatures", Some("document"));
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(motcua_server::signatures::MAX_PDF + 1, b' ');
        verify(&app, big).await.assert_error(413, "file_too_large", Some("document"));
    }
);

both_backends!(
    the_public_page_checks_an_upload_in_both_languages,
    TestApp::builder().configure(trusting),
    |app| async move {
        for (lang, verdict, explained) in [
            (None, "Hợp lệ", "văn bản không bị thay đổi từ khi ký"),
            (Some("en"), "Passed", "the document is unchanged since it was signed"),
        ] {
            let client = app.page_client(None, lang).await;
            let form = Html::read(client.get(app.url("/verify")).send().await.unwrap()).await;
            let csrf = input_value(form.assert_status(200), "_csrf").unwrap();
            let upload = |pdf: &[u8]| {
                Form::new().text("_csrf", csrf.clone()).part(
                    "document",
                    Part::bytes(pdf.to_vec()).file_name("ket-qua.pdf").mime_str("application/pdf").unwrap(),
                )
            };
            let page =
                Html::read(client.post(app.url("/verify")).multipart(upload(signed())).send().await.unwrap()).await;
            page.assert_status(200);
            page.assert_contains(&[
                "data-verdict=\"passed\"",
                verdict,
                explained,
                "TEST ONLY UBND xã Hòa An",
                "2026-03-01T09:00:00+07:00",
            ]);

            // A file that is not a PDF: the form again, with the reason.
            let page =
                Html::read(client.post(app.url("/verify")).multipart(upload(b"hello")).send().await.unwrap()).await;
            page.assert_status(415);
            page.assert_contains(&["data-code=\"not_pdf\""]);

            // No file chosen.
            let empty = Form::new().text("_csrf", csrf.clone());
            let page = Html::read(client.post(app.url("/verify")).multipart(empty).send().await.unwrap()).await;
            page.assert_status(422);
            page.assert_contains(&["data-code=\"file_required\""]);
        }
    }
);
