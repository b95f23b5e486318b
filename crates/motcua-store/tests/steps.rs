//! Per-step deadlines, the same on every database: each step visit gets
//! its row in `dossier_steps` in the transaction of the action that started
//! it, with its own due moment (moved by a pause), and is closed with its
//! lateness and working days by the action that ended it; the running
//! step's clock is on the dossier row for the inbox; the per-unit figures
//! count the finished visits.

#[macro_use]
mod common;

use chrono::NaiveDateTime;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::dossier::{self, Action, Actor, Context};
use motcua_rules::{Role, TimeLimit};
use motcua_store::model::*;
use motcua_store::{DossierRef, InboxQuery, NewDossier, Store};

on_both!(a_forwarded_dossier_records_its_step_visits_with_their_own_deadlines);

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

async fn unit(store: &Store, parent: Option<&Unit>, code: &str, level: &str) -> Unit {
    let new = NewUnit {
        parent_id: parent.map(|p| p.id),
        code: code.into(),
        name: format!("Đơn vị {code}"),
        level: level.into(),
    };
    store.create_unit(new, at("2025-01-01 08:00")).await.unwrap()
}

async fn staff(store: &Store, unit: &Unit, role: Role) -> Actor {
    let name = format!("{}.{}", role.as_str(), unit.code.to_lowercase());
    let new =
        NewUser { username: name.clone(), password_hash: "x".into(), full_name: name, role, unit_id: Some(unit.id) };
    let u = store.create_user(new, at("2025-01-01 08:00")).await.unwrap();
    Actor { user_id: u.id, role, unit: Some(unit.as_ref()) }
}

fn step(name: &str, unit: StepUnitKind, level: Option<&str>, role: Role, share: u32) -> StepData {
    StepData { name: name.into(), unit, unit_level: level.map(str::to_owned), unit_code: String::new(), role, share }
}

fn procedure(code: &str, level: &str, agency: &str, workflow: Vec<StepData>) -> ProcedureData {
    ProcedureData {
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
        },
        workflow,
        extra_receivers: vec![],
        applicants: None,
        result: None,
    }
}

/// A dossier received at the counter of `unit` by `counter`.
async fn receive(
    store: &Store,
    code: &str,
    unit: &Unit,
    counter: &Actor,
    now: NaiveDateTime,
) -> Result<Dossier, motcua_store::StoreError> {
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

async fn act(store: &Store, d: &Dossier, actor: &Actor, action: Action, now: NaiveDateTime) -> Dossier {
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
        .expect("action")
}

fn end_of(day: &str) -> NaiveDateTime {
    WorkCalendar::vietnam().end_of_day(chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap())
}

async fn a_forwarded_dossier_records_its_step_visits_with_their_own_deadlines(store: Store) {
    let province = unit(&store, None, "H98", "province").await;
    let commune = unit(&store, Some(&province), "H98.01", "commune").await;
    let steps = vec![
        step("Thẩm định", StepUnitKind::Implementing, None, Role::Specialist, 2),
        step("Phê duyệt", StepUnitKind::Implementing, None, Role::Leader, 1),
    ];
    store
        .save_procedure(
            procedure("1.001193", "commune", "H98.01", steps),
            "created",
            None,
            None,
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap();
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let specialist = staff(&store, &commune, Role::Specialist).await;
    let leader = staff(&store, &commune, Role::Leader).await;

    // Received Monday 9/3/2026: the dossier is due Monday 16 (5 working days).
    let d = receive(&store, "1.001193", &commune, &counter, at("2026-03-09 08:00")).await.unwrap();
    assert_eq!(d.state.due_at, Some(end_of("2026-03-16")));
    assert!(store.dossier_steps(d.id).await.unwrap().is_empty(), "the counter is no step");

    let d = act(&store, &d, &counter, Action::Forward, at("2026-03-09 09:00")).await;
    let stored = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(stored.state.step_started_at, Some(at("2026-03-09 09:00")));
    assert_eq!(stored.state.step_due_at, Some(end_of("2026-03-11")), "a share of 2 working days");
    let inbox = store.inbox(InboxQuery::new(commune.path.clone(), Some(Role::Specialist), 10)).await.unwrap();
    assert_eq!(inbox.items[0].step_due_at, Some(end_of("2026-03-11")));
    let visits = store.dossier_steps(d.id).await.unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!((visits[0].step, visits[0].unit_id, visits[0].role), (0, commune.id, Role::Specialist));
    assert_eq!((visits[0].due_at, visits[0].ended_at, visits[0].late), (Some(end_of("2026-03-11")), None, None));

    // Waiting for a supplement from Tuesday 10 to Thursday 12: two working
    // days added to the step, as to the dossier.
    let d = act(&store, &d, &specialist, Action::RequestSupplement, at("2026-03-10 10:00")).await;
    let d = act(&store, &d, &counter, Action::SupplementReceived, at("2026-03-12 10:00")).await;
    assert_eq!(d.state.due_at, Some(end_of("2026-03-18")));
    let visits = store.dossier_steps(d.id).await.unwrap();
    assert_eq!((visits[0].due_at, visits[0].paused_days), (Some(end_of("2026-03-13")), 2));

    // The examination ends on Monday 16, after its Friday: late.
    let d = act(&store, &d, &specialist, Action::Forward, at("2026-03-16 09:00")).await;
    // The approval keeps its one day: finished Tuesday 17, on time.
    let d = act(&store, &d, &leader, Action::Finish, at("2026-03-17 10:00")).await;
    assert_eq!(d.state.processing_days, Some(4));
    assert!(
        d.state
            .timeliness(at("2026-03-17 10:00"), &WorkCalendar::vietnam())
            .is_some_and(|t| t != motcua_rules::calendar::Timeliness::Late)
    );
    let stored = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(stored, d, "what the action answered is what was stored");
    assert_eq!((stored.state.step_started_at, stored.state.step_due_at), (None, None));

    let visits = store.dossier_steps(d.id).await.unwrap();
    assert_eq!(visits.len(), 2);
    let (first, second) = (&visits[0], &visits[1]);
    assert_eq!(first.ended_at, Some(at("2026-03-16 09:00")));
    assert_eq!(first.late, Some(true));
    // Monday 9 to Monday 16: five working days, less the two paused.
    assert_eq!(first.working_days, Some(3));
    assert_eq!((second.step, second.role, second.unit_name.as_str()), (1, Role::Leader, "Đơn vị H98.01"));
    assert_eq!(second.started_at, at("2026-03-16 09:00"));
    assert_eq!(second.due_at, Some(end_of("2026-03-17")));
    assert_eq!(
        (second.ended_at, second.late, second.working_days),
        (Some(at("2026-03-17 10:00")), Some(false), Some(1))
    );

    // The unit's per-step figures for March; nothing in April.
    let march =
        store.step_timeliness(province.path.clone(), at("2026-03-01 00:00"), at("2026-04-01 00:00")).await.unwrap();
    assert_eq!(march.len(), 1);
    let f = &march[0];
    assert_eq!((f.unit_id, f.finished, f.late, f.unknown, f.working_days, f.timed), (commune.id, 2, 1, 0, 4, 2));
    let april =
        store.step_timeliness(province.path.clone(), at("2026-04-01 00:00"), at("2026-05-01 00:00")).await.unwrap();
    assert!(april.is_empty());
}
