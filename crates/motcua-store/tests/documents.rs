//! Official documents on both databases: registers numbered without gaps
//! under concurrent clerks and starting again each year, an outgoing
//! document drafted, signed, issued and delivered to recipient units in
//! the issuing transaction, the recipients' registration and refusal seen
//! by the sender, and the refusals (state, role, unit, bad input) that
//! write nothing.

#[macro_use]
mod common;

use chrono::NaiveDateTime;
use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::documents::{Direction, Routing, Series, State};
use motcua_rules::dossier::Actor;
use motcua_store::model::Unit;
use motcua_store::{DocumentAction, DocumentActor, DocumentList, NewIncoming, NewOutgoing, Store, StoreError};

on_both!(
    concurrent_clerks_get_gap_free_numbers,
    numbers_start_again_each_year_and_series_are_separate,
    an_outgoing_document_is_issued_to_units_who_register_or_refuse_it,
    refusals_write_nothing
);

fn who(a: &Actor) -> DocumentActor {
    DocumentActor { user_id: a.user_id, role: a.role, unit_id: a.unit.as_ref().unwrap().id }
}

fn paper(subject: &str) -> NewIncoming {
    NewIncoming {
        series: Series::Ordinary,
        doc_type: "CV".into(),
        subject: subject.into(),
        sender_name: "Sở Tài chính".into(),
        notation: "120/STC-NS".into(),
        doc_date: day("2026-03-02"),
    }
}

fn code(e: StoreError) -> &'static str {
    e.rule().expect("a rule error").code
}

/// A province with two communes.
async fn setup(store: &Store) -> (Unit, Unit, Unit) {
    let p = unit(store, None, "000.00.00.H01", "province").await;
    let a = unit(store, Some(&p), "000.00.01.H01", "commune").await;
    let b = unit(store, Some(&p), "000.00.02.H01", "commune").await;
    (p, a, b)
}

async fn register_many(store: Store, clerk: DocumentActor, n: usize, now: NaiveDateTime) -> Vec<i64> {
    let mut got = Vec::new();
    for i in 0..n {
        let d = store.register_incoming(clerk.clone(), paper(&format!("Văn bản {i}")), now).await.unwrap();
        got.push(d.doc.reg_no.unwrap());
    }
    got
}

