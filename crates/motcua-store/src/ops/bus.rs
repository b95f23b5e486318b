//! The message bus's tables (migration 0032, docs/exchange.md).
//!
//! **The outbox** (`bus_outbox`): an action that sends something to
//! another agency writes the message with [`enqueue_message`] inside its
//! own transaction, so the message exists exactly when the action
//! committed. The relay (`motcua-bus`, run under a lease like the other
//! background jobs) takes unsent rows in id order ([`Store::take_unsent`]),
//! publishes them and marks them sent only after the bus acknowledged them
//! ([`Store::mark_sent`]). A crash in between sends a row again; the bus
//! drops the repeat by its key. Rows of one document are written by
//! successive actions on it, so their ids follow the actions; rows of
//! transactions that commit concurrently may go out in either order.
//!
//! **The received log** (`bus_received`): every message received from
//! another agency, keyed by (sender, document id, business type), with
//! the SHA-256 of its raw bytes and the time; [`record_received`] says
//! whether the message is new, so a late duplicate is a no-op.

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::db::Conn;
use crate::{Store, StoreError, params};

/// An unsent message of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub subject: String,
    /// The message's key: the bus's `Nats-Msg-Id`.
    pub key: String,
    pub payload: Vec<u8>,
}

/// Queues a message in the caller's transaction. `false` when a message
/// with this key is queued already (the same message: nothing is written).
pub(crate) fn enqueue_message(
    c: &mut dyn Conn,
    subject: &str,
    key: &str,
    payload: &[u8],
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let n = c.execute(
        "INSERT INTO bus_outbox (subject, msg_key, payload, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (msg_key) DO NOTHING",
        params![subject, key, payload, now],
    )?;
    Ok(n == 1)
}

/// Records a received message in the caller's transaction: `true` when it
/// is new, `false` when (sender, document id, business type) was received
/// before (the first one's hash and time are kept).
pub(crate) fn record_received(
    c: &mut dyn Conn,
    sender: &str,
    document_id: &str,
    business_type: i16,
    raw: &[u8],
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let hash = hex::encode(Sha256::digest(raw));
    let n = c.execute(
        "INSERT INTO bus_received (sender, document_id, business_type, sha256, received_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sender, document_id, business_type) DO NOTHING",
        params![sender, document_id, business_type, hash, now],
    )?;
    Ok(n == 1)
}

impl Store {
    /// Queues a message in a transaction of its own ([`enqueue_message`]
    /// is the same inside an action's transaction).
    pub async fn enqueue_message(
        &self,
        subject: &str,
        key: &str,
        payload: Vec<u8>,
        now: NaiveDateTime,
    ) -> Result<bool, StoreError> {
        let (subject, key) = (subject.to_owned(), key.to_owned());
        self.blocking(move |s| s.write(|c| enqueue_message(c, &subject, &key, &payload, now))).await
    }

