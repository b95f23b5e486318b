//! The administrator's pages over plain HTTP, as a browser without
//! JavaScript uses them: a cookie jar, the forms' hidden `_csrf` field, and
//! the same fields a browser would submit (read from the rendered forms).

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};
use serde_json::Value;

use crate::common::html::unescape;
use crate::common::{BIRTH, TestApp, header};

/// A browser: its own cookies (session, CSRF token, language), no redirects
/// followed so that tests see them.
struct Browser {
    client: reqwest::Client,
    base: String,
    csrf: String,
}

struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Page {
    fn location(&self) -> &str {
        header(&self.headers, LOCATION.as_str()).unwrap_or("")
    }

    #[track_caller]
    fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status.as_u16(), status, "unexpected page:\n{}", self.body);
        self
    }

    #[track_caller]
    fn assert_redirect(&self, to: &str) {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "expected a redirect:\n{}", self.body);
        assert_eq!(self.location(), to);
    }

    #[track_caller]
    fn assert_contains(&self, text: &str) -> &Self {
        assert!(self.body.contains(text), "{text:?} not in the page:\n{}", self.body);
        self
    }
}

impl Browser {
    /// A browser in Vietnamese (`lang = None`) or English (`Some("en")`),
    /// chosen as a person does, with the language cookie: the browser's
    /// `Accept-Language` no longer decides (issue #11).
    async fn open(app: &TestApp, lang: Option<&str>) -> Browser {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        if let Some(l) = lang {
            jar.add_cookie_str(&format!("motcua_lang={l}; Path=/"), &app.base.parse().unwrap());
        }
        let client = reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut b = Browser { client, base: app.base.clone(), csrf: String::new() };
        let login = b.get("/login").await;
        b.csrf = hidden(&login.body, "_csrf");
        assert_eq!(b.csrf.len(), 64, "a CSRF token in the login form");
        b
    }

    /// Logs in through the login form.
    async fn logged_in(app: &TestApp, username: &str, lang: Option<&str>) -> Browser {
        let mut b = Browser::open(app, lang).await;
        let res = b.login(username, TestApp::password(username)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "login {username}:\n{}", res.body);
        // The login replaced the CSRF token: read the new one, as a page would.
        let old = std::mem::take(&mut b.csrf);
        b.csrf = hidden(&b.get("/login").await.body, "_csrf");
        assert_ne!(b.csrf, old, "the CSRF token changes at login");
        b
    }

    async fn login(&self, username: &str, password: &str) -> Page {
        self.post("/login", &[("username", username), ("password", password), ("next", "")]).await
    }

    async fn page(res: reqwest::Response) -> Page {
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.text().await.unwrap();
        Page { status, headers, body }
    }

    async fn get(&self, path: &str) -> Page {
        Self::page(self.client.get(format!("{}{path}", self.base)).send().await.unwrap()).await
    }

    /// Posts a form with this browser's CSRF token.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut all: Vec<(&str, &str)> = vec![("_csrf", &self.csrf)];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields.
    async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        Self::page(res).await
    }

    /// Submits the form with this `action` as the page shows it, with some
    /// fields changed (or added; `+name` adds one more value, as a ticked
    /// checkbox of a group does).
    async fn submit(&self, page: &Page, action: &str, changes: &[(&str, &str)]) -> Page {
        let mut fields = form_fields(&page.body, action);
        for (name, value) in changes {
            if let Some(extra) = name.strip_prefix('+') {
                fields.push((extra.to_owned(), (*value).to_owned()));
                continue;
            }
            match fields.iter_mut().find(|(n, _)| n == name) {
                Some(f) => f.1 = (*value).to_owned(),
                None => fields.push(((*name).to_owned(), (*value).to_owned())),
            }
        }
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        self.post_raw(action, &pairs).await
    }

    async fn api(&self, path: &str) -> Value {
        let res = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        res.json().await.unwrap()
    }
}

/// The value of an attribute in a tag's text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

/// The value of the first hidden input named `name`.
fn hidden(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let start = html.find(&key).unwrap_or_else(|| panic!("no {name} in the page")) + key.len();
    let end = start + html[start..].find('"').unwrap();
    unescape(&html[start..end])
}

