//! The store's behaviour, the same on every database.
//!
//! Each scenario is written once and run on SQLite (always) and on
//! PostgreSQL (when `MOTCUA_TEST_POSTGRES_URL` is set; otherwise the
//! PostgreSQL variant says SKIPPED and passes).

use std::sync::Arc;

#[macro_use]
mod common;

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::calendar::{WorkCalendar, vietnam_schedules};
use motcua_rules::credit::Basis;
use motcua_rules::dossier::{self, Action, Actor, Context, DossierState, Status, WorkflowStep};
use motcua_rules::error::ErrorKind;
use motcua_rules::feedback::Topic;
use motcua_rules::period::Period;
use motcua_rules::{Role, TimeLimit};
use motcua_store::model::*;
use motcua_store::{
    Closing, DossierRef, Idempotency, InboxQuery, NewDossier, ProcedureQuery, Store, StoreError, UnitSet, UnitStats,
};

on_both!(
    migrations_run_once,
    units_form_a_tree_with_unique_codes,
    users_and_sessions,
    user_changes_end_sessions,
    calendar_round_trips,
    procedures_are_versioned,
    catalog_search_and_pages,
    import_is_all_or_nothing,
    counter_intake_issues_a_code_and_history,
    online_submission_gets_its_code_at_reception,
    a_refused_action_writes_nothing,
    stale_versions_are_refused,
    concurrent_actions_one_wins,
    concurrent_intakes_get_distinct_codes,
    idempotent_submissions,
    inbox_is_scoped_sorted_and_paged,
    assignments_and_returns_show_in_the_inbox_and_the_history,
    live_counters_equal_a_replay_of_the_history,
    period_totals_follow_the_report_definitions,
    files_are_written_with_their_dossier,
    files_are_listed_and_read_per_dossier,
    empty_files_are_refused_and_nothing_is_written,
    ratings_come_once_after_the_result_is_returned,
    rating_summaries_average_a_subtree,
    reform_evaluations_name_the_receiving_unit_and_officer,
    feedback_is_scoped_listed_and_answered_once,
);

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// "Today" for figures of past periods: after every date in these tests.
fn far() -> NaiveDate {
    NaiveDate::from_ymd_opt(2099, 12, 31).unwrap()
}

fn rule_code(e: StoreError) -> &'static str {
    e.rule().map(|r| r.code).unwrap_or_else(|| panic!("expected a rule error, got {e}"))
}

/// A province (H99) with a commune (H99.01) and a department (H99.SXD).
struct World {
    province: Unit,
    commune: Unit,
    dept: Unit,
    counter: Actor,
    specialist: Actor,
    citizen: Actor,
    version: Arc<ProcedureVersion>,
    calendar: WorkCalendar,
}

