//! 766 indicators 1.1–1.3 from motcua's own procedure catalogue
//! (docs/index766.md §9, "The catalogue indicators").
//!
//! - **1.1** published on time: a publication decision (quyết định công bố,
//!   QĐCB) is on time when it is dated no later than the latest effective
//!   date of the procedure's legal basis minus N working days (20 for a
//!   ministry, 5 for a province). A procedure counts once per period, over
//!   the decisions dated in the period, and is late if any of them was late.
//! - **1.2** made public on the national database on time: the day it was
//!   made public is no later than the decision's date plus M working days
//!   (10 for a ministry, 5 for a province). The denominator is the
//!   procedures made public in the period plus those whose deadline fell by
//!   the period's end and that were still not public at its end (late).
//! - **1.3** published with every part of khoản 2 Điều 8 NĐ 63/2010: a
//!   point-in-time count over the procedures in force ([`ContentParts`]).
//!
//! A decision without the dates an indicator rests on is **not
//! measurable** for it: left out of both counts and counted apart, never
//! guessed. A day the calendar has no data for makes it not measurable too.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::period::Period;

/// Who publishes the catalogue: the deadlines of 1.1 and 1.2 differ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublisherLevel {
    /// A ministry or ministerial-level agency.
    Ministry,
    /// A province (UBND cấp tỉnh): motcua's installations.
    #[default]
    Province,
}

/// The working-day deadlines of one publisher level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// 1.1: the decision is dated at least this many working days before
    /// the legal basis takes effect.
    pub before_effective: u32,
    /// 1.2: made public within this many working days of the decision.
    pub public_within: u32,
}

/// The deadlines per level, as the portal's specification states them
/// (docs/sources.md#766-formulas, (A)).
pub const DEADLINES: [(PublisherLevel, Deadlines); 2] = [
    (PublisherLevel::Ministry, Deadlines { before_effective: 20, public_within: 10 }),
    (PublisherLevel::Province, Deadlines { before_effective: 5, public_within: 5 }),
];

impl PublisherLevel {
    pub fn deadlines(self) -> Deadlines {
        DEADLINES.iter().find(|(l, _)| *l == self).map(|(_, d)| *d).expect("every level has deadlines")
    }
}

/// One publication decision of one procedure, with the latest values the
/// catalogue holds for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub procedure_id: i64,
    /// The decision's date (ngày ban hành QĐCB).
    pub decided: NaiveDate,
    /// The latest effective date of the legal basis it publishes.
    pub basis_effective: Option<NaiveDate>,
    /// The day the procedure was made public on the national database.
    pub made_public: Option<NaiveDate>,
}

/// The outcome of one decision (or one procedure) for one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    OnTime,
    Late,
    NotMeasurable,
}

/// 1.1 for one decision: dated no later than the N-th working day before
/// the legal basis takes effect.
pub fn published_on_time(d: &Decision, level: PublisherLevel, calendar: &WorkCalendar) -> Verdict {
    let Some(effective) = d.basis_effective else { return Verdict::NotMeasurable };
    // Working days w with decided ≤ w < effective.
    let day = Duration::days(1);
    match calendar.working_days_between(d.decided - day, effective - day) {
        Ok(n) if n >= i64::from(level.deadlines().before_effective) => Verdict::OnTime,
        Ok(_) => Verdict::Late,
        Err(_) => Verdict::NotMeasurable,
    }
}

/// The last day 1.2 allows: the M-th working day after the decision.
pub fn public_deadline(decided: NaiveDate, level: PublisherLevel, calendar: &WorkCalendar) -> Option<NaiveDate> {
    calendar.add_working_days(decided, level.deadlines().public_within).ok()
}

/// 1.2 for one decision as of the end of `period`: `None` when it is not
/// counted in the period (made public outside it, or not yet due).
pub fn made_public_on_time(
    d: &Decision,
    period: Period,
    level: PublisherLevel,
    calendar: &WorkCalendar,
) -> Option<Verdict> {
    let Some(deadline) = public_deadline(d.decided, level, calendar) else {
        let counted = d.made_public.is_none_or(|p| p >= period.from);
        return counted.then_some(Verdict::NotMeasurable);
    };
    match d.made_public {
        Some(p) if p >= period.from && p <= period.to => {
            Some(if p <= deadline { Verdict::OnTime } else { Verdict::Late })
        }
        // Due by the period's end and still not public at its end.
        Some(p) if p > period.to && deadline <= period.to => Some(Verdict::Late),
        None if deadline <= period.to => Some(Verdict::Late),
        _ => None,
    }
}

/// A procedure's verdict over several: late if any is late, otherwise not
/// measurable if any is, otherwise on time.
fn combine(verdicts: impl IntoIterator<Item = Verdict>) -> Option<Verdict> {
    verdicts.into_iter().fold(None, |acc, v| {
        Some(match (acc, v) {
            (Some(Verdict::Late), _) | (_, Verdict::Late) => Verdict::Late,
            (Some(Verdict::NotMeasurable), _) | (_, Verdict::NotMeasurable) => Verdict::NotMeasurable,
            _ => Verdict::OnTime,
        })
    })
}

