//! Failed-attempt counters in the database, shared by every server process
//! (`throttle`, migration 0006). The delays themselves are the rules'
//! ([`motcua_rules::throttle`]).
//!
//! An attempt is *claimed* before it is checked, in one transaction: the
//! upsert of each key's row locks it (PostgreSQL holds the row lock to the
//! commit; SQLite has one writer), the waits are read, and if no key must
//! wait the attempt is counted as a failure in advance, with the wait it
//! would bring. Parallel attempts on one key are therefore counted one
//! after the other and none slips past the limit; a success then clears
//! (or refunds) what it was charged.

use chrono::{Duration, NaiveDateTime};
use motcua_rules::throttle::Policy;

use crate::{Store, StoreError, params};

/// One counter an attempt is charged to.
#[derive(Debug, Clone)]
pub struct ThrottleKey {
    pub key: String,
    pub policy: Policy,
}

impl ThrottleKey {
    pub fn new(key: impl Into<String>, policy: Policy) -> Self {
        ThrottleKey { key: key.into(), policy }
    }
}

impl Store {
    /// Claims one attempt on every key at once. `Ok(None)`: go ahead (one
    /// failure is charged to each key). `Ok(Some(seconds))`: some key must
    /// wait that long yet; nothing is charged.
    pub async fn throttle_claim(&self, keys: Vec<ThrottleKey>, now: NaiveDateTime) -> Result<Option<i64>, StoreError> {
        let mut keys = keys;
        // One order for every transaction, so two claims never deadlock.
        keys.sort_by(|a, b| a.key.cmp(&b.key));
        keys.dedup_by(|a, b| a.key == b.key);
        self.blocking(move |s| {
            s.write(|c| {
                let mut rows = Vec::with_capacity(keys.len());
                let mut wait = 0i64;
                for k in &keys {
                    let r = c.query_one(
                        "INSERT INTO throttle (key, failures, next_at, last_failure_at) VALUES ($1, 0, $2, $2) \
                         ON CONFLICT (key) DO UPDATE SET failures = throttle.failures \
                         RETURNING failures, next_at, last_failure_at",
                        params![&k.key, now],
                    )?;
                    let (mut failures, next_at, last) = (r.i64(0)?, r.time(1)?, r.time(2)?);
                    if now - last >= Duration::seconds(k.policy.forget_after_secs) {
                        failures = 0;
                    } else if next_at > now {
                        wait = wait.max((next_at - now).num_seconds().max(1));
                    }
                    rows.push(failures);
                }
                if wait > 0 {
                    return Ok(Some(wait));
                }
                for (k, failures) in keys.iter().zip(rows) {
                    let failures = failures.saturating_add(1);
                    let next_at = now + Duration::seconds(k.policy.delay_secs(failures));
                    c.execute(
                        "UPDATE throttle SET failures = $1, next_at = $2, last_failure_at = $3 WHERE key = $4",
                        params![failures, next_at, now, &k.key],
                    )?;
                }
                Ok(None)
            })
        })
        .await
    }

    /// After a success: forgets the keys of `clear` and takes back the
    /// failure charged in advance to each key of `refund`.
    pub async fn throttle_success(&self, clear: Vec<String>, refund: Vec<String>) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                for k in &clear {
                    c.execute("DELETE FROM throttle WHERE key = $1", params![k])?;
                }
                for k in &refund {
                    c.execute(
                        "UPDATE throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0",
                        params![k],
                    )?;
                }
                Ok(())
            })
        })
        .await
    }

    /// Adds one to the counter `key` and returns the new count, in one
    /// statement (registrations of an address on a day).
    pub async fn throttle_count(&self, key: String, now: NaiveDateTime) -> Result<i64, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let r = c.query_one(
                    "INSERT INTO throttle (key, failures, next_at, last_failure_at) VALUES ($1, 1, $2, $2) \
                     ON CONFLICT (key) DO UPDATE SET failures = throttle.failures + 1, \
                     last_failure_at = excluded.last_failure_at RETURNING failures",
                    params![&key, now],
                )?;
                Ok(r.i64(0)?)
            })
        })
        .await
    }

    /// The failures counted on `key` (0 when there is no row).
    pub async fn throttle_failures(&self, key: String) -> Result<i64, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let r = c.query_opt("SELECT failures FROM throttle WHERE key = $1", params![&key])?;
                Ok(r.map(|r| r.i64(0)).transpose()?.unwrap_or(0))
            })
        })
        .await
    }

    /// Deletes the counters whose last failure is older than `before` and
    /// that make nobody wait any more. Returns how many.
    pub async fn throttle_prune(&self, before: NaiveDateTime, now: NaiveDateTime) -> Result<u64, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                Ok(c.execute(
                    "DELETE FROM throttle WHERE last_failure_at < $1 AND next_at <= $2",
                    params![before, now],
                )?)
            })
        })
        .await
    }
}
