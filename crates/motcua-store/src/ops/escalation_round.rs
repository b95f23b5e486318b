//! One round of the escalation scheduler: the rules in force, the running
//! steps due within the longest warning any rule asks for (or past due)
//! whose escalation is not done, each one's levels under its rule
//! (`motcua_rules::escalation`), and the new ones written with their
//! notices ([`Store::escalate_batch`], up to [`BATCH`] steps per
//! transaction). A step whose rule has nothing more to say is marked done
//! and not read again. A level's key makes a second round or process
//! harmless. The server's job calls it under a lease
//! (`motcua_server::notify::scheduler`); the benchmark calls it directly.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::escalation::{self, EscalationRule, Level, RuleScope};

use super::escalations::{Escalation, EscalationCandidate};
use crate::{Store, StoreError};

/// Steps read per query.
pub const PAGE: usize = 500;

/// Steps written per transaction.
pub const BATCH: usize = 100;

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EscalationReport {
    /// Running steps looked at.
    pub looked_at: usize,
    /// Levels written now (each with its notices), as (dossier, level).
    pub written: Vec<(i64, Level)>,
    /// Steps skipped because the calendar has no data for their due
    /// moment's year (tried again next round), as dossier ids.
    pub skipped: Vec<i64>,
}

impl EscalationReport {
    pub fn escalated(&self) -> usize {
        self.written.len()
    }
}

/// The last level a rule can reach; `None`: it asks for nothing.
pub fn last_level(rule: &EscalationRule) -> Option<Level> {
    if rule.second_level_hours.is_some() {
        Some(Level::Second)
    } else if rule.leader_when_overdue {
        Some(Level::Overdue)
    } else if rule.warn_hours.is_some() {
        Some(Level::Soon)
    } else {
        None
    }
}

/// The rules by scope.
pub struct Rules {
    procedures: HashMap<i64, EscalationRule>,
    units: HashMap<i64, EscalationRule>,
}

impl Rules {
    pub fn new(all: Vec<(RuleScope, EscalationRule)>) -> Rules {
        let mut r = Rules { procedures: HashMap::new(), units: HashMap::new() };
        for (scope, rule) in all {
            match scope {
                RuleScope::Procedure(id) => r.procedures.insert(id, rule),
                RuleScope::Unit(id) => r.units.insert(id, rule),
            };
        }
        r
    }

    /// The rule of a step: its procedure's, else its unit's or the
    /// nearest ancestor's, else the default.
    pub fn of(&self, cand: &EscalationCandidate) -> EscalationRule {
        let lineage: Vec<i64> = cand.unit.lineage().collect();
        let chain: Vec<Option<EscalationRule>> = lineage.iter().rev().map(|u| self.units.get(u).copied()).collect();
        escalation::rule_for(self.procedures.get(&cand.procedure_id).copied(), &chain)
    }

    /// The longest warning any rule asks for (the default's included).
    pub fn longest_warning(&self) -> u32 {
        let default = EscalationRule::default().warn_hours;
        self.procedures
            .values()
            .chain(self.units.values())
            .filter_map(|r| r.warn_hours)
            .chain(default)
            .max()
            .unwrap_or(0)
    }
}

impl Store {
    /// One round of the scheduler at `now` on `calendar`.
    pub async fn escalation_round(
        &self,
        calendar: &WorkCalendar,
        now: NaiveDateTime,
    ) -> Result<EscalationReport, StoreError> {
        let rules = Rules::new(self.escalation_rules().await?);
        let hours = rules.longest_warning();
        let horizon = if hours == 0 { now } else { escalation::horizon(calendar, now, hours)? };
        let mut report = EscalationReport::default();
        let mut after = None;
        loop {
            let page = self.escalation_candidates(horizon, after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some((last.due_at, last.dossier_id));
            let full = page.len() == PAGE;
            let mut batch = Vec::new();
            for cand in page {
                report.looked_at += 1;
                let rule = rules.of(&cand);
                let Some(done_after) = last_level(&rule) else {
                    batch.push(Escalation { cand, levels: Vec::new(), done_after: None });
                    continue;
                };
                match escalation::levels_due(&rule, calendar, cand.due_at, now) {
                    Ok(levels) => {
                        let levels: Vec<Level> = levels.into_iter().filter(|l| l.code() > cand.escalated).collect();
                        if !levels.is_empty() {
                            batch.push(Escalation { cand, levels, done_after: Some(done_after) });
                        }
                    }
                    Err(_) => report.skipped.push(cand.dossier_id),
                }
            }
            // A transaction per slice: one commit for many steps, yet the
            // write lock (SQLite) is never held for a whole page.
            while !batch.is_empty() {
                let rest = batch.split_off(batch.len().min(BATCH));
                report.written.extend(self.escalate_batch(batch, now).await?);
                batch = rest;
            }
            if !full {
                break;
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_level_follows_the_rule() {
        let r = |w, l, s| EscalationRule { warn_hours: w, leader_when_overdue: l, second_level_hours: s };
        assert_eq!(last_level(&r(Some(4), true, Some(8))), Some(Level::Second));
        assert_eq!(last_level(&r(Some(4), true, None)), Some(Level::Overdue));
        assert_eq!(last_level(&r(Some(4), false, None)), Some(Level::Soon));
        assert_eq!(last_level(&r(None, false, None)), None);
    }
}
