//! The durable message bus between motcua instances (and, later, the
//! adapters to the national exchange platform): subjects, keys and bytes,
//! nothing of documents.
//!
//! - [`Transport`]: publish a message under a key (the bus drops a repeat
//!   of the key) and get an acknowledgement once it is stored; subscribe a
//!   durable consumer and acknowledge each [`Delivery`] once handled.
//!   [`JetStream`] is the real one (NATS JetStream, file storage);
//!   [`Memory`] is in process, for unit tests.
//! - [`Relay`]: takes the unsent rows of an [`Outbox`] (the database table
//!   an action writes in its own transaction) in order, publishes them and
//!   marks them sent only after the acknowledgement. With the feature
//!   `store`, `motcua_store::Store` is an `Outbox`.
//!
//! Delivery is at least once: a crash between the acknowledgement and the
//! mark publishes a row again, which the bus drops by its key within its
//! duplicate window; the receiving side keeps its own unique key for later
//! repeats (docs/exchange.md, "Delivery guarantees").

mod jetstream;
mod memory;
#[cfg(feature = "store")]
mod receive;
mod relay;

use std::future::Future;

pub use bytes::Bytes;
pub use jetstream::{JetStream, StreamSettings};
pub use memory::Memory;
#[cfg(feature = "store")]
pub use receive::{ConsumeReport, Consumer, Exchange};
pub use relay::{Outbox, OutboxItem, Relay, RelayReport};

/// What a province configures to join the exchange (`motcua serve
/// --nats-url` and its siblings, docs/exchange.md); none by default.
#[cfg(feature = "store")]
#[derive(Debug, Clone)]
pub struct ExchangeSettings {
    /// The NATS server (`nats://host:4222`); may carry a user and password.
    pub url: String,
    pub stream: StreamSettings,
    pub exchange: Exchange,
    /// How often the relay and the consumer run a round.
    pub every: std::time::Duration,
}

#[cfg(feature = "store")]
impl ExchangeSettings {
    pub const DEFAULT_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

    /// The server's address without a user or password, for pages and logs.
    pub fn redacted_url(&self) -> String {
        match self.url.split_once("://") {
            Some((scheme, rest)) => match rest.rsplit_once('@') {
                Some((_, host)) => format!("{scheme}://***@{host}"),
                None => self.url.clone(),
            },
            None => self.url.clone(),
        }
    }
}

/// What went wrong talking to the bus or the outbox. The text is for the
/// log; no payload is ever in it.
#[derive(Debug, thiserror::Error)]
pub enum BusError {
    #[error("cannot connect to the bus: {0}")]
    Connect(String),
    #[error("the bus did not take the message: {0}")]
    Publish(String),
    #[error("cannot subscribe: {0}")]
    Subscribe(String),
    #[error("cannot read from the bus: {0}")]
    Receive(String),
    #[error("the bus did not take the acknowledgement: {0}")]
    Ack(String),
    #[error("outbox: {0}")]
    Outbox(String),
}

/// The bus stored a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ack {
    /// Its position in the stream.
    pub sequence: u64,
    /// A message with the same key was stored before (within the duplicate
    /// window): this one was dropped, and `sequence` is the first one's.
    pub duplicate: bool,
}

/// A message handed to a consumer. Not acknowledged, it is delivered
/// again (JetStream: after the consumer's ack wait; [`Memory`]: to the
/// next subscription of the durable consumer).
#[derive(Debug)]
pub struct Delivery {
    pub subject: String,
    /// The key it was published under (`Nats-Msg-Id`).
    pub msg_id: String,
    pub payload: Bytes,
    acker: Acker,
}

#[derive(Debug)]
enum Acker {
    JetStream(Box<async_nats::jetstream::Message>),
    Memory(memory::AckHandle),
}

impl Delivery {
    /// Acknowledges the message: it is not delivered to this durable
    /// consumer again. Returns once the bus confirmed it.
    pub async fn ack(self) -> Result<(), BusError> {
        match self.acker {
            Acker::JetStream(m) => m.double_ack().await.map_err(|e| BusError::Ack(e.to_string())),
            Acker::Memory(h) => {
                h.ack();
                Ok(())
            }
        }
    }
}

/// The deliveries of a subscription, in stream order.
pub type Deliveries = futures::stream::BoxStream<'static, Result<Delivery, BusError>>;

/// A message bus.
pub trait Transport: Send + Sync {
    /// Stores `payload` under `subject` with the key `msg_id`; returns once
    /// the bus has it (or says it had it already).
    fn publish(
        &self,
        subject: &str,
        msg_id: &str,
        payload: Bytes,
    ) -> impl Future<Output = Result<Ack, BusError>> + Send;

    /// The messages on `subject` (NATS wildcards `*` and `>` allowed) for
    /// the durable consumer `durable`, created at the first call: the
    /// messages it has not acknowledged, from the start of the stream.
    fn subscribe(&self, durable: &str, subject: &str) -> impl Future<Output = Result<Deliveries, BusError>> + Send;
}
