//! The working-day calendar and deadline arithmetic.
//!
//! Holidays move every year and Saturdays are sometimes swapped into working
//! days, so they are data ([`YearSchedule`]), never rules in code. A year
//! with no data is an error ([`CalendarError::YearUnknown`]), never silently
//! treated as a year without holidays.
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

use chrono::{NaiveDate, NaiveDateTime};

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
}

impl WorkCalendar {
    /// Builds a calendar; fails on inconsistent data.
    pub fn new(config: CalendarConfig, years: Vec<YearSchedule>) -> Result<Self, CalendarError> {
        config.check()?;
        let index = arithmetic::DayIndex::build(&config, &years)?;
        Ok(WorkCalendar { config, index })
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
