//! The client against the stand-in portal: the whole flow, its answers and
//! the ways it fails.

use chrono::NaiveDateTime;
use motcua_portal::mapping::map_event;
use motcua_portal::standin::{Rejection, StandIn};
use motcua_portal::{DossierFacts, EventFacts, Message, Outcome, PortalClient, PortalConfig};

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn config(url: &str, password: &str) -> PortalConfig {
    PortalConfig {
        base_url: url.to_owned(),
        auth_path: PortalConfig::DEFAULT_AUTH_PATH.to_owned(),
        sync_path: PortalConfig::DEFAULT_SYNC_PATH.to_owned(),
        username: "motcua".to_owned(),
        password: password.to_owned(),
        unit_code: "H11".to_owned(),
        timeout: std::time::Duration::from_secs(5),
    }
}

fn message(code: &str, seq: u64, status: u8) -> Message {
    let d = DossierFacts {
        code: Some(code.to_owned()),
        procedure_code: "1.004194".into(),
        procedure_name: "Đăng ký tạm trú".into(),
        field_code: "G09".into(),
        field_name: String::new(),
        channel: 1,
        applicant_name: "Nguyễn Văn An".into(),
        submitted_at: t("2026-03-04 09:00"),
        received_at: Some(t("2026-03-04 09:00")),
        finished_at: Some(t("2026-03-04 10:00")),
        handling_unit: "Công an xã".into(),
        ..DossierFacts::default()
    };
    let e = EventFacts {
        seq,
        at: t("2026-03-04 10:00"),
        label: "Chuyển xử lý".into(),
        to_status: status,
        due_at: Some(t("2026-03-09 17:00")),
        actor_name: Some("Cán bộ".into()),
        actor_title: String::new(),
        actor_unit: None,
        public_note: None,
    };
    map_event(&d, &e).unwrap()
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_arrive_once_in_order_and_a_repeat_is_recognised() {
    let portal = StandIn::start("motcua", "bí mật").await;
    let client = std::sync::Arc::new(PortalClient::new(config(&portal.url, "bí mật")).unwrap());
    let c = client.clone();
    let outcomes = blocking(move || {
        vec![
            c.send(&message("H11-260304-0001", 1, 2), false).unwrap(),
            c.send(&message("H11-260304-0001", 2, 4), true).unwrap(),
            // A crash after the portal took #2: sent again, as a create.
            c.send(&message("H11-260304-0001", 2, 4), false).unwrap(),
            c.send(&message("H11-260304-0001", 3, 9), true).unwrap(),
        ]
    })
    .await;
    assert!(outcomes.iter().all(|o| *o == Outcome::Accepted), "{outcomes:?}");
    let s = portal.snapshot();
    assert_eq!(s.progress["H11-260304-0001"], vec![1, 2, 3]);
    assert_eq!((s.creates, s.duplicates), (1, 1), "the repeat became an update and was not kept twice");
    assert_eq!(s.records["H11-260304-0001"]["TrangThaiHoSo"], "9");
    assert!(s.violations.is_empty(), "{:?}", s.violations);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_failures_and_sessions() {
    let portal = StandIn::start("motcua", "đúng").await;
    portal.reject(Rejection {
        field: "MaTTHC".into(),
        equals: Some("1.004194".into()),
        message: "Mã TTHC chưa được công bố".into(),
    });
    let client = std::sync::Arc::new(PortalClient::new(config(&portal.url, "đúng")).unwrap());
    let c = client.clone();
    let refused = blocking(move || c.send(&message("H11-260304-0002", 1, 2), false)).await.unwrap();
    assert_eq!(
        refused,
        Outcome::Rejected {
            code: "-1".into(),
            message: "Mã TTHC chưa được công bố".into(),
            field: Some("MaTTHC".into())
        }
    );
    portal.clear_rejections();
    portal.fail_next(1);
    let c = client.clone();
    let down = blocking(move || c.send(&message("H11-260304-0002", 1, 2), false)).await.unwrap_err();
    assert_eq!(down.code, "portal_unreachable");
    // An expired session is opened again without the caller noticing.
    portal.expire_sessions();
    let c = client.clone();
    let ok = blocking(move || c.send(&message("H11-260304-0002", 1, 2), false)).await.unwrap();
    assert_eq!(ok, Outcome::Accepted);
    // Wrong credentials: the session is refused with its code.
    let wrong = PortalClient::new(config(&portal.url, "sai")).unwrap();
    let e = blocking(move || wrong.send(&message("H11-260304-0003", 1, 2), false)).await.unwrap_err();
    assert_eq!(e.code, "portal_auth_failed");
    // Progress for a dossier the portal does not have is refused and noted.
    let c = client.clone();
    let orphan = blocking(move || {
        let session = c.login().unwrap();
        c.push_progress(&session, &[message("H11-260304-0009", 2, 4).progress])
    })
    .await
    .unwrap();
    assert!(matches!(orphan, Outcome::Rejected { ref field, .. } if field.as_deref() == Some("MaHoSo")));
    assert_eq!(portal.snapshot().violations.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_the_catalogue_refuses_is_refused_with_its_field() {
    let portal = StandIn::start("motcua", "x").await;
    let client = PortalClient::new(config(&portal.url, "x")).unwrap();
    let mut m = message("H11-260304-0004", 1, 2);
    m.record.kenh_thuc_hien = "7".into();
    let out = blocking(move || client.send(&m, false)).await.unwrap();
    assert!(matches!(out, Outcome::Rejected { ref field, .. } if field.as_deref() == Some("KenhThucHien")), "{out:?}");
    assert!(portal.snapshot().records.is_empty());
}
