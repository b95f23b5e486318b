//! The back-office pages as a browser uses them: plain HTTP with cookies,
//! forms fetched first for their CSRF token, posted urlencoded, redirects
//! checked rather than followed.

use chrono::Duration;
use motcua_rules::Role;
use motcua_rules::dossier::{Actor, Context, receive_at_counter};
use motcua_store::NewDossier;
use motcua_store::model::{
    Applicant, AttachmentKind, Channel, ComponentReceived, EventInput, NewAttachment, NewFeedback,
};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::html::{Html, input_value, unescape};
use crate::common::{APPLICANT_NAME, BIRTH, ID_NUMBER, PHONE, TestApp, at, header};

/// A browser logged in as one demo user (its session cookie is the API
/// token the test helpers already hold), with its CSRF token.
pub(crate) struct Browser {
    client: reqwest::Client,
    base: String,
    csrf: String,
}

/// The `<tr>` of a table that links to `code`.
fn row_of<'a>(html: &'a str, code: &str) -> Option<&'a str> {
    let at = html.find(&format!(">{code}</a>"))?;
    let start = html[..at].rfind("<tr")?;
    let end = at + html[at..].find("</tr>")?;
    Some(&html[start..end])
}

/// The dossier links of a list page, in order.
fn dossier_links(html: &str) -> Vec<String> {
    html.split("<tr")
        .skip(1)
        .filter_map(|row| Some(row.split("href=\"/office/dossiers/").nth(1)?.split('"').next()?.to_owned()))
        .collect()
}

impl Browser {
    pub(crate) async fn new(app: &TestApp, username: Option<&str>, lang: Option<&str>) -> Browser {
        let client = app.page_client(username, lang).await;
        Browser::started(app, client).await
    }

    /// A browser holding the session `token` (one a page login gave).
    pub(crate) async fn with_session(app: &TestApp, token: &str, lang: &str) -> Browser {
        Browser::started(app, app.page_client_with(Some(token), Some(lang))).await
    }

    async fn started(app: &TestApp, client: reqwest::Client) -> Browser {
        let mut b = Browser { client, base: app.base.clone(), csrf: String::new() };
        // Any page gives the browser its CSRF cookie and the form token.
        let home = b.get("/login").await;
        b.csrf = input_value(&home.body, "_csrf").expect("a CSRF token on the page");
        b
    }

    pub(crate) async fn get(&self, path: &str) -> Html {
        Html::read(self.client.get(format!("{}{path}", self.base)).send().await.expect("the server answers")).await
    }

    /// Posts a form with the browser's CSRF token.
    pub(crate) async fn post(&self, path: &str, form: &[(&str, &str)]) -> Html {
        let mut fields: Vec<(&str, &str)> = vec![("_csrf", &self.csrf)];
        fields.extend_from_slice(form);
        self.post_raw(path, &fields).await
    }

    /// Posts exactly these fields.
    async fn post_raw(&self, path: &str, form: &[(&str, &str)]) -> Html {
        Html::read(
            self.client.post(format!("{}{path}", self.base)).form(form).send().await.expect("the server answers"),
        )
        .await
    }

    /// Posts `action` on a dossier with the version its page shows now.
    pub(crate) async fn act(&self, r: &str, action: &str, extra: &[(&str, &str)]) -> Html {
        let page = self.get(&format!("/office/dossiers/{r}")).await;
        let version = input_value(page.assert_status(200), "version").expect("an action form with the version");
        let mut form = vec![("action", action), ("version", version.as_str())];
        form.extend_from_slice(extra);
        self.post(&format!("/office/dossiers/{r}/act"), &form).await
    }
}

/// The fields of a filled-in intake form of [`BIRTH`]: both components
/// ticked, the second in two copies.
fn intake_fields<'a>(idem: &'a str, phone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("procedure", BIRTH),
        ("idem", idem),
        ("applicant.name", APPLICANT_NAME),
        ("applicant.id_number", ID_NUMBER),
        ("applicant.phone", phone),
        ("applicant.email", ""),
        ("applicant.address", "Tổ 5, phường Thục Phán"),
        ("channel", "counter"),
        ("component", "0"),
        ("count.0", "1"),
        ("component", "1"),
        ("count.1", "2"),
    ]
}

