//! The everyday points of issue #11, as a browser meets them: forms that
//! report every problem at once and keep what was typed, a question before
//! a step that cannot be undone, the 404 page, the language (Vietnamese
//! unless chosen), and "My dossiers" (filter, rating without the digits).

use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::common::html::{Html, input_value};
use crate::common::{APPLICANT_NAME, BIRTH, CHECK, PHONE, TestApp};

/// A browser: its own cookies (session, CSRF, language), redirects not
/// followed, and the CSRF token of the last page it read.
struct Browser {
    client: reqwest::Client,
    base: String,
}

impl Browser {
    async fn new(app: &TestApp, username: Option<&str>, lang: Option<&str>) -> Browser {
        Browser { client: app.page_client(username, lang).await, base: app.base.clone() }
    }

    async fn get(&self, path: &str) -> Html {
        Html::read(self.client.get(format!("{}{path}", self.base)).send().await.unwrap()).await
    }

    async fn get_with(&self, path: &str, header: (&str, &str)) -> Html {
        let req = self.client.get(format!("{}{path}", self.base)).header(header.0, header.1);
        Html::read(req.send().await.unwrap()).await
    }

    /// The CSRF token of the page at `path`.
    async fn token(&self, path: &str) -> String {
        input_value(self.get(path).await.assert_status(200), "_csrf").expect("a form with a token")
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Html {
        Html::read(self.client.post(format!("{}{path}", self.base)).form(fields).send().await.unwrap()).await
    }

    async fn post_multipart(&self, path: &str, form: Form) -> Html {
        Html::read(self.client.post(format!("{}{path}", self.base)).multipart(form).send().await.unwrap()).await
    }
}

/// The opening tag of the element with `id`.
fn tag_of<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in:\n{html}"));
    let start = html[..at].rfind('<').unwrap();
    &html[start..at + html[at..].find('>').unwrap()]
}

/// The links of the error summary at the top of a form, in order.
fn summary_links(html: &str) -> Vec<String> {
    let start = html.find("id=\"form-error\"").unwrap_or_else(|| panic!("no summary in:\n{html}"));
    let summary = &html[start..start + html[start..].find("</div>").unwrap()];
    summary.split("<a href=\"#").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect()
}

/// The intake form of [`BIRTH`] with an empty name, a two-digit identity
/// number, an address and no document ticked.
async fn bad_intake(b: &Browser) -> Html {
    let form = b.get(&format!("/office/intake/{BIRTH}")).await;
    let body = form.assert_status(200);
    let (csrf, idem) = (input_value(body, "_csrf").unwrap(), input_value(body, "idem").unwrap());
    let fields = [
        ("_csrf", csrf.as_str()),
        ("procedure", BIRTH),
        ("idem", idem.as_str()),
        ("applicant.name", ""),
        ("applicant.id_number", "12"),
        ("applicant.phone", ""),
        ("applicant.email", ""),
        ("applicant.address", "Tổ 5, phường Thục Phán"),
        ("channel", "counter"),
    ];
    b.post("/office/intake", &fields).await
}

