//! Official documents between two installations, each with its own store
//! (SQLite; PostgreSQL too when MOTCUA_TEST_POSTGRES_URL is set), through
//! the in-process bus (docs/documents.md, "Between installations"):
//! A issues a document to B (an outside agency in A's directory) and
//! queues exactly one envelope in the issuing transaction (an issue that
//! fails queues nothing); it arrives at B's addressed unit waiting for the
//! clerk, once however often it is delivered; an envelope to an identifier
//! B does not have is refused with `exchange_unknown_recipient`; B's
//! registering and refusing reach A's view of its recipients.

use std::time::Duration;

use chrono::NaiveDateTime;
use motcua_bus::{Bytes, ConsumeReport, Consumer, Exchange, Memory, Relay, Transport};
use motcua_edxml::{Organ, OrganId};
use motcua_rules::Role;
use motcua_rules::codes::DossierCodeFormat;
use motcua_rules::documents::{Series, State};
use motcua_store::model::{NewUnit, NewUser, Unit};
use motcua_store::testing::{postgres_url, sqlite_url};
use motcua_store::{
    DocumentAction, DocumentActor, DocumentDetail, DocumentList, NewExchangeAgency, NewOutgoing, Store, StoreError,
};

const A_ID: &str = "000.00.00.H30";
const B_ID: &str = "000.00.04.G18";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn exchange(id: &str, name: &str) -> Exchange {
    Exchange { agency: Organ::new(OrganId::parse(id).unwrap(), name), subject_prefix: "XDOC.out".into() }
}

async fn open(url: &str, x: &Exchange) -> Store {
    let store = Store::open(url, DossierCodeFormat::Circular01).unwrap();
    store.migrate().await.unwrap();
    store.set_exchange(x.identity());
    store
}

async fn unit(store: &Store, code: &str, name: &str) -> Unit {
    let new = NewUnit { parent_id: None, code: code.into(), name: name.into(), level: "province".into() };
    store.create_unit(new, at("2025-01-01 08:00")).await.unwrap()
}

async fn staff(store: &Store, unit: &Unit, role: Role, username: &str) -> DocumentActor {
    let new = NewUser {
        username: username.into(),
        password_hash: "x".into(),
        full_name: format!("Cán bộ {username}"),
        role,
        unit_id: Some(unit.id),
    };
    let user = store.create_user(new, at("2025-01-01 08:00")).await.unwrap();
    DocumentActor { user_id: user.id, role, unit_id: unit.id }
}

fn code(e: StoreError) -> &'static str {
    e.rule().expect("a rule error").code
}

/// A drafts, submits and signs a document to outside agency `to`; returns its id.
async fn signed(a: &Store, drafter: &DocumentActor, leader: &DocumentActor, series: Series, to: i64) -> i64 {
    let t = at("2026-03-04 09:00");
    let draft = NewOutgoing {
        series,
        doc_type: "CV".into(),
        subject: "V/v phối hợp giải quyết thủ tục liên thông".into(),
        issuer: "UBND-VP".into(),
        signer_position: "CHỦ TỊCH".into(),
        recipients: vec![],
        external_recipients: None,
        outside: vec![to],
    };
    let id = a.create_outgoing(drafter.clone(), draft, t).await.unwrap().doc.id;
    a.act_on_document(id, drafter.clone(), DocumentAction::Submit, t).await.unwrap();
    a.act_on_document(id, leader.clone(), DocumentAction::Sign, t).await.unwrap();
    id
}

/// Consumer rounds until nothing more comes.
async fn consume(c: &Consumer<Memory>, t: NaiveDateTime) -> ConsumeReport {
    c.round(|| t, Duration::from_millis(200), Duration::from_secs(5)).await.unwrap()
}

async fn arrived(b: &Store, unit: &Unit) -> Vec<motcua_store::Document> {
    b.documents(DocumentList::Open { unit_id: unit.id }, 100).await.unwrap()
}

async fn progress(a: &Store, id: i64, by: &DocumentActor) -> (Option<String>, Option<State>, Option<String>) {
    let d: DocumentDetail = a.document(id, by.unit_id).await.unwrap();
    assert_eq!(d.outside.len(), 1);
    let o = &d.outside[0];
    (o.status.clone(), o.state, o.reason.clone())
}

