//! The relay from the outbox to the bus. A round takes up to a batch of
//! unsent rows in order, publishes each with its key as `Nats-Msg-Id` and
//! waits for the bus's acknowledgement before the next, then marks the
//! acknowledged rows sent. A failure stops the round after marking what
//! was acknowledged; the rest is taken again next round. A crash between
//! an acknowledgement and its mark publishes the row again, which the bus
//! drops by its key (at least once, never lost).
//!
//! The relay runs in one process at a time (the server runs it under a
//! lease, like its other background jobs); two relays at once would only
//! publish rows twice, which the key makes harmless.

use std::future::Future;

use bytes::Bytes;
use chrono::NaiveDateTime;

use crate::{BusError, Transport};

/// An unsent message of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub subject: String,
    pub key: String,
    pub payload: Vec<u8>,
}

/// Where the messages to send are kept (a table written in the actions'
/// transactions).
pub trait Outbox: Send + Sync {
    /// Up to `limit` unsent messages, oldest first.
    fn take_unsent(&self, limit: usize) -> impl Future<Output = Result<Vec<OutboxItem>, BusError>> + Send;
    /// Marks messages sent at `now`.
    fn mark_sent(&self, ids: Vec<i64>, now: NaiveDateTime) -> impl Future<Output = Result<(), BusError>> + Send;
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelayReport {
    /// Rows published and marked sent.
    pub sent: usize,
    /// Of those, the ones the bus had already (a repeat after a crash).
    pub duplicates: usize,
}

/// Publishes an outbox's rows on a transport.
pub struct Relay<O, T> {
    outbox: O,
    transport: T,
    batch: usize,
}

impl<O: Outbox, T: Transport> Relay<O, T> {
    /// A relay taking up to `batch` rows a round.
    pub fn new(outbox: O, transport: T, batch: usize) -> Relay<O, T> {
        Relay { outbox, transport, batch: batch.max(1) }
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// One round: at most one batch.
    pub async fn round(&self, now: NaiveDateTime) -> Result<RelayReport, BusError> {
        let rows = self.outbox.take_unsent(self.batch).await?;
        let mut report = RelayReport::default();
        let mut sent = Vec::with_capacity(rows.len());
        for row in rows {
            match self.transport.publish(&row.subject, &row.key, Bytes::from(row.payload)).await {
                Ok(ack) => {
                    sent.push(row.id);
                    report.duplicates += usize::from(ack.duplicate);
                }
                Err(e) => {
                    report.sent = sent.len();
                    self.outbox.mark_sent(sent, now).await?;
                    tracing::warn!(sent = report.sent, error.cause = %e, "relay stopped: the bus did not take a message");
                    return Err(e);
                }
            }
        }
        report.sent = sent.len();
        self.outbox.mark_sent(sent, now).await?;
        Ok(report)
    }

    /// Rounds until the outbox is empty (a round took less than a batch).
    pub async fn drain(&self, now: NaiveDateTime) -> Result<RelayReport, BusError> {
        let mut total = RelayReport::default();
        loop {
            let r = self.round(now).await?;
            total.sent += r.sent;
            total.duplicates += r.duplicates;
            if r.sent < self.batch {
                return Ok(total);
            }
        }
    }
}

#[cfg(feature = "store")]
impl Outbox for motcua_store::Store {
    async fn take_unsent(&self, limit: usize) -> Result<Vec<OutboxItem>, BusError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = motcua_store::Store::take_unsent(self, limit).await.map_err(|e| BusError::Outbox(e.to_string()))?;
        Ok(rows
            .into_iter()
            .map(|m| OutboxItem { id: m.id, subject: m.subject, key: m.key, payload: m.payload })
            .collect())
    }

    async fn mark_sent(&self, ids: Vec<i64>, now: NaiveDateTime) -> Result<(), BusError> {
        motcua_store::Store::mark_sent(self, ids, now).await.map_err(|e| BusError::Outbox(e.to_string()))
    }
}

/// A reference to an outbox is one (a relay borrowing the server's store).
impl<O: Outbox> Outbox for &O {
    fn take_unsent(&self, limit: usize) -> impl Future<Output = Result<Vec<OutboxItem>, BusError>> + Send {
        (**self).take_unsent(limit)
    }

    fn mark_sent(&self, ids: Vec<i64>, now: NaiveDateTime) -> impl Future<Output = Result<(), BusError>> + Send {
        (**self).mark_sent(ids, now)
    }
}
