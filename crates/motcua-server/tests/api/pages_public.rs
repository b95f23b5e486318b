//! The public portal as a browser uses it: plain HTTP with cookies, forms
//! fetched first for their CSRF token, posted urlencoded (or multipart for
//! the online submission), redirects checked rather than followed.

use motcua_store::InboxQuery;
use motcua_store::model::AttachmentKind;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use reqwest::multipart::{Form, Part};

use crate::common::html::{Html, input_value};
use crate::common::{APPLICANT_NAME, BIRTH, BIRTH_COMPONENTS, CHECK, ID_NUMBER, PHONE, SIGNATURE, TestApp, header};

/// A browser: a cookie jar (session, CSRF, language) and no automatic
/// redirects.
struct Browser {
    client: reqwest::Client,
    base: String,
}

/// The `class` of the element whose `id` is `id`'s enclosing field: the
/// text between the last `<div class="` before it and the next quote.
fn field_class<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in:\n{html}"));
    let start = html[..at].rfind("<div class=\"").expect("a wrapping div") + "<div class=\"".len();
    html[start..].split('"').next().unwrap()
}

/// The ids of the files linked from a dossier page.
fn file_links(html: &str, reference: &str) -> Vec<i64> {
    let prefix = format!("href=\"/my/{reference}/files/");
    html.split(&prefix).skip(1).map(|s| s.split('"').next().unwrap().parse().unwrap()).collect()
}

impl Browser {
    /// A browser logged in as a demo user (its session cookie is the API
    /// token the test helpers already hold), in `lang`.
    async fn new(app: &TestApp, username: Option<&str>, lang: Option<&str>) -> Browser {
        Browser { client: app.page_client(username, lang).await, base: app.base.clone() }
    }

    async fn get(&self, path: &str) -> Html {
        Html::read(self.client.get(format!("{}{path}", self.base)).send().await.unwrap()).await
    }

    async fn bytes(&self, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let res = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        let (status, headers) = (res.status(), res.headers().clone());
        (status, headers, res.bytes().await.unwrap().to_vec())
    }

    /// The CSRF token of the form on `path` (which also sets the cookie).
    async fn token(&self, path: &str) -> String {
        let page = self.get(path).await;
        input_value(page.assert_status(200), "_csrf").expect("the page has a form with a token")
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Html {
        let res = self.client.post(format!("{}{path}", self.base)).form(fields).send().await.unwrap();
        Html::read(res).await
    }

    async fn post_multipart(&self, path: &str, form: Form) -> Html {
        Html::read(self.client.post(format!("{}{path}", self.base)).multipart(form).send().await.unwrap()).await
    }
}

/// A small valid PDF and PNG, as a scanner would make them.
fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% {tag}\n%%EOF\n").into_bytes()
}

fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    v.extend((0..=255u8).cycle().take(3000));
    v
}

/// The submission form of [`BIRTH`], filled in as the demo citizen would,
/// with the CSRF token first; `files` are (input, name, bytes).
fn birth_form(csrf: &str, idem: &str, files: Vec<(&str, &str, Vec<u8>)>) -> Form {
    let mut form = Form::new()
        .text("_csrf", csrf.to_owned())
        .text("idem", idem.to_owned())
        .text("name", APPLICANT_NAME)
        .text("id_number", ID_NUMBER)
        .text("phone", PHONE)
        .text("email", "an.nguyen@example.vn")
        .text("address", "Tổ 5, phường Thục Phán, tỉnh Cao Bằng")
        .text("receiving_unit_code", "H11.100")
        .text("component", "0")
        .text("component", "1");
    for (input, name, data) in files {
        form = form.part(input.to_owned(), Part::bytes(data).file_name(name.to_owned()));
    }
    form
}

/// How many open dossiers the whole database holds (online submissions
/// wait in the counter's inbox), to check that a refusal wrote nothing.
async fn open_dossiers(app: &TestApp) -> usize {
    app.state.store.inbox(InboxQuery::new("/", None, 200)).await.unwrap().items.len()
}