    /// Up to `limit` unsent messages, oldest first.
    pub async fn take_unsent(&self, limit: i64) -> Result<Vec<OutboxMessage>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, subject, msg_key, payload FROM bus_outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1",
                    params![limit],
                )?
                .iter()
                .map(|r| {
                    Ok(OutboxMessage {
                        id: r.i64(0)?,
                        subject: r.string(1)?,
                        key: r.string(2)?,
                        payload: r.bytes(3)?.to_vec(),
                    })
                })
                .collect()
            })
        })
        .await
    }

    /// Marks messages sent (the bus acknowledged them); a message marked
    /// already keeps its first time.
    pub async fn mark_sent(&self, ids: Vec<i64>, now: NaiveDateTime) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.blocking(move |s| {
            s.write(|c| {
                for chunk in ids.chunks(500) {
                    let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
                    let mut values = vec![crate::db::Value::from(now)];
                    values.extend(chunk.iter().map(|&id| crate::db::Value::from(id)));
                    c.execute(
                        &format!(
                            "UPDATE bus_outbox SET sent_at = $1 WHERE sent_at IS NULL AND id IN ({})",
                            marks.join(", ")
                        ),
                        &values,
                    )?;
                }
                Ok(())
            })
        })
        .await
    }

    /// How many messages wait to be sent, and the oldest one's time.
    pub async fn outbox_backlog(&self) -> Result<(i64, Option<NaiveDateTime>), StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let r = c.query_one("SELECT COUNT(*), MIN(created_at) FROM bus_outbox WHERE sent_at IS NULL", &[])?;
                Ok((r.i64(0)?, r.opt_time(1)?))
            })
        })
        .await
    }

    /// Records a received message in a transaction of its own
    /// ([`record_received`] is the same inside an action's transaction):
    /// `true` the first time, `false` for a duplicate.
    pub async fn record_received(
        &self,
        sender: &str,
        document_id: &str,
        business_type: i16,
        raw: Vec<u8>,
        now: NaiveDateTime,
    ) -> Result<bool, StoreError> {
        let (sender, document_id) = (sender.to_owned(), document_id.to_owned());
        self.blocking(move |s| s.write(|c| record_received(c, &sender, &document_id, business_type, &raw, now))).await
    }

    /// The hash and time a message was first received, if it was.
    pub async fn received_message(
        &self,
        sender: &str,
        document_id: &str,
        business_type: i16,
    ) -> Result<Option<(String, NaiveDateTime)>, StoreError> {
        let (sender, document_id) = (sender.to_owned(), document_id.to_owned());
        self.blocking(move |s| {
            s.read(|c| {
                c.query_opt(
                    "SELECT sha256, received_at FROM bus_received WHERE sender = $1 AND document_id = $2 \
                     AND business_type = $3",
                    params![&sender, &document_id, business_type],
                )?
                .map(|r| Ok((r.string(0)?, r.time(1)?)))
                .transpose()
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{postgres_url, sqlite_url};

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    /// The message and the received record belong to the caller's
    /// transaction: a refused action leaves neither behind.
    async fn a_rolled_back_action_leaves_no_message(url: String) {
        let store = Store::open(&url, motcua_rules::codes::DossierCodeFormat::Circular01).unwrap();
        store.migrate().await.unwrap();
        let refused: Result<(), StoreError> = store
            .blocking(|s| {
                s.write(|c| {
                    assert!(enqueue_message(c, "EDOC.out.000.00.04.G18", "k1", b"<edXML/>", now())?);
                    assert!(record_received(c, "000.00.04.G18", "d1", 0, b"<edXML/>", now())?);
                    Err(StoreError::internal("the action was refused"))
                })
            })
            .await;
        assert!(refused.is_err());
        assert!(store.take_unsent(10).await.unwrap().is_empty());
        assert_eq!(store.received_message("000.00.04.G18", "d1", 0).await.unwrap(), None);
        // Committed, both are there; the same key again is the same message.
        store
            .blocking(|s| {
                s.write(|c| {
                    assert!(enqueue_message(c, "EDOC.out.000.00.04.G18", "k1", b"<edXML/>", now())?);
                    assert!(!enqueue_message(c, "EDOC.out.000.00.04.G18", "k1", b"other", now())?);
                    record_received(c, "000.00.04.G18", "d1", 0, b"<edXML/>", now()).map(|_| ())
                })
            })
            .await
            .unwrap();
        let unsent = store.take_unsent(10).await.unwrap();
        assert_eq!((unsent.len(), unsent[0].payload.as_slice()), (1, &b"<edXML/>"[..]));
        assert!(store.received_message("000.00.04.G18", "d1", 0).await.unwrap().is_some());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rolled_back_action_leaves_no_message_sqlite() {
        a_rolled_back_action_leaves_no_message(sqlite_url()).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rolled_back_action_leaves_no_message_postgres() {
        if let Some(url) = postgres_url("a_rolled_back_action_leaves_no_message") {
            a_rolled_back_action_leaves_no_message(url).await;
        }
    }
}
