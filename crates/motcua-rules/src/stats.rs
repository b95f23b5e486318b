//! What each dossier event adds to the statistics counters.
//!
//! Counters are kept per (receiving unit, procedure, day, metric) and
//! updated in the same transaction as the action, so a dashboard adds up
//! counters and never scans dossiers. [`deltas`] is the one place that
//! decides what an event counts as; the live path and `motcua stats rebuild`
//! (which replays the history) both call it, so they agree by construction,
//! and a test checks that they do.
//!
//! Definitions (docs/sources.md#766-end-time and #periodic-report, Biểu II.06a):
//! - *received*: on the day of reception (status 2), by channel;
//! - *resolved early / on time / late*: on the day the handling ended
//!   (status 9), by [`DossierState::timeliness`]: more than one supplement
//!   request is late, the supplement's waiting time is excluded;
//! - *refused* (3), *withdrawn* (7), *stopped* (8): on their day;
//! - *open* at the end of day E: received on or before E, not closed on or
//!   before E (closed = handled, or withdrawn/stopped after reception);
//! - *open and past due* at the end of day E: open, not waiting for a
//!   supplement, and its due day is before E. Kept as intervals of days:
//!   [`Metric::PastDue`] marks where one starts and [`Metric::PastDueSettled`]
//!   where it stops, so the count at E is the running sum of the first
//!   minus the second up to E.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::calendar::Timeliness;
use crate::dossier::{DossierState, Status};

/// A counter. The numbers are stored: never renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    ReceivedCounter = 1,
    ReceivedOnline = 2,
    ReceivedPostal = 3,
    ResolvedEarly = 4,
    ResolvedOnTime = 5,
    ResolvedLate = 6,
    Refused = 7,
    Withdrawn = 8,
    Stopped = 9,
    SupplementRequests = 10,
    Returned = 11,
    /// Sum of processing working days of the dossiers resolved that day.
    ProcessingDays = 12,
    /// Received dossiers that closed that day (handled, withdrawn, stopped).
    Closed = 13,
    PastDue = 14,
    PastDueSettled = 15,
    /// Citizens' ratings of dossiers (docs/sources.md#citizen-rating), on
    /// the day they were given.
    Rated = 16,
    /// Of those, the ratings below [`DISSATISFIED_BELOW`].
    RatedDissatisfied = 17,
    /// Dossiers whose first electronic result (kết quả điện tử) was issued
    /// that day: 766 indicator 4.1 ([`result_deltas`]).
    ResultIssued = 18,
    /// Received dossiers with a component that reuses a kept digitised
    /// document, on the day of reception: 766 indicator 4.3 ([`reuse_deltas`]).
    ReceivedReusing = 19,
    /// Of the dossiers counted by [`Metric::ResultIssued`], those whose every
    /// received component had a file: 766 indicator 4.2 ([`result_deltas`]).
    ResultDigitised = 20,
    /// Dossiers of a certified-copy procedure handled that day: the
    /// denominator of 766 indicator 4.6 ([`certified_copy_deltas`]).
    CertifiedCopyHandled = 21,
    /// Of those, the ones whose certified copy was issued as an electronic
    /// result (the numerator of 4.6, [`result_deltas`]).
    CertifiedCopyIssued = 22,
    /// Dossiers of a procedure charging a fee, on the day of reception:
    /// the denominator of 766 indicator 3.6 ([`fee_obligation_deltas`]).
    FeeObligation = 23,
    /// Dossiers asked to pay (a payment request with an amount, the fee
    /// data the portal sync carries), counted once on the dossier's
    /// reception day: per procedure, the numerator of 3.5 ([`fee_requested_deltas`]).
    FeeRequested = 24,
    /// Dossiers paid online (the platform's callback), counted once on the
    /// dossier's reception day: the numerator of 3.6, and per procedure of
    /// 3.5b ([`paid_online_deltas`]).
    PaidOnline = 25,
    /// Received dossiers whose record reached the national portal, on the
    /// day they were received: 766 indicator 1.4 ([`synced_deltas`]).
    /// Numbered 26 (not 23) so that work on other counters started at the
    /// same time does not take the same number.
    DossierSynced = 26,
}

