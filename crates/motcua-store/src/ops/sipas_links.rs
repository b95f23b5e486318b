//! The SIPAS links the office can still print: issued, not yet answered.
//!
//! A link is a bearer credential (whoever holds it may answer once), so
//! the token is kept only as long as it can be of use to the office: it is
//! erased in the statement that marks the link used (`answer_by_token`).
//! Links issued before the token was kept (migration 0018) have their hash
//! only and are counted, not shown. Who may read them is the caller's check
//! (the reform office of the unit, docs/par-sipas.md, "Survey links").

use crate::{Store, StoreError, params};

/// A unit's unused links of one design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedLinks {
    /// The tokens that can be printed again, oldest first.
    pub tokens: Vec<String>,
    /// Unused links whose token was never kept (issued before it was).
    pub without_token: usize,
}

/// The most links one card sheet prints: a year's sample of a commune is
/// a few hundred.
pub const MAX_CARDS: i64 = 1000;

impl Store {
    /// The unused links of a unit for a design, oldest first, at most
    /// [`MAX_CARDS`].
    pub async fn unused_links(&self, design_id: i64, unit_id: i64) -> Result<UnusedLinks, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let rows = c.query(
                    "SELECT token FROM sipas_tokens WHERE design_id = $1 AND unit_id = $2 AND used = $3 \
                     AND token IS NOT NULL ORDER BY created_at, token_hash LIMIT $4",
                    params![design_id, unit_id, false, MAX_CARDS],
                )?;
                let tokens = rows.iter().map(|r| r.string(0)).collect::<Result<Vec<_>, _>>()?;
                let without = c.query_one(
                    "SELECT COUNT(*) FROM sipas_tokens WHERE design_id = $1 AND unit_id = $2 AND used = $3 \
                     AND token IS NULL",
                    params![design_id, unit_id, false],
                )?;
                let without_token = usize::try_from(without.i64(0)?).unwrap_or(0);
                Ok(UnusedLinks { tokens, without_token })
            })
        })
        .await
    }
}
