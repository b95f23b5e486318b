//! How long a failed attempt makes the next one wait: exponential delays
//! instead of a hard lockout (NIST SP 800-63B §5.2.2, OWASP ASVS 2.2.1).
//!
//! A counter (kept by the store, one per key: an account at an address,
//! an address, a dossier code) holds the failures since the last success.
//! The first [`Policy::free`] failures cost nothing; each one after doubles
//! the wait, from one second up to [`Policy::max_secs`]. A key that has
//! been quiet for [`Policy::forget_after_secs`] starts again from zero.

/// The delays of one kind of key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures that cost no wait (typing mistakes).
    pub free: i64,
    /// The longest wait, in seconds.
    pub max_secs: i64,
    /// Failures older than this are forgotten, in seconds.
    pub forget_after_secs: i64,
}

impl Policy {
    /// The wait, in seconds, after the `failures`-th failure: 0 while
    /// `failures <= free`, then 1, 2, 4 … seconds, at most `max_secs`.
    pub fn delay_secs(&self, failures: i64) -> i64 {
        let over = failures - self.free;
        if over <= 0 {
            return 0;
        }
        // 2^(over-1), without overflow: 2^40 s is far beyond any cap.
        let exp = u32::try_from(over - 1).unwrap_or(u32::MAX).min(40);
        (1i64 << exp).min(self.max_secs)
    }
}

/// A day, in seconds.
const DAY: i64 = 24 * 3600;
/// Fifteen minutes, in seconds.
const QUARTER: i64 = 15 * 60;

/// Logins of one account from one address: 5 mistakes free, then 1 s,
/// 2 s … up to 15 minutes. Only that address waits: the owner logs in
/// from elsewhere however hard a stranger tries.
pub const LOGIN_ACCOUNT_ADDRESS: Policy = Policy { free: 5, max_secs: QUARTER, forget_after_secs: DAY };

/// Failed logins from one address, whatever the account (guessing many
/// accounts with one password): 20 free, then doubling up to 15 minutes.
pub const LOGIN_ADDRESS: Policy = Policy { free: 20, max_secs: QUARTER, forget_after_secs: DAY };

/// Wrong checks of the public look-up on one dossier code, from anywhere
/// (the check is only 4 digits, 10,000 values): 5 free, then doubling up
/// to 15 minutes. At the cap a year allows about 35,000 guesses, so a
/// guesser needs months to cover half the values, and every failure is
/// in the store for the operator to see.
pub const LOOKUP_CODE: Policy = Policy { free: 5, max_secs: QUARTER, forget_after_secs: DAY };

/// Wrong look-ups from one address, whatever the code: 30 free.
pub const LOOKUP_ADDRESS: Policy = Policy { free: 30, max_secs: QUARTER, forget_after_secs: DAY };

/// Citizen accounts opened from one address in one day.
pub const REGISTRATIONS_PER_ADDRESS_PER_DAY: i64 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_then_doubling_then_capped() {
        let p = LOGIN_ACCOUNT_ADDRESS;
        let delays: Vec<i64> = (0..=12).map(|n| p.delay_secs(n)).collect();
        assert_eq!(delays, [0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64]);
        assert_eq!(p.delay_secs(15), 512);
        assert_eq!(p.delay_secs(16), QUARTER);
        assert_eq!(p.delay_secs(i64::MAX), QUARTER);
        assert_eq!(p.delay_secs(-3), 0);
    }

    #[test]
    fn a_hundred_failures_take_hours_not_a_lockout() {
        // NIST SP 800-63B §5.2.2: no more than 100 consecutive failures on
        // an account (here: per account and address) in a short time.
        let p = LOGIN_ACCOUNT_ADDRESS;
        let wait: i64 = (1..100).map(|n| p.delay_secs(n)).sum();
        assert!(wait > 20 * 3600, "{wait} s");
    }
}