/// Opens the intake form of [`BIRTH`] and sends it with `phone`.
async fn intake(b: &Browser, phone: &str) -> Html {
    let form = b.get(&format!("/office/intake/{BIRTH}")).await;
    let idem = input_value(form.assert_status(200), "idem").expect("an idempotency key");
    b.post("/office/intake", &intake_fields(&idem, phone)).await
}

async fn status_of(app: &TestApp, r: &str) -> Value {
    let token = app.login("motcua").await;
    app.dossier(&token, r).await
}

both_backends!(counter_intake_through_the_form_issues_the_code_and_the_receipt, |app| async move {
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let page = counter.get("/office/intake").await;
    assert!(page.assert_status(200).contains(BIRTH), "the picker lists the procedures");

    let form = counter.get(&format!("/office/intake/{BIRTH}")).await;
    let html = form.assert_status(200);
    assert!(html.contains("Đăng ký khai sinh") && html.contains("Giấy chứng sinh"), "{html}");
    let idem = input_value(html, "idem").unwrap();
    let res = counter.post("/office/intake", &intake_fields(&idem, PHONE)).await;
    res.assert_status(303);
    let to = res.location().to_owned();
    let code = to.strip_prefix("/office/dossiers/").unwrap().split('?').next().unwrap().to_owned();
    assert!(code.starts_with("H11.100-260304-"), "{to}");
    assert!(to.contains("slip=receipt") && to.contains("done=intake-received"), "{to}");

    let d = status_of(&app, &code).await;
    assert_eq!(d["status"]["code"], 2);
    assert_eq!(d["channel"], "counter");
    assert_eq!(d["components"][1]["count"], 2);

    // The dossier page: the code, the notice and the receipt to print.
    let html = counter.get(&to).await.assert_status(200).to_owned();
    assert!(html.contains(&code));
    assert!(html.contains("Đã tiếp nhận hồ sơ, cấp mã và ngày hẹn trả kết quả."), "{html}");
    assert!(html.contains(&format!("href=\"/office/dossiers/{code}/slips/receipt.pdf\"")), "{html}");
    assert!(html.contains("In giấy tiếp nhận và hẹn trả kết quả"));
    // Staff see the applicant in full.
    assert!(html.contains(PHONE) && html.contains(ID_NUMBER) && html.contains(APPLICANT_NAME));

    // A double click sends the same key: the same dossier, not a second one.
    let again = counter.post("/office/intake", &intake_fields(&idem, PHONE)).await;
    again.assert_status(303);
    assert_eq!(again.location(), to);
    let (_, inbox) = app.get(Some(&app.login("motcua").await), "/api/v1/inbox?limit=200").await;
    let same = inbox["items"].as_array().unwrap().iter().filter(|i| i["applicant_name"] == APPLICANT_NAME).count();
    assert_eq!(same, 1, "one dossier for two clicks");
});

both_backends!(a_bad_phone_comes_back_on_the_form_in_both_languages, |app| async move {
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let res = intake(&counter, "12345").await;
    let html = res.assert_status(422);
    assert!(html.contains("Số điện thoại không hợp lệ"), "{html}");
    // The field is marked and its message tied to it.
    let field = html.split("id=\"applicant-phone\"").nth(1).unwrap().split('>').next().unwrap();
    assert!(field.contains("aria-invalid=\"true\"") && field.contains("applicant-phone-err"), "{field}");
    assert!(html.contains("id=\"applicant-phone-err\""));
    // What was typed is kept.
    assert!(html.contains(&format!("value=\"{APPLICANT_NAME}\"")) && html.contains("value=\"12345\""));
    // The ticked components stay ticked.
    assert!(html.contains("value=\"1\" checked"), "{html}");

    let english = Browser::new(&app, Some("motcua"), Some("en")).await;
    let html = intake(&english, "12345").await;
    let html = html.assert_status(422);
    assert!(html.contains("Invalid phone number"), "{html}");
    assert!(html.contains("lang=\"en\""));
});

