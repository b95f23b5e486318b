//! Which unit a dossier's statistics are credited to.
//!
//! Every counter is kept twice (docs/statistics.md, "Intake and handling"):
//!
//! - **intake** ([`Basis::Intake`]): the unit whose counter received the
//!   dossier (a provincial service centre receives for the departments);
//! - **handling** ([`Basis::Handling`]): the unit that handles it, fixed
//!   when the dossier is created ([`handling_unit`]): the unit that
//!   implements the procedure (cơ quan thực hiện, routing's
//!   [`StepUnit::Implementing`](crate::dossier::routing::StepUnit)): the
//!   owning department for a province procedure wherever it was received,
//!   the commune that received a commune procedure.
//!
//! The national portal counts a unit's 766 figures by the dossier's
//! implementing agency ("hồ sơ có cơ quan thực hiện là …",
//! docs/sources.md#766-credit); motcua's 766 index and rankings read the
//! handling figures by default, and [`CreditConfig`] can switch them to
//! intake.

use serde::{Deserialize, Serialize};

use crate::dossier::routing::RoutingFacts;
use crate::scope::UnitRef;

/// Whose counter a figure is: stored in `stat_counts.basis` and
/// `stat_rollups.basis`; never renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Credited to the receiving unit.
    Intake = 0,
    /// Credited to the handling unit.
    #[default]
    Handling = 1,
}

impl Basis {
    pub const ALL: [Basis; 2] = [Basis::Intake, Basis::Handling];

    pub fn code(self) -> i16 {
        self as i16
    }

    pub fn from_code(code: i16) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Intake => "intake",
            Basis::Handling => "handling",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// The unit that handles a dossier of this procedure received at
/// `facts.receiving()`: the implementing unit when it resolves, else the
/// receiving unit (a commune procedure that an administrator let a centre
/// receive has no commune above the centre: the centre keeps it, as its
/// route's "implementing" steps would be refused anyway). `None` only
/// without a receiving unit.
pub fn handling_unit(facts: &RoutingFacts<'_>) -> Option<UnitRef> {
    facts.implementing().or_else(|| facts.receiving()).map(|u| u.unit.clone())
}

/// Each basis with the unit it credits, for a dossier received at
/// `receiving` and handled by `handling`.
pub fn credited<'a>(receiving: &'a UnitRef, handling: &'a UnitRef) -> [(Basis, &'a UnitRef); 2] {
    [(Basis::Intake, receiving), (Basis::Handling, handling)]
}

/// What the sources leave to the deployment: which figures a unit's 766
/// index and its rank are computed from. Both figure sets are always kept
/// and shown; this only picks the one that is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CreditConfig {
    /// `handling` (default: the implementing unit, as the portal's
    /// specification counts, docs/sources.md#766-credit) or `intake` (the
    /// receiving unit).
    pub index_basis: Basis,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::routing::UnitFact;

    fn fact(id: i64, path: &str, level: &str) -> UnitFact {
        UnitFact { unit: UnitRef { id, path: path.into() }, level: level.into(), name: format!("{level} {id}") }
    }

    #[test]
    fn a_province_procedure_received_at_the_centre_is_handled_by_its_department() {
        let (centre, province, department) =
            (fact(2, "/1/2/", "centre"), fact(1, "/1/", "province"), fact(3, "/1/3/", "department"));
        let upward = [centre.clone(), province];
        let facts = RoutingFacts { upward: &upward, procedure_level: "province", agency: &department };
        let handling = handling_unit(&facts).unwrap();
        assert_eq!(handling.id, 3, "the owning department, not the centre");
        let credits = credited(&centre.unit, &handling);
        assert_eq!(credits.map(|(b, u)| (b, u.id)), [(Basis::Intake, 2), (Basis::Handling, 3)]);
    }

    #[test]
    fn a_commune_procedure_is_handled_by_the_commune_that_received_it() {
        let agency = fact(10, "/1/10/", "commune");
        for id in [10, 11] {
            let upward = [fact(id, &format!("/1/{id}/"), "commune"), fact(1, "/1/", "province")];
            let facts = RoutingFacts { upward: &upward, procedure_level: "commune", agency: &agency };
            assert_eq!(handling_unit(&facts).unwrap().id, id, "not the agency as published (10)");
        }
    }

    #[test]
    fn without_an_implementing_unit_the_receiving_unit_handles() {
        // A commune procedure an administrator let the centre receive: no
        // commune above the centre.
        let agency = fact(10, "/1/10/", "commune");
        let upward = [fact(2, "/1/2/", "centre"), fact(1, "/1/", "province")];
        let facts = RoutingFacts { upward: &upward, procedure_level: "commune", agency: &agency };
        assert_eq!(handling_unit(&facts).unwrap().id, 2);
        assert_eq!(handling_unit(&RoutingFacts { upward: &[], procedure_level: "commune", agency: &agency }), None);
    }

    #[test]
    fn basis_codes_and_names_round_trip_and_the_index_reads_handling_by_default() {
        for b in Basis::ALL {
            assert_eq!(Basis::from_code(b.code()), Some(b));
            assert_eq!(Basis::parse(b.as_str()), Some(b));
        }
        assert_eq!((Basis::Intake.code(), Basis::Handling.code()), (0, 1));
        assert_eq!(Basis::parse("receiving"), None);
        assert_eq!(CreditConfig::default().index_basis, Basis::Handling);
        let c: CreditConfig = serde_json::from_str(r#"{"index_basis":"intake"}"#).unwrap();
        assert_eq!(c.index_basis, Basis::Intake);
    }
}
