//! The sender: one bounded round of the leased job `portal_sync`.
//!
//! - It takes up to `batch` dossiers whose first unsent event is due
//!   (`Store::portal_heads`) and works on [`CONCURRENCY`] of them at once;
//!   within a dossier it sends one event after the other and goes on with
//!   the next one only after the portal took the previous one, up to
//!   [`CHAIN`] events. A dossier's later event never overtakes an earlier
//!   one; other dossiers are not held up by it.
//! - A network failure, an HTTP error or an answer off the protocol leaves
//!   the event pending with a backoff (5 s doubling up to an hour); a
//!   refusal (the portal's, or motcua's own check against the catalogue
//!   before sending) marks it failed with the field, for the
//!   administrator, and holds the dossier's later events.
//! - At least once: an event is marked sent after the portal answered, in
//!   its own transaction; a crash between the two sends it again, which
//!   the portal recognises (the record is an upsert by `MaHoSo`; the
//!   progress entry carries `IdTienTrinh`), docs/portal-sync.md.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, NaiveDateTime};
use motcua_portal::validate::validate_message;
use motcua_portal::{Outcome, PortalClient};
use motcua_store::{SyncHead, SyncResult};
use tokio::task::JoinSet;

use crate::error::ApiError;
use crate::state::AppState;

/// Dossiers worked on at the same time (each a blocking HTTP exchange).
pub const CONCURRENCY: usize = 8;
/// Events of one dossier sent in one round at most.
pub const CHAIN: usize = 50;
/// The first retry's wait; it doubles with each attempt, up to [`BACKOFF_MAX`].
pub const BACKOFF_FIRST: Duration = Duration::seconds(5);
pub const BACKOFF_MAX: Duration = Duration::hours(1);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoundReport {
    /// Dossiers whose events the round took up.
    pub dossiers: usize,
    pub sent: usize,
    pub retried: usize,
    pub refused: usize,
    pub skipped: usize,
}

impl RoundReport {
    fn add(&mut self, o: RoundReport) {
        self.dossiers += o.dossiers;
        self.sent += o.sent;
        self.retried += o.retried;
        self.refused += o.refused;
        self.skipped += o.skipped;
    }
}

/// When an event that failed `attempts` times before is tried again.
pub fn next_try(now: NaiveDateTime, attempts: i64) -> NaiveDateTime {
    let factor = 1i32 << attempts.clamp(0, 16);
    let wait = BACKOFF_FIRST * factor;
    now + wait.min(BACKOFF_MAX)
}

/// One event: build, check, send; what to record.
async fn send_one(state: &AppState, client: &Arc<PortalClient>, head: SyncHead) -> Result<SyncResult, ApiError> {
    let item = state.store.portal_item(head.dossier_id, head.seq).await?;
    let Some(message) = super::message(&item) else {
        // Only a dossier closed without a code reaches here (portal_heads).
        return Ok(SyncResult::Skipped);
    };
    if let Some(p) = validate_message(&message).into_iter().next() {
        return Ok(SyncResult::Refused { code: p.code.to_owned(), field: Some(p.field), message: String::new() });
    }
    let created = item.created;
    let c = client.clone();
    let outcome =
        tokio::task::spawn_blocking(move || c.send(&message, created)).await.map_err(|_| ApiError::internal())?;
    let now = state.now();
    Ok(match outcome {
        Ok(Outcome::Accepted) => SyncResult::Sent,
        Ok(Outcome::Rejected { code, message, field }) => {
            SyncResult::Refused { code: "portal_rejected".to_owned(), field, message: format!("[{code}] {message}") }
        }
        // `send` turns a create of a known code into an update: "exists"
        // cannot come back; taken as an answer off the protocol if it does.
        Ok(Outcome::Exists) => SyncResult::Retry {
            next_at: next_try(now, item.attempts),
            code: "portal_bad_answer".to_owned(),
            detail: "exists".to_owned(),
        },
        Err(e) => {
            SyncResult::Retry { next_at: next_try(now, item.attempts), code: e.code.to_owned(), detail: e.detail }
        }
    })
}

