//! Fees, payments and receipts, the same on every database: the request is
//! written with its action, a payment with its status change and a receipt
//! number without gaps; nothing is paid twice and nothing is half-written
//! on a refusal.

#[macro_use]
mod common;

use chrono::NaiveDateTime;
use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::credit::Basis;
use motcua_rules::dossier::{self, Action, Actor, Context, Status};
use motcua_rules::fees::{Collection, FeeKind};
use motcua_rules::period::Period;
use motcua_store::model::*;
use motcua_store::{DossierRef, OnlineOutcome, PaymentMethod, PlatformPayment, Store, StoreError, UnitSet};

on_both!(
    a_request_is_written_with_its_action_and_paid_once_at_the_counter,
    an_online_callback_pays_once_and_a_replay_changes_nothing,
    bad_callbacks_write_nothing,
    receipts_are_numbered_per_unit_and_year_without_gaps
);

fn fees() -> Vec<Fee> {
    vec![
        Fee {
            name: "Lệ phí".into(),
            amount_vnd: 50_000,
            note: None,
            kind: FeeKind::Charge,
            collected_at: Collection::Reception,
            exemptions: vec![FeeExemption { code: "ho-ngheo".into(), name: "Hộ nghèo".into(), percent: 50 }],
        },
        Fee {
            name: "Phí trả kết quả".into(),
            amount_vnd: 20_000,
            note: None,
            kind: FeeKind::Fee,
            collected_at: Collection::Result,
            exemptions: vec![],
        },
    ]
}

/// A commune, its counter officer and a received dossier of a procedure with fees.
async fn setup(store: &Store) -> (Unit, Actor, Dossier) {
    let p = unit(store, None, "000.00.00.H01", "province").await;
    let x = unit(store, Some(&p), "000.00.01.H01", "commune").await;
    let mut data = procedure("1.000001", "commune", "000.00.01.H01", two_steps());
    data.fees = fees();
    store.save_procedure(data, "created", None, None, at("2025-01-01 08:00")).await.unwrap();
    let counter = staff(store, &x, Role::CounterOfficer).await;
    let d = receive(store, "1.000001", &x, &counter, at("2026-03-04 09:00")).await.unwrap();
    (x, counter, d)
}

fn decide(actor: &Actor, action: Action, now: NaiveDateTime) -> motcua_store::Decide {
    let actor = actor.clone();
    Box::new(move |cur: &Dossier, v: &ProcedureVersion| {
        let calendar = WorkCalendar::vietnam();
        let workflow = cur.workflow(v);
        let ctx = Context { calendar: &calendar, limit: v.data.time_limit, workflow: &workflow, now };
        dossier::apply(&cur.state, &actor, &action, None, &ctx)
    })
}

fn online(now: NaiveDateTime) -> motcua_store::Decide {
    Box::new(move |cur: &Dossier, v: &ProcedureVersion| {
        let calendar = WorkCalendar::vietnam();
        let workflow = cur.workflow(v);
        let ctx = Context { calendar: &calendar, limit: v.data.time_limit, workflow: &workflow, now };
        dossier::machine::paid_online(&cur.state, &ctx)
    })
}

async fn ask(
    store: &Store,
    d: &Dossier,
    counter: &Actor,
    stage: Collection,
    exemption: Option<&str>,
    now: NaiveDateTime,
) -> Result<(Dossier, motcua_store::PaymentRequest), StoreError> {
    let event = EventInput::by("request_payment", counter, None);
    store
        .request_payment(
            DossierRef::Id(d.id),
            d.version,
            event,
            now,
            stage,
            exemption.map(str::to_owned),
            decide(counter, Action::RequestPayment, now),
        )
        .await
}

async fn pay_at_counter(
    store: &Store,
    d: &Dossier,
    counter: &Actor,
    now: NaiveDateTime,
) -> Result<(Dossier, motcua_store::Payment), StoreError> {
    let event = EventInput::by("record_payment", counter, None);
    store
        .record_payment(
            DossierRef::Id(d.id),
            d.version,
            event,
            now,
            PaymentMethod::Cash,
            decide(counter, Action::RecordPayment, now),
        )
        .await
}

fn code(e: StoreError) -> String {
    e.rule().map(|r| r.code.to_owned()).unwrap_or_else(|| format!("{e:?}"))
}