/// The fields a browser submits for the form with this `action`: inputs
/// (checkboxes only when checked), selects (the selected option, else the
/// first) and textareas.
fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let marker = format!("action=\"{action}\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no form for {action}"));
    let end = start + html[start..].find("</form>").unwrap();
    let form = &html[start..end];
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        let tag_end = rest.find('>').unwrap();
        let tag = &rest[..tag_end];
        if tag.starts_with("<input") {
            let kind = attr(tag, "type").unwrap_or_else(|| "text".into());
            if let Some(name) = attr(tag, "name") {
                match kind.as_str() {
                    "checkbox" if tag.contains(" checked") => {
                        out.push((name, attr(tag, "value").unwrap_or_else(|| "on".into())))
                    }
                    "checkbox" | "submit" | "file" => {}
                    _ => out.push((name, attr(tag, "value").unwrap_or_default())),
                }
            }
        } else if tag.starts_with("<textarea") {
            let name = attr(tag, "name").unwrap();
            let close = rest.find("</textarea>").unwrap();
            out.push((name, unescape(&rest[tag_end + 1..close])));
        } else if tag.starts_with("<select") {
            let name = attr(tag, "name").unwrap();
            let close = rest.find("</select>").unwrap();
            let options: Vec<&str> = rest[tag_end..close].split("<option").skip(1).collect();
            let chosen =
                options.iter().find(|o| o.split('>').next().unwrap().contains(" selected")).or(options.first());
            out.push((name, chosen.and_then(|o| attr(o, "value")).unwrap_or_default()));
        }
        rest = &rest[tag_end..];
    }
    out
}

/// The value a form field has.
fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no field {name}"))
}

async fn unit_id(app: &TestApp, code: &str) -> String {
    app.state.store.unit_by_code(code.into()).await.unwrap().expect("a demo unit").id.to_string()
}

both_backends!(an_admin_adds_a_unit_and_a_user_who_then_logs_in, |app| async move {
    let admin = Browser::logged_in(&app, "admin", None).await;
    let units = admin.get("/admin/units").await;
    units.assert_status(200).assert_contains("Phường Thục Phán").assert_contains("H11.H01.01");
    units.assert_contains("<option value=\"commune\" selected>");

    let province = unit_id(&app, "H11").await;
    let res = admin
        .post(
            "/admin/units",
            &[("parent_id", &province), ("code", "h11.106"), ("name", "Xã Thạch An"), ("level", "commune")],
        )
        .await;
    res.assert_redirect("/admin/units?done=adm-unit-created");
    let units = admin.get("/admin/units?done=adm-unit-created").await;
    units.assert_contains("Đã thêm đơn vị.").assert_contains("Xã Thạch An");
    // The code is stored the canonical way, upper case.
    units.assert_contains(">H11.106</td>");

    let new_unit = unit_id(&app, "H11.106").await;
    let users = admin.get("/admin/users").await;
    users.assert_status(200).assert_contains("chuyenvien.snmt").assert_contains("Sở Nông nghiệp và Môi trường");
    let res = admin
        .post(
            "/admin/users",
            &[
                ("username", "canbo.thachan"),
                ("full_name", "Lục Văn Thành"),
                ("role", "counter_officer"),
                ("unit_id", &new_unit),
                ("password", "mat-khau-ban-dau-1"),
            ],
        )
        .await;
    res.assert_redirect("/admin/users?done=adm-user-created");
    let users = admin.get("/admin/users").await;
    users.assert_contains("canbo.thachan").assert_contains("Lục Văn Thành").assert_contains("Cán bộ một cửa");
    // The password is never echoed back.
    assert!(!users.body.contains("mat-khau-ban-dau-1"));

    // The new member of staff logs in through the login form and lands on
    // the counter's page, in their unit.
    let staff = Browser::open(&app, None).await;
    staff.login("canbo.thachan", "mat-khau-ban-dau-1").await.assert_redirect("/office/intake");
    let me = staff.api("/api/v1/auth/me").await;
    assert_eq!(me["username"], "canbo.thachan", "{me:#}");
    // ... and is not an administrator.
    staff.get("/admin/units").await.assert_status(403);

    // A duplicate username is refused on the form, with the field marked.
    let res = admin
        .post(
            "/admin/users",
            &[
                ("username", "canbo.thachan"),
                ("full_name", "Người Khác"),
                ("role", "specialist"),
                ("unit_id", &new_unit),
                ("password", "mat-khau-khac-22"),
            ],
        )
        .await;
    res.assert_status(409).assert_contains("Tên đăng nhập đã được dùng").assert_contains("id=\"username-err\"");
    res.assert_contains("value=\"Người Khác\"");
});

