//! The bus's outbox and received log (migration 0032), the same on every
//! database: messages come out in the order queued, only the unsent ones,
//! a key is queued once, marking is idempotent, and a received message is
//! new exactly once per (sender, document id, business type).

#[macro_use]
mod common;

use chrono::NaiveDateTime;
use motcua_store::Store;
use sha2::{Digest, Sha256};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

on_both!(the_outbox_gives_unsent_messages_in_order, a_received_message_is_new_once);

async fn the_outbox_gives_unsent_messages_in_order(store: Store) {
    assert!(store.take_unsent(10).await.unwrap().is_empty());
    for i in 0..5 {
        let payload = vec![0u8, 255, i as u8];
        assert!(
            store
                .enqueue_message("EDOC.out.000.00.04.G18", &format!("doc-{i}"), payload, at("2026-03-04 09:00"))
                .await
                .unwrap()
        );
    }
    assert!(!store.enqueue_message("EDOC.out.000.00.04.G18", "doc-2", vec![9], at("2026-03-04 09:01")).await.unwrap());
    let first = store.take_unsent(3).await.unwrap();
    let keys: Vec<_> = first.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["doc-0", "doc-1", "doc-2"]);
    assert_eq!(first[2].payload, vec![0, 255, 2], "the bytes as queued, not the repeat's");
    assert!(first.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(store.outbox_backlog().await.unwrap(), (5, Some(at("2026-03-04 09:00"))));

    // Taking is not sending: the same rows come back until they are marked.
    assert_eq!(store.take_unsent(3).await.unwrap(), first);
    store.mark_sent(vec![first[0].id, first[1].id], at("2026-03-04 09:02")).await.unwrap();
    store.mark_sent(vec![first[0].id], at("2026-03-04 09:03")).await.unwrap();
    store.mark_sent(vec![], at("2026-03-04 09:03")).await.unwrap();
    let rest: Vec<_> = store.take_unsent(10).await.unwrap().into_iter().map(|m| m.key).collect();
    assert_eq!(rest, ["doc-2", "doc-3", "doc-4"]);
    let ids: Vec<i64> = store.take_unsent(10).await.unwrap().iter().map(|m| m.id).collect();
    store.mark_sent(ids, at("2026-03-04 09:04")).await.unwrap();
    assert!(store.take_unsent(10).await.unwrap().is_empty());
    assert_eq!(store.outbox_backlog().await.unwrap(), (0, None));
}

async fn a_received_message_is_new_once(store: Store) {
    let raw = b"<edXML:edXML/>".to_vec();
    let doc = "000.00.04.G18,2026/03/04,05/BNV-VP";
    assert!(store.record_received("000.00.04.G18", doc, 0, raw.clone(), at("2026-03-04 09:00")).await.unwrap());
    assert!(!store.record_received("000.00.04.G18", doc, 0, b"resent".to_vec(), at("2026-03-04 09:05")).await.unwrap());
    // The first one's hash and time are kept.
    let (hash, when) = store.received_message("000.00.04.G18", doc, 0).await.unwrap().unwrap();
    assert_eq!((hash, when), (hex::encode(Sha256::digest(&raw)), at("2026-03-04 09:00")));
    // A revocation of the same document, or the same id from another
    // sender, is another message.
    assert!(store.record_received("000.00.04.G18", doc, 1, raw.clone(), at("2026-03-04 10:00")).await.unwrap());
    assert!(store.record_received("000.00.00.H30", doc, 0, raw, at("2026-03-04 10:00")).await.unwrap());
    assert_eq!(store.received_message("000.00.04.G14", doc, 0).await.unwrap(), None);
}
