//! Escalation (đôn đốc): the administrators' rules, the running steps the
//! scheduler looks at, and each level of each step visit written once with
//! the notices it causes (`escalations`, keyed by dossier, visit, level).
//!
//! The scheduler reads only the open step visits not yet done
//! (`dossier_steps.escalated < 9`, a partial index on their due moment):
//! its round costs what is newly near or past due, not the number of open
//! dossiers. See docs/notifications.md.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::escalation::{EscalationRule, Level, RuleScope};
use motcua_rules::scope::UnitRef;
use serde::Serialize;

use super::inbox::path_upper_bound;
use super::notifications::enqueue_for_staff;
use crate::db::{Conn, Row};
use crate::{Store, StoreError, params};

/// `dossier_steps.escalated` once no more level can come for the visit.
pub const DONE: i64 = 9;

/// A running step near or past its due moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationCandidate {
    pub dossier_id: i64,
    pub province_id: i64,
    pub procedure_id: i64,
    /// The visit (`dossier_steps.seq`).
    pub visit_seq: i64,
    pub step: u32,
    pub due_at: NaiveDateTime,
    /// The unit holding the step.
    pub unit: UnitRef,
    pub role: Role,
    pub assigned_user_id: Option<i64>,
    /// The highest level already written for this visit (0: none).
    pub escalated: i64,
}

/// A rule with the code and name of what it is set on, and the unit that
/// bounds who administers it (the unit, or the procedure's agency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLine {
    pub scope: RuleScope,
    pub rule: EscalationRule,
    pub code: String,
    pub name: String,
    pub unit: UnitRef,
}

/// One escalation as a leader's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EscalationView {
    pub dossier_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub dossier_code: Option<String>,
    pub procedure_name: String,
    /// 1 the officer before the due moment, 2 the leader when overdue, 3 the leader above.
    pub level: i64,
    /// The step's index in the workflow.
    pub step: u32,
    pub unit_id: i64,
    pub unit_name: String,
    #[schema(value_type = String)]
    pub due_at: NaiveDateTime,
    #[schema(value_type = String)]
    pub created_at: NaiveDateTime,
    /// The step visit is still running.
    pub open: bool,
}

fn scope_parts(scope: RuleScope) -> (&'static str, i64) {
    match scope {
        RuleScope::Procedure(id) => ("procedure", id),
        RuleScope::Unit(id) => ("unit", id),
    }
}

fn rule_from_row(r: &Row) -> Result<(RuleScope, EscalationRule), StoreError> {
    let id = r.i64(1)?;
    let scope = match r.str(0)? {
        "procedure" => RuleScope::Procedure(id),
        "unit" => RuleScope::Unit(id),
        other => return Err(StoreError::internal(format!("unknown rule scope {other}"))),
    };
    let rule = EscalationRule {
        warn_hours: r.opt_i64(2)?.map(|h| h as u32),
        leader_when_overdue: r.bool(3)?,
        second_level_hours: r.opt_i64(4)?.map(|h| h as u32),
    };
    Ok((scope, rule))
}

fn candidate_from_row(r: &Row) -> Result<EscalationCandidate, StoreError> {
    let role = r.str(8)?;
    Ok(EscalationCandidate {
        dossier_id: r.i64(0)?,
        province_id: r.i64(1)?,
        procedure_id: r.i64(2)?,
        visit_seq: r.i64(3)?,
        step: r.i64(4)? as u32,
        due_at: r.time(5)?,
        unit: UnitRef { id: r.i64(6)?, path: r.string(7)? },
        role: Role::parse(role).ok_or_else(|| StoreError::internal(format!("unknown role {role}")))?,
        assigned_user_id: r.opt_i64(9)?,
        escalated: r.i64(10)?,
    })
}