both_backends!(a_bad_unit_code_is_marked_on_the_form_in_both_languages, |app| async move {
    let province = unit_id(&app, "H11").await;
    let form = [("parent_id", province.as_str()), ("code", "H11 106!"), ("name", "Xã Mới"), ("level", "commune")];

    let vi = Browser::logged_in(&app, "admin", None).await;
    let res = vi.post("/admin/units", &form).await;
    res.assert_status(422)
        .assert_contains("<html lang=\"vi\">")
        .assert_contains("role=\"alert\"")
        .assert_contains("Mã đơn vị chỉ gồm chữ cái không dấu và chữ số")
        .assert_contains("<div class=\"field invalid\">\n      <label for=\"code\">")
        .assert_contains("aria-describedby=\"code-hint code-err\" aria-invalid=\"true\"")
        .assert_contains("<p class=\"err\" id=\"code-err\">")
        // What was typed comes back.
        .assert_contains("value=\"H11 106!\"")
        .assert_contains("value=\"Xã Mới\"");
    // The name field is not the one marked.
    assert!(!res.body.contains("id=\"name-err\""));

    let en = Browser::logged_in(&app, "admin", Some("en")).await;
    let res = en.post("/admin/units", &form).await;
    res.assert_status(422)
        .assert_contains("<html lang=\"en\">")
        .assert_contains("A unit code is made of letters A–Z and digits")
        .assert_contains("<p class=\"err\" id=\"code-err\">");

    // No parent chosen: that field is marked instead.
    let res =
        en.post("/admin/units", &[("parent_id", ""), ("code", "H11.107"), ("name", "X"), ("level", "commune")]).await;
    res.assert_status(422).assert_contains("A parent unit is required").assert_contains("id=\"parent_id-err\"");
    // Nothing was added.
    assert!(app.state.store.unit_by_code("H11.107".into()).await.unwrap().is_none());
});

both_backends!(only_administrators_use_the_admin_pages, |app| async move {
    // Anonymous visitors are sent to log in first.
    let anon = Browser::open(&app, None).await;
    anon.get("/admin/units").await.assert_redirect("/login?next=/admin/units");
    anon.get("/admin/procedures/1.001193").await.assert_redirect("/login?next=/admin/procedures/1.001193");

    // Other staff get the 403 page, in their language.
    let counter = Browser::logged_in(&app, "motcua", None).await;
    for path in ["/admin/units", "/admin/users", "/admin/procedures", "/admin/calendar", "/admin/procedures/export"] {
        let res = counter.get(path).await;
        res.assert_status(403).assert_contains("Vai trò của bạn không được phép làm việc này");
    }
    let province = unit_id(&app, "H11").await;
    let res = counter
        .post("/admin/units", &[("parent_id", &province), ("code", "H11.199"), ("name", "X"), ("level", "commune")])
        .await;
    res.assert_status(403);
    let citizen = Browser::logged_in(&app, "congdan", Some("en")).await;
    citizen.get("/admin/calendar").await.assert_status(403).assert_contains("Your role is not allowed to do this");

    // An administrator's POST without the form's token is refused.
    let admin = Browser::logged_in(&app, "admin", None).await;
    let res = admin
        .post_raw("/admin/units", &[("parent_id", &province), ("code", "H11.199"), ("name", "X"), ("level", "commune")])
        .await;
    res.assert_status(403).assert_contains("csrf_failed");
    let res = admin.post_raw("/admin/calendar/years/2026/delete", &[("_csrf", &"0".repeat(64))]).await;
    res.assert_status(403).assert_contains("csrf_failed");
    let form = reqwest::multipart::Form::new().text("json", "[]");
    let res =
        admin.client.post(format!("{}/admin/procedures/import", admin.base)).multipart(form).send().await.unwrap();
    let res = Browser::page(res).await;
    res.assert_status(403).assert_contains("csrf_failed");
    assert!(app.state.store.unit_by_code("H11.199".into()).await.unwrap().is_none());
    let (_, cal) = app.get(None, "/api/v1/calendar").await;
    assert!(cal["years"].as_array().unwrap().iter().any(|y| y["year"] == 2026));
});

both_backends!(abolishing_a_procedure_asks_first, |app| async move {
    let admin = Browser::logged_in(&app, "admin", None).await;
    let path = format!("/admin/procedures/{BIRTH}");
    let edit = admin.get(&path).await;
    let changes = [("publication.status", "abolished"), ("change", "abolished")];
    let asked = admin.submit(&edit, &path, &changes).await;
    asked
        .assert_status(200)
        .assert_contains("Xác nhận bãi bỏ thủ tục")
        .assert_contains("name=\"confirm\" value=\"yes\"");
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!((p["version"].as_i64(), p["publication"]["status"].as_str()), (Some(1), Some("published")), "not yet");
    // The answer carries the whole form back and saves it.
    admin.submit(&asked, &path, &[]).await.assert_redirect(&format!("{path}?done=adm-procedure-saved"));
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!((p["version"].as_i64(), p["publication"]["status"].as_str()), (Some(2), Some("abolished")), "{p:#}");
    assert_eq!(p["time_limit"]["amount"], 1, "every other field as it was");
});