both_backends!(the_intake_form_shows_every_problem_at_once_and_keeps_what_was_typed, |app| async move {
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let res = bad_intake(&counter).await;
    let html = res.assert_status(422);
    // All three at once: the name, the number, the documents (both
    // required components are named).
    res.assert_contains(&[
        "Có 3 chỗ cần sửa",
        "Họ và tên không được để trống.",
        "Số giấy tờ tùy thân không hợp lệ",
        // Every missing document in one line.
        "Thiếu thành phần hồ sơ bắt buộc: &#34;Tờ khai theo mẫu&#34;, &#34;Giấy chứng sinh&#34;",
    ]);
    // The summary links to each field, in the order of the form.
    assert_eq!(summary_links(html), ["applicant-name", "applicant-id-number", "components"]);
    // Each field is marked and its message tied to it.
    for id in ["applicant-name", "applicant-id-number"] {
        let tag = tag_of(html, id);
        assert!(tag.contains("aria-invalid=\"true\"") && tag.contains(&format!("{id}-err")), "{tag}");
        assert!(html.contains(&format!("id=\"{id}-err\"")), "#{id}-err");
    }
    assert!(tag_of(html, "components").contains("aria-describedby=\"components-err\""));
    // What was typed stays.
    assert!(html.contains("value=\"12\"") && html.contains("value=\"Tổ 5, phường Thục Phán\""), "{html}");
    // The phone was fine (the number stands for the look-up proof): not marked.
    assert!(!tag_of(html, "applicant-phone").contains("aria-invalid"));

    // A wrong count joins the others instead of hiding them.
    let form = counter.get(&format!("/office/intake/{BIRTH}")).await;
    let (csrf, idem) = (input_value(&form.body, "_csrf").unwrap(), input_value(&form.body, "idem").unwrap());
    let fields = [
        ("_csrf", csrf.as_str()),
        ("procedure", BIRTH),
        ("idem", idem.as_str()),
        ("applicant.name", ""),
        ("applicant.phone", PHONE),
        ("component", "0"),
        ("count.0", "0"),
        ("component", "1"),
        ("count.1", "1"),
    ];
    let res = counter.post("/office/intake", &fields).await;
    res.assert_status(422);
    assert_eq!(summary_links(&res.body), ["applicant-name", "count-0"]);

    // In English, the same three problems in English.
    let english = Browser::new(&app, Some("motcua"), Some("en")).await;
    let res = bad_intake(&english).await;
    res.assert_status(422);
    res.assert_contains(&[
        "3 things to correct",
        "The name must not be empty.",
        "Invalid identity number",
        "Required components are missing: &#34;Tờ khai theo mẫu&#34;, &#34;Giấy chứng sinh&#34;",
    ]);

    // Nothing was received.
    let token = app.login("motcua").await;
    let (_, inbox) = app.get(Some(&token), "/api/v1/inbox?limit=200").await;
    assert!(inbox["items"].as_array().unwrap().is_empty(), "{inbox:#}");
});

