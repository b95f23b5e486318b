//! Electronic results on the pages (issue 12): the office's section and
//! forms, the owner's download in "My dossiers", the look-up's download for
//! whoever holds the code and check digits, and the result's public
//! verification page, in both languages.

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::common::html::{Html, input_value};
use crate::common::{CHECK, TestApp};

fn quick_polls(c: &mut motcua_server::config::Config) {
    c.remote_poll_interval = Duration::from_millis(20);
}

fn result_pdf() -> Vec<u8> {
    let agency = motcua_pdf::Agency {
        parent: "UBND TỈNH CAO BẰNG".into(),
        name: "UBND PHƯỜNG THỤC PHÁN".into(),
        place: "Thục Phán".into(),
        phone: None,
    };
    let printed_at = crate::common::at(2026, 3, 4, 8, 0);
    motcua_pdf::Register { agency, from: None, to: None, printed_at, lines: vec![], truncated: false }.render().unwrap()
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> Html {
    Html::read(client.get(app.url(path)).send().await.unwrap()).await
}

/// The result form of the office page, posted with `file`.
async fn post_result(client: &reqwest::Client, app: &TestApp, code: &str, title: &str, file: (Vec<u8>, &str)) -> Html {
    let page = get(client, app, &format!("/office/dossiers/{code}")).await;
    let csrf = input_value(&page.body, "_csrf").unwrap();
    let form = Form::new()
        .text("_csrf", csrf)
        .text("title", title.to_owned())
        .part("file", Part::bytes(file.0).file_name(file.1.to_owned()));
    Html::read(client.post(app.url(&format!("/office/dossiers/{code}/result"))).multipart(form).send().await.unwrap())
        .await
}

async fn results(app: &TestApp, token: &str, code: &str) -> Value {
    app.fetch(Some(token), &format!("/api/v1/dossiers/{code}/results")).await.assert_status(200).clone()
}

both_backends!(
    a_citizen_downloads_the_issued_result_and_its_page_says_passed,
    TestApp::builder().configure(quick_polls),
    |app| async move {
        // An online birth registration, received and at the specialist's step.
        let d = app.online_submission().await;
        let counter = app.login("motcua").await;
        let id = d["id"].to_string();
        let code = app.act_ok(&counter, &id, "receive", None).await["code"].as_str().unwrap().to_owned();
        app.act_ok(&counter, &code, "forward", None).await;

        // The specialist's form: a Word file is refused on the page, a PDF kept.
        let specialist = app.page_client(Some("chuyenvien"), None).await;
        let refused =
            post_result(&specialist, &app, &code, "Giấy khai sinh", (b"PK\x03\x04docx".to_vec(), "kq.docx")).await;
        refused.assert_status(415);
        refused.assert_contains(&["Kết quả điện tử", "không phải là tệp PDF"]);
        let kept = post_result(&specialist, &app, &code, "Giấy khai sinh", (result_pdf(), "kq.pdf")).await;
        kept.assert_status(303);
        let office = get(&specialist, &app, &format!("/office/dossiers/{code}")).await;
        office.assert_contains(&["Đã chuẩn bị, chờ ký", "cần lãnh đạo ký số"]);
        app.act_ok(&app.login("chuyenvien").await, &code, "forward", None).await;

        // The leader signs remotely from the page, then finishes.
        let leader = app.page_client(Some("lanhdao"), None).await;
        let page = get(&leader, &app, &format!("/office/dossiers/{code}")).await;
        page.assert_contains(&["Ký số từ xa", "Tải tệp để ký bằng phần mềm ký số"]);
        let csrf = input_value(&page.body, "_csrf").unwrap();
        let r = leader
            .post(app.url(&format!("/office/dossiers/{code}/result/sign")))
            .form(&[("_csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let token = app.login("lanhdao").await;
        for _ in 0..200 {
            if results(&app, &token, &code).await["results"][0]["state"] == "signed" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        app.act_ok(&token, &code, "finish", None).await;
        let issued = results(&app, &token, &code).await["results"][0].clone();
        assert_eq!(issued["state"], "issued");
        let verify_url = issued["verify_url"].as_str().unwrap().to_owned();
        let en = app.page_client(Some("lanhdao"), Some("en")).await;
        get(&en, &app, &format!("/office/dossiers/{code}")).await.assert_contains(&[
            "Electronic result",
            "Issued",
            "1/2026",
        ]);

        // The owner: the section, the download; a result's file is not a "file" of theirs.
        let citizen = app.page_client(Some("congdan"), None).await;
        let mine = get(&citizen, &app, &format!("/my/{code}")).await;
        mine.assert_contains(&["Kết quả điện tử", "Giấy khai sinh", "Đã ban hành", &verify_url]);
        let href = format!("/my/{code}/results/{}", issued["id"]);
        assert!(mine.body.contains(&href), "{}", mine.body);
        let pdf = citizen.get(app.url(&href)).send().await.unwrap();
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let attachments = app.state.store.attachments(d["id"].as_i64().unwrap()).await.unwrap();
        let result_file = attachments.iter().find(|f| f.kind == motcua_store::model::AttachmentKind::Result).unwrap();
        get(&citizen, &app, &format!("/my/{code}/files/{}", result_file.id)).await.assert_status(404);

        // Anyone with the code and the check digits downloads it from the look-up.
        let anyone = app.page_client(None, None).await;
        let form = get(&anyone, &app, "/lookup").await;
        let csrf = input_value(&form.body, "_csrf").unwrap();
        let found = Html::read(
            anyone
                .post(app.url("/lookup"))
                .form(&[("_csrf", csrf.as_str()), ("code", &code), ("check", CHECK)])
                .send()
                .await
                .unwrap(),
        )
        .await;
        found.assert_contains(&["Kết quả điện tử", "Tải kết quả (PDF)"]);
        let id = issued["id"].to_string();
        let wrong = anyone
            .post(app.url("/lookup/result"))
            .form(&[("_csrf", csrf.as_str()), ("code", &code), ("check", "0000"), ("id", &id)])
            .send()
            .await
            .unwrap();
        assert_ne!(wrong.status(), 200);
        let right = anyone
            .post(app.url("/lookup/result"))
            .form(&[("_csrf", csrf.as_str()), ("code", &code), ("check", CHECK), ("id", &id)])
            .send()
            .await
            .unwrap();
        assert_eq!(right.status(), 200);
        assert!(right.bytes().await.unwrap().starts_with(b"%PDF-"));

        // The verification page of its link, in both languages.
        let vi = get(&anyone, &app, &verify_url).await;
        vi.assert_contains(&["data-verdict=\"passed\"", "Phường Thục Phán", "1/2026", "Đã ban hành"]);
        vi.assert_lacks(&["Nguyễn"]);
        let en = app.page_client(None, Some("en")).await;
        get(&en, &app, &verify_url).await.assert_contains(&["data-verdict=\"passed\"", "Issued by", "Issued"]);
    }
);