both_backends!(intake_is_for_counter_officers_only, |app| async move {
    let specialist = Browser::new(&app, Some("chuyenvien"), None).await;
    specialist.get("/office/intake").await.assert_status(403);
    specialist.get("/office/online").await.assert_status(403);
    let res = specialist.post("/office/intake", &[("procedure", BIRTH)]).await;
    res.assert_status(403);
    // Anonymous visitors are sent to log in.
    let anonymous = Browser::new(&app, None, None).await;
    let res = anonymous.get("/office/intake").await;
    res.assert_status(303);
    assert_eq!(res.location(), "/login?next=/office/intake");
});

both_backends!(the_inbox_shows_the_dossier_at_its_step_and_hides_it_from_other_units, |app| async move {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let html = counter.get("/office/inbox").await.assert_status(200).to_owned();
    let row = row_of(&html, &code).expect("the counter's inbox lists the new dossier");
    assert!(row.contains("Bộ phận Một cửa") && row.contains("Được tiếp nhận"), "{row}");
    // The name is masked in lists.
    assert!(row.contains("N***** V** A*") && !row.contains(APPLICANT_NAME), "{row}");

    counter.act(&code, "forward", &[("note", "")]).await.assert_status(303);
    let specialist = Browser::new(&app, Some("chuyenvien"), None).await;
    let html = specialist.get("/office/inbox").await.assert_status(200).to_owned();
    let row = row_of(&html, &code).expect("the specialist's inbox lists it");
    assert!(row.contains("Bước 1 · Chuyên viên"), "{row}");
    assert!(row_of(&counter.get("/office/inbox").await.body, &code).is_none(), "no longer at the counter");

    // Another unit's specialist sees neither the line nor the page.
    let other = Browser::new(&app, Some("chuyenvien.snmt"), None).await;
    assert!(row_of(other.get("/office/inbox").await.assert_status(200), &code).is_none());
    let page = other.get(&format!("/office/dossiers/{code}")).await;
    assert!(page.assert_status(404).contains("Không tìm thấy hồ sơ"));
    let res = other.post(&format!("/office/dossiers/{code}/act"), &[("action", "forward"), ("version", "2")]).await;
    res.assert_status(404);
});

both_backends!(forward_approve_and_return_through_the_forms, |app| async move {
    let code = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let specialist = Browser::new(&app, Some("chuyenvien"), None).await;
    let leader = Browser::new(&app, Some("lanhdao"), None).await;

    let res = counter.act(&code, "forward", &[]).await;
    res.assert_status(303);
    assert_eq!(res.location(), format!("/office/dossiers/{code}?done=acted-forward"));
    let d = status_of(&app, &code).await;
    assert_eq!((d["status"]["code"].clone(), d["current"]["step"].clone()), (4.into(), 0.into()));

    // The specialist's page offers forward and finish is not theirs yet.
    let html = specialist.get(&format!("/office/dossiers/{code}")).await.assert_status(200).to_owned();
    assert!(html.contains("id=\"act-forward\"") && !html.contains("id=\"act-finish\""), "{html}");
    specialist.act(&code, "forward", &[("note", "Hồ sơ hợp lệ, trình lãnh đạo")]).await.assert_status(303);
    let d = status_of(&app, &code).await;
    assert_eq!((d["status"]["code"].clone(), d["current"]["step"].clone()), (4.into(), 1.into()));

    // The leader approves: the result goes back to the counter.
    let html = leader.get(&format!("/office/dossiers/{code}")).await.assert_status(200).to_owned();
    assert!(html.contains("Hồ sơ hợp lệ, trình lãnh đạo"), "the history shows the note");
    assert!(html.contains("Đã chuyển bước xử lý"), "the history names what happened");
    leader.act(&code, "finish", &[]).await.assert_status(303);
    let d = status_of(&app, &code).await;
    assert_eq!(d["status"]["code"], 9);

    // The counter returns it from the list of results waiting.
    let html = counter.get("/office/returns").await.assert_status(200).to_owned();
    let row = row_of(&html, &code).expect("the result waits at the counter").to_owned();
    let version = input_value(&row, "version").unwrap();
    let res = counter
        .post(
            &format!("/office/dossiers/{code}/act"),
            &[("action", "return_result"), ("version", &version), ("back", "returns")],
        )
        .await;
    res.assert_status(303);
    assert_eq!(res.location(), "/office/returns?done=acted-return-result");
    assert_eq!(status_of(&app, &code).await["status"]["code"], 10);
    let html = counter.get(res.location()).await.assert_status(200).to_owned();
    assert!(html.contains("Đã trả kết quả cho người dân.") && row_of(&html, &code).is_none());
});

