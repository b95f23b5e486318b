//! Ranking units among their peers (docs/sources.md#766-total).
//!
//! Competition ranking "1224": units whose totals are equal share a rank and
//! the next rank skips. Totals are compared rounded to 2 decimals, as the
//! portal publishes them. Units that tie are listed by code, so the order is
//! stable. The caller passes peers only (units of the same level).

/// A unit's place in a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Position of the unit in the slice given to [`rank`].
    pub index: usize,
    /// 1 for the best; tied units share the rank.
    pub rank: u32,
}

/// Total in hundredths, so ties are exact; a non-finite score ranks last.
fn cents(score: f64) -> i64 {
    if score.is_finite() { (score * 100.0).round() as i64 } else { i64::MIN }
}

/// Ranks `units` (code, total): returns them best first, each with its
/// competition rank (1, 2, 2, 4). Ties are ordered by code, then by their
/// position in the input.
pub fn rank<C: AsRef<str>>(units: &[(C, f64)]) -> Vec<Ranked> {
    let keys: Vec<i64> = units.iter().map(|(_, s)| cents(*s)).collect();
    let ranks = crate::ranking::competition_ranks(&keys);
    let mut out: Vec<Ranked> = ranks.into_iter().enumerate().map(|(index, rank)| Ranked { index, rank }).collect();
    out.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| units[a.index].0.as_ref().cmp(units[b.index].0.as_ref())));
    out
}

/// The rank of each unit, in the order of `units`.
pub fn ranks<C: AsRef<str>>(units: &[(C, f64)]) -> Vec<u32> {
    let mut out = vec![0; units.len()];
    for r in rank(units) {
        out[r.index] = r.rank;
    }
    out
}

/// The rank of each unit, in the order of `units`, among the units that
/// have data: a unit with no dossier in the period (`None`) is shown as "no
/// data" and left out of the ranking, never ranked on a score of 0
/// (docs/index766.md §9). One function, so a unit's rank is the same on its
/// own page and in its province's table.
pub fn ranks_with_data<C: AsRef<str>>(units: &[(C, Option<f64>)]) -> Vec<Option<u32>> {
    let scored: Vec<(usize, (&str, f64))> =
        units.iter().enumerate().filter_map(|(i, (c, s))| s.map(|s| (i, (c.as_ref(), s)))).collect();
    let values: Vec<(&str, f64)> = scored.iter().map(|&(_, v)| v).collect();
    let mut out = vec![None; units.len()];
    for (&(i, _), r) in scored.iter().zip(ranks(&values)) {
        out[i] = Some(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_without_data_are_left_out_and_never_tie_on_zero() {
        let units = [("A", Some(12.5)), ("B", None), ("C", Some(0.0)), ("D", None), ("E", Some(12.5))];
        assert_eq!(ranks_with_data(&units), [Some(1), None, Some(3), None, Some(1)]);
        assert_eq!(ranks_with_data::<&str>(&[("A", None), ("B", None)]), [None, None]);
        assert_eq!(ranks_with_data::<&str>(&[]), Vec::<Option<u32>>::new());
    }
}