impl Metric {
    pub const ALL: [Metric; 26] = [
        Metric::ReceivedCounter,
        Metric::ReceivedOnline,
        Metric::ReceivedPostal,
        Metric::ResolvedEarly,
        Metric::ResolvedOnTime,
        Metric::ResolvedLate,
        Metric::Refused,
        Metric::Withdrawn,
        Metric::Stopped,
        Metric::SupplementRequests,
        Metric::Returned,
        Metric::ProcessingDays,
        Metric::Closed,
        Metric::PastDue,
        Metric::PastDueSettled,
        Metric::Rated,
        Metric::RatedDissatisfied,
        Metric::ResultIssued,
        Metric::ReceivedReusing,
        Metric::ResultDigitised,
        Metric::CertifiedCopyHandled,
        Metric::CertifiedCopyIssued,
        Metric::FeeObligation,
        Metric::FeeRequested,
        Metric::PaidOnline,
        Metric::DossierSynced,
    ];

    pub fn code(self) -> i16 {
        self as i16
    }

    pub fn from_code(code: i16) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The channel's "received" counter (`KenhThucHien` 1, 2, 3).
    pub fn received_by_channel(channel: i16) -> Metric {
        match channel {
            2 => Metric::ReceivedOnline,
            3 => Metric::ReceivedPostal,
            _ => Metric::ReceivedCounter,
        }
    }
}

/// A rating total (of 18) below this counts as the citizen's "không hài
/// lòng" ("dislike") in 766 indicator 5.4. The spec names dislikes without
/// saying what a dislike is on the 18-point evaluation (NOT FOUND); motcua
/// reads it as a total in the two lowest bands of the evaluation (Trung
/// bình, Yếu: under 9, `sipas::thanh_hoa_bands`). Changing it needs a
/// `motcua stats rebuild`.
pub const DISSATISFIED_BELOW: u32 = 9;

/// What a citizen's rating of a dossier adds, on the day it was given.
pub fn rating_deltas(total: u32, at: NaiveDateTime) -> Vec<Delta> {
    let day = at.date();
    let mut out = vec![Delta { metric: Metric::Rated, day, n: 1 }];
    if total < DISSATISFIED_BELOW {
        out.push(Delta { metric: Metric::RatedDissatisfied, day, n: 1 });
    }
    out
}

/// What a dossier's first issued electronic result adds, on the day it
/// was issued. A replacement issued later is the same dossier's result and
/// adds nothing; a revocation takes nothing back (the dossier had its
/// electronic result; docs/statistics.md, "The digitisation group").
/// `digitised` is [`crate::dossier::digitised::components_digitised`] at
/// that moment (4.2), `certified_copy` whether the procedure is a certified
/// electronic copy (4.6).
pub fn result_deltas(first_issued_at: NaiveDateTime, digitised: bool, certified_copy: bool) -> Vec<Delta> {
    let day = first_issued_at.date();
    let mut out = vec![Delta { metric: Metric::ResultIssued, day, n: 1 }];
    if digitised {
        out.push(Delta { metric: Metric::ResultDigitised, day, n: 1 });
    }
    if certified_copy {
        out.push(Delta { metric: Metric::CertifiedCopyIssued, day, n: 1 });
    }
    out
}

/// What a received dossier adds when the national portal first accepts
/// its record (the sync's first delivered event): one on the day it was
/// received, as 766 indicator 1.4 counts "synced dossiers with Ngày tiếp
/// nhận in the period". Later refusals take nothing back: the portal has
/// the dossier (docs/statistics.md, "The sync to the national portal").
pub fn synced_deltas(received_at: NaiveDateTime) -> Vec<Delta> {
    vec![Delta { metric: Metric::DossierSynced, day: received_at.date(), n: 1 }]
}