both_backends!(the_procedure_editor_shows_every_problem_at_once, |app| async move {
    let admin = Browser::logged_in(&app, "admin", None).await;
    let path = format!("/admin/procedures/{BIRTH}");
    let edit = admin.get(&path).await;
    let changes = [("time_limit.amount", "ba"), ("workflow[0].share", "-1"), ("components[0].originals", "x")];
    let res = admin.submit(&edit, &path, &changes).await;
    res.assert_status(422).assert_contains("Có 3 chỗ cần sửa");
    for anchor in ["#components-0-originals", "#workflow-0-share", "#time_limit-amount"] {
        res.assert_contains(&format!("href=\"{anchor}\""));
    }
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!(p["version"], 1, "nothing saved");
});

both_backends!(an_admin_edits_a_time_limit_and_a_workflow_step, |app| async move {
    let admin = Browser::logged_in(&app, "admin", None).await;
    let list = admin.get("/admin/procedures?q=khai+sinh").await;
    list.assert_status(200).assert_contains(&format!("href=\"/admin/procedures/{BIRTH}\""));

    let path = format!("/admin/procedures/{BIRTH}");
    let edit = admin.get(&path).await;
    edit.assert_status(200).assert_contains("Phiên bản 1").assert_contains("Thẩm định hồ sơ");
    let before = form_fields(&edit.body, &path);
    assert_eq!(field(&before, "time_limit.amount"), "1");
    assert_eq!(field(&before, "time_limit.unit"), "working_days");
    // The demo's steps go to the implementing unit of each dossier.
    assert_eq!(field(&before, "workflow[0].unit"), "implementing");
    assert_eq!(field(&before, "workflow[0].unit_code"), "");
    assert_eq!(field(&before, "workflow[1].role"), "leader");
    // Two empty rows under the steps, which the save ignores.
    assert_eq!(field(&before, "workflow[2].name"), "");
    assert_eq!(field(&before, "workflow[3].name"), "");

    // Ten working days; the approval goes to another ward's leader with 3
    // of them; a third step is added in an empty row.
    let changes = [
        ("time_limit.amount", "10"),
        ("workflow[0].share", "6"),
        ("workflow[1].unit", "fixed"),
        ("workflow[1].unit_code", "H11.101"),
        ("workflow[1].share", "3"),
        ("workflow[2].name", "Trả kết quả"),
        ("workflow[2].unit", "receiving"),
        ("workflow[2].role", "counter_officer"),
        ("workflow[2].share", "1"),
        ("change", "amended"),
    ];
    let res = admin.submit(&edit, &path, &changes).await;
    res.assert_redirect(&format!("{path}?done=adm-procedure-saved"));

    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!(p["version"], 2, "{p:#}");
    assert_eq!(p["time_limit"]["amount"], 10);
    let steps = p["workflow"].as_array().unwrap();
    assert_eq!(steps.len(), 3, "{p:#}");
    assert_eq!((steps[0]["unit"].as_str(), steps[0].get("unit_code")), (Some("implementing"), None));
    assert_eq!((steps[1].get("unit"), steps[1]["unit_code"].as_str()), (None, Some("H11.101")), "fixed");
    assert_eq!(steps[2]["unit"], "receiving");
    assert_eq!(steps[1]["share"], 3);
    assert_eq!(steps[2]["role"], "counter_officer");
    // What the form does not touch is kept.
    assert_eq!(p["components"].as_array().unwrap().len(), 2);
    assert_eq!(p["legal_basis"][0]["number"], "60/2014/QH13");
    assert_eq!(p["field_name"], "Hộ tịch");
    let history = admin.get(&format!("{path}/history")).await;
    history.assert_status(200).assert_contains("Sửa đổi, bổ sung").assert_contains("Quản trị hệ thống (admin)");

    // The same form again, read at version 1: refused as stale, nothing saved.
    let res = admin.submit(&edit, &path, &[("name", "Đăng ký khai sinh (sửa cũ)")]).await;
    res.assert_status(409)
        .assert_contains("id=\"stale\"")
        .assert_contains("Thủ tục vừa được người khác sửa.")
        .assert_contains("Mở phiên bản mới nhất");
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!(p["version"], 2);
    assert_eq!(p["name"], "Đăng ký khai sinh");

    // Errors name the row and field, as the API does.
    let edit = admin.get(&path).await;
    let res = admin.submit(&edit, &path, &[("workflow[1].unit_code", "H99.999")]).await;
    res.assert_status(422)
        .assert_contains("Không có đơn vị mã H99.999")
        .assert_contains("id=\"workflow-1-unit_code-err\"");
    // A fixed unit chosen for a step that is not fixed, a level without
    // "the unit above", an "above" without its level: each named.
    let res = admin.submit(&edit, &path, &[("workflow[0].unit_code", "H11.101")]).await;
    res.assert_status(422).assert_contains("id=\"workflow-0-unit_code-err\"");
    let res = admin.submit(&edit, &path, &[("workflow[0].unit_level", "province")]).await;
    res.assert_status(422).assert_contains("id=\"workflow-0-unit_level-err\"");
    let res = admin.submit(&edit, &path, &[("workflow[0].unit", "ancestor")]).await;
    res.assert_status(422).assert_contains("id=\"workflow-0-unit_level-err\"").assert_contains("Chọn cấp");
    let res = admin.submit(&edit, &path, &[("workflow[0].share", "20")]).await;
    res.assert_status(422).assert_contains("id=\"workflow-err\"").assert_contains("vượt thời hạn giải quyết");
    let res = admin.submit(&edit, &path, &[("time_limit.amount", "mười")]).await;
    res.assert_status(422).assert_contains("id=\"time_limit-amount-err\"");

    // The raw JSON editor: a broken field is named by its path.
    let json_path = format!("{path}/json");
    let fields = form_fields(&edit.body, &json_path);
    let mut data: Value = serde_json::from_str(field(&fields, "json")).unwrap();
    data["time_limit"]["unit"] = "weeks".into();
    let res = admin.submit(&edit, &json_path, &[("json", &data.to_string())]).await;
    res.assert_status(422).assert_contains("<code class=\"mono\" id=\"json-error-path\">time_limit.unit</code>");
    data["time_limit"]["unit"] = "working_days".into();
    data["result"] = "Trích lục khai sinh".into();
    admin
        .submit(&edit, &json_path, &[("json", &data.to_string())])
        .await
        .assert_redirect(&format!("{path}?done=adm-procedure-saved"));
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{BIRTH}")).await;
    assert_eq!((p["version"].as_i64(), p["result"].as_str()), (Some(3), Some("Trích lục khai sinh")));

    // A new procedure through the form.
    let new = admin.get("/admin/procedures/new").await;
    new.assert_status(200);
    let res = admin
        .submit(
            &new,
            "/admin/procedures/new",
            &[
                ("code", "1.009999"),
                ("name", "Thủ tục thử nghiệm"),
                ("field_code", "HOTICH"),
                ("agency_unit_code", "H11.100"),
                ("time_limit.amount", "3"),
                ("components[0].name", "Tờ khai"),
                ("fees[0].name", "Lệ phí"),
                ("fees[0].amount_vnd", "50.000"),
                ("workflow[0].name", "Xử lý"),
                ("workflow[0].unit", "fixed"),
                ("workflow[0].unit_code", "H11.100"),
                ("workflow[0].share", "3"),
            ],
        )
        .await;
    res.assert_redirect("/admin/procedures/1.009999?done=adm-procedure-created");
    let (_, p) = app.get(None, "/api/v1/procedures/1.009999").await;
    assert_eq!(p["fees"][0]["amount_vnd"], 50000, "{p:#}");
    assert_eq!(p["components"][0]["required"], true);
    assert_eq!(p["workflow"].as_array().unwrap().len(), 1);
});

