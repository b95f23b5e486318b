//! The bus against a real nats-server (started by each test): a repeated
//! key is stored and delivered once, a stored message survives `kill -9`
//! of the server, an unacknowledged delivery comes again, and the relay publishes each outbox row once even when
//! it runs twice over the same rows (on SQLite and, when
//! MOTCUA_TEST_POSTGRES_URL is set, PostgreSQL).

mod common;

use std::time::Duration;

use common::{NatsServer, at, drain, settings};
use futures::StreamExt;
use motcua_bus::{Bytes, Outbox, OutboxItem, Relay, Transport};
use motcua_rules::codes::DossierCodeFormat;
use motcua_store::Store;

const QUIET: Duration = Duration::from_millis(700);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_key_is_stored_and_delivered_once() {
    let Some(server) = NatsServer::start("a_repeated_key_is_stored_and_delivered_once") else { return };
    let bus = server.connect(&settings("DEDUP")).await;
    let first = bus.publish("DEDUP.out.000.00.04.G18", "doc-1", Bytes::from_static(b"<edXML/>")).await.unwrap();
    let other = bus.publish("DEDUP.out.000.00.04.G18", "doc-2", Bytes::from_static(b"two")).await.unwrap();
    let again = bus.publish("DEDUP.out.000.00.04.G18", "doc-1", Bytes::from_static(b"<edXML/>")).await.unwrap();
    assert!(!first.duplicate && !other.duplicate);
    assert!(again.duplicate, "the server dropped the repeat");
    assert_eq!(again.sequence, first.sequence);

    let mut sub = bus.subscribe("receiver", "DEDUP.>").await.unwrap();
    let got = drain(&mut sub, QUIET).await;
    let ids: Vec<_> = got.iter().map(|(_, id, _)| id.as_str()).collect();
    assert_eq!(ids, ["doc-1", "doc-2"]);
    assert_eq!(got[0], ("DEDUP.out.000.00.04.G18".into(), "doc-1".into(), b"<edXML/>".to_vec()));
    // Acknowledged: a new subscription of the same consumer gets nothing more.
    drop(sub);
    let mut sub = bus.subscribe("receiver", "DEDUP.>").await.unwrap();
    assert!(drain(&mut sub, QUIET).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_message_survives_kill_9_of_the_server() {
    let Some(mut server) = NatsServer::start("a_stored_message_survives_kill_9_of_the_server") else { return };
    let s = settings("CHAOS");
    {
        let bus = server.connect(&s).await;
        for i in 0..3 {
            let ack = bus.publish("CHAOS.out.x", &format!("m{i}"), Bytes::from(vec![i as u8; 1000])).await.unwrap();
            assert!(!ack.duplicate);
        }
    }
    server.restart();
    let bus = server.connect(&s).await;
    // The keys are remembered across the restart too.
    assert!(bus.publish("CHAOS.out.x", "m1", Bytes::from_static(b"again")).await.unwrap().duplicate);
    let mut sub = bus.subscribe("receiver", "CHAOS.>").await.unwrap();
    let got = drain(&mut sub, QUIET).await;
    let ids: Vec<_> = got.iter().map(|(_, id, _)| id.as_str()).collect();
    assert_eq!(ids, ["m0", "m1", "m2"]);
    assert_eq!(got[2].2, vec![2u8; 1000]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unacknowledged_delivery_comes_again() {
    let Some(server) = NatsServer::start("an_unacknowledged_delivery_comes_again") else { return };
    let s = motcua_bus::StreamSettings { ack_wait: Duration::from_secs(1), ..settings("REDELIVER") };
    let bus = server.connect(&s).await;
    bus.publish("REDELIVER.in.x", "m1", Bytes::from_static(b"one")).await.unwrap();
    // The consumer takes it and dies before acknowledging.
    let mut sub = bus.subscribe("receiver", "REDELIVER.>").await.unwrap();
    let first = tokio::time::timeout(Duration::from_secs(5), sub.next()).await.unwrap().unwrap().unwrap();
    assert_eq!(first.msg_id, "m1");
    drop((first, sub));
    // After the ack wait the server hands it out again; acknowledged, never more.
    let mut sub = bus.subscribe("receiver", "REDELIVER.>").await.unwrap();
    let again = drain(&mut sub, Duration::from_secs(3)).await;
    assert_eq!(again, vec![("REDELIVER.in.x".into(), "m1".into(), b"one".to_vec())]);
    drop(sub);
    let mut sub = bus.subscribe("receiver", "REDELIVER.>").await.unwrap();
    assert!(drain(&mut sub, Duration::from_secs(2)).await.is_empty());
}

/// An outbox whose process "dies" after publishing: it never marks.
struct Crashing<'a>(&'a Store);

impl Outbox for Crashing<'_> {
    async fn take_unsent(&self, limit: usize) -> Result<Vec<OutboxItem>, motcua_bus::BusError> {
        Outbox::take_unsent(self.0, limit).await
    }

    async fn mark_sent(&self, _ids: Vec<i64>, _now: chrono::NaiveDateTime) -> Result<(), motcua_bus::BusError> {
        Ok(())
    }
}

async fn the_relay_sends_each_row_once(url: String, stream: &str) {
    let Some(server) = NatsServer::start("the_relay_sends_each_row_once") else { return };
    let store = Store::open(&url, DossierCodeFormat::Circular01).unwrap();
    store.migrate().await.unwrap();
    let subject = format!("{stream}.out.000.00.04.G18");
    for i in 0..7 {
        let payload = format!("<edXML>{i}</edXML>").into_bytes();
        store.enqueue_message(&subject, &format!("doc-{i}"), payload, at("2026-03-04 09:00")).await.unwrap();
    }
    let bus = server.connect(&settings(stream)).await;

    // The first relay publishes everything and dies before marking.
    let crashed = Relay::new(Crashing(&store), bus.clone(), 10).round(at("2026-03-04 09:01")).await.unwrap();
    assert_eq!((crashed.sent, crashed.duplicates), (7, 0));
    assert_eq!(store.take_unsent(100).await.unwrap().len(), 7, "nothing marked");

    // The relay after the restart publishes the same rows again: the bus
    // drops every one of them, and now they are marked.
    let relay = Relay::new(&store, bus.clone(), 3);
    let report = relay.drain(at("2026-03-04 09:02")).await.unwrap();
    assert_eq!((report.sent, report.duplicates), (7, 7));
    assert!(store.take_unsent(100).await.unwrap().is_empty());
    assert_eq!(relay.drain(at("2026-03-04 09:02")).await.unwrap().sent, 0);

    // Two relays at once over new rows: each row is stored new once,
    // whichever relay got there first.
    for i in 7..10 {
        store.enqueue_message(&subject, &format!("doc-{i}"), vec![i as u8], at("2026-03-04 09:03")).await.unwrap();
    }
    let other = Relay::new(&store, bus.clone(), 3);
    let (a, b) = tokio::join!(relay.round(at("2026-03-04 09:04")), other.round(at("2026-03-04 09:04")));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent - a.duplicates - b.duplicates, 3, "{a:?} {b:?}");
    assert!(store.take_unsent(100).await.unwrap().is_empty());

    let mut sub = bus.subscribe("receiver", &format!("{stream}.>")).await.unwrap();
    let ids: Vec<String> = drain(&mut sub, QUIET).await.into_iter().map(|(_, id, _)| id).collect();
    let expected: Vec<String> = (0..10).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, expected, "each row once, in the outbox's order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_sends_each_row_once_sqlite() {
    the_relay_sends_each_row_once(motcua_store::testing::sqlite_url(), "RELAYS").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_sends_each_row_once_postgres() {
    if let Some(url) = motcua_store::testing::postgres_url("the_relay_sends_each_row_once") {
        the_relay_sends_each_row_once(url, "RELAYP").await;
    }
}