async fn a_request_is_written_with_its_action_and_paid_once_at_the_counter(store: Store) {
    let (_, counter, d) = setup(&store).await;
    let now = at("2026-03-04 09:30");
    // An exemption no fee of the stage has: refused, the dossier unchanged.
    let e = ask(&store, &d, &counter, Collection::Reception, Some("khong-co"), now).await.unwrap_err();
    assert_eq!(code(e), "unknown_exemption");
    let same = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!((same.version, same.state.status), (d.version, Status::Received));
    assert!(store.payment_requests(d.id).await.unwrap().is_empty());
    let preview = store.amount_due(d.id, Collection::Reception, Some("ho-ngheo".into())).await.unwrap();
    assert_eq!(preview.total_vnd, 25_000);
    let (asked, request) = ask(&store, &d, &counter, Collection::Reception, Some("ho-ngheo"), now).await.unwrap();
    assert_eq!(asked.state.status, Status::PaymentRequested);
    assert_eq!(
        (request.amount_vnd, request.stage, request.exemption.as_deref()),
        (25_000, Collection::Reception, Some("ho-ngheo"))
    );
    assert_eq!(request.reference, format!("{}-{}", asked.code.clone().unwrap(), asked.version));
    let (paid, payment) = pay_at_counter(&store, &asked, &counter, at("2026-03-04 10:00")).await.unwrap();
    assert_eq!(paid.state.status, Status::Received, "back where it was asked");
    assert_eq!((payment.amount_vnd, payment.method, payment.receipt_no), (25_000, PaymentMethod::Cash, 1));
    assert_eq!(payment.receipt_number(), "0000001/2026");
    // Paid: a second record is refused and writes nothing.
    let e = pay_at_counter(&store, &paid, &counter, at("2026-03-04 10:05")).await.unwrap_err();
    assert_eq!(code(e), "payment_not_requested");
    // The stage is paid: asking again is refused.
    let e = ask(&store, &paid, &counter, Collection::Reception, None, now).await.unwrap_err();
    assert_eq!(code(e), "fee_stage_paid");
    let requests = store.payment_requests(d.id).await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].payment.as_ref().map(|p| p.id), Some(payment.id));
    assert_eq!(store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap().version, paid.version);
    assert_eq!(store.check_stats().await.unwrap().differences, 0);
}

async fn an_online_callback_pays_once_and_a_replay_changes_nothing(store: Store) {
    let (_, counter, d) = setup(&store).await;
    let (asked, request) =
        ask(&store, &d, &counter, Collection::Reception, None, at("2026-03-04 09:30")).await.unwrap();
    let paid = PlatformPayment {
        reference: request.reference.clone(),
        transaction_id: "PG0001".into(),
        amount_vnd: 50_000,
        paid_at: at("2026-03-04 09:45"),
        intermediary: "NAPAS".into(),
    };
    let now = at("2026-03-04 09:46");
    let OnlineOutcome::Recorded(after, payment) =
        store.record_online_payment(paid.clone(), now, online(now)).await.unwrap()
    else {
        panic!("recorded")
    };
    assert_eq!(after.state.status, Status::Received);
    assert_eq!(after.version, asked.version + 1);
    assert_eq!(
        (payment.method, payment.transaction_id.as_deref(), payment.paid_at),
        (PaymentMethod::Online, Some("PG0001"), paid.paid_at)
    );
    let events = store.dossier_events(d.id).await.unwrap();
    assert_eq!(events.last().unwrap().action, "record_payment");
    // The same callback again: the same payment, nothing written.
    let later = at("2026-03-04 11:00");
    let again = store.record_online_payment(paid.clone(), later, online(later)).await.unwrap();
    assert_eq!(again, OnlineOutcome::AlreadyRecorded(payment.clone()));
    let now_d = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(now_d.version, after.version);
    assert_eq!(store.dossier_events(d.id).await.unwrap().len(), events.len());
    // Another transaction for the same request: paid already.
    let twice = PlatformPayment { transaction_id: "PG0002".into(), ..paid };
    let e = store.record_online_payment(twice, later, online(later)).await.unwrap_err();
    assert_eq!(code(e), "payment_not_requested");
    let online_day = store.online_payments_around(at("2026-03-04 00:00").date()).await.unwrap();
    assert_eq!(online_day.len(), 1);
    assert_eq!((online_day[0].transaction_id.as_str(), online_day[0].amount_vnd), ("PG0001", 50_000));
    // The 766 online-payment counters, live, equal their replay.
    let report = store.check_stats().await.unwrap();
    assert_eq!(report.differences, 0, "{report:?}");
    let march = Period::range(day("2026-03-01"), day("2026-03-31")).unwrap();
    let figures = store
        .subtree_figures(UnitSet::One(after.state.receiving_unit.id), Basis::Intake, march, day("2026-03-31"))
        .await
        .unwrap();
    let s = &figures[0].1;
    assert_eq!((s.fee_dossiers, s.paid_online), (1, 1));
    assert_eq!((s.fee_procedures, s.fee_procedures_requested, s.fee_procedures_paid_online), (1, 1, 1));
}

