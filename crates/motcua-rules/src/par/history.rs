//! Year on year: a unit's change of rank and of points against the year
//! before, overall and per area ("tăng 34 bậc", seed 004).
//!
//! The year before is a list of [`PublishedResult`]s: either imported from
//! a published table ([`super::csv`]), so comparisons work from the first
//! campaign run in motcua, or produced by motcua the year before
//! ([`RankedUnit::to_published`]). Units are matched by unit code and areas
//! by area code; a unit or area missing on either side has no change
//! rather than a made-up one. Frameworks change between years, so the
//! overall change is told on the index (a percentage of each year's own
//! maximum), and per area on points and on the index where both years
//! have them.

use serde::{Deserialize, Serialize};

use super::points::{Percent, Points};
use super::ranking::RankedUnit;

/// An area's published result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedArea {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Percent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

/// One unit's published result for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedResult {
    pub year: i32,
    pub unit_code: String,
    pub unit_name: String,
    pub index: Percent,
    /// None when the unit was not ranked that year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// The appraised self-assessment part (the "MOHA part"), when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appraised: Option<Points>,
    /// The survey part, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<Points>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<PublishedArea>,
}

impl RankedUnit {
    /// This year's result in the form next year compares against.
    pub fn to_published(&self, year: i32) -> PublishedResult {
        PublishedResult {
            year,
            unit_code: self.unit_code.clone(),
            unit_name: self.unit_name.clone(),
            index: self.index,
            rank: Some(self.rank),
            appraised: None,
            survey: None,
            classification: Some(self.band_label_vi.clone()),
            areas: self
                .areas
                .iter()
                .map(|a| PublishedArea { code: a.code.clone(), points: Some(a.points), index: a.index, rank: a.rank })
                .collect(),
        }
    }
}

/// A change of rank: previous rank − current rank, so a rise is positive
/// ("tăng 34 bậc") and a fall negative ("giảm 18 bậc").
pub type RankChange = i64;

/// The Vietnamese phrase for a change of rank: "tăng 34 bậc", "giảm 18
/// bậc", "giữ nguyên".
pub fn rank_change_vi(change: RankChange) -> String {
    match change {
        0 => "giữ nguyên".to_owned(),
        c if c > 0 => format!("tăng {c} bậc"),
        c => format!("giảm {} bậc", -c),
    }
}

/// An area's change against the year before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaChange {
    pub code: String,
    pub rank_change: Option<RankChange>,
    pub points_change: Option<Points>,
    pub index_change: Option<Percent>,
}

/// A unit's change against the year before; all `None` when the unit has
/// no result that year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearChange {
    pub unit_code: String,
    pub previous_year: Option<i32>,
    pub previous_rank: Option<u32>,
    pub rank_change: Option<RankChange>,
    pub index_change: Option<Percent>,
    pub areas: Vec<AreaChange>,
}

/// Compares this year's ranking with the results of the year before, one
/// [`YearChange`] per unit of `current`, in the same order. `previous`
/// should hold one year; when a unit appears more than once, the latest
/// year counts.
pub fn year_on_year(current: &[RankedUnit], previous: &[PublishedResult]) -> Vec<YearChange> {
    let mut by_code: std::collections::HashMap<&str, &PublishedResult> = std::collections::HashMap::new();
    for p in previous {
        let slot = by_code.entry(p.unit_code.as_str()).or_insert(p);
        if p.year > slot.year {
            *slot = p;
        }
    }
    current
        .iter()
        .map(|u| {
            let prev = by_code.get(u.unit_code.as_str()).copied();
            let rank_diff = |now: u32, before: Option<u32>| before.map(|b| i64::from(b) - i64::from(now));
            YearChange {
                unit_code: u.unit_code.clone(),
                previous_year: prev.map(|p| p.year),
                previous_rank: prev.and_then(|p| p.rank),
                rank_change: prev.and_then(|p| rank_diff(u.rank, p.rank)),
                index_change: prev.map(|p| u.index - p.index),
                areas: u
                    .areas
                    .iter()
                    .map(|a| {
                        let pa = prev.and_then(|p| p.areas.iter().find(|x| x.code == a.code));
                        AreaChange {
                            code: a.code.clone(),
                            rank_change: a.rank.and_then(|r| rank_diff(r, pa.and_then(|x| x.rank))),
                            points_change: pa.and_then(|x| x.points).map(|p| a.points - p),
                            index_change: a.index.zip(pa.and_then(|x| x.index)).map(|(now, before)| now - before),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::ranking::AreaRank;
    use super::*;

    fn ranked(code: &str, index: i64, rank: u32, area_rank: u32, area_points: i64) -> RankedUnit {
        RankedUnit {
            unit_code: code.into(),
            unit_name: code.into(),
            index: Percent::from_hundredths(index),
            points: Points::from_hundredths(index),
            rank,
            band_code: "A".into(),
            band_label_vi: "Nhóm A".into(),
            areas: vec![AreaRank {
                code: "1".into(),
                points: Points::from_hundredths(area_points),
                index: None,
                rank: Some(area_rank),
            }],
        }
    }

    #[test]
    fn changes_by_hand() {
        // Cao Bằng 2018 (seed 004): "Công tác chỉ đạo điều hành CCHC: tăng
        // 34 bậc" — say 50th the year before, 16th now.
        let now = vec![ranked("CB", 8_250, 40, 16, 950), ranked("NEW", 9_000, 1, 1, 1000)];
        let before = vec![PublishedResult {
            year: 2017,
            unit_code: "CB".into(),
            unit_name: "Cao Bằng".into(),
            index: Percent::from_hundredths(8_410),
            rank: Some(31),
            appraised: None,
            survey: None,
            classification: None,
            areas: vec![PublishedArea {
                code: "1".into(),
                points: Some(Points::from_hundredths(700)),
                index: None,
                rank: Some(50),
            }],
        }];
        let yoy = year_on_year(&now, &before);
        assert_eq!(yoy[0].rank_change, Some(-9));
        assert_eq!(rank_change_vi(yoy[0].rank_change.unwrap()), "giảm 9 bậc");
        assert_eq!(yoy[0].index_change, Some(Percent::from_hundredths(-160)));
        assert_eq!(yoy[0].areas[0].rank_change, Some(34));
        assert_eq!(rank_change_vi(34), "tăng 34 bậc");
        assert_eq!(yoy[0].areas[0].points_change, Some(Points::from_hundredths(250)));
        assert_eq!(yoy[0].areas[0].index_change, None);
        assert_eq!(yoy[1].previous_year, None);
        assert_eq!(yoy[1].rank_change, None);
        assert_eq!(rank_change_vi(0), "giữ nguyên");
    }

    #[test]
    fn a_ranking_round_trips_into_next_years_comparison() {
        let now = vec![ranked("X", 8_000, 2, 3, 500)];
        let published = now[0].to_published(2024);
        let yoy = year_on_year(&now, &[published]);
        assert_eq!(yoy[0].rank_change, Some(0));
        assert_eq!(yoy[0].areas[0].points_change, Some(Points::ZERO));
    }
}
