//! Unit scope: staff act only inside their unit's subtree.
//!
//! Units form a tree of any depth (province → department / commune, with
//! the old district level still representable). Each unit carries its
//! materialised path of ids, `/1/4/17/`, so "is X inside Y's subtree" is a
//! prefix test here and an indexed `LIKE '/1/4/%'` in SQL.

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
