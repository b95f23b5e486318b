//! Which events a person is told about (thông báo): the kinds of notice,
//! the dossier actions that cause them, and who reads each.
//!
//! The one-stop rules ask that the applicant learn of an apology with a new
//! date by e-mail or SMS when they applied online (docs/notifications.md);
//! the other notices (received with the appointment, supplement or payment
//! requested, result ready) are what citizens of the national one-stop
//! systems ask for. The escalation notices go to staff
//! ([`crate::escalation`]).

use serde::{Deserialize, Serialize};

use crate::dossier::ActionKind;

/// A kind of notice; its template and its variables are in `motcua-notify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Tiếp nhận: the dossier's code and the appointment (ngày hẹn trả).
    Received,
    /// Yêu cầu bổ sung, with the note written for the applicant.
    SupplementRequested,
    /// Yêu cầu thực hiện nghĩa vụ tài chính.
    PaymentRequested,
    /// Đã xử lý xong: the result waits at the counter (or online).
    ResultReady,
    /// Xin lỗi và hẹn lại ngày trả: the apology and the new date.
    Rescheduled,
    /// To the step's officer: the step is due within the rule's hours.
    StepDueSoon,
    /// To the leader of the step's unit: the step is past its due moment.
    StepOverdue,
    /// To the leader of the unit above: still overdue after the rule's hours.
    StepOverdueSecond,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 8] = [
        NoticeKind::Received,
        NoticeKind::SupplementRequested,
        NoticeKind::PaymentRequested,
        NoticeKind::ResultReady,
        NoticeKind::Rescheduled,
        NoticeKind::StepDueSoon,
        NoticeKind::StepOverdue,
        NoticeKind::StepOverdueSecond,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Received => "received",
            NoticeKind::SupplementRequested => "supplement_requested",
            NoticeKind::PaymentRequested => "payment_requested",
            NoticeKind::ResultReady => "result_ready",
            NoticeKind::Rescheduled => "rescheduled",
            NoticeKind::StepDueSoon => "step_due_soon",
            NoticeKind::StepOverdue => "step_overdue",
            NoticeKind::StepOverdueSecond => "step_overdue_second",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The notice an action causes to the applicant, if any. Every action
    /// of the state machine passes here (the store calls it where it writes
    /// any action), so a new action is silent until it is named here.
    pub fn for_action(action: ActionKind) -> Option<NoticeKind> {
        match action {
            ActionKind::ReceiveAtCounter | ActionKind::Receive => Some(NoticeKind::Received),
            ActionKind::RequestSupplement => Some(NoticeKind::SupplementRequested),
            ActionKind::RequestPayment => Some(NoticeKind::PaymentRequested),
            ActionKind::Finish => Some(NoticeKind::ResultReady),
            ActionKind::Reschedule => Some(NoticeKind::Rescheduled),
            ActionKind::SubmitOnline
            | ActionKind::RefuseToReceive
            | ActionKind::Forward
            | ActionKind::SupplementReceived
            | ActionKind::RecordPayment
            | ActionKind::Withdraw
            | ActionKind::Stop
            | ActionKind::ReturnResult
            | ActionKind::Assign
            | ActionKind::ReturnToStep
            | ActionKind::SubmitSupplement => None,
        }
    }

    /// Whether the applicant reads it (else a member of staff).
    pub fn to_applicant(self) -> bool {
        !matches!(self, NoticeKind::StepDueSoon | NoticeKind::StepOverdue | NoticeKind::StepOverdueSecond)
    }
}

/// How a person wants to be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Email,
    Sms,
    Zalo,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 3] = [ChannelKind::Email, ChannelKind::Sms, ChannelKind::Zalo];

    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Email => "email",
            ChannelKind::Sms => "sms",
            ChannelKind::Zalo => "zalo",
        }
    }

    pub fn parse(s: &str) -> Option<ChannelKind> {
        ChannelKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a notice stands (the `status` of a `notifications` row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Written with its action, not tried yet (chờ gửi).
    Pending,
    /// Delivered to the channel (đã gửi).
    Sent,
    /// A try failed for a reason that may pass; tried again later (đang gửi lại).
    Retrying,
    /// Given up: a refusal that will not pass, or too many tries (gửi lỗi).
    Failed,
    /// Kept, never sent: no channel configured, or no address to send to
    /// (không gửi).
    NotSent,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 5] = [
        DeliveryStatus::Pending,
        DeliveryStatus::Sent,
        DeliveryStatus::Retrying,
        DeliveryStatus::Failed,
        DeliveryStatus::NotSent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Retrying => "retrying",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::NotSent => "not_sent",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        DeliveryStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How many times a notice is tried before it is given up.
pub const MAX_ATTEMPTS: u32 = 8;

/// The wait before try `attempts + 1` after `attempts` failed ones:
/// 1, 2, 4 … minutes, at most an hour, so a mail server down for a night
/// is tried about once an hour and a short outage costs minutes.
pub fn backoff(attempts: u32) -> chrono::Duration {
    let minutes = 1i64 << attempts.saturating_sub(1).min(6);
    chrono::Duration::minutes(minutes.min(60))
}

/// What the next state of a notice is after a failed try.
pub fn after_failure(attempts: u32, transient: bool) -> DeliveryStatus {
    if transient && attempts < MAX_ATTEMPTS { DeliveryStatus::Retrying } else { DeliveryStatus::Failed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_decided_and_the_notices_are_the_five() {
        let told: Vec<_> = ActionKind::ALL.into_iter().filter_map(NoticeKind::for_action).collect();
        assert_eq!(
            told,
            [
                NoticeKind::Received,
                NoticeKind::Received,
                NoticeKind::SupplementRequested,
                NoticeKind::PaymentRequested,
                NoticeKind::Rescheduled,
                NoticeKind::ResultReady
            ]
        );
        assert!(told.iter().all(|k| k.to_applicant()));
    }

    #[test]
    fn names_round_trip() {
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.as_str()), Some(k));
        }
        for c in ChannelKind::ALL {
            assert_eq!(ChannelKind::parse(c.as_str()), Some(c));
        }
        for s in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(NoticeKind::parse("overdue"), None);
    }

    #[test]
    fn backoff_doubles_up_to_an_hour_and_gives_up() {
        let waits: Vec<i64> = (1..=9).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(after_failure(1, true), DeliveryStatus::Retrying);
        assert_eq!(after_failure(MAX_ATTEMPTS, true), DeliveryStatus::Failed);
        assert_eq!(after_failure(1, false), DeliveryStatus::Failed);
    }
}
