//! The outbox of the sync to the national portal (migration 0026,
//! docs/portal-sync.md): one row per dossier event, written by
//! [`enqueue`] from `dossiers.rs::insert_event`, so every path that
//! records an event queues it in the same transaction.
//!
//! The row holds no payload: the event is in `dossier_events` under the
//! same key, and the sender reads it with the dossier ([`SyncItem`]) when
//! it sends, so a re-send after a fix carries the dossier as it is then.
//!
//! Order: a dossier's events are sent one after the other: the sender
//! takes only each dossier's first unsent row ([`Store::portal_heads`]),
//! and a refused (`failed`) row holds the dossier's later ones until an
//! administrator sends it again.

use std::sync::Arc;

use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::scope::UnitRef;
use motcua_rules::stats;

use super::dossiers::{DossierRef, dossier_not_found, load};
use super::inbox::path_upper_bound;
use super::stats::add_counts;
use crate::db::Conn;
use crate::model::{Dossier, DossierEvent, ProcedureVersion};
use crate::{Store, StoreError, params};

/// Queues event `seq` of a dossier: the one INSERT the sync adds to an
/// action. Due at the event's time.
pub(crate) fn enqueue(c: &mut dyn Conn, dossier_id: i64, seq: i64, at: NaiveDateTime) -> Result<(), StoreError> {
    c.execute("INSERT INTO portal_sync (dossier_id, seq, next_at) VALUES ($1, $2, $3)", params![dossier_id, seq, at])?;
    Ok(())
}

/// A dossier's first unsent event, due now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncHead {
    pub dossier_id: i64,
    pub seq: i64,
    pub attempts: i64,
}

/// What the sender needs to build an event's messages.
#[derive(Debug, Clone)]
pub struct SyncItem {
    pub dossier: Dossier,
    pub version: Arc<ProcedureVersion>,
    pub event: DossierEvent,
    /// The officer who acted: name and role (`None`: the applicant did).
    pub actor: Option<(String, Role)>,
    pub actor_unit: Option<String>,
    pub handling_unit: String,
    /// An earlier event of the dossier reached the portal: its record
    /// exists there, so this one is an update.
    pub created: bool,
    pub attempts: i64,
}

/// The sync of one dossier, for its page.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DossierSync {
    pub sent: i64,
    pub pending: i64,
    pub failed: i64,
    pub skipped: i64,
    pub last_sent_at: Option<NaiveDateTime>,
    /// The first unsent event's last failure: code, field, message.
    pub last_error: Option<(String, Option<String>, Option<String>)>,
}

/// A refused or retrying event, for the administrator.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SyncProblem {
    pub dossier_id: i64,
    pub dossier_code: Option<String>,
    pub seq: i64,
    pub action: String,
    pub at: NaiveDateTime,
    pub state: String,
    pub attempts: i64,
    pub next_at: NaiveDateTime,
    pub error_code: Option<String>,
    pub error_field: Option<String>,
    pub error_message: Option<String>,
}

/// The queue within an administrator's subtree.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncOverview {
    pub pending: i64,
    /// Of the pending ones, those that failed at least once (network,
    /// portal down) and wait for their next try.
    pub retrying: i64,
    pub failed: i64,
}

/// Marks what the sender learnt about one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncResult {
    Sent,
    /// Try again at `next_at` (network, portal down, an answer off the
    /// protocol).
    Retry {
        next_at: NaiveDateTime,
        code: String,
        detail: String,
    },
    /// The portal refused the record: held for an administrator.
    Refused {
        code: String,
        field: Option<String>,
        message: String,
    },
    /// The dossier closed without a code: nothing can be sent.
    Skipped,
}

/// The longest portal message kept.
const MESSAGE_MAX: usize = 500;

fn cut(s: &str) -> String {
    s.chars().take(MESSAGE_MAX).collect()
}

