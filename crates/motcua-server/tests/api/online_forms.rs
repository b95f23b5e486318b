//! The form files of a procedure (tờ khai, mẫu đơn) through the API, on
//! both databases: the administrator who may edit the procedure adds,
//! renames and removes them; anyone lists and downloads them; every change
//! is in the procedure's history; every refusal writes nothing.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::online::pdf;
use crate::common::{BIRTH, Resp, TestApp};

const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

async fn upload(app: &TestApp, token: Option<&str>, code: &str, name: Option<&str>, file: (&str, Vec<u8>)) -> Resp {
    let mut form = Form::new();
    if let Some(n) = name {
        form = form.text("name", n.to_owned());
    }
    form = form.part("file", Part::bytes(file.1).file_name(file.0.to_owned()));
    let mut req = app.client.post(app.url(&format!("/api/v1/procedures/{code}/forms"))).multipart(form);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = serde_json::from_slice(&res.bytes().await.unwrap()).unwrap_or(Value::Null);
    Resp { status, headers, body }
}

async fn forms(app: &TestApp, code: &str) -> Vec<Value> {
    let (s, body) = app.get(None, &format!("/api/v1/procedures/{code}/forms")).await;
    assert_eq!(s, 200, "{body:#}");
    body.as_array().unwrap().clone()
}

async fn history_len(app: &TestApp, code: &str) -> usize {
    let (s, body) = app.get(None, &format!("/api/v1/procedures/{code}/history")).await;
    assert_eq!(s, 200, "{body:#}");
    body.as_array().unwrap().len()
}

both_backends!(an_administrator_adds_renames_and_removes_forms_anyone_downloads_them, |app| async move {
    let admin = app.login("admin").await;
    let history = history_len(&app, BIRTH).await;
    let body = pdf("to-khai");
    let r = upload(&app, Some(&admin), BIRTH, Some("Tờ khai đăng ký khai sinh"), ("tk.pdf", body.clone())).await;
    let f = r.assert_status(201).clone();
    assert_eq!(f["name"], "Tờ khai đăng ký khai sinh.pdf");
    assert_eq!(f["content_type"], "application/pdf");
    // An old Word form keeps its own name.
    let mut doc = OLE2.to_vec();
    doc.extend(b"word 97");
    let r = upload(&app, Some(&admin), BIRTH, None, ("Mau-to-khai.doc", doc)).await;
    assert_eq!(r.assert_status(201)["content_type"], "application/msword");
    let listed = forms(&app, BIRTH).await;
    assert_eq!(listed.len(), 2);

    // Anyone downloads it, without logging in, under its name.
    let id = f["id"].as_i64().unwrap();
    let res = app.client.get(app.url(&format!("/api/v1/procedures/{BIRTH}/forms/{id}"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("filename*=UTF-8''T%E1%BB%9D%20khai"));
    assert_eq!(res.bytes().await.unwrap().to_vec(), body);

    // Renamed: the extension stays the file's.
    let r = app
        .send(
            Method::PATCH,
            Some(&admin),
            &format!("/api/v1/procedures/{BIRTH}/forms/{id}"),
            &json!({"name": "Mẫu TK-01"}),
        )
        .await;
    assert_eq!(r.assert_status(200)["name"], "Mẫu TK-01.pdf");
    // Removed.
    let r = app.send(Method::DELETE, Some(&admin), &format!("/api/v1/procedures/{BIRTH}/forms/{id}"), &json!({})).await;
    assert_eq!(r.status, 204);
    assert_eq!(forms(&app, BIRTH).await.len(), 1);
    app.fetch(None, &format!("/api/v1/procedures/{BIRTH}/forms/{id}")).await.assert_error(
        404,
        "procedure_form_not_found",
        None,
    );

    // The history tells each change and the form's name.
    let (_, h) = app.get(None, &format!("/api/v1/procedures/{BIRTH}/history")).await;
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), history + 4);
    let changes: Vec<&str> = h.iter().filter_map(|c| c["form_name"].as_str().and(c["change"].as_str())).collect();
    assert_eq!(changes, ["form_added", "form_added", "form_renamed", "form_removed"]);
    let renamed = h.iter().find(|c| c["change"] == "form_renamed").unwrap();
    assert_eq!(
        (renamed["form_name"].as_str(), renamed["form_old_name"].as_str()),
        (Some("Mẫu TK-01.pdf"), Some("Tờ khai đăng ký khai sinh.pdf"))
    );

    // Export and import leave the forms where they are (they do not travel).
    let (s, export) = app.get(Some(&admin), "/api/v1/procedures/export").await;
    assert_eq!(s, 200);
    assert!(!export.to_string().contains("Mau-to-khai"));
    let (s, imported) = app.post(Some(&admin), "/api/v1/procedures/import", &export).await;
    assert_eq!(s, 200, "{imported:#}");
    assert_eq!(forms(&app, BIRTH).await.len(), 1);
});

