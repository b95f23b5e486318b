//! Unit scope: staff act only inside their unit's subtree.
//!
//! Units form a tree of any depth (province → department / commune, with
//! the old district level still representable). Each unit carries its
//! materialised path of ids, `/1/4/17/`, so "is X inside Y's subtree" is a
//! prefix test here and an indexed `LIKE '/1/4/%'` in SQL.

use serde::{Deserialize, Serialize};

use crate::dossier::routing::LOCAL_LEVELS;
use crate::dossier::{StepSpec, StepUnit};
use crate::error::{ErrorKind, RuleError};

/// A unit as the rules see it: its id and its path from the root.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: i64,
    /// `/root_id/.../id/`, always starting and ending with `/`.
    pub path: String,
}

impl UnitRef {
    /// The path of a child of `parent` (or of a root unit when `None`).
    pub fn child_path(parent: Option<&str>, id: i64) -> String {
        format!("{}{id}/", parent.unwrap_or("/"))
    }

    /// Whether `other` is this unit or lies below it.
    pub fn contains(&self, other: &UnitRef) -> bool {
        other.path.starts_with(&self.path)
    }

    /// The id of the root (province) of this unit's tree.
    pub fn root_id(&self) -> i64 {
        self.path.split('/').find(|s| !s.is_empty()).and_then(|s| s.parse().ok()).unwrap_or(self.id)
    }

    /// The ids of the units whose subtree holds this one: the root first,
    /// this unit last.
    pub fn lineage(&self) -> impl Iterator<Item = i64> + '_ {
        self.path.split('/').filter_map(|s| s.parse().ok())
    }

    /// Depth in the tree: 1 for a root.
    pub fn depth(&self) -> usize {
        self.path.split('/').filter(|s| !s.is_empty()).count()
    }
}