/// Who is told at `level`, as the unit and the role whose active users
/// are told (`None`: the assigned officer alone): the assigned officer
/// (else everyone of the step's role in its unit) before the due moment,
/// the unit's leaders when overdue, the leaders of the unit above at the
/// second level.
fn recipients(cand: &EscalationCandidate, level: Level) -> (i64, Option<Role>) {
    match level {
        Level::Soon if cand.assigned_user_id.is_some() => (cand.unit.id, None),
        Level::Soon => (cand.unit.id, Some(cand.role)),
        Level::Overdue => (cand.unit.id, Some(Role::Leader)),
        // The unit above; a root unit's own leaders when there is none.
        Level::Second => {
            let lineage = cand.unit.lineage().collect::<Vec<_>>();
            (lineage.iter().rev().nth(1).copied().unwrap_or(cand.unit.id), Some(Role::Leader))
        }
    }
}

/// One step's work in an escalation batch.
#[derive(Debug, Clone)]
pub struct Escalation {
    pub cand: EscalationCandidate,
    /// The levels now due (none already written, as far as the round saw).
    pub levels: Vec<Level>,
    /// The rule's last level; `None`: the rule asks for nothing, the step
    /// is only marked done.
    pub done_after: Option<Level>,
}

/// Writes one step's levels and its mark; `people` keeps the users of a
/// (unit, role) already read in this transaction.
fn write_levels(
    c: &mut dyn Conn,
    item: &Escalation,
    people: &mut HashMap<(i64, Role), Vec<i64>>,
    now: NaiveDateTime,
) -> Result<Vec<Level>, StoreError> {
    let cand = &item.cand;
    let mut written = Vec::new();
    for level in &item.levels {
        let (notify_unit, role) = recipients(cand, *level);
        let took = c.query(
            "INSERT INTO escalations (dossier_id, visit_seq, level, province_id, step, unit_id, \
             notify_unit_id, due_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (dossier_id, visit_seq, level) DO NOTHING RETURNING level",
            params![
                cand.dossier_id,
                cand.visit_seq,
                level.code(),
                cand.province_id,
                cand.step,
                cand.unit.id,
                notify_unit,
                cand.due_at,
                now
            ],
        )?;
        if took.is_empty() {
            continue;
        }
        let users = match role {
            None => cand.assigned_user_id.into_iter().collect(),
            Some(role) => match people.get(&(notify_unit, role)) {
                Some(users) => users.clone(),
                None => {
                    let users = users_of(c, notify_unit, role)?;
                    people.insert((notify_unit, role), users.clone());
                    users
                }
            },
        };
        for user in users {
            enqueue_for_staff(c, cand.dossier_id, level.notice(), user, level.code(), cand.visit_seq, now)?;
        }
        written.push(*level);
    }
    let reached = match item.done_after {
        None => DONE,
        Some(done_after) => {
            let highest = item.levels.iter().map(|l| l.code()).max().unwrap_or(0).max(cand.escalated);
            if highest >= done_after.code() { DONE } else { highest }
        }
    };
    // Only while the same visit runs: the next visit is a new row.
    c.execute(
        "UPDATE dossier_steps SET escalated = $1 WHERE dossier_id = $2 AND seq = $3 AND ended_at IS NULL \
         AND escalated < $1",
        params![reached, cand.dossier_id, cand.visit_seq],
    )?;
    Ok(written)
}

/// The active users of a role in a unit.
fn users_of(c: &mut dyn Conn, unit: i64, role: Role) -> Result<Vec<i64>, StoreError> {
    let rows = c.query(
        "SELECT id FROM users WHERE unit_id = $1 AND role = $2 AND active = $3 ORDER BY id",
        params![unit, role.as_str(), true],
    )?;
    Ok(rows.iter().map(|r| r.i64(0)).collect::<Result<_, _>>()?)
}

