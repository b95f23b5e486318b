//! A small province built step by step, for the tests of routing, step
//! deadlines and statistics credit: units, one officer per role, a
//! published procedure, a dossier received at a counter and actions on it
//! through the rules. Each test binary uses a part of it.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::dossier::{self, Action, Actor, Context};
use motcua_rules::{Role, TimeLimit};
use motcua_store::model::*;
use motcua_store::{DossierRef, NewDossier, Store, StoreError};

pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The end of `day`'s working hours on the shipped calendar.
pub fn end_of(day_: &str) -> NaiveDateTime {
    WorkCalendar::vietnam().end_of_day(day(day_))
}

pub async fn unit(store: &Store, parent: Option<&Unit>, code: &str, level: &str) -> Unit {
    let new = NewUnit {
        parent_id: parent.map(|p| p.id),
        code: code.into(),
        name: format!("Đơn vị {code}"),
        level: level.into(),
    };
    store.create_unit(new, at("2025-01-01 08:00")).await.unwrap()
}

/// An officer of `unit` with `role`, named `<role>.<unit code>`.
pub async fn staff(store: &Store, unit: &Unit, role: Role) -> Actor {
    let name = format!("{}.{}", role.as_str(), unit.code.to_lowercase());
    let new =
        NewUser { username: name.clone(), password_hash: "x".into(), full_name: name, role, unit_id: Some(unit.id) };
    let u = store.create_user(new, at("2025-01-01 08:00")).await.unwrap();
    Actor { user_id: u.id, role, unit: Some(unit.as_ref()) }
}

pub fn step(name: &str, unit: StepUnitKind, level: Option<&str>, role: Role, share: u32) -> StepData {
    StepData { name: name.into(), unit, unit_level: level.map(str::to_owned), unit_code: String::new(), role, share }
}

/// Examination by the implementing unit's specialist (3 days), then its
/// leader's approval (2 days).
pub fn two_steps() -> Vec<StepData> {
    vec![
        step("Thẩm định", StepUnitKind::Implementing, None, Role::Specialist, 3),
        step("Phê duyệt", StepUnitKind::Implementing, None, Role::Leader, 2),
    ]
}

/// A published procedure of five working days.
pub fn procedure(code: &str, level: &str, agency: &str, workflow: Vec<StepData>) -> ProcedureData {
    ProcedureData {
        certified_copy: false,
        code: code.into(),
        name: "Đăng ký khai sinh".into(),
        field_code: "HOTICH".into(),
        field_name: Some("Hộ tịch".into()),
        level: level.into(),
        agency_unit_code: agency.into(),
        time_limit: TimeLimit::working_days(5),
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
        workflow,
        extra_receivers: vec![],
        applicants: None,
        result: None,
    }
}

/// Publishes [`procedure`] with [`two_steps`].
pub async fn publish(store: &Store, code: &str, level: &str, agency: &str) {
    let data = procedure(code, level, agency, two_steps());
    store.save_procedure(data, "created", None, None, at("2025-01-01 08:00")).await.unwrap();
}

/// A dossier of procedure `code` received at the counter of `unit` by `counter`.
pub async fn receive(
    store: &Store,
    code: &str,
    unit: &Unit,
    counter: &Actor,
    now: NaiveDateTime,
) -> Result<Dossier, StoreError> {
    let version = store.current_version(code.into()).await.unwrap();
    let calendar = WorkCalendar::vietnam();
    let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &[], now };
    let state = dossier::receive_at_counter(unit.as_ref(), counter, &ctx).unwrap();
    let new = NewDossier {
        version,
        receiving_unit: unit.clone(),
        channel: Channel::Counter,
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
        event: EventInput::by("receive_at_counter", counter, None),
        idempotency: None,
        now,
    };
    store.create_dossier(new).await.map(|(d, _)| d)
}

/// `action` by `actor` at `now`, decided by the rules on the stored state;
/// every action carries a reason (a return needs one, the others accept it).
pub async fn act(store: &Store, d: &Dossier, actor: &Actor, action: Action, now: NaiveDateTime) -> Dossier {
    try_act(store, d, actor, action, now).await.expect("action")
}

/// [`act`], with the store's answer.
pub async fn try_act(
    store: &Store,
    d: &Dossier,
    actor: &Actor,
    action: Action,
    now: NaiveDateTime,
) -> Result<Dossier, StoreError> {
    let actor = actor.clone();
    let event = EventInput::by(action.kind().as_str(), &actor, Some("Lý do".into()));
    store
        .act(DossierRef::Id(d.id), d.version, event, now, move |cur, v| {
            let calendar = WorkCalendar::vietnam();
            let workflow = cur.workflow(v);
            let ctx = Context { calendar: &calendar, limit: v.data.time_limit, workflow: &workflow, now };
            dossier::apply(&cur.state, &actor, &action, Some("Lý do"), &ctx)
        })
        .await
}