/// The calculator's due date for 5 working days from Wednesday 04/03/2026 09:00.
async fn due_on_the_page(admin: &Browser) -> String {
    let page = admin.get("/admin/calendar?date=2026-03-04&time=09%3A00&amount=5&unit=working_days").await;
    page.assert_status(200);
    let start = page.body.find("id=\"calc-due\">").expect("a result") + "id=\"calc-due\">".len();
    page.body[start..start + page.body[start..].find('<').unwrap()].to_owned()
}

both_backends!(a_holiday_added_to_a_year_pushes_the_due_date, |app| async move {
    let admin = Browser::logged_in(&app, "admin", None).await;
    let cal = admin.get("/admin/calendar").await;
    cal.assert_status(200)
        .assert_contains("Năm 2026")
        .assert_contains("Tạm tính")
        .assert_contains("07:30–11:30, 13:00–17:00");
    assert_eq!(due_on_the_page(&admin).await, "Thứ Tư 11/03/2026 23:59");

    let form_path = "/admin/calendar/years/2026";
    let form = admin.get(form_path).await;
    form.assert_status(200).assert_contains("2026-02-16");
    let fields = form_fields(&form.body, form_path);
    let days_off = format!("{}\n2026-03-06 Ngày nghỉ thử nghiệm", field(&fields, "days_off"));
    let res = admin.submit(&form, form_path, &[("days_off", &days_off)]).await;
    res.assert_redirect("/admin/calendar?done=adm-year-saved#year-2026");

    // Friday 06/03 is off now: one working day later.
    assert_eq!(due_on_the_page(&admin).await, "Thứ Năm 12/03/2026 23:59");
    let r =
        app.fetch(None, "/api/v1/calendar/deadline?start=2026-03-04T09:00:00%2B07:00&amount=5&unit=working_days").await;
    assert_eq!(r.assert_status(200)["due"], "2026-03-12T23:59:59+07:00");
    assert_eq!(r.body["provisional"], true);
    let cal = admin.get("/admin/calendar").await;
    cal.assert_contains("Ngày nghỉ thử nghiệm");
    // The name is kept with the year, and read back by the editor.
    let form = admin.get(form_path).await;
    form.assert_contains("2026-03-06 Ngày nghỉ thử nghiệm");
    let fields = form_fields(&form.body, form_path);
    assert!(!field(&fields, "notes").contains("[Tên ngày"), "the names stay out of the notes box");

    // The working week: overlapping windows are refused; a cut-off at
    // 08:00 makes a 09:00 receipt count from the next working day.
    let pattern = admin.get("/admin/calendar/pattern").await;
    pattern.assert_status(200).assert_contains("value=\"07:30\"");
    let res = admin.submit(&pattern, "/admin/calendar/pattern", &[("w1_start", "11:00")]).await;
    res.assert_status(422).assert_contains("role=\"alert\"").assert_contains("overlap");
    let res = admin.submit(&pattern, "/admin/calendar/pattern", &[("cutoff", "08:00")]).await;
    res.assert_redirect("/admin/calendar?done=adm-pattern-saved");
    assert_eq!(due_on_the_page(&admin).await, "Thứ Sáu 13/03/2026 23:59");
    admin
        .submit(&pattern, "/admin/calendar/pattern", &[])
        .await
        .assert_redirect("/admin/calendar?done=adm-pattern-saved");
    assert_eq!(due_on_the_page(&admin).await, "Thứ Năm 12/03/2026 23:59");

    // A line that is not a date is refused with its number.
    let res = admin.submit(&form, form_path, &[("extra_working_days", "2026-01-10\n10/13/2026 sai")]).await;
    res.assert_status(422).assert_contains("Dòng 2").assert_contains("id=\"extra-err\"");
    // Every bad line of both boxes at once, each with its number.
    let res = admin
        .submit(&form, form_path, &[("days_off", "2026-01-01\nthứ hai\n2025-12-31"), ("extra_working_days", "x")])
        .await;
    res.assert_status(422).assert_contains("Có 3 chỗ cần sửa").assert_contains("Dòng 2").assert_contains("Dòng 3");
    res.assert_contains("id=\"days_off-err\"").assert_contains("id=\"extra-err\"");

    // A new year, verified, then deleted through the confirmation page.
    let new = admin.get("/admin/calendar/years/2031").await;
    new.assert_status(200).assert_contains("Thêm lịch năm 2031");
    let res = admin
        .submit(&new, "/admin/calendar/years/2031", &[("days_off", "2031-01-01 Tết Dương lịch"), ("verified", "on")])
        .await;
    res.assert_redirect("/admin/calendar?done=adm-year-saved#year-2031");
    let cal = admin.get("/admin/calendar").await;
    cal.assert_contains("id=\"year-2031\"").assert_contains("Đã xác minh");
    let confirm = admin.get("/admin/calendar/years/2031/delete").await;
    confirm.assert_status(200).assert_contains("Xóa toàn bộ lịch nghỉ lễ năm 2031?");
    admin
        .submit(&confirm, "/admin/calendar/years/2031/delete", &[])
        .await
        .assert_redirect("/admin/calendar?done=adm-year-deleted");
    let (_, cal) = app.get(None, "/api/v1/calendar").await;
    assert!(!cal["years"].as_array().unwrap().iter().any(|y| y["year"] == 2031));
    admin.get("/admin/calendar/years/2031/delete").await.assert_status(404);
});

