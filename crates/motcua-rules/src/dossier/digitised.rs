//! Digitised components (số hóa thành phần hồ sơ) and their reuse.
//!
//! Circular 01/2023/TT-VPCP has the one-stop counter digitise what a citizen
//! hands in: the file of a component becomes an electronic copy of the
//! original once the agency signs it (Decree 30/2020/NĐ-CP: the agency's
//! signature on a digitised paper document, top right of its first page).
//! The signed copy is kept for the person it belongs to, by their identity
//! number (CCCD), together with the electronic results issued to them, and
//! offered again when the next dossier needs the same component
//! ("khai thác, sử dụng lại dữ liệu số hóa"), instead of a new upload.
//!
//! Storing and signing are the store's and the server's; these are the
//! rules they ask. Which kept document fits which component is the
//! applicant's choice (a birth certificate kept as a result is reused as
//! the component "Bản sao Giấy khai sinh"): the counter checks it as it
//! checks any file, so no catalogue mapping between names is needed.

use std::collections::BTreeSet;

use crate::RuleError;
use crate::role::Role;

use super::{Actor, DossierState, Status};

/// Whether a kept document was digitised from a component or issued as a
/// result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeptKind {
    /// A component's file, signed by the agency as an electronic copy.
    Digitised,
    /// An issued electronic result.
    Result,
}

impl KeptKind {
    pub const ALL: [KeptKind; 2] = [KeptKind::Digitised, KeptKind::Result];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            KeptKind::Digitised => "digitised",
            KeptKind::Result => "result",
        }
    }

    pub fn parse(s: &str) -> Option<KeptKind> {
        KeptKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// May `actor` digitise a file of this dossier now? Staff of the unit that
/// received it (the counter digitises at intake) or of the unit it is at,
/// as a counter officer, specialist or leader; after reception and before
/// it closes without a result (refused, withdrawn, stopped). The person
/// the copy is kept for must be known: the applicant's identity number.
pub fn check_digitise(d: &DossierState, actor: &Actor, holder_id: Option<&str>) -> Result<(), RuleError> {
    if !matches!(actor.role, Role::CounterOfficer | Role::Specialist | Role::Leader)
        || !(actor.has_scope_over(&d.receiving_unit) || actor.has_scope_over(&d.current_unit))
    {
        return Err(RuleError::forbidden("digitise_not_allowed"));
    }
    if d.received_at.is_none() || matches!(d.status, Status::NotReceived | Status::Withdrawn | Status::Stopped) {
        return Err(RuleError::conflict("digitise_wrong_status").arg("status", d.status.code()));
    }
    match holder_id.map(str::trim) {
        Some(id) if !id.is_empty() => Ok(()),
        _ => Err(RuleError::invalid("holder_id_missing", "applicant.id_number")),
    }
}

/// A reused kept document must fill a component of the procedure, and each
/// component at most once.
pub fn check_reuse<'a>(
    procedure_components: &[&str],
    reused_components: impl IntoIterator<Item = &'a str>,
) -> Result<(), RuleError> {
    let mut seen = BTreeSet::new();
    for name in reused_components {
        if !procedure_components.contains(&name) {
            return Err(RuleError::invalid("reuse_component_unknown", "reuse").arg("component", name));
        }
        if !seen.insert(name) {
            return Err(RuleError::invalid("reuse_component_twice", "reuse").arg("component", name));
        }
    }
    Ok(())
}

/// 766 indicator 4.2's first condition: every component the dossier
/// received has a file (digitised at the counter, reused, or uploaded
/// online), which is how the portal reads "digitised input components" (a
/// file attached to the dossier's components). A dossier that received no
/// component has nothing digitised.
pub fn components_digitised(received: &[&str], with_files: &BTreeSet<&str>) -> bool {
    !received.is_empty() && received.iter().all(|c| with_files.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scope::UnitRef;

    fn unit(id: i64, path: &str) -> UnitRef {
        UnitRef { id, path: path.into() }
    }

    fn dossier(status: Status, received: bool) -> DossierState {
        let citizen = Actor { user_id: 1, role: Role::Citizen, unit: None };
        let submitted = super::super::submit_online(unit(2, "/1/2/"), &citizen).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        DossierState { status, received_at: received.then(|| day.into()), ..submitted }
    }

    fn actor(role: Role, path: &str) -> Actor {
        Actor { user_id: 7, role, unit: Some(unit(9, path)) }
    }

    #[test]
    fn staff_of_the_receiving_unit_digitise_a_received_dossier() {
        let d = dossier(Status::InProcess, true);
        for role in [Role::CounterOfficer, Role::Specialist, Role::Leader] {
            assert!(check_digitise(&d, &actor(role, "/1/2/"), Some("001203004567")).is_ok(), "{role:?}");
        }
    }

    #[test]
    fn others_and_citizens_do_not() {
        let d = dossier(Status::InProcess, true);
        for a in [actor(Role::Specialist, "/1/3/"), actor(Role::Citizen, "/1/2/"), actor(Role::Admin, "/1/")] {
            let e = check_digitise(&d, &a, Some("001203004567")).unwrap_err();
            assert_eq!(e.code, "digitise_not_allowed");
        }
    }

    #[test]
    fn before_reception_or_after_a_refusal_nothing_is_digitised() {
        let a = actor(Role::CounterOfficer, "/1/2/");
        assert_eq!(
            check_digitise(&dossier(Status::Submitted, false), &a, Some("1")).unwrap_err().code,
            "digitise_wrong_status"
        );
        for s in [Status::Withdrawn, Status::Stopped] {
            assert_eq!(check_digitise(&dossier(s, true), &a, Some("1")).unwrap_err().code, "digitise_wrong_status");
        }
        assert!(check_digitise(&dossier(Status::Handled, true), &a, Some("1")).is_ok());
    }

    #[test]
    fn the_holder_must_be_known() {
        let a = actor(Role::CounterOfficer, "/1/2/");
        for id in [None, Some(""), Some("  ")] {
            let e = check_digitise(&dossier(Status::Received, true), &a, id).unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), ("holder_id_missing", Some("applicant.id_number")));
        }
    }

    #[test]
    fn a_reuse_fills_a_known_component_once() {
        let names = ["Tờ khai", "Bản sao Giấy khai sinh"];
        assert!(check_reuse(&names, ["Bản sao Giấy khai sinh"]).is_ok());
        assert_eq!(check_reuse(&names, ["Hộ chiếu"]).unwrap_err().code, "reuse_component_unknown");
        assert_eq!(check_reuse(&names, ["Tờ khai", "Tờ khai"]).unwrap_err().code, "reuse_component_twice");
    }

    #[test]
    fn digitised_means_every_received_component_has_a_file() {
        let files: BTreeSet<&str> = ["Tờ khai", "CCCD"].into_iter().collect();
        assert!(components_digitised(&["Tờ khai", "CCCD"], &files));
        assert!(!components_digitised(&["Tờ khai", "Giấy chứng sinh"], &files));
        assert!(!components_digitised(&[], &files));
    }
}