both_backends!(a_stale_version_is_refused_with_a_clear_message, |app| async move {
    let code = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let page = counter.get(&format!("/office/dossiers/{code}")).await;
    let old = input_value(&page.body, "version").unwrap();
    // Someone else acts in between.
    app.act_ok(&app.login("motcua").await, &code, "forward", None).await;
    let res = counter.post(&format!("/office/dossiers/{code}/act"), &[("action", "forward"), ("version", &old)]).await;
    let html = res.assert_status(409);
    assert!(html.contains("Hồ sơ vừa được người khác xử lý trước bạn."), "{html}");
    assert!(html.contains(&format!("href=\"/office/dossiers/{code}\"")), "a reload link");
    // Nothing more happened: one forward only.
    let d = status_of(&app, &code).await;
    assert_eq!(d["events"].as_array().unwrap().len(), 2);
});

both_backends!(a_supplement_request_needs_a_reason_and_a_list, |app| async move {
    let code = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let res = counter.act(&code, "request_supplement", &[("note", ""), ("items", "Bản sao CCCD")]).await;
    let html = res.assert_status(422);
    assert!(html.contains("Cần ghi rõ lý do yêu cầu bổ sung hồ sơ"), "{html}");
    let note = html.split("id=\"request-supplement-note\"").nth(1).unwrap().split('>').next().unwrap();
    assert!(note.contains("aria-invalid=\"true\""), "{note}");
    assert!(html.contains(">Bản sao CCCD</textarea>"), "what was typed is kept");
    assert_eq!(status_of(&app, &code).await["status"]["code"], 2);

    let res = counter.act(&code, "request_supplement", &[("note", "Tờ khai thiếu chữ ký"), ("items", "")]).await;
    assert!(res.assert_status(422).contains("Cần liệt kê giấy tờ phải bổ sung"));

    let res = counter
        .act(
            &code,
            "request_supplement",
            &[("note", "Tờ khai thiếu chữ ký"), ("items", "Tờ khai có chữ ký\nBản sao CCCD")],
        )
        .await;
    res.assert_status(303);
    assert!(res.location().contains("slip=supplement"), "{}", res.location());
    let d = status_of(&app, &code).await;
    assert_eq!(d["status"]["code"], 5);
    assert_eq!(d["events"][1]["note"], "Tờ khai thiếu chữ ký\n- Tờ khai có chữ ký\n- Bản sao CCCD");
    let html = counter.get(res.location()).await;
    assert!(html.assert_status(200).contains(&format!("/office/dossiers/{code}/slips/supplement.pdf")));
});

both_backends!(overdue_and_due_soon_dossiers_are_marked_in_the_inbox, |app| async move {
    // Received Wednesday 09:00, 1 working day: due at the end of Thursday.
    let code = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let html = counter.get("/office/inbox").await.assert_status(200).to_owned();
    let row = row_of(&html, &code).unwrap();
    assert!(
        row.contains("class=\"due-soon\"") && row.contains("Sắp đến hạn") && row.contains("Còn 1 ngày làm việc"),
        "{row}"
    );
    assert!(!row.contains("Quá hạn"));

    app.set_now(at(2026, 3, 6, 10, 0));
    let html = counter.get("/office/inbox").await.assert_status(200).to_owned();
    let row = row_of(&html, &code).unwrap();
    assert!(row.contains("class=\"overdue\"") && row.contains("Quá hạn"), "{row}");
    let html = counter.get(&format!("/office/dossiers/{code}")).await.assert_status(200).to_owned();
    assert!(html.contains("Quá hạn 1 ngày làm việc"), "{html}");
});

