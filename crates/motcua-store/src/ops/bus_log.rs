//! The exchange's message log (migration 0033, docs/exchange.md): every
//! message received from another agency and every message sent to one,
//! with its raw bytes, their SHA-256 and the time.
//!
//! **Receiving** ([`Store::receive_message`], the consumer's one call per
//! delivery): in one transaction, a message already logged (the same key
//! and bytes: the bus delivered it again) or a document already received
//! (`bus_received`: the same sender, document id and business type, sent
//! again under another key) is a repeat and nothing is written; otherwise
//! the message is logged, an accepted document is recorded in
//! `bus_received`, and the status reply the consumer built ("01 arrived",
//! "02 refused") is queued in the outbox and logged. The consumer
//! acknowledges the delivery only after this committed.
//!
//! **The hand-off to the documents model** is [`receive`]: it runs inside
//! that transaction. Once the store knows this installation's identity
//! (`Store::set_exchange`), an accepted document arrives there at the
//! units it is addressed to (`ops::xdoc_in`; none: refused "02"), and a
//! status reply moves the progress of the document it answers
//! (`ops::xdoc_out`), so the arrival, its record and its reply commit or
//! fail together.
//!
//! **Sending** ([`send`] inside an action's transaction, or
//! [`Store::send_message`]): the message is queued in the outbox and
//! logged at once.

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::db::Conn;
use crate::ops::bus::{enqueue_message, record_received};
use crate::ops::exchange_agencies::ExchangeIdentity;
use crate::ops::{xdoc_in, xdoc_out};
use crate::{Store, StoreError, params};

/// What a logged message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogKind {
    Document,
    Status,
    /// Not readable as either (refused).
    Unknown,
}

impl LogKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LogKind::Document => "document",
            LogKind::Status => "status",
            LogKind::Unknown => "unknown",
        }
    }
}

/// One message to log, as the exchange read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub kind: LogKind,
    pub sender: Option<String>,
    pub recipient: Option<String>,
    pub document_id: Option<String>,
    pub business_type: Option<i16>,
    /// A status reply's code; a received document: the code answered.
    pub status: Option<String>,
    /// The refusal of a received message: (code, field).
    pub refusal: Option<(String, String)>,
    pub subject: String,
    /// The bus key (`Nats-Msg-Id`).
    pub key: String,
    pub payload: Vec<u8>,
}

/// A delivery as the consumer read it, and the reply to queue with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub message: LogEntry,
    pub reply: Option<LogEntry>,
}

/// What became of a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// New, recorded and accepted.
    Accepted,
    /// New, recorded and refused (by the consumer's reading, or because
    /// it names no unit here).
    Refused,
    /// A repeat: nothing written.
    Repeat,
}

impl Received {
    /// Recorded now (accepted or refused), not a repeat.
    pub fn is_new(self) -> bool {
        self != Received::Repeat
    }
}

/// One line of the log, for the administrator (`/admin/exchange` and
/// `GET /api/v1/exchange/log`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct LogLine {
    pub id: i64,
    pub at: NaiveDateTime,
    /// `in` or `out`.
    pub direction: String,
    /// `document`, `status` or `unknown` (not readable).
    pub kind: String,
    pub sender: Option<String>,
    pub recipient: Option<String>,
    pub document_id: Option<String>,
    /// 0 new, 1 revoke, 2 update, 3 replace.
    pub business_type: Option<i64>,
    /// A status reply's code; a received document: the code it was answered with (01, 02).
    pub status: Option<String>,
    /// The RuleError code a received message was refused with.
    pub refusal_code: Option<String>,
    pub refusal_field: Option<String>,
    /// SHA-256 of the raw bytes, hex.
    pub sha256: String,
}

fn log(c: &mut dyn Conn, direction: &str, e: &LogEntry, now: NaiveDateTime) -> Result<i64, StoreError> {
    let hash = hex::encode(Sha256::digest(&e.payload));
    let (code, field) = e.refusal.clone().unzip();
    let r = c.query_one(
        "INSERT INTO bus_log (at, direction, kind, sender, recipient, document_id, business_type, status, \
         refusal_code, refusal_field, subject, msg_key, sha256, payload) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        params![
            now,
            direction,
            e.kind.as_str(),
            e.sender.clone(),
            e.recipient.clone(),
            e.document_id.clone(),
            e.business_type,
            e.status.clone(),
            code,
            field,
            &e.subject,
            &e.key,
            hash,
            e.payload.as_slice()
        ],
    )?;
    Ok(r.i64(0)?)
}