both_backends!(the_api_lists_every_problem_and_keeps_the_first_as_error, |app| async move {
    let token = app.login("motcua").await;
    let body = json!({
        "procedure_code": BIRTH,
        "applicant": {"name": " ", "id_number": "12", "phone": "12345"},
        "components": [],
    });
    let r = app.create_dossier(&token, &body).await;
    r.assert_error(422, "invalid_name", Some("applicant.name"));
    let all: Vec<(String, String)> = r.body["errors"]
        .as_array()
        .expect("an errors list")
        .iter()
        .map(|e| (e["code"].as_str().unwrap().to_owned(), e["field"].as_str().unwrap().to_owned()))
        .collect();
    let expected = [
        ("invalid_name", "applicant.name"),
        ("invalid_citizen_id", "applicant.id_number"),
        ("invalid_phone", "applicant.phone"),
        ("components_incomplete", "components"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(c, f)| ((*c).to_owned(), (*f).to_owned())).collect();
    assert_eq!(all, expected);
    assert!(r.body["errors"][1]["message_en"].as_str().unwrap().contains("identity number"));
    // One problem: no list, the body as it always was.
    let mut one = body.clone();
    one["applicant"] = json!({"name": APPLICANT_NAME, "phone": "12345"});
    one["components"] = json!([{"name": "Tờ khai theo mẫu", "count": 1}, {"name": "Giấy chứng sinh", "count": 1}]);
    let r = app.create_dossier(&token, &one).await;
    r.assert_error(422, "invalid_phone", Some("applicant.phone"));
    assert!(r.body.get("errors").is_none(), "{:#}", r.body);
});

both_backends!(the_online_form_shows_every_problem_and_asks_for_the_files_again, |app| async move {
    let citizen = Browser::new(&app, Some("congdan"), None).await;
    let page = citizen.get(&format!("/procedures/{BIRTH}/submit")).await;
    let body = page.assert_status(200);
    let (csrf, idem) = (input_value(body, "_csrf").unwrap(), input_value(body, "idem").unwrap());
    let form = Form::new()
        .text("_csrf", csrf)
        .text("idem", idem)
        .text("name", "")
        .text("id_number", "")
        .text("phone", "12")
        .text("email", "an.nguyen@example.vn")
        .text("address", "Tổ 5, phường Thục Phán")
        .text("receiving_unit_code", "H11.100")
        .text("component", "0")
        .part("file_0", Part::bytes(b"MZ\x90\x00 a program".to_vec()).file_name("to-khai.pdf"))
        .part("file_1", Part::bytes(b"%PDF-1.7\n%%EOF\n".to_vec()).file_name("giay-chung-sinh.pdf"));
    let res = citizen.post_multipart(&format!("/procedures/{BIRTH}/submit"), form).await;
    let html = res.assert_status(422);
    res.assert_contains(&[
        "Có 3 chỗ cần sửa",
        "Họ và tên không được để trống.",
        "Số điện thoại không hợp lệ",
        "không phải PDF, JPEG, PNG hoặc DOCX",
        // Nothing was stored: each chosen file is asked for again by name.
        "Bạn đã chọn: to-khai.pdf.",
        "Bạn đã chọn: giay-chung-sinh.pdf.",
    ]);
    assert_eq!(summary_links(html), ["name", "phone", "file_0"]);
    for id in ["name", "phone", "file_0"] {
        assert!(tag_of(html, id).contains("aria-invalid=\"true\""), "#{id}");
    }
    assert!(tag_of(html, "file_1").contains("aria-describedby=\"file_1-err\""));
    assert!(html.contains("value=\"an.nguyen@example.vn\"") && html.contains("value=\"12\""), "kept");
    let (citizen_user, _) = app.state.store.user_for_login("congdan".into()).await.unwrap().unwrap();
    let made = app.state.store.dossiers_of_owner(citizen_user.id, None, 10, &[]).await.unwrap();
    assert!(made.is_empty(), "nothing was made");
});

both_backends!(registration_shows_every_problem_at_once, |app| async move {
    let b = Browser::new(&app, None, None).await;
    let csrf = b.token("/register").await;
    let res = b.post("/register", &[("_csrf", &csrf), ("full_name", ""), ("username", "a"), ("password", "x")]).await;
    let html = res.assert_status(422);
    assert_eq!(summary_links(html), ["full_name", "username", "password"]);
    for id in ["full_name", "username", "password"] {
        assert!(tag_of(html, id).contains("aria-invalid=\"true\""), "#{id}");
    }
    assert!(html.contains("value=\"a\""), "the username typed stays");
});

both_backends!(the_feedback_form_shows_every_problem_at_once, |app| async move {
    let b = Browser::new(&app, None, None).await;
    let csrf = b.token("/feedback").await;
    let typed = "Tôi phải chờ hơn hai giờ tại quầy.";
    let fields = [("_csrf", csrf.as_str()), ("name", ""), ("contact", "không có"), ("subject", ""), ("content", typed)];
    let res = b.post("/feedback", &fields).await;
    let html = res.assert_status(422);
    assert_eq!(summary_links(html), ["name", "contact", "subject"]);
    for id in ["name", "contact", "subject"] {
        assert!(tag_of(html, id).contains("aria-invalid=\"true\""), "#{id}");
        assert!(html.contains(&format!("id=\"{id}-err\"")), "the message under #{id}");
    }
    assert!(html.contains("Có 3 chỗ cần sửa") && html.contains(typed), "what was typed stays");
});

both_backends!(the_administrators_unit_and_account_forms_show_every_problem_at_once, |app| async move {
    let b = Browser::new(&app, Some("admin"), None).await;
    let csrf = b.token("/admin/units").await;
    let fields = [("_csrf", csrf.as_str()), ("parent_id", ""), ("code", "x y"), ("name", " "), ("level", "galaxy")];
    let res = b.post("/admin/units", &fields).await;
    let html = res.assert_status(422);
    assert_eq!(summary_links(html), ["parent_id", "code", "name", "level"]);
    assert!(html.contains("value=\"x y\""), "what was typed stays");

    let csrf = b.token("/admin/users").await;
    let fields = [
        ("_csrf", csrf.as_str()),
        ("username", "a"),
        ("full_name", ""),
        ("role", "specialist"),
        ("unit_id", "1"),
        ("password", "short"),
    ];
    let res = b.post("/admin/users", &fields).await;
    let html = res.assert_status(422);
    assert_eq!(summary_links(html), ["username", "password", "full_name"]);
    for id in ["username", "password", "full_name"] {
        assert!(tag_of(html, id).contains("aria-invalid=\"true\""), "#{id}");
    }
});

/// A dossier's status key, as the API tells it.
async fn status_of(app: &TestApp, code: &str) -> String {
    app.dossier(&app.login("motcua").await, code).await["status"]["key"].as_str().unwrap().to_owned()
}

/// The fields of a dossier's action form as its page shows them.
async fn act_fields(b: &Browser, code: &str, action: &str) -> (String, String) {
    let page = b.get(&format!("/office/dossiers/{code}")).await;
    let body = page.assert_status(200);
    let at = body.find(&format!("name=\"action\" value=\"{action}\"")).unwrap_or_else(|| panic!("no {action} form"));
    let csrf = input_value(body, "_csrf").unwrap();
    (csrf, input_value(&body[at..], "version").unwrap())
}

both_backends!(stopping_and_withdrawing_ask_first_and_do_nothing_until_answered, |app| async move {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();

    // Withdrawal at the counter: the first post only asks.
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let (csrf, version) = act_fields(&counter, &code, "withdraw").await;
    let path = format!("/office/dossiers/{code}/act");
    let first = [("_csrf", csrf.as_str()), ("action", "withdraw"), ("version", version.as_str()), ("note", "Xin rút")];
    let ask = counter.post(&path, &first).await;
    ask.assert_status(200);
    ask.assert_contains(&["id=\"confirm-yes\"", "Bạn có chắc chắn không?", &code, "Xin rút", "không hoàn tác được"]);
    assert!(ask.body.contains("name=\"confirm\" value=\"yes\""));
    assert_eq!(status_of(&app, &code).await, "received", "nothing done before the answer");
    // The answer, as the confirmation page sends it: done.
    let mut answer = first.to_vec();
    answer.push(("confirm", "yes"));
    let done = counter.post(&path, &answer).await;
    done.assert_status(303);
    assert_eq!(status_of(&app, &code).await, "withdrawn");

    // A stop by the leader: asked first as well, in English too.
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&app.login("motcua").await, &code, "forward", None).await;
    app.act_ok(&app.login("chuyenvien").await, &code, "forward", None).await;
    let leader = Browser::new(&app, Some("lanhdao"), Some("en")).await;
    let (csrf, version) = act_fields(&leader, &code, "stop").await;
    let path = format!("/office/dossiers/{code}/act");
    // Without a reason the form says so first; no question yet.
    let no_reason = [("_csrf", csrf.as_str()), ("action", "stop"), ("version", version.as_str()), ("note", "")];
    let res = leader.post(&path, &no_reason).await;
    assert_eq!(res.status.as_u16(), 422, "{}", res.body);
    res.assert_lacks(&["id=\"confirm-yes\""]);
    let first = [("_csrf", csrf.as_str()), ("action", "stop"), ("version", version.as_str()), ("note", "Trùng hồ sơ")];
    let ask = leader.post(&path, &first).await;
    ask.assert_status(200);
    ask.assert_contains(&["Are you sure?", "This cannot be undone.", "id=\"confirm-yes\""]);
    assert_eq!(status_of(&app, &code).await, "in_process");
    let mut answer = first.to_vec();
    answer.push(("confirm", "yes"));
    leader.post(&path, &answer).await.assert_status(303);
    assert_eq!(status_of(&app, &code).await, "stopped");
});

