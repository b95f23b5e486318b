//! Users and their sessions.

use chrono::NaiveDateTime;
use motcua_rules::dossier::assignment::ASSIGNEE_FIELD;
use motcua_rules::dossier::{Assignee, DossierState, check_assignee};
use motcua_rules::scope::UnitRef;
use motcua_rules::{Role, RuleError};

use crate::db::{Conn, Dialect, Row};
use crate::model::{NewUser, User, UserChange};
use crate::{Store, StoreError, params};

pub(crate) const COLUMNS: &str =
    "u.id, u.username, u.full_name, u.role, u.unit_id, un.path, u.active, u.must_change_password";
pub(crate) const FROM: &str = "FROM users u LEFT JOIN units un ON un.id = u.unit_id";

pub(crate) fn user_from_row(r: &Row) -> Result<User, StoreError> {
    let role = r.str(3)?;
    Ok(User {
        id: r.i64(0)?,
        username: r.string(1)?,
        full_name: r.string(2)?,
        role: Role::parse(role).ok_or_else(|| StoreError::internal(format!("unknown role {role}")))?,
        unit_id: r.opt_i64(4)?,
        unit_path: r.opt_string(5)?,
        active: r.bool(6)?,
        must_change_password: r.bool(7)?,
    })
}

/// Staff belong to a unit; citizens do not.
fn check_role_unit(role: Role, unit_id: Option<i64>) -> Result<(), StoreError> {
    if role.is_staff() != unit_id.is_some() {
        return Err(StoreError::Rule(motcua_rules::RuleError::invalid("user_unit", "unit_id")));
    }
    Ok(())
}

/// Checks, inside an action's transaction, that the officer `user_id` may
/// still be given the dossier (`before` is its state before the action):
/// the route read the account earlier, and it may since have been
/// deactivated or moved. On PostgreSQL the row is locked against such a
/// change until the action commits; SQLite runs one writer at a time.
pub(crate) fn recheck_assignee(c: &mut dyn Conn, before: &DossierState, user_id: i64) -> Result<(), StoreError> {
    let lock = if c.dialect() == Dialect::Postgres { " FOR SHARE OF u" } else { "" };
    let row = c.query_opt(&format!("SELECT {COLUMNS} {FROM} WHERE u.id = $1{lock}"), params![user_id])?;
    let user = row
        .as_ref()
        .map(user_from_row)
        .transpose()?
        .ok_or_else(|| StoreError::Rule(RuleError::invalid("assignee_not_found", ASSIGNEE_FIELD)))?;
    let unit = match (user.unit_id, user.unit_path) {
        (Some(id), Some(path)) => Some(UnitRef { id, path }),
        _ => None,
    };
    let assignee = Assignee { user_id: user.id, role: user.role, unit, active: user.active };
    check_assignee(before, &assignee)?;
    Ok(())
}