/// Whether an administrator placed at `admin` may write a procedure whose
/// implementing agency (cơ quan thực hiện) is `agency` and whose workflow
/// is `steps`: every one of those units must lie in the administrator's
/// subtree. A commune administrator cannot name a province department or a
/// unit of another province; a province administrator names any unit of
/// its province.
///
/// This is the one place that decides it, for creating, changing and
/// importing a procedure, and for the version being replaced (mapped to
/// `procedure_outside_admin_scope` by the caller).
///
/// A step whose unit is relative to the dossier resolves, dossier by
/// dossier. The implementing unit of a procedure above the commune and
/// district levels is its agency, checked above; every other relative unit
/// (the receiving unit, an ancestor at a level, the implementing commune of
/// a commune procedure) can be any unit of the province: a commune
/// procedure published with such a step serves every commune. Only an
/// administrator of the root unit publishes those; below the root, they
/// are refused on `workflow[i].unit`.
///
/// Refuses with 422 `unit_outside_admin_scope` naming the first field
/// outside (`agency_unit_code`, `workflow[2].unit_code`).
pub fn check_procedure_units(
    admin: &UnitRef,
    agency: &UnitRef,
    level: &str,
    steps: &[StepSpec],
) -> Result<(), RuleError> {
    let outside = |field: &str| RuleError::of("unit_outside_admin_scope", ErrorKind::Invalid, Some(field));
    if !admin.contains(agency) {
        return Err(outside("agency_unit_code"));
    }
    for (i, step) in steps.iter().enumerate() {
        match &step.unit {
            StepUnit::Fixed(unit) if !admin.contains(unit) => return Err(outside(&format!("workflow[{i}].unit_code"))),
            StepUnit::Fixed(_) => {}
            StepUnit::Implementing if !LOCAL_LEVELS.contains(&level) => {}
            StepUnit::Receiving | StepUnit::Implementing | StepUnit::Ancestor { .. } if admin.depth() > 1 => {
                return Err(outside(&format!("workflow[{i}].unit")));
            }
            StepUnit::Receiving | StepUnit::Implementing | StepUnit::Ancestor { .. } => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    fn unit(id: i64, path: &str) -> UnitRef {
        UnitRef { id, path: path.into() }
    }

    #[test]
    fn a_unit_contains_itself_and_its_subtree_only() {
        let province = unit(1, "/1/");
        let dept = unit(4, "/1/4/");
        let commune = unit(17, "/1/4/17/");
        let other = unit(14, "/14/");
        assert!(province.contains(&commune));
        assert!(dept.contains(&commune));
        assert!(dept.contains(&dept));
        assert!(!commune.contains(&dept));
        assert!(!province.contains(&other));
        // `/1/` must not contain `/14/`: the trailing slash prevents it.
        assert!(!unit(1, "/1/").contains(&unit(14, "/14/")));
    }

    #[test]
    fn the_lineage_runs_from_the_root_to_the_unit() {
        assert_eq!(unit(17, "/1/4/17/").lineage().collect::<Vec<_>>(), vec![1, 4, 17]);
        assert_eq!(unit(1, "/1/").lineage().collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn paths_are_built_from_the_parent() {
        assert_eq!(UnitRef::child_path(None, 1), "/1/");
        assert_eq!(UnitRef::child_path(Some("/1/4/"), 17), "/1/4/17/");
        assert_eq!(unit(17, "/1/4/17/").root_id(), 1);
        assert_eq!(unit(17, "/1/4/17/").depth(), 3);
    }

    fn step(unit: UnitRef) -> StepSpec {
        relative(StepUnit::Fixed(unit))
    }

    fn relative(unit: StepUnit) -> StepSpec {
        StepSpec { name: "Thẩm định".into(), unit, role: Role::Specialist, share: 1 }
    }

    #[test]
    fn a_procedure_lies_in_scope_only_when_its_agency_and_every_step_do() {
        let province = unit(1, "/1/");
        let commune = unit(17, "/1/17/");
        let department = unit(4, "/1/4/");
        let other_province = unit(14, "/14/");
        let steps = [step(commune.clone()), step(commune.clone())];
        assert!(check_procedure_units(&province, &commune, "commune", &steps).is_ok());
        assert!(check_procedure_units(&commune, &commune, "commune", &steps).is_ok());

        let err = check_procedure_units(&commune, &department, "province", &steps).unwrap_err();
        assert_eq!(
            (err.code, err.field.as_deref(), err.kind),
            ("unit_outside_admin_scope", Some("agency_unit_code"), ErrorKind::Invalid)
        );
        let mixed = [step(commune.clone()), step(department.clone())];
        let err = check_procedure_units(&commune, &commune, "commune", &mixed).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("workflow[1].unit_code"));
        let err =
            check_procedure_units(&province, &other_province, "province", &[step(other_province.clone())]).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("agency_unit_code"));
    }

    #[test]
    fn only_the_root_publishes_steps_relative_to_the_dossier() {
        let province = unit(1, "/1/");
        let commune = unit(17, "/1/17/");
        for unit_kind in [StepUnit::Receiving, StepUnit::Implementing, StepUnit::Ancestor { level: "province".into() }]
        {
            let steps = [step(commune.clone()), relative(unit_kind)];
            assert!(check_procedure_units(&province, &commune, "commune", &steps).is_ok());
            let err = check_procedure_units(&commune, &commune, "commune", &steps).unwrap_err();
            assert_eq!((err.code, err.field.as_deref()), ("unit_outside_admin_scope", Some("workflow[1].unit")));
        }
        // A department's own procedure: its implementing unit is the
        // department itself, which its administrator may name.
        let department = unit(4, "/1/4/");
        let steps = [relative(StepUnit::Implementing)];
        assert!(check_procedure_units(&department, &department, "province", &steps).is_ok());
        let err = check_procedure_units(&department, &department, "province", &[relative(StepUnit::Receiving)]);
        assert_eq!(err.unwrap_err().field.as_deref(), Some("workflow[0].unit"));
    }
}