both_backends!(locking_an_account_asks_first, |app| async move {
    let store = &app.state.store;
    let (target, _) = store.user_for_login("chuyenvien".into()).await.unwrap().unwrap();
    let admin = Browser::new(&app, Some("admin"), None).await;
    let csrf = admin.token("/admin/users").await;
    let path = format!("/admin/users/{}", target.id);
    let unit = target.unit_id.unwrap().to_string();
    let fields = [("_csrf", csrf.as_str()), ("role", "specialist"), ("unit_id", unit.as_str())];
    let ask = admin.post(&path, &fields).await;
    ask.assert_status(200);
    ask.assert_contains(&["id=\"confirm-yes\"", "chuyenvien", "đăng xuất ngay"]);
    assert!(store.user(target.id).await.unwrap().unwrap().active, "not locked before the answer");
    let mut answer = fields.to_vec();
    answer.push(("confirm", "yes"));
    admin.post(&path, &answer).await.assert_status(303);
    assert!(!store.user(target.id).await.unwrap().unwrap().active, "locked after it");
});

both_backends!(an_unknown_address_gets_a_plain_404_page, |app| async move {
    let b = Browser::new(&app, None, None).await;
    let res = b.get("/khong-co-trang-nay").await;
    res.assert_status(404);
    res.assert_contains(&["Không tìm thấy trang", "href=\"/lookup\"", "href=\"/\"", "Về trang chủ"]);
    res.assert_lacks(&["Không thực hiện được", "Mã lỗi", "not_found"]);
    // In English when chosen; staff are offered their own start page.
    let staff = Browser::new(&app, Some("chuyenvien"), Some("en")).await;
    let res = staff.get("/office/dossiers/H11.100-000000-9999").await;
    res.assert_status(404);
    res.assert_contains(&["Page not found", "No such dossier", "href=\"/office/inbox\"", "Go to my work page"]);
    res.assert_lacks(&["dossier_not_found"]);
    // The API's 404 stays JSON.
    let api = b.get("/api/v1/nowhere").await;
    api.assert_status(404);
    assert!(api.body.starts_with('{') && api.body.contains("\"not_found\""), "{}", api.body);
});