async fn unit(store: &Store, parent: Option<i64>, code: &str, level: &str) -> Unit {
    store
        .create_unit(
            NewUnit { parent_id: parent, code: code.into(), name: format!("Đơn vị {code}"), level: level.into() },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap()
}

async fn user(store: &Store, name: &str, role: Role, unit: Option<&Unit>) -> Actor {
    let u = store
        .create_user(
            NewUser {
                username: name.into(),
                password_hash: "x".into(),
                full_name: name.into(),
                role,
                unit_id: unit.map(|u| u.id),
            },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap();
    Actor { user_id: u.id, role, unit: unit.map(Unit::as_ref) }
}

fn fixed_step(name: &str, unit_code: &str, role: Role, share: u32) -> StepData {
    StepData {
        name: name.into(),
        unit: StepUnitKind::Fixed,
        unit_level: None,
        unit_code: unit_code.into(),
        role,
        share,
    }
}

fn procedure(code: &str, agency: &str, steps_unit: &str) -> ProcedureData {
    ProcedureData {
        certified_copy: false,
        code: code.into(),
        name: "Cấp giấy phép xây dựng nhà ở riêng lẻ".into(),
        field_code: "XAYDUNG".into(),
        field_name: Some("Hoạt động xây dựng".into()),
        level: "commune".into(),
        agency_unit_code: agency.into(),
        time_limit: TimeLimit::working_days(5),
        fees: vec![Fee { name: "Lệ phí".into(), amount_vnd: 75_000, note: None, ..Fee::default() }],
        components: vec![Component {
            name: "Đơn đề nghị".into(), form: None, originals: 1, copies: 0, required: true
        }],
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
            fixed_step("Thẩm định", steps_unit, Role::Specialist, 3),
            fixed_step("Phê duyệt", steps_unit, Role::Leader, 2),
        ],
        extra_receivers: vec![],
        applicants: None,
        result: None,
    }
}

async fn world(store: &Store) -> World {
    let province = unit(store, None, "H99", "province").await;
    let commune = unit(store, Some(province.id), "H99.01", "commune").await;
    let dept = unit(store, Some(province.id), "H99.SXD", "department").await;
    let counter = user(store, "motcua", Role::CounterOfficer, Some(&commune)).await;
    let specialist = user(store, "chuyenvien", Role::Specialist, Some(&commune)).await;
    let citizen = user(store, "congdan", Role::Citizen, None).await;
    store
        .save_procedure(procedure("1.009972", "H99.01", "H99.01"), "created", None, None, at("2025-01-01 08:00"))
        .await
        .unwrap();
    let version = store.current_version("1.009972".into()).await.unwrap();
    let calendar = WorkCalendar::vietnam();
    World { province, commune, dept, counter, specialist, citizen, version, calendar }
}

fn applicant(phone: &str) -> Applicant {
    Applicant {
        name: "Nông Thị Mai".into(),
        id_number: None,
        phone: Some(phone.into()),
        email: None,
        address: None,
        organization: false,
    }
}

impl World {
    fn ctx<'a>(&'a self, now: NaiveDateTime, workflow: &'a [WorkflowStep]) -> Context<'a> {
        Context { calendar: &self.calendar, limit: self.version.data.time_limit, workflow, now }
    }

    fn intake(&self, now: NaiveDateTime) -> NewDossier {
        self.intake_at(&self.commune, &self.counter, now)
    }

    /// Received at the counter of `unit` by `counter`, one of its officers.
    fn intake_at(&self, unit: &Unit, counter: &Actor, now: NaiveDateTime) -> NewDossier {
        let state = dossier::receive_at_counter(unit.as_ref(), counter, &self.ctx(now, &[])).unwrap();
        NewDossier {
            receiving_unit: unit.clone(),
            ..self.new_dossier(state, Channel::Counter, "receive_at_counter", now, counter)
        }
    }

    fn online(&self, now: NaiveDateTime) -> NewDossier {
        let state = dossier::submit_online(self.commune.as_ref(), &self.citizen).unwrap();
        self.new_dossier(state, Channel::Online, "submit_online", now, &self.citizen)
    }

    fn new_dossier(
        &self,
        state: DossierState,
        channel: Channel,
        action: &'static str,
        now: NaiveDateTime,
        by: &Actor,
    ) -> NewDossier {
        NewDossier {
            version: self.version.clone(),
            receiving_unit: self.commune.clone(),
            channel,
            applicant: applicant("0912345678"),
            components: vec![ComponentReceived { name: "Đơn đề nghị".into(), count: 1 }],
            state,
            event: EventInput::by(action, by, None),
            idempotency: None,
            now,
        }
    }

    async fn act(
        &self,
        store: &Store,
        d: &Dossier,
        actor: &Actor,
        action: Action,
        now: NaiveDateTime,
    ) -> Result<Dossier, StoreError> {
        let calendar = self.calendar.clone();
        let actor = actor.clone();
        let event = EventInput::by(action.kind().as_str(), &actor, Some("ghi chú".into()));
        store
            .act(DossierRef::Id(d.id), d.version, event, now, move |cur, v| {
                let workflow = cur.workflow(v);
                let ctx = Context { calendar: &calendar, limit: v.data.time_limit, workflow: &workflow, now };
                dossier::apply(&cur.state, &actor, &action, Some("ghi chú"), &ctx)
            })
            .await
    }
}

async fn migrations_run_once(store: Store) {
    assert!(store.migrate().await.unwrap().is_empty(), "a second migrate applies nothing");
    store.ping().await.unwrap();
}

async fn units_form_a_tree_with_unique_codes(store: Store) {
    let w = world(&store).await;
    assert_eq!(w.province.path, format!("/{}/", w.province.id));
    assert_eq!(w.commune.path, format!("/{}/{}/", w.province.id, w.commune.id));
    assert_eq!(w.commune.province_id, w.province.id);
    let village = unit(&store, Some(w.commune.id), "H99.01.A", "division").await;
    assert_eq!(village.path, format!("{}{}/", w.commune.path, village.id));
    let err = store
        .create_unit(
            NewUnit {
                parent_id: Some(w.province.id),
                code: "H99.01".into(),
                name: "x".into(),
                level: "commune".into(),
            },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap_err();
    assert_eq!(rule_code(err), "unit_code_taken");
    let err = store
        .create_unit(
            NewUnit { parent_id: Some(9999), code: "H99.77".into(), name: "x".into(), level: "commune".into() },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap_err();
    assert_eq!(rule_code(err), "unknown_unit");
    let all = store.units().await.unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(store.unit_by_code("H99.SXD".into()).await.unwrap().unwrap().id, w.dept.id);
}

async fn users_and_sessions(store: Store) {
    let w = world(&store).await;
    let (u, hash) = store.user_for_login("motcua".into()).await.unwrap().unwrap();
    assert_eq!(
        (u.role, hash.as_str(), u.unit_path.as_deref()),
        (Role::CounterOfficer, "x", Some(w.commune.path.as_str()))
    );
    let err = store
        .create_user(
            NewUser {
                username: "motcua".into(),
                password_hash: "y".into(),
                full_name: "B".into(),
                role: Role::Specialist,
                unit_id: Some(w.commune.id),
            },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap_err();
    assert_eq!(rule_code(err), "username_taken");
    let err = store
        .create_user(
            NewUser {
                username: "nounit".into(),
                password_hash: "y".into(),
                full_name: "B".into(),
                role: Role::Specialist,
                unit_id: None,
            },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap_err();
    assert_eq!(rule_code(err), "user_unit");
    store.create_session("h1".into(), u.id, at("2025-01-01 08:00"), at("2025-01-01 20:00"), None).await.unwrap();
    assert_eq!(store.session_user("h1".into(), at("2025-01-01 09:00")).await.unwrap().map(|u| u.id), Some(u.id));
    assert!(store.session_user("h1".into(), at("2025-01-01 21:00")).await.unwrap().is_none(), "expired");
    store.delete_session("h1".into()).await.unwrap();
    assert!(store.session_user("h1".into(), at("2025-01-01 09:00")).await.unwrap().is_none(), "logged out");
    let staff = store.users(Some(w.commune.path.clone())).await.unwrap();
    assert_eq!(staff.len(), 2, "two staff in the commune; citizens have no unit");
}

async fn user_changes_end_sessions(store: Store) {
    let w = world(&store).await;
    let id = w.specialist.user_id;
    let (t0, t1, end) = (at("2025-01-01 08:00"), at("2025-01-01 09:00"), at("2025-01-01 20:00"));
    let live = |h: &'static str| {
        let store = store.clone();
        async move { store.session_user(h.into(), t1).await.unwrap().is_some() }
    };
    let change = |role, unit: &Unit, active| UserChange { role, unit_id: Some(unit.id), active };

    // Same role and unit, still active: sessions stay.
    store.create_session("s1".into(), id, t0, end, None).await.unwrap();
    let u = store.update_user(id, change(Role::Specialist, &w.commune, true), t1).await.unwrap();
    assert_eq!((u.role, u.unit_id, u.active), (Role::Specialist, Some(w.commune.id), true));
    assert!(live("s1").await, "nothing changed: the session stays");

    // Deactivated: sessions go, and the flag is stored.
    let u = store.update_user(id, change(Role::Specialist, &w.commune, false), t1).await.unwrap();
    assert!(!u.active);
    assert!(!live("s1").await, "deactivated: the session is gone");
    assert!(!store.user(id).await.unwrap().unwrap().active);

    // Reactivated, then a new role: the new session goes too.
    store.update_user(id, change(Role::Specialist, &w.commune, true), t1).await.unwrap();
    store.create_session("s2".into(), id, t0, end, None).await.unwrap();
    let u = store.update_user(id, change(Role::Leader, &w.commune, true), t1).await.unwrap();
    assert_eq!((u.role, u.active), (Role::Leader, true));
    assert!(!live("s2").await, "role changed: the session is gone");

    // A new unit: sessions go, and the unit path follows.
    store.create_session("s3".into(), id, t0, end, None).await.unwrap();
    let u = store.update_user(id, change(Role::Leader, &w.dept, true), t1).await.unwrap();
    assert_eq!(u.unit_path.as_deref(), Some(w.dept.path.as_str()));
    assert!(!live("s3").await, "unit changed: the session is gone");

    // Another user's session is untouched.
    store.create_session("c1".into(), w.counter.user_id, t0, end, None).await.unwrap();
    store.update_user(id, change(Role::Specialist, &w.commune, false), t1).await.unwrap();
    assert!(live("c1").await, "other users keep their sessions");

    // Staff need a unit; unknown ids are not found; a refusal writes nothing.
    let err =
        store.update_user(id, UserChange { role: Role::Leader, unit_id: None, active: true }, t1).await.unwrap_err();
    assert_eq!(rule_code(err), "user_unit");
    let err = store.update_user(999_999, change(Role::Leader, &w.commune, true), t1).await.unwrap_err();
    assert_eq!(err.rule().map(|r| (r.kind, r.code)), Some((ErrorKind::NotFound, "user_not_found")));
    let u = store.user(id).await.unwrap().unwrap();
    assert_eq!((u.role, u.unit_id, u.active), (Role::Specialist, Some(w.commune.id), false));
}

async fn calendar_round_trips(store: Store) {
    let empty = store.calendar().await.unwrap();
    assert!(empty.config.is_none() && empty.years.is_empty());
    for y in vietnam_schedules() {
        store.put_calendar_year(y, None, at("2025-01-01 08:00")).await.unwrap();
    }
    let mut y2026 = vietnam_schedules().pop().unwrap();
    y2026.days_off.push(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    store.put_calendar_year(y2026.clone(), None, at("2025-01-01 08:00")).await.unwrap();
    let stored = store.calendar().await.unwrap();
    assert_eq!(stored.years.len(), 2);
    assert_eq!(stored.years[1], y2026, "replaced, not duplicated");
    store.put_calendar_config(motcua_rules::calendar::vietnam_default_config(), at("2025-01-01 08:00")).await.unwrap();
    assert!(store.calendar().await.unwrap().config.is_some());
    assert!(store.delete_calendar_year(2026).await.unwrap());
    assert!(!store.delete_calendar_year(2026).await.unwrap());
}

async fn procedures_are_versioned(store: Store) {
    let w = world(&store).await;
    let p = store.procedure("1.009972".into()).await.unwrap().unwrap();
    assert_eq!((p.version, p.field_name.as_str()), (1, "Hoạt động xây dựng"));
    let err = store
        .save_procedure(procedure("1.009972", "H99.01", "H99.01"), "created", None, None, at("2025-01-02 08:00"))
        .await
        .unwrap_err();
    assert_eq!(rule_code(err), "procedure_code_taken");
    let mut changed = p.data.clone();
    changed.time_limit = TimeLimit::working_days(7);
    let p2 = store
        .save_procedure(changed.clone(), "amended", Some(w.counter.user_id), Some(1), at("2025-01-02 08:00"))
        .await
        .unwrap();
    assert_eq!(p2.version, 2);
    let err = store.save_procedure(changed, "amended", None, Some(1), at("2025-01-02 09:00")).await.unwrap_err();
    assert_eq!(rule_code(err), "stale_version");
    let history = store.procedure_history("1.009972".into()).await.unwrap();
    assert_eq!(history.iter().map(|h| h.change.as_str()).collect::<Vec<_>>(), ["created", "amended"]);
    // The old version is still what dossiers received under it use.
    assert_eq!(w.version.data.time_limit, TimeLimit::working_days(5));
    assert_eq!(store.current_version("1.009972".into()).await.unwrap().data.time_limit, TimeLimit::working_days(7));
    for (data, code, field) in [
        (procedure("1.009973", "H00.NOPE", "H99.01"), "unknown_unit", "agency_unit_code"),
        (procedure("1.009974", "H99.01", "H00.NOPE"), "unknown_unit", "workflow[0].unit_code"),
        (procedure("9", "H99.01", "H99.01"), "invalid_procedure_code", "code"),
    ] {
        let err = store.save_procedure(data, "created", None, None, at("2025-01-02 08:00")).await.unwrap_err();
        let rule = err.rule().unwrap();
        assert_eq!((rule.code, rule.field.as_deref()), (code, Some(field)));
    }
    let mut long = procedure("1.009975", "H99.01", "H99.01");
    long.workflow[0].share = 10;
    assert_eq!(
        rule_code(store.save_procedure(long, "created", None, None, at("2025-01-02 08:00")).await.unwrap_err()),
        "workflow_shares_exceed_limit"
    );
    assert!(store.procedure("1.009975".into()).await.unwrap().is_none(), "nothing half-written");
}

async fn catalog_search_and_pages(store: Store) {
    let _w = world(&store).await;
    for i in 0..7 {
        let mut p = procedure(&format!("2.00000{i}"), "H99.01", "H99.01");
        p.name = format!("Đăng ký thành lập hộ kinh doanh số {i}");
        store.save_procedure(p, "created", None, None, at("2025-01-02 08:00")).await.unwrap();
    }
    let found = store
        .procedures(ProcedureQuery { q: Some("DANG KY thanh lap".into()), limit: 50, ..Default::default() })
        .await
        .unwrap();
    assert_eq!(found.items.len(), 7, "search ignores case and diacritics");
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page =
            store.procedures(ProcedureQuery { after: after.clone(), limit: 3, ..Default::default() }).await.unwrap();
        seen.extend(page.items.iter().map(|p| p.code.clone()));
        match page.next_cursor {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 8);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "ordered by code, no repeats");
    let none =
        store.procedures(ProcedureQuery { q: Some("50%".into()), limit: 50, ..Default::default() }).await.unwrap();
    assert!(none.items.is_empty(), "LIKE wildcards in the query are literal");
}

async fn import_is_all_or_nothing(store: Store) {
    let _w = world(&store).await;
    let exported = store.export_procedures().await.unwrap();
    assert_eq!(
        store.import_procedures(exported.clone(), None, at("2025-01-03 08:00")).await.unwrap(),
        0,
        "identical: nothing changes"
    );
    let good = procedure("1.000001", "H99.01", "H99.01");
    let bad = procedure("1.000002", "NOPE", "H99.01");
    let err = store.import_procedures(vec![good, bad], None, at("2025-01-03 08:00")).await.unwrap_err();
    assert_eq!(err.rule().unwrap().field.as_deref(), Some("[1].agency_unit_code"));
    assert!(store.procedure("1.000001".into()).await.unwrap().is_none(), "the valid one was rolled back too");
}

async fn counter_intake_issues_a_code_and_history(store: Store) {
    let w = world(&store).await;
    let (d, created) = store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap();
    assert!(created);
    assert_eq!(d.code.as_deref(), Some("H99.01-250303-0001"));
    assert_eq!(d.state.status, Status::Received);
    assert_eq!(d.state.due_at.map(|t| t.date()), NaiveDate::from_ymd_opt(2025, 3, 10));
    let (d2, _) = store.create_dossier(w.intake(at("2025-03-03 10:00"))).await.unwrap();
    assert_eq!(d2.code.as_deref(), Some("H99.01-250303-0002"));
    let d = w.act(&store, &d, &w.counter, Action::Forward, at("2025-03-03 10:00")).await.unwrap();
    assert_eq!((d.state.status, d.state.step, d.version), (Status::InProcess, Some(0), 2));
    let events = store.dossier_events(d.id).await.unwrap();
    assert_eq!(events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["receive_at_counter", "forward"]);
    assert_eq!((events[1].from_status, events[1].to_status), (Some(Status::Received), Status::InProcess));
    let by_code = store.dossier(DossierRef::Code("H99.01-250303-0001".into())).await.unwrap().unwrap();
    assert_eq!(by_code.id, d.id);
    assert_eq!(by_code.applicant.phone.as_deref(), Some("0912345678"));
}

async fn online_submission_gets_its_code_at_reception(store: Store) {
    let w = world(&store).await;
    let (d, _) = store.create_dossier(w.online(at("2025-03-01 20:00"))).await.unwrap();
    assert_eq!((d.code.as_deref(), d.state.status, d.state.due_at), (None, Status::Submitted, None));
    let d = w.act(&store, &d, &w.counter, Action::Receive, at("2025-03-03 08:00")).await.unwrap();
    assert_eq!(d.code.as_deref(), Some("H99.01-250303-0001"));
    assert!(d.state.due_at.is_some());
}

async fn a_refused_action_writes_nothing(store: Store) {
    let w = world(&store).await;
    let (d, _) = store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap();
    let err = w.act(&store, &d, &w.specialist, Action::Finish, at("2025-03-03 10:00")).await.unwrap_err();
    assert_eq!(rule_code(err), "action_not_allowed_in_status");
    let again = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(again, d, "unchanged");
    assert_eq!(store.dossier_events(d.id).await.unwrap().len(), 1);
}

async fn stale_versions_are_refused(store: Store) {
    let w = world(&store).await;
    let (d, _) = store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap();
    w.act(&store, &d, &w.counter, Action::Forward, at("2025-03-03 10:00")).await.unwrap();
    // `d` still carries version 1.
    let err = w.act(&store, &d, &w.counter, Action::RequestPayment, at("2025-03-03 11:00")).await.unwrap_err();
    assert_eq!(rule_code(err), "stale_version");
    assert_eq!(store.dossier_events(d.id).await.unwrap().len(), 2);
}

async fn concurrent_actions_one_wins(store: Store) {
    let w = Arc::new(world(&store).await);
    let (d, _) = store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (store, w, d) = (store.clone(), w.clone(), d.clone());
            tokio::spawn(async move { w.act(&store, &d, &w.counter, Action::Forward, at("2025-03-03 10:00")).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert_eq!(rule_code(e), "stale_version"),
        }
    }
    assert_eq!(ok, 1, "exactly one officer wins");
    let d = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!((d.version, d.state.step), (2, Some(0)));
    assert_eq!(store.dossier_events(d.id).await.unwrap().len(), 2);
}

async fn concurrent_intakes_get_distinct_codes(store: Store) {
    let w = Arc::new(world(&store).await);
    let tasks: Vec<_> = (0..30)
        .map(|_| {
            let (store, w) = (store.clone(), w.clone());
            tokio::spawn(async move {
                store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap().0.code.unwrap()
            })
        })
        .collect();
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 30);
    assert_eq!(codes.last().map(String::as_str), Some("H99.01-250303-0030"));
}

async fn idempotent_submissions(store: Store) {
    let w = Arc::new(world(&store).await);
    let with_key = |hash: &str| {
        let mut n = w.online(at("2025-03-03 09:00"));
        n.idempotency = Some(Idempotency { user_id: w.citizen.user_id, key: "k-1".into(), request_hash: hash.into() });
        n
    };
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let (store, n) = (store.clone(), with_key("h"));
            tokio::spawn(async move { store.create_dossier(n).await.unwrap() })
        })
        .collect();
    let mut ids = Vec::new();
    let mut created = 0;
    for t in tasks {
        let (d, c) = t.await.unwrap();
        ids.push(d.id);
        created += usize::from(c);
    }
    ids.dedup();
    assert_eq!((ids.len(), created), (1, 1), "one dossier however many retries");
    let err = store.create_dossier(with_key("another body")).await.unwrap_err();
    assert_eq!(rule_code(err), "idempotency_key_reused");
}

async fn inbox_is_scoped_sorted_and_paged(store: Store) {
    let w = world(&store).await;
    let mut expected = Vec::new();
    for day in 3..=7 {
        for hour in [9, 14] {
            let (d, _) = store.create_dossier(w.intake(at(&format!("2025-03-0{day} {hour}:00")))).await.unwrap();
            let d =
                w.act(&store, &d, &w.counter, Action::Forward, at(&format!("2025-03-0{day} {hour}:30"))).await.unwrap();
            expected.push(d.id);
        }
    }
    // One dossier still at the counter, one elsewhere in the province.
    store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap();
    let query = |after| InboxQuery { after, ..InboxQuery::new(w.commune.path.clone(), Some(Role::Specialist), 3) };
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.inbox(query(after)).await.unwrap();
        assert!(page.items.iter().all(|i| i.current_role == Role::Specialist && i.status == Status::InProcess));
        seen.extend(page.items.iter().map(|i| (i.sort_due, i.id)));
        match page.next_cursor {
            Some(c) => after = Some(motcua_store::InboxCursor::decode(&c).unwrap()),
            None => break,
        }
    }
    assert_eq!(seen.len(), expected.len(), "every dossier once");
    assert!(seen.windows(2).all(|p| p[0] < p[1]), "sorted by due date, then id");
    // The department's scope does not include the commune.
    let mut other = query(None);
    other.scope_path = w.dept.path.clone();
    assert!(store.inbox(other).await.unwrap().items.is_empty());
    // The province's scope does.
    let mut province = query(None);
    province.scope_path = w.province.path.clone();
    province.limit = 100;
    assert_eq!(province.limit, 100);
    assert_eq!(store.inbox(province).await.unwrap().items.len(), expected.len());
    // A province overview of every role over many units takes the
    // single-query path (more than MERGE_PAIRS unit-role pairs): same answer.
    for i in 0..9 {
        unit(&store, Some(w.province.id), &format!("H99.9{i}"), "commune").await;
    }
    let mut overview = query(None);
    overview.scope_path = w.province.path.clone();
    overview.role = None;
    overview.limit = 100;
    let all = store.inbox(overview).await.unwrap().items;
    assert_eq!(all.len(), expected.len() + 1, "the specialists' work and the one at the counter");
    assert!(all.windows(2).all(|p| (p[0].sort_due, p[0].id) < (p[1].sort_due, p[1].id)));
    // Overdue filter: by 2025-03-20 all are past due.
    let mut overdue = query(None);
    overdue.overdue_at = Some(at("2025-03-12 09:00"));
    overdue.limit = 100;
    let late = store.inbox(overdue).await.unwrap().items;
    assert!(!late.is_empty() && late.len() < expected.len());
    assert!(late.iter().all(|i| i.due_at.unwrap() < at("2025-03-12 09:00")));
}

