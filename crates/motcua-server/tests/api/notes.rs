//! Notes for the file and notes for the applicant (issue 11): an internal
//! note never reaches the citizen, by the API, their page or the public
//! look-up; a note for the applicant does; staff see both, marked.

use serde_json::{Value, json};

use crate::common::{BIRTH, CHECK, TestApp, submission};
use crate::pages_office::Browser;

const INTERNAL: &str = "Đề nghị lãnh đạo ký, hồ sơ đã đủ";
const FOR_APPLICANT: &str = "Hồ sơ đang được thẩm định, dự kiến trả đúng hẹn";
const SUPPLEMENT: &str = "Thiếu bản chính giấy chứng sinh";

/// Sends `action` with the dossier's current version and these extra fields.
async fn act_with(app: &TestApp, token: &str, r: &str, action: &str, extra: Value) -> crate::common::Resp {
    let d = app.dossier(token, r).await;
    let mut body = json!({"action": action, "version": d["version"]});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    app.act(token, r, &body).await
}

fn notes(d: &Value) -> Vec<(String, bool)> {
    d["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| Some((e["note"].as_str()?.to_owned(), e["note_for_applicant"].as_bool().unwrap())))
        .collect()
}

both_backends!(an_internal_note_never_reaches_the_citizen, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;

    let d = app.create_dossier(&citizen, &submission(BIRTH)).await;
    let id = d.assert_status(201)["id"].as_i64().unwrap().to_string();
    let code = app.act_ok(&counter, &id, "receive", None).await["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;

    // Bad audiences, each with its code, on the field note_for; nothing moves.
    act_with(&app, &specialist, &code, "forward", json!({"note": "x", "note_for": "public"})).await.assert_error(
        422,
        "note_audience_invalid",
        Some("note_for"),
    );
    act_with(&app, &specialist, &code, "return_to_step", json!({"note": "x", "note_for": "applicant", "to_step": 0}))
        .await
        .assert_error(422, "note_audience_fixed", Some("note_for"));

    // The specialist forwards with an internal note (the default), the
    // leader writes to the applicant while asking for a supplement, which
    // always goes to the applicant.
    act_with(&app, &specialist, &code, "forward", json!({"note": INTERNAL})).await.assert_status(200);
    act_with(&app, &leader, &code, "request_supplement", json!({"note": SUPPLEMENT, "note_for": "internal"}))
        .await
        .assert_error(422, "note_audience_fixed", Some("note_for"));
    act_with(&app, &leader, &code, "request_supplement", json!({"note": SUPPLEMENT})).await.assert_status(200);
    act_with(&app, &counter, &code, "supplement_received", json!({"note": FOR_APPLICANT, "note_for": "applicant"}))
        .await
        .assert_status(200);

    // Staff read every note, each marked.
    let staff_view = app.dossier(&leader, &code).await;
    assert_eq!(
        notes(&staff_view),
        [(INTERNAL.to_owned(), false), (SUPPLEMENT.to_owned(), true), (FOR_APPLICANT.to_owned(), true)]
    );

    // The citizen's API view has the same history without the internal note.
    let mine = app.dossier(&citizen, &code).await;
    assert_eq!(mine["events"].as_array().unwrap().len(), staff_view["events"].as_array().unwrap().len());
    assert_eq!(notes(&mine), [(SUPPLEMENT.to_owned(), true), (FOR_APPLICANT.to_owned(), true)]);
    assert!(!mine.to_string().contains(INTERNAL));

    // The public look-up: the notes for the applicant only.
    let (s, public) = app.get(None, &format!("/api/v1/public/dossiers/{code}?check={CHECK}")).await;
    assert_eq!(s, 200, "{public:#}");
    let text = public.to_string();
    assert!(text.contains(SUPPLEMENT) && text.contains(FOR_APPLICANT), "{public:#}");
    assert!(!text.contains(INTERNAL), "{public:#}");

    // The citizen's page and the public look-up page, in both languages.
    for lang in ["vi", "en"] {
        let b = Browser::new(&app, Some("congdan"), Some(lang)).await;
        let page = b.get(&format!("/my/{id}")).await;
        page.assert_status(200);
        page.assert_contains(&[SUPPLEMENT, FOR_APPLICANT]);
        page.assert_lacks(&[INTERNAL]);
        let anyone = Browser::new(&app, None, Some(lang)).await;
        let look = anyone.post("/lookup", &[("code", &code), ("check", CHECK)]).await;
        look.assert_status(200);
        look.assert_contains(&[FOR_APPLICANT]);
        look.assert_lacks(&[INTERNAL]);
    }

    // The office page shows every note with who reads it.
    let vi = Browser::new(&app, Some("lanhdao"), Some("vi")).await.get(&format!("/office/dossiers/{code}")).await;
    vi.assert_contains(&[INTERNAL, "badge-note-internal\">Nội bộ", "badge-note-applicant\">Gửi người nộp"]);
    let en = Browser::new(&app, Some("lanhdao"), Some("en")).await.get(&format!("/office/dossiers/{code}")).await;
    en.assert_contains(&["badge-note-internal\">Internal", "badge-note-applicant\">To the applicant"]);
});

both_backends!(the_office_form_asks_who_reads_the_note_where_the_officer_chooses, |app| async move {
    let counter = app.login("motcua").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let b = Browser::new(&app, Some("motcua"), Some("vi")).await;
    let page = b.get(&format!("/office/dossiers/{code}")).await;
    // Forward: the officer chooses, internal checked by default.
    page.assert_contains(&[
        "Ai đọc ghi chú này?",
        "name=\"note_for\" value=\"internal\" checked",
        "name=\"note_for\" value=\"applicant\"",
    ]);
    // A posted choice is kept: the note goes to the applicant.
    let done = b.act(&code, "forward", &[("note", FOR_APPLICANT), ("note_for", "applicant")]).await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.body);
    let events = app.dossier(&counter, &code).await;
    assert_eq!(notes(&events), [(FOR_APPLICANT.to_owned(), true)]);
});