both_backends!(a_unit_administrator_sees_the_calendar_read_only_in_both_languages, |app| async move {
    // The province's administrator has the editors.
    let admin = Browser::logged_in(&app, "admin", None).await;
    let page = admin.get("/admin/calendar").await;
    page.assert_status(200).assert_contains("href=\"/admin/calendar/pattern\"");
    page.assert_contains("href=\"/admin/calendar/years/2026\"").assert_contains("action=\"/admin/calendar/year\"");
    assert!(!page.body.contains("id=\"calendar-read-only\""));

    // A commune's administrator sees the same calendar, read only, told
    // who may change it, in either language...
    for (lang, says) in [
        (None, "Chỉ xem: lịch ngày làm việc dùng chung cho cả tỉnh, nên chỉ quản trị viên cấp tỉnh"),
        (
            Some("en"),
            "Read only: the working-day calendar is shared by the whole province, so only an administrator of the province",
        ),
    ] {
        let commune = Browser::logged_in(&app, "quantri.xa", lang).await;
        let page = commune.get("/admin/calendar").await;
        page.assert_status(200).assert_contains("id=\"calendar-read-only\"").assert_contains(says);
        page.assert_contains("id=\"year-2026\"").assert_contains("07:30–11:30, 13:00–17:00");
        for editor in ["/admin/calendar/pattern", "/admin/calendar/years/2026", "/admin/calendar/year\""] {
            assert!(!page.body.contains(editor), "{lang:?}: {editor} offered read-only");
        }
        // ...its calculator still works...
        assert_eq!(
            due_on_the_page(&commune).await,
            if lang.is_none() { "Thứ Tư 11/03/2026 23:59" } else { "Wednesday 11/03/2026 23:59" }
        );
        // ...and the editors' addresses refuse it, naming the rule.
        for path in [
            "/admin/calendar/pattern",
            "/admin/calendar/years/2026",
            "/admin/calendar/years/2026/delete",
            "/admin/calendar/year?year=2027",
        ] {
            let res = commune.get(path).await;
            res.assert_status(403);
            res.assert_contains(if lang.is_none() {
                "lịch ngày làm việc dùng chung cho cả tỉnh"
            } else {
                "the working-day calendar is shared by the whole province"
            });
        }
    }
});