/// A dossier's due events, in order, until one is not taken, [`CHAIN`]
/// were sent or the round's `deadline` passed.
async fn dossier_chain(
    state: AppState,
    client: Arc<PortalClient>,
    head: SyncHead,
    deadline: Instant,
) -> Result<RoundReport, ApiError> {
    let mut report = RoundReport { dossiers: 1, ..RoundReport::default() };
    let mut next = Some(head);
    let mut sent = 0;
    while let Some(h) = next.take() {
        let result = send_one(&state, &client, h).await?;
        match &result {
            SyncResult::Sent => report.sent += 1,
            SyncResult::Retry { code, .. } => {
                report.retried += 1;
                tracing::warn!(dossier.id = h.dossier_id, sync.seq = h.seq, error.code = %code, "portal sync will retry");
            }
            SyncResult::Refused { code, field, .. } => {
                report.refused += 1;
                tracing::warn!(dossier.id = h.dossier_id, sync.seq = h.seq, error.code = %code,
                    error.field = field.as_deref().unwrap_or(""), "portal refused an event");
            }
            SyncResult::Skipped => report.skipped += 1,
        }
        let after = state.store.portal_record(h.dossier_id, h.seq, state.now(), result).await?;
        sent += 1;
        if sent < CHAIN && Instant::now() < deadline {
            next = after;
        }
    }
    Ok(report)
}

/// One round: the due dossiers, [`CONCURRENCY`] at a time, none started
/// after `within` has passed. The job's lease must outlast a round:
/// `within` plus one request's timeout (docs/portal-sync.md, "Ordering").
pub async fn round(
    state: &AppState,
    client: &Arc<PortalClient>,
    batch: i64,
    within: std::time::Duration,
) -> Result<RoundReport, ApiError> {
    let deadline = Instant::now() + within;
    let heads = state.store.portal_heads(state.now(), batch).await?;
    let mut report = RoundReport::default();
    let mut work = JoinSet::new();
    let mut heads = heads.into_iter();
    loop {
        while work.len() < CONCURRENCY && Instant::now() < deadline {
            let Some(h) = heads.next() else { break };
            work.spawn(dossier_chain(state.clone(), client.clone(), h, deadline));
        }
        let Some(done) = work.join_next().await else { break };
        report.add(done.map_err(|_| ApiError::internal())??);
    }
    Ok(report)
}

/// Rounds until nothing is due (tests and the benchmark).
pub async fn drain(state: &AppState, client: &Arc<PortalClient>, batch: i64) -> Result<RoundReport, ApiError> {
    let mut total = RoundReport::default();
    loop {
        let r = round(state, client, batch, std::time::Duration::from_secs(3600)).await?;
        total.add(r);
        if r.sent + r.refused + r.skipped == 0 {
            return Ok(total);
        }
    }
}

/// Starts the leased job `portal_sync` when the portal is configured. A
/// round goes on with further batches while there is work, for at most
/// `every` (at least 10 s); the lease (three rounds, at least 30 s) and the
/// client's timeout keep one round inside it.
pub fn start(state: &AppState) {
    let Some(settings) = state.config.portal.clone() else {
        tracing::info!("portal sync not configured: events are kept in the outbox");
        return;
    };
    let client = match PortalClient::new(settings.client.clone()) {
        Ok(c) => Arc::new(c),
        Err(e) => {
            tracing::error!(error.code = e.code, "portal sync not started: the portal's address is invalid");
            return;
        }
    };
    let within = settings.every.max(std::time::Duration::from_secs(10));
    crate::worker::spawn_leased(state, "portal_sync", settings.every, move |state| {
        let client = client.clone();
        let batch = settings.batch;
        async move {
            let started = Instant::now();
            loop {
                let left = within.saturating_sub(started.elapsed());
                match round(&state, &client, batch, left).await {
                    Ok(r) => {
                        if r.sent + r.retried + r.refused > 0 {
                            tracing::info!(
                                sync.sent = r.sent,
                                sync.retried = r.retried,
                                sync.refused = r.refused,
                                "portal sync round"
                            );
                        }
                        if (r.dossiers as i64) < batch || started.elapsed() >= within {
                            break;
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error.code = %e.code, "portal sync round failed");
                        break;
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_up_to_an_hour() {
        let now = NaiveDateTime::parse_from_str("2026-03-04 09:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(next_try(now, 0) - now, Duration::seconds(5));
        assert_eq!(next_try(now, 1) - now, Duration::seconds(10));
        assert_eq!(next_try(now, 3) - now, Duration::seconds(40));
        assert_eq!(next_try(now, 20) - now, Duration::hours(1));
    }
}