/// Queues `e` in the outbox and logs it, in the caller's transaction;
/// `false` when a message with its key is queued already (nothing written).
pub(crate) fn send(c: &mut dyn Conn, e: &LogEntry, now: NaiveDateTime) -> Result<bool, StoreError> {
    if !enqueue_message(c, &e.subject, &e.key, &e.payload, now)? {
        return Ok(false);
    }
    log(c, "out", e, now)?;
    Ok(true)
}

/// Records a delivery in the caller's transaction (see the module's
/// documentation): whether it is new and refused; for a repeat nothing is
/// written. With this installation's identity (`me`), an
/// accepted document arrives at the units it is addressed to, or is refused
/// when it names none (`ops::xdoc_in`), and a status reply moves the
/// progress of the document it answers (`ops::xdoc_out`).
pub(crate) fn receive(
    c: &mut dyn Conn,
    incoming: &Incoming,
    me: Option<&ExchangeIdentity>,
    now: NaiveDateTime,
) -> Result<Received, StoreError> {
    let hash = hex::encode(Sha256::digest(&incoming.message.payload));
    let logged = c.query_opt(
        "SELECT 1 FROM bus_log WHERE direction = 'in' AND msg_key = $1 AND sha256 = $2",
        params![&incoming.message.key, &hash],
    )?;
    if logged.is_some() {
        return Ok(Received::Repeat);
    }
    let mut incoming = incoming.clone();
    let accepted = |m: &LogEntry| m.kind == LogKind::Document && m.refusal.is_none();
    let arrival = match me {
        Some(me) if accepted(&incoming.message) => xdoc_in::screen(c, me, &mut incoming, &hash, now)?,
        _ => None,
    };
    let m = &incoming.message;
    if accepted(m)
        && let (Some(sender), Some(document_id), Some(business)) = (&m.sender, &m.document_id, m.business_type)
        && !record_received(c, sender, document_id, business, &m.payload, now)?
    {
        return Ok(Received::Repeat);
    }
    log(c, "in", m, now)?;
    if let Some(arrival) = &arrival {
        xdoc_in::register_arrival(c, arrival, now)?;
    }
    if me.is_some() && m.kind == LogKind::Status && m.refusal.is_none() {
        xdoc_out::status_arrived(c, &m.payload, now)?;
    }
    if let Some(reply) = &incoming.reply {
        send(c, reply, now)?;
    }
    Ok(if m.refusal.is_some() { Received::Refused } else { Received::Accepted })
}

impl Store {
    /// Records a delivery in a transaction of its own ([`receive`]).
    pub async fn receive_message(&self, incoming: Incoming, now: NaiveDateTime) -> Result<Received, StoreError> {
        self.blocking(move |s| {
            let me = s.exchange();
            s.write(|c| receive(c, &incoming, me.as_ref(), now))
        })
        .await
    }

    /// Queues a message and logs it, in a transaction of its own ([`send`]).
    pub async fn send_message(&self, entry: LogEntry, now: NaiveDateTime) -> Result<bool, StoreError> {
        self.blocking(move |s| s.write(|c| send(c, &entry, now))).await
    }

    /// The newest `limit` lines of the log, newest first.
    pub async fn bus_log(&self, limit: i64) -> Result<Vec<LogLine>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, at, direction, kind, sender, recipient, document_id, business_type, status, \
                     refusal_code, refusal_field, sha256 FROM bus_log ORDER BY id DESC LIMIT $1",
                    params![limit],
                )?
                .iter()
                .map(|r| {
                    Ok(LogLine {
                        id: r.i64(0)?,
                        at: r.time(1)?,
                        direction: r.string(2)?,
                        kind: r.string(3)?,
                        sender: r.opt_string(4)?,
                        recipient: r.opt_string(5)?,
                        document_id: r.opt_string(6)?,
                        business_type: r.opt_i64(7)?,
                        status: r.opt_string(8)?,
                        refusal_code: r.opt_string(9)?,
                        refusal_field: r.opt_string(10)?,
                        sha256: r.string(11)?,
                    })
                })
                .collect()
            })
        })
        .await
    }

    /// The raw bytes of a logged message.
    pub async fn bus_log_payload(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query_opt("SELECT payload FROM bus_log WHERE id = $1", params![id])?
                    .map(|r| Ok(r.bytes(0)?.to_vec()))
                    .transpose()
            })
        })
        .await
    }
}
