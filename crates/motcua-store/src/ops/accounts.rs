//! An account's password and sessions: the owner's change, the
//! administrator's reset, and the list of live sessions its owner can end.
//!
//! A password change ends every session of the account in the same
//! transaction (OWASP ASVS 3.3.3): whoever held an old session, a thief
//! included, is out at once. The browser that made the change gets a fresh
//! session, written in that transaction too.

use chrono::NaiveDateTime;

use super::users::{COLUMNS, FROM, user_from_row};
use crate::db::Conn;
use crate::model::{SessionInfo, User};
use crate::{Store, StoreError, params};

/// How many characters of a token's hash name a session on the account page.
pub const SESSION_ID_CHARS: usize = 16;

/// A session to open: its token's hash, when it ends, the browser.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub device: Option<String>,
}

fn the_user(c: &mut dyn Conn, id: i64) -> Result<User, StoreError> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE u.id = $1");
    match c.query_opt(&sql, params![id])? {
        Some(r) => user_from_row(&r),
        None => Err(StoreError::not_found("user_not_found")),
    }
}

impl Store {
    /// The owner's new password: stored, the reset flag cleared, every
    /// session of the account ended and `session` (the browser that asked)
    /// opened, in one transaction.
    pub async fn change_password(
        &self,
        user_id: i64,
        password_hash: String,
        now: NaiveDateTime,
        session: NewSession,
    ) -> Result<User, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let user = the_user(c, user_id)?;
                c.execute(
                    "UPDATE users SET password_hash = $1, must_change_password = $2, password_changed_at = $3 \
                     WHERE id = $4",
                    params![&password_hash, false, now, user_id],
                )?;
                c.execute("DELETE FROM sessions WHERE user_id = $1 OR expires_at < $2", params![user_id, now])?;
                c.execute(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, device) \
                     VALUES ($1, $2, $3, $4, $5)",
                    params![&session.token_hash, user_id, now, session.expires_at, session.device.as_deref()],
                )?;
                Ok(User { must_change_password: false, ..user })
            })
        })
        .await
    }

    /// An administrator's reset: a temporary password that must be changed
    /// at the next login; every session and every proven device of the account end.
    pub async fn reset_password(
        &self,
        user_id: i64,
        password_hash: String,
        now: NaiveDateTime,
    ) -> Result<User, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let user = the_user(c, user_id)?;
                c.execute(
                    "UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3",
                    params![&password_hash, true, user_id],
                )?;
                c.execute("DELETE FROM sessions WHERE user_id = $1 OR expires_at < $2", params![user_id, now])?;
                // Whoever guessed or stole the old password may have proven a
                // device with it: the account starts over.
                c.execute("DELETE FROM trusted_devices WHERE user_id = $1", params![user_id])?;
                Ok(User { must_change_password: true, ..user })
            })
        })
        .await
    }

    /// The live sessions of an account, newest first; `current` marks the
    /// one whose token hashes to `current_hash`.
    pub async fn sessions_of(
        &self,
        user_id: i64,
        current_hash: String,
        now: NaiveDateTime,
    ) -> Result<Vec<SessionInfo>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT token_hash, created_at, expires_at, device FROM sessions \
                     WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, token_hash",
                    params![user_id, now],
                )?
                .iter()
                .map(|r| {
                    let hash = r.string(0)?;
                    Ok(SessionInfo {
                        id: hash.chars().take(SESSION_ID_CHARS).collect(),
                        created_at: r.time(1)?,
                        expires_at: r.time(2)?,
                        device: r.opt_string(3)?,
                        current: hash == current_hash,
                    })
                })
                .collect()
            })
        })
        .await
    }

    /// Ends the session of `user_id` named `id` (see [`SessionInfo::id`]);
    /// false when the account has no such session. Another account's
    /// session is never touched.
    pub async fn end_session(&self, user_id: i64, id: String) -> Result<bool, StoreError> {
        // The id is matched as a prefix: only hexadecimal digits of the
        // right length, so that it cannot carry a LIKE wildcard.
        if id.len() != SESSION_ID_CHARS || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(false);
        }
        self.blocking(move |s| {
            s.write(|c| {
                let n = c.execute(
                    "DELETE FROM sessions WHERE user_id = $1 AND token_hash LIKE $2",
                    params![user_id, format!("{}%", id.to_ascii_lowercase())],
                )?;
                Ok(n > 0)
            })
        })
        .await
    }
}