both_backends!(inbox_pages_follow_the_keyset_without_overlap, TestApp::builder().dossiers(0), |app| async move {
    for _ in 0..53 {
        app.counter_intake().await;
        app.advance(Duration::minutes(1));
    }
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let first = counter.get("/office/inbox").await.assert_status(200).to_owned();
    let page1 = dossier_links(&first);
    assert_eq!(page1.len(), 50, "a full first page");
    let next = first.split("rel=\"next\"").next().unwrap().rsplit("href=\"").next().unwrap().split('"').next().unwrap();
    let next = unescape(next);
    assert!(next.starts_with("/office/inbox?cursor=") && next.contains("page=2"), "{next}");
    let second = counter.get(&next).await.assert_status(200).to_owned();
    let page2 = dossier_links(&second);
    assert_eq!(page2.len(), 3);
    assert!(page2.iter().all(|c| !page1.contains(c)), "no overlap: {page2:?}");
    assert!(second.contains("Trang 2") && !second.contains("rel=\"next\""), "{second}");
    // Filters travel with the cursor.
    let filtered = counter.get(&format!("/office/inbox?procedure={BIRTH}&channel=counter")).await;
    let next = unescape(filtered.body.split("rel=\"next\"").next().unwrap().rsplit("href=\"").next().unwrap());
    assert!(next.contains("procedure=1.001193") && next.contains("channel=counter"), "{next}");
    // A broken cursor is a message on the page, not a crash.
    let bad = counter.get("/office/inbox?cursor=nonsense").await;
    assert!(bad.assert_status(422).contains("Trang không hợp lệ"));
});

/// A dossier received at the counter of H11.100 with `file`, written in one
/// transaction as an intake with uploads is; returns its code and the
/// file's id.
async fn dossier_with_file(app: &TestApp, file: NewAttachment) -> (String, i64) {
    let store = &app.state.store;
    let version = store.current_version(BIRTH.into()).await.unwrap();
    let unit = store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let (officer, _) = store.user_for_login("motcua".into()).await.unwrap().unwrap();
    let actor = Actor { user_id: officer.id, role: Role::CounterOfficer, unit: Some(unit.as_ref()) };
    let calendar = app.state.calendar();
    let now = app.now();
    let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &[], now };
    let new = NewDossier {
        state: receive_at_counter(unit.as_ref(), &actor, &ctx).unwrap(),
        version: version.clone(),
        receiving_unit: unit,
        channel: Channel::Counter,
        applicant: Applicant {
            name: APPLICANT_NAME.into(),
            id_number: Some(ID_NUMBER.into()),
            phone: Some(PHONE.into()),
            email: None,
            address: None,
            organization: false,
        },
        components: version
            .data
            .components
            .iter()
            .map(|c| ComponentReceived { name: c.name.clone(), count: 1 })
            .collect(),
        event: EventInput::by("receive_at_counter", &actor, None),
        idempotency: None,
        now,
    };
    let (d, created) = store.create_dossier_with_files(new, vec![file]).await.unwrap();
    assert!(created);
    let files = store.attachments(d.id).await.unwrap();
    (d.code.expect("received at the counter: a code"), files[0].id)
}

