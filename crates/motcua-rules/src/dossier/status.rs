//! The ten national dossier statuses (DVCQG `TrangThai`, docs/sources.md#dossier-statuses).

use serde::{Deserialize, Serialize};

/// A dossier's status, numbered as in the national sync catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 1 Mới đăng ký: submitted online, not yet checked by the counter.
    Submitted = 1,
    /// 2 Được tiếp nhận: received; the code and the due date are issued.
    Received = 2,
    /// 3 Không được tiếp nhận: refused at reception, with reasons.
    NotReceived = 3,
    /// 4 Đang xử lý: being handled at a step of the workflow.
    InProcess = 4,
    /// 5 Yêu cầu bổ sung giấy tờ: waiting for the citizen's supplement; the clock stops.
    SupplementRequested = 5,
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính: waiting for payment.
    PaymentRequested = 6,
    /// 7 Công dân yêu cầu rút hồ sơ: withdrawn at the citizen's request.
    Withdrawn = 7,
    /// 8 Dừng xử lý: handling stopped.
    Stopped = 8,
    /// 9 Đã xử lý xong: handled; the result waits at the counter.
    Handled = 9,
    /// 10 Đã trả kết quả: result returned.
    Returned = 10,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Submitted,
        Status::Received,
        Status::NotReceived,
        Status::InProcess,
        Status::SupplementRequested,
        Status::PaymentRequested,
        Status::Withdrawn,
        Status::Stopped,
        Status::Handled,
        Status::Returned,
    ];

    /// The national numeric code (1–10).
    pub fn code(self) -> i16 {
        self as i16
    }

    pub fn from_code(code: i16) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The snake_case name used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Received => "received",
            Status::NotReceived => "not_received",
            Status::InProcess => "in_process",
            Status::SupplementRequested => "supplement_requested",
            Status::PaymentRequested => "payment_requested",
            Status::Withdrawn => "withdrawn",
            Status::Stopped => "stopped",
            Status::Handled => "handled",
            Status::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The name printed on national forms.
    pub fn name_vi(self) -> &'static str {
        match self {
            Status::Submitted => "Mới đăng ký",
            Status::Received => "Được tiếp nhận",
            Status::NotReceived => "Không được tiếp nhận",
            Status::InProcess => "Đang xử lý",
            Status::SupplementRequested => "Yêu cầu bổ sung giấy tờ",
            Status::PaymentRequested => "Yêu cầu thực hiện nghĩa vụ tài chính",
            Status::Withdrawn => "Công dân yêu cầu rút hồ sơ",
            Status::Stopped => "Dừng xử lý",
            Status::Handled => "Đã xử lý xong",
            Status::Returned => "Đã trả kết quả",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Status::Submitted => "Submitted",
            Status::Received => "Received",
            Status::NotReceived => "Not received",
            Status::InProcess => "In process",
            Status::SupplementRequested => "Supplement requested",
            Status::PaymentRequested => "Payment requested",
            Status::Withdrawn => "Withdrawn",
            Status::Stopped => "Stopped",
            Status::Handled => "Handled",
            Status::Returned => "Result returned",
        }
    }

    /// No action leads out of a final status.
    pub fn is_final(self) -> bool {
        matches!(self, Status::NotReceived | Status::Withdrawn | Status::Stopped | Status::Returned)
    }

    /// The handling is over: the 766 end time is the time this status was
    /// reached (docs/sources.md#766-end-time, the end-time rules of 2.1).
    pub fn is_closed(self) -> bool {
        self.is_final() || self == Status::Handled
    }

    /// The handling clock runs against the due date: received, in process,
    /// or waiting for a payment. It does not while waiting for a supplement
    /// (the pause is excluded), before reception (no due date), or once
    /// handled (only the return is left). "Overdue" applies only here.
    pub fn clock_running(self) -> bool {
        matches!(self, Status::Received | Status::InProcess | Status::PaymentRequested)
    }

    /// Waiting for the citizen (supplement or payment); the dossier keeps
    /// its place in the workflow.
    pub fn is_waiting_for_citizen(self) -> bool {
        matches!(self, Status::SupplementRequested | Status::PaymentRequested)
    }
}

/// How a citizen reads where their dossiers stand: the groups of the
/// "My dossiers" filter. Every status is in exactly one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Submitted, received, in process or waiting for a payment: the
    /// administration has it.
    InProgress,
    /// The citizen has to add or correct documents.
    NeedsSupplement,
    /// Handled: the result is ready or returned.
    Done,
    /// Not received at the counter.
    Refused,
    /// Withdrawn or stopped.
    Ended,
}

impl Progress {
    pub const ALL: [Progress; 5] =
        [Progress::InProgress, Progress::NeedsSupplement, Progress::Done, Progress::Refused, Progress::Ended];

    pub fn of(s: Status) -> Progress {
        match s {
            Status::Submitted | Status::Received | Status::InProcess | Status::PaymentRequested => Progress::InProgress,
            Status::SupplementRequested => Progress::NeedsSupplement,
            Status::Handled | Status::Returned => Progress::Done,
            Status::NotReceived => Progress::Refused,
            Status::Withdrawn | Status::Stopped => Progress::Ended,
        }
    }

    /// The statuses of the group, in national order.
    pub fn statuses(self) -> Vec<Status> {
        Status::ALL.into_iter().filter(|s| Progress::of(*s) == self).collect()
    }

    /// The name in URLs (`/my?show=supplement`).
    pub fn as_str(self) -> &'static str {
        match self {
            Progress::InProgress => "in-progress",
            Progress::NeedsSupplement => "supplement",
            Progress::Done => "done",
            Progress::Refused => "refused",
            Progress::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<Progress> {
        Progress::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_national_ones() {
        assert_eq!(Status::Submitted.code(), 1);
        assert_eq!(Status::Returned.code(), 10);
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::from_code(11), None);
    }

    #[test]
    fn the_clock_runs_only_while_someone_owes_work() {
        let running: Vec<_> = Status::ALL.into_iter().filter(|s| s.clock_running()).map(Status::code).collect();
        assert_eq!(running, [2, 4, 6]);
    }

    #[test]
    fn every_status_is_in_one_progress_group() {
        let mut all: Vec<i16> = Progress::ALL.into_iter().flat_map(Progress::statuses).map(Status::code).collect();
        all.sort_unstable();
        assert_eq!(all, (1..=10).collect::<Vec<i16>>());
        for p in Progress::ALL {
            assert_eq!(Progress::parse(p.as_str()), Some(p));
        }
    }
}