/// What the catalogue gives for 1.1–1.3 for one unit and period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PublicationCounts {
    /// 1.1: procedures with a decision dated in the period that can be
    /// judged, of those on time, and those that cannot be judged.
    pub published: u64,
    pub published_on_time: u64,
    pub published_unmeasurable: u64,
    /// 1.2: procedures made public in the period or due and not yet
    /// public; of those on time; those that cannot be judged.
    pub public_due: u64,
    pub public_on_time: u64,
    pub public_unmeasurable: u64,
    /// 1.3: procedures in force now, and of those the ones with every part.
    pub in_force: u64,
    pub content_complete: u64,
    /// Procedures with at least one dated decision: without any, 1.1 and
    /// 1.2 are not measured at all.
    pub with_decisions: u64,
}

/// 1.1 and 1.2 over the decisions of one unit's procedures (any order;
/// several decisions of one procedure are combined per [`combine`]).
pub fn count_decisions(
    decisions: &[Decision],
    period: Period,
    level: PublisherLevel,
    calendar: &WorkCalendar,
) -> PublicationCounts {
    let mut by_procedure: BTreeMap<i64, Vec<&Decision>> = BTreeMap::new();
    for d in decisions {
        by_procedure.entry(d.procedure_id).or_default().push(d);
    }
    let mut c = PublicationCounts { with_decisions: by_procedure.len() as u64, ..PublicationCounts::default() };
    for list in by_procedure.values_mut() {
        list.sort_by_key(|d| d.decided);
        let in_period = list.iter().filter(|d| d.decided >= period.from && d.decided <= period.to);
        match combine(in_period.map(|d| published_on_time(d, level, calendar))) {
            Some(Verdict::OnTime) => (c.published, c.published_on_time) = (c.published + 1, c.published_on_time + 1),
            Some(Verdict::Late) => c.published += 1,
            Some(Verdict::NotMeasurable) => c.published_unmeasurable += 1,
            None => {}
        }
        // A decision not yet public counts only while it is the latest one
        // dated by the period's end: a later decision supersedes it.
        let latest = list.iter().rev().find(|d| d.decided <= period.to).map(|d| d.decided);
        let public = list.iter().filter_map(|d| {
            let v = made_public_on_time(d, period, level, calendar)?;
            let pending = d.made_public.is_none_or(|p| p > period.to);
            (!pending || Some(d.decided) == latest).then_some(v)
        });
        match combine(public) {
            Some(Verdict::OnTime) => (c.public_due, c.public_on_time) = (c.public_due + 1, c.public_on_time + 1),
            Some(Verdict::Late) => c.public_due += 1,
            Some(Verdict::NotMeasurable) => c.public_unmeasurable += 1,
            None => {}
        }
    }
    c
}

/// Checks a procedure's publication dates as an administrator enters
/// them: the effective date and the public date belong to a decision, and
/// a procedure is not made public before it is published.
pub fn check_dates(
    decided: Option<NaiveDate>,
    basis_effective: Option<NaiveDate>,
    made_public: Option<NaiveDate>,
) -> Result<(), crate::error::RuleError> {
    use crate::error::RuleError;
    let Some(decided) = decided else {
        if made_public.is_some() || basis_effective.is_some() {
            return Err(RuleError::invalid("publication_decision_date_required", "publication.decision_date"));
        }
        return Ok(());
    };
    if made_public.is_some_and(|p| p < decided) {
        return Err(RuleError::invalid("publication_public_before_decision", "publication.public_date")
            .arg("decided", decided.format("%d/%m/%Y").to_string()));
    }
    Ok(())
}

/// The parts khoản 2 Điều 8 NĐ 63/2010 requires a published procedure to
/// state, as motcua's catalogue holds them (docs/index766.md §9).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentParts {
    /// Tên thủ tục.
    pub name: bool,
    /// Trình tự thực hiện: the catalogue's steps.
    pub sequence: bool,
    /// Cách thức thực hiện: how it is submitted (the online level).
    pub method: bool,
    /// Thành phần, số lượng hồ sơ: at least one component, each with a
    /// number of originals or copies.
    pub components: bool,
    /// Thời hạn giải quyết.
    pub time_limit: bool,
    /// Đối tượng thực hiện.
    pub applicants: bool,
    /// Cơ quan thực hiện.
    pub agency: bool,
}

impl ContentParts {
    /// The codes of the parts missing, in the decree's order.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            (self.name, "name"),
            (self.sequence, "sequence"),
            (self.method, "method"),
            (self.components, "components"),
            (self.time_limit, "time_limit"),
            (self.applicants, "applicants"),
            (self.agency, "agency"),
        ]
        .into_iter()
        .filter(|(present, _)| !present)
        .map(|(_, code)| code)
        .collect()
    }

    pub fn complete(&self) -> bool {
        self.missing().is_empty()
    }
}

#[cfg(test)]
#[path = "publication_tests.rs"]
mod tests;