impl Store {
    pub async fn create_user(&self, new: NewUser, now: NaiveDateTime) -> Result<User, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                check_role_unit(new.role, new.unit_id)?;
                let row = c
                    .query_one(
                        "INSERT INTO users (username, password_hash, full_name, role, unit_id, active, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                        params![
                            &new.username,
                            &new.password_hash,
                            &new.full_name,
                            new.role.as_str(),
                            new.unit_id,
                            true,
                            now
                        ],
                    )
                    .map_err(|e| StoreError::from(e).on_unique("username_taken", "username"))?;
                let id = row.i64(0)?;
                let sql = format!("SELECT {COLUMNS} {FROM} WHERE u.id = $1");
                user_from_row(&c.query_one(&sql, params![id])?)
            })
        })
        .await
    }

    /// Changes an account's role, unit and active flag in one transaction.
    /// When the account is deactivated or its role or unit changes, its
    /// sessions are deleted, so the change takes effect at once.
    pub async fn update_user(&self, id: i64, change: UserChange, now: NaiveDateTime) -> Result<User, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                check_role_unit(change.role, change.unit_id)?;
                let sql = format!("SELECT {COLUMNS} {FROM} WHERE u.id = $1");
                let before = match c.query_opt(&sql, params![id])? {
                    Some(r) => user_from_row(&r)?,
                    None => return Err(StoreError::not_found("user_not_found")),
                };
                c.execute(
                    "UPDATE users SET role = $1, unit_id = $2, active = $3 WHERE id = $4",
                    params![change.role.as_str(), change.unit_id, change.active, id],
                )?;
                if !change.active || before.role != change.role || before.unit_id != change.unit_id {
                    c.execute("DELETE FROM sessions WHERE user_id = $1", params![id])?;
                }
                // Expired sessions are swept here too.
                c.execute("DELETE FROM sessions WHERE expires_at < $1", params![now])?;
                user_from_row(&c.query_one(&sql, params![id])?)
            })
        })
        .await
    }

    /// The user and their password hash, for login.
    pub async fn user_for_login(&self, username: String) -> Result<Option<(User, String)>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!("SELECT {COLUMNS}, u.password_hash {FROM} WHERE u.username = $1");
                match c.query_opt(&sql, params![&username])? {
                    Some(r) => Ok(Some((user_from_row(&r)?, r.string(8)?))),
                    None => Ok(None),
                }
            })
        })
        .await
    }

    pub async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!("SELECT {COLUMNS} {FROM} WHERE u.id = $1");
                c.query_opt(&sql, params![id])?.as_ref().map(user_from_row).transpose()
            })
        })
        .await
    }

    /// The officers a dossier at `unit_id` waiting for `role` may be
    /// assigned to: active accounts of that unit itself (not of the units
    /// below it) whose role is `role` or leader, by name.
    pub async fn assignable_officers(&self, unit_id: i64, role: Role) -> Result<Vec<User>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {COLUMNS} {FROM} WHERE u.unit_id = $1 AND u.active = $2 AND u.role IN ($3, $4) \
                     ORDER BY u.full_name, u.id"
                );
                c.query(&sql, params![unit_id, true, role.as_str(), Role::Leader.as_str()])?
                    .iter()
                    .map(user_from_row)
                    .collect()
            })
        })
        .await
    }

    /// Staff users of a unit subtree (by path prefix), or all users.
    pub async fn users(&self, scope_path: Option<String>) -> Result<Vec<User>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let pattern = format!("{}%", scope_path.unwrap_or_else(|| "/".into()));
                let sql = format!("SELECT {COLUMNS} {FROM} WHERE un.path LIKE $1 ORDER BY u.username");
                c.query(&sql, params![pattern])?.iter().map(user_from_row).collect()
            })
        })
        .await
    }

    /// Stores a session; only the token's hash is kept, with the browser it
    /// was opened from (`device`, for the account page).
    pub async fn create_session(
        &self,
        token_hash: String,
        user_id: i64,
        now: NaiveDateTime,
        expires_at: NaiveDateTime,
        device: Option<String>,
    ) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                c.execute(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, device) \
                     VALUES ($1, $2, $3, $4, $5)",
                    params![&token_hash, user_id, now, expires_at, device.as_deref()],
                )?;
                // Expired sessions are swept as new ones come in.
                c.execute("DELETE FROM sessions WHERE expires_at < $1", params![now])?;
                Ok(())
            })
        })
        .await
    }

    /// The active user of a live session.
    pub async fn session_user(&self, token_hash: String, now: NaiveDateTime) -> Result<Option<User>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {COLUMNS} FROM sessions se JOIN users u ON u.id = se.user_id \
                     LEFT JOIN units un ON un.id = u.unit_id \
                     WHERE se.token_hash = $1 AND se.expires_at > $2 AND u.active = $3"
                );
                c.query_opt(&sql, params![&token_hash, now, true])?.as_ref().map(user_from_row).transpose()
            })
        })
        .await
    }

    pub async fn delete_session(&self, token_hash: String) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                c.execute("DELETE FROM sessions WHERE token_hash = $1", params![&token_hash])?;
                Ok(())
            })
        })
        .await
    }
}
