//! Ranking among peers (xếp hạng), shared by every index motcua computes.
//!
//! Standard competition ranking: the highest value ranks 1, equal values
//! share a rank and the next rank skips (1, 2, 2, 4). The national portal's
//! 766 ranking and the collectors that read it rank this way
//! (docs/sources.md#766-total); PAR INDEX tables publish ranks 1..N without a
//! tie rule, and sharing is the only rule that needs no unpublished detail
//! (#par-results). Callers compare values at their published precision (two
//! decimals), so the keys here are exact (`Ord`), not floats.

/// Competition ranks of `values`, the highest first, in the order of `values`.
pub fn competition_ranks<T: Ord + Copy>(values: &[T]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by(|&a, &b| values[b].cmp(&values[a]));
    let mut ranks = vec![0u32; values.len()];
    for (pos, &i) in order.iter().enumerate() {
        ranks[i] = if pos > 0 && values[order[pos - 1]] == values[i] { ranks[order[pos - 1]] } else { pos as u32 + 1 };
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::competition_ranks;

    #[test]
    fn ties_share_and_the_next_rank_skips() {
        assert_eq!(competition_ranks::<i32>(&[]), Vec::<u32>::new());
        assert_eq!(competition_ranks(&[5]), [1]);
        assert_eq!(competition_ranks(&[70, 90, 80, 90]), [4, 1, 3, 1]);
        assert_eq!(competition_ranks(&[1, 1, 1]), [1, 1, 1]);
        assert_eq!(competition_ranks(&[3, 2, 2, 1]), [1, 2, 2, 4]);
    }
}