both_backends!(pages_are_vietnamese_until_english_is_chosen_and_remembered, |app| async move {
    let b = Browser::new(&app, None, None).await;
    // A browser set to English still gets Vietnamese.
    let home = b.get_with("/lookup", ("accept-language", "en-GB,en;q=0.9")).await;
    home.assert_status(200);
    home.assert_contains(&["<html lang=\"vi\"", "Tra cứu"]);
    // The header shows the province.
    home.assert_contains(&["id=\"province-name\">Tỉnh Cao Bằng (dữ liệu mẫu)<"]);
    // The switch keeps the page and its query.
    assert!(home.body.contains("href=\"/lang/en?back=/lookup\""), "{}", home.body);
    let list = b.get("/?q=khai+sinh").await;
    assert!(list.body.contains("href=\"/lang/en?back=/%3Fq%3Dkhai%2Bsinh\""), "{}", list.body);
    let switch = b.get("/lang/en?back=/%3Fq%3Dkhai%2Bsinh").await;
    switch.assert_status(303);
    assert_eq!(switch.location(), "/?q=khai+sinh");
    let cookie = switch
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("motcua_lang="))
        .expect("the language cookie");
    assert!(cookie.contains("motcua_lang=en") && cookie.contains("Max-Age=31536000"), "{cookie}");
    // Remembered on the next pages, whatever the browser says.
    let next = b.get_with("/lookup", ("accept-language", "vi")).await;
    next.assert_contains(&["<html lang=\"en\""]);
    b.get("/feedback").await.assert_contains(&["<html lang=\"en\""]);
    // And back to Vietnamese.
    b.get("/lang/vi?back=/feedback").await.assert_status(303);
    b.get("/feedback").await.assert_contains(&["<html lang=\"vi\""]);
});

/// Submits [`BIRTH`] online as `congdan` and returns the dossier's id.
async fn submit_online(app: &TestApp) -> i64 {
    app.online_submission().await["id"].as_i64().unwrap()
}

