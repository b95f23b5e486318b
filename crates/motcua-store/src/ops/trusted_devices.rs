//! Devices that have logged in to an account before (OWASP's "device
//! cookies"): the login lets such a device through the hashing pool's lane
//! for proven clients (`motcua_server::auth::HashPool::admit_proven`).
//! Only the SHA-256 of a device's token is kept.

use chrono::{Duration, NaiveDateTime};

use crate::{Store, StoreError, params};

/// How long a device stays proven after the login that proved it.
pub const TRUSTED_DEVICE_DAYS: i64 = 180;

/// The most devices remembered per account; the oldest goes first.
pub const MAX_DEVICES_PER_USER: i64 = 20;

impl Store {
    /// The account a device token (its hash) was given to, if it is still
    /// proven.
    pub async fn trusted_device_user(&self, token_hash: String, now: NaiveDateTime) -> Result<Option<i64>, StoreError> {
        let since = now - Duration::days(TRUSTED_DEVICE_DAYS);
        self.blocking(move |s| {
            s.read(|c| {
                let row = c.query_opt(
                    "SELECT user_id FROM trusted_devices WHERE token_hash = $1 AND created_at > $2",
                    params![&token_hash, since],
                )?;
                Ok(row.map(|r| r.i64(0)).transpose()?)
            })
        })
        .await
    }

    /// Remembers a device that has just logged in to `user_id`; forgets the
    /// account's expired devices and all but its newest
    /// [`MAX_DEVICES_PER_USER`].
    pub async fn trust_device(&self, token_hash: String, user_id: i64, now: NaiveDateTime) -> Result<(), StoreError> {
        let since = now - Duration::days(TRUSTED_DEVICE_DAYS);
        self.blocking(move |s| {
            s.write(|c| {
                c.execute(
                    "INSERT INTO trusted_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3)",
                    params![&token_hash, user_id, now],
                )?;
                c.execute(
                    "DELETE FROM trusted_devices WHERE user_id = $1 AND (created_at <= $2 OR token_hash NOT IN \
                     (SELECT token_hash FROM trusted_devices WHERE user_id = $1 ORDER BY created_at DESC, token_hash \
                      LIMIT $3))",
                    params![user_id, since, MAX_DEVICES_PER_USER],
                )?;
                Ok(())
            })
        })
        .await
    }
}