/// The submission form's token and idempotency key, for a logged-in citizen.
async fn open_form(b: &Browser) -> (String, String) {
    let page = b.get(&format!("/procedures/{BIRTH}/submit")).await;
    let body = page.assert_status(200);
    (input_value(body, "_csrf").unwrap(), input_value(body, "idem").unwrap())
}

/// `/my/42?done=…` → `42`.
fn my_reference(location: &str) -> String {
    location
        .strip_prefix("/my/")
        .and_then(|r| r.split('?').next())
        .unwrap_or_else(|| panic!("to {location}"))
        .to_owned()
}

both_backends!(the_catalogue_is_searched_with_or_without_diacritics, |app| async move {
    let b = Browser::new(&app, None, None).await;
    let link = format!("href=\"/procedures/{BIRTH}\"");

    // The whole catalogue when nothing is searched, a page at a time.
    let home = b.get("/").await;
    home.assert_status(200);
    home.assert_contains(&[
        &link,
        "Đăng ký khai sinh",
        "Hộ tịch",
        "Cấp xã",
        "Toàn trình",
        "1 ngày làm việc",
        "/lookup",
        "/feedback",
    ]);
    let next = home.body.split("rel=\"next\" href=\"").nth(1).expect("a next page").split('"').next().unwrap();
    let page2 = b.get(&next.replace("&#38;", "&").replace("&amp;", "&")).await;
    page2.assert_status(200);
    page2.assert_contains(&["Trang 2"]);
    page2.assert_lacks(&[&link]);

    // With and without diacritics, by code, and by field.
    for q in ["Đăng ký khai sinh", "dang ky khai sinh", "DANG KY KHAI SINH", "1.001193"] {
        let page = b.get(&format!("/?q={}", urlencode(q))).await;
        page.assert_status(200);
        page.assert_contains(&[&link, "Kết quả tìm kiếm"]);
        page.assert_lacks(&["href=\"/procedures/2.000884\""]);
    }
    b.get("/?q=khai+sinh&field=HOTICH").await.assert_contains(&[&link]);
    b.get("/?q=khai+sinh&field=CHUNGTHUC").await.assert_lacks(&[&link]);
    let none = b.get("/?q=khong+co+thu+tuc+nay").await;
    none.assert_status(200);
    none.assert_contains(&["Không tìm thấy thủ tục nào"]);
    // The search box keeps what was typed, escaped.
    let page = b.get("/?q=%3Cscript%3E").await;
    page.assert_contains(&["value=\"&#60;script&#62;\""]);
    page.assert_lacks(&["<script>"]);

    // Only online services: the signature certification (none) is left out.
    let online = b.get("/?online=1&field=CHUNGTHUC").await;
    online.assert_lacks(&["href=\"/procedures/2.000884\""]);
    online.assert_contains(&["href=\"/procedures/2.000815\""]);

    // In English.
    let en = Browser::new(&app, None, Some("en")).await;
    en.get("/?q=dang+ky+khai+sinh").await.assert_contains(&[
        &link,
        "Search results",
        "1 working day",
        "Commune",
        "Full",
    ]);
});

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