both_backends!(my_dossiers_newest_first_with_status_filters, |app| async move {
    let first = submit_online(&app).await;
    let second = submit_online(&app).await;
    let third = submit_online(&app).await;
    // The second is received and then asked for a supplement.
    let counter = app.login("motcua").await;
    let received = app.act_ok(&counter, &second.to_string(), "receive", None).await;
    let code = received["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "request_supplement", Some("Thiếu bản sao giấy chứng sinh")).await;

    let citizen = Browser::new(&app, Some("congdan"), None).await;
    let ids = |html: &str| -> Vec<String> {
        let table = html.split("id=\"my-dossiers\"").nth(1).unwrap_or("");
        table.split("href=\"/my/").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect()
    };
    let all = citizen.get("/my").await;
    all.assert_status(200);
    assert_eq!(ids(&all.body), [third.to_string(), code.clone(), first.to_string()], "newest first");
    all.assert_contains(&["Tất cả", "Đang giải quyết", "Cần bổ sung", "Đã có kết quả", "aria-current=\"page\""]);

    let supplement = citizen.get("/my?show=supplement").await;
    assert_eq!(ids(&supplement.body), vec![code.clone()]);
    assert!(supplement.body.contains("href=\"/my?show=supplement\" aria-current=\"page\""), "{}", supplement.body);
    let going = citizen.get("/my?show=in-progress").await;
    assert_eq!(ids(&going.body), [third.to_string(), first.to_string()]);
    let done = citizen.get("/my?show=done").await;
    assert!(ids(&done.body).is_empty());
    done.assert_contains(&["Không có hồ sơ nào ở tình trạng này."]);
    // An unknown filter shows everything.
    assert_eq!(ids(&citizen.get("/my?show=nonsense").await.body).len(), 3);
});

both_backends!(the_owner_rates_from_my_dossiers_without_the_digits, |app| async move {
    let id = submit_online(&app).await;
    let counter = app.login("motcua").await;
    let d = app.act_ok(&counter, &id.to_string(), "receive", None).await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&app.login("chuyenvien").await, &code, "forward", None).await;
    app.act_ok(&app.login("lanhdao").await, &code, "finish", None).await;
    app.act_ok(&counter, &code, "return_result", None).await;

    let citizen = Browser::new(&app, Some("congdan"), None).await;
    let page = citizen.get(&format!("/my/{code}")).await;
    page.assert_status(200);
    assert_eq!(page.body.matches("class=\"criterion").count(), 9);
    page.assert_lacks(&["name=\"check\""]);
    let csrf = input_value(&page.body, "_csrf").unwrap();
    let scores: Vec<(String, String)> = (0..9).map(|i| (format!("s{i}"), "2".to_owned())).collect();
    let mut fields: Vec<(&str, &str)> = vec![("_csrf", &csrf)];
    // One criterion missing: refused on the form, the rest kept.
    fields.extend(scores.iter().skip(1).map(|(k, v)| (k.as_str(), v.as_str())));
    let res = citizen.post(&format!("/my/{code}/rate"), &fields).await;
    res.assert_status(422);
    res.assert_contains(&["id=\"rating-error\"", "name=\"s1\" value=\"2\" required checked"]);
    fields.push(("s0", "1"));
    let res = citizen.post(&format!("/my/{code}/rate"), &fields).await;
    res.assert_status(303);
    assert_eq!(res.location(), format!("/my/{code}?done=rated"));
    let rating = app.state.store.rating(id).await.unwrap().expect("stored");
    assert_eq!(rating.total, 17);
    let after = citizen.get(&format!("/my/{code}?done=rated")).await;
    after.assert_contains(&["Cảm ơn bạn đã đánh giá"]);
    after.assert_lacks(&["class=\"criterion"]);

    // Someone else's session cannot rate it: not theirs, not found.
    let other = Browser::new(&app, Some("motcua"), None).await;
    let csrf = other.token("/lookup").await;
    let mut fields: Vec<(&str, &str)> = vec![("_csrf", &csrf)];
    fields.extend(scores.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_ne!(other.post(&format!("/my/{code}/rate"), &fields).await.status.as_u16(), 303);

    // The anonymous look-up still asks for the digits.
    let anon = Browser::new(&app, None, None).await;
    let csrf = anon.token("/lookup").await;
    let res = anon.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", "")]).await;
    assert_ne!(res.status.as_u16(), 200, "no digits, no dossier");
    let res = anon.post("/lookup", &[("_csrf", &csrf), ("code", &code), ("check", CHECK)]).await;
    res.assert_status(200);
});