pub(crate) fn load_item(c: &mut dyn Conn, s: &Store, dossier_id: i64, seq: i64) -> Result<SyncItem, StoreError> {
    let dossier = load(c, &DossierRef::Id(dossier_id))?.ok_or_else(dossier_not_found)?;
    let version = s.version_in(c, dossier.procedure_version_id)?;
    let r = c.query_one(
        // The event's columns first, as `history::event_from_row` reads them.
        "SELECT e.seq, e.at, e.action, e.from_status, e.to_status, e.actor_user_id, e.actor_unit_id, e.note, e.due_at, \
         e.from_step, e.to_step, e.assigned_from, e.assigned_to, e.note_for_applicant, \
         u.full_name, u.role, au.name, hu.name, p.attempts, \
         (SELECT COUNT(*) FROM portal_sync q WHERE q.dossier_id = e.dossier_id AND q.state = 'sent' AND q.seq <> e.seq) \
         FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id JOIN units hu ON hu.id = d.handling_unit_id \
         LEFT JOIN users u ON u.id = e.actor_user_id LEFT JOIN units au ON au.id = e.actor_unit_id \
         LEFT JOIN portal_sync p ON p.dossier_id = e.dossier_id AND p.seq = e.seq \
         WHERE e.dossier_id = $1 AND e.seq = $2",
        params![dossier_id, seq],
    )?;
    let event = super::history::event_from_row(&r)?;
    let actor = match (r.opt_string(14)?, r.opt_string(15)?) {
        (Some(name), Some(role)) => Role::parse(&role).filter(|r| *r != Role::Citizen).map(|r| (name, r)),
        _ => None,
    };
    Ok(SyncItem {
        dossier,
        version,
        event,
        actor,
        actor_unit: r.opt_string(16)?,
        handling_unit: r.string(17)?,
        attempts: r.opt_i64(18)?.unwrap_or(0),
        created: r.i64(19)? > 0,
    })
}

/// What one result writes; on the first event a dossier has on the portal,
/// its 766 indicator 1.4 counter too.
fn record(
    c: &mut dyn Conn,
    dossier_id: i64,
    seq: i64,
    now: NaiveDateTime,
    result: &SyncResult,
) -> Result<(), StoreError> {
    match result {
        SyncResult::Sent => {
            let first = c
                .query_one(
                    "SELECT COUNT(*) FROM portal_sync WHERE dossier_id = $1 AND state = 'sent'",
                    params![dossier_id],
                )?
                .i64(0)?
                == 0;
            c.execute(
                "UPDATE portal_sync SET state = 'sent', sent_at = $3, attempts = attempts + 1, error_code = NULL, \
                 error_field = NULL, error_message = NULL WHERE dossier_id = $1 AND seq = $2",
                params![dossier_id, seq, now],
            )?;
            if first {
                let d = load(c, &DossierRef::Id(dossier_id))?.ok_or_else(dossier_not_found)?;
                if let Some(received_at) = d.state.received_at {
                    let deltas = stats::synced_deltas(received_at);
                    add_counts(c, &d.state.receiving_unit, &d.handling_unit, d.procedure_id, d.province_id, &deltas)?;
                }
            }
        }
        SyncResult::Retry { next_at, code, detail } => {
            c.execute(
                "UPDATE portal_sync SET attempts = attempts + 1, next_at = $3, error_code = $4, error_field = NULL, \
                 error_message = $5 WHERE dossier_id = $1 AND seq = $2 AND state = 'pending'",
                params![dossier_id, seq, *next_at, code.as_str(), cut(detail)],
            )?;
        }
        SyncResult::Refused { code, field, message } => {
            c.execute(
                "UPDATE portal_sync SET state = 'failed', attempts = attempts + 1, error_code = $3, error_field = $4, \
                 error_message = $5 WHERE dossier_id = $1 AND seq = $2 AND state = 'pending'",
                params![dossier_id, seq, code.as_str(), field.as_deref(), cut(message)],
            )?;
        }
        SyncResult::Skipped => {
            c.execute(
                "UPDATE portal_sync SET state = 'skipped', error_code = 'portal_no_code' \
                 WHERE dossier_id = $1 AND seq = $2 AND state = 'pending'",
                params![dossier_id, seq],
            )?;
        }
    }
    Ok(())
}

