//! Official documents to agencies of other installations through the pages
//! (docs/documents.md, "Between installations"), on both databases: the
//! province's administrator adds an outside agency to the directory (a bad
//! identifier is refused on its field; other roles get 403); a draft names
//! it; issuing queues its envelope and the sender's page lists the agency
//! as sent, with no reply yet. The exchange between two installations is
//! tested in crates/motcua-bus/tests/xdoc.rs.

use crate::common::TestApp;
use crate::common::exchange::{THERE, configured, here};
use crate::common::html::Html;
use crate::pages_office::Browser;

async fn post(br: &Browser, path: &str, fields: &[(&str, String)]) -> Html {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    br.post(path, &pairs).await
}

both_backends!(a_document_is_issued_to_an_outside_agency, TestApp::builder().configure(configured), |app| async move {
    app.state.store.set_exchange(here().identity());
    let admin = Browser::new(&app, Some("admin"), None).await;
    admin.get("/admin/agency-ids").await.assert_contains(&["Danh bạ mã định danh liên thông văn bản"]);
    let agency = |code: &str| vec![("organ_code", code.to_owned()), ("name", "UBND tỉnh Hậu Giang".to_owned())];
    let r = post(&admin, "/admin/agency-ids", &agency("H30")).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"edxml_organ_id\""]);
    post(&admin, "/admin/agency-ids", &agency(THERE)).await.assert_status(303);
    let page = admin.get("/admin/agency-ids").await;
    page.assert_contains(&[THERE, "UBND tỉnh Hậu Giang", "Cơ quan ngoài hệ thống"]);
    Browser::new(&app, Some("motcua"), None).await.get("/admin/agency-ids").await.assert_status(403);
    let outside = app.state.store.exchange_agencies().await.unwrap()[0].id;

    let drafter = Browser::new(&app, Some("chuyenvien"), None).await;
    drafter.get("/office/documents/new/di").await.assert_contains(&["d-outside", THERE]);
    let draft = vec![
        ("doc_type", "CV".to_owned()),
        ("series", "thuong".to_owned()),
        ("subject", "V/v báo cáo kết quả cải cách hành chính".to_owned()),
        ("issuer", "UBND".to_owned()),
        ("signer_position", "CHỦ TỊCH".to_owned()),
        ("outside", outside.to_string()),
    ];
    let r = post(&drafter, "/office/documents/new/di", &draft).await;
    r.assert_status(303);
    let id: i64 = r.location().strip_prefix("/office/documents/").unwrap().split('?').next().unwrap().parse().unwrap();
    let act = |a: &str| vec![("action", a.to_owned())];
    let path = format!("/office/documents/{id}/act");
    post(&drafter, &path, &act("submit")).await.assert_status(303);
    post(&Browser::new(&app, Some("lanhdao"), None).await, &path, &act("sign")).await.assert_status(303);
    let clerk = Browser::new(&app, Some("motcua"), None).await;
    post(&clerk, &path, &act("issue")).await.assert_status(303);
    assert_eq!(app.state.store.outbox_backlog().await.unwrap().0, 1, "one envelope queued");
    let page = clerk.get(&format!("/office/documents/{id}")).await;
    page.assert_contains(&["Đã ban hành và gửi", THERE, "Đã gửi, chưa có phản hồi"]);
    let en = Browser::new(&app, Some("chuyenvien"), Some("en")).await;
    en.get(&format!("/office/documents/{id}")).await.assert_contains(&["Sent, no reply yet"]);
});
