//! The shipped framework templates: the province-run index of departments
//! (sở, ban, ngành) and of communes (UBND cấp xã), with the eight areas of
//! docs/sources.md#par-method and a ninth area of bonus and penalty points as in
//! Hà Nội's internal index.
//!
//! They are starting points, not issued frameworks: the criteria and area
//! maxima under 876/QĐ-BNV for these indices were NOT FOUND
//! (docs/sources.md#par-method; open question 3 of docs/sources.md#gaps),
//! so every maximum is an editable default (`maxima_are_defaults`) and each
//! area says where its maximum comes from (`max_source`). The JSON
//! files under `data/par/` are the source of truth; they are embedded so
//! the binary needs no data directory.

use super::framework::ValidFramework;

const DEPARTMENT_JSON: &str = include_str!("../../data/par/department.json");
const COMMUNE_JSON: &str = include_str!("../../data/par/commune.json");

/// The template for the index of departments (`par-department`).
pub fn department_template() -> ValidFramework {
    ValidFramework::from_json(DEPARTMENT_JSON).expect("the shipped department template is valid")
}

/// The template for the index of communes (`par-commune`).
pub fn commune_template() -> ValidFramework {
    ValidFramework::from_json(COMMUNE_JSON).expect("the shipped commune template is valid")
}

#[cfg(test)]
mod tests {
    use super::super::framework::{Method, PeerLevel};
    use super::super::points::Points;
    use super::*;

    #[test]
    fn templates_are_valid_and_flagged_as_defaults() {
        for (t, level) in [(department_template(), PeerLevel::Department), (commune_template(), PeerLevel::Commune)] {
            let f = t.framework();
            assert_eq!(f.level, level);
            assert_eq!(f.maximum, Points::whole(100));
            assert!(f.maxima_are_defaults);
            assert!(f.notes.contains("NOT FOUND"));
            // The eight areas of docs/sources.md#par-method plus bonus/penalty.
            assert_eq!(f.areas.len(), 9);
            assert_eq!(f.areas[8].max, Points::ZERO);
            assert!(f.areas.iter().all(|a| !a.max_source.is_empty()));
            // The seed's maxima (Bắc Kạn 2022 districts) for areas 1, 3, 5, 6, 7.
            let max = |i: usize| f.areas[i].max;
            assert_eq!(
                [max(0), max(2), max(4), max(5), max(6)],
                [
                    Points::whole(14),
                    Points::whole(17),
                    Points::whole(12),
                    Points::whole(10),
                    Points::from_hundredths(1750)
                ]
            );
            // Every method appears, so every path of the engine is exercised.
            let has = |p: fn(&Method) -> bool| t.leaves().iter().any(|l| p(&l.method));
            assert!(has(|m| matches!(m, Method::SelfAssessed)));
            assert!(has(|m| matches!(m, Method::Survey { from_sipas: Some(_) })));
            assert!(has(|m| matches!(m, Method::Survey { from_sipas: None })));
            assert!(has(|m| matches!(m, Method::Computed { .. })));
            assert!(has(|m| matches!(m, Method::Bonus)));
            assert!(has(|m| matches!(m, Method::Penalty)));
        }
    }

    #[test]
    fn the_shipped_json_is_what_export_writes() {
        // Export is stable: importing and exporting the shipped file gives
        // the same document, so a reform office can diff its edits.
        for (json, t) in [(DEPARTMENT_JSON, department_template()), (COMMUNE_JSON, commune_template())] {
            let shipped: serde_json::Value = serde_json::from_str(json).unwrap();
            let exported: serde_json::Value = serde_json::from_str(&t.to_json()).unwrap();
            assert_eq!(shipped, exported);
        }
    }
}
