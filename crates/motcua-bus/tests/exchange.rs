//! Two installations exchanging through a real nats-server, each with its
//! own store (SQLite; PostgreSQL too when MOTCUA_TEST_POSTGRES_URL is set):
//! A queues a document for B; A's relay publishes it twice (it dies before
//! marking), the document is also sent again under another key; B's
//! consumer dies after recording it and before acknowledging, and is
//! started again. B records it once and A gets B's "01 arrived". A
//! malformed document gets "02 refused" back and is logged as refused;
//! bytes that are not edXML are logged as refused and answered by nothing.

mod common;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use common::{NatsServer, at, settings};
use futures::StreamExt;
use motcua_bus::{Bytes, ConsumeReport, Consumer, Exchange, JetStream, Outbox, OutboxItem, Relay, Transport};
use motcua_edxml::{BusinessType, Code, Envelope, Organ, OrganId, Priority, Signer};
use motcua_rules::codes::DossierCodeFormat;
use motcua_store::testing::{postgres_url, sqlite_url};
use motcua_store::{LogEntry, LogKind, LogLine, Store};

const A_ID: &str = "000.00.00.H30";
const B_ID: &str = "000.00.04.G18";
const DOC: &str = "000.00.00.H30,2026/03/04,05/UBND-VP";

fn exchange(id: &str, name: &str) -> Exchange {
    Exchange { agency: Organ::new(OrganId::parse(id).unwrap(), name), subject_prefix: "EXA.out".into() }
}

fn envelope() -> Envelope {
    Envelope {
        from: Organ::new(OrganId::parse(A_ID).unwrap(), "UBND tỉnh Hậu Giang"),
        to: vec![Organ::new(OrganId::parse(B_ID).unwrap(), "Bộ Nội vụ")],
        code: Code { number: "05".into(), notation: "UBND-VP".into() },
        place: "Hậu Giang".into(),
        promulgation_date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        type_code: 18,
        type_name: "Công văn".into(),
        subject: "V/v báo cáo kết quả cải cách hành chính".into(),
        content: None,
        signer: Signer { competence: None, position: "Chủ tịch".into(), full_name: "Nguyễn Văn A".into() },
        due_date: None,
        to_places: vec![],
        priority: Priority::Normal,
        steering_type: None,
        document_id: DOC.into(),
        response_for: vec![],
        trace: vec![],
        business: BusinessType::New,
        business_reason: None,
        secrecy: None,
        attachments: vec![],
    }
}

/// A relay that dies after publishing and before marking: its rows stay unsent.
struct DiesBeforeMarking<'a>(&'a Store);

impl Outbox for DiesBeforeMarking<'_> {
    async fn take_unsent(&self, limit: usize) -> Result<Vec<OutboxItem>, motcua_bus::BusError> {
        Outbox::take_unsent(self.0, limit).await
    }

    async fn mark_sent(&self, _ids: Vec<i64>, _now: NaiveDateTime) -> Result<(), motcua_bus::BusError> {
        Ok(())
    }
}

async fn open(url: &str) -> Store {
    let store = Store::open(url, DossierCodeFormat::Circular01).unwrap();
    store.migrate().await.unwrap();
    store
}

/// Consumer rounds until `want` says the total is reached (the ack wait
/// may have to pass first); fails after 20 s.
async fn consume(c: &Consumer<JetStream>, want: impl Fn(&ConsumeReport) -> bool) -> ConsumeReport {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut total = ConsumeReport::default();
    while !want(&total) {
        assert!(Instant::now() < deadline, "the consumer got only {total:?}");
        let r = c.round(|| at("2026-03-04 10:00"), Duration::from_millis(300), Duration::from_secs(5)).await.unwrap();
        total.received += r.received;
        total.refused += r.refused;
        total.repeats += r.repeats;
    }
    // Nothing more comes.
    let r = c.round(|| at("2026-03-04 10:00"), Duration::from_millis(300), Duration::from_secs(5)).await.unwrap();
    assert_eq!(r, ConsumeReport::default(), "after {total:?}");
    total
}

fn ins(log: &[LogLine]) -> Vec<&LogLine> {
    log.iter().filter(|l| l.direction == "in").collect()
}