impl Store {
    /// Every escalation rule.
    pub async fn escalation_rules(&self) -> Result<Vec<(RuleScope, EscalationRule)>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT scope_kind, scope_id, warn_hours, leader_when_overdue, second_level_hours \
                     FROM escalation_rules ORDER BY scope_kind, scope_id",
                    &[],
                )?
                .iter()
                .map(rule_from_row)
                .collect()
            })
        })
        .await
    }

    /// Every rule with what it is set on.
    pub async fn escalation_rule_lines(&self) -> Result<Vec<RuleLine>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let rows = c.query(
                    "SELECT r.scope_kind, r.scope_id, r.warn_hours, r.leader_when_overdue, r.second_level_hours, \
                     COALESCE(p.code, u.code), COALESCE(p.name, u.name), COALESCE(au.id, u.id), COALESCE(au.path, u.path) \
                     FROM escalation_rules r \
                     LEFT JOIN procedures p ON r.scope_kind = 'procedure' AND p.id = r.scope_id \
                     LEFT JOIN units au ON au.id = p.agency_unit_id \
                     LEFT JOIN units u ON r.scope_kind = 'unit' AND u.id = r.scope_id \
                     ORDER BY r.scope_kind DESC, 6",
                    &[],
                )?;
                rows.iter()
                    .filter(|r| r.opt_str(5).ok().flatten().is_some() && r.opt_i64(7).ok().flatten().is_some())
                    .map(|r| {
                        let (scope, rule) = rule_from_row(r)?;
                        Ok(RuleLine {
                            scope,
                            rule,
                            code: r.string(5)?,
                            name: r.string(6)?,
                            unit: UnitRef { id: r.i64(7)?, path: r.string(8)? },
                        })
                    })
                    .collect()
            })
        })
        .await
    }

    /// Sets the rule of a procedure or unit (checked by the caller).
    pub async fn set_escalation_rule(
        &self,
        scope: RuleScope,
        rule: EscalationRule,
        by: i64,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let (kind, id) = scope_parts(scope);
        self.blocking(move |s| {
            s.write(|c| {
                c.execute(
                    "INSERT INTO escalation_rules (scope_kind, scope_id, warn_hours, leader_when_overdue, \
                     second_level_hours, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (scope_kind, scope_id) DO UPDATE SET warn_hours = excluded.warn_hours, \
                     leader_when_overdue = excluded.leader_when_overdue, \
                     second_level_hours = excluded.second_level_hours, updated_by = excluded.updated_by, \
                     updated_at = excluded.updated_at",
                    params![kind, id, rule.warn_hours, rule.leader_when_overdue, rule.second_level_hours, by, now],
                )?;
                Ok(())
            })
        })
        .await
    }

    /// Removes a rule; `false` when there was none.
    pub async fn delete_escalation_rule(&self, scope: RuleScope) -> Result<bool, StoreError> {
        let (kind, id) = scope_parts(scope);
        self.blocking(move |s| {
            s.write(|c| {
                Ok(c.execute(
                    "DELETE FROM escalation_rules WHERE scope_kind = $1 AND scope_id = $2",
                    params![kind, id],
                )? == 1)
            })
        })
        .await
    }

    /// The running steps (clock running: in process or waiting for a
    /// payment, not for a supplement) due at or before `horizon` whose
    /// escalation is not done, by due moment, a page at a time after
    /// `after` (the last page's `(due, dossier id)`).
    pub async fn escalation_candidates(
        &self,
        horizon: NaiveDateTime,
        after: Option<(NaiveDateTime, i64)>,
        limit: usize,
    ) -> Result<Vec<EscalationCandidate>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                // The first page has no key to start after.
                let (from, args): (&str, Vec<crate::db::Value>) = match after {
                    Some((due, id)) => (
                        "AND (st.due_at > $2 OR (st.due_at = $2 AND d.id > $3)) ORDER BY st.due_at, d.id LIMIT $4",
                        vec![horizon.into(), due.into(), id.into(), (limit as i64).into()],
                    ),
                    None => ("ORDER BY st.due_at, d.id LIMIT $2", vec![horizon.into(), (limit as i64).into()]),
                };
                let sql = format!(
                    "SELECT d.id, d.province_id, d.procedure_id, st.seq, d.step, st.due_at, d.current_unit_id, \
                     cu.path, d.inbox_role, d.assigned_user_id, st.escalated \
                     FROM dossier_steps st JOIN dossiers d ON d.id = st.dossier_id \
                     JOIN units cu ON cu.id = d.current_unit_id \
                     WHERE st.ended_at IS NULL AND st.escalated < 9 AND st.due_at <= $1 AND d.status IN (4, 6) {from}"
                );
                c.query(&sql, &args)?.iter().map(candidate_from_row).collect()
            })
        })
        .await
    }

    /// Writes the `levels` of a candidate's visit that are not written yet,
    /// with a notice to each person told, and marks the step `reached` (the
    /// highest level now written, or [`DONE`]). A level's key (dossier,
    /// visit, level) is taken at most once, by whichever round or process
    /// gets there first; the others write nothing. Returns the levels
    /// written now.
    pub async fn escalate(
        &self,
        cand: EscalationCandidate,
        levels: Vec<Level>,
        done_after: Level,
        now: NaiveDateTime,
    ) -> Result<Vec<Level>, StoreError> {
        let written = self.escalate_batch(vec![Escalation { cand, levels, done_after: Some(done_after) }], now).await?;
        Ok(written.into_iter().map(|(_, level)| level).collect())
    }

    /// [`Store::escalate`] for several steps in one transaction (one
    /// commit for a page of a round instead of one per step); a step whose
    /// `done_after` is `None` (its rule asks for nothing) is only marked
    /// done. The people of a unit and role are read once per batch.
    /// Returns the levels written now, as (dossier, level).
    pub async fn escalate_batch(
        &self,
        batch: Vec<Escalation>,
        now: NaiveDateTime,
    ) -> Result<Vec<(i64, Level)>, StoreError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        self.blocking(move |s| {
            s.write(|c| {
                let mut people = HashMap::new();
                let mut written = Vec::new();
                for item in &batch {
                    for level in write_levels(c, item, &mut people, now)? {
                        written.push((item.cand.dossier_id, level));
                    }
                }
                Ok(written)
            })
        })
        .await
    }

    /// The escalations told to the units of the subtree at `path` (a
    /// leader's unit), newest first; `open_only`: those whose step still runs.
    pub async fn escalations_in(
        &self,
        path: String,
        open_only: bool,
        limit: usize,
    ) -> Result<Vec<EscalationView>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let hi = path_upper_bound(&path);
                let rows = c.query(
                    "SELECT x.dossier_id, d.code, p.name, x.level, x.step, x.unit_id, u.name, x.due_at, x.created_at, \
                     CASE WHEN st.ended_at IS NULL THEN 1 ELSE 0 END \
                     FROM escalations x JOIN units nu ON nu.id = x.notify_unit_id \
                     JOIN dossiers d ON d.id = x.dossier_id JOIN procedures p ON p.id = d.procedure_id \
                     JOIN units u ON u.id = x.unit_id \
                     JOIN dossier_steps st ON st.dossier_id = x.dossier_id AND st.seq = x.visit_seq \
                     WHERE nu.path >= $1 AND nu.path < $2 AND x.level >= 2 \
                     AND ($3 OR st.ended_at IS NULL) \
                     ORDER BY x.created_at DESC, x.dossier_id DESC, x.level DESC LIMIT $4",
                    params![path, hi, !open_only, limit as i64],
                )?;
                rows.iter()
                    .map(|r| {
                        Ok(EscalationView {
                            dossier_id: r.i64(0)?,
                            dossier_code: r.opt_string(1)?,
                            procedure_name: r.string(2)?,
                            level: r.i64(3)?,
                            step: r.i64(4)? as u32,
                            unit_id: r.i64(5)?,
                            unit_name: r.string(6)?,
                            due_at: r.time(7)?,
                            created_at: r.time(8)?,
                            open: r.i64(9)? == 1,
                        })
                    })
                    .collect()
            })
        })
        .await
    }
}
