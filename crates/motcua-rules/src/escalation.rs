//! Escalation (đôn đốc): telling the step's officer that a step's own due
//! moment is near, then the unit's leader that it has passed, and
//! optionally the leader of the unit above when it stays overdue.
//!
//! An administrator sets a rule per procedure or per unit; a procedure's
//! rule wins over a unit's, and the nearest unit (the step's own, then its
//! ancestors) over a farther one. Without any rule the default holds
//! ([`EscalationRule::default`]). Each level of each step visit is
//! escalated once: the store keys it by (dossier, visit, level), so a
//! second scheduler round or a second process finds it done.
//!
//! The lead time is in working hours of the installation's calendar, as
//! step shares in hours are (docs/calendar.md): a step due on Monday 09:00
//! is "4 working hours away" on Friday 13:00.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::error::{Problems, RuleError};
use crate::time_limit::{TimeLimit, TimeUnit};

/// The largest lead or delay an administrator may set, in working hours
/// (a working month).
pub const MAX_HOURS: u32 = 176;

/// What an administrator sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationRule {
    /// Tell the step's officer this many working hours before the step is
    /// due; `None`: not at all.
    pub warn_hours: Option<u32>,
    /// Tell the leader of the step's unit when the step is overdue.
    pub leader_when_overdue: bool,
    /// Tell the leader of the unit above when the step is still overdue
    /// this many working hours after its due moment; `None`: no second level.
    pub second_level_hours: Option<u32>,
}

impl Default for EscalationRule {
    /// Half a working day ahead to the officer, the leader at the due
    /// moment, no second level: a setting, not a legal rule (the one-stop
    /// rules ask only that an apology go out before the due date).
    fn default() -> Self {
        EscalationRule { warn_hours: Some(4), leader_when_overdue: true, second_level_hours: None }
    }
}

impl EscalationRule {
    /// Every mistake at once: hours from 1 to [`MAX_HOURS`].
    pub fn check(&self) -> Result<(), Vec<RuleError>> {
        let mut p = Problems::new();
        for (value, field) in [(self.warn_hours, "warn_hours"), (self.second_level_hours, "second_level_hours")] {
            if let Some(h) = value
                && !(1..=MAX_HOURS).contains(&h)
            {
                p.add(RuleError::invalid("escalation_hours_invalid", field).arg("max", MAX_HOURS));
            }
        }
        if p.is_empty() { Ok(()) } else { Err(p.into_vec()) }
    }
}

/// The level of an escalation: the key's last part, and who is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The step's officer, before the due moment.
    Soon = 1,
    /// The leader of the step's unit, at the due moment.
    Overdue = 2,
    /// The leader of the unit above, after the second delay.
    Second = 3,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Soon, Level::Overdue, Level::Second];

    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Soon => "soon",
            Level::Overdue => "overdue",
            Level::Second => "second",
        }
    }

    pub fn notice(self) -> crate::notice::NoticeKind {
        use crate::notice::NoticeKind;
        match self {
            Level::Soon => NoticeKind::StepDueSoon,
            Level::Overdue => NoticeKind::StepOverdue,
            Level::Second => NoticeKind::StepOverdueSecond,
        }
    }
}

/// Where a rule is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum RuleScope {
    Procedure(i64),
    Unit(i64),
}

/// The rule in force for a step: the procedure's, else the nearest unit's
/// among `unit_rules` (the step unit's own first, then its ancestors',
/// nearest first), else the default.
pub fn rule_for(procedure_rule: Option<EscalationRule>, unit_rules: &[Option<EscalationRule>]) -> EscalationRule {
    procedure_rule.or_else(|| unit_rules.iter().find_map(|r| *r)).unwrap_or_default()
}

/// The farthest moment a running step may be due for the officer's
/// warning to be due now: `hours` working hours after `now`. A step due at
/// or before it is "within `hours`".
pub fn horizon(calendar: &WorkCalendar, now: NaiveDateTime, hours: u32) -> Result<NaiveDateTime, RuleError> {
    Ok(calendar.deadline(now, TimeLimit::new(hours, TimeUnit::WorkingHours))?)
}

/// The levels due now for a running step due at `due` (its clock running:
/// the caller leaves out dossiers waiting for a supplement). A step
/// already overdue gets no "soon" warning: it is late, and the leader is
/// told instead.
pub fn levels_due(
    rule: &EscalationRule,
    calendar: &WorkCalendar,
    due: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Vec<Level>, RuleError> {
    let mut levels = Vec::new();
    if now > due {
        if rule.leader_when_overdue {
            levels.push(Level::Overdue);
        }
        if let Some(h) = rule.second_level_hours
            && horizon(calendar, due, h)? < now
        {
            levels.push(Level::Second);
        }
    } else if let Some(h) = rule.warn_hours
        && due <= horizon(calendar, now, h)?
    {
        levels.push(Level::Soon);
    }
    Ok(levels)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn the_procedure_wins_then_the_nearest_unit_then_the_default() {
        let p = EscalationRule { warn_hours: Some(8), leader_when_overdue: false, second_level_hours: None };
        let u1 = EscalationRule { warn_hours: Some(2), ..EscalationRule::default() };
        let u2 = EscalationRule { warn_hours: None, ..EscalationRule::default() };
        assert_eq!(rule_for(Some(p), &[Some(u1)]), p);
        assert_eq!(rule_for(None, &[None, Some(u1), Some(u2)]), u1);
        assert_eq!(rule_for(None, &[None, None]), EscalationRule::default());
    }

    #[test]
    fn levels_in_working_hours_over_a_weekend() {
        let cal = WorkCalendar::vietnam();
        let rule = EscalationRule { second_level_hours: Some(8), ..EscalationRule::default() };
        // Friday 6 March 2026, 15:00; due Monday 9 March 09:00: within 4
        // working hours (Friday 15:00–17:00 and Monday 08:00–09:00 are 3).
        let due = at(9, 9, 0);
        assert_eq!(levels_due(&rule, &cal, due, at(6, 15, 0)).unwrap(), [Level::Soon]);
        // Friday 10:00 is further away than 4 working hours.
        assert_eq!(levels_due(&rule, &cal, due, at(6, 10, 0)).unwrap(), []);
        // Overdue on Monday 10:00; eight working hours later is Tuesday.
        assert_eq!(levels_due(&rule, &cal, due, at(9, 10, 0)).unwrap(), [Level::Overdue]);
        assert_eq!(levels_due(&rule, &cal, due, at(10, 16, 0)).unwrap(), [Level::Overdue, Level::Second]);
        let quiet = EscalationRule { warn_hours: None, leader_when_overdue: false, second_level_hours: None };
        assert_eq!(levels_due(&quiet, &cal, due, at(9, 10, 0)).unwrap(), []);
        assert_eq!(levels_due(&quiet, &cal, due, at(9, 8, 30)).unwrap(), []);
    }

    #[test]
    fn hours_out_of_range_are_refused_each_on_its_field() {
        let bad = EscalationRule { warn_hours: Some(0), leader_when_overdue: true, second_level_hours: Some(500) };
        let errors = bad.check().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_deref().unwrap_or_default().to_owned()).collect();
        assert_eq!(fields, ["warn_hours", "second_level_hours"]);
        assert!(errors.iter().all(|e| e.code == "escalation_hours_invalid"));
        assert!(EscalationRule::default().check().is_ok());
    }

    #[test]
    fn levels_round_trip() {
        for l in Level::ALL {
            assert_eq!(Level::from_code(l.code()), Some(l));
        }
    }
}