fn assignee(a: &Actor) -> dossier::Assignee {
    dossier::Assignee { user_id: a.user_id, role: a.role, unit: a.unit.clone(), active: true }
}

/// "Assigned to me" lists exactly the assigned officer's dossiers; the
/// history rows carry the officer and the step before and after; leaving
/// the step ends the assignment.
async fn assignments_and_returns_show_in_the_inbox_and_the_history(store: Store) {
    let w = world(&store).await;
    let leader = user(&store, "lanhdao", Role::Leader, Some(&w.commune)).await;
    let second = user(&store, "chuyenvien2", Role::Specialist, Some(&w.commune)).await;
    let mut ds = Vec::new();
    for hour in [9, 10] {
        let (d, _) = store.create_dossier(w.intake(at(&format!("2025-03-03 {hour}:00")))).await.unwrap();
        ds.push(w.act(&store, &d, &w.counter, Action::Forward, at("2025-03-03 11:00")).await.unwrap());
    }
    let assign = |to: &Actor| Action::Assign { assignee: assignee(to) };
    let d = w.act(&store, &ds[0], &leader, assign(&w.specialist), at("2025-03-03 12:00")).await.unwrap();
    assert_eq!(d.state.assigned_user_id, Some(w.specialist.user_id));
    let mine = |user: i64| InboxQuery { assigned_to: Some(user), ..InboxQuery::new(w.commune.path.clone(), None, 50) };
    let page = store.inbox(mine(w.specialist.user_id)).await.unwrap().items;
    assert_eq!(page.iter().map(|i| i.id).collect::<Vec<_>>(), vec![d.id]);
    assert_eq!(page[0].assigned_name.as_deref(), Some("chuyenvien"));
    assert!(store.inbox(mine(second.user_id)).await.unwrap().items.is_empty());
    // Outside the scope, nothing, even for the assignee.
    let mut elsewhere = mine(w.specialist.user_id);
    elsewhere.scope_path = w.dept.path.clone();
    assert!(store.inbox(elsewhere).await.unwrap().items.is_empty());
    // The unit's list shows both, one with its assignee.
    let unit = store.inbox(InboxQuery::new(w.commune.path.clone(), Some(Role::Specialist), 50)).await.unwrap().items;
    assert_eq!(unit.len(), 2);
    assert_eq!(unit.iter().filter(|i| i.assigned_user_id == Some(w.specialist.user_id)).count(), 1);

    // Reassigned: the history names both officers.
    let d = w.act(&store, &d, &w.specialist, assign(&second), at("2025-03-03 13:00")).await.unwrap();
    let events = store.dossier_events(d.id).await.unwrap();
    let last = events.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.assigned_from, last.assigned_to),
        ("assign", Some(w.specialist.user_id), Some(second.user_id))
    );
    assert_eq!((last.from_step, last.to_step, last.to_status), (Some(0), Some(0), Status::InProcess));
    assert_eq!(store.inbox(mine(second.user_id)).await.unwrap().items.len(), 1);

    // Forwarded: the assignment ends; returned by the leader: back at step 0.
    let d = w.act(&store, &d, &second, Action::Forward, at("2025-03-04 09:00")).await.unwrap();
    assert_eq!(d.state.assigned_user_id, None);
    assert!(store.inbox(mine(second.user_id)).await.unwrap().items.is_empty());
    let due = d.state.due_at;
    let d = w.act(&store, &d, &leader, Action::ReturnToStep { to_step: 0 }, at("2025-03-04 10:00")).await.unwrap();
    assert_eq!((d.state.step, d.state.current_role, d.state.due_at), (Some(0), Role::Specialist, due));
    let stored = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(stored.state, d.state, "written as answered");
    let last = store.dossier_events(d.id).await.unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.from_step, last.to_step), ("return_to_step", Some(1), Some(0)));
    assert_eq!(last.note.as_deref(), Some("ghi chú"));
}