async fn documents_cross_installations(a_url: String, b_url: String) {
    let bus = Memory::new();
    let (xa, xb) = (exchange(A_ID, "UBND tỉnh Hậu Giang"), exchange(B_ID, "Bộ Nội vụ"));
    let (a, b) = (open(&a_url, &xa).await, open(&b_url, &xb).await);
    let t = at("2026-03-04 09:00");

    // A: its agency and B in its directory; B: its unit under B's identifier.
    let ua = unit(&a, "H30", "UBND tỉnh Hậu Giang").await;
    let (drafter, leader, clerk_a) = (
        staff(&a, &ua, Role::Specialist, "cv").await,
        staff(&a, &ua, Role::Leader, "ld").await,
        staff(&a, &ua, Role::CounterOfficer, "vt").await,
    );
    let to_b = NewExchangeAgency { organ_code: B_ID.into(), name: "Bộ Nội vụ".into(), unit_id: None };
    let to_b = a.create_exchange_agency(to_b, t).await.unwrap().id;
    let ub = unit(&b, "G18", "Văn phòng Bộ Nội vụ").await;
    let clerk_b = staff(&b, &ub, Role::CounterOfficer, "vtb").await;
    let mine = NewExchangeAgency { organ_code: B_ID.into(), name: "Bộ Nội vụ".into(), unit_id: Some(ub.id) };
    b.create_exchange_agency(mine, t).await.unwrap();
    // The directory refuses a bad identifier, a blank name and a second entry.
    let bad = NewExchangeAgency { organ_code: "G18".into(), name: "X".into(), unit_id: None };
    assert_eq!(code(a.create_exchange_agency(bad, t).await.unwrap_err()), "edxml_organ_id");
    let blank = NewExchangeAgency { organ_code: "000.00.05.G18".into(), name: " ".into(), unit_id: None };
    assert_eq!(code(a.create_exchange_agency(blank, t).await.unwrap_err()), "exchange_agency_name_invalid");
    let twice = NewExchangeAgency { organ_code: B_ID.into(), name: "Bộ".into(), unit_id: None };
    assert_eq!(code(a.create_exchange_agency(twice, t).await.unwrap_err()), "exchange_agency_taken");

    // A failing issue (a secret document cannot be exchanged) queues nothing.
    let secret = signed(&a, &drafter, &leader, Series::Secret, to_b).await;
    let e = a.act_on_document(secret, clerk_a.clone(), DocumentAction::Issue, t).await.unwrap_err();
    assert_eq!(code(e), "edxml_secret");
    assert_eq!(a.outbox_backlog().await.unwrap().0, 0);
    assert_eq!(a.document(secret, ua.id).await.unwrap().doc.state, State::Signed, "nothing half-written");

    // Issuing queues exactly one envelope, in the same transaction.
    let id = signed(&a, &drafter, &leader, Series::Ordinary, to_b).await;
    let issued = a.act_on_document(id, clerk_a.clone(), DocumentAction::Issue, t).await.unwrap();
    assert_eq!(issued.doc.state, State::Dispatched);
    assert_eq!(issued.doc.notation.as_deref(), Some("01/UBND-VP"));
    assert_eq!(a.outbox_backlog().await.unwrap().0, 1);
    assert_eq!(progress(&a, id, &clerk_a).await, (None, None, None), "sent, no reply yet");
    let sent = a.bus_log(10).await.unwrap();
    assert_eq!((sent.len(), sent[0].recipient.as_deref()), (1, Some(B_ID)));
    let doc_id = sent[0].document_id.clone().unwrap();
    assert_eq!(doc_id, format!("{A_ID},2026/03/04,01/UBND-VP"));

    // It arrives at B's unit, waiting for the clerk; a repeat adds nothing.
    let relay_a = Relay::new(a.clone(), bus.clone(), 10);
    assert_eq!(relay_a.drain(t).await.unwrap().sent, 1);
    let payload = Bytes::from(a.bus_log_payload(sent[0].id).await.unwrap().unwrap());
    bus.publish(&xb.inbox_subject(), "sent-again", payload.clone()).await.unwrap();
    let consumer_b = Consumer::new(bus.clone(), b.clone(), xb.clone());
    assert_eq!(consume(&consumer_b, t).await, ConsumeReport { received: 1, refused: 0, repeats: 1 });
    let got = arrived(&b, &ub).await;
    assert_eq!(got.len(), 1, "{got:?}");
    let copy = &got[0];
    assert_eq!((copy.state, copy.reg_no), (State::Arrived, None));
    assert_eq!((copy.notation.as_deref(), copy.doc_type.as_str()), (Some("01/UBND-VP"), "CV"));
    assert_eq!(copy.sender_name.as_deref(), Some("UBND tỉnh Hậu Giang"));
    assert_eq!(copy.subject, "V/v phối hợp giải quyết thủ tục liên thông");

    // An envelope to an identifier B does not have is refused with the code.
    let other = String::from_utf8(payload.to_vec()).unwrap().replace(B_ID, "000.00.09.G99").replace("01/", "02/");
    bus.publish(&xb.inbox_subject(), "astray", Bytes::from(other)).await.unwrap();
    assert_eq!(consume(&consumer_b, t).await, ConsumeReport { received: 1, refused: 1, repeats: 0 });
    let log_b = b.bus_log(10).await.unwrap();
    let astray = log_b.iter().find(|l| l.direction == "in" && l.refusal_code.is_some()).unwrap();
    assert_eq!(
        (astray.refusal_code.as_deref(), astray.refusal_field.as_deref(), astray.status.as_deref()),
        (Some("exchange_unknown_recipient"), Some("MessageHeader/To"), Some("02"))
    );
    assert_eq!(arrived(&b, &ub).await.len(), 1, "nothing registered for it");

    // B's "01" reaches A: the recipient has it.
    let relay_b = Relay::new(b.clone(), bus.clone(), 10);
    let consumer_a = Consumer::new(bus.clone(), a.clone(), xa.clone());
    relay_b.drain(t).await.unwrap();
    consume(&consumer_a, t).await;
    assert_eq!(progress(&a, id, &clerk_a).await, (Some("01".into()), Some(State::Arrived), None));

    // B's clerk registers it with the next incoming number; A sees "03".
    let later = at("2026-03-05 08:30");
    let reg = b.act_on_document(copy.id, clerk_b.clone(), DocumentAction::Register, later).await.unwrap();
    assert_eq!((reg.doc.state, reg.doc.reg_no), (State::Registered, Some(1)));
    relay_b.drain(later).await.unwrap();
    consume(&consumer_a, later).await;
    assert_eq!(progress(&a, id, &clerk_a).await, (Some("03".into()), Some(State::Registered), None));
    assert_eq!(a.outbox_backlog().await.unwrap().0, 0, "no reply to a reply");

    // A second document, refused at B with a reason: A sees "02" and why.
    let second = signed(&a, &drafter, &leader, Series::Ordinary, to_b).await;
    a.act_on_document(second, clerk_a.clone(), DocumentAction::Issue, later).await.unwrap();
    relay_a.drain(later).await.unwrap();
    consume(&consumer_b, later).await;
    let copy = arrived(&b, &ub).await.into_iter().find(|d| d.state == State::Arrived).unwrap();
    let why = DocumentAction::Refuse { reason: "Không thuộc thẩm quyền".into() };
    b.act_on_document(copy.id, clerk_b, why, later).await.unwrap();
    relay_b.drain(later).await.unwrap();
    consume(&consumer_a, later).await;
    assert_eq!(
        progress(&a, second, &clerk_a).await,
        (Some("02".into()), Some(State::Refused), Some("Không thuộc thẩm quyền".into()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_cross_installations_sqlite() {
    documents_cross_installations(sqlite_url(), sqlite_url()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_cross_installations_postgres() {
    let (Some(a), Some(b)) = (postgres_url("xdoc_a"), postgres_url("xdoc_b")) else { return };
    documents_cross_installations(a, b).await;
}
