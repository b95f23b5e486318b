//! The sync to the national portal, through the sender's rounds against the
//! stand-in portal (docs/portal-sync.md): the demo's dossiers arrive in
//! order and once; a portal that is down is retried with backoff; a
//! refusal shows on the administrator's page (both languages) and on the
//! office dossier page, holds the dossier's later events, and is sent
//! again after the fix; the 766 indicator 1.4 counts the synced dossiers.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Duration;
use motcua_portal::standin::{Rejection, StandIn};
use motcua_portal::{PortalClient, PortalConfig};
use motcua_rules::credit::Basis;
use motcua_rules::period::Period;
use motcua_server::portal_sync::sender::{drain, round};
use motcua_store::DossierRef;

use crate::common::TestApp;
use crate::common::html::{Html, input_value};

async fn portal() -> (StandIn, Arc<PortalClient>) {
    let standin = StandIn::start("motcua", "bí mật").await;
    let client = PortalClient::new(PortalConfig {
        base_url: standin.url.clone(),
        auth_path: PortalConfig::DEFAULT_AUTH_PATH.into(),
        sync_path: PortalConfig::DEFAULT_SYNC_PATH.into(),
        username: "motcua".into(),
        password: "bí mật".into(),
        unit_code: "H11".into(),
        timeout: std::time::Duration::from_secs(10),
    })
    .unwrap();
    (standin, Arc::new(client))
}

/// Every dossier with a code: its code, id, receiving unit code and its
/// events' numbers.
async fn coded(app: &TestApp) -> BTreeMap<String, (i64, String, Vec<u64>)> {
    let store = &app.state.store;
    let mut out = BTreeMap::new();
    for (id, seqs) in store.portal_export_page(None, None, 0, 10_000).await.unwrap() {
        let d = store.dossier(DossierRef::Id(id)).await.unwrap().unwrap();
        let unit = store.unit(d.state.receiving_unit.id).await.unwrap().unwrap().code;
        out.insert(d.code.unwrap(), (id, unit, seqs.into_iter().map(|s| s as u64).collect()));
    }
    out
}

async fn page(app: &TestApp, user: &str, lang: Option<&str>, path: &str) -> (reqwest::Client, Html) {
    let client = app.page_client(Some(user), lang).await;
    let html = Html::read(client.get(app.url(path)).send().await.unwrap()).await;
    (client, html)
}

both_backends!(the_demo_dossiers_arrive_in_order_once, TestApp::builder().dossiers(120), |app| async move {
    let (standin, client) = portal().await;
    let expected = coded(&app).await;
    let kinds: std::collections::BTreeSet<String> = {
        let mut k = std::collections::BTreeSet::new();
        for (id, _, _) in expected.values() {
            for e in app.state.store.dossier_events(*id).await.unwrap() {
                k.insert(e.action);
            }
        }
        k
    };
    for kind in ["receive", "forward", "request_supplement", "supplement_received", "finish", "return_result"] {
        assert!(kinds.contains(kind), "the demo has a {kind}: {kinds:?}");
    }
    let report = drain(&app.state, &client, 50).await.unwrap();
    let total: usize = expected.values().map(|(_, _, s)| s.len()).sum();
    assert_eq!((report.sent, report.refused, report.retried), (total, 0, 0));
    let s = standin.snapshot();
    for (code, (_, _, seqs)) in &expected {
        assert_eq!(s.progress.get(code), Some(seqs), "{code}");
    }
    assert!(s.violations.is_empty() && s.duplicates == 0);
    // A dossier's last record carries its status now.
    let (code, (id, _, _)) = expected.iter().next().unwrap();
    let d = app.state.store.dossier(DossierRef::Id(*id)).await.unwrap().unwrap();
    assert_eq!(s.records[code]["TrangThaiHoSo"], d.state.status.code().to_string());
    // Nothing is sent twice.
    assert_eq!(drain(&app.state, &client, 50).await.unwrap().sent, 0);
    assert_eq!(standin.snapshot().requests, s.requests);

    // 766 indicator 1.4: every received dossier is on the portal.
    let year = Period::parse("2026").unwrap();
    let root = app.state.store.units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap();
    let stats = app.state.store.unit_stats(root.path.clone(), Basis::Intake, year, app.now().date()).await.unwrap();
    let (synced, received) = stats.iter().fold((0, 0), |(s, r), u| (s + u.received_synced, r + u.received()));
    assert!(received > 0 && synced == received, "{synced} of {received} received in 2026");
    assert_eq!(app.state.store.check_stats().await.unwrap().differences, 0);
});