/// Random walks through the real rules: whatever the sequence, the counters
/// written with each action equal a replay of the history.
async fn live_counters_equal_a_replay_of_the_history(store: Store) {
    let w = world(&store).await;
    let leader = user(&store, "lanhdao", Role::Leader, Some(&w.commune)).await;
    // Liên thông: a province procedure received at the service centre and
    // handled by its department, with a step at the commune between.
    let centre = unit(&store, Some(w.province.id), "H99.TTHCC", "centre").await;
    let centre_counter = user(&store, "motcua.tt", Role::CounterOfficer, Some(&centre)).await;
    let dept_specialist = user(&store, "chuyenvien.sxd", Role::Specialist, Some(&w.dept)).await;
    let dept_leader = user(&store, "lanhdao.sxd", Role::Leader, Some(&w.dept)).await;
    let mut lien_thong = procedure("2.000001", "H99.SXD", "H99.SXD");
    lien_thong.level = "province".into();
    lien_thong.workflow = vec![
        StepData { unit: StepUnitKind::Implementing, ..fixed_step("Thẩm định", "", Role::Specialist, 2) },
        fixed_step("Xác nhận của xã", "H99.01", Role::Specialist, 1),
        StepData { unit: StepUnitKind::Implementing, ..fixed_step("Phê duyệt", "", Role::Leader, 2) },
    ];
    store.save_procedure(lien_thong, "created", None, None, at("2025-01-01 08:00")).await.unwrap();
    let province_version = store.current_version("2.000001".into()).await.unwrap();
    let actors = [
        w.counter.clone(),
        w.specialist.clone(),
        leader,
        w.citizen.clone(),
        centre_counter.clone(),
        dept_specialist,
        dept_leader,
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rand = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut returns, mut assignments) = (0, 0);
    for i in 0..40 {
        let start = at("2025-03-03 08:00") + chrono::Duration::hours((i * 7) as i64);
        let new = match rand(3) {
            0 => w.intake(start),
            1 => w.online(start),
            _ => NewDossier { version: province_version.clone(), ..w.intake_at(&centre, &centre_counter, start) },
        };
        let (mut d, _) = store.create_dossier(new).await.unwrap();
        let version = if d.procedure_id == province_version.procedure_id { &province_version } else { &w.version };
        let mut now = start;
        for _ in 0..10 {
            now += chrono::Duration::hours(5 + rand(40) as i64);
            let workflow = d.workflow(version);
            let ctx = w.ctx(now, &workflow);
            let mut options = Vec::new();
            for a in &actors {
                for kind in dossier::allowed_actions(&d.state, a, &ctx) {
                    // Returns and assignments weigh more, so each walk of a
                    // few actions still has some (issue 10).
                    let weight = if matches!(kind, dossier::ActionKind::ReturnToStep | dossier::ActionKind::Assign) {
                        3
                    } else {
                        1
                    };
                    options.extend(std::iter::repeat_n((a.clone(), kind), weight));
                }
            }
            if options.is_empty() {
                break;
            }
            let (actor, kind) = options[rand(options.len())].clone();
            let action = match kind {
                motcua_rules::dossier::ActionKind::Reschedule => {
                    let due = d.state.due_at.unwrap().date();
                    Action::Reschedule { new_due_date: w.calendar.add_working_days(due, 2).unwrap() }
                }
                // Returns to any earlier step and (re)assignments to any
                // officer of the unit, the refused ones included.
                motcua_rules::dossier::ActionKind::ReturnToStep => {
                    Action::ReturnToStep { to_step: rand(d.state.step.unwrap() as usize) as u32 }
                }
                motcua_rules::dossier::ActionKind::Assign => {
                    let to = &actors[rand(3)];
                    let assignee =
                        dossier::Assignee { user_id: to.user_id, role: to.role, unit: to.unit.clone(), active: true };
                    Action::Assign { assignee }
                }
                other => action_of(other),
            };
            if let Ok(next) = w.act(&store, &d, &actor, action, now).await {
                returns += usize::from(kind == motcua_rules::dossier::ActionKind::ReturnToStep);
                assignments += usize::from(kind == motcua_rules::dossier::ActionKind::Assign);
                d = next;
            }
        }
    }
    assert!(returns > 0 && assignments > 0, "the walk returned ({returns}) and assigned ({assignments})");
    let report = store.check_stats().await.unwrap();
    assert!(report.counters > 0);
    assert_eq!(report.differences, 0, "live counters (intake and handling, per unit) differ from the replay");
    // The centre's dossiers are the department's under handling and the
    // centre's under intake; the province adds up the same either way.
    let year = Period::parse("2025").unwrap();
    let figures = |set, basis| {
        let store = store.clone();
        async move { store.subtree_stats(set, basis, year, far()).await.unwrap().remove(0) }
    };
    let centre_in = figures(UnitSet::One(centre.id), Basis::Intake).await;
    assert!(centre_in.received() > 0, "the walk received at the centre");
    assert_eq!(figures(UnitSet::One(centre.id), Basis::Handling).await.received(), 0);
    assert_eq!(figures(UnitSet::One(w.dept.id), Basis::Intake).await.received(), 0);
    let dept = figures(UnitSet::One(w.dept.id), Basis::Handling).await;
    assert_eq!(UnitStats { unit_id: centre.id, ..dept }, centre_in, "every column moves to the department");
    let province_in = figures(UnitSet::One(w.province.id), Basis::Intake).await;
    assert_eq!(figures(UnitSet::One(w.province.id), Basis::Handling).await, province_in);
    // A rebuild writes the same counters, so a second check still agrees.
    assert_eq!(store.rebuild_stats().await.unwrap().differences, 0);
    assert_eq!(store.check_stats().await.unwrap(), report);
    subtree_roll_ups_equal_the_daily_counters(&store, &w).await;
}