both_backends!(bad_form_files_are_refused_with_nothing_written, |app| async move {
    let admin = app.login("admin").await;
    let history = history_len(&app, BIRTH).await;
    let check =
        |r: Resp, status: u16, code: &'static str, field: Option<&'static str>| r.assert_error(status, code, field);
    // Not logged in, not an administrator, another administrator's procedure.
    check(upload(&app, None, BIRTH, None, ("a.pdf", pdf("a"))).await, 401, "unauthenticated", None);
    let counter = app.login("motcua").await;
    check(upload(&app, Some(&counter), BIRTH, None, ("a.pdf", pdf("a"))).await, 403, "forbidden", None);
    let dept = app.login("quantri.snmt").await;
    check(
        upload(&app, Some(&dept), BIRTH, None, ("a.pdf", pdf("a"))).await,
        403,
        "procedure_outside_admin_scope",
        None,
    );
    // Unknown procedure; a photo; an OLE2 file not named .doc/.xls; a program; empty; too large.
    check(upload(&app, Some(&admin), "9.999999", None, ("a.pdf", pdf("a"))).await, 404, "procedure_not_found", None);
    let png = b"\x89PNG\r\n\x1a\n....".to_vec();
    check(upload(&app, Some(&admin), BIRTH, None, ("a.png", png)).await, 415, "form_type_not_allowed", Some("file"));
    check(
        upload(&app, Some(&admin), BIRTH, None, ("thu.msg", OLE2.to_vec())).await,
        415,
        "form_type_not_allowed",
        Some("file"),
    );
    check(
        upload(&app, Some(&admin), BIRTH, None, ("x.pdf", b"MZ\x90".to_vec())).await,
        415,
        "form_type_not_allowed",
        Some("file"),
    );
    check(upload(&app, Some(&admin), BIRTH, None, ("x.pdf", vec![])).await, 422, "empty_file", Some("file"));
    let mut big = pdf("big");
    big.resize(5 * 1024 * 1024 + 1, b' ');
    check(upload(&app, Some(&admin), BIRTH, None, ("big.pdf", big)).await, 413, "file_too_large", Some("file"));
    assert!(forms(&app, BIRTH).await.is_empty());
    assert_eq!(history_len(&app, BIRTH).await, history);

    // A name taken (whatever its case), then a rename onto it.
    upload(&app, Some(&admin), BIRTH, Some("Tờ khai"), ("a.pdf", pdf("a"))).await.assert_status(201);
    let second = upload(&app, Some(&admin), BIRTH, Some("Phụ lục"), ("b.pdf", pdf("b"))).await;
    let id = second.assert_status(201)["id"].as_i64().unwrap();
    check(
        upload(&app, Some(&admin), BIRTH, Some("TỜ KHAI"), ("c.pdf", pdf("c"))).await,
        409,
        "procedure_form_name_taken",
        Some("name"),
    );
    let path = format!("/api/v1/procedures/{BIRTH}/forms/{id}");
    app.send(Method::PATCH, Some(&admin), &path, &json!({"name": "tờ khai"})).await.assert_error(
        409,
        "procedure_form_name_taken",
        Some("name"),
    );
    app.send(Method::PATCH, Some(&admin), &path, &json!({"name": "  "})).await.assert_error(
        422,
        "required",
        Some("name"),
    );
    app.send(Method::PATCH, Some(&dept), &path, &json!({"name": "Khác"})).await.assert_error(
        403,
        "procedure_outside_admin_scope",
        None,
    );
    app.send(Method::DELETE, Some(&dept), &path, &json!({})).await.assert_error(
        403,
        "procedure_outside_admin_scope",
        None,
    );
    let names: Vec<Value> = forms(&app, BIRTH).await.iter().map(|f| f["name"].clone()).collect();
    assert_eq!(names, [json!("Tờ khai.pdf"), json!("Phụ lục.pdf")]);
    assert_eq!(history_len(&app, BIRTH).await, history + 2);

    // At most ten forms.
    for i in 2..10 {
        upload(&app, Some(&admin), BIRTH, Some(&format!("Mẫu {i}")), ("m.pdf", pdf("m"))).await.assert_status(201);
    }
    check(
        upload(&app, Some(&admin), BIRTH, Some("Mẫu 11"), ("m.pdf", pdf("m"))).await,
        409,
        "too_many_forms",
        Some("file"),
    );
    assert_eq!(forms(&app, BIRTH).await.len(), 10);
});
