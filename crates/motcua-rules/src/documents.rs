//! Official documents (văn bản) of an agency under Decree 30/2020/NĐ-CP on
//! clerical work (docs/documents.md): the registers (sổ văn bản) a document
//! is numbered in, the number and notation (số, ký hiệu) it carries, the
//! states of incoming (văn bản đến) and outgoing (văn bản đi) documents,
//! who may move a document from one state to the next, and when a routed
//! incoming document is due on the working-day calendar.
//!
//! What Decree 30 says is taken from a paraphrase, not the gazette text
//! (docs/sources.md#decree-30): the document types and their abbreviations
//! ([`DOC_TYPES`]) and the series of registers ([`SERIES`]) are data here
//! so that a checked text can correct them without touching the rules.

use chrono::NaiveDateTime;

use crate::calendar::WorkCalendar;
use crate::error::RuleError;
use crate::role::Role;
use crate::time_limit::TimeLimit;

/// Which way a document goes: numbered in the incoming or outgoing register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Văn bản đến: received from another agency.
    Incoming,
    /// Văn bản đi: issued by the agency.
    Outgoing,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::Incoming, Direction::Outgoing];

    /// `den` or `di`, as stored and in addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Incoming => "den",
            Direction::Outgoing => "di",
        }
    }

    pub fn parse(s: &str, field: &str) -> Result<Direction, RuleError> {
        Direction::ALL
            .into_iter()
            .find(|d| d.as_str() == s.trim())
            .ok_or_else(|| RuleError::invalid("document_direction_invalid", field))
    }
}

/// A series of numbers within an agency's registers for a year. Decree 30
/// Art. 15 gives secret and legal-normative documents their own series;
/// Art. 20 keeps secret incoming documents in a separate register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Series {
    /// Every other document.
    Ordinary,
    /// Documents marked MẬT, TỐI MẬT or TUYỆT MẬT (only the separate
    /// numbering is built; who may read them is not).
    Secret,
    /// Legal-normative documents (văn bản quy phạm pháp luật).
    LegalNormative,
}

/// The registers an agency keeps: a direction and a series each.
pub const SERIES: [(Direction, Series); 5] = [
    (Direction::Incoming, Series::Ordinary),
    (Direction::Incoming, Series::Secret),
    (Direction::Outgoing, Series::Ordinary),
    (Direction::Outgoing, Series::Secret),
    (Direction::Outgoing, Series::LegalNormative),
];

impl Series {
    pub fn as_str(self) -> &'static str {
        match self {
            Series::Ordinary => "thuong",
            Series::Secret => "mat",
            Series::LegalNormative => "qppl",
        }
    }

    /// The series `s` of `direction`, if the agency keeps that register
    /// ([`SERIES`]); `document_series_invalid` on `field` otherwise.
    pub fn parse(s: &str, direction: Direction, field: &str) -> Result<Series, RuleError> {
        SERIES
            .into_iter()
            .find(|(d, x)| *d == direction && x.as_str() == s.trim())
            .map(|(_, x)| x)
            .ok_or_else(|| RuleError::invalid("document_series_invalid", field))
    }

    /// The series an outgoing document goes into when it is not secret or
    /// legal-normative, and what an incoming copy of it goes into.
    pub fn incoming_of(self) -> Series {
        match self {
            Series::Secret => Series::Secret,
            _ => Series::Ordinary,
        }
    }
}

/// A type of administrative document (Decree 30 Art. 7) with the
/// abbreviation of its notation (Appendix III).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocType {
    /// Stable code, stored (ASCII).
    pub code: &'static str,
    /// The abbreviation in the notation; `None` for a công văn, whose
    /// notation is the agency's and the drafting unit's abbreviations only.
    pub abbrev: Option<&'static str>,
    pub name_vi: &'static str,
    pub name_en: &'static str,
}

const fn t(code: &'static str, abbrev: &'static str, vi: &'static str, en: &'static str) -> DocType {
    DocType { code, abbrev: Some(abbrev), name_vi: vi, name_en: en }
}