both_backends!(the_procedure_page_shows_what_the_law_makes_public, |app| async move {
    let b = Browser::new(&app, None, None).await;
    let page = b.get(&format!("/procedures/{BIRTH}")).await;
    page.assert_status(200);
    page.assert_contains(&[
        "<h1>Đăng ký khai sinh</h1>",
        "Trình tự thực hiện",
        "Thẩm định hồ sơ",
        "Cách thức thực hiện",
        "Bưu chính",
        "Thành phần, số lượng hồ sơ",
        BIRTH_COMPONENTS[0],
        BIRTH_COMPONENTS[1],
        "Thời hạn giải quyết",
        "1 ngày làm việc",
        "Cơ quan thực hiện",
        "Căn cứ pháp lý",
        "60/2014/QH13",
        "Luật Hộ tịch",
        "Danh mục không ghi phí, lệ phí",
        "Toàn trình",
        &format!("href=\"/procedures/{BIRTH}/submit\""),
        "Nộp hồ sơ trực tuyến",
    ]);

    // A procedure with a fee and no online service: the amount grouped the
    // Vietnamese way, the time in hours, and the counter instead of a button.
    let page = b.get(&format!("/procedures/{SIGNATURE}")).await;
    page.assert_status(200);
    page.assert_contains(&[
        "10.000 đồng",
        "8 giờ làm việc",
        "chưa cung cấp dịch vụ công trực tuyến",
        "Giấy tờ cần chứng thực chữ ký",
    ]);
    page.assert_lacks(&[&format!("/procedures/{SIGNATURE}/submit")]);
    let en = Browser::new(&app, None, Some("en")).await;
    let page = en.get(&format!("/procedures/{SIGNATURE}")).await;
    page.assert_contains(&["10.000 VND", "8 working hours", "has no online service yet", "Documents required"]);

    // The online form of a procedure without an online service is refused.
    let citizen = Browser::new(&app, Some("congdan"), None).await;
    let r = citizen.get(&format!("/procedures/{SIGNATURE}/submit")).await;
    r.assert_status(409);
    r.assert_contains(&["procedure_not_online"]);

    let missing = b.get("/procedures/9.999999").await;
    missing.assert_status(404);
    missing.assert_contains(&["Không có thủ tục mã 9.999999"]);
});

both_backends!(a_citizen_submits_online_with_two_files_and_gets_them_back, |app| async move {
    // Anonymous visitors are sent to log in and come back; staff may not submit.
    let anon = Browser::new(&app, None, None).await;
    let r = anon.get(&format!("/procedures/{BIRTH}/submit")).await;
    r.assert_status(303);
    assert_eq!(r.location(), format!("/login?next=/procedures/{BIRTH}/submit"));
    let officer = Browser::new(&app, Some("motcua"), None).await;
    officer.get(&format!("/procedures/{BIRTH}/submit")).await.assert_status(403);

    let b = Browser::new(&app, Some("congdan"), None).await;
    let form_page = b.get(&format!("/procedures/{BIRTH}/submit")).await;
    // The name comes from the account; every component has its checkbox
    // and file input, the required ones marked.
    form_page.assert_contains(&[
        "value=\"Nông Thị Mai\"",
        "enctype=\"multipart/form-data\"",
        "name=\"file_0\"",
        "name=\"file_1\"",
        "(bắt buộc)",
        "<option value=\"H11.100\" selected>",
    ]);
    // Only the units that receive a commune procedure are offered: every
    // commune, not the provincial centre nor a department.
    form_page.assert_contains(&["<option value=\"H11.103\""]);
    form_page.assert_lacks(&["value=\"H11.TTPVHCC\"", "value=\"H11.SNNMT\""]);
    assert!(form_page.body.find("name=\"_csrf\"").unwrap() < form_page.body.find("name=\"idem\"").unwrap());
    let (csrf, idem) = open_form(&b).await;
    let before = open_dossiers(&app).await;

    let (don, anh) = (pdf("tờ khai"), png());
    let form = birth_form(
        &csrf,
        &idem,
        vec![("file_0", "Tờ khai đăng ký khai sinh.pdf", don.clone()), ("file_1", "giay-chung-sinh.PNG", anh.clone())],
    );
    let r = b.post_multipart(&format!("/procedures/{BIRTH}/submit"), form).await;
    r.assert_status(303);
    assert!(r.location().ends_with("?done=dossier-submitted"), "{}", r.location());
    let reference = my_reference(r.location());
    assert_eq!(open_dossiers(&app).await, before + 1);

    // The dossier page: the notice, the status, the owner's own data, the files.
    let page = b.get(r.location()).await;
    page.assert_status(200);
    page.assert_contains(&[
        "Đã nộp hồ sơ trực tuyến",
        "Mới đăng ký",
        "Đăng ký khai sinh",
        APPLICANT_NAME,
        PHONE,
        ID_NUMBER,
        "Tờ khai đăng ký khai sinh.pdf",
        "giay-chung-sinh.PNG",
        "Trực tuyến",
    ]);
    let ids = file_links(&page.body, &reference);
    assert_eq!(ids.len(), 2, "{}", page.body);
    for (id, original, mime) in [(ids[0], &don, "application/pdf"), (ids[1], &anh, "image/png")] {
        let (status, headers, bytes) = b.bytes(&format!("/my/{reference}/files/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(&bytes, original, "file {id} comes back byte for byte");
        assert_eq!(header(&headers, "content-type"), Some(mime));
        assert!(header(&headers, "content-disposition").unwrap().starts_with("attachment;"));
        assert_eq!(header(&headers, "cache-control"), Some("private, no-store"));
    }

    // In the store: one submission file per component, with its hash.
    let id: i64 = reference.parse().unwrap();
    let files = app.state.store.attachments(id).await.unwrap();
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| f.kind == AttachmentKind::Submission && f.uploaded_by.is_some()));
    assert_eq!(files[0].component.as_deref(), Some(BIRTH_COMPONENTS[0]));
    assert_eq!(files[1].component.as_deref(), Some(BIRTH_COMPONENTS[1]));
    // The API sees the same dossier, with both components handed in.
    let citizen = app.login("congdan").await;
    let d = app.dossier(&citizen, &reference).await;
    assert_eq!(d["channel"], "online");
    assert_eq!(d["components"].as_array().unwrap().len(), 2);

    // Nobody else's: staff may not use the citizen's pages, and a file of
    // another dossier is not found.
    officer.get(&format!("/my/{reference}")).await.assert_status(403);
    b.get(&format!("/my/{reference}/files/999999")).await.assert_status(404);
    b.get("/my/999999").await.assert_status(404);

    // The "open a dossier" box goes to the dossier's page.
    let r = b.get(&format!("/my?ref={reference}")).await;
    r.assert_status(303);
    assert_eq!(r.location(), format!("/my/{reference}"));
    b.get("/my").await.assert_contains(&["Mở hồ sơ", "name=\"ref\""]);
});

