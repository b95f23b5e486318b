//! The form files of a procedure (tờ khai, mẫu đơn): what the citizen
//! downloads from the procedure's page to fill in.
//!
//! Kept beside the procedure, not in its immutable versions: a form is a
//! file that is replaced, renamed or removed, and a dossier does not need
//! the form it was written on. Every change is one transaction that also
//! writes a row of `procedure_form_changes`, which the procedure's history
//! shows. As for dossier files, the caller checks types and sizes and
//! makes the name safe; the store computes size and SHA-256.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::error::ErrorKind;
use motcua_rules::scope::UnitRef;

use super::procedures::{check_stored_scope, get, procedure_not_found};
use crate::db::{Conn, Row};
use crate::model::{NewProcedureForm, ProcedureChange, ProcedureForm};
use crate::{Store, StoreError, params};

/// The most forms one procedure carries: a procedure has a handful of
/// forms (a declaration, an application, an annex), never dozens.
pub const MAX_FORMS: usize = 10;

const META: &str = "id, name, content_type, size, sha256, uploaded_at";

fn from_row(r: &Row) -> Result<ProcedureForm, StoreError> {
    Ok(ProcedureForm {
        id: r.i64(0)?,
        name: r.string(1)?,
        content_type: r.string(2)?,
        size: r.i64(3)?,
        sha256: r.string(4)?,
        uploaded_at: r.time(5)?,
    })
}

fn form_not_found() -> StoreError {
    StoreError::Rule(RuleError::not_found("procedure_form_not_found"))
}

/// The procedure's id, the administrator's scope checked when given.
fn procedure_id(c: &mut dyn Conn, code: &str, scope: Option<&UnitRef>) -> Result<i64, StoreError> {
    let p = get(c, code)?.ok_or_else(|| procedure_not_found(code))?;
    if let Some(scope) = scope {
        check_stored_scope(c, scope, &p)?;
    }
    Ok(p.id)
}

fn list(c: &mut dyn Conn, procedure_id: i64) -> Result<Vec<ProcedureForm>, StoreError> {
    let sql = format!("SELECT {META} FROM procedure_forms WHERE procedure_id = $1 ORDER BY id");
    c.query(&sql, params![procedure_id])?.iter().map(from_row).collect()
}

/// Another form of the procedure already has this name (compared without
/// case): two downloads that look the same would confuse the citizen.
fn check_name_free(c: &mut dyn Conn, procedure_id: i64, name: &str, except: Option<i64>) -> Result<(), StoreError> {
    let taken = list(c, procedure_id)?
        .into_iter()
        .any(|f| Some(f.id) != except && f.name.to_lowercase() == name.to_lowercase());
    if taken {
        return Err(StoreError::Rule(
            RuleError::of("procedure_form_name_taken", ErrorKind::Conflict, Some("name")).arg("name", name),
        ));
    }
    Ok(())
}

struct Change<'a> {
    procedure_id: i64,
    change: &'a str,
    name: &'a str,
    old_name: Option<&'a str>,
    by: Option<i64>,
    at: NaiveDateTime,
}

fn record(c: &mut dyn Conn, ch: Change<'_>) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO procedure_form_changes (procedure_id, change, name, old_name, at, by_user) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        params![ch.procedure_id, ch.change, ch.name, ch.old_name, ch.at, ch.by],
    )?;
    Ok(())
}

/// The form changes of a procedure as history lines, each at the
/// procedure version in force when it was made.
pub(crate) fn changes(c: &mut dyn Conn, code: &str) -> Result<Vec<ProcedureChange>, StoreError> {
    let rows = c.query(
        "SELECT ch.change, ch.name, ch.old_name, ch.at, ch.by_user, \
         (SELECT MAX(v.version) FROM procedure_versions v WHERE v.procedure_id = p.id AND v.created_at <= ch.at) \
         FROM procedure_form_changes ch JOIN procedures p ON p.id = ch.procedure_id WHERE p.code = $1 ORDER BY ch.id",
        params![code],
    )?;
    rows.iter()
        .map(|r| {
            Ok(ProcedureChange {
                change: r.string(0)?,
                form_name: Some(r.string(1)?),
                form_old_name: r.opt_string(2)?,
                created_at: r.time(3)?,
                created_by: r.opt_i64(4)?,
                version: r.opt_i64(5)?.unwrap_or(1),
            })
        })
        .collect()
}