async fn two_installations_exchange(a_url: String, b_url: String) {
    let Some(nats) = NatsServer::start("two_installations_exchange") else { return };
    let mut stream = settings("EXA");
    stream.ack_wait = Duration::from_secs(1);
    let js = nats.connect(&stream).await;
    let (a, b) = (exchange(A_ID, "UBND tỉnh Hậu Giang"), exchange(B_ID, "Bộ Nội vụ"));
    let (store_a, store_b) = (open(&a_url).await, open(&b_url).await);
    let t = at("2026-03-04 09:00");

    let out = a.outgoing(&envelope()).unwrap();
    assert_eq!((out.len(), out[0].subject.as_str()), (1, "EXA.out.000.00.04.G18"));
    assert!(store_a.send_message(out[0].clone(), t).await.unwrap());
    assert!(!store_a.send_message(out[0].clone(), t).await.unwrap(), "the same key is queued once");

    // A's relay publishes and dies before marking; the next one publishes again.
    assert_eq!(Relay::new(DiesBeforeMarking(&store_a), js.clone(), 10).round(t).await.unwrap().duplicates, 0);
    let again = Relay::new(&store_a, js.clone(), 10).round(t).await.unwrap();
    assert_eq!((again.sent, again.duplicates), (1, 1), "the bus dropped the second publish by its key");
    // The same document sent again beyond the duplicate window (another key).
    js.publish(&b.inbox_subject(), "resent-later", Bytes::from(out[0].payload.clone())).await.unwrap();

    // B's consumer records the first delivery and dies before acknowledging.
    {
        let dies = Consumer::new(js.clone(), store_b.clone(), b.clone());
        let mut sub = js.subscribe(&b.durable(), &b.inbox_subject()).await.unwrap();
        let d = tokio::time::timeout(Duration::from_secs(5), sub.next()).await.unwrap().unwrap().unwrap();
        assert_eq!(dies.record(&d, t).await.unwrap(), (true, false));
    }
    // Started again: the unacknowledged delivery comes back after the ack
    // wait, and the re-sent copy comes too; both are repeats.
    let restarted = Consumer::new(js.clone(), store_b.clone(), b.clone());
    let r = consume(&restarted, |r| r.repeats >= 2).await;
    assert_eq!(r, ConsumeReport { received: 0, refused: 0, repeats: 2 });
    assert!(store_b.received_message(A_ID, DOC, 0).await.unwrap().is_some());
    let log_b = store_b.bus_log(50).await.unwrap();
    assert_eq!(log_b.len(), 2, "one message in and its reply out: {log_b:?}");
    let (reply, got) = (&log_b[0], &log_b[1]);
    assert_eq!((got.direction.as_str(), got.kind.as_str()), ("in", "document"));
    assert_eq!((got.sender.as_deref(), got.recipient.as_deref()), (Some(A_ID), Some(B_ID)));
    assert_eq!(
        (got.document_id.as_deref(), got.business_type, got.status.as_deref()),
        (Some(DOC), Some(0), Some("01"))
    );
    assert_eq!(got.refusal_code, None);
    assert_eq!(store_b.bus_log_payload(got.id).await.unwrap().unwrap(), out[0].payload, "the raw bytes are kept");
    assert_eq!((reply.direction.as_str(), reply.kind.as_str(), reply.status.as_deref()), ("out", "status", Some("01")));

    // B's reply reaches A.
    assert_eq!(Relay::new(&store_b, js.clone(), 10).drain(t).await.unwrap().sent, 1);
    let consumer_a = Consumer::new(js.clone(), store_a.clone(), a.clone());
    assert_eq!(consume(&consumer_a, |r| r.received >= 1).await.received, 1);
    let log_a = store_a.bus_log(50).await.unwrap();
    let got = ins(&log_a);
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].kind.as_str(), got[0].status.as_deref(), got[0].sender.as_deref()),
        ("status", Some("01"), Some(B_ID))
    );
    assert_eq!(got[0].document_id.as_deref(), Some(DOC));
    assert_eq!(store_a.outbox_backlog().await.unwrap().0, 0, "no reply to a reply");

    // A malformed document (a priority outside the list) and bytes that are not edXML.
    let good = String::from_utf8(out[0].payload.clone()).unwrap();
    let bad = good.replace(">0</edXML:Priority>", ">9</edXML:Priority>").replace("05/UBND-VP", "06/UBND-VP");
    assert_ne!(bad, good);
    let bad = LogEntry { key: "doc-bad".into(), payload: bad.into_bytes(), ..out[0].clone() };
    store_a.send_message(bad, t).await.unwrap();
    let garbage =
        LogEntry { kind: LogKind::Unknown, key: "garbage".into(), payload: b"not edXML".to_vec(), ..out[0].clone() };
    store_a.send_message(garbage, t).await.unwrap();
    assert_eq!(Relay::new(&store_a, js.clone(), 10).drain(t).await.unwrap().sent, 2);
    let r = consume(&restarted, |r| r.received >= 2).await;
    assert_eq!((r.received, r.refused), (2, 2));
    let log_b = store_b.bus_log(50).await.unwrap();
    let refused: Vec<_> = ins(&log_b).into_iter().filter(|l| l.refusal_code.is_some()).collect();
    assert_eq!(refused.len(), 2);
    let (junk, bad) = (refused[0], refused[1]);
    assert_eq!(
        (junk.kind.as_str(), junk.refusal_code.as_deref(), junk.sender.as_deref()),
        ("unknown", Some("edxml_malformed"), None)
    );
    assert_eq!(junk.status, None, "nothing to answer");
    assert_eq!(
        (bad.refusal_code.as_deref(), bad.refusal_field.as_deref()),
        (Some("edxml_bad_value"), Some("MessageHeader/OtherInfo/Priority"))
    );
    assert_eq!((bad.status.as_deref(), bad.sender.as_deref()), (Some("02"), Some(A_ID)));
    assert!(
        store_b.received_message(A_ID, &DOC.replace("05/", "06/"), 0).await.unwrap().is_none(),
        "a refused message is not received"
    );

    // A gets the "02" with the reason.
    assert_eq!(Relay::new(&store_b, js.clone(), 10).drain(t).await.unwrap().sent, 1);
    assert_eq!(consume(&consumer_a, |r| r.received >= 1).await.received, 1);
    let log_a = store_a.bus_log(50).await.unwrap();
    let status = ins(&log_a)[0];
    assert_eq!(
        (status.status.as_deref(), status.document_id.as_deref()),
        (Some("02"), Some(DOC.replace("05/", "06/").as_str()))
    );
    let raw = String::from_utf8(store_a.bus_log_payload(status.id).await.unwrap().unwrap()).unwrap();
    assert!(raw.contains("edxml_bad_value") && raw.contains("StatusCode>02<"), "{raw}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_installations_exchange_sqlite() {
    two_installations_exchange(sqlite_url(), sqlite_url()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_installations_exchange_postgres() {
    let (Some(a), Some(b)) = (postgres_url("exchange_a"), postgres_url("exchange_b")) else { return };
    two_installations_exchange(a, b).await;
}