both_backends!(my_dossier_links_its_slips_and_explains_a_refusal, |app| async move {
    let officer = app.login("motcua").await;
    let waiting = app.online_submission().await["id"].as_i64().unwrap().to_string();
    let refused = app.online_submission().await["id"].as_i64().unwrap().to_string();
    let b = Browser::new(&app, Some("congdan"), None).await;

    // Before reception: a code to come, no slip yet.
    let page = b.get(&format!("/my/{waiting}")).await;
    page.assert_status(200);
    page.assert_contains(&["mã được cấp khi Bộ phận Một cửa tiếp nhận"]);
    page.assert_lacks(&["/slips/"]);

    // Received: the receipt is there to download, and the dossier is within its time limit.
    let d = app.act_ok(&officer, &waiting, "receive", None).await;
    let code = d["code"].as_str().unwrap().to_owned();
    let page = b.get(&format!("/my/{code}")).await;
    page.assert_contains(&[&format!("href=\"/my/{code}/slips/receipt.pdf\""), "Đang trong hạn"]);
    page.assert_lacks(&["Trước hạn", "supplement.pdf", "refusal.pdf", "apology.pdf"]);
    let (status, headers, bytes) = b.bytes(&format!("/my/{code}/slips/receipt.pdf")).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/pdf"));
    assert!(bytes.starts_with(b"%PDF"));

    // Refused: the reason, the refusal slip, the time named for what it is, no code promised.
    app.act_ok(&officer, &refused, "refuse_to_receive", Some("Không thuộc thẩm quyền của UBND phường")).await;
    let page = b.get(&format!("/my/{refused}")).await;
    page.assert_contains(&[
        "Hồ sơ không được tiếp nhận.",
        "Không thuộc thẩm quyền của UBND phường",
        &format!("href=\"/my/{refused}/slips/refusal.pdf\""),
        "Ngày từ chối tiếp nhận",
        "không được tiếp nhận nên không có mã",
    ]);
    page.assert_lacks(&["mã được cấp khi", "Ngày giải quyết xong", "receipt.pdf"]);

    // In English the channel row is "Channel".
    let en = Browser::new(&app, Some("congdan"), Some("en")).await;
    en.get(&format!("/my/{code}")).await.assert_contains(&[
        "<dt>Channel</dt>",
        "Within the time limit",
        "Receipt and appointment for the result",
    ]);
});