/// The document types and abbreviations. The "thư công" (official letter)
/// is left out: its abbreviation is not established (docs/documents.md).
pub const DOC_TYPES: &[DocType] = &[
    DocType { code: "CV", abbrev: None, name_vi: "Công văn", name_en: "Official letter" },
    t("QD", "QĐ", "Quyết định", "Decision"),
    t("NQ", "NQ", "Nghị quyết", "Resolution"),
    t("CT", "CT", "Chỉ thị", "Directive"),
    t("QC", "QC", "Quy chế", "Regulation (quy chế)"),
    t("QYD", "QyĐ", "Quy định", "Rules (quy định)"),
    t("TC", "TC", "Thông cáo", "Communiqué"),
    t("TB", "TB", "Thông báo", "Notice"),
    t("HD", "HD", "Hướng dẫn", "Guidance"),
    t("CTR", "CTr", "Chương trình", "Programme"),
    t("KH", "KH", "Kế hoạch", "Plan"),
    t("PA", "PA", "Phương án", "Option plan"),
    t("DEA", "ĐA", "Đề án", "Scheme"),
    t("DA", "DA", "Dự án", "Project"),
    t("BC", "BC", "Báo cáo", "Report"),
    t("BB", "BB", "Biên bản", "Minutes"),
    t("TTR", "TTr", "Tờ trình", "Submission"),
    t("HDG", "HĐ", "Hợp đồng", "Contract"),
    t("CD", "CĐ", "Công điện", "Official telegram"),
    t("BGN", "BGN", "Bản ghi nhớ", "Memorandum"),
    t("BTT", "BTT", "Bản thỏa thuận", "Agreement"),
    t("GUQ", "GUQ", "Giấy ủy quyền", "Power of attorney"),
    t("GM", "GM", "Giấy mời", "Invitation"),
    t("GGT", "GGT", "Giấy giới thiệu", "Letter of introduction"),
    t("GNP", "GNP", "Giấy nghỉ phép", "Leave permit"),
    t("PG", "PG", "Phiếu gửi", "Dispatch slip"),
    t("PC", "PC", "Phiếu chuyển", "Transfer slip"),
    t("PB", "PB", "Phiếu báo", "Notification slip"),
];

/// The type stored or sent as `code`; `document_type_invalid` on `field`.
pub fn doc_type(code: &str, field: &str) -> Result<&'static DocType, RuleError> {
    DOC_TYPES.iter().find(|t| t.code == code.trim()).ok_or_else(|| RuleError::invalid("document_type_invalid", field))
}

/// The longest notation the metadata keeps (Appendix VI, CodeNotation).
pub const MAX_NOTATION: usize = 30;
/// The longest subject (trích yếu) the metadata keeps (Appendix VI, Subject).
pub const MAX_SUBJECT: usize = 500;
/// The longest agency name (Appendix VI, OrganName).
pub const MAX_ORGAN_NAME: usize = 200;
/// The longest reason for a refusal or a return, and a note.
pub const MAX_REASON: usize = 500;

/// The issuer's part of a notation: the agency's abbreviation, with the
/// drafting unit's after a hyphen for a công văn (`UBND`, `UBND-VP`).
/// Upper-case letters (Vietnamese ones too) and digits in groups joined by
/// single hyphens; `document_issuer_invalid` on `field` otherwise.
pub fn check_issuer(raw: &str, field: &str) -> Result<String, RuleError> {
    let s = raw.trim();
    let ok = !s.is_empty()
        && s.chars().count() <= 20
        && s.split('-').all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit() || c.is_uppercase()));
    if ok { Ok(s.to_owned()) } else { Err(RuleError::invalid("document_issuer_invalid", field)) }
}

/// The số, ký hiệu of an outgoing document: its number, with a leading zero
/// below 10, then the type's abbreviation and the issuer's
/// (`05/QĐ-UBND`); a công văn has the issuer's only (`12/UBND-VP`).
pub fn notation(number: i64, ty: &DocType, issuer: &str) -> String {
    match ty.abbrev {
        Some(a) => format!("{number:02}/{a}-{issuer}"),
        None => format!("{number:02}/{issuer}"),
    }
}

