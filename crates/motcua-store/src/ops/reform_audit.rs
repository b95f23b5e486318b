//! The audit log of the reform office's work: every change to frameworks,
//! campaigns, entries, results and survey designs, written in the same
//! transaction as the change itself, so the log never misses one and never
//! records one that was rolled back.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::db::{Conn, Row};
use crate::reform::AuditEntry;
use crate::{Store, StoreError, params};

/// What one change was: the action (`entry.appraise`), the entity
/// (`campaign:3/unit:17/entry:1.1`) and the entity before and after.
pub(crate) struct Change<'a> {
    pub province_id: i64,
    pub campaign_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub at: NaiveDateTime,
    pub action: &'a str,
    pub entity: String,
}

/// Appends one line. `before` and `after` are serialised as JSON; callers
/// pass scores and statuses, never names, contacts or survey answers.
pub(crate) fn record<B: Serialize, A: Serialize>(
    c: &mut dyn Conn,
    change: Change<'_>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), StoreError> {
    let before = before.map(|b| serde_json::to_string(b)).transpose().map_err(encode)?;
    let after = after.map(|a| serde_json::to_string(a)).transpose().map_err(encode)?;
    c.execute(
        "INSERT INTO reform_audit (province_id, campaign_id, actor_id, at, action, entity, before, after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        params![
            change.province_id,
            change.campaign_id,
            change.actor_id,
            change.at,
            change.action,
            change.entity,
            before,
            after
        ],
    )?;
    Ok(())
}

fn encode(e: serde_json::Error) -> StoreError {
    StoreError::internal(format!("cannot encode an audit value: {e}"))
}

fn audit_from_row(r: &Row) -> Result<AuditEntry, StoreError> {
    let json = |i: usize| -> Result<Option<serde_json::Value>, StoreError> {
        r.opt_str(i)?
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| StoreError::internal(format!("bad audit JSON: {e}")))
    };
    Ok(AuditEntry {
        id: r.i64(0)?,
        campaign_id: r.opt_i64(1)?,
        actor_id: r.opt_i64(2)?,
        at: r.time(3)?,
        action: r.string(4)?,
        entity: r.string(5)?,
        before: json(6)?,
        after: json(7)?,
    })
}

/// The most lines one listing returns; the log of a year's campaign is a
/// few thousand lines at most.
pub const AUDIT_LIST_MAX: i64 = 5000;

/// A line of the log with who made it: the actor's name and unit as they
/// are now (the log keeps the id; a renamed user shows the new name).
#[derive(Debug, Clone)]
pub struct AuditLine {
    pub entry: AuditEntry,
    pub actor_name: Option<String>,
    pub actor_unit: Option<String>,
}

/// One page of a campaign's log, newest first.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// The id to pass as `before` for the next (older) page, when there is one.
    pub older: Option<i64>,
}

impl Store {
    /// The audit log of a campaign, oldest first.
    pub async fn campaign_audit(&self, campaign_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, campaign_id, actor_id, at, action, entity, before, after FROM reform_audit \
                     WHERE campaign_id = $1 ORDER BY id LIMIT $2",
                    params![campaign_id, AUDIT_LIST_MAX],
                )?
                .iter()
                .map(audit_from_row)
                .collect()
            })
        })
        .await
    }

    /// A page of a campaign's log, newest first, with each actor's name and
    /// unit: the lines older than `before` (a line id; `None`: the newest),
    /// at most `limit` (1..=500). Keyset on the id, so a deep page costs
    /// what the first does and lines written meanwhile do not shift pages.
    pub async fn campaign_audit_page(
        &self,
        campaign_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<AuditPage, StoreError> {
        let limit = limit.clamp(1, 500);
        self.blocking(move |s| {
            s.read(|c| {
                let rows = c.query(
                    "SELECT a.id, a.campaign_id, a.actor_id, a.at, a.action, a.entity, a.before, a.after,                      u.full_name, n.name FROM reform_audit a                      LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN units n ON n.id = u.unit_id                      WHERE a.campaign_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
                    params![campaign_id, before.unwrap_or(i64::MAX), limit + 1],
                )?;
                let mut lines = rows
                    .iter()
                    .map(|r| {
                        Ok(AuditLine { entry: audit_from_row(r)?, actor_name: r.opt_string(8)?, actor_unit: r.opt_string(9)? })
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
                let more = lines.len() as i64 > limit;
                lines.truncate(limit as usize);
                let older = if more { lines.last().map(|l| l.entry.id) } else { None };
                Ok(AuditPage { lines, older })
            })
        })
        .await
    }

    /// The audit log of a province (frameworks, imports, surveys and every
    /// campaign), newest first.
    pub async fn province_audit(&self, province_id: i64, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, campaign_id, actor_id, at, action, entity, before, after FROM reform_audit \
                     WHERE province_id = $1 ORDER BY id DESC LIMIT $2",
                    params![province_id, limit.clamp(1, AUDIT_LIST_MAX)],
                )?
                .iter()
                .map(audit_from_row)
                .collect()
            })
        })
        .await
    }
}