both_backends!(too_large_and_disguised_files_are_refused_on_their_field, |app| async move {
    let b = Browser::new(&app, Some("congdan"), None).await;
    let (csrf, idem) = open_form(&b).await;
    let before = open_dossiers(&app).await;
    let path = format!("/procedures/{BIRTH}/submit");

    // One byte over 10 MB.
    let mut big = pdf("big");
    big.resize(10 * 1024 * 1024 + 1, b'0');
    let r = b
        .post_multipart(&path, birth_form(&csrf, &idem, vec![("file_0", "to.pdf", big), ("file_1", "b.pdf", pdf("b"))]))
        .await;
    r.assert_status(413);
    r.assert_contains(&["data-code=\"file_too_large\"", "Tệp &#34;to.pdf&#34; lớn hơn 10 MB"]);
    assert!(field_class(&r.body, "file_0").contains("invalid"), "{}", r.body);
    assert!(!field_class(&r.body, "file_1").contains("invalid"));
    // What was typed is kept; the same key, since nothing was written.
    r.assert_contains(&[&format!("value=\"{PHONE}\""), &format!("name=\"idem\" value=\"{idem}\"")]);
    assert_eq!(open_dossiers(&app).await, before);

    // Each file under 10 MB, but more than 25 MB together.
    let mut nine = pdf("nine");
    nine.resize(9 * 1024 * 1024, b'0');
    let mut seven = pdf("seven");
    seven.resize(7 * 1024 * 1024 + 512 * 1024, b'0');
    let files = vec![("file_0", "a.pdf", nine.clone()), ("file_0", "b.pdf", nine), ("file_1", "c.pdf", seven)];
    let r = b.post_multipart(&path, birth_form(&csrf, &idem, files)).await;
    r.assert_status(413);
    r.assert_contains(&[
        "data-code=\"submission_too_large\"",
        "vượt quá 25 MB",
        "fieldset class=\"components invalid\"",
    ]);
    assert_eq!(open_dossiers(&app).await, before);

    // A Windows program renamed .pdf, in English.
    let en = Browser::new(&app, Some("congdan"), Some("en")).await;
    let (csrf_en, _) = open_form(&en).await;
    let exe =
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode".to_vec();
    let r = en
        .post_multipart(
            &path,
            birth_form(&csrf_en, &idem, vec![("file_0", "a.pdf", pdf("a")), ("file_1", "giay.pdf", exe)]),
        )
        .await;
    r.assert_status(415);
    r.assert_contains(&[
        "data-code=\"file_type_not_allowed\"",
        "The file &#34;giay.pdf&#34; is not a PDF, JPEG, PNG or DOCX file",
    ]);
    assert!(field_class(&r.body, "file_1").contains("invalid"), "{}", r.body);
    assert_eq!(open_dossiers(&app).await, before);

    // A required component left out: the fieldset is marked, the message names it.
    let form = Form::new()
        .text("_csrf", csrf.clone())
        .text("idem", idem.clone())
        .text("name", APPLICANT_NAME)
        .text("phone", PHONE)
        .text("component", "0");
    let r = b.post_multipart(&path, form).await;
    r.assert_status(422);
    r.assert_contains(&[
        "data-code=\"components_incomplete\"",
        "Giấy chứng sinh",
        "fieldset class=\"components invalid\"",
    ]);
    // Neither phone nor ID: the phone field is marked.
    let form = Form::new().text("_csrf", csrf.clone()).text("idem", idem.clone()).text("name", APPLICANT_NAME);
    let r = b.post_multipart(&path, form).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"phone_or_id_required\""]);
    assert!(field_class(&r.body, "phone").contains("invalid"));
    assert_eq!(open_dossiers(&app).await, before);

    // Without the token first, nothing is read.
    let form = Form::new()
        .text("idem", idem.clone())
        .part("file_0", Part::bytes(pdf("x")).file_name("x.pdf"))
        .text("_csrf", csrf);
    let r = b.post_multipart(&path, form).await;
    r.assert_status(403);
    r.assert_contains(&["csrf_failed"]);
    assert_eq!(open_dossiers(&app).await, before);
});

