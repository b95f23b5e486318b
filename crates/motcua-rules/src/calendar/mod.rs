//! The working-day calendar and deadline arithmetic.
//!
//! Holidays move every year and Saturdays are sometimes swapped into working
//! days, so they are data ([`YearSchedule`]), never rules in code. A year
//! with no data is an error ([`CalendarError::YearUnknown`]), never silently
//! treated as a year without holidays, unless the calendar is built with
//! [`WorkCalendar::with_proposals`]: then a missing year is filled with the
//! holidays the Labour Code and the lunar calendar ([`lunar`]) give
//! ([`proposed_year`]), and deadlines that reach it are provisional
//! ([`WorkCalendar::is_provisional`]).
//!
//! Times are Vietnamese local wall-clock time (UTC+7, no daylight saving),
//! as `NaiveDateTime`. The caller converts at the edge.
//!
//! Deadline rules (Civil Code 2015 art. 147–148 and one-stop practice,
//! docs/sources.md#deadlines; see `docs/calendar.md`):
//! - a limit in days starts the day after the event: the day of receipt is
//!   not counted;
//! - the result is due by the end of the last day ([`DayEnd`]);
//! - a limit in hours runs from the moment of receipt inside working hours;
//! - a dossier received after the afternoon cut-off, or on a day that is not
//!   a working day, counts as received on the next working day;
//! - time spent waiting for a citizen's supplement is excluded.

mod arithmetic;
mod data;
mod holidays;
pub mod lunar;
mod schedule;

pub use data::{vietnam_default_config, vietnam_schedules};
pub use holidays::proposed_year;
pub use schedule::{CalendarConfig, DayEnd, WorkWindow, YearSchedule};

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::error::RuleError;
use crate::time_limit::TimeLimit;

/// Errors of calendar arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The computation reached a year the calendar has no data for.
    #[error("no calendar data for year {0}")]
    YearUnknown(i32),
    /// The calendar data itself is inconsistent (a date listed both as a
    /// holiday and an extra working day, a date outside its year, windows
    /// that overlap, no working day in a week ...).
    #[error("invalid calendar data: {0}")]
    InvalidData(String),
}

impl From<CalendarError> for RuleError {
    fn from(e: CalendarError) -> Self {
        match e {
            CalendarError::YearUnknown(year) => RuleError::invalid_data("calendar_year_unknown").arg("year", year),
            CalendarError::InvalidData(why) => RuleError::invalid_data("calendar_invalid").arg("why", why),
        }
    }
}

/// How a finished dossier compares with its due date
/// (trước hạn / đúng hạn / quá hạn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// Finished on a day before the due date's day.
    Early,
    /// Finished on the due date's day, not after the due moment.
    OnTime,
    /// Finished after the due moment.
    Late,
}

/// A working-day calendar built from a configuration and per-year
/// schedules. Cheap to query: working days are precomputed per covered
/// year so that adding working days is a table look-up.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    config: CalendarConfig,
    index: arithmetic::DayIndex,
    /// The schedules the calendar was built from, by year.
    schedules: BTreeMap<i32, YearSchedule>,
}

impl WorkCalendar {
    /// Builds a calendar from the given years only; fails on inconsistent
    /// data. A day of any other year is [`CalendarError::YearUnknown`].
    pub fn new(config: CalendarConfig, years: Vec<YearSchedule>) -> Result<Self, CalendarError> {
        config.check()?;
        let index = arithmetic::DayIndex::build(&config, &years)?;
        let schedules = years.into_iter().map(|y| (y.year, y)).collect();
        Ok(WorkCalendar { config, index, schedules })
    }

    /// Builds a calendar like [`new`](Self::new), first filling every year
    /// missing from `years`, from the first given year (or `through_year`
    /// when none is given) to `through_year`, with [`proposed_year`].
    /// Years outside [`lunar::SUPPORTED_YEARS`] are not proposed and stay
    /// unknown. The proposals are provisional: see
    /// [`is_provisional`](Self::is_provisional).
    pub fn with_proposals(
        config: CalendarConfig,
        mut years: Vec<YearSchedule>,
        through_year: i32,
    ) -> Result<Self, CalendarError> {
        config.check()?;
        let first = years.iter().map(|y| y.year).min().unwrap_or(through_year);
        let start = first.max(*lunar::SUPPORTED_YEARS.start());
        let end = through_year.min(*lunar::SUPPORTED_YEARS.end());
        for year in start..=end {
            if !years.iter().any(|y| y.year == year) {
                years.push(proposed_year(&config, year));
            }
        }
        WorkCalendar::new(config, years)
    }