/// The province's figures from its roll-ups (years, months, days) equal
/// the sum of its receiving units' daily counters, for periods that start
/// and end on any day, month or year boundary.
async fn subtree_roll_ups_equal_the_daily_counters(store: &Store, w: &World) {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let periods = [
        Period::parse("2025-03").unwrap(),
        Period::parse("2025-Q1").unwrap(),
        Period::parse("2025").unwrap(),
        Period::parse("2025-04").unwrap(),
        Period::range(day("2025-03-05"), day("2025-04-09")).unwrap(),
        Period::range(day("2025-03-17"), day("2025-03-17")).unwrap(),
        Period::range(day("2024-12-20"), day("2025-03-31")).unwrap(),
    ];
    for (period, basis) in periods.into_iter().flat_map(|p| Basis::ALL.map(|b| (p, b))) {
        // Per credited unit (the commune and the centre under intake, the
        // commune and the department under handling), from the daily counters.
        let daily = store.unit_stats(w.province.path.clone(), basis, period, far()).await.unwrap();
        assert!(!daily.is_empty() && daily.iter().all(|d| d.unit_id != w.province.id));
        // Each is a child of the province with no unit below: its roll-ups
        // give the same figures; a child with no credit has none.
        let children = store.subtree_stats(UnitSet::Children(w.province.id), basis, period, far()).await.unwrap();
        for child in &children {
            match daily.iter().find(|d| d.unit_id == child.unit_id) {
                // The fee-charging procedures (766 3.5, 3.5b) are counted per
                // subtree only: procedures do not add up from daily counters.
                Some(d) => assert_eq!(
                    &UnitStats {
                        fee_procedures: d.fee_procedures,
                        fee_procedures_requested: d.fee_procedures_requested,
                        fee_procedures_paid_online: d.fee_procedures_paid_online,
                        ..child.clone()
                    },
                    d,
                    "{period:?} {basis:?}"
                ),
                None => assert!(!child.has_activity(), "{period:?} {basis:?}"),
            }
        }
        // The province adds them up.
        let rolled = &store.subtree_stats(UnitSet::One(w.province.id), basis, period, far()).await.unwrap()[0];
        let sum = |f: fn(&UnitStats) -> i64| daily.iter().map(f).sum::<i64>();
        assert_eq!(rolled.received(), sum(UnitStats::received), "{period:?} {basis:?}");
        assert_eq!(rolled.resolved(), sum(UnitStats::resolved));
        assert_eq!(rolled.in_process_past_due, sum(|d| d.in_process_past_due));
        assert_eq!(rolled.in_process_within_due, sum(|d| d.in_process_within_due));
        assert_eq!(rolled.carried_over, sum(|d| d.carried_over));
        assert_eq!(rolled.supplement_requests, sum(|d| d.supplement_requests));
    }
    // Month by month, the flows add up to the quarter's.
    let quarter = Period::parse("2025-Q1").unwrap();
    let trend = store.subtree_trend(w.province.id, Basis::Intake, quarter, far()).await.unwrap();
    assert_eq!(trend.len(), 3);
    let whole = &store.subtree_stats(UnitSet::One(w.province.id), Basis::Intake, quarter, far()).await.unwrap()[0];
    assert_eq!(trend.iter().map(|(_, s)| s.received()).sum::<i64>(), whole.received());
    assert_eq!(trend.iter().map(|(_, s)| s.resolved()).sum::<i64>(), whole.resolved());
    assert_eq!(trend[2].1.in_process(), whole.in_process(), "open at the end of March = at the end of the quarter");
}

fn action_of(kind: motcua_rules::dossier::ActionKind) -> Action {
    use motcua_rules::dossier::ActionKind as K;
    match kind {
        K::Receive => Action::Receive,
        K::RefuseToReceive => Action::RefuseToReceive,
        K::Forward => Action::Forward,
        K::RequestSupplement => Action::RequestSupplement,
        K::SupplementReceived => Action::SupplementReceived,
        K::RequestPayment => Action::RequestPayment,
        K::RecordPayment => Action::RecordPayment,
        K::Withdraw => Action::Withdraw,
        K::SubmitSupplement => Action::SubmitSupplement,
        K::Stop => Action::Stop,
        K::Finish => Action::Finish,
        K::ReturnResult => Action::ReturnResult,
        K::Reschedule | K::ReturnToStep | K::Assign | K::SubmitOnline | K::ReceiveAtCounter => {
            unreachable!("handled by the caller")
        }
    }
}

