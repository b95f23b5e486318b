//! Electronic forms (tờ khai điện tử) through the API and the pages, on
//! both databases: anyone reads a procedure's e-form; its administrator
//! defines and removes it (every problem at once, in the history); a
//! citizen's online submission carries the values, checked all at once,
//! rendered to a PDF that is the dossier's file for the form's component,
//! and kept as text for the counter.

use reqwest::Method;
use reqwest::multipart::Form;
use serde_json::{Value, json};

use crate::common::html::{Html, input_value};
use crate::common::{APPLICANT_NAME, BIRTH, ID_NUMBER, PHONE, TestApp, submission_with};

/// A demo procedure with an e-form: the marital-status certificate.
const MARITAL: &str = "1.004884";
const COMPONENT: &str = "Tờ khai theo mẫu";
const CCCD: &str = "Bản sao Căn cước công dân";

fn good_values() -> Value {
    json!({
        "full_name": "Nguyễn Văn An",
        "birth_date": "15/08/1990",
        "sex": "Nam",
        "ethnicity": "Tày",
        "residence": "Tổ 5, phường Thục Phán",
        "status": "Chưa đăng ký kết hôn với ai",
        "purpose": "Để đăng ký kết hôn",
        "copies": "2",
        "pledge": "yes"
    })
}

fn with_eform(values: Value) -> Value {
    let mut body = submission_with(MARITAL, &[CCCD]);
    body["receiving_unit_code"] = json!("H11.100");
    body["eform"] = values;
    body
}

/// The text of a PDF, by poppler's `pdftotext` when it is installed (CI
/// installs it); `None` otherwise.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("motcua-eform-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("f.pdf");
    std::fs::write(&file, pdf).ok()?;
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&file).arg("-").output().ok();
    let _ = std::fs::remove_dir_all(&dir);
    let out = out?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

/// The e-form's PDF of a dossier, from the store: its attachment for the component.
async fn the_pdf(app: &TestApp, dossier_id: i64) -> (String, Vec<u8>) {
    let files = app.state.store.attachments(dossier_id).await.unwrap();
    let meta = files.iter().find(|f| f.component.as_deref() == Some(COMPONENT)).expect("the form's file");
    assert_eq!(meta.content_type, "application/pdf");
    let (meta, data) = app.state.store.attachment(dossier_id, meta.id).await.unwrap().unwrap();
    (meta.name, data)
}

both_backends!(anyone_reads_an_eform_and_a_procedure_without_one_has_none, |app| async move {
    let (s, body) = app.get(None, &format!("/api/v1/procedures/{MARITAL}/eform")).await;
    assert_eq!(s, 200, "{body:#}");
    assert_eq!(body["title_vi"], "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân");
    assert_eq!(body["component"], COMPONENT);
    let kinds: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    for k in ["text", "date", "choice", "number", "long_text", "yes_no"] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    let r = app.send(Method::GET, None, &format!("/api/v1/procedures/{BIRTH}/eform"), &json!({})).await;
    r.assert_error(404, "eform_not_found", None);
    let r = app.send(Method::GET, None, "/api/v1/procedures/9.999999/eform", &json!({})).await;
    r.assert_error(404, "procedure_not_found", None);
});