/// What a dossier that reuses a kept digitised document adds: one on the
/// day it is received, like [`Metric::ReceivedCounter`] and its siblings.
pub fn reuse_deltas(before: &StatsView, after: &StatsView, at: NaiveDateTime) -> Vec<Delta> {
    if before.received_at.is_none() && after.received_at.is_some() {
        vec![Delta { metric: Metric::ReceivedReusing, day: at.date(), n: 1 }]
    } else {
        Vec::new()
    }
}

/// What a dossier of a certified-copy procedure adds: one on the day its
/// handling ends (status 9), the day [`deltas`] counts it resolved.
pub fn certified_copy_deltas(before: &StatsView, after: &StatsView, at: NaiveDateTime) -> Vec<Delta> {
    let closed_before = before.status.is_some_and(Status::is_closed);
    if !closed_before && after.status == Some(Status::Handled) {
        vec![Delta { metric: Metric::CertifiedCopyHandled, day: at.date(), n: 1 }]
    } else {
        Vec::new()
    }
}

/// What a dossier of a fee-charging procedure adds: one on the day it is
/// received (766 indicator 3.6's denominator: "dossiers of TTHC with fees",
/// less those whose fees are all 0, which a procedure charging nothing is).
pub fn fee_obligation_deltas(before: &StatsView, after: &StatsView, at: NaiveDateTime) -> Vec<Delta> {
    reuse_deltas(before, after, at).into_iter().map(|d| Delta { metric: Metric::FeeObligation, ..d }).collect()
}

/// A dossier's first payment request: one on its reception day, where the
/// 766 spec counts it ("with start date in the period"), whenever it was
/// asked.
pub fn fee_requested_deltas(received_at: NaiveDateTime) -> Vec<Delta> {
    vec![Delta { metric: Metric::FeeRequested, day: received_at.date(), n: 1 }]
}

/// A dossier's first online payment: one on its reception day, as
/// [`fee_requested_deltas`].
pub fn paid_online_deltas(received_at: NaiveDateTime) -> Vec<Delta> {
    vec![Delta { metric: Metric::PaidOnline, day: received_at.date(), n: 1 }]
}

/// One change to one counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Delta {
    pub metric: Metric,
    pub day: NaiveDate,
    pub n: i64,
}

/// The facts of a dossier the counters depend on. Built from the live
/// state ([`StatsView::of`]) or from one history row ([`StatsView::after_event`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatsView {
    pub status: Option<Status>,
    pub received_at: Option<NaiveDateTime>,
    pub due_at: Option<NaiveDateTime>,
    pub supplement_count: u32,
    pub processing_days: Option<u32>,
    pub finished_at: Option<NaiveDateTime>,
    pub paused_at: Option<NaiveDateTime>,
}

/// What one history row records, for replaying it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventFacts<'a> {
    pub at: NaiveDateTime,
    pub action: &'a str,
    pub to_status: Status,
    pub due_at: Option<NaiveDateTime>,
    pub supplement_count: u32,
    pub processing_days: Option<u32>,
}

impl StatsView {
    pub fn of(s: &DossierState) -> StatsView {
        StatsView {
            status: Some(s.status),
            received_at: s.received_at,
            due_at: s.due_at,
            supplement_count: s.supplement_count,
            processing_days: s.processing_days,
            finished_at: s.finished_at,
            paused_at: s.paused_at,
        }
    }

    /// The view after the event `e`, from the view before it. Mirrors what
    /// the state machine does to these fields.
    pub fn after_event(&self, e: &EventFacts<'_>) -> StatsView {
        let mut v = *self;
        v.status = Some(e.to_status);
        v.due_at = e.due_at;
        v.supplement_count = e.supplement_count;
        v.processing_days = e.processing_days;
        if v.received_at.is_none() && matches!(e.action, "receive" | "receive_at_counter") {
            v.received_at = Some(e.at);
        }
        match e.action {
            "request_supplement" if self.received_at.is_some() => v.paused_at = Some(e.at),
            "supplement_received" => v.paused_at = None,
            _ => {}
        }
        if v.finished_at.is_none() && e.to_status.is_closed() {
            v.finished_at = Some(e.at);
        }
        v
    }

