//! The actions that move a dossier between statuses.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::assignment::Assignee;

/// What an actor asks to do to a dossier. Creation (online submission or
/// counter intake) is not an action: see [`super::machine::submit_online`]
/// and [`super::machine::receive_at_counter`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Tiếp nhận: the counter accepts an online submission (1 → 2).
    Receive,
    /// Từ chối tiếp nhận, with reasons (1 → 3).
    RefuseToReceive,
    /// Chuyển xử lý: to the first step (2 → 4) or the next step (4 → 4).
    Forward,
    /// Yêu cầu bổ sung: the clock stops until the supplement arrives.
    RequestSupplement,
    /// Đã nhận bổ sung: the clock resumes; the due date moves by the pause.
    SupplementReceived,
    /// Yêu cầu thực hiện nghĩa vụ tài chính.
    RequestPayment,
    /// Đã thực hiện nghĩa vụ tài chính.
    RecordPayment,
    /// Xin lỗi và hẹn lại ngày trả: at most once, at least one working day
    /// before the due date.
    Reschedule { new_due_date: NaiveDate },
    /// Rút hồ sơ, at the citizen's request.
    Withdraw,
    /// Nộp bổ sung trực tuyến: the owner sent the supplement online. The
    /// status does not change and the clock stays stopped: the counter
    /// checks the files and then records `SupplementReceived` (the clock
    /// resumes) or asks again (`RequestSupplement`).
    SubmitSupplement,
    /// Dừng xử lý, with reasons.
    Stop,
    /// Hoàn thành xử lý at the last step (4 → 9).
    Finish,
    /// Trả kết quả at the counter (9 → 10).
    ReturnResult,
    /// Phân công: the step's leader or role names the officer who handles
    /// the dossier at this step (status unchanged).
    Assign { assignee: Assignee },
    /// Trả lại bước trước: back to an earlier step of the route (0-based
    /// `to_step`), with a reason; the clock keeps running.
    ReturnToStep { to_step: u32 },
}

/// The kind of an action without its data, for lists and counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    SubmitOnline,
    ReceiveAtCounter,
    Receive,
    RefuseToReceive,
    Forward,
    RequestSupplement,
    SupplementReceived,
    RequestPayment,
    RecordPayment,
    Reschedule,
    Withdraw,
    Stop,
    Finish,
    ReturnResult,
    Assign,
    ReturnToStep,
    SubmitSupplement,
}

impl ActionKind {
    pub const ALL: [ActionKind; 17] = [
        ActionKind::SubmitOnline,
        ActionKind::ReceiveAtCounter,
        ActionKind::Receive,
        ActionKind::RefuseToReceive,
        ActionKind::Forward,
        ActionKind::RequestSupplement,
        ActionKind::SupplementReceived,
        ActionKind::RequestPayment,
        ActionKind::RecordPayment,
        ActionKind::Reschedule,
        ActionKind::Withdraw,
        ActionKind::Stop,
        ActionKind::Finish,
        ActionKind::ReturnResult,
        ActionKind::Assign,
        ActionKind::ReturnToStep,
        ActionKind::SubmitSupplement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::SubmitOnline => "submit_online",
            ActionKind::ReceiveAtCounter => "receive_at_counter",
            ActionKind::Receive => "receive",
            ActionKind::RefuseToReceive => "refuse_to_receive",
            ActionKind::Forward => "forward",
            ActionKind::RequestSupplement => "request_supplement",
            ActionKind::SupplementReceived => "supplement_received",
            ActionKind::RequestPayment => "request_payment",
            ActionKind::RecordPayment => "record_payment",
            ActionKind::Reschedule => "reschedule",
            ActionKind::Withdraw => "withdraw",
            ActionKind::Stop => "stop",
            ActionKind::Finish => "finish",
            ActionKind::ReturnResult => "return_result",
            ActionKind::Assign => "assign",
            ActionKind::ReturnToStep => "return_to_step",
            ActionKind::SubmitSupplement => "submit_supplement",
        }
    }

    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            ActionKind::SubmitOnline => "Nộp trực tuyến",
            ActionKind::ReceiveAtCounter => "Tiếp nhận trực tiếp",
            ActionKind::Receive => "Tiếp nhận",
            ActionKind::RefuseToReceive => "Từ chối tiếp nhận",
            ActionKind::Forward => "Chuyển xử lý",
            ActionKind::RequestSupplement => "Yêu cầu bổ sung",
            ActionKind::SupplementReceived => "Nhận bổ sung",
            ActionKind::RequestPayment => "Yêu cầu nộp phí, lệ phí",
            ActionKind::RecordPayment => "Xác nhận đã nộp phí, lệ phí",
            ActionKind::Reschedule => "Xin lỗi và hẹn lại ngày trả",
            ActionKind::Withdraw => "Rút hồ sơ",
            ActionKind::Stop => "Dừng xử lý",
            ActionKind::Finish => "Hoàn thành xử lý",
            ActionKind::ReturnResult => "Trả kết quả",
            ActionKind::Assign => "Phân công xử lý",
            ActionKind::ReturnToStep => "Trả lại bước trước",
            ActionKind::SubmitSupplement => "Nộp bổ sung trực tuyến",
        }
    }

    /// Actions that must carry a written reason (a refusal, a supplement
    /// request, a stop and an apology are written notices to the citizen;
    /// a return tells the earlier step what to redo).
    pub fn requires_note(self) -> bool {
        matches!(
            self,
            ActionKind::RefuseToReceive
                | ActionKind::RequestSupplement
                | ActionKind::Stop
                | ActionKind::Reschedule
                | ActionKind::ReturnToStep
        )
    }
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Receive => ActionKind::Receive,
            Action::RefuseToReceive => ActionKind::RefuseToReceive,
            Action::Forward => ActionKind::Forward,
            Action::RequestSupplement => ActionKind::RequestSupplement,
            Action::SupplementReceived => ActionKind::SupplementReceived,
            Action::RequestPayment => ActionKind::RequestPayment,
            Action::RecordPayment => ActionKind::RecordPayment,
            Action::Reschedule { .. } => ActionKind::Reschedule,
            Action::Withdraw => ActionKind::Withdraw,
            Action::Stop => ActionKind::Stop,
            Action::Finish => ActionKind::Finish,
            Action::ReturnResult => ActionKind::ReturnResult,
            Action::Assign { .. } => ActionKind::Assign,
            Action::ReturnToStep { .. } => ActionKind::ReturnToStep,
            Action::SubmitSupplement => ActionKind::SubmitSupplement,
        }
    }
}