impl Store {
    /// Up to `limit` dossiers' first unsent events that are due (never
    /// tried, or their retry's time has come): a row waits while an earlier
    /// one of its dossier is pending or refused.
    /// Dossiers without a code yet (online submissions in the queue) wait
    /// until they have one or close without one.
    pub async fn portal_heads(&self, now: NaiveDateTime, limit: i64) -> Result<Vec<SyncHead>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT p.dossier_id, p.seq, p.attempts FROM portal_sync p JOIN dossiers d ON d.id = p.dossier_id \
                     WHERE p.state = 'pending' AND (p.attempts = 0 OR p.next_at <= $1) \
                     AND (d.code IS NOT NULL OR d.status IN (3, 7, 8)) \
                     AND NOT EXISTS (SELECT 1 FROM portal_sync q WHERE q.dossier_id = p.dossier_id AND q.seq < p.seq \
                       AND q.state IN ('pending', 'failed')) \
                     ORDER BY p.next_at, p.dossier_id LIMIT $2",
                    params![now, limit],
                )?
                .iter()
                .map(|r| Ok(SyncHead { dossier_id: r.i64(0)?, seq: r.i64(1)?, attempts: r.i64(2)? }))
                .collect()
            })
        })
        .await
    }

    /// The dossier and the event behind an outbox row.
    pub async fn portal_item(&self, dossier_id: i64, seq: i64) -> Result<SyncItem, StoreError> {
        self.blocking(move |s| s.read(|c| load_item(c, s, dossier_id, seq))).await
    }

    /// Records the outcome of sending one event; after a success, the
    /// dossier's next pending event if it is due (the sender goes on with
    /// it in the same round, keeping the order).
    pub async fn portal_record(
        &self,
        dossier_id: i64,
        seq: i64,
        now: NaiveDateTime,
        result: SyncResult,
    ) -> Result<Option<SyncHead>, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                record(c, dossier_id, seq, now, &result)?;
                if result != SyncResult::Sent {
                    return Ok(None);
                }
                c.query_opt(
                    "SELECT seq, attempts, next_at, state FROM portal_sync WHERE dossier_id = $1 AND seq > $2 \
                     ORDER BY seq LIMIT 1",
                    params![dossier_id, seq],
                )?
                .map(|r| {
                    let due = r.str(3)? == "pending" && (r.i64(1)? == 0 || r.time(2)? <= now);
                    Ok(due.then_some(SyncHead { dossier_id, seq: r.i64(0)?, attempts: r.i64(1)? }))
                })
                .transpose()
                .map(Option::flatten)
            })
        })
        .await
    }

    /// An administrator sends a refused event again (after a fix): pending
    /// and due now, its attempts reset. Only within `scope`; false when
    /// there is no such refused event.
    pub async fn portal_resend(
        &self,
        scope: UnitRef,
        dossier_id: i64,
        seq: i64,
        now: NaiveDateTime,
    ) -> Result<bool, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let d = load(c, &DossierRef::Id(dossier_id))?.ok_or_else(dossier_not_found)?;
                if !scope.contains(&d.state.receiving_unit) {
                    return Err(dossier_not_found());
                }
                let n = c.execute(
                    "UPDATE portal_sync SET state = 'pending', next_at = $3, attempts = 0 \
                     WHERE dossier_id = $1 AND seq = $2 AND state = 'failed'",
                    params![dossier_id, seq, now],
                )?;
                Ok(n == 1)
            })
        })
        .await
    }

    /// The refused events and the ones retrying, within `scope` (by the
    /// receiving unit), oldest first.
    pub async fn portal_problems(&self, scope: UnitRef, limit: i64) -> Result<Vec<SyncProblem>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let hi = path_upper_bound(&scope.path);
                c.query(
                    "SELECT p.dossier_id, d.code, p.seq, e.action, e.at, p.state, p.attempts, p.next_at, \
                     p.error_code, p.error_field, p.error_message \
                     FROM portal_sync p JOIN dossiers d ON d.id = p.dossier_id \
                     JOIN units ru ON ru.id = d.receiving_unit_id \
                     JOIN dossier_events e ON e.dossier_id = p.dossier_id AND e.seq = p.seq \
                     WHERE (p.state = 'failed' OR (p.state = 'pending' AND p.attempts > 0)) \
                     AND ru.path >= $1 AND ru.path < $2 ORDER BY e.at, p.dossier_id, p.seq LIMIT $3",
                    params![scope.path.as_str(), hi, limit],
                )?
                .iter()
                .map(|r| {
                    Ok(SyncProblem {
                        dossier_id: r.i64(0)?,
                        dossier_code: r.opt_string(1)?,
                        seq: r.i64(2)?,
                        action: r.string(3)?,
                        at: r.time(4)?,
                        state: r.string(5)?,
                        attempts: r.i64(6)?,
                        next_at: r.time(7)?,
                        error_code: r.opt_string(8)?,
                        error_field: r.opt_string(9)?,
                        error_message: r.opt_string(10)?,
                    })
                })
                .collect()
            })
        })
        .await
    }

    /// How many events wait, retry or were refused within `scope`.
    pub async fn portal_overview(&self, scope: UnitRef) -> Result<SyncOverview, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let hi = path_upper_bound(&scope.path);
                let r = c.query_one(
                    "SELECT COALESCE(SUM(CASE WHEN p.state = 'pending' THEN 1 ELSE 0 END), 0), \
                     COALESCE(SUM(CASE WHEN p.state = 'pending' AND p.attempts > 0 THEN 1 ELSE 0 END), 0), \
                     COALESCE(SUM(CASE WHEN p.state = 'failed' THEN 1 ELSE 0 END), 0) \
                     FROM portal_sync p JOIN dossiers d ON d.id = p.dossier_id \
                     JOIN units ru ON ru.id = d.receiving_unit_id \
                     WHERE p.state IN ('pending', 'failed') AND ru.path >= $1 AND ru.path < $2",
                    params![scope.path.as_str(), hi],
                )?;
                Ok(SyncOverview { pending: r.i64(0)?, retrying: r.i64(1)?, failed: r.i64(2)? })
            })
        })
        .await
    }

    /// One dossier's sync.
    pub async fn portal_dossier(&self, dossier_id: i64) -> Result<DossierSync, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let mut out = DossierSync::default();
                for r in c.query(
                    "SELECT state, sent_at, error_code, error_field, error_message FROM portal_sync \
                     WHERE dossier_id = $1 ORDER BY seq",
                    params![dossier_id],
                )? {
                    match r.str(0)? {
                        "sent" => {
                            out.sent += 1;
                            out.last_sent_at = out.last_sent_at.max(r.opt_time(1)?);
                        }
                        "skipped" => out.skipped += 1,
                        state => {
                            if state == "failed" {
                                out.failed += 1;
                            } else {
                                out.pending += 1;
                            }
                            if out.last_error.is_none()
                                && let Some(code) = r.opt_string(2)?
                            {
                                out.last_error = Some((code, r.opt_string(3)?, r.opt_string(4)?));
                            }
                        }
                    }
                }
                Ok(out)
            })
        })
        .await
    }

    /// The dossiers received in `[from, to)` that have a code, by id after
    /// `after`, with the numbers of their events: what `motcua portal
    /// validate` checks, a page at a time.
    pub async fn portal_export_page(
        &self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, Vec<i64>)>, StoreError> {
        // Bounds both databases' time types hold.
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(0, 0, 0));
        let from = from.or_else(|| day(1900, 1, 1)).expect("a date");
        let to = to.or_else(|| day(9999, 1, 1)).expect("a date");
        self.blocking(move |s| {
            s.read(|c| {
                // The page's dossiers and their events in one query (a
                // dossier without events still has its row, seq NULL).
                let rows = c.query(
                    "SELECT d.id, e.seq FROM (SELECT id FROM dossiers WHERE id > $1 AND code IS NOT NULL \
                     AND received_at >= $2 AND received_at < $3 ORDER BY id LIMIT $4) d \
                     LEFT JOIN dossier_events e ON e.dossier_id = d.id ORDER BY d.id, e.seq",
                    params![after, from, to, limit],
                )?;
                let mut out: Vec<(i64, Vec<i64>)> = Vec::new();
                for r in &rows {
                    let id = r.i64(0)?;
                    if out.last().is_none_or(|(last, _)| *last != id) {
                        out.push((id, Vec::new()));
                    }
                    if let Some(seq) = r.opt_i64(1)? {
                        out.last_mut().expect("pushed above").1.push(seq);
                    }
                }
                Ok(out)
            })
        })
        .await
    }
}
