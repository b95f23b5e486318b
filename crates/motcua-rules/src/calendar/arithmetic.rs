//! Working-day index and deadline arithmetic.
//!
//! [`DayIndex`] precomputes, for every day of the covered years, how many
//! working days come before it, and the list of working days in order, so
//! that "the n-th working day after d" is one array look-up
//! (`working[rank(d) + n]`) instead of a walk through the calendar.
//!
//! The deadline rules follow Civil Code 2015 art. 147–148 and one-stop
//! practice (docs/sources.md#deadlines); `docs/calendar.md` explains each of
//! them with examples.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeDelta, Timelike};

use super::schedule::{CalendarConfig, DaySpend, YearSchedule};
use super::{CalendarError, Timeliness, WorkCalendar};
use crate::time_limit::{TimeLimit, TimeUnit};

/// The working days of the covered years, precomputed.
///
/// Years need not be contiguous (2025 and 2027 without 2026): the covered
/// years are split into runs of consecutive years ([`Run`]). A day outside
/// every run is unknown, and so is any count that would cross a gap.
#[derive(Debug, Clone)]
pub(super) struct DayIndex {
    /// Runs of consecutive covered years, in order, never adjacent.
    runs: Vec<Run>,
}

/// Consecutive covered years.
#[derive(Debug, Clone)]
struct Run {
    first_year: i32,
    last_year: i32,
    /// `num_days_from_ce` of 1 January of `first_year`.
    first_day: i32,
    /// Per day of the run: `(working days before it in the run) << 1 | is_working`.
    days: Vec<u32>,
    /// The working days of the run, in order.
    working: Vec<NaiveDate>,
}

impl Run {
    /// The entry of `day`, which must lie inside the run.
    fn entry(&self, day: NaiveDate) -> u32 {
        let offset = usize::try_from(day.num_days_from_ce() - self.first_day)
            .expect("the run was found by the day's year, so the day is not before it");
        self.days[offset]
    }

    /// The error for a count that runs past the run's last year.
    fn beyond(&self) -> CalendarError {
        CalendarError::YearUnknown(self.last_year + 1)
    }
}

/// Working days before the day (the rank), from a [`Run::days`] entry.
fn rank_before(entry: u32) -> usize {
    (entry >> 1) as usize
}

/// Whether the day is a working day, from a [`Run::days`] entry.
fn is_working(entry: u32) -> bool {
    entry & 1 == 1
}

impl DayIndex {
    /// Checks the schedules against each other and the weekly pattern, then
    /// precomputes the working days.
    pub(super) fn build(config: &CalendarConfig, years: &[YearSchedule]) -> Result<Self, CalendarError> {
        let mut sorted: Vec<&YearSchedule> = years.iter().collect();
        sorted.sort_by_key(|y| y.year);
        for pair in sorted.windows(2) {
            if pair[0].year == pair[1].year {
                return Err(invalid(format!("the year {} has two schedules", pair[0].year)));
            }
        }
        for year in &sorted {
            check_year(config, year)?;
        }

        let mut runs: Vec<Run> = Vec::new();
        for year in sorted {
            let extends_last = runs.last().is_some_and(|run| run.last_year + 1 == year.year);
            if !extends_last {
                let first_day = jan_1(year.year)?.num_days_from_ce();
                runs.push(Run {
                    first_year: year.year,
                    last_year: year.year,
                    first_day,
                    days: Vec::new(),
                    working: Vec::new(),
                });
            }
            let run = runs.last_mut().expect("a run was pushed above when there was none");
            run.last_year = year.year;
            append_year(run, config, year)?;
        }
        Ok(DayIndex { runs })
    }

    /// From the first to the last covered year; an empty range when no year
    /// is covered. Years inside it may still be missing (gaps).
    pub(super) fn years(&self) -> std::ops::RangeInclusive<i32> {
        match (self.runs.first(), self.runs.last()) {
            (Some(first), Some(last)) => first.first_year..=last.last_year,
            // No covered year: an empty range (start after end).
            _ => std::ops::RangeInclusive::new(1, 0),
        }
    }

    pub(super) fn is_working_day(&self, day: NaiveDate) -> Result<bool, CalendarError> {
        let run = self.run_of(day)?;
        Ok(is_working(run.entry(day)))
    }

