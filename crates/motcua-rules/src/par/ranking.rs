//! Ranking within a peer group (xếp hạng).
//!
//! Units are ranked by their index from the highest, on values with two
//! decimals (the published precision, docs/sources.md#par-results), with standard
//! competition ranking: equal values share a rank and the next rank skips
//! (1, 2, 2, 4). The sources publish ranks 1..N without saying how ties
//! are broken; sharing is the only rule that needs no unpublished detail.
//! Areas are ranked the same way, on their points, which is how "tăng 34
//! bậc" per area is told (seed 004).

use serde::Serialize;

use super::band::Bands;
use super::points::{Percent, Points};
use super::sheet::UnitScore;

pub use crate::ranking::competition_ranks;

/// An area's place among the peers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaRank {
    pub code: String,
    pub points: Points,
    pub index: Option<Percent>,
    /// None for an area of bonus and penalty only.
    pub rank: Option<u32>,
}

/// A unit's place in its peer group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankedUnit {
    pub unit_code: String,
    pub unit_name: String,
    pub index: Percent,
    pub points: Points,
    pub rank: u32,
    /// The band's code and label.
    pub band_code: String,
    pub band_label_vi: String,
    pub areas: Vec<AreaRank>,
}

/// Ranks the scores of one peer group, all scored on the same framework,
/// and classifies each. Sorted by rank, then unit code.
///
/// Panics when the scores do not share a framework (different area lists):
/// the caller groups scores by campaign, so that is a bug, not input.
pub fn rank_units(scores: &[UnitScore], bands: &Bands<Percent>) -> Vec<RankedUnit> {
    let Some(first) = scores.first() else { return Vec::new() };
    assert!(
        scores
            .iter()
            .all(|s| s.areas.len() == first.areas.len()
                && s.areas.iter().zip(&first.areas).all(|(a, b)| a.code == b.code)),
        "ranked scores come from one framework"
    );
    let indices: Vec<Percent> = scores.iter().map(|s| s.index).collect();
    let ranks = competition_ranks(&indices);
    let area_ranks: Vec<Option<Vec<u32>>> = (0..first.areas.len())
        .map(|a| {
            (first.areas[a].max > Points::ZERO).then(|| {
                let points: Vec<Points> = scores.iter().map(|s| s.areas[a].points).collect();
                competition_ranks(&points)
            })
        })
        .collect();
    let mut out: Vec<RankedUnit> = scores
        .iter()
        .enumerate()
        .map(|(u, s)| {
            let band = bands.classify(s.index);
            RankedUnit {
                unit_code: s.unit_code.clone(),
                unit_name: s.unit_name.clone(),
                index: s.index,
                points: s.points,
                rank: ranks[u],
                band_code: band.code.clone(),
                band_label_vi: band.label_vi.clone(),
                areas: s
                    .areas
                    .iter()
                    .zip(&area_ranks)
                    .map(|(a, r)| AreaRank {
                        code: a.code.clone(),
                        points: a.points,
                        index: a.index,
                        rank: r.as_ref().map(|r| r[u]),
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.unit_code.cmp(&b.unit_code)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_are_decided_on_two_decimals() {
        // 83.304 and 83.296 both publish as 83.30 and share the rank.
        let a = Percent::from_f64_rounded(83.304);
        let b = Percent::from_f64_rounded(83.296);
        assert_eq!(competition_ranks(&[a, b, Percent::whole(90)]), [2, 2, 1]);
    }
}