both_backends!(a_double_submission_makes_one_dossier, |app| async move {
    let b = Browser::new(&app, Some("congdan"), None).await;
    let (csrf, idem) = open_form(&b).await;
    let before = open_dossiers(&app).await;
    let path = format!("/procedures/{BIRTH}/submit");
    let files = || vec![("file_0", "don.pdf", pdf("don")), ("file_1", "anh.png", png())];

    // Two clicks on the same form, at the same time.
    let (r1, r2) = tokio::join!(
        b.post_multipart(&path, birth_form(&csrf, &idem, files())),
        b.post_multipart(&path, birth_form(&csrf, &idem, files()))
    );
    r1.assert_status(303);
    r2.assert_status(303);
    assert_eq!(my_reference(r1.location()), my_reference(r2.location()));
    // And a third, later.
    let r3 = b.post_multipart(&path, birth_form(&csrf, &idem, files())).await;
    assert_eq!(my_reference(r3.location()), my_reference(r1.location()));
    assert_eq!(open_dossiers(&app).await, before + 1);
    let id: i64 = my_reference(r1.location()).parse().unwrap();
    assert_eq!(app.state.store.attachments(id).await.unwrap().len(), 2, "the files are written once");

    // A fresh form is a new dossier.
    let (csrf, idem2) = open_form(&b).await;
    assert_ne!(idem, idem2);
    let r = b.post_multipart(&path, birth_form(&csrf, &idem2, files())).await;
    r.assert_status(303);
    assert_ne!(my_reference(r.location()), my_reference(r1.location()));
    assert_eq!(open_dossiers(&app).await, before + 2);
});

both_backends!(the_look_up_needs_the_right_digits_and_masks_the_applicant, |app| async move {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let b = Browser::new(&app, None, None).await;

    // The receipt's QR code opens the form with the code filled in.
    let form = b.get(&format!("/lookup?code={code}")).await;
    form.assert_status(200);
    assert_eq!(input_value(&form.body, "code").as_deref(), Some(code.as_str()));
    let csrf = input_value(&form.body, "_csrf").unwrap();

    // Right digits (of the phone, then of the ID, with the code in lower case).
    let r = b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", CHECK)]).await;
    r.assert_status(200);
    r.assert_contains(&[
        "Kết quả tra cứu",
        "N***** V** A*",
        "Đăng ký khai sinh",
        "Được tiếp nhận",
        "Đã tiếp nhận tại quầy",
    ]);
    r.assert_lacks(&[APPLICANT_NAME, PHONE, ID_NUMBER, "an.nguyen@example.vn", "Tổ 5", "class=\"criterion"]);
    let id4 = &ID_NUMBER[ID_NUMBER.len() - 4..];
    let r = b.post("/lookup", &[("_csrf", &csrf), ("code", &code.to_lowercase()), ("check", id4)]).await;
    r.assert_contains(&["N***** V** A*"]);

    // Wrong digits and an unknown code: the same answer.
    let wrong = b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", "0000")]).await;
    wrong.assert_status(404);
    let unknown = b.post("/lookup", &[("_csrf", &csrf), ("code", "H11.100-260304-9999"), ("check", CHECK)]).await;
    unknown.assert_status(404);
    for r in [&wrong, &unknown] {
        r.assert_contains(&["Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập", "data-code=\"dossier_not_found\""]);
        r.assert_lacks(&["N***** V** A*", "Kết quả tra cứu"]);
    }
    // Not four digits: the field is marked.
    let r = b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", "12a4")]).await;
    r.assert_status(422);
    assert!(field_class(&r.body, "check").contains("invalid"));
    // In English.
    let en = Browser::new(&app, None, Some("en")).await;
    let csrf_en = en.token("/lookup").await;
    en.post("/lookup", &[("_csrf", &csrf_en), ("code", &code), ("check", "0001")])
        .await
        .assert_contains(&["No dossier matches this code and these last 4 digits"]);

    // Without the token: refused.
    b.post("/lookup", &[("code", &code), ("check", CHECK)]).await.assert_status(403);

    // Rate-limited as the API is: wrong checks on one code, then even the
    // right one is refused.
    for _ in 0..10 {
        b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", "0000")]).await;
    }
    let r = b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", CHECK)]).await;
    r.assert_status(429);
    r.assert_contains(&["data-code=\"too_many_attempts\""]);
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check={CHECK}")).await;
    r.assert_error(429, "too_many_attempts", None);
});

