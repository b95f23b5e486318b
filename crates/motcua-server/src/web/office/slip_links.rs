//! Which slips a dossier's page offers to print, from its history.

use motcua_rules::dossier::ActionKind;

use crate::web::page::Page;

/// A printable slip and the history events that produce it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SlipKind {
    Receipt,
    Supplement,
    Refusal,
    Apology,
    Handover,
    Control,
}

impl SlipKind {
    pub(super) const ALL: [SlipKind; 6] = [
        SlipKind::Receipt,
        SlipKind::Supplement,
        SlipKind::Refusal,
        SlipKind::Apology,
        SlipKind::Handover,
        SlipKind::Control,
    ];

    pub(super) fn file(self) -> &'static str {
        match self {
            SlipKind::Receipt => "receipt",
            SlipKind::Supplement => "supplement",
            SlipKind::Refusal => "refusal",
            SlipKind::Apology => "apology",
            SlipKind::Handover => "handover",
            SlipKind::Control => "control",
        }
    }

    pub(super) fn parse(s: &str) -> Option<SlipKind> {
        SlipKind::ALL.into_iter().find(|k| k.file() == s)
    }

    /// The slip an action issues, if any.
    pub(super) fn of(action: ActionKind) -> Option<SlipKind> {
        match action {
            ActionKind::Receive | ActionKind::ReceiveAtCounter => Some(SlipKind::Receipt),
            ActionKind::RequestSupplement => Some(SlipKind::Supplement),
            ActionKind::RefuseToReceive => Some(SlipKind::Refusal),
            ActionKind::Reschedule => Some(SlipKind::Apology),
            ActionKind::ReturnResult => Some(SlipKind::Handover),
            _ => None,
        }
    }
}

pub(super) fn slip_label(page: &Page, k: SlipKind) -> String {
    page.t(match k {
        SlipKind::Receipt => "office-slip-receipt",
        SlipKind::Supplement => "office-slip-supplement",
        SlipKind::Refusal => "office-slip-refusal",
        SlipKind::Apology => "office-slip-apology",
        SlipKind::Handover => "office-slip-handover",
        SlipKind::Control => "office-slip-control",
    })
}