both_backends!(a_citizen_submits_an_eform_rendered_to_pdf_and_kept_for_the_counter, |app| async move {
    let citizen = app.login("congdan").await;
    let r = app.create_dossier(&citizen, &with_eform(good_values())).await;
    let d = r.assert_status(201).clone();
    let id = d["id"].as_i64().unwrap();
    // The form's component is handed in with the one listed.
    let given: Vec<&str> = d["components"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(given.contains(&COMPONENT) && given.contains(&CCCD), "{given:?}");

    // The values as text, normalised, for the owner and the counter.
    let (s, e) = app.get(Some(&citizen), &format!("/api/v1/dossiers/{id}/eform")).await;
    assert_eq!(s, 200, "{e:#}");
    assert_eq!(e["component"], COMPONENT);
    let value = |key: &str| e["fields"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap()["value"].clone();
    assert_eq!(value("birth_date"), "15/08/1990");
    assert_eq!(value("pledge"), "yes");
    assert_eq!(value("note"), "");
    let counter = app.login("motcua").await;
    let (s, _) = app.get(Some(&counter), &format!("/api/v1/dossiers/{id}/eform")).await;
    assert_eq!(s, 200);
    // Someone who may not see the dossier learns nothing.
    let other = app.login("motcua.hoaan").await;
    let (s, _) = app.get(Some(&other), &format!("/api/v1/dossiers/{id}/eform")).await;
    assert_eq!(s, 404);

    // The PDF is the component's submission file, with the values in it.
    let (name, pdf) = the_pdf(&app, id).await;
    assert_eq!(name, "to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan.pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&pdf) {
        for s in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
            "Nguyễn Văn An",
            "15/08/1990",
            "Chưa đăng ký kết hôn với ai",
            "ngày 04 tháng 3 năm 2026",
        ] {
            assert!(text.contains(s), "{s:?} in:\n{text}");
        }
    }
});

both_backends!(every_problem_of_the_values_is_told_at_once_and_nothing_is_written, |app| async move {
    let citizen = app.login("congdan").await;
    let before = app.state.store.inbox(motcua_store::InboxQuery::new("/", None, 500)).await.unwrap().items.len();
    let mut values = good_values();
    values["full_name"] = json!("");
    values["birth_date"] = json!("31/02/1990");
    values["sex"] = json!("Khác");
    values["copies"] = json!("hai");
    values["purpose"] = json!("x".repeat(201));
    values["pledge"] = json!("no");
    values["favourite_colour"] = json!("xanh");
    let mut body = with_eform(values);
    body["applicant"]["phone"] = json!("12");
    let r = app.create_dossier(&citizen, &body).await;
    assert_eq!(r.status, 422, "{:#}", r.body);
    let mut got: Vec<(String, String)> = std::iter::once(&r.body)
        .chain(r.body["errors"].as_array().into_iter().flatten())
        .map(|e| (e["code"].as_str().unwrap_or("").to_owned(), e["field"].as_str().unwrap_or("").to_owned()))
        .collect();
    got.sort();
    got.dedup();
    for want in [
        ("eform_required", "eform.full_name"),
        ("eform_not_a_date", "eform.birth_date"),
        ("eform_not_an_option", "eform.sex"),
        ("eform_not_a_number", "eform.copies"),
        ("eform_too_long", "eform.purpose"),
        ("eform_required", "eform.pledge"),
        ("eform_unknown_field", "eform.favourite_colour"),
        ("invalid_phone", "applicant.phone"),
    ] {
        assert!(got.contains(&(want.0.to_owned(), want.1.to_owned())), "{want:?} in {got:?}\n{:#}", r.body);
    }
    // The messages name the field by its label, never the value typed.
    let text = r.body.to_string();
    assert!(text.contains("Ngày, tháng, năm sinh"), "{text}");
    assert!(!text.contains("31/02/1990") && !text.contains("xanh"), "{text}");
    let after = app.state.store.inbox(motcua_store::InboxQuery::new("/", None, 500)).await.unwrap().items.len();
    assert_eq!(after, before);

    // Values for a procedure without an e-form.
    let mut body = submission_with(BIRTH, &["Tờ khai theo mẫu", "Giấy chứng sinh"]);
    body["eform"] = json!({"x": "y"});
    app.create_dossier(&citizen, &body).await.assert_error(422, "eform_not_offered", Some("eform"));
});

both_backends!(the_administrator_defines_and_removes_an_eform_in_scope_with_history, |app| async move {
    let admin = app.login("admin").await;
    let commune_admin = app.login("quantri.xa").await;
    let path = format!("/api/v1/procedures/{BIRTH}/eform");
    let def = json!({
        "title_vi": "Tờ khai đăng ký khai sinh",
        "title_en": "Birth registration form",
        "component": "Tờ khai theo mẫu",
        "fields": [
            {"key": "child_name", "label_vi": "Họ, chữ đệm, tên", "kind": "text", "required": true, "max_length": 100},
            {"key": "sex", "label_vi": "Giới tính", "kind": "choice", "required": true, "options": ["Nam", "Nữ"]},
        ]
    });
    // A commune's administrator may not change a commune procedure.
    app.send(Method::PUT, Some(&commune_admin), &path, &def).await.assert_error(
        403,
        "procedure_outside_admin_scope",
        None,
    );
    app.send(Method::PUT, None, &path, &def).await.assert_status(401);

    // Every problem of a definition at once, each on its input.
    let bad = json!({
        "title_vi": "",
        "component": "Không có",
        "fields": [
            {"key": "Họ tên", "label_vi": "A", "kind": "text"},
            {"key": "b", "label_vi": "", "kind": "choice", "options": ["Một"]},
            {"key": "b", "label_vi": "C", "kind": "long_text", "max_length": 0},
        ]
    });
    let r = app.send(Method::PUT, Some(&admin), &path, &bad).await;
    assert_eq!(r.status, 422, "{:#}", r.body);
    let fields: Vec<&str> = std::iter::once(&r.body)
        .chain(r.body["errors"].as_array().into_iter().flatten())
        .filter_map(|e| e["field"].as_str())
        .collect();
    for f in [
        "title_vi",
        "component",
        "fields[0].key",
        "fields[1].label_vi",
        "fields[1].options",
        "fields[2].key",
        "fields[2].max_length",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let r = app.send(Method::GET, None, &path, &json!({})).await;
    r.assert_error(404, "eform_not_found", None);

    // Saved; read back; in the history; removed.
    let r = app.send(Method::PUT, Some(&admin), &path, &def).await;
    assert_eq!(r.assert_status(200)["fields"][1]["options"], json!(["Nam", "Nữ"]));
    let (s, got) = app.get(None, &path).await;
    assert_eq!((s.as_u16(), got["title_en"].as_str()), (200, Some("Birth registration form")));
    let (_, history) = app.get(None, &format!("/api/v1/procedures/{BIRTH}/history")).await;
    let changes: Vec<&str> = history.as_array().unwrap().iter().filter_map(|c| c["change"].as_str()).collect();
    assert!(changes.contains(&"eform_saved"), "{changes:?}");
    app.send(Method::DELETE, Some(&commune_admin), &path, &json!({})).await.assert_status(403);
    assert_eq!(app.send(Method::DELETE, Some(&admin), &path, &json!({})).await.status, 204);
    app.send(Method::DELETE, Some(&admin), &path, &json!({})).await.assert_error(404, "eform_not_found", None);
});

/// A browser: a cookie jar and no automatic redirects.
struct Browser {
    client: reqwest::Client,
    base: String,
}

impl Browser {
    async fn new(app: &TestApp, username: &str, lang: Option<&str>) -> Browser {
        Browser { client: app.page_client(Some(username), lang).await, base: app.base.clone() }
    }

    async fn get(&self, path: &str) -> Html {
        Html::read(self.client.get(format!("{}{path}", self.base)).send().await.unwrap()).await
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Html {
        Html::read(self.client.post(format!("{}{path}", self.base)).form(fields).send().await.unwrap()).await
    }

    async fn post_multipart(&self, path: &str, form: Form) -> Html {
        Html::read(self.client.post(format!("{}{path}", self.base)).multipart(form).send().await.unwrap()).await
    }
}

fn submit_form(csrf: &str, idem: &str, values: &[(&str, &str)]) -> Form {
    let mut form = Form::new()
        .text("_csrf", csrf.to_owned())
        .text("idem", idem.to_owned())
        .text("name", APPLICANT_NAME)
        .text("id_number", ID_NUMBER)
        .text("phone", PHONE)
        .text("receiving_unit_code", "H11.100")
        .text("component", "1");
    for (k, v) in values {
        form = form.text(format!("eform.{k}"), (*v).to_owned());
    }
    form
}

both_backends!(
    the_submission_page_shows_the_eform_in_place_of_the_upload_and_the_counter_sees_the_values,
    |app| async move {
        let b = Browser::new(&app, "congdan", None).await;
        let path = format!("/procedures/{MARITAL}/submit");
        let page = b.get(&path).await;
        let body = page.assert_status(200).to_owned();
        page.assert_contains(&[
            "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
            "name=\"eform.full_name\"",
            "name=\"eform.birth_date\"",
            "<option value=\"Nữ\">Nữ</option>",
            "type=\"checkbox\" id=\"eform-pledge\" name=\"eform.pledge\" value=\"yes\"",
            "name=\"file_1\"",
        ]);
        // The form's component has no upload of its own.
        page.assert_lacks(&["name=\"file_0\""]);
        let (csrf, idem) = (input_value(&body, "_csrf").unwrap(), input_value(&body, "idem").unwrap());

        // Refused: every problem in the summary, linked to its input, and
        // what was typed is shown again.
        let r = b
            .post_multipart(
                &path,
                submit_form(
                    &csrf,
                    &idem,
                    &[("full_name", "Nguyễn Văn An"), ("birth_date", "32/13/1990"), ("sex", "Nam")],
                ),
            )
            .await;
        r.assert_status(422);
        r.assert_contains(&[
            "href=\"#eform-birth_date\"",
            "href=\"#eform-ethnicity\"",
            "href=\"#eform-pledge\"",
            "value=\"32/13/1990\"",
            "value=\"Nguyễn Văn An\"",
            "<option value=\"Nam\" selected>",
            "id=\"eform-birth_date-err\"",
        ]);

        let good = [
            ("full_name", "Nguyễn Văn An"),
            ("birth_date", "1990-08-15"),
            ("sex", "Nam"),
            ("ethnicity", "Tày"),
            ("residence", "Tổ 5, phường Thục Phán"),
            ("status", "Đã ly hôn"),
            ("purpose", "Để đăng ký kết hôn"),
            ("note", "Dòng một\nDòng hai"),
            ("pledge", "yes"),
        ];
        let r = b.post_multipart(&path, submit_form(&csrf, &idem, &good)).await;
        r.assert_status(303);
        let id: i64 = r.location().strip_prefix("/my/").unwrap().split('?').next().unwrap().parse().unwrap();
        let (_, pdf) = the_pdf(&app, id).await;
        assert!(pdf.starts_with(b"%PDF-"));

        // The counter reads the values as text on the dossier page.
        let officer = Browser::new(&app, "motcua", None).await;
        let page = officer.get(&format!("/office/dossiers/{id}")).await;
        page.assert_status(200);
        page.assert_contains(&[
            "id=\"eform\"",
            "Tờ khai điện tử",
            "Ngày, tháng, năm sinh</dt><dd class=\"pre-line\">15/08/1990</dd>",
            "Đã ly hôn",
            "Dòng một\nDòng hai",
            "to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan.pdf",
        ]);
        // In English, the English labels.
        let en = Browser::new(&app, "motcua", Some("en")).await;
        en.get(&format!("/office/dossiers/{id}")).await.assert_contains(&["Electronic form", "Date of birth", "Yes"]);
    }
);

both_backends!(the_administrator_edits_the_eform_on_one_page_with_every_problem_at_once, |app| async move {
    let b = Browser::new(&app, "admin", None).await;
    let path = format!("/admin/procedures/{BIRTH}/eform");
    let page = b.get(&path).await;
    let body = page.assert_status(200).to_owned();
    page.assert_contains(&["name=\"title_vi\"", "name=\"fields[0].key\"", "name=\"fields[2].options\""]);
    let csrf = input_value(&body, "_csrf").unwrap();
    let r = b
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("title_vi", ""),
                ("component", "Tờ khai theo mẫu"),
                ("fields[0].key", "Sai mã"),
                ("fields[0].label_vi", "Họ tên"),
                ("fields[0].kind", "text"),
                ("fields[1].key", "sex"),
                ("fields[1].label_vi", "Giới tính"),
                ("fields[1].kind", "choice"),
                ("fields[1].options", "Nam"),
                ("fields[2].key", ""),
                ("fields[2].kind", "text"),
            ],
        )
        .await;
    r.assert_status(422);
    r.assert_contains(&[
        "id=\"form-error\"",
        "href=\"#title_vi\"",
        "href=\"#fields-0-key\"",
        "href=\"#fields-1-options\"",
        "id=\"fields-1-options-err\"",
        "value=\"Sai mã\"",
    ]);
    let r = b
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("title_vi", "Tờ khai đăng ký khai sinh"),
                ("component", "Tờ khai theo mẫu"),
                ("fields[0].key", "child_name"),
                ("fields[0].label_vi", "Họ, chữ đệm, tên"),
                ("fields[0].kind", "text"),
                ("fields[0].required", "on"),
                ("fields[1].key", "sex"),
                ("fields[1].label_vi", "Giới tính"),
                ("fields[1].kind", "choice"),
                ("fields[1].options", "Nam\r\nNữ"),
                ("fields[1].order", "0"),
            ],
        )
        .await;
    r.assert_status(303);
    let (_, def) = app.get(None, &format!("/api/v1/procedures/{BIRTH}/eform")).await;
    let keys: Vec<&str> = def["fields"].as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["sex", "child_name"]);
    b.get(&format!("/admin/procedures/{BIRTH}/history")).await.assert_contains(&["Lưu tờ khai điện tử"]);
    // A commune's administrator may not.
    let xa = Browser::new(&app, "quantri.xa", None).await;
    let token = input_value(xa.get(&path).await.assert_status(200), "_csrf").unwrap();
    let valid = [
        ("_csrf", token.as_str()),
        ("title_vi", "X"),
        ("component", "Tờ khai theo mẫu"),
        ("fields[0].key", "a"),
        ("fields[0].label_vi", "A"),
        ("fields[0].kind", "text"),
    ];
    xa.post(&path, &valid).await.assert_status(403);
    let (_, def) = app.get(None, &format!("/api/v1/procedures/{BIRTH}/eform")).await;
    assert_eq!(def["fields"][0]["key"], "sex");
});