    /// The `n`-th working day strictly after `day`; for `n == 0`, `day` if
    /// it is a working day, else the next one.
    pub(super) fn add_working_days(&self, day: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let run = self.run_of(day)?;
        let entry = run.entry(day);
        // working[rank_before] is the first working day on or after `day`;
        // the n-th one strictly after it sits n places further when `day`
        // itself is working, n - 1 places further when it is not.
        let position = match n {
            0 => Some(rank_before(entry)),
            n => (rank_before(entry) + usize::from(is_working(entry))).checked_add(n as usize - 1),
        };
        position.and_then(|p| run.working.get(p).copied()).ok_or_else(|| run.beyond())
    }

    /// The number of working days `d` with `from < d <= to`; negative when
    /// `to < from`.
    pub(super) fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64, CalendarError> {
        if to < from {
            return self.working_days_between(to, from).map(|n| -n);
        }
        let (run_from, run_to) = (self.run_of(from)?, self.run_of(to)?);
        if run_from.first_year != run_to.first_year {
            return Err(run_from.beyond());
        }
        let (a, b) = (run_from.entry(from), run_to.entry(to));
        let through = |e: u32| (rank_before(e) + usize::from(is_working(e))) as i64;
        Ok(through(b) - through(a))
    }

    /// The run covering `day`'s year.
    fn run_of(&self, day: NaiveDate) -> Result<&Run, CalendarError> {
        let year = day.year();
        // Runs are sorted: the candidate is the last run starting at or before `year`.
        let after = self.runs.partition_point(|run| run.first_year <= year);
        match after.checked_sub(1).map(|i| &self.runs[i]) {
            Some(run) if year <= run.last_year => Ok(run),
            _ => Err(CalendarError::YearUnknown(year)),
        }
    }
}

/// Rejects dates outside the year, a date both off and worked, an extra
/// working day that already is one by its weekday (most likely a typo for
/// a Saturday), and a name for a day that is neither off nor worked.
fn check_year(config: &CalendarConfig, year: &YearSchedule) -> Result<(), CalendarError> {
    jan_1(year.year)?;
    let listed = year.days_off.iter().chain(&year.extra_working_days).chain(year.names.keys());
    if let Some(stray) = listed.into_iter().find(|d| d.year() != year.year) {
        return Err(invalid(format!("{} is listed in the schedule of the year {}", dmy(*stray), year.year)));
    }
    let is_listed = |d: &NaiveDate| year.days_off.contains(d) || year.extra_working_days.contains(d);
    if let Some(named) = year.names.keys().find(|d| !is_listed(d)) {
        return Err(invalid(format!(
            "{} has a name but is neither a day off nor an extra working day of {}",
            dmy(*named),
            year.year
        )));
    }
    for extra in &year.extra_working_days {
        if year.days_off.contains(extra) {
            return Err(invalid(format!("{} is both a day off and an extra working day", dmy(*extra))));
        }
        if config.is_working_weekday(extra.weekday()) {
            return Err(invalid(format!(
                "extra working day {} is a {:?}, already a working weekday",
                dmy(*extra),
                extra.weekday()
            )));
        }
    }
    Ok(())
}