both_backends!(a_returned_dossier_is_rated_once, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let b = Browser::new(&app, None, None).await;
    let csrf = b.token("/lookup").await;
    let all = |extra: &[(&'static str, &'static str)]| {
        let mut f: Vec<(&'static str, String)> =
            vec![("_csrf", csrf.clone()), ("code", code.clone()), ("check", CHECK.to_owned())];
        f.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        f
    };
    let scores: Vec<(&'static str, &'static str)> = vec![
        ("s0", "2"),
        ("s1", "2"),
        ("s2", "1"),
        ("s3", "2"),
        ("s4", "0"),
        ("s5", "2"),
        ("s6", "2"),
        ("s7", "1"),
        ("s8", "2"),
    ];
    let post = |fields: Vec<(&'static str, String)>| {
        let b = &b;
        async move {
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            b.post("/lookup/rate", &refs).await
        }
    };

    // Not returned yet: no form, and a rating is refused.
    let r = b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", CHECK)]).await;
    r.assert_lacks(&["class=\"criterion"]);
    let r = post(all(&scores)).await;
    r.assert_status(409);
    r.assert_contains(&["data-code=\"rating_not_allowed\""]);

    // Through the workflow to the returned result, as the journeys do.
    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&specialist, &code, "forward", None).await;
    app.act_ok(&leader, &code, "finish", None).await;
    let done = app.act_ok(&counter, &code, "return_result", None).await;
    assert_eq!(done["status"]["key"], "returned");

    // The look-up now offers the nine criteria, each 2 / 1 / 0.
    let r = b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", CHECK)]).await;
    r.assert_status(200);
    assert_eq!(r.body.matches("class=\"criterion").count(), 9, "{}", r.body);
    r.assert_contains(&[
        "Đã trả kết quả",
        "Tổng thời gian giải quyết thủ tục hành chính so với quy định của pháp luật",
        "Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
        &format!("name=\"check\" value=\"{CHECK}\""),
    ]);
    // The note for reviewers about the level names stays in docs/web.md.
    r.assert_lacks(&["chưa tìm thấy trong văn bản gốc"]);

    // A criterion left out: named, the others kept.
    let partial: Vec<(&'static str, &'static str)> = scores.iter().copied().filter(|(k, _)| *k != "s4").collect();
    let r = post(all(&partial)).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"required\"", "tiêu chí 5", "fieldset class=\"criterion invalid\""]);
    assert!(r.body.contains("name=\"s0\" value=\"2\" required checked"), "the choices are kept");
    assert!(app.state.store.rating(done["id"].as_i64().unwrap()).await.unwrap().is_none());

    // Wrong digits: not found, nothing stored.
    let mut wrong = all(&scores);
    wrong[2].1 = "0000".into();
    post(wrong).await.assert_status(404);

    // The rating, with a comment; nothing personal is kept with it.
    let mut fields = all(&scores);
    fields.push(("comment", "Cán bộ hướng dẫn tận tình.".into()));
    let r = post(fields.clone()).await;
    r.assert_status(200);
    r.assert_contains(&["Cảm ơn bạn đã đánh giá"]);
    let rating = app.state.store.rating(done["id"].as_i64().unwrap()).await.unwrap().expect("stored");
    assert_eq!(rating.scores, [2, 2, 1, 2, 0, 2, 2, 1, 2]);
    assert_eq!(rating.total, 14);
    assert_eq!(rating.comment.as_deref(), Some("Cán bộ hướng dẫn tận tình."));

    // A second rating is refused; the look-up says it is done.
    let r = post(fields).await;
    r.assert_status(409);
    r.assert_contains(&["data-code=\"already_rated\"", "Hồ sơ này đã được đánh giá"]);
    let r = b.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", CHECK)]).await;
    r.assert_contains(&["Hồ sơ này đã được đánh giá"]);
    r.assert_lacks(&["class=\"criterion"]);
    assert_eq!(app.state.store.rating(done["id"].as_i64().unwrap()).await.unwrap().unwrap().total, 14);

    // Without the token: refused.
    b.post("/lookup/rate", &[("code", &code), ("check", CHECK)]).await.assert_status(403);
});

