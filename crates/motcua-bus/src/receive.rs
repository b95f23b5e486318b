//! The receiving side of the exchange (feature `store`): a durable consumer
//! on this installation's subject reads each delivery with
//! `motcua_edxml`, records it through [`Store::receive_message`] (the
//! message log, `bus_received`, and the automatic status reply back to
//! the sender through the outbox, all in one transaction) and
//! acknowledges it only after that committed (docs/exchange.md).
//!
//! - A document that parses is answered "01 arrived"; one that does not is
//!   logged as refused with the `RuleError`'s code and field, answered "02
//!   refused" with the reason when the sender and the document can be read
//!   ([`motcua_edxml::identify`]), and acknowledged: it is not delivered
//!   forever.
//! - A status reply is logged with its code and never answered (no reply
//!   to a reply: two installations cannot loop).
//! - A repeat (the same delivery again, or the same document sent again
//!   under another key) is acknowledged and nothing is written.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use futures::StreamExt;
use motcua_edxml::{
    Envelope, Identity, MessageKind, Organ, OrganId, ResponseFor, SUBJECT_MAX, StatusCode, identify, parse,
    parse_status,
};
use motcua_rules::RuleError;
use motcua_store::{ExchangeIdentity, Incoming, LogEntry, LogKind, Received, Store};
use sha2::{Digest, Sha256};

use crate::{BusError, Deliveries, Delivery, Transport};

/// This installation on the bus: the agency it receives for, and the
/// prefix of the subjects (`EDOC.out`: a message to agency X goes to
/// `EDOC.out.X`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub agency: Organ,
    pub subject_prefix: String,
}

impl Exchange {
    pub const DEFAULT_PREFIX: &'static str = "EDOC.out";

    /// The subject of the messages to `to`.
    pub fn subject_for(&self, to: &OrganId) -> String {
        format!("{}.{}", self.subject_prefix, to.as_str())
    }

    /// The subject this installation receives on.
    pub fn inbox_subject(&self) -> String {
        self.subject_for(&self.agency.id)
    }

    /// The durable consumer's name (NATS names have no dots).
    pub fn durable(&self) -> String {
        format!("motcua-{}", self.agency.id.as_str().replace('.', "_"))
    }

    /// This installation as the store knows it ([`Store::set_exchange`]).
    pub fn identity(&self) -> ExchangeIdentity {
        ExchangeIdentity { agency: self.agency.clone(), subject_prefix: self.subject_prefix.clone() }
    }

    /// The messages of a document, one per recipient
    /// ([`ExchangeIdentity::outgoing`]).
    pub fn outgoing(&self, e: &Envelope) -> Result<Vec<LogEntry>, RuleError> {
        self.identity().outgoing(e)
    }

    /// What a delivery is and the reply it gets (pure; `now` stamps the
    /// reply).
    pub fn examine(&self, subject: &str, key: &str, payload: &[u8], now: NaiveDateTime) -> Incoming {
        let id = identify(payload);
        let mut m = LogEntry {
            kind: match id.kind {
                MessageKind::Document => LogKind::Document,
                MessageKind::Status => LogKind::Status,
                MessageKind::Unknown => LogKind::Unknown,
            },
            sender: id.from.as_ref().map(|o| o.as_str().to_owned()),
            recipient: Some(self.agency.id.as_str().to_owned()),
            document_id: id.document_id.clone(),
            business_type: id.business_type.map(i16::from),
            status: None,
            refusal: None,
            subject: subject.to_owned(),
            key: key.to_owned(),
            payload: payload.to_vec(),
        };
        let digest = hex::encode(Sha256::digest(payload));
        let refuse = |m: &mut LogEntry, e: &RuleError| {
            m.refusal = Some((e.code.to_owned(), e.field.clone().unwrap_or_default()));
        };
        let reply = match id.kind {
            MessageKind::Status => {
                match parse_status(payload) {
                    Ok(st) => m.status = Some(st.code.code().to_owned()),
                    Err(e) => refuse(&mut m, &e),
                }
                None
            }
            MessageKind::Document => match parse(payload) {
                Ok(env) => {
                    m.business_type = Some(i16::from(env.business.code()));
                    let about = ResponseFor {
                        organ_id: env.from.id.clone(),
                        code: env.code.joined(),
                        promulgation_date: env.promulgation_date,
                        document_id: env.document_id.clone(),
                    };
                    self.reply(&mut m, about, StatusCode::Arrived, None, &digest, now)
                }
                Err(e) => {
                    refuse(&mut m, &e);
                    match about(&id) {
                        Some(about) => self.reply(&mut m, about, StatusCode::Refused, Some(reason(&e)), &digest, now),
                        None => None,
                    }
                }
            },
            MessageKind::Unknown => {
                let e = parse(payload).err().unwrap_or_else(|| RuleError::invalid("edxml_malformed", "edXML"));
                refuse(&mut m, &e);
                None
            }
        };
        Incoming { message: m, reply }
    }