/// Three dossiers worked by hand, checked against the report's columns.
async fn period_totals_follow_the_report_definitions(store: Store) {
    let w = world(&store).await;
    let leader = user(&store, "lanhdao", Role::Leader, Some(&w.commune)).await;
    // A: received Mon 3 March (due Mon 10), finished Fri 7: early.
    let (a, _) = store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap();
    let a = w.act(&store, &a, &w.counter, Action::Forward, at("2025-03-03 10:00")).await.unwrap();
    let a = w.act(&store, &a, &w.specialist, Action::Forward, at("2025-03-05 10:00")).await.unwrap();
    w.act(&store, &a, &leader, Action::Finish, at("2025-03-07 10:00")).await.unwrap();
    // B: received Tue 4 March (due Tue 11), still open: past due from the 12th.
    store.create_dossier(w.intake(at("2025-03-04 09:00"))).await.unwrap();
    // C: online on the 3rd, received on the 10th (due the 17th), withdrawn on the 12th.
    let (c, _) = store.create_dossier(w.online(at("2025-03-03 20:00"))).await.unwrap();
    let c = w.act(&store, &c, &w.counter, Action::Receive, at("2025-03-10 08:00")).await.unwrap();
    let mut citizen = w.citizen.clone();
    citizen.user_id = c.state.owner_user_id.unwrap();
    w.act(&store, &c, &citizen, Action::Withdraw, at("2025-03-12 09:00")).await.unwrap();

    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let march = store
        .unit_stats(
            w.province.path.clone(),
            Basis::Intake,
            Period::range(day("2025-03-01"), day("2025-03-31")).unwrap(),
            far(),
        )
        .await
        .unwrap();
    assert_eq!(march.len(), 1);
    let m = &march[0];
    assert_eq!((m.unit_id, m.carried_over), (w.commune.id, 0));
    assert_eq!((m.received_counter, m.received_online, m.received_postal), (2, 1, 0));
    assert_eq!((m.resolved_early, m.resolved_on_time, m.resolved_late), (1, 0, 0));
    assert_eq!((m.withdrawn, m.in_process_within_due, m.in_process_past_due), (1, 0, 1));
    assert_eq!(m.average_processing_days, Some(4.0), "Mon 3 → Fri 7");
    // The week of 3–7 March: B is open and not yet past due; nothing carried.
    let week = &store
        .unit_stats(
            w.province.path.clone(),
            Basis::Intake,
            Period::range(day("2025-03-03"), day("2025-03-07")).unwrap(),
            far(),
        )
        .await
        .unwrap()[0];
    assert_eq!((week.in_process_within_due, week.in_process_past_due), (1, 0));
    // From the 10th: B is carried over; C received and withdrawn inside.
    let later = &store
        .unit_stats(
            w.commune.path.clone(),
            Basis::Intake,
            Period::range(day("2025-03-10"), day("2025-03-11")).unwrap(),
            far(),
        )
        .await
        .unwrap()[0];
    assert_eq!((later.carried_over, later.received_online, later.withdrawn), (1, 1, 0));
    assert_eq!((later.in_process_within_due, later.in_process_past_due), (2, 0));
    // Another unit's scope sees nothing.
    assert!(
        store
            .unit_stats(
                w.dept.path.clone(),
                Basis::Intake,
                Period::range(day("2025-03-01"), day("2025-03-31")).unwrap(),
                far()
            )
            .await
            .unwrap()
            .is_empty()
    );
    // The dashboard's overdue list: B, the one open past its due date.
    let late = store.past_due(w.province.path.clone(), w.province.id, at("2025-03-20 09:00"), 20).await.unwrap();
    assert_eq!(late.len(), 1);
    assert!(late[0].due_at.unwrap() < at("2025-03-12 00:00"));
    assert_eq!(
        store.past_due(w.commune.path.clone(), w.province.id, at("2025-03-20 09:00"), 20).await.unwrap().len(),
        1
    );
    assert!(store.past_due(w.dept.path.clone(), w.province.id, at("2025-03-20 09:00"), 20).await.unwrap().is_empty());
    assert!(
        store.past_due(w.province.path.clone(), w.province.id, at("2025-03-11 09:00"), 20).await.unwrap().is_empty()
    );
}

/// The kind and code of a rule error.
fn rule_of(e: StoreError) -> (ErrorKind, &'static str, Option<String>) {
    let r = e.rule().unwrap_or_else(|| panic!("expected a rule error, got {e}"));
    (r.kind, r.code, r.field.clone())
}

fn file(kind: AttachmentKind, component: Option<&str>, name: &str, content_type: &str, data: Vec<u8>) -> NewAttachment {
    NewAttachment {
        kind,
        component: component.map(Into::into),
        name: name.into(),
        content_type: content_type.into(),
        data,
    }
}

/// A small PDF-like text file.
fn pdf() -> NewAttachment {
    file(
        AttachmentKind::Submission,
        Some("Đơn đề nghị"),
        "don-de-nghi.pdf",
        "application/pdf",
        b"%PDF-1.7 don de nghi".to_vec(),
    )
}
const PDF_SHA256: &str = "bd5b725ea026dd0ac9639ffa3f15cd3e89e2e274edb9da3ae1fea7effead1ec5";

/// 16 KiB of every byte value, zeros included: not UTF-8, and larger than
/// an SQLite page.
fn binary() -> NewAttachment {
    let data: Vec<u8> = (0..64).flat_map(|_| 0..=255u8).collect();
    file(AttachmentKind::Submission, None, "scan.bin", "application/octet-stream", data)
}
const BINARY_SHA256: &str = "a1f259d4365ed4320c377ce26f5c8c56dcdc9a89e7b641bfd8eabfbbeac86654";

/// Open dossiers in the province: every dossier these tests leave open.
async fn open_dossiers(store: &Store, w: &World) -> usize {
    store.inbox(InboxQuery::new(w.province.path.clone(), None, 200)).await.unwrap().items.len()
}

async fn files_are_written_with_their_dossier(store: Store) {
    let w = world(&store).await;
    let now = at("2025-03-03 09:00");
    let (d, created) = store.create_dossier_with_files(w.intake(now), vec![pdf(), binary()]).await.unwrap();
    assert!(created);
    assert_eq!(d.code.as_deref(), Some("H99.01-250303-0001"));
    let metas = store.attachments(d.id).await.unwrap();
    assert_eq!(metas.len(), 2);
    let (a, b) = (&metas[0], &metas[1]);
    assert!(a.id < b.id, "ordered by id");
    assert_eq!(
        (a.dossier_id, a.kind, a.component.as_deref(), a.name.as_str(), a.content_type.as_str()),
        (d.id, AttachmentKind::Submission, Some("Đơn đề nghị"), "don-de-nghi.pdf", "application/pdf")
    );
    assert_eq!((a.size, a.sha256.as_str()), (20, PDF_SHA256));
    assert_eq!((a.uploaded_by, a.uploaded_at), (Some(w.counter.user_id), now), "by the receiving officer");
    assert_eq!((b.component.as_deref(), b.size, b.sha256.as_str()), (None, 16_384, BINARY_SHA256));
    let (meta, data) = store.attachment(d.id, b.id).await.unwrap().unwrap();
    assert_eq!(&meta, b);
    assert_eq!(data, binary().data, "byte-identical, zeros and all");
    let (_, data) = store.attachment(d.id, a.id).await.unwrap().unwrap();
    assert_eq!(data, b"%PDF-1.7 don de nghi");

    // An idempotent replay answers the first dossier and writes no files.
    let with_key = || {
        let mut n = w.online(at("2025-03-03 20:00"));
        n.idempotency =
            Some(Idempotency { user_id: w.citizen.user_id, key: "k-files".into(), request_hash: "h".into() });
        n
    };
    let (first, created) = store.create_dossier_with_files(with_key(), vec![pdf()]).await.unwrap();
    assert!(created);
    let (again, created) = store.create_dossier_with_files(with_key(), vec![pdf(), binary()]).await.unwrap();
    assert_eq!((again.id, created), (first.id, false));
    let files = store.attachments(first.id).await.unwrap();
    assert_eq!(files.len(), 1, "not written twice");
    assert_eq!((files[0].sha256.as_str(), files[0].uploaded_by), (PDF_SHA256, Some(w.citizen.user_id)));

    // create_dossier is create_dossier_with_files without files.
    let (plain, _) = store.create_dossier(w.intake(now)).await.unwrap();
    assert!(store.attachments(plain.id).await.unwrap().is_empty());
}

async fn files_are_listed_and_read_per_dossier(store: Store) {
    let w = world(&store).await;
    let (d1, _) = store.create_dossier_with_files(w.intake(at("2025-03-03 09:00")), vec![pdf()]).await.unwrap();
    let (d2, _) = store.create_dossier_with_files(w.intake(at("2025-03-03 10:00")), vec![binary()]).await.unwrap();
    let mine = store.attachments(d1.id).await.unwrap();
    let theirs = store.attachments(d2.id).await.unwrap();
    assert_eq!(mine.iter().map(|m| m.sha256.as_str()).collect::<Vec<_>>(), [PDF_SHA256]);
    assert_eq!(theirs.iter().map(|m| m.sha256.as_str()).collect::<Vec<_>>(), [BINARY_SHA256]);
    let other = theirs[0].id;
    assert!(store.attachment(d1.id, other).await.unwrap().is_none(), "another dossier's file");
    assert!(store.attachment(d1.id, other + 1000).await.unwrap().is_none(), "no such file");
    assert_eq!(store.attachment(d2.id, other).await.unwrap().unwrap().1.len(), 16_384);

    // Later files: a supplement by the specialist.
    let later = at("2025-03-05 14:00");
    let supplement = file(AttachmentKind::Supplement, Some("Bản vẽ"), "ban-ve.png", "image/png", vec![0x89, b'P', 0]);
    let added = store.add_attachments(d1.id, vec![supplement], Some(w.specialist.user_id), later).await.unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!(
        (added[0].kind, added[0].size, added[0].uploaded_by, added[0].uploaded_at),
        (AttachmentKind::Supplement, 3, Some(w.specialist.user_id), later)
    );
    let listed = store.attachments(d1.id).await.unwrap();
    assert_eq!(
        listed.iter().map(|m| m.kind).collect::<Vec<_>>(),
        [AttachmentKind::Submission, AttachmentKind::Supplement]
    );
    assert_eq!(listed[1], added[0], "the metadata returned is the metadata stored");
    assert_eq!(store.attachment(d1.id, added[0].id).await.unwrap().unwrap().1, vec![0x89, b'P', 0]);
    assert_eq!(store.attachments(d2.id).await.unwrap().len(), 1, "d2 unchanged");
    let err = store.add_attachments(d2.id + 1000, vec![pdf()], None, later).await.unwrap_err();
    assert_eq!(rule_code(err), "dossier_not_found");
}