/// Posts the import form (multipart) with pasted JSON.
async fn import(admin: &Browser, json: &str) -> Page {
    let form = reqwest::multipart::Form::new().text("_csrf", admin.csrf.clone()).text("json", json.to_owned());
    let res =
        admin.client.post(format!("{}/admin/procedures/import", admin.base)).multipart(form).send().await.unwrap();
    Browser::page(res).await
}

both_backends!(import_reports_counts_and_names_the_path_of_an_error, |app| async move {
    let admin = Browser::logged_in(&app, "admin", Some("en")).await;
    let export = admin.get("/admin/procedures/export").await;
    export.assert_status(200);
    assert!(
        header(&export.headers, "content-disposition").unwrap().starts_with("attachment; filename=\"motcua-thu-tuc-")
    );
    let catalog: Vec<Value> = serde_json::from_str(&export.body).unwrap();
    assert!(catalog.len() > 20);

    // A type error in the second procedure: its path, and its code.
    let mut bad = vec![catalog[0].clone(), catalog[1].clone()];
    bad[1]["time_limit"]["amount"] = "ten".into();
    let res = import(&admin, &serde_json::to_string(&bad).unwrap()).await;
    res.assert_status(422)
        .assert_contains("Nothing was imported.")
        .assert_contains("<code class=\"mono\" id=\"error-path\">[1].time_limit.amount</code>")
        .assert_contains(&format!("in procedure {}", catalog[1]["code"].as_str().unwrap()));
    // A unit that does not exist: the store names it the same way.
    let mut bad = vec![catalog[0].clone()];
    bad[0]["agency_unit_code"] = "H99".into();
    bad[0]["name"] = "Changed".into();
    let res = import(&admin, &serde_json::to_string(&bad).unwrap()).await;
    res.assert_status(422).assert_contains("id=\"error-path\">[0].agency_unit_code</code>");
    let res = import(&admin, "[{\"code\": ").await;
    res.assert_status(400).assert_contains("Malformed JSON");
    let (_, p) = app.get(None, &format!("/api/v1/procedures/{}", catalog[0]["code"].as_str().unwrap())).await;
    assert_eq!(p["version"], 1, "nothing was imported");

    // One changed, one new, one identical.
    let mut changed = catalog[0].clone();
    changed["name"] = "Đăng ký khai sinh (đã sửa)".into();
    let mut new = catalog[1].clone();
    new["code"] = "1.008888".into();
    let body = serde_json::to_string(&vec![changed, new, catalog[2].clone()]).unwrap();
    let res = import(&admin, &body).await;
    res.assert_status(200)
        .assert_contains("Added: 1 procedures")
        .assert_contains("Updated: 1 procedures")
        .assert_contains("Unchanged: 1 procedures");
    let (_, p) = app.get(None, "/api/v1/procedures/1.008888").await;
    assert_eq!(p["version"], 1, "{p:#}");

    // Uploaded as a file, the same.
    let file = reqwest::multipart::Part::bytes(serde_json::to_vec(&vec![catalog[3].clone()]).unwrap())
        .file_name("catalog.json")
        .mime_str("application/json")
        .unwrap();
    let form = reqwest::multipart::Form::new().text("_csrf", admin.csrf.clone()).part("file", file).text("json", "");
    let res =
        admin.client.post(format!("{}/admin/procedures/import", admin.base)).multipart(form).send().await.unwrap();
    Browser::page(res).await.assert_status(200).assert_contains("Unchanged: 1 procedures");
});