    /// Received and not yet closed.
    fn open(&self) -> bool {
        self.received_at.is_some() && !self.status.is_some_and(Status::is_closed)
    }

    /// The due date that can make the dossier past due: none before
    /// reception, after closing, or while the clock is stopped for a
    /// supplement (766: an unanswered request ends the clock at the request).
    fn counted_due(&self) -> Option<NaiveDateTime> {
        self.due_at.filter(|_| self.open() && self.paused_at.is_none())
    }

    /// The same timeliness rule as [`DossierState::timeliness`], at closing.
    fn timeliness(&self) -> Option<Timeliness> {
        let due = self.due_at?;
        if self.supplement_count > 1 {
            return Some(Timeliness::Late);
        }
        let end = self.paused_at.or(self.finished_at)?;
        Some(classify(due, end))
    }
}

fn classify(due: NaiveDateTime, end: NaiveDateTime) -> Timeliness {
    if end > due {
        Timeliness::Late
    } else if end.date() < due.date() {
        Timeliness::Early
    } else {
        Timeliness::OnTime
    }
}

/// The first day a dossier due at `due` counts as past due.
fn past_due_from(due: NaiveDateTime) -> NaiveDate {
    due.date() + Duration::days(1)
}

/// The counter changes of one event that turned `before` into `after` at
/// `at`, for a dossier that came in through `channel`.
pub fn deltas(before: &StatsView, after: &StatsView, channel: i16, at: NaiveDateTime) -> Vec<Delta> {
    let day = at.date();
    let mut out = Vec::new();
    let mut add = |metric, day, n| out.push(Delta { metric, day, n });

    let received_now = before.received_at.is_none() && after.received_at.is_some();
    if received_now {
        add(Metric::received_by_channel(channel), day, 1);
    }
    if after.supplement_count > before.supplement_count {
        add(Metric::SupplementRequests, day, i64::from(after.supplement_count - before.supplement_count));
    }
    let closed_now = !before.status.is_some_and(Status::is_closed) && after.status.is_some_and(Status::is_closed);
    match after.status {
        Some(Status::NotReceived) if closed_now => add(Metric::Refused, day, 1),
        Some(Status::Withdrawn) if closed_now => add(Metric::Withdrawn, day, 1),
        Some(Status::Stopped) if closed_now => add(Metric::Stopped, day, 1),
        Some(Status::Handled) if closed_now => {
            let metric = match after.timeliness() {
                Some(Timeliness::Early) => Metric::ResolvedEarly,
                Some(Timeliness::Late) => Metric::ResolvedLate,
                _ => Metric::ResolvedOnTime,
            };
            add(metric, day, 1);
            add(Metric::ProcessingDays, day, i64::from(after.processing_days.unwrap_or(0)));
        }
        Some(Status::Returned) if before.status != Some(Status::Returned) => add(Metric::Returned, day, 1),
        _ => {}
    }
    if before.open() && after.status.is_some_and(Status::is_closed) {
        add(Metric::Closed, day, 1);
    }
    // Past-due membership is an interval of days: it starts on
    // max(due day + 1, event day) and stops the same way, whenever the
    // counted due date changes (reception, pause, resume, reschedule,
    // closing). An event never changes a day before its own.
    let (old, new) = (before.counted_due(), after.counted_due());
    if old != new {
        if let Some(due) = old {
            add(Metric::PastDueSettled, past_due_from(due).max(day), 1);
        }
        if let Some(due) = new {
            add(Metric::PastDue, past_due_from(due).max(day), 1);
        }
    }
    out
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