both_backends!(a_portal_that_is_down_is_retried_with_backoff, TestApp::builder().dossiers(10), |app| async move {
    let (standin, client) = portal().await;
    standin.fail_next(u32::MAX);
    let r = round(&app.state, &client, 50, std::time::Duration::from_secs(60)).await.unwrap();
    assert!(r.retried > 0 && r.sent == 0 && r.refused == 0, "{r:?}");
    // Not due again before its backoff.
    assert_eq!(round(&app.state, &client, 50, std::time::Duration::from_secs(60)).await.unwrap().retried, 0);
    let (_, html) = page(&app, "admin", None, "/admin/portal").await;
    html.assert_contains(&["Đang thử lại", "Không kết nối được Cổng", "HTTP 503", "portal-not-configured"]);
    standin.fail_next(0);
    app.advance(Duration::seconds(6));
    let r = drain(&app.state, &client, 50).await.unwrap();
    assert!(r.sent > 0 && r.retried == 0, "{r:?}");
    assert!(standin.snapshot().violations.is_empty());
});

both_backends!(a_refusal_is_shown_and_sent_again_after_the_fix, TestApp::builder().dossiers(40), |app| async move {
    let (standin, client) = portal().await;
    let expected = coded(&app).await;
    // A dossier of the commune of the demo's counter officer `motcua`,
    // with more than one event.
    let (code, (id, _, seqs)) =
        expected.iter().find(|(_, (_, unit, seqs))| unit == "H11.100" && seqs.len() > 2).expect("such a dossier");
    standin.reject(Rejection {
        field: "MaHoSo".into(),
        equals: Some(code.clone()),
        message: "Mã hồ sơ đã được đơn vị khác sử dụng".into(),
    });
    let r = drain(&app.state, &client, 50).await.unwrap();
    assert_eq!(r.refused, 1, "refused once, its later events held: {r:?}");
    assert!(!standin.snapshot().progress.contains_key(code), "nothing of it on the portal");

    // The administrator's page, in both languages.
    let (admin, html) = page(&app, "admin", None, "/admin/portal").await;
    html.assert_contains(&[code, "MaHoSo", "Mã hồ sơ đã được đơn vị khác sử dụng", "Bị từ chối", "Gửi lại"]);
    html.assert_contains(&["Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia"]);
    let (_, en) = page(&app, "admin", Some("en"), "/admin/portal").await;
    en.assert_contains(&[code, "MaHoSo", "Refused", "Send again", "is not configured"]);
    // The office page of the dossier.
    let (_, office) = page(&app, "motcua", None, &format!("/office/dossiers/{code}")).await;
    office.assert_contains(&["Đồng bộ Cổng DVCQG", "Bị Cổng từ chối (trường MaHoSo)"]);
    let (_, office_en) = page(&app, "motcua", Some("en"), &format!("/office/dossiers/{code}")).await;
    office_en.assert_contains(&["National portal sync", "Refused by the portal (field MaHoSo)"]);

    // Fixed at the portal; sent again from the page's form.
    standin.clear_rejections();
    let csrf = input_value(&html.body, "_csrf").unwrap();
    let form = [("_csrf", csrf.as_str()), ("dossier_id", &id.to_string()), ("seq", "1")];
    let res = admin
        .post(app.url("/admin/portal/resend"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(form).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(Html::read(res).await.location(), "/admin/portal?done=adm-portal-resent");
    let r = drain(&app.state, &client, 50).await.unwrap();
    assert_eq!((r.sent, r.refused), (seqs.len(), 0));
    assert_eq!(standin.snapshot().progress.get(code), Some(seqs), "all of it, in order");
    let (_, html) = page(&app, "admin", None, "/admin/portal").await;
    html.assert_contains(&["portal-no-problems"]);
    let (_, office) = page(&app, "motcua", None, &format!("/office/dossiers/{code}")).await;
    office.assert_contains(&["Đã đồng bộ"]);
    // Another unit's administrator cannot send a dossier of this commune again.
    let r = app.state.store.portal_resend(
        app.state.store.units().await.unwrap().into_iter().find(|u| u.code == "H11.SNNMT").unwrap().as_ref(),
        *id,
        1,
        app.now(),
    );
    assert!(r.await.is_err());
});