async fn bad_callbacks_write_nothing(store: Store) {
    let (x, counter, d) = setup(&store).await;
    let (asked, request) =
        ask(&store, &d, &counter, Collection::Reception, None, at("2026-03-04 09:30")).await.unwrap();
    let now = at("2026-03-04 10:00");
    let paid = |reference: &str, amount: i64, txn: &str| PlatformPayment {
        reference: reference.into(),
        transaction_id: txn.into(),
        amount_vnd: amount,
        paid_at: now,
        intermediary: String::new(),
    };
    let e = store.record_online_payment(paid("HS-404", 50_000, "T1"), now, online(now)).await.unwrap_err();
    assert_eq!(code(e), "payment_unknown_reference");
    let e = store.record_online_payment(paid(&request.reference, 49_000, "T2"), now, online(now)).await.unwrap_err();
    assert_eq!(code(e), "payment_amount_mismatch");
    // The citizen withdraws while the payment is open: a late callback is refused.
    let withdrawn = act(&store, &asked, &counter, Action::Withdraw, at("2026-03-04 10:10")).await;
    assert_eq!(withdrawn.state.status, Status::Withdrawn);
    let e = store.record_online_payment(paid(&request.reference, 50_000, "T3"), now, online(now)).await.unwrap_err();
    assert_eq!(code(e), "dossier_closed");
    let e = pay_at_counter(&store, &withdrawn, &counter, now).await.unwrap_err();
    assert_eq!(code(e), "dossier_closed");
    assert!(store.payment_requests(d.id).await.unwrap()[0].payment.is_none());
    assert!(store.online_payments_around(now.date()).await.unwrap().is_empty());
    // No receipt number was used by the refusals: the next one is 1.
    let d2 = receive(&store, "1.000001", &x, &counter, at("2026-03-05 09:00")).await.unwrap();
    let (asked2, _) = ask(&store, &d2, &counter, Collection::Reception, None, at("2026-03-05 09:10")).await.unwrap();
    let (_, p) = pay_at_counter(&store, &asked2, &counter, at("2026-03-05 09:20")).await.unwrap();
    assert_eq!(p.receipt_no, 1);
}

async fn receipts_are_numbered_per_unit_and_year_without_gaps(store: Store) {
    let (x, counter, _) = setup(&store).await;
    let p = store.unit_by_code("000.00.00.H01".into()).await.unwrap().unwrap();
    let y = unit(&store, Some(&p), "000.00.02.H01", "commune").await;
    let counter_y = staff(&store, &y, Role::CounterOfficer).await;
    let mut numbers = Vec::new();
    for (u, c, t) in [
        (&x, &counter, "2026-03-05 09:00"),
        (&y, &counter_y, "2026-03-05 09:10"),
        (&x, &counter, "2026-03-05 09:20"),
        (&x, &counter, "2025-12-30 09:00"),
    ] {
        let d = receive(&store, "1.000001", u, c, at(t)).await.unwrap();
        let (asked, _) = ask(&store, &d, c, Collection::Reception, None, at(t)).await.unwrap();
        let (_, payment) = pay_at_counter(&store, &asked, c, at(t)).await.unwrap();
        numbers.push((payment.unit_id == x.id, payment.receipt_year, payment.receipt_no));
    }
    assert_eq!(numbers, [(true, 2026, 1), (false, 2026, 1), (true, 2026, 2), (true, 2025, 1)]);
}
