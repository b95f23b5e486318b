//! The names of the slips a dossier's page offers to print.

use crate::web::page::Page;
pub(super) use crate::web::slips::SlipKind;

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