/// The status of a fresh API login (not the cached token of `TestApp::login`).
async fn login_status(app: &TestApp, username: &str) -> StatusCode {
    let body = serde_json::json!({"username": username, "password": TestApp::password(username)});
    app.post(None, "/api/v1/auth/login", &body).await.0
}

/// The form fields of one row of `/admin/users`, as the page shows them.
async fn user_row(admin: &Browser, action: &str) -> Vec<(String, String)> {
    form_fields(&admin.get("/admin/users").await.assert_status(200).body, action)
}

both_backends!(an_admin_deactivates_reactivates_and_changes_a_user, |app| async move {
    let store = &app.state.store;
    let (target, _) = store.user_for_login("chuyenvien".into()).await.unwrap().expect("a demo user");
    let (me, _) = store.user_for_login("admin".into()).await.unwrap().expect("the demo admin");
    let action = format!("/admin/users/{}", target.id);
    let token = app.login("chuyenvien").await;
    assert_eq!(app.get(Some(&token), "/api/v1/auth/me").await.0, StatusCode::OK);

    // The row shows the account as it is: active, with its role.
    let admin = Browser::logged_in(&app, "admin", None).await;
    let page = admin.get("/admin/users").await;
    page.assert_status(200);
    assert!(!page.body.contains("chưa làm được"), "the old notice is gone");
    let fields = form_fields(&page.body, &action);
    assert_eq!((field(&fields, "role"), field(&fields, "active")), ("specialist", "1"));
    let unit = field(&fields, "unit_id").to_owned();
    assert_eq!(unit, target.unit_id.unwrap().to_string());

    // Deactivated: the open session ends at once, and logging in fails.
    let users = admin.get("/admin/users").await;
    let mut fields = form_fields(&users.body, &action);
    fields.retain(|(n, _)| n != "active");
    let mut pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    // Locking is asked first (issue #11): the first post changes nothing.
    admin.post_raw(&action, &pairs).await.assert_status(200).assert_contains("id=\"confirm-yes\"");
    assert_eq!(app.get(Some(&token), "/api/v1/auth/me").await.0, StatusCode::OK, "not locked yet");
    pairs.push(("confirm", "yes"));
    admin.post_raw(&action, &pairs).await.assert_redirect("/admin/users?done=adm-user-changed");
    admin.get("/admin/users?done=adm-user-changed").await.assert_contains("Đã lưu thay đổi tài khoản.");
    assert_eq!(app.get(Some(&token), "/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);
    assert_ne!(login_status(&app, "chuyenvien").await, StatusCode::OK, "a deactivated account cannot log in");
    assert!(user_row(&admin, &action).await.iter().all(|(n, _)| n != "active"), "shown unticked");

    // Reactivated: logging in works again.
    let page = admin.get("/admin/users").await;
    admin.submit(&page, &action, &[("active", "1")]).await.assert_redirect("/admin/users?done=adm-user-changed");
    assert_eq!(login_status(&app, "chuyenvien").await, StatusCode::OK);

    // A new role shows on the list.
    let page = admin.get("/admin/users").await;
    admin.submit(&page, &action, &[("role", "leader")]).await.assert_redirect("/admin/users?done=adm-user-changed");
    assert_eq!(field(&user_row(&admin, &action).await, "role"), "leader");
    let page = admin.get("/admin/users").await;
    let row = &page.body[page.body.find("chuyenvien</td>").expect("the row")..];
    assert!(row[..row.find("</tr>").unwrap()].contains(">Lãnh đạo</td>"), "the role column shows the new role");
    assert_eq!(store.user(target.id).await.unwrap().unwrap().role, motcua_rules::Role::Leader);

    // The administrator's own account cannot be deactivated or demoted.
    let own = format!("/admin/users/{}", me.id);
    let page = admin.get("/admin/users").await;
    for change in [("role", "specialist"), ("active", "")] {
        let mut fields = form_fields(&page.body, &own);
        if change.0 == "active" {
            fields.retain(|(n, _)| n != "active");
        } else {
            fields.iter_mut().find(|(n, _)| n == change.0).unwrap().1 = change.1.to_owned();
        }
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let res = admin.post_raw(&own, &pairs).await;
        res.assert_status(409).assert_contains("data-code=\"cannot_change_self\"");
    }
    let after = store.user(me.id).await.unwrap().unwrap();
    assert_eq!((after.role, after.active), (motcua_rules::Role::Admin, true));
    // ... and the administrator is still logged in.
    admin.get("/admin/users").await.assert_status(200);
});
