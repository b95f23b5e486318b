//! Who reads a note written with an action: the applicant, or only staff.
//!
//! An officer's note is either part of the file ("đề nghị lãnh đạo ký",
//! "đã ký số 123/2026") or a message to the citizen. Mixing them put
//! internal remarks in the citizen's timeline, so every note says which it
//! is:
//!
//! - the written notices the one-stop rules send to the applicant (a
//!   refusal to receive, a supplement request, a stop, an apology with a
//!   new date) are always for the applicant: the citizen must be told why;
//! - a return to an earlier step and an assignment talk to colleagues and
//!   are always internal;
//! - for the other actions the officer chooses, and a note is internal
//!   unless the officer says otherwise: a remark shown by mistake to a
//!   citizen cannot be taken back, one kept inside can be repeated.
//!
//! Notes the applicant writes (an online submission) are theirs and for
//! them.

use serde::{Deserialize, Serialize};

use super::ActionKind;
use crate::RuleError;
use crate::role::Role;

/// Who reads a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteAudience {
    /// The applicant sees it (their dossier page, the public look-up);
    /// staff see it too.
    Applicant,
    /// Only staff see it (ghi chú nội bộ).
    Internal,
}

impl NoteAudience {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteAudience::Applicant => "applicant",
            NoteAudience::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<NoteAudience> {
        match s {
            "applicant" => Some(NoteAudience::Applicant),
            "internal" => Some(NoteAudience::Internal),
            _ => None,
        }
    }

    pub fn is_applicant(self) -> bool {
        self == NoteAudience::Applicant
    }
}

/// Reads the `note_for` field of a form or request: absent or empty is
/// "nothing said"; anything but `applicant` or `internal` is refused.
pub fn parse_note_audience(value: Option<&str>) -> Result<Option<NoteAudience>, RuleError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => {
            NoteAudience::parse(v).map(Some).ok_or_else(|| RuleError::invalid("note_audience_invalid", "note_for"))
        }
    }
}

/// Whether an action's note has a fixed audience or the officer chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteRule {
    /// Always this audience.
    Fixed(NoteAudience),
    /// The officer chooses; internal when they say nothing.
    Chosen,
}

impl ActionKind {
    /// Who may read this action's note (see the module comment).
    pub fn note_rule(self) -> NoteRule {
        match self {
            ActionKind::RefuseToReceive
            | ActionKind::RequestSupplement
            | ActionKind::Stop
            | ActionKind::Reschedule
            | ActionKind::SubmitOnline
            | ActionKind::SubmitSupplement => NoteRule::Fixed(NoteAudience::Applicant),
            ActionKind::ReturnToStep | ActionKind::Assign => NoteRule::Fixed(NoteAudience::Internal),
            ActionKind::ReceiveAtCounter
            | ActionKind::Receive
            | ActionKind::Forward
            | ActionKind::SupplementReceived
            | ActionKind::RequestPayment
            | ActionKind::RecordPayment
            | ActionKind::Withdraw
            | ActionKind::Finish
            | ActionKind::ReturnResult => NoteRule::Chosen,
        }
    }
}

/// The audience of a note written with `kind`, from what the officer asked
/// (`None`: nothing said). Asking for the other audience of a fixed one is
/// refused on the field `note_for` (`note_audience_fixed`), so that a
/// client never believes a refusal reason is hidden from the citizen, or
/// an internal return shown to them.
pub fn note_audience(kind: ActionKind, requested: Option<NoteAudience>) -> Result<NoteAudience, RuleError> {
    audience_of(kind.note_rule(), requested)
}

/// [`note_audience`] for a note written by someone of `role`: whatever the
/// action, a note the applicant writes (withdrawing online, with a
/// supplement) is theirs, and for them.
pub fn note_audience_by(
    kind: ActionKind,
    role: Role,
    requested: Option<NoteAudience>,
) -> Result<NoteAudience, RuleError> {
    if role == Role::Citizen {
        audience_of(NoteRule::Fixed(NoteAudience::Applicant), requested)
    } else {
        note_audience(kind, requested)
    }
}

fn audience_of(rule: NoteRule, requested: Option<NoteAudience>) -> Result<NoteAudience, RuleError> {
    match (rule, requested) {
        (NoteRule::Fixed(fixed), Some(asked)) if asked != fixed => {
            let (vi, en) = match fixed {
                NoteAudience::Applicant => ("luôn được gửi cho người nộp hồ sơ", "always goes to the applicant"),
                NoteAudience::Internal => ("luôn là ghi chú nội bộ", "is always internal"),
            };
            Err(RuleError::invalid("note_audience_fixed", "note_for").arg_each("audience", vi, en))
        }
        (NoteRule::Fixed(fixed), _) => Ok(fixed),
        (NoteRule::Chosen, asked) => Ok(asked.unwrap_or(NoteAudience::Internal)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_applicants_own_notes_are_for_the_applicant() {
        let kind = ActionKind::Withdraw;
        assert_eq!(note_audience_by(kind, Role::Citizen, None), Ok(NoteAudience::Applicant));
        assert_eq!(note_audience_by(kind, Role::CounterOfficer, None), Ok(NoteAudience::Internal));
        let err = note_audience_by(kind, Role::Citizen, Some(NoteAudience::Internal)).unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), ("note_audience_fixed", Some("note_for")));
    }

    #[test]
    fn written_notices_reach_the_applicant_whatever_is_asked_for_by_default() {
        for kind in
            [ActionKind::RefuseToReceive, ActionKind::RequestSupplement, ActionKind::Stop, ActionKind::Reschedule]
        {
            assert_eq!(note_audience(kind, None), Ok(NoteAudience::Applicant), "{kind:?}");
            assert_eq!(note_audience(kind, Some(NoteAudience::Applicant)), Ok(NoteAudience::Applicant));
            let err = note_audience(kind, Some(NoteAudience::Internal)).unwrap_err();
            assert_eq!((err.code, err.field.as_deref()), ("note_audience_fixed", Some("note_for")));
        }
    }

    #[test]
    fn returns_and_assignments_stay_internal() {
        for kind in [ActionKind::ReturnToStep, ActionKind::Assign] {
            assert_eq!(note_audience(kind, None), Ok(NoteAudience::Internal));
            assert!(note_audience(kind, Some(NoteAudience::Applicant)).is_err());
        }
    }

    #[test]
    fn other_notes_are_internal_unless_the_officer_chooses_the_applicant() {
        let chosen: Vec<_> = ActionKind::ALL.into_iter().filter(|k| k.note_rule() == NoteRule::Chosen).collect();
        assert_eq!(chosen.len(), 9);
        for kind in chosen {
            assert_eq!(note_audience(kind, None), Ok(NoteAudience::Internal), "{kind:?}");
            assert_eq!(note_audience(kind, Some(NoteAudience::Applicant)), Ok(NoteAudience::Applicant));
            assert_eq!(note_audience(kind, Some(NoteAudience::Internal)), Ok(NoteAudience::Internal));
        }
    }

    #[test]
    fn audiences_round_trip_through_their_names() {
        for a in [NoteAudience::Applicant, NoteAudience::Internal] {
            assert_eq!(NoteAudience::parse(a.as_str()), Some(a));
        }
        assert_eq!(NoteAudience::parse("public"), None);
        assert_eq!(parse_note_audience(None), Ok(None));
        assert_eq!(parse_note_audience(Some(" ")), Ok(None));
        assert_eq!(parse_note_audience(Some("internal")), Ok(Some(NoteAudience::Internal)));
        assert_eq!(parse_note_audience(Some("public")).unwrap_err().code, "note_audience_invalid");
    }
}