    /// The shipped Vietnamese calendar (civil servants' schedules, see
    /// [`vietnam_schedules`]).
    pub fn vietnam() -> Self {
        WorkCalendar::new(vietnam_default_config(), vietnam_schedules())
            .expect("the shipped calendar data is consistent")
    }

    pub fn config(&self) -> &CalendarConfig {
        &self.config
    }

    /// From the first to the last year this calendar has data for (empty
    /// when it has none). Years may be missing inside the range: a query on
    /// such a year still fails with [`CalendarError::YearUnknown`].
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.index.years()
    }

    /// The schedule of `year`, stored or proposed; `None` when the year is
    /// unknown.
    pub fn schedule(&self, year: i32) -> Option<&YearSchedule> {
        self.schedules.get(&year)
    }

    /// The name of a day off or an extra working day ("Tết Nguyên đán",
    /// "Nghỉ bù Giỗ Tổ Hùng Vương" ...), when its schedule names it.
    pub fn holiday_name(&self, day: NaiveDate) -> Option<&str> {
        self.schedules.get(&day.year())?.names.get(&day).map(String::as_str)
    }

    /// Whether a computation over the days from `from` to `to` (in either
    /// order) rests on data not confirmed by an official notice: true when
    /// any year between theirs is proposed, not verified, or unknown.
    /// Screens show such a deadline as provisional (dự kiến).
    pub fn is_provisional(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (first, last) = (from.year().min(to.year()), from.year().max(to.year()));
        (first..=last).any(|year| self.schedules.get(&year).is_none_or(|y| y.proposed || !y.verified))
    }

    /// Whether a computation over the days from `from` to `to` (in either
    /// order) uses a proposed year: one no administrator has entered, whose
    /// holidays come from the law and the lunar calendar. Narrower than
    /// [`is_provisional`](Self::is_provisional), which also counts stored
    /// years not yet verified: screens mark a due date "tạm tính" only here.
    pub fn rests_on_proposal(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (first, last) = (from.year().min(to.year()), from.year().max(to.year()));
        (first..=last).any(|year| self.schedules.get(&year).is_some_and(|y| y.proposed))
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: NaiveDate) -> Result<bool, CalendarError> {
        self.index.is_working_day(day)
    }

    /// The `n`-th working day strictly after `day`; for `n == 0`, `day`
    /// itself if it is a working day, else the next working day.
    pub fn add_working_days(&self, day: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.index.add_working_days(day, n)
    }

    /// The number of working days `d` with `from < d <= to` (negative when
    /// `to < from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64, CalendarError> {
        self.index.working_days_between(from, to)
    }

    /// The day a dossier counts as received: the day of `at`, or the next
    /// working day when `at` is on a non-working day or after the cut-off.
    pub fn effective_receipt_day(&self, at: NaiveDateTime) -> Result<NaiveDate, CalendarError> {
        arithmetic::effective_receipt_day(self, at)
    }

    /// The due moment of a time limit for a dossier received at `received`.
    pub fn deadline(&self, received: NaiveDateTime, limit: TimeLimit) -> Result<NaiveDateTime, CalendarError> {
        arithmetic::deadline(self, received, limit)
    }

    /// The due moment after a pause (waiting for a supplement) that ran
    /// from `paused_at` to `resumed_at`: the old due moment pushed back by
    /// the working time (or, for calendar-day and month limits, the whole
    /// calendar days) the pause took.
    pub fn extend_for_pause(
        &self,
        due: NaiveDateTime,
        limit: TimeLimit,
        paused_at: NaiveDateTime,
        resumed_at: NaiveDateTime,
    ) -> Result<NaiveDateTime, CalendarError> {
        arithmetic::extend_for_pause(self, due, limit, paused_at, resumed_at)
    }

    /// Early, on time or late.
    pub fn classify(&self, due: NaiveDateTime, finished: NaiveDateTime) -> Timeliness {
        arithmetic::classify(due, finished)
    }

    /// Working days overdue: 0 when not late, else the working days from
    /// the due day to the finishing day (at least 1).
    pub fn days_overdue(&self, due: NaiveDateTime, finished: NaiveDateTime) -> Result<i64, CalendarError> {
        arithmetic::days_overdue(self, due, finished)
    }

    /// The end of the working day `day` as a moment, per [`DayEnd`].
    pub fn end_of_day(&self, day: NaiveDate) -> NaiveDateTime {
        self.config.end_of_day(day)
    }
}