both_backends!(attachments_download_with_their_type_as_attachments, |app| async move {
    let bytes = b"%PDF-1.4 demo".to_vec();
    let (code, file_id) = dossier_with_file(
        &app,
        NewAttachment {
            kind: AttachmentKind::Submission,
            component: Some("Giấy chứng sinh".into()),
            name: "giấy chứng sinh.pdf".into(),
            content_type: "application/pdf".into(),
            data: bytes.clone(),
        },
    )
    .await;
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let html = counter.get(&format!("/office/dossiers/{code}")).await.assert_status(200).to_owned();
    let href = format!("/office/dossiers/{code}/files/{file_id}");
    assert!(html.contains(&href) && html.contains("giấy chứng sinh.pdf") && html.contains(">PDF<"), "{html}");
    assert!(html.contains("13 B"), "the size: {html}");

    let res = counter.client.get(format!("{}{href}", counter.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(res.headers(), "content-type"), Some("application/pdf"));
    let disposition = header(res.headers(), "content-disposition").unwrap().to_owned();
    assert!(
        disposition.starts_with("attachment;") && disposition.contains("filename*=UTF-8''gi%E1%BA%A5y"),
        "{disposition}"
    );
    assert_eq!(header(res.headers(), "x-content-type-options"), Some("nosniff"));
    assert_eq!(res.bytes().await.unwrap().to_vec(), bytes);

    // Another unit sees nothing; a file of another dossier is not served here.
    let other = Browser::new(&app, Some("chuyenvien.snmt"), None).await;
    other.get(&href).await.assert_status(404);
    let second = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    counter.get(&format!("/office/dossiers/{second}/files/{file_id}")).await.assert_status(404);
    counter.get(&format!("/office/dossiers/{code}/files/nonsense")).await.assert_status(404);
});

both_backends!(forms_without_the_csrf_token_are_refused, |app| async move {
    let code = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let res = counter.post_raw("/office/intake", &[("procedure", BIRTH)]).await;
    assert!(res.assert_status(403).contains("csrf_failed"));
    let res =
        counter.post_raw(&format!("/office/dossiers/{code}/act"), &[("action", "forward"), ("version", "1")]).await;
    assert!(res.assert_status(403).contains("csrf_failed"));
    let res = counter
        .post_raw(
            &format!("/office/dossiers/{code}/act"),
            &[("_csrf", &"0".repeat(64)), ("action", "forward"), ("version", "1")],
        )
        .await;
    res.assert_status(403);
    assert_eq!(status_of(&app, &code).await["status"]["code"], 2, "nothing happened");
});

both_backends!(online_submissions_wait_in_the_queue_and_are_received_from_the_page, |app| async move {
    let d = app.online_submission().await;
    let id = d["id"].as_i64().unwrap().to_string();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let html = counter.get("/office/online").await.assert_status(200).to_owned();
    let row = row_of(&html, &format!("Chưa có mã (số {id})")).expect("the submission waits in the queue");
    assert!(row.contains("04/03/2026 09:00"), "the submission time: {row}");

    let res = counter.act(&id, "receive", &[]).await;
    res.assert_status(303);
    let to = res.location().to_owned();
    assert!(to.contains("slip=receipt") && to.contains("done=acted-receive"), "{to}");
    let code = to.strip_prefix("/office/dossiers/").unwrap().split('?').next().unwrap().to_owned();
    assert!(code.starts_with("H11.100-"), "received under its new code: {to}");
    let html = counter.get(&to).await.assert_status(200).to_owned();
    assert!(html.contains(&format!("/office/dossiers/{code}/slips/receipt.pdf")));
    assert!(row_of(counter.get("/office/online").await.assert_status(200), &format!("Chưa có mã (số {id})")).is_none());

    // A refusal needs its reason.
    let other = app.online_submission().await["id"].as_i64().unwrap().to_string();
    let res = counter.act(&other, "refuse_to_receive", &[("note", " ")]).await;
    assert!(res.assert_status(422).contains("Cần ghi rõ lý do"));
    let res = counter.act(&other, "refuse_to_receive", &[("note", "Không thuộc thẩm quyền")]).await;
    res.assert_status(303);
    assert!(res.location().contains("slip=refusal"));
    assert_eq!(status_of(&app, &other).await["status"]["code"], 3);
});

both_backends!(an_online_dossier_opened_from_the_queue_reads_right_for_the_counter, |app| async move {
    let id = app.online_submission().await["id"].as_i64().unwrap().to_string();
    let counter = Browser::new(&app, Some("motcua"), None).await;
    let html = counter.get("/office/online").await.assert_status(200).to_owned();
    assert!(html.contains(&format!("href=\"/office/dossiers/{id}?from=online\"")), "{html}");
    assert!(!html.contains(&format!(">#{id}<")), "no bare number: {html}");

    // Back to the queue it came from; before reception no time limit runs.
    let page = counter.get(&format!("/office/dossiers/{id}?from=online")).await.assert_status(200).to_owned();
    assert!(page.contains("href=\"/office/online\""), "{page}");
    assert!(page.contains("trước khi tiếp nhận") && !page.contains("tạm dừng đến khi"), "{page}");

    // Received online: the applicant gets the receipt online; the due date is a date.
    let res = counter.act(&id, "receive", &[]).await;
    res.assert_status(303);
    let html = counter.get(res.location()).await.assert_status(200).to_owned();
    assert!(html.contains("Hồ sơ của tôi") && !html.contains("In phiếu và giao cho người nộp hồ sơ"), "{html}");
    assert!(!html.contains(" 23:59"), "due dates without the time: {html}");
    assert!(html.contains("Đang trong hạn"), "{html}");

    // Refused: the closing time is a refusal, not a result.
    let other = app.online_submission().await["id"].as_i64().unwrap().to_string();
    counter.act(&other, "refuse_to_receive", &[("note", "Không thuộc thẩm quyền")]).await.assert_status(303);
    let html = counter.get(&format!("/office/dossiers/{other}")).await.assert_status(200).to_owned();
    assert!(html.contains("Ngày từ chối tiếp nhận") && !html.contains("Ngày có kết quả"), "{html}");
    assert!(!html.contains("(chưa cấp mã)"), "a refused dossier gets no code: {html}");
});

both_backends!(the_intake_form_keeps_its_procedure_in_the_path_and_counts_in_english, |app| async move {
    let counter = Browser::new(&app, Some("motcua"), Some("en")).await;
    let r = counter.get(&format!("/office/intake?procedure={BIRTH}")).await;
    r.assert_status(303);
    assert_eq!(r.location(), format!("/office/intake/{BIRTH}"));
    let html = counter.get(&format!("/office/intake/{BIRTH}")).await.assert_status(200).to_owned();
    assert!(html.contains(&format!("value=\"{BIRTH}\"")), "{html}");
    assert!(!html.contains("(s)") && !html.contains("(ies)") && !html.contains(" 1 working days"), "{html}");
    counter.get("/office/intake/KHONG-CO-MA").await.assert_status(404);

    // Received: the components read "1 copy", "2 copies".
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let html = counter.get(&format!("/office/dossiers/{code}")).await.assert_status(200).to_owned();
    assert!(!html.contains("(ies)") && !html.contains("1 copies"), "{html}");
});

both_backends!(feedback_is_listed_for_the_unit_and_answered, |app| async move {
    let unit = app.state.store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let id = app
        .state
        .store
        .create_feedback(NewFeedback {
            unit_id: Some(unit.id),
            dossier_code: None,
            name: "Lê Thị Bình".into(),
            contact: Some("0987654321".into()),
            subject: "Thái độ phục vụ".into(),
            content: "Cán bộ hướng dẫn rất tận tình.".into(),
            topic: None,
            publish_consent: false,
            track_key_hash: "0".repeat(64),
            refuse_by: app.now() + chrono::Duration::days(2),
            answer_by: app.now() + chrono::Duration::days(21),
            now: app.now(),
        })
        .await
        .unwrap();
    let leader = Browser::new(&app, Some("lanhdao"), None).await;
    let html = leader.get("/office/feedback").await.assert_status(200).to_owned();
    assert!(html.contains("Thái độ phục vụ") && html.contains("0987654321") && html.contains("Lê Thị Bình"));
    // Specialists read it without the sender's contact.
    let specialist = Browser::new(&app, Some("chuyenvien"), None).await;
    let html = specialist.get("/office/feedback").await.assert_status(200).to_owned();
    assert!(html.contains("Thái độ phục vụ") && !html.contains("0987654321") && !html.contains("Lê Thị Bình"));
    specialist.post(&format!("/office/feedback/{id}/answer"), &[("answer", "x")]).await.assert_status(403);
    // Another unit does not see it.
    let other = Browser::new(&app, Some("lanhdao.snmt"), None).await;
    assert!(!other.get("/office/feedback").await.assert_status(200).contains("Thái độ phục vụ"));

    let res = leader.post(&format!("/office/feedback/{id}/answer"), &[("answer", "  ")]).await;
    assert!(res.assert_status(422).contains("Thông tin này là bắt buộc"));
    // Not classified: refused, with the reason on the item.
    let res = leader.post(&format!("/office/feedback/{id}/answer"), &[("answer", "Cảm ơn ông/bà đã góp ý.")]).await;
    res.assert_status(422);
    res.assert_contains(&["data-code=\"feedback_topic_required\"", "Cảm ơn ông/bà đã góp ý."]);
    let res = leader
        .post(
            &format!("/office/feedback/{id}/answer"),
            &[("answer", "Cảm ơn ông/bà đã góp ý."), ("topic", "conduct"), ("how", "answer")],
        )
        .await;
    res.assert_status(303);
    let html = leader.get("/office/feedback").await.assert_status(200).to_owned();
    assert!(html.contains("Cảm ơn ông/bà đã góp ý.") && html.contains("Đã trả lời"));
});
