//! Background jobs that run in one server process of an installation at a
//! time, however many processes serve it (the portal sync, the notification
//! sender, the escalation scheduler). Each round first takes or renews the
//! job's lease in the database ([`motcua_store::Store::lease_take`]); the
//! process that holds it runs the round, the others wait for the next one.
//! A process that dies stops renewing, and another takes over once its
//! lease has run out.
//!
//! A job is a function of the state that does one short round of work
//! (a bounded batch): tests call it directly instead of waiting for the
//! timer.

use std::future::Future;
use std::sync::OnceLock;
use std::time::Duration;

use crate::state::AppState;

/// The shortest lease, so a slow round on a busy machine does not lose it.
const MIN_LEASE: Duration = Duration::from_secs(30);

/// This process's name in the leases it holds: host, process id and a
/// random part (two processes in one container may share a pid).
pub fn holder() -> &'static str {
    static HOLDER: OnceLock<String> = OnceLock::new();
    HOLDER.get_or_init(|| {
        let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_default();
        let mut random = [0u8; 6];
        // Without randomness the pid still tells processes of one host apart.
        let _ = getrandom::fill(&mut random);
        format!("{host}:{}:{}", std::process::id(), hex::encode(random))
    })
}

/// How long a lease taken before a round lasts: three rounds, at least
/// [`MIN_LEASE`], so one late round does not hand the job to another process.
pub fn lease_length(every: Duration) -> Duration {
    (every * 3).max(MIN_LEASE)
}

/// Runs `round` every `every` in whichever process holds the lease `name`.
pub fn spawn_leased<F, Fut>(state: &AppState, name: &'static str, every: Duration, round: F)
where
    F: Fn(AppState) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let state = state.clone();
    tokio::spawn(async move {
        let mut timer = tokio::time::interval(every);
        timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let length = chrono::Duration::from_std(lease_length(every)).unwrap_or(chrono::Duration::minutes(1));
        loop {
            timer.tick().await;
            let now = state.now();
            match state.store.lease_take(name, holder(), now, now + length).await {
                Ok(true) => round(state.clone()).await,
                Ok(false) => {}
                Err(e) => tracing::warn!(job = name, error.cause = %e, "could not take the job's lease"),
            }
        }
    });
}
