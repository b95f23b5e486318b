//! Notifications and escalation (docs/notifications.md): the channels an
//! installation configured ([`NotifyConfig`], none by default), the sender
//! job that delivers the outbox ([`sender::send_round`]) and the scheduler
//! that escalates steps near or past their due moment
//! ([`scheduler::escalate_round`]). Both run under a lease
//! (`crate::worker::spawn_leased`), so one process of an installation
//! does each; tests call the rounds directly.

pub mod config;
pub mod scheduler;
pub mod sender;
pub mod vars;

use std::time::Duration;

pub use config::NotifyConfig;

use crate::state::AppState;

/// How often the sender looks at the outbox.
pub const SEND_EVERY: Duration = Duration::from_secs(20);

/// How often the scheduler looks for steps near or past due.
pub const ESCALATE_EVERY: Duration = Duration::from_secs(300);

/// Starts both jobs.
pub fn spawn(state: &AppState) {
    crate::worker::spawn_leased(state, "notify-send", SEND_EVERY, |s| async move {
        if let Err(e) = sender::send_round(&s).await {
            tracing::warn!(job = "notify-send", error.code = e.code, "the notification round failed");
        }
    });
    crate::worker::spawn_leased(state, "escalate", ESCALATE_EVERY, |s| async move {
        if let Err(e) = scheduler::escalate_round(&s).await {
            tracing::warn!(job = "escalate", error.code = e.code, "the escalation round failed");
        }
    });
}
