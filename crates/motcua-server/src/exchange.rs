//! The exchange of official documents with other agencies over NATS
//! (docs/exchange.md): when `--nats-url` is set, two leased background
//! jobs run in one process of the installation at a time:
//!
//! - `bus-relay` publishes the outbox's messages in order
//!   (`motcua_bus::Relay`) and marks them sent after the bus stored them;
//! - `bus-consume` reads this agency's subject on a durable consumer
//!   (`motcua_bus::Consumer`): each message is logged once, answered "01"
//!   or "02" through the outbox, and acknowledged after the commit.
//!
//! The work is in `motcua-bus` and the store; this module only connects
//! (again at the next round when the bus is down) and schedules.

use std::sync::Arc;
use std::time::Duration;

use motcua_bus::{Consumer, ExchangeSettings, JetStream, Relay};
use motcua_store::Store;
use tokio::sync::OnceCell;

use crate::state::AppState;

/// Messages one relay round publishes at most before the next batch.
const RELAY_BATCH: usize = 100;
/// A consumer round ends when no message came for this long.
const IDLE: Duration = Duration::from_millis(500);

/// The connection, made at the first round that reaches the bus.
struct Link {
    relay: Relay<Store, JetStream>,
    consumer: Consumer<JetStream>,
}

async fn link<'a>(cell: &'a OnceCell<Link>, state: &AppState, s: &ExchangeSettings) -> Option<&'a Link> {
    let made = cell
        .get_or_try_init(|| async {
            let js = JetStream::connect(&s.url, s.stream.clone()).await?;
            tracing::info!(bus.url = %s.redacted_url(), bus.subject = %s.exchange.inbox_subject(), "connected to the exchange bus");
            Ok::<_, motcua_bus::BusError>(Link {
                relay: Relay::new(state.store.clone(), js.clone(), RELAY_BATCH),
                consumer: Consumer::new(js, state.store.clone(), s.exchange.clone()),
            })
        })
        .await;
    match made {
        Ok(l) => Some(l),
        Err(e) => {
            tracing::warn!(bus.url = %s.redacted_url(), error.cause = %e, "the exchange bus cannot be reached; trying again next round");
            None
        }
    }
}

/// Starts the relay and the consumer when the exchange is configured.
pub fn start(state: &AppState) {
    let Some(settings) = state.config.exchange.clone() else {
        tracing::info!("exchange not configured: messages to other agencies wait in the outbox");
        return;
    };
    // Documents issued to outside agencies are sent as this agency, and
    // received ones are registered for the units the directory names.
    state.store.set_exchange(settings.exchange.identity());
    let settings = Arc::new(settings);
    let cell: Arc<OnceCell<Link>> = Arc::new(OnceCell::new());
    // A round stays well inside the lease (three rounds, at least 30 s).
    let within = settings.every.max(Duration::from_secs(10));

    let (s, c) = (settings.clone(), cell.clone());
    crate::worker::spawn_leased(state, "bus-relay", settings.every, move |state| {
        let (s, c) = (s.clone(), c.clone());
        async move {
            let Some(link) = link(&c, &state, &s).await else { return };
            match link.relay.drain(state.now()).await {
                Ok(r) if r.sent > 0 => tracing::info!(bus.sent = r.sent, bus.duplicates = r.duplicates, "relay round"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error.cause = %e, "relay round stopped"),
            }
        }
    });
    let (s, c) = (settings.clone(), cell);
    crate::worker::spawn_leased(state, "bus-consume", settings.every, move |state| {
        let (s, c) = (s.clone(), c.clone());
        async move {
            let Some(link) = link(&c, &state, &s).await else { return };
            match link.consumer.round(|| state.now(), IDLE, within).await {
                Ok(r) if r.received + r.repeats > 0 => tracing::info!(
                    bus.received = r.received,
                    bus.refused = r.refused,
                    bus.repeats = r.repeats,
                    "consumer round"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error.cause = %e, "consumer round stopped"),
            }
        }
    });
}
