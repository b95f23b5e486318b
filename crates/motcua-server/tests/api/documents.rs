//! Official documents through the pages, on both databases: a commune's
//! specialist drafts, its leader signs, its clerk (the counter officer)
//! issues to two other communes in one step; one registers, routes and
//! handles it, the other refuses it, and the sender sees both; the
//! registers on screen, printed and as a spreadsheet; and the refusals:
//! wrong role, another unit's document, bad input.

use motcua_rules::documents::State;
use motcua_store::DocumentList;

use crate::common::TestApp;
use crate::common::html::Html;
use crate::pages_office::Browser;

const SUBJECT: &str = "Về việc kiện toàn Tổ một cửa liên thông";

async fn unit_id(app: &TestApp, code: &str) -> i64 {
    app.state.store.unit_by_code(code.into()).await.unwrap().unwrap().id
}

/// The document a redirect after a form points at.
fn doc_of(location: &str) -> i64 {
    let rest = location.strip_prefix("/office/documents/").expect(location);
    rest.split('?').next().unwrap().parse().unwrap()
}

async fn send(br: &Browser, path: &str, fields: &[(&str, String)]) -> Html {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    br.post(path, &pairs).await
}

async fn act(br: &Browser, doc: i64, fields: &[(&str, String)]) -> Html {
    send(br, &format!("/office/documents/{doc}/act"), fields).await
}

fn only(action: &str) -> Vec<(&'static str, String)> {
    vec![("action", action.to_owned())]
}

/// The copy of outgoing document `source` that arrived at `unit`.
async fn copy_at(app: &TestApp, unit: i64, source: i64) -> i64 {
    let open = app.state.store.documents(DocumentList::Open { unit_id: unit }, 100).await.unwrap();
    open.iter().find(|d| d.source_id == Some(source)).expect("the copy arrived").id
}

both_backends!(an_outgoing_document_is_signed_issued_and_handled_at_its_recipients, |app| async move {
    let (b, c) = (unit_id(&app, "H11.101").await, unit_id(&app, "H11.102").await);
    let drafter = Browser::new(&app, Some("chuyenvien"), None).await;
    let draft = |issuer: &'static str| {
        vec![
            ("doc_type", "QD".to_owned()),
            ("series", "thuong".to_owned()),
            ("subject", SUBJECT.to_owned()),
            ("issuer", issuer.to_owned()),
            ("signer_position", "CHỦ TỊCH".to_owned()),
            ("recipients", b.to_string()),
            ("recipients", c.to_string()),
            ("external_recipients", "Lưu: VT".to_owned()),
        ]
    };
    // A notation in lower case is refused on its field, with what was typed kept.
    let r = send(&drafter, "/office/documents/new/di", &draft("ubnd")).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"document_issuer_invalid\"", SUBJECT]);
    let r = send(&drafter, "/office/documents/new/di", &draft("UBND")).await;
    r.assert_status(303);
    let id = doc_of(r.location());

    // The clerk may not sign; the leader may not sign before submission.
    let clerk = Browser::new(&app, Some("motcua"), None).await;
    let leader = Browser::new(&app, Some("lanhdao"), None).await;
    act(&leader, id, &only("sign")).await.assert_status(409);
    act(&drafter, id, &only("submit")).await.assert_status(303);
    act(&clerk, id, &only("sign")).await.assert_status(403);
    act(&leader, id, &only("sign")).await.assert_status(303);
    act(&clerk, id, &only("issue")).await.assert_status(303);
    let page = clerk.get(&format!("/office/documents/{id}")).await;
    page.assert_contains(&["01/QĐ-UBND", "Đã ban hành và gửi", "Phường Nùng Trí Cao", "Đã đến, chờ vào sổ"]);

    // B registers, routes to itself with a deadline, and handles it.
    let b_copy = copy_at(&app, b, id).await;
    let b_clerk = Browser::new(&app, Some("motcua.nungtricao"), None).await;
    b_clerk.get("/office/documents").await.assert_contains(&[SUBJECT, "Đã đến, chờ vào sổ"]);
    act(&b_clerk, b_copy, &only("register")).await.assert_status(303);
    let b_leader = Browser::new(&app, Some("lanhdao.nungtricao"), None).await;
    let route = |days: &str| {
        vec![("action", "route".to_owned()), ("lead_unit", b.to_string()), ("deadline_days", days.to_owned())]
    };
    let r = act(&b_leader, b_copy, &route("0")).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"document_deadline_invalid\""]);
    act(&b_leader, b_copy, &route("5")).await.assert_status(303);
    let page = b_leader.get(&format!("/office/documents/{b_copy}")).await;
    // Routed on Wednesday 2026-03-04: 5 working days later is Wednesday 11.
    page.assert_contains(&["Đã phân công", "11/03/2026"]);
    let b_handler = Browser::new(&app, Some("chuyenvien.nungtricao"), None).await;
    act(&b_handler, b_copy, &[("action", "finish".into()), ("note", "Công văn 15/UBND".into())])
        .await
        .assert_status(303);

    // C refuses it, with a reason it must give.
    let c_copy = copy_at(&app, c, id).await;
    let c_clerk = Browser::new(&app, Some("motcua.tangiang"), None).await;
    let r = act(&c_clerk, c_copy, &only("refuse")).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"required\""]);
    act(&c_clerk, c_copy, &[("action", "refuse".into()), ("reason", "Không thuộc thẩm quyền".into())])
        .await
        .assert_status(303);

    // The sender sees each recipient.
    let page = drafter.get(&format!("/office/documents/{id}")).await;
    page.assert_contains(&["Đã giải quyết xong", "Từ chối nhận", "Không thuộc thẩm quyền"]);
    let stored = app.state.store.document(id, unit_id(&app, "H11.100").await).await.unwrap();
    let states: Vec<State> = stored.deliveries.iter().map(|d| d.state).collect();
    assert_eq!(states, [State::Done, State::Refused]);
    assert_eq!(stored.deliveries[0].reg_no, Some(1));

    // In English too.
    let en = Browser::new(&app, Some("chuyenvien"), Some("en")).await;
    en.get(&format!("/office/documents/{id}")).await.assert_contains(&[
        "Issued and sent",
        "At the recipients",
        "Refused",
    ]);

    // Nobody else reads it: another commune's clerk, an administrator, a citizen.
    let other = Browser::new(&app, Some("motcua.hoaan"), None).await;
    other.get(&format!("/office/documents/{id}")).await.assert_status(404);
    other.get("/office/documents").await.assert_lacks(&[SUBJECT]);
    act(&other, b_copy, &only("start")).await.assert_status(404);
    Browser::new(&app, Some("admin"), None).await.get("/office/documents").await.assert_status(403);
    Browser::new(&app, Some("congdan"), None).await.get(&format!("/office/documents/{id}")).await.assert_status(403);
});