async fn empty_files_are_refused_and_nothing_is_written(store: Store) {
    let w = world(&store).await;
    let (d, _) = store.create_dossier_with_files(w.intake(at("2025-03-03 09:00")), vec![pdf()]).await.unwrap();
    let before = open_dossiers(&store, &w).await;
    assert_eq!(before, 1);
    let empty = file(AttachmentKind::Submission, None, "rong.pdf", "application/pdf", Vec::new());
    let err = store.create_dossier_with_files(w.intake(at("2025-03-03 10:00")), vec![pdf(), empty.clone()]).await;
    assert_eq!(rule_of(err.unwrap_err()), (ErrorKind::Invalid, "empty_file", Some("files".into())));
    assert_eq!(open_dossiers(&store, &w).await, before, "the dossier was not created either");
    let err = store.add_attachments(d.id, vec![binary(), empty], None, at("2025-03-03 11:00")).await.unwrap_err();
    assert_eq!(rule_code(err), "empty_file");
    assert_eq!(store.attachments(d.id).await.unwrap().len(), 1, "the valid file was not written either");
    // The sequence was not used up: the next dossier takes number 2.
    let (next, _) = store.create_dossier(w.intake(at("2025-03-03 12:00"))).await.unwrap();
    assert_eq!(next.code.as_deref(), Some("H99.01-250303-0002"));
}

/// Takes a dossier just received at the commune through the workflow to
/// "result returned" (đã trả kết quả).
async fn return_result(store: &Store, w: &World, counter: &Actor, leader: &Actor, d: Dossier) -> Dossier {
    let day = d.submitted_at.date();
    let d = w.act(store, &d, counter, Action::Forward, day.and_hms_opt(10, 0, 0).unwrap()).await.unwrap();
    let d = w.act(store, &d, &w.specialist, Action::Forward, day.and_hms_opt(11, 0, 0).unwrap()).await.unwrap();
    let d = w.act(store, &d, leader, Action::Finish, day.and_hms_opt(14, 0, 0).unwrap()).await.unwrap();
    let d = w.act(store, &d, counter, Action::ReturnResult, day.and_hms_opt(16, 0, 0).unwrap()).await.unwrap();
    assert_eq!(d.state.status, Status::Returned);
    d
}

fn rating(dossier_id: i64, scores: [u8; 9], now: &str) -> NewRating {
    NewRating { dossier_id, scores, comment: Some("Cán bộ nhiệt tình".into()), now: at(now) }
}

async fn ratings_come_once_after_the_result_is_returned(store: Store) {
    let w = world(&store).await;
    let leader = user(&store, "lanhdao", Role::Leader, Some(&w.commune)).await;
    let (open, _) = store.create_dossier(w.intake(at("2025-03-03 09:00"))).await.unwrap();
    let err = store.rate_dossier(rating(open.id, [2; 9], "2025-03-04 09:00")).await.unwrap_err();
    assert_eq!(rule_of(err), (ErrorKind::NotAllowed, "rating_not_allowed", None));
    let (d, _) = store.create_dossier(w.intake(at("2025-03-04 09:00"))).await.unwrap();
    let d = return_result(&store, &w, &w.counter, &leader, d).await;
    let err = store.rate_dossier(rating(d.id, [2, 2, 2, 2, 3, 2, 2, 2, 2], "2025-03-05 09:00")).await.unwrap_err();
    assert_eq!(rule_of(err), (ErrorKind::Invalid, "invalid_score", Some("scores[4]".into())));
    let err = store.rate_dossier(rating(d.id + 1000, [2; 9], "2025-03-05 09:00")).await.unwrap_err();
    assert_eq!(rule_code(err), "dossier_not_found");
    assert!(store.rating(d.id).await.unwrap().is_none(), "nothing written by the refusals");

    let scores = [2, 2, 1, 2, 0, 2, 2, 1, 2];
    let r = store.rate_dossier(rating(d.id, scores, "2025-03-05 09:00")).await.unwrap();
    let expected = Rating {
        dossier_id: d.id,
        scores,
        total: 14,
        comment: Some("Cán bộ nhiệt tình".into()),
        rated_at: at("2025-03-05 09:00"),
    };
    assert_eq!(r, expected);
    assert_eq!(store.rating(d.id).await.unwrap(), Some(expected.clone()));
    let err = store.rate_dossier(rating(d.id, [0; 9], "2025-03-06 09:00")).await.unwrap_err();
    assert_eq!(rule_of(err), (ErrorKind::Conflict, "already_rated", None));
    assert_eq!(store.rating(d.id).await.unwrap(), Some(expected), "the first rating stands");
    assert!(store.rating(open.id).await.unwrap().is_none());
}

async fn rating_summaries_average_a_subtree(store: Store) {
    let w = world(&store).await;
    let leader = user(&store, "lanhdao", Role::Leader, Some(&w.commune)).await;
    // A second commune whose counter receives dossiers handled by the first.
    let commune2 = unit(&store, Some(w.province.id), "H99.02", "commune").await;
    let counter2 = user(&store, "motcua2", Role::CounterOfficer, Some(&commune2)).await;
    let mut returned = Vec::new();
    for (day, (unit, counter)) in
        [(&w.commune, &w.counter), (&w.commune, &w.counter), (&commune2, &counter2)].iter().enumerate()
    {
        let now = at(&format!("2025-03-0{} 09:00", day + 3));
        let (d, _) = store.create_dossier(w.intake_at(unit, counter, now)).await.unwrap();
        returned.push(return_result(&store, &w, counter, &leader, d).await);
    }
    let empty = store.rating_summary(&w.commune.path).await.unwrap();
    assert_eq!(empty, RatingSummary { count: 0, average_total: None, average_scores: None });
    store.rate_dossier(rating(returned[0].id, [2; 9], "2025-03-10 09:00")).await.unwrap();
    store.rate_dossier(rating(returned[1].id, [1, 0, 2, 1, 1, 1, 1, 1, 1], "2025-03-10 09:00")).await.unwrap();
    store.rate_dossier(rating(returned[2].id, [0; 9], "2025-03-10 09:00")).await.unwrap();

    let commune = store.rating_summary(&w.commune.path).await.unwrap();
    assert_eq!(commune.count, 2);
    assert_eq!(commune.average_total, Some(13.5), "(18 + 9) / 2");
    assert_eq!(commune.average_scores, Some([1.5, 1.0, 2.0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5]));
    let other = store.rating_summary(&commune2.path).await.unwrap();
    assert_eq!((other.count, other.average_total, other.average_scores), (1, Some(0.0), Some([0.0; 9])));
    let province = store.rating_summary(&w.province.path).await.unwrap();
    assert_eq!(province.count, 3);
    assert_eq!(province.average_total, Some(9.0), "(18 + 9 + 0) / 3");
    assert_eq!(province.average_scores.unwrap()[2], 4.0 / 3.0);
    assert_eq!(store.rating_summary(&w.dept.path).await.unwrap().count, 0, "nothing received there");
    // Counted for 766 indicator 5.4 on the day they were given: 9 is not
    // below 9, 0 is.
    let march = Period::parse("2025-03").unwrap();
    let counted = &store.subtree_stats(UnitSet::One(w.province.id), Basis::Intake, march, far()).await.unwrap()[0];
    assert_eq!((counted.rated, counted.rated_dissatisfied), (3, 1));
    let c2 = &store.subtree_stats(UnitSet::One(commune2.id), Basis::Intake, march, far()).await.unwrap()[0];
    assert_eq!((c2.rated, c2.rated_dissatisfied), (1, 1));
    assert_eq!(store.check_stats().await.unwrap().differences, 0, "the replay counts ratings too");
}