async fn concurrent_clerks_get_gap_free_numbers(store: Store) {
    let (_, a, _) = setup(&store).await;
    let c1 = who(&staff(&store, &a, Role::CounterOfficer).await);
    let mut c2 = c1.clone();
    c2.user_id = store
        .create_user(
            motcua_store::model::NewUser {
                username: "vanthu2".into(),
                password_hash: "x".into(),
                full_name: "Văn thư hai".into(),
                role: Role::CounterOfficer,
                unit_id: Some(a.id),
            },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap()
        .id;
    let now = at("2026-03-04 09:00");
    let (x, y) = tokio::join!(
        tokio::spawn(register_many(store.clone(), c1, 15, now)),
        tokio::spawn(register_many(store.clone(), c2, 15, now))
    );
    let mut all: Vec<i64> = x.unwrap().into_iter().chain(y.unwrap()).collect();
    all.sort_unstable();
    assert_eq!(all, (1..=30).collect::<Vec<i64>>(), "every number once, none skipped");
    let register = store
        .documents(
            DocumentList::Register {
                unit_id: a.id,
                direction: Direction::Incoming,
                series: Series::Ordinary,
                year: 2026,
            },
            100,
        )
        .await
        .unwrap();
    assert_eq!(register.iter().map(|d| d.reg_no.unwrap()).collect::<Vec<_>>(), (1..=30).collect::<Vec<i64>>());
}

async fn numbers_start_again_each_year_and_series_are_separate(store: Store) {
    let (_, a, b) = setup(&store).await;
    let clerk = who(&staff(&store, &a, Role::CounterOfficer).await);
    let other = who(&staff(&store, &b, Role::CounterOfficer).await);
    let no = |d: motcua_store::DocumentDetail| (d.doc.reg_year.unwrap(), d.doc.reg_no.unwrap());
    let late = at("2026-12-31 16:59");
    assert_eq!(no(store.register_incoming(clerk.clone(), paper("1"), late).await.unwrap()), (2026, 1));
    assert_eq!(no(store.register_incoming(clerk.clone(), paper("2"), late).await.unwrap()), (2026, 2));
    let secret = NewIncoming { series: Series::Secret, ..paper("mật") };
    assert_eq!(no(store.register_incoming(clerk.clone(), secret, late).await.unwrap()), (2026, 1), "own series");
    assert_eq!(no(store.register_incoming(other.clone(), paper("b"), late).await.unwrap()), (2026, 1), "own agency");
    let new_year = at("2027-01-01 00:00");
    assert_eq!(no(store.register_incoming(clerk.clone(), paper("3"), new_year).await.unwrap()), (2027, 1));
    assert_eq!(no(store.register_incoming(clerk, paper("4"), new_year).await.unwrap()), (2027, 2));
}

async fn an_outgoing_document_is_issued_to_units_who_register_or_refuse_it(store: Store) {
    let (_, a, b) = setup(&store).await;
    let p2 = unit(&store, None, "000.00.00.H02", "province").await;
    let c = unit(&store, Some(&p2), "000.00.01.H02", "commune").await;
    let drafter = who(&staff(&store, &a, Role::Specialist).await);
    let leader = who(&staff(&store, &a, Role::Leader).await);
    let clerk = who(&staff(&store, &a, Role::CounterOfficer).await);
    let b_clerk = who(&staff(&store, &b, Role::CounterOfficer).await);
    let b_leader = who(&staff(&store, &b, Role::Leader).await);
    let b_handler = who(&staff(&store, &b, Role::Specialist).await);
    let now = at("2026-03-04 09:00");
    let draft = |recipients: Vec<i64>| NewOutgoing {
        series: Series::Ordinary,
        doc_type: "QD".into(),
        subject: "Về việc kiện toàn Tổ một cửa".into(),
        issuer: "UBND".into(),
        signer_position: "CHỦ TỊCH".into(),
        recipients,
        external_recipients: Some("Lưu: VT".into()),
        outside: vec![],
    };
    // Recipients must be other units of the same installation's province.
    let e = store.create_outgoing(drafter.clone(), draft(vec![c.id]), now).await.unwrap_err();
    assert_eq!(code(e), "document_recipient_invalid");
    let e = store.create_outgoing(drafter.clone(), draft(vec![a.id]), now).await.unwrap_err();
    assert_eq!(code(e), "document_recipient_invalid");
    let d = store.create_outgoing(drafter.clone(), draft(vec![b.id]), now).await.unwrap();
    let id = d.doc.id;
    assert_eq!((d.doc.state, d.recipients.len()), (State::Draft, 1));

    let act = |by: &DocumentActor, action: DocumentAction| store.act_on_document(id, by.clone(), action, now);
    assert_eq!(code(act(&clerk, DocumentAction::Issue).await.unwrap_err()), "document_act_not_allowed");
    act(&drafter, DocumentAction::Submit).await.unwrap();
    assert_eq!(code(act(&drafter, DocumentAction::Sign).await.unwrap_err()), "document_act_forbidden");
    let signed = act(&leader, DocumentAction::Sign).await.unwrap();
    assert_eq!(signed.doc.signer_name.as_deref(), Some(format!("leader.{}", a.code.to_lowercase()).as_str()));
    let issued = act(&clerk, DocumentAction::Issue).await.unwrap();
    assert_eq!(issued.doc.state, State::Dispatched);
    assert_eq!(issued.doc.notation.as_deref(), Some("01/QĐ-UBND"));
    assert_eq!((issued.doc.reg_year, issued.doc.reg_no), (Some(2026), Some(1)));
    assert_eq!(issued.deliveries.len(), 1);
    assert_eq!(issued.deliveries[0].state, State::Arrived);

    // At B: the copy arrived, waiting for the clerk; A's clerk cannot touch it.
    let open = store.documents(DocumentList::Open { unit_id: b.id }, 50).await.unwrap();
    let copy = open.iter().find(|x| x.source_id == Some(id)).expect("the copy arrived");
    assert_eq!(
        (copy.state, copy.sender_name.as_deref(), copy.notation.as_deref()),
        (State::Arrived, Some(a.name.as_str()), Some("01/QĐ-UBND"))
    );
    let e = store.act_on_document(copy.id, clerk.clone(), DocumentAction::Register, now).await.unwrap_err();
    assert_eq!(code(e), "document_not_found");
    let reg = store.act_on_document(copy.id, b_clerk.clone(), DocumentAction::Register, now).await.unwrap();
    assert_eq!((reg.doc.state, reg.doc.reg_no), (State::Registered, Some(1)));
    let routing = Routing { lead_unit: b.id, cooperating: vec![], days: 5 };
    let due_at = at("2026-03-11 17:00");
    let routed =
        store.act_on_document(copy.id, b_leader.clone(), DocumentAction::Route { routing, due_at }, now).await.unwrap();
    assert_eq!((routed.doc.state, routed.doc.due_at), (State::Routed, Some(due_at)));
    store.act_on_document(copy.id, b_handler.clone(), DocumentAction::Start, now).await.unwrap();
    let done = store
        .act_on_document(copy.id, b_handler, DocumentAction::Finish { note: Some("Đã triển khai".into()) }, now)
        .await
        .unwrap();
    assert_eq!(done.doc.state, State::Done);
    assert_eq!(
        done.history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(),
        ["arrived", "register", "route", "start", "finish"]
    );

    // A sees B's progress per recipient.
    let seen = store.document(id, a.id).await.unwrap();
    assert_eq!((seen.deliveries[0].state, seen.deliveries[0].reg_no), (State::Done, Some(1)));

    // A second document, refused by B with a reason that A reads.
    let d2 = store.create_outgoing(drafter.clone(), draft(vec![b.id]), now).await.unwrap().doc.id;
    for (by, action) in
        [(&drafter, DocumentAction::Submit), (&leader, DocumentAction::Sign), (&clerk, DocumentAction::Issue)]
    {
        store.act_on_document(d2, by.clone(), action, now).await.unwrap();
    }
    let seen = store.document(d2, a.id).await.unwrap();
    assert_eq!(seen.doc.notation.as_deref(), Some("02/QĐ-UBND"));
    let copy2 = seen.deliveries[0].unit_id;
    assert_eq!(copy2, b.id);
    let open = store.documents(DocumentList::Open { unit_id: b.id }, 50).await.unwrap();
    let copy2 = open.iter().find(|x| x.source_id == Some(d2)).unwrap().id;
    let reason = DocumentAction::Refuse { reason: "Gửi nhầm cơ quan".into() };
    store.act_on_document(copy2, b_clerk.clone(), reason, now).await.unwrap();
    let seen = store.document(d2, a.id).await.unwrap();
    assert_eq!(
        (seen.deliveries[0].state, seen.deliveries[0].reason.as_deref()),
        (State::Refused, Some("Gửi nhầm cơ quan"))
    );
    // B's register holds only the registered copy; the refused one has no number.
    let reg = store
        .documents(
            DocumentList::Register {
                unit_id: b.id,
                direction: Direction::Incoming,
                series: Series::Ordinary,
                year: 2026,
            },
            50,
        )
        .await
        .unwrap();
    assert_eq!(reg.iter().map(|d| d.reg_no).collect::<Vec<_>>(), [Some(1)]);
    // A province's staff do not read a commune's documents.
    let e = store.document(id, c.id).await.unwrap_err();
    assert_eq!(code(e), "document_not_found");
}

async fn refusals_write_nothing(store: Store) {
    let (_, a, b) = setup(&store).await;
    let clerk = who(&staff(&store, &a, Role::CounterOfficer).await);
    let leader = who(&staff(&store, &a, Role::Leader).await);
    let now = at("2026-03-04 09:00");
    let e = store.register_incoming(leader.clone(), paper("x"), now).await.unwrap_err();
    assert_eq!(code(e), "document_act_forbidden");
    let e = store
        .register_incoming(clerk.clone(), NewIncoming { doc_type: "XX".into(), ..paper("x") }, now)
        .await
        .unwrap_err();
    assert_eq!(code(e), "document_type_invalid");
    let future = NewIncoming { doc_date: day("2026-03-05"), ..paper("x") };
    assert_eq!(code(store.register_incoming(clerk.clone(), future, now).await.unwrap_err()), "document_date_invalid");
    let legal = NewIncoming { series: Series::LegalNormative, ..paper("x") };
    assert_eq!(code(store.register_incoming(clerk.clone(), legal, now).await.unwrap_err()), "document_series_invalid");
    // None of these took a number: the next one is 1.
    let d = store.register_incoming(clerk.clone(), paper("ok"), now).await.unwrap();
    assert_eq!(d.doc.reg_no, Some(1));
    // Routing to a unit of another province, and acting twice.
    let p2 = unit(&store, None, "000.00.00.H02", "province").await;
    let due_at = at("2026-03-11 17:00");
    let route =
        |lead| DocumentAction::Route { routing: Routing { lead_unit: lead, cooperating: vec![], days: 5 }, due_at };
    let e = store.act_on_document(d.doc.id, leader.clone(), route(p2.id), now).await.unwrap_err();
    assert_eq!(code(e), "document_unit_invalid");
    let e = store.act_on_document(d.doc.id, clerk.clone(), DocumentAction::Register, now).await.unwrap_err();
    assert_eq!(code(e), "document_act_not_allowed");
    let again = store.document(d.doc.id, a.id).await.unwrap();
    assert_eq!((again.doc.state, again.doc.lead_unit_id, again.history.len()), (State::Registered, None, 1));
    store.act_on_document(d.doc.id, leader, route(b.id), now).await.unwrap();
    // B leads now and sees it; B's clerk may not register it.
    let b_clerk = who(&staff(&store, &b, Role::CounterOfficer).await);
    assert_eq!(store.document(d.doc.id, b.id).await.unwrap().doc.lead_unit_id, Some(b.id));
    let e = store.act_on_document(d.doc.id, b_clerk, DocumentAction::Finish { note: None }, now).await.unwrap_err();
    assert_eq!(code(e), "document_act_forbidden");
}