both_backends!(feedback_is_received_with_a_reference_number, |app| async move {
    let b = Browser::new(&app, None, None).await;
    let page = b.get("/feedback").await;
    page.assert_status(200);
    page.assert_contains(&["Nghị định 20/2008/NĐ-CP", "Không rõ / chưa xác định", "Sở Tư pháp"]);
    let csrf = input_value(&page.body, "_csrf").unwrap();
    let unit = app.state.store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let unit_id = unit.id.to_string();
    let content = "Tôi phải chờ hơn hai giờ tại quầy để được tiếp nhận hồ sơ khai sinh.";
    let fields = |contact: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("name", APPLICANT_NAME.to_owned()),
            ("contact", contact.to_owned()),
            ("unit", unit_id.clone()),
            ("dossier_code", "h11.100-260304-0001".to_owned()),
            ("subject", "Chờ lâu tại quầy".to_owned()),
            ("content", content.to_owned()),
        ]
    };
    let send = |f: Vec<(&'static str, String)>| {
        let b = &b;
        async move {
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            b.post("/feedback", &refs).await
        }
    };

    // Accepted: to the receipt page with the reference number.
    let r = send(fields(PHONE)).await;
    r.assert_status(303);
    let (id, key) = r.location().strip_prefix("/feedback/received/").unwrap().split_once("?k=").unwrap();
    let id: i64 = id.parse().unwrap();
    let receipt = b.get(r.location()).await;
    receipt.assert_status(200);
    receipt.assert_contains(&[
        "Đã nhận phản ánh, kiến nghị",
        &format!("id=\"reference\">{id}<"),
        &format!("href=\"/feedback/{id}?k={key}\""),
    ]);
    receipt.assert_lacks(&[PHONE, APPLICANT_NAME]);
    let stored = app.state.store.feedback_list("/", 10).await.unwrap();
    let f = stored.iter().find(|f| f.id == id).expect("stored");
    assert_eq!((f.unit_id, f.dossier_code.as_deref()), (Some(unit.id), Some("H11.100-260304-0001")));
    assert_eq!(
        (f.subject.as_str(), f.content.as_str(), f.contact.as_deref()),
        ("Chờ lâu tại quầy", content, Some(PHONE))
    );

    // Refused with the field marked and the text kept: a contact that is
    // neither a phone nor an email.
    let r = send(fields("không có")).await;
    r.assert_status(422);
    assert!(field_class(&r.body, "contact").contains("invalid"), "{}", r.body);
    r.assert_contains(&[content, "role=\"alert\""]);
    // An empty content, in English.
    let en = Browser::new(&app, None, Some("en")).await;
    let csrf_en = en.token("/feedback").await;
    let r = en
        .post(
            "/feedback",
            &[("_csrf", &csrf_en), ("name", "An"), ("contact", PHONE), ("subject", "x"), ("content", "")],
        )
        .await;
    r.assert_status(422);
    r.assert_contains(&["This field is required."]);
    assert!(field_class(&r.body, "fb-content").contains("invalid"));
    assert_eq!(app.state.store.feedback_list("/", 10).await.unwrap().len(), stored.len());

    // Without the token: 403, nothing stored.
    let r = b
        .post("/feedback", &[("name", APPLICANT_NAME), ("contact", PHONE), ("subject", "x"), ("content", content)])
        .await;
    r.assert_status(403);
    r.assert_contains(&["csrf_failed"]);
    assert_eq!(app.state.store.feedback_list("/", 10).await.unwrap().len(), stored.len());
});
