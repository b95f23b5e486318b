//! The bus in process, for unit tests: one stream kept in memory with
//! JetStream's rules as far as motcua relies on them: a key stored once
//! (no window: forever), durable consumers that get, in order, what they
//! have not acknowledged, and subjects with the `*` and `>` wildcards.
//! Never what a server talks to.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use futures::StreamExt;

use crate::{Ack, Acker, BusError, Deliveries, Delivery, Transport};

/// An in-process bus; clones share it.
#[derive(Clone, Default)]
pub struct Memory {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    state: Mutex<State>,
    changed: tokio::sync::Notify,
}

#[derive(Default)]
struct State {
    log: Vec<Stored>,
    ids: HashMap<String, u64>,
    consumers: HashMap<String, Consumer>,
}

struct Stored {
    seq: u64,
    subject: String,
    msg_id: String,
    payload: Bytes,
}

struct Consumer {
    filter: String,
    acked: HashSet<u64>,
}

/// Acknowledges one delivery of one durable consumer.
#[derive(Debug)]
pub(crate) struct AckHandle {
    inner: Arc<Inner>,
    durable: String,
    seq: u64,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memory")
    }
}

impl AckHandle {
    pub(crate) fn ack(self) {
        if let Some(c) = lock(&self.inner).consumers.get_mut(&self.durable) {
            c.acked.insert(self.seq);
        }
    }
}

fn lock(inner: &Inner) -> MutexGuard<'_, State> {
    inner.state.lock().unwrap_or_else(|p| p.into_inner())
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    /// How many messages the stream holds (repeats dropped).
    pub fn len(&self) -> usize {
        lock(&self.inner).log.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether `subject` matches `filter`: tokens split on `.`, `*` one token,
/// `>` one or more at the end.
pub(crate) fn matches(filter: &str, subject: &str) -> bool {
    let mut s = subject.split('.');
    for f in filter.split('.') {
        match (f, s.next()) {
            (">", Some(_)) => return true,
            ("*", Some(_)) => {}
            (f, Some(t)) if f == t => {}
            _ => return false,
        }
    }
    s.next().is_none()
}

impl Transport for Memory {
    async fn publish(&self, subject: &str, msg_id: &str, payload: Bytes) -> Result<Ack, BusError> {
        if subject.is_empty() || subject.contains([' ', '*', '>']) {
            return Err(BusError::Publish(format!("invalid subject {subject:?}")));
        }
        let ack = {
            let mut st = lock(&self.inner);
            if let Some(&sequence) = st.ids.get(msg_id) {
                return Ok(Ack { sequence, duplicate: true });
            }
            let seq = st.log.len() as u64 + 1;
            st.log.push(Stored { seq, subject: subject.to_owned(), msg_id: msg_id.to_owned(), payload });
            st.ids.insert(msg_id.to_owned(), seq);
            Ack { sequence: seq, duplicate: false }
        };
        self.inner.changed.notify_waiters();
        Ok(ack)
    }

    async fn subscribe(&self, durable: &str, subject: &str) -> Result<Deliveries, BusError> {
        {
            let mut st = lock(&self.inner);
            let c = st
                .consumers
                .entry(durable.to_owned())
                .or_insert_with(|| Consumer { filter: subject.to_owned(), acked: HashSet::new() });
            if c.filter != subject {
                return Err(BusError::Subscribe(format!("consumer {durable} filters {} already", c.filter)));
            }
        }
        let (inner, durable) = (self.inner.clone(), durable.to_owned());
        // The cursor: the last sequence this subscription handed out.
        let stream = futures::stream::unfold((inner, durable, 0u64), |(inner, durable, cursor)| async move {
            loop {
                let notified = inner.changed.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                let next = {
                    let st = lock(&inner);
                    let c = &st.consumers[&durable];
                    st.log
                        .iter()
                        .find(|m| m.seq > cursor && !c.acked.contains(&m.seq) && matches(&c.filter, &m.subject))
                        .map(|m| (m.seq, m.subject.clone(), m.msg_id.clone(), m.payload.clone()))
                };
                if let Some((seq, subject, msg_id, payload)) = next {
                    let acker = Acker::Memory(AckHandle { inner: inner.clone(), durable: durable.clone(), seq });
                    let d = Delivery { subject, msg_id, payload, acker };
                    return Some((Ok(d), (inner.clone(), durable, seq)));
                }
                notified.await;
            }
        });
        Ok(stream.boxed())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    async fn next(d: &mut Deliveries) -> Option<Delivery> {
        tokio::time::timeout(Duration::from_millis(50), d.next()).await.ok().flatten().map(Result::unwrap)
    }

    #[test]
    fn subjects_match_like_nats() {
        assert!(matches("EDOC.>", "EDOC.out.000.00.04.G18"));
        assert!(matches("EDOC.*.x", "EDOC.out.x"));
        assert!(!matches("EDOC.*.x", "EDOC.out.y.x"));
        assert!(!matches("EDOC.>", "EDOC"));
        assert!(matches("a.b", "a.b") && !matches("a.b", "a.b.c") && !matches("a.b.c", "a.b"));
    }

    #[tokio::test]
    async fn a_key_is_stored_once_and_delivered_until_acknowledged() {
        let bus = Memory::new();
        let first = bus.publish("EDOC.out.a", "k1", Bytes::from_static(b"one")).await.unwrap();
        let again = bus.publish("EDOC.out.a", "k1", Bytes::from_static(b"changed")).await.unwrap();
        assert_eq!((first.duplicate, again.duplicate, again.sequence), (false, true, first.sequence));
        bus.publish("EDOC.out.b", "k2", Bytes::from_static(b"two")).await.unwrap();
        bus.publish("OTHER.x", "k3", Bytes::from_static(b"three")).await.unwrap();
        assert_eq!(bus.len(), 3);

        let mut sub = bus.subscribe("relay-test", "EDOC.>").await.unwrap();
        let d = next(&mut sub).await.unwrap();
        assert_eq!((d.subject.as_str(), d.msg_id.as_str(), &d.payload[..]), ("EDOC.out.a", "k1", &b"one"[..]));
        d.ack().await.unwrap();
        let d = next(&mut sub).await.unwrap();
        assert_eq!(d.msg_id, "k2");
        assert!(next(&mut sub).await.is_none(), "OTHER.x is not on the subject, k1 is not sent twice");
        drop(d);
        // A new subscription of the same consumer gets what was not acknowledged.
        let mut sub = bus.subscribe("relay-test", "EDOC.>").await.unwrap();
        let d = next(&mut sub).await.unwrap();
        assert_eq!(d.msg_id, "k2");
        d.ack().await.unwrap();
        // A message published later reaches the waiting subscription.
        let waiting = tokio::spawn(async move { next(&mut sub).await.map(|d| d.msg_id) });
        tokio::time::sleep(Duration::from_millis(10)).await;
        bus.publish("EDOC.out.c", "k4", Bytes::new()).await.unwrap();
        assert_eq!(waiting.await.unwrap().as_deref(), Some("k4"));
        assert!(bus.subscribe("relay-test", "OTHER.>").await.is_err(), "one consumer, one filter");
    }
}
