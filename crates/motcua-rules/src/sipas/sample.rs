//! Sample size: Slovin's formula n = N / (1 + N·e²), rounded up.
//!
//! Source: older MOHA guidance (2013 training document,
//! docs/sources.md#sipas-sample), with e = 5% and N the number of
//! transactions in the period. The SIPAS 2023–2026 sample rules of
//! 1001/QĐ-BNV were NOT FOUND (open question 4 of docs/sources.md#gaps), so
//! the margin is configurable.

use crate::error::RuleError;
use crate::par::Percent;

/// The margin of error of the 2013 guidance: 5%.
pub const DEFAULT_MARGIN: Percent = Percent::from_hundredths(500);

/// Slovin's sample size for a population of `population` transactions at
/// margin of error `margin` (5% is `Percent::whole(5)`), rounded up so the
/// margin is met. Exact: with e = m/10 000, n = ⌈N·10⁸ / (10⁸ + N·m²)⌉ on
/// integers, so 400 at 5% is exactly 200, never 200.000…1 rounded to 201.
/// Always within 0..=N; 0 for an empty population.
pub fn slovin(population: u64, margin: Percent) -> Result<u64, RuleError> {
    if margin <= Percent::ZERO || margin >= Percent::HUNDRED {
        return Err(RuleError::invalid("sipas_margin_invalid", "margin").arg_each("margin", margin.to_vi(), margin));
    }
    let n = u128::from(population);
    let m = margin.hundredths() as u128;
    let scale = 100_000_000u128;
    let num = n * scale;
    let den = scale + n * m * m;
    Ok(num.div_ceil(den) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slovin_by_hand() {
        assert_eq!(slovin(400, DEFAULT_MARGIN), Ok(200));
        // 10 000 / (1 + 25) = 384.6… → 385.
        assert_eq!(slovin(10_000, DEFAULT_MARGIN), Ok(385));
        // Sơn Tây's 17,337 commune dossiers (seed 003): 17 337 / 44.3425 = 390.98… → 391.
        assert_eq!(slovin(17_337, DEFAULT_MARGIN), Ok(391));
        // A huge population tends to 1/e² = 400.
        assert_eq!(slovin(u64::MAX, DEFAULT_MARGIN), Ok(400));
        assert_eq!(slovin(0, DEFAULT_MARGIN), Ok(0));
        assert_eq!(slovin(1, DEFAULT_MARGIN), Ok(1));
        // 3% margin: 10 000 / (1 + 9) = 1 000.
        assert_eq!(slovin(10_000, Percent::whole(3)), Ok(1000));
    }

    #[test]
    fn the_margin_must_be_a_proper_percentage() {
        for bad in [Percent::ZERO, Percent::from_hundredths(-1), Percent::HUNDRED] {
            assert_eq!(slovin(100, bad).unwrap_err().code, "sipas_margin_invalid");
        }
    }
}
