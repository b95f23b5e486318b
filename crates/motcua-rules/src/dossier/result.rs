//! The electronic result (kết quả điện tử) of a dossier: who may prepare,
//! sign, issue, revoke and replace it, and when.
//!
//! A result goes **prepared** (the PDF the specialist attached) →
//! **signed** (the leader's own signature, through a remote-signing
//! provider or the signing plugin) → **issued** (the agency's signature,
//! applied by motcua at "finish" with the unit's key, and a number in the
//! unit's results register). An issued result may later be **revoked** or
//! **replaced**, always with a reason; the history keeps every version.
//!
//! The order is that of Decree 30/2020/NĐ-CP, Appendix I: the person with
//! authority signs first, the agency's seal signature comes last. Storing,
//! signing and numbering are the store's and the server's; these are the
//! rules they ask.

use crate::RuleError;
use crate::role::Role;

use super::{Actor, DossierState, Status};

/// Where a result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultState {
    Prepared,
    Signed,
    Issued,
    Revoked,
    Replaced,
}

impl ResultState {
    pub const ALL: [ResultState; 5] =
        [ResultState::Prepared, ResultState::Signed, ResultState::Issued, ResultState::Revoked, ResultState::Replaced];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ResultState::Prepared => "prepared",
            ResultState::Signed => "signed",
            ResultState::Issued => "issued",
            ResultState::Revoked => "revoked",
            ResultState::Replaced => "replaced",
        }
    }

    pub fn parse(s: &str) -> Option<ResultState> {
        ResultState::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Prepared, signed or issued: the dossier's one current result.
    pub fn is_live(self) -> bool {
        matches!(self, ResultState::Prepared | ResultState::Signed | ResultState::Issued)
    }
}

/// The longest title of a result ("Giấy khai sinh", "Bản sao chứng thực").
pub const MAX_TITLE: usize = 200;

/// The dossier is at a step of `actor`'s unit and the actor is its
/// specialist or a leader (the same test as forwarding and finishing).
fn owns_step(d: &DossierState, actor: &Actor) -> bool {
    actor.has_scope_over(&d.current_unit) && (actor.role == d.current_role || actor.role == Role::Leader)
}

fn handled(d: &DossierState) -> bool {
    matches!(d.status, Status::Handled | Status::Returned)
}

/// May `actor` attach a result PDF now? While the dossier is being handled,
/// whoever owns its step prepares it (a new draft replaces a prepared or
/// signed one that was not issued yet). Once a result was issued and the
/// dossier is handled, preparing is a *replacement*, by the leader of the
/// unit that issued it, with a reason.
pub fn check_prepare(
    d: &DossierState,
    actor: &Actor,
    live: Option<ResultState>,
    issued_by_actor_unit: bool,
    reason: Option<&str>,
) -> Result<(), RuleError> {
    match live {
        Some(ResultState::Issued) => {
            if !handled(d) {
                return Err(RuleError::conflict("result_already_issued"));
            }
            if actor.role != Role::Leader || !issued_by_actor_unit {
                return Err(RuleError::forbidden("result_not_issuer"));
            }
            match reason.map(str::trim) {
                Some(r) if !r.is_empty() => Ok(()),
                _ => Err(RuleError::invalid("reason_required", "reason")),
            }
        }
        // A replacement's draft on a handled dossier: its issuing leader.
        Some(_) if handled(d) => {
            if actor.role == Role::Leader && issued_by_actor_unit {
                Ok(())
            } else {
                Err(RuleError::forbidden("result_not_issuer"))
            }
        }
        _ => {
            if d.status != Status::InProcess {
                return Err(RuleError::conflict("result_wrong_status").arg("status", d.status.code()));
            }
            if owns_step(d, actor) { Ok(()) } else { Err(RuleError::forbidden("not_step_owner")) }
        }
    }
}

/// May `actor` put their own signature on the prepared result? A leader
/// who owns the dossier's step (or, for a replacement on a handled dossier,
/// the issuing unit's leader).
pub fn check_sign(
    d: &DossierState,
    actor: &Actor,
    live: Option<ResultState>,
    issued_by_actor_unit: bool,
) -> Result<(), RuleError> {
    match live {
        Some(ResultState::Prepared) => {}
        Some(ResultState::Signed) | Some(ResultState::Issued) => {
            return Err(RuleError::conflict("result_already_signed"));
        }
        _ => return Err(RuleError::not_found("result_not_found")),
    }
    if actor.role != Role::Leader {
        return Err(RuleError::forbidden("result_signer_not_leader"));
    }
    let ok = if handled(d) { issued_by_actor_unit } else { d.status == Status::InProcess && owns_step(d, actor) };
    if ok { Ok(()) } else { Err(RuleError::forbidden("not_step_owner")) }
}

/// Finishing with a result: a prepared result must be signed by its leader
/// first (the agency's signature is never the only one). No result at all
/// is allowed: the result is then on paper.
pub fn check_finish(live: Option<ResultState>) -> Result<(), RuleError> {
    match live {
        Some(ResultState::Prepared) => Err(RuleError::invalid("result_not_signed", "result")),
        _ => Ok(()),
    }
}

/// Issuing a replacement outside "finish": a signed replacement draft on a
/// handled dossier, by the leader of the unit that issued the previous one.
pub fn check_issue_replacement(
    d: &DossierState,
    actor: &Actor,
    live: Option<ResultState>,
    issued_by_actor_unit: bool,
) -> Result<(), RuleError> {
    if !handled(d) {
        // While in process the result is issued by "finish".
        return Err(RuleError::conflict("result_wrong_status").arg("status", d.status.code()));
    }
    match live {
        Some(ResultState::Signed) => {}
        Some(ResultState::Prepared) => return Err(RuleError::invalid("result_not_signed", "result")),
        _ => return Err(RuleError::not_found("result_not_found")),
    }
    if actor.role == Role::Leader && issued_by_actor_unit {
        Ok(())
    } else {
        Err(RuleError::forbidden("result_not_issuer"))
    }
}

/// Revoking an issued result: the leader of the unit that issued it, with a
/// reason.
pub fn check_revoke(
    actor: &Actor,
    state: ResultState,
    issued_by_actor_unit: bool,
    reason: Option<&str>,
) -> Result<(), RuleError> {
    if state != ResultState::Issued {
        return Err(RuleError::conflict("result_not_issued"));
    }
    if actor.role != Role::Leader || !issued_by_actor_unit {
        return Err(RuleError::forbidden("result_not_issuer"));
    }
    match reason.map(str::trim) {
        Some(r) if !r.is_empty() => Ok(()),
        _ => Err(RuleError::invalid("reason_required", "reason")),
    }
}

#[cfg(test)]
#[path = "result_tests.rs"]
mod tests;
