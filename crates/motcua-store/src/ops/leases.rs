//! Leases for background jobs (`worker_leases`, migration 0025): however
//! many server processes serve one installation, each job (the portal
//! sync, the notification sender, the escalation scheduler) runs in one of
//! them at a time. The holder renews its lease on every round; when it
//! dies, the lease expires and another process takes it on its next round.
//!
//! A lease is a time, so a job's round must end well inside it: the
//! caller chooses a lease several rounds long and keeps each round short.

use chrono::NaiveDateTime;

use crate::{Store, StoreError, params};

impl Store {
    /// Takes the lease `name` for `holder` until `until`, or renews it if
    /// `holder` has it already. `true` when `holder` holds it afterwards;
    /// `false` when another process holds an unexpired lease.
    pub async fn lease_take(
        &self,
        name: &str,
        holder: &str,
        now: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<bool, StoreError> {
        let (name, holder) = (name.to_owned(), holder.to_owned());
        self.blocking(move |s| {
            s.write(|c| {
                // The upsert locks the row (PostgreSQL to the commit; SQLite
                // has one writer), so two processes cannot both take it; a
                // conflict whose condition fails updates and returns nothing.
                let taken = c.query_opt(
                    "INSERT INTO worker_leases (name, holder, expires_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at \
                     WHERE worker_leases.holder = excluded.holder OR worker_leases.expires_at <= $4 \
                     RETURNING holder",
                    params![&name, &holder, until, now],
                )?;
                Ok(taken.is_some())
            })
        })
        .await
    }

    /// Gives the lease up at once (a process stopping cleanly), so another
    /// takes it without waiting for it to expire. Nothing happens if
    /// `holder` does not hold it.
    pub async fn lease_release(&self, name: &str, holder: &str) -> Result<(), StoreError> {
        let (name, holder) = (name.to_owned(), holder.to_owned());
        self.blocking(move |s| {
            s.write(|c| {
                c.execute("DELETE FROM worker_leases WHERE name = $1 AND holder = $2", params![&name, &holder])?;
                Ok(())
            })
        })
        .await
    }
}