impl Store {
    /// The forms of a procedure, in the order they were added; never the
    /// contents. `procedure_not_found` for an unknown code.
    pub async fn procedure_forms(&self, code: String) -> Result<Vec<ProcedureForm>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let id = procedure_id(c, &code, None)?;
                list(c, id)
            })
        })
        .await
    }

    /// One form with its contents; `None` when the procedure has no such form.
    pub async fn procedure_form(&self, code: String, id: i64) -> Result<Option<(ProcedureForm, Vec<u8>)>, StoreError> {
        let found = self
            .blocking(move |s| {
                s.read(|c| {
                    let sql = format!(
                        "SELECT f.{}, f.data FROM procedure_forms f JOIN procedures p ON p.id = f.procedure_id \
                         WHERE f.id = $1 AND p.code = $2",
                        META.replace(", ", ", f.")
                    );
                    let Some(mut row) = c.query_opt(&sql, params![id, &code])? else { return Ok(None) };
                    Ok(Some((from_row(&row)?, row.take_opt_bytes(6)?)))
                })
            })
            .await?;
        let Some((meta, in_row)) = found else { return Ok(None) };
        let data = self.file_bytes(&meta.sha256, in_row).await?;
        Ok(Some((meta, data)))
    }

    /// Adds a form to a procedure, in the administrator's `scope` when
    /// given. Refused with nothing written: `procedure_not_found`,
    /// `procedure_outside_admin_scope`, `empty_file` (`file`),
    /// `too_many_forms` (`file`), `procedure_form_name_taken` (`name`).
    pub async fn add_procedure_form(
        &self,
        scope: Option<UnitRef>,
        code: String,
        form: NewProcedureForm,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<ProcedureForm, StoreError> {
        if form.data.is_empty() {
            return Err(StoreError::Rule(RuleError::invalid("empty_file", "file").arg("name", &form.name)));
        }
        // Durable before the row names it; a refusal below leaves an
        // unreferenced file for the sweep.
        let (sha256, size) = self.put_bytes(&form.data).await?;
        let NewProcedureForm { name, content_type, .. } = form;
        self.blocking(move |s| {
            s.write(|c| {
                let pid = procedure_id(c, &code, scope.as_ref())?;
                if list(c, pid)?.len() >= MAX_FORMS {
                    return Err(StoreError::Rule(
                        RuleError::of("too_many_forms", ErrorKind::Conflict, Some("file")).arg("max", MAX_FORMS),
                    ));
                }
                check_name_free(c, pid, &name, None)?;
                let id = c
                    .query_one(
                        "INSERT INTO procedure_forms (procedure_id, name, content_type, size, sha256, uploaded_by, \
                         uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                        params![pid, &name, &content_type, size, &sha256, by, now],
                    )?
                    .i64(0)?;
                let ch = Change { procedure_id: pid, change: "form_added", name: &name, old_name: None, by, at: now };
                record(c, ch)?;
                Ok(ProcedureForm { id, name, content_type, size, sha256, uploaded_at: now })
            })
        })
        .await
    }

    /// Renames a form (the name made safe by the caller). Refused:
    /// `procedure_form_not_found`, the scope, `procedure_form_name_taken`.
    pub async fn rename_procedure_form(
        &self,
        scope: Option<UnitRef>,
        code: String,
        id: i64,
        name: String,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<ProcedureForm, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let pid = procedure_id(c, &code, scope.as_ref())?;
                let old = list(c, pid)?.into_iter().find(|f| f.id == id).ok_or_else(form_not_found)?;
                if old.name == name {
                    return Ok(old);
                }
                check_name_free(c, pid, &name, Some(id))?;
                c.execute("UPDATE procedure_forms SET name = $1 WHERE id = $2", params![&name, id])?;
                let ch = Change {
                    procedure_id: pid,
                    change: "form_renamed",
                    name: &name,
                    old_name: Some(&old.name),
                    by,
                    at: now,
                };
                record(c, ch)?;
                Ok(ProcedureForm { name, ..old })
            })
        })
        .await
    }

    /// Removes a form for good. Refused: `procedure_form_not_found`, the scope.
    pub async fn remove_procedure_form(
        &self,
        scope: Option<UnitRef>,
        code: String,
        id: i64,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let pid = procedure_id(c, &code, scope.as_ref())?;
                let old = list(c, pid)?.into_iter().find(|f| f.id == id).ok_or_else(form_not_found)?;
                c.execute("DELETE FROM procedure_forms WHERE id = $1", params![id])?;
                let ch =
                    Change { procedure_id: pid, change: "form_removed", name: &old.name, old_name: None, by, at: now };
                record(c, ch)
            })
        })
        .await
    }
}
