//! Facts about the installation as a whole (`installation` table).

use crate::{Store, StoreError, params};

impl Store {
    /// Sets `key` to `value`, replacing what was there.
    pub async fn set_installation_fact(&self, key: &'static str, value: String) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                c.execute(
                    "INSERT INTO installation (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value.as_str()],
                )?;
                Ok(())
            })
        })
        .await
    }

    /// The value of `key`, if set.
    pub async fn installation_fact(&self, key: &'static str) -> Result<Option<String>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query_opt("SELECT value FROM installation WHERE key = $1", params![key])?
                    .map(|r| r.string(0))
                    .transpose()
                    .map_err(Into::into)
            })
        })
        .await
    }
}