/// The per-dossier evaluations the reform office summarises (docs/par-sipas.md
/// §10): each with the unit and the officer who received the dossier.
async fn reform_evaluations_name_the_receiving_unit_and_officer(store: Store) {
    let w = world(&store).await;
    let leader = user(&store, "lanhdao", Role::Leader, Some(&w.commune)).await;
    let commune2 = unit(&store, Some(w.province.id), "H99.02", "commune").await;
    let counter2 = user(&store, "motcua2", Role::CounterOfficer, Some(&commune2)).await;
    let mut returned = Vec::new();
    for (day, (unit, counter)) in
        [(&w.commune, &w.counter), (&w.commune, &w.counter), (&commune2, &counter2)].iter().enumerate()
    {
        let now = at(&format!("2025-03-0{} 09:00", day + 3));
        let (d, _) = store.create_dossier(w.intake_at(unit, counter, now)).await.unwrap();
        returned.push(return_result(&store, &w, counter, &leader, d).await);
    }
    store.rate_dossier(rating(returned[0].id, [2; 9], "2025-03-10 09:00")).await.unwrap();
    store.rate_dossier(rating(returned[1].id, [1; 9], "2025-03-10 09:00")).await.unwrap();
    store.rate_dossier(rating(returned[2].id, [0; 9], "2025-03-10 09:00")).await.unwrap();

    let all = store.dossier_evaluations(w.province.path.clone()).await.unwrap();
    assert_eq!(all.len(), 3);
    let by_officer = motcua_rules::sipas::summarise_by(
        all.iter().map(|r| (r.officer_id, &r.evaluation)),
        &motcua_rules::sipas::thanh_hoa_bands(),
    );
    assert_eq!(by_officer[&Some(w.counter.user_id)].count, 2);
    assert_eq!(by_officer[&Some(w.counter.user_id)].mean_total.unwrap().to_string(), "13.50");
    assert_eq!(by_officer[&Some(counter2.user_id)].count, 1);
    assert_eq!(all[2].unit_code, "H99.02");
    assert_eq!(all[0].officer_name.as_deref(), Some("motcua"));
    let commune = store.dossier_evaluations(w.commune.path.clone()).await.unwrap();
    assert_eq!(commune.len(), 2, "only the subtree's");
}

fn feedback(unit_id: Option<i64>, subject: &str, now: &str) -> NewFeedback {
    NewFeedback {
        unit_id,
        dossier_code: Some("H99.01-250303-0001".into()),
        name: "Trần Văn Bình".into(),
        contact: Some("0987654321".into()),
        subject: subject.into(),
        content: "Hồ sơ của tôi đã quá hạn mà chưa có kết quả.".into(),
        topic: None,
        publish_consent: false,
        track_key_hash: "k".repeat(64),
        refuse_by: at(now) + chrono::Duration::days(2),
        answer_by: at(now) + chrono::Duration::days(21),
        now: at(now),
    }
}

/// An officer handling feedback in `unit`'s subtree.
fn handler(w: &World, unit: &motcua_store::model::Unit) -> motcua_store::FeedbackHandler {
    motcua_store::FeedbackHandler {
        user_id: w.counter.user_id,
        unit_id: unit.id,
        scope: unit.path.clone(),
        province_id: unit.province_id,
    }
}

async fn feedback_is_scoped_listed_and_answered_once(store: Store) {
    let w = world(&store).await;
    let to_commune = store.create_feedback(feedback(Some(w.commune.id), "Trễ hẹn", "2025-03-03 09:00")).await.unwrap();
    // Written later but dated earlier: the list follows the dates.
    let to_dept =
        store.create_feedback(feedback(Some(w.dept.id), "Thủ tục rườm rà", "2025-03-02 09:00")).await.unwrap();
    let to_none = store.create_feedback(feedback(None, "Góp ý chung", "2025-03-04 09:00")).await.unwrap();
    let mut anonymous = feedback(None, "Không liên lạc", "2025-03-01 09:00");
    (anonymous.contact, anonymous.dossier_code) = (None, None);
    let no_contact = store.create_feedback(anonymous).await.unwrap();
    let err = store.create_feedback(feedback(Some(9999), "x", "2025-03-04 09:00")).await.unwrap_err();
    assert_eq!(rule_of(err), (ErrorKind::Invalid, "unknown_unit", Some("unit_id".into())));

    let ids = |list: Vec<Feedback>| list.iter().map(|f| f.id).collect::<Vec<_>>();
    let commune = store.feedback_list(&w.commune.path, 50).await.unwrap();
    assert_eq!(commune.len(), 1);
    let f = &commune[0];
    assert_eq!(
        (f.id, f.unit_id, f.unit_name.as_deref(), f.dossier_code.as_deref()),
        (to_commune, Some(w.commune.id), Some("Đơn vị H99.01"), Some("H99.01-250303-0001"))
    );
    assert_eq!(
        (f.name.as_str(), f.contact.as_deref(), f.subject.as_str()),
        ("Trần Văn Bình", Some("0987654321"), "Trễ hẹn")
    );
    assert_eq!(f.content, "Hồ sơ của tôi đã quá hạn mà chưa có kết quả.");
    assert_eq!(
        (f.status.as_str(), f.answer.as_deref(), f.created_at, f.answered_at),
        ("received", None, at("2025-03-03 09:00"), None)
    );
    assert!(!format!("{f:?}").contains("0987654321"), "Debug masks the contact");
    assert_eq!(ids(store.feedback_list(&w.dept.path, 50).await.unwrap()), [to_dept]);
    // The province root also sees the feedback addressed to no unit, newest first.
    let all = store.feedback_list(&w.province.path, 50).await.unwrap();
    assert_eq!(ids(all.clone()), [to_none, to_commune, to_dept, no_contact]);
    assert_eq!((all[0].unit_id, all[0].unit_name.as_deref()), (None, None));
    assert_eq!((all[3].contact.as_deref(), all[3].dossier_code.as_deref()), (None, None));
    assert_eq!(ids(store.feedback_list(&w.province.path, 2).await.unwrap()), [to_none, to_commune]);
    assert_eq!(ids(store.feedback_list("/", 50).await.unwrap()).len(), 4, "the root of everything sees all");

    // Answers: only within the scope, and once; a topic is required.
    let answer_at = at("2025-03-05 10:00");
    let answer = |id: i64, unit: &motcua_store::model::Unit, text: &str| {
        let (store, by, text) = (store.clone(), handler(&w, unit), text.to_owned());
        async move { store.close_feedback(id, by, Closing::Answer, Some(Topic::Regulation), text, answer_at).await }
    };
    for (id, unit) in [(to_dept, &w.commune), (to_none, &w.commune), (to_commune + 1000, &w.province)] {
        let err = answer(id, unit, "Đã xử lý").await.unwrap_err();
        assert_eq!(rule_of(err), (ErrorKind::NotFound, "feedback_not_found", None));
    }
    let no_topic =
        store.close_feedback(to_commune, handler(&w, &w.commune), Closing::Answer, None, "x".into(), answer_at);
    assert_eq!(
        rule_of(no_topic.await.unwrap_err()),
        (ErrorKind::Invalid, "feedback_topic_required", Some("topic".into()))
    );
    let answered = answer(to_commune, &w.commune, "Đã trả kết quả ngày 05/3").await.unwrap();
    assert_eq!(
        (answered.id, answered.status.as_str(), answered.answer.as_deref(), answered.answered_at),
        (to_commune, "answered", Some("Đã trả kết quả ngày 05/3"), Some(answer_at))
    );
    assert_eq!(answered.topic.as_deref(), Some("regulation"));
    assert_eq!(store.feedback_list(&w.commune.path, 50).await.unwrap(), vec![answered.clone()], "stored as returned");
    let err = answer(to_commune, &w.province, "Lần hai").await.unwrap_err();
    assert_eq!(rule_of(err), (ErrorKind::Conflict, "feedback_already_handled", None));
    assert_eq!(
        store.feedback_list(&w.commune.path, 50).await.unwrap()[0].answer.as_deref(),
        Some("Đã trả kết quả ngày 05/3")
    );
    // Addressed to no unit: the province answers it and becomes its owner.
    let province_answer = answer(to_none, &w.province, "Cảm ơn").await.unwrap();
    assert_eq!((province_answer.status.as_str(), province_answer.unit_id), ("answered", Some(w.province.id)));
}