/// Where a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    // Incoming.
    /// Dispatched to this agency from another unit of the installation,
    /// not registered yet: it creates no duty to handle it (Art. 21).
    Arrived,
    /// Registered with its incoming number, waiting for the leader.
    Registered,
    /// The leader set the lead unit, cooperating units and deadline.
    Routed,
    /// The lead unit is working on it.
    InProgress,
    Done,
    /// Not accepted, with a reason (not registered, no number).
    Refused,
    // Outgoing.
    Draft,
    UnderReview,
    Signed,
    /// Numbered and issued; sent outside motcua by other means.
    Issued,
    /// Numbered, issued and delivered to the recipient units of this installation.
    Dispatched,
}

impl State {
    pub const ALL: [State; 11] = [
        State::Arrived,
        State::Registered,
        State::Routed,
        State::InProgress,
        State::Done,
        State::Refused,
        State::Draft,
        State::UnderReview,
        State::Signed,
        State::Issued,
        State::Dispatched,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Arrived => "arrived",
            State::Registered => "registered",
            State::Routed => "routed",
            State::InProgress => "in_progress",
            State::Done => "done",
            State::Refused => "refused",
            State::Draft => "draft",
            State::UnderReview => "under_review",
            State::Signed => "signed",
            State::Issued => "issued",
            State::Dispatched => "dispatched",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still to be handled by the agency holding it.
    pub fn is_open(self) -> bool {
        !matches!(self, State::Done | State::Refused | State::Issued | State::Dispatched)
    }
}

/// What is done to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Act {
    /// Incoming: the clerk gives an arrived document its incoming number.
    Register,
    /// Incoming: the clerk refuses an arrived document, with a reason.
    Refuse,
    /// Incoming: the leader sets (or changes) the lead unit, the
    /// cooperating units and the deadline (phiếu giải quyết văn bản đến).
    Route,
    /// Incoming: the lead unit starts work.
    Start,
    /// Incoming: the lead unit reports it handled.
    Finish,
    /// Outgoing: the drafter sends the draft for review and signature.
    Submit,
    /// Outgoing: the leader sends it back to the drafter, with a reason.
    Return,
    /// Outgoing: the leader signs it.
    Sign,
    /// Outgoing: the clerk numbers, registers and dispatches it.
    Issue,
}

impl Act {
    pub const ALL: [Act; 9] = [
        Act::Register,
        Act::Refuse,
        Act::Route,
        Act::Start,
        Act::Finish,
        Act::Submit,
        Act::Return,
        Act::Sign,
        Act::Issue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Act::Register => "register",
            Act::Refuse => "refuse",
            Act::Route => "route",
            Act::Start => "start",
            Act::Finish => "finish",
            Act::Submit => "submit",
            Act::Return => "return",
            Act::Sign => "sign",
            Act::Issue => "issue",
        }
    }

    pub fn parse(s: &str, field: &str) -> Result<Act, RuleError> {
        Act::ALL
            .into_iter()
            .find(|a| a.as_str() == s.trim())
            .ok_or_else(|| RuleError::invalid("document_action_invalid", field))
    }

    /// The states it may be done in, and the roles that do it. The clerk's
    /// work (văn thư) is done by the counter officer: motcua has no clerk
    /// role (docs/documents.md#roles).
    fn rule(self) -> (&'static [State], &'static [Role]) {
        const CLERK: &[Role] = &[Role::CounterOfficer];
        const LEADER: &[Role] = &[Role::Leader];
        const HANDLER: &[Role] = &[Role::Specialist, Role::Leader];
        match self {
            Act::Register | Act::Refuse => (&[State::Arrived], CLERK),
            Act::Route => (&[State::Registered, State::Routed], LEADER),
            Act::Start => (&[State::Routed], HANDLER),
            Act::Finish => (&[State::Routed, State::InProgress], HANDLER),
            Act::Submit => (&[State::Draft], HANDLER),
            Act::Return | Act::Sign => (&[State::UnderReview], LEADER),
            Act::Issue => (&[State::Signed], CLERK),
        }
    }
}