    /// The status reply about a received message, logged against it.
    fn reply(
        &self,
        m: &mut LogEntry,
        about: ResponseFor,
        code: StatusCode,
        description: Option<String>,
        digest: &str,
        now: NaiveDateTime,
    ) -> Option<LogEntry> {
        // One reply per received message (its bytes), whatever retries.
        let me = self.identity();
        let key = me.reply_key(digest, code);
        match me.status_entry(&self.agency, about, code, description, key, now) {
            Ok(reply) => {
                m.status = Some(code.code().to_owned());
                Some(reply)
            }
            Err(e) => {
                tracing::warn!(error.code = e.code, "the status reply cannot be built");
                None
            }
        }
    }
}

/// The document a refused message names, when enough of it can be read
/// for a status reply.
fn about(id: &Identity) -> Option<ResponseFor> {
    Some(ResponseFor {
        organ_id: id.from.clone()?,
        code: id.code.clone().unwrap_or_default(),
        promulgation_date: id.promulgation_date?,
        document_id: id.document_id.clone()?,
    })
}

/// A refusal's reason for the sender: the Vietnamese message, the code and
/// the element, within the Description's limit.
fn reason(e: &RuleError) -> String {
    let text = format!("{} [{} {}]", e.message_vi, e.code, e.field.as_deref().unwrap_or(""));
    text.chars().take(SUBJECT_MAX).collect()
}

/// What one round of the consumer did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConsumeReport {
    /// New messages recorded (refused ones included).
    pub received: usize,
    /// Of which refused.
    pub refused: usize,
    /// Repeats acknowledged and ignored.
    pub repeats: usize,
}

/// The durable consumer of this installation's subject.
pub struct Consumer<T> {
    transport: T,
    store: Store,
    exchange: Exchange,
    deliveries: tokio::sync::Mutex<Option<Deliveries>>,
}

impl<T: Transport> Consumer<T> {
    /// The consumer of `exchange`'s subject. Received documents are
    /// registered only when `store` knows the same identity
    /// ([`Store::set_exchange`], which the server does at start).
    pub fn new(transport: T, store: Store, exchange: Exchange) -> Consumer<T> {
        Consumer { transport, store, exchange, deliveries: tokio::sync::Mutex::new(None) }
    }

    /// Records one delivery (committed when this returns), without
    /// acknowledging it: whether it was new, and whether it was refused.
    pub async fn record(&self, d: &Delivery, now: NaiveDateTime) -> Result<(bool, bool), BusError> {
        let incoming = self.exchange.examine(&d.subject, &d.msg_id, &d.payload, now);
        let got = self.store.receive_message(incoming, now).await.map_err(|e| BusError::Outbox(e.to_string()))?;
        Ok((got.is_new(), got == Received::Refused))
    }

    /// Handles deliveries until none comes within `idle` or `within` has
    /// passed. A delivery that cannot be recorded is left unacknowledged
    /// (the bus delivers it again) and ends the round.
    pub async fn round(
        &self,
        now: impl Fn() -> NaiveDateTime,
        idle: Duration,
        within: Duration,
    ) -> Result<ConsumeReport, BusError> {
        let started = Instant::now();
        let mut report = ConsumeReport::default();
        let mut slot = self.deliveries.lock().await;
        if slot.is_none() {
            *slot = Some(self.transport.subscribe(&self.exchange.durable(), &self.exchange.inbox_subject()).await?);
        }
        while started.elapsed() < within {
            let Some(sub) = slot.as_mut() else { break };
            let d = match tokio::time::timeout(idle, sub.next()).await {
                Err(_) => break,
                Ok(Some(Ok(d))) => d,
                Ok(None) => {
                    *slot = None;
                    break;
                }
                Ok(Some(Err(e))) => {
                    *slot = None;
                    return Err(e);
                }
            };
            let (new, refused) = self.record(&d, now()).await?;
            d.ack().await?;
            if new {
                report.received += 1;
                report.refused += usize::from(refused);
            } else {
                report.repeats += 1;
            }
        }
        Ok(report)
    }
}
