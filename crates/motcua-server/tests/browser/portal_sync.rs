//! The sync to the national portal as the administrator and the counter
//! see it, in both languages: a record the stand-in portal refused, with
//! its field, on `/admin/portal`; "Gửi lại" after the fix; the dossier
//! page's sync line.

use std::sync::Arc;

use motcua_portal::standin::{Rejection, StandIn};
use motcua_portal::{PortalClient, PortalConfig};
use motcua_server::portal_sync::sender::drain;
use motcua_store::DossierRef;

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_record_is_seen_and_sent_again_in_both_languages() {
    let Some(mut b) = Browser::start("portal-sync").await else { return };
    let standin = StandIn::start("motcua", "x").await;
    let client = Arc::new(
        PortalClient::new(PortalConfig {
            base_url: standin.url.clone(),
            auth_path: PortalConfig::DEFAULT_AUTH_PATH.into(),
            sync_path: PortalConfig::DEFAULT_SYNC_PATH.into(),
            username: "motcua".into(),
            password: "x".into(),
            unit_code: "H11".into(),
            timeout: std::time::Duration::from_secs(10),
        })
        .unwrap(),
    );
    // A dossier of Phường Thục Phán (the demo's `motcua`), refused by the portal.
    let store = b.app.state.store.clone();
    let mut code = None;
    for (id, _) in store.portal_export_page(None, None, 0, 1000).await.unwrap() {
        let d = store.dossier(DossierRef::Id(id)).await.unwrap().unwrap();
        if store.unit(d.state.receiving_unit.id).await.unwrap().unwrap().code == "H11.100" {
            code = d.code;
            break;
        }
    }
    let code = code.expect("a dossier of H11.100");
    standin.reject(Rejection {
        field: "MaHoSo".into(),
        equals: Some(code.clone()),
        message: "Mã hồ sơ đã được đơn vị khác sử dụng".into(),
    });
    assert_eq!(drain(&b.app.state, &client, 50).await.unwrap().refused, 1);

    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    assert!(b.text().await.contains("Bị Cổng từ chối (trường MaHoSo)"));
    b.shot("dossier-vi").await;
    b.set_language("en").await;
    assert!(b.text().await.contains("Refused by the portal (field MaHoSo)"));
    b.shot("dossier-en").await;
    b.logout().await;

    b.set_language("vi").await;
    b.login_as("admin").await;
    b.open("/admin/portal").await;
    let text = b.text().await;
    assert!(text.contains(&code) && text.contains("Mã hồ sơ đã được đơn vị khác sử dụng"), "{text}");
    assert!(text.contains("Chưa cấu hình kết nối"), "the sync is off in this server");
    b.shot("admin-vi").await;
    b.set_language("en").await;
    assert!(b.text().await.contains("Send again"));
    b.shot("admin-en").await;
    standin.clear_rejections();
    b.press("Send again").await;
    b.wait_for_text("The event is queued to be sent again.").await;
    assert!(drain(&b.app.state, &client, 50).await.unwrap().sent > 0);
    b.open("/admin/portal").await;
    assert!(b.text().await.contains("No event was refused and none is retrying."));
    b.shot("admin-en-after").await;
    assert!(standin.snapshot().progress.contains_key(&code));
    b.finish().await;
}