both_backends!(the_clerk_registers_paper_and_the_registers_print_and_export, |app| async move {
    let clerk = Browser::new(&app, Some("motcua"), None).await;
    let paper = |date: &'static str| {
        vec![
            ("doc_type", "CV"),
            ("series", "thuong"),
            ("sender_name", "Sở Tài chính tỉnh Cao Bằng"),
            ("notation", "120/STC-NS"),
            ("doc_date", date),
            ("subject", "Hướng dẫn quyết toán ngân sách năm 2025"),
        ]
    };
    let r = clerk.post("/office/documents/new/den", &paper("2026-03-05")).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"document_date_invalid\""]);
    // A specialist does not register incoming documents.
    let specialist = Browser::new(&app, Some("chuyenvien"), None).await;
    specialist.get("/office/documents/new/den").await.assert_status(403);
    specialist.post("/office/documents/new/den", &paper("2026-03-02")).await.assert_status(403);
    for _ in 0..2 {
        clerk.post("/office/documents/new/den", &paper("2026-03-02")).await.assert_status(303);
    }

    let reg = clerk.get("/office/documents/register?kind=den&series=thuong&year=2026").await;
    reg.assert_contains(&["Sổ đăng ký văn bản đến (thường) năm 2026", "120/STC-NS", "Sở Tài chính tỉnh Cao Bằng"]);
    assert!(reg.body.contains(">1<") && reg.body.contains(">2<"), "numbers 1 and 2");
    let print = clerk.get("/office/documents/register/print?kind=den&series=thuong&year=2026").await;
    print.assert_status(200);
    print.assert_contains(&["SỔ ĐĂNG KÝ VĂN BẢN ĐẾN (THƯỜNG) NĂM 2026", "Ngày đến", "Ký nhận", "(10)"]);
    let en = Browser::new(&app, Some("motcua"), Some("en")).await;
    en.get("/office/documents/register/print?kind=den&year=2026").await.assert_contains(&["Số đến"]);
    en.get("/office/documents/register?kind=den&year=2026")
        .await
        .assert_contains(&["Incoming register (ordinary) 2026"]);
    let xlsx = clerk.get("/office/documents/register.xlsx?kind=den&series=thuong&year=2026").await;
    xlsx.assert_status(200);
    // Another year's register is empty; an unknown register is refused.
    clerk.get("/office/documents/register?kind=den&year=2025").await.assert_contains(&["Sổ chưa có văn bản nào."]);
    clerk.get("/office/documents/register?kind=den&series=qppl").await.assert_status(422);
    clerk.get("/office/documents/register?kind=out").await.assert_status(422);
});
