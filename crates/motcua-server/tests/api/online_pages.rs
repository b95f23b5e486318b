//! The pages of "toàn trình" online: the citizen's supplement and
//! withdrawal on `/my/{ref}` (Vietnamese and English), the counter's page
//! and inbox showing a supplement that arrived, the procedure's forms on
//! its public page and in the editor.

use reqwest::multipart::{Form, Part};

use super::online::{pdf, waiting_for_supplement};
use crate::common::html::{Html, input_value};
use crate::common::{BIRTH, TestApp};

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> Html {
    Html::read(client.get(app.url(path)).send().await.unwrap()).await
}

async fn post(client: &reqwest::Client, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Html {
    Html::read(client.post(app.url(path)).form(fields).send().await.unwrap()).await
}

async fn post_files(client: &reqwest::Client, app: &TestApp, path: &str, form: Form) -> Html {
    Html::read(client.post(app.url(path)).multipart(form).send().await.unwrap()).await
}

both_backends!(the_citizen_sends_the_supplement_from_the_dossier_page, |app| async move {
    let (code, _) = waiting_for_supplement(&app).await;
    let vi = app.page_client(Some("congdan"), None).await;
    let page = get(&vi, &app, &format!("/my/{code}")).await;
    let html = page.assert_status(200).to_owned();
    page.assert_contains(&["Nộp bổ sung trực tuyến", "Thiếu bản sao giấy chứng sinh", "name=\"files\"", "Gửi bổ sung"]);
    let csrf = input_value(&html, "_csrf").unwrap();
    let version = input_value(&html, "version").unwrap();

    // A refused type: the page again, with the error on the form, nothing written.
    let form = Form::new()
        .text("_csrf", csrf.clone())
        .text("version", version.clone())
        .part("files", Part::bytes(b"MZ\x90\x00".to_vec()).file_name("don.pdf"));
    let refused = post_files(&vi, &app, &format!("/my/{code}/supplement"), form).await;
    refused.assert_status(415);
    refused.assert_contains(&["id=\"supplement-error\"", "data-code=\"file_type_not_allowed\""]);
    // No token: refused before anything is read.
    let form = Form::new().text("version", version.clone()).part("files", Part::bytes(pdf("a")).file_name("a.pdf"));
    post_files(&vi, &app, &format!("/my/{code}/supplement"), form).await.assert_status(403);

    let form = Form::new()
        .text("_csrf", csrf)
        .text("version", version)
        .text("note", "Bản sao đã chứng thực")
        .part("files", Part::bytes(pdf("cs")).file_name("Giấy chứng sinh.pdf"));
    let done = post_files(&vi, &app, &format!("/my/{code}/supplement"), form).await;
    done.assert_status(303);
    assert!(done.location().contains("done=supplement-sent"), "{}", done.location());
    let page = get(&vi, &app, done.location()).await;
    page.assert_status(200);
    page.assert_contains(&[
        "Đã gửi bổ sung. Bộ phận Một cửa sẽ kiểm tra",
        "id=\"supplement-arrived\"",
        "Công dân đã nộp bổ sung trực tuyến",
        "Giấy chứng sinh.pdf",
    ]);

    // In English.
    let en = app.page_client(Some("congdan"), Some("en")).await;
    let page = get(&en, &app, &format!("/my/{code}")).await;
    page.assert_status(200);
    page.assert_contains(&[
        "Supplement sent; waiting for the one-stop counter to check it.",
        "Send the supplement online",
        "The citizen sent the supplement online",
        "Withdraw the dossier",
    ]);

    // The counter: the inbox flags it, the dossier page says it plainly.
    let counter = app.page_client(Some("motcua"), None).await;
    let inbox = get(&counter, &app, "/office/inbox").await;
    inbox.assert_status(200);
    inbox.assert_contains(&["Đã có bổ sung trực tuyến"]);
    let page = get(&counter, &app, &format!("/office/dossiers/{code}")).await;
    page.assert_status(200);
    page.assert_contains(&[
        "Công dân đã nộp bổ sung trực tuyến, chờ kiểm tra.",
        "Công dân đã nộp bổ sung trực tuyến",
        "Bản sao đã chứng thực",
        "Giấy chứng sinh.pdf",
        "Đã nhận bổ sung",
    ]);
    let counter_en = app.page_client(Some("motcua"), Some("en")).await;
    get(&counter_en, &app, &format!("/office/dossiers/{code}"))
        .await
        .assert_contains(&["The citizen sent the supplement online; it waits to be checked."]);
});

both_backends!(the_citizen_withdraws_from_the_dossier_page_after_a_question, |app| async move {
    let d = app.online_submission().await;
    let id = d["id"].to_string();
    let vi = app.page_client(Some("congdan"), None).await;
    let page = get(&vi, &app, &format!("/my/{id}")).await;
    let html = page.assert_status(200).to_owned();
    page.assert_contains(&["id=\"withdraw\"", "Lý do rút hồ sơ"]);
    let csrf = input_value(&html, "_csrf").unwrap();
    let version = input_value(&html, "version").unwrap();
    let path = format!("/my/{id}/withdraw");

    // No reason: told on the form, before any question.
    let r = post(&vi, &app, &path, &[("_csrf", &csrf), ("version", &version), ("note", " ")]).await;
    r.assert_status(422);
    r.assert_contains(&["id=\"withdraw-error\"", "data-code=\"required\""]);
    // With a reason: the question first, nothing done yet.
    let q = post(&vi, &app, &path, &[("_csrf", &csrf), ("version", &version), ("note", "Nộp nhầm thủ tục")]).await;
    q.assert_status(200);
    q.assert_contains(&["id=\"confirm-yes\"", "Nộp nhầm thủ tục", "không hoàn tác được"]);
    assert_eq!(app.dossier(&app.login("congdan").await, &id).await["status"]["key"], "submitted");
    let done = post(
        &vi,
        &app,
        &path,
        &[("_csrf", &csrf), ("version", &version), ("note", "Nộp nhầm thủ tục"), ("confirm", "yes")],
    )
    .await;
    done.assert_status(303);
    let page = get(&vi, &app, done.location()).await;
    page.assert_contains(&[
        "Đã rút hồ sơ. Hồ sơ không được giải quyết tiếp.",
        "Công dân yêu cầu rút hồ sơ",
        "Nộp nhầm thủ tục",
    ]);
    page.assert_lacks(&["id=\"withdraw\""]);
    let en = app.page_client(Some("congdan"), Some("en")).await;
    get(&en, &app, &format!("/my/{id}")).await.assert_contains(&["Withdrawn", "Nộp nhầm thủ tục"]);
});

both_backends!(the_procedure_page_lists_its_forms_and_the_editor_manages_them, |app| async move {
    let admin = app.page_client(Some("admin"), None).await;
    let page = get(&admin, &app, &format!("/admin/procedures/{BIRTH}/forms")).await;
    let html = page.assert_status(200).to_owned();
    page.assert_contains(&["Thủ tục chưa có tệp mẫu đơn, tờ khai.", "enctype=\"multipart/form-data\""]);
    let csrf = input_value(&html, "_csrf").unwrap();
    let form = Form::new()
        .text("_csrf", csrf.clone())
        .text("name", "Tờ khai đăng ký khai sinh")
        .part("file", Part::bytes(pdf("tk")).file_name("tk.pdf"));
    let done = post_files(&admin, &app, &format!("/admin/procedures/{BIRTH}/forms"), form).await;
    done.assert_status(303);
    // A photo is refused on the page, with its message.
    let form = Form::new()
        .text("_csrf", csrf.clone())
        .part("file", Part::bytes(b"\x89PNG\r\n\x1a\n..".to_vec()).file_name("anh.png"));
    let refused = post_files(&admin, &app, &format!("/admin/procedures/{BIRTH}/forms"), form).await;
    refused.assert_status(415);
    refused.assert_contains(&["data-code=\"form_type_not_allowed\"", "không phải PDF, DOC, DOCX, XLS hoặc XLSX"]);
    get(&admin, &app, &format!("/admin/procedures/{BIRTH}")).await.assert_contains(&["id=\"forms-link\""]);
    get(&admin, &app, &format!("/admin/procedures/{BIRTH}/history"))
        .await
        .assert_contains(&["Thêm mẫu đơn, tờ khai: Tờ khai đăng ký khai sinh.pdf"]);

    // The public page, in both languages, for anyone.
    let anyone = app.page_client(None, None).await;
    let page = get(&anyone, &app, &format!("/procedures/{BIRTH}")).await;
    page.assert_status(200);
    page.assert_contains(&["Tải mẫu đơn, tờ khai về", "Tờ khai đăng ký khai sinh.pdf", "(PDF,"]);
    let en = app.page_client(None, Some("en")).await;
    get(&en, &app, &format!("/procedures/{BIRTH}")).await.assert_contains(&["Download the forms"]);
    let forms = app.state.store.procedure_forms(BIRTH.into()).await.unwrap();
    let res = anyone.get(app.url(&format!("/procedures/{BIRTH}/forms/{}", forms[0].id))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf("tk"));
    get(&anyone, &app, &format!("/procedures/{BIRTH}/forms/99999")).await.assert_status(404);

    // Removing asks first.
    let path = format!("/admin/procedures/{BIRTH}/forms/{}/remove", forms[0].id);
    let q = post(&admin, &app, &path, &[("_csrf", &csrf)]).await;
    q.assert_status(200);
    q.assert_contains(&["id=\"confirm-yes\""]);
    assert_eq!(app.state.store.procedure_forms(BIRTH.into()).await.unwrap().len(), 1);
    post(&admin, &app, &path, &[("_csrf", &csrf), ("confirm", "yes")]).await.assert_status(303);
    assert!(app.state.store.procedure_forms(BIRTH.into()).await.unwrap().is_empty());
});