/// Appends the days of `year` (the year after the run's current end) to `run`.
fn append_year(run: &mut Run, config: &CalendarConfig, year: &YearSchedule) -> Result<(), CalendarError> {
    let mut day = jan_1(year.year)?;
    while day.year() == year.year {
        let working = year.extra_working_days.contains(&day)
            || (config.is_working_weekday(day.weekday()) && !year.days_off.contains(&day));
        // chrono dates span fewer than 2^31 days, so a rank shifted left by
        // one bit still fits a u32.
        let rank = u32::try_from(run.working.len()).expect("fewer than 2^31 working days");
        run.days.push(rank << 1 | u32::from(working));
        if working {
            run.working.push(day);
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    Ok(())
}

fn jan_1(year: i32) -> Result<NaiveDate, CalendarError> {
    NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| invalid(format!("the year {year} is out of range")))
}

fn invalid(why: String) -> CalendarError {
    CalendarError::InvalidData(why)
}

/// dd/mm/yyyy, as Vietnamese administrators write dates.
fn dmy(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// Whether `at` is after the cut-off (a receipt then counts on the next
/// working day). A receipt exactly at the cut-off still counts that day.
fn after_cutoff(config: &CalendarConfig, at: NaiveDateTime) -> bool {
    config.cutoff.is_some_and(|cutoff| at.time() > cutoff)
}

pub(super) fn effective_receipt_day(cal: &WorkCalendar, at: NaiveDateTime) -> Result<NaiveDate, CalendarError> {
    let day = at.date();
    if cal.index.is_working_day(day)? && !after_cutoff(&cal.config, at) {
        Ok(day)
    } else {
        cal.index.add_working_days(day, 1)
    }
}

pub(super) fn deadline(
    cal: &WorkCalendar,
    received: NaiveDateTime,
    limit: TimeLimit,
) -> Result<NaiveDateTime, CalendarError> {
    let n = limit.amount;
    match limit.unit {
        // Art. 147 khoản 2–3: the day of receipt is not counted.
        TimeUnit::WorkingDays => {
            let receipt = effective_receipt_day(cal, received)?;
            Ok(cal.end_of_day(cal.index.add_working_days(receipt, n)?))
        }
        // Art. 148 khoản 1 and 5: end of the n-th calendar day, moved to the
        // next working day when it is a weekend day or a holiday.
        TimeUnit::Days => {
            let receipt = effective_receipt_day(cal, received)?;
            let last = receipt.checked_add_days(Days::new(n.into())).ok_or_else(|| beyond_data(cal))?;
            end_on_working_day(cal, last)
        }
        // Art. 148 khoản 3: the same day of the last month, or that month's
        // last day when it has no such day (chrono clamps the same way).
        TimeUnit::Months => {
            let receipt = effective_receipt_day(cal, received)?;
            let last = receipt.checked_add_months(Months::new(n)).ok_or_else(|| beyond_data(cal))?;
            end_on_working_day(cal, last)
        }
        // Art. 147 khoản 1: a limit in hours runs from the moment itself,
        // here counted in working time only.
        TimeUnit::WorkingHours => {
            let start = clock_start(cal, received)?;
            advance_working_time(cal, start, i64::from(n) * 3600)
        }
    }
}

/// The end of `day`, or of the next working day when `day` is not one
/// (Civil Code art. 148 khoản 5).
fn end_on_working_day(cal: &WorkCalendar, day: NaiveDate) -> Result<NaiveDateTime, CalendarError> {
    Ok(cal.end_of_day(cal.index.add_working_days(day, 0)?))
}

/// A date past anything chrono can hold is certainly past the data.
fn beyond_data(cal: &WorkCalendar) -> CalendarError {
    CalendarError::YearUnknown(cal.index.years().end().saturating_add(1))
}

/// When the working-hours clock starts for something received at `at`: at
/// `at` inside a window of a working day (up to the cut-off); at the next
/// window's start before or between windows; otherwise at the first
/// window's start of the next working day.
fn clock_start(cal: &WorkCalendar, at: NaiveDateTime) -> Result<NaiveDateTime, CalendarError> {
    let at = ceil_to_second(at);
    let day = at.date();
    if cal.index.is_working_day(day)?
        && !after_cutoff(&cal.config, at)
        && let Some(start) = cal.config.clock_start_within(at.time())
    {
        return Ok(day.and_time(start));
    }
    let next = cal.index.add_working_days(day, 1)?;
    Ok(next.and_time(cal.config.first_window_start()))
}

/// Working time is counted in whole seconds; a fraction of a second is
/// rounded up so that a clock never starts before the moment of receipt.
fn ceil_to_second(at: NaiveDateTime) -> NaiveDateTime {
    match at.nanosecond() {
        0 => at,
        nanos => at + TimeDelta::nanoseconds(1_000_000_000 - i64::from(nanos)),
    }
}

/// The moment `secs` working seconds after `from`, consuming the windows of
/// working days. Time that runs out exactly at a window's end is due at
/// that end. `secs == 0` gives `from` unchanged.
fn advance_working_time(cal: &WorkCalendar, from: NaiveDateTime, secs: i64) -> Result<NaiveDateTime, CalendarError> {
    if secs <= 0 {
        return Ok(from);
    }
    let day = from.date();
    let mut left = secs;
    if cal.index.is_working_day(day)? {
        match cal.config.spend_within_day(from.time(), left) {
            DaySpend::RunsOutAt(time) => return Ok(day.and_time(time)),
            DaySpend::Left(rest) => left = rest,
        }
    }
    let per_day = cal.config.working_seconds_per_day();
    if per_day <= 0 {
        return Err(invalid("a working day has no working time".to_owned()));
    }
    // Skip whole working days at once, keeping a last part in 1..=per_day
    // so that it ends inside the last day (possibly at its last window's end).
    let whole_days = (left - 1) / per_day;
    let last_part = left - whole_days * per_day;
    let skip = u32::try_from(whole_days + 1).unwrap_or(u32::MAX);
    let last_day = cal.index.add_working_days(day, skip)?;
    match cal.config.spend_within_day(cal.config.first_window_start(), last_part) {
        DaySpend::RunsOutAt(time) => Ok(last_day.and_time(time)),
        DaySpend::Left(_) => unreachable!("the last part is at most one day's working time"),
    }
}

/// Working seconds between two moments: the parts of the windows of
/// working days that lie between them. `a <= b`.
fn working_seconds_between(cal: &WorkCalendar, a: NaiveDateTime, b: NaiveDateTime) -> Result<i64, CalendarError> {
    let config = &cal.config;
    let within = |day: NaiveDate, from, to| -> Result<i64, CalendarError> {
        Ok(if cal.index.is_working_day(day)? { config.working_seconds_within(from, to) } else { 0 })
    };
    let (first, last) = (a.date(), b.date());
    if first == last {
        return within(first, a.time(), b.time());
    }
    let head = within(first, a.time(), config.last_window_end())?;
    let tail = within(last, config.first_window_start(), b.time())?;
    let whole_days_between = cal.index.working_days_between(first, last)? - i64::from(cal.index.is_working_day(last)?);
    Ok(head + whole_days_between * config.working_seconds_per_day() + tail)
}

pub(super) fn extend_for_pause(
    cal: &WorkCalendar,
    due: NaiveDateTime,
    limit: TimeLimit,
    paused_at: NaiveDateTime,
    resumed_at: NaiveDateTime,
) -> Result<NaiveDateTime, CalendarError> {
    if resumed_at < paused_at {
        return Err(invalid(format!("the pause resumes ({resumed_at}) before it starts ({paused_at})")));
    }
    match limit.unit {
        TimeUnit::WorkingHours => {
            let paused = working_seconds_between(cal, paused_at, resumed_at)?;
            advance_working_time(cal, due, paused)
        }
        TimeUnit::WorkingDays => {
            let paused = cal.index.working_days_between(paused_at.date(), resumed_at.date())?;
            if paused == 0 {
                return Ok(due);
            }
            let paused = u32::try_from(paused).unwrap_or(u32::MAX);
            Ok(cal.end_of_day(cal.index.add_working_days(due.date(), paused)?))
        }
        TimeUnit::Days | TimeUnit::Months => {
            let paused = (resumed_at.date() - paused_at.date()).num_days();
            if paused == 0 {
                return Ok(due);
            }
            let day = u64::try_from(paused)
                .ok()
                .and_then(|k| due.date().checked_add_days(Days::new(k)))
                .ok_or_else(|| beyond_data(cal))?;
            end_on_working_day(cal, day)
        }
    }
}

pub(super) fn classify(due: NaiveDateTime, finished: NaiveDateTime) -> Timeliness {
    if finished > due {
        Timeliness::Late
    } else if finished.date() < due.date() {
        // A whole day ahead. Whether finishing earlier on the due day also
        // counts as early is NOT FOUND in law (docs/sources.md#deadlines); 766
        // counts both as on time.
        Timeliness::Early
    } else {
        Timeliness::OnTime
    }
}

pub(super) fn days_overdue(
    cal: &WorkCalendar,
    due: NaiveDateTime,
    finished: NaiveDateTime,
) -> Result<i64, CalendarError> {
    if classify(due, finished) != Timeliness::Late {
        return Ok(0);
    }
    // Late on the due day itself (after a 17:00 due moment) is one day late.
    Ok(cal.index.working_days_between(due.date(), finished.date())?.max(1))
}

#[cfg(test)]
#[path = "arithmetic_tests.rs"]
mod tests;
