//! The relay over the store's outbox and the in-process bus, on SQLite
//! and (when MOTCUA_TEST_POSTGRES_URL is set) PostgreSQL: rows go out in
//! order, a publish the bus refuses stops the round with the rows before
//! it marked and the rest kept for the next round.

mod common;

use std::time::Duration;

use common::{at, drain};
use motcua_bus::{Memory, Relay, Transport};
use motcua_rules::codes::DossierCodeFormat;
use motcua_store::Store;

async fn a_refused_publish_keeps_the_rest_for_later(url: String) {
    let store = Store::open(&url, DossierCodeFormat::Circular01).unwrap();
    store.migrate().await.unwrap();
    let t = at("2026-03-04 09:00");
    store.enqueue_message("EDOC.out.a", "k1", b"1".to_vec(), t).await.unwrap();
    store.enqueue_message("EDOC.out.b", "k2", b"2".to_vec(), t).await.unwrap();
    // A subject the bus refuses (the in-process bus refuses wildcards as
    // NATS does); in real life: the bus is down.
    store.enqueue_message("EDOC.out.*", "k3", b"3".to_vec(), t).await.unwrap();
    store.enqueue_message("EDOC.out.c", "k4", b"4".to_vec(), t).await.unwrap();
    let bus = Memory::new();
    let relay = Relay::new(&store, bus.clone(), 10);

    assert!(relay.round(at("2026-03-04 09:01")).await.is_err());
    let left: Vec<String> = store.take_unsent(10).await.unwrap().into_iter().map(|m| m.key).collect();
    assert_eq!(left, ["k3", "k4"], "the two before the refusal are marked, nothing after it is skipped");
    assert_eq!(bus.len(), 2);
    // It stays stuck on that row (order is kept), and goes on once it is gone.
    assert!(relay.round(at("2026-03-04 09:02")).await.is_err());
    assert_eq!(bus.len(), 2);

    let mut sub = bus.subscribe("receiver", "EDOC.>").await.unwrap();
    let got: Vec<String> = drain(&mut sub, Duration::from_millis(50)).await.into_iter().map(|(_, id, _)| id).collect();
    assert_eq!(got, ["k1", "k2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_publish_keeps_the_rest_for_later_sqlite() {
    a_refused_publish_keeps_the_rest_for_later(motcua_store::testing::sqlite_url()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_publish_keeps_the_rest_for_later_postgres() {
    if let Some(url) = motcua_store::testing::postgres_url("a_refused_publish_keeps_the_rest_for_later") {
        a_refused_publish_keeps_the_rest_for_later(url).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_go_out_in_order_in_batches() {
    let store = Store::open(&motcua_store::testing::sqlite_url(), DossierCodeFormat::Circular01).unwrap();
    store.migrate().await.unwrap();
    for i in 0..25 {
        store.enqueue_message("EDOC.out.a", &format!("k{i:02}"), vec![i], at("2026-03-04 09:00")).await.unwrap();
    }
    let bus = Memory::new();
    let relay = Relay::new(&store, bus.clone(), 10);
    assert_eq!(relay.round(at("2026-03-04 09:01")).await.unwrap().sent, 10);
    let report = relay.drain(at("2026-03-04 09:01")).await.unwrap();
    assert_eq!((report.sent, report.duplicates), (15, 0));
    assert_eq!(store.outbox_backlog().await.unwrap().0, 0);
    let mut sub = bus.subscribe("receiver", "EDOC.out.a").await.unwrap();
    let got: Vec<String> = drain(&mut sub, Duration::from_millis(50)).await.into_iter().map(|(_, id, _)| id).collect();
    let expected: Vec<String> = (0..25).map(|i| format!("k{i:02}")).collect();
    assert_eq!(got, expected);
}