/// Who acts, relative to the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// The actor's unit holds the document (its register is theirs).
    pub holds: bool,
    /// The actor's unit is (or contains) the lead unit of a routed document.
    pub in_lead_unit: bool,
}

/// The acts `actor` may do to a document in `state`, in [`Act::ALL`] order.
pub fn offered(state: State, actor: &Actor) -> Vec<Act> {
    Act::ALL.into_iter().filter(|a| check(*a, state, actor, true).is_ok()).collect()
}

/// Whether `actor` may do `act` to a document in `state`, and the state it
/// leads to. `to_recipients`: an issued document goes to recipient units
/// of this installation (then it is dispatched at once). Errors:
/// `document_act_not_allowed` (the state does not allow it),
/// `document_act_forbidden` (the role or unit does not).
pub fn check(act: Act, state: State, actor: &Actor, to_recipients: bool) -> Result<State, RuleError> {
    let (from, roles) = act.rule();
    if !from.contains(&state) {
        return Err(RuleError::not_allowed("document_act_not_allowed").arg("state", state.as_str()));
    }
    let unit_ok = match act {
        Act::Start | Act::Finish => actor.in_lead_unit,
        _ => actor.holds,
    };
    if !roles.contains(&actor.role) || !unit_ok {
        return Err(RuleError::forbidden("document_act_forbidden"));
    }
    Ok(match act {
        Act::Register => State::Registered,
        Act::Refuse => State::Refused,
        Act::Route => State::Routed,
        Act::Start => State::InProgress,
        Act::Finish => State::Done,
        Act::Submit => State::UnderReview,
        Act::Return => State::Draft,
        Act::Sign => State::Signed,
        Act::Issue if to_recipients => State::Dispatched,
        Act::Issue => State::Issued,
    })
}

/// The longest deadline a leader may set, in working days. Decree 30 leaves
/// the deadline to the agency; this is a bound against typing errors.
pub const MAX_ROUTING_DAYS: u32 = 250;

/// The leader's direction on an incoming document (the first block of the
/// phiếu giải quyết văn bản đến).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing {
    pub lead_unit: i64,
    pub cooperating: Vec<i64>,
    /// Working days from the routing to the deadline.
    pub days: u32,
}

/// Checks a routing: a lead unit (`document_lead_required` on
/// `lead_unit`), cooperating units other than the lead and each once
/// (`document_cooperating_invalid` on `cooperating`), and a deadline of 1
/// to [`MAX_ROUTING_DAYS`] working days (`document_deadline_invalid` on
/// `deadline_days`).
pub fn check_routing(lead_unit: Option<i64>, cooperating: &[i64], days: Option<u32>) -> Result<Routing, RuleError> {
    let lead_unit = lead_unit.ok_or_else(|| RuleError::invalid("document_lead_required", "lead_unit"))?;
    let mut seen = std::collections::BTreeSet::new();
    if cooperating.iter().any(|u| *u == lead_unit || !seen.insert(*u)) {
        return Err(RuleError::invalid("document_cooperating_invalid", "cooperating"));
    }
    let days = days
        .filter(|d| (1..=MAX_ROUTING_DAYS).contains(d))
        .ok_or_else(|| RuleError::invalid("document_deadline_invalid", "deadline_days").arg("max", MAX_ROUTING_DAYS))?;
    Ok(Routing { lead_unit, cooperating: cooperating.to_vec(), days })
}

/// When a document routed at `routed_at` with `days` working days is due:
/// the end of the working day that many working days later, the day of
/// routing not counted, on the same calendar as dossiers.
pub fn due(cal: &WorkCalendar, routed_at: NaiveDateTime, days: u32) -> Result<NaiveDateTime, RuleError> {
    Ok(cal.deadline(routed_at, TimeLimit::working_days(days))?)
}

/// Overdue: done after its due moment, or not done and past it at `now`.
/// A document without a deadline is never overdue.
pub fn overdue(due: Option<NaiveDateTime>, done_at: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    match (due, done_at) {
        (Some(due), Some(done)) => done > due,
        (Some(due), None) => now > due,
        (None, _) => false,
    }
}

#[cfg(test)]
#[path = "documents_tests.rs"]
mod tests;
