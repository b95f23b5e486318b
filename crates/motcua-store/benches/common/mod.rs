//! What the store benches share: a province with one commune, its staff, a
//! citizen and one published procedure whose workflow units are resolved
//! for each dossier (the set-up of issue 10), and a quantile. Each bench
//! uses part of it.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::codes::DossierCodeFormat;
use motcua_rules::dossier::{self, Actor};
use motcua_rules::{Role, TimeLimit};
use motcua_store::model::*;
use motcua_store::{NewDossier, Store};

pub struct Setup {
    pub store: Store,
    pub version: Arc<ProcedureVersion>,
    pub unit: Unit,
    pub counter: Actor,
    pub specialist: Actor,
    pub leader: Actor,
    pub citizen: Actor,
    pub calendar: Arc<WorkCalendar>,
}

pub fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub async fn setup(url: &str) -> Setup {
    // Files in a temporary directory, removed with the store.
    let files = motcua_store::FileStore::temporary();
    let store = Store::open_with_files(url, DossierCodeFormat::Extended, files).expect("open");
    store.migrate().await.expect("migrate");
    let now = t("2025-03-03 08:00");
    let province = store
        .create_unit(
            NewUnit { parent_id: None, code: "H99".into(), name: "Tỉnh".into(), level: "province".into() },
            now,
        )
        .await
        .unwrap();
    let unit = store
        .create_unit(
            NewUnit {
                parent_id: Some(province.id), code: "H99.01".into(), name: "Xã".into(), level: "commune".into()
            },
            now,
        )
        .await
        .unwrap();
    let mut actors = Vec::new();
    for (name, role, u) in [
        ("motcua", Role::CounterOfficer, Some(unit.id)),
        ("chuyenvien", Role::Specialist, Some(unit.id)),
        ("lanhdao", Role::Leader, Some(unit.id)),
        ("congdan", Role::Citizen, None),
    ] {
        let user = store
            .create_user(
                NewUser { username: name.into(), password_hash: "x".into(), full_name: name.into(), role, unit_id: u },
                now,
            )
            .await
            .unwrap();
        actors.push(Actor { user_id: user.id, role, unit: u.map(|_| unit.as_ref()) });
    }
    let data = ProcedureData {
        certified_copy: false,
        code: "1.004194".into(),
        name: "Đăng ký tạm trú".into(),
        field_code: "CUTRU".into(),
        field_name: Some("Cư trú".into()),
        level: "commune".into(),
        agency_unit_code: "H99.01".into(),
        time_limit: TimeLimit::working_days(3),
        fees: vec![],
        components: vec![],
        legal_basis: vec![],
        online_level: OnlineLevel::Full,
        publication: Publication {
            status: PublicationStatus::Published,
            decision: None,
            effective_from: None,
            effective_to: None,
            decision_date: None,
            basis_effective: None,
            public_date: None,
        },
        workflow: vec![
            // Relative units, resolved for each dossier at reception.
            StepData {
                name: "Thẩm định".into(),
                unit: StepUnitKind::Implementing,
                unit_level: None,
                unit_code: String::new(),
                role: Role::Specialist,
                share: 2,
            },
            StepData {
                name: "Phê duyệt".into(),
                unit: StepUnitKind::Implementing,
                unit_level: None,
                unit_code: String::new(),
                role: Role::Leader,
                share: 1,
            },
        ],
        extra_receivers: vec![],
        applicants: None,
        result: None,
    };
    store.save_procedure(data, "created", None, None, now).await.unwrap();
    let version = store.current_version("1.004194".into()).await.unwrap();
    let [counter, specialist, leader, citizen] = actors.try_into().unwrap();
    Setup { store, version, unit, counter, specialist, leader, citizen, calendar: Arc::new(WorkCalendar::vietnam()) }
}

/// A dossier the citizen submits online at the commune, in its own
/// transaction, as the lifecycle's first step.
pub async fn submit_online(s: &Setup, now: NaiveDateTime) -> Dossier {
    let state = dossier::submit_online(s.unit.as_ref(), &s.citizen).unwrap();
    let (d, _) = s
        .store
        .create_dossier(NewDossier {
            version: s.version.clone(),
            receiving_unit: s.unit.clone(),
            channel: Channel::Online,
            applicant: Applicant {
                name: "Nông Thị Mai".into(),
                id_number: None,
                phone: Some("0912345678".into()),
                email: None,
                address: None,
                organization: false,
            },
            components: vec![],
            state,
            event: EventInput::by("submit_online", &s.citizen, None),
            idempotency: None,
            now,
        })
        .await
        .unwrap();
    d
}

/// The `p` quantile (0.5, 0.99) of `v`, which it sorts.
pub fn quantile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}
