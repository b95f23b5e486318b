//! Electronic forms (tờ khai điện tử): a procedure's form defined as
//! fields, and what a citizen filled in with a dossier.
//!
//! Kept beside the procedure, not in its immutable versions, for the reason
//! `procedure_forms` gives: the form is edited on its own, and a dossier
//! does not need the definition it was written on, since it keeps its own
//! copy of the labels and values ([`DossierEform`]) and the rendered PDF
//! (a submission attachment). Every change of a definition is one
//! transaction that also writes a row of `procedure_form_changes`
//! (`eform_saved`, `eform_removed`, named by the title), which the
//! procedure's history shows. The definition is checked here, inside the
//! transaction, against the procedure's components as they are now.
//!
//! The values are personal data: nothing here logs them.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::eform::{self, EformDefinition, FilledField};
use motcua_rules::scope::UnitRef;
use serde::Serialize;

use super::procedures::{check_stored_scope, get, procedure_not_found};
use crate::db::Conn;
use crate::model::{Dossier, NewAttachment};
use crate::{NewDossier, Store, StoreError, params};

/// A procedure's e-form as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProcedureEform {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub definition: EformDefinition,
    #[serde(with = "crate::model::vn_time")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

/// What a citizen filled in with a dossier, as it was defined then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DossierEform {
    pub component: String,
    pub title_vi: String,
    pub title_en: Option<String>,
    #[schema(value_type = Vec<Object>)]
    pub fields: Vec<FilledField>,
}

fn eform_not_found() -> StoreError {
    StoreError::Rule(RuleError::not_found("eform_not_found"))
}

fn json<T: Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::internal(e.to_string()))
}

fn load(c: &mut dyn Conn, procedure_id: i64) -> Result<Option<ProcedureEform>, StoreError> {
    let Some(row) = c.query_opt(
        "SELECT definition, updated_at FROM procedure_eforms WHERE procedure_id = $1",
        params![procedure_id],
    )?
    else {
        return Ok(None);
    };
    let definition = serde_json::from_str(&row.string(0)?).map_err(|e| StoreError::internal(e.to_string()))?;
    Ok(Some(ProcedureEform { definition, updated_at: row.time(1)? }))
}

fn record(
    c: &mut dyn Conn,
    procedure_id: i64,
    change: &str,
    title: &str,
    by: Option<i64>,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO procedure_form_changes (procedure_id, change, name, old_name, at, by_user) \
         VALUES ($1, $2, $3, NULL, $4, $5)",
        params![procedure_id, change, title, at, by],
    )?;
    Ok(())
}

/// Keeps what the citizen filled in, in the transaction that creates the
/// dossier `id`.
pub(crate) fn insert_eform(
    c: &mut dyn Conn,
    id: i64,
    filled: &DossierEform,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let fields = json(&filled.fields)?;
    c.execute(
        "INSERT INTO dossier_eforms (dossier_id, component, title_vi, title_en, fields, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        params![id, &filled.component, &filled.title_vi, filled.title_en.as_deref(), &fields, now],
    )?;
    Ok(())
}

impl Store {
    /// A procedure's e-form, `None` when it has none; `procedure_not_found`
    /// for an unknown code.
    pub async fn procedure_eform(&self, code: String) -> Result<Option<ProcedureEform>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let p = get(c, &code)?.ok_or_else(|| procedure_not_found(&code))?;
                load(c, p.id)
            })
        })
        .await
    }

    /// Defines or replaces a procedure's e-form, in the administrator's
    /// `scope` when given. The definition is checked against the
    /// procedure's components now ([`eform::check_definition`]; the first
    /// problem; the caller runs the check first to report them all) and
    /// stored normalised.
    /// Refused too: `procedure_not_found`, `procedure_outside_admin_scope`.
    pub async fn save_procedure_eform(
        &self,
        scope: Option<UnitRef>,
        code: String,
        definition: EformDefinition,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<ProcedureEform, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let p = get(c, &code)?.ok_or_else(|| procedure_not_found(&code))?;
                if let Some(scope) = &scope {
                    check_stored_scope(c, scope, &p)?;
                }
                let names: Vec<String> = p.data.components.iter().map(|k| k.name.clone()).collect();
                // The caller checked and reports every problem; this check is
                // the one that holds, on the components in this transaction.
                let definition = eform::check_definition(&definition, &names)
                    .map_err(|mut p| StoreError::Rule(p.swap_remove(0)))?;
                let text = json(&definition)?;
                let n = c.execute(
                    "UPDATE procedure_eforms SET definition = $1, updated_by = $2, updated_at = $3 WHERE procedure_id = $4",
                    params![&text, by, now, p.id],
                )?;
                if n == 0 {
                    c.execute(
                        "INSERT INTO procedure_eforms (procedure_id, definition, updated_by, updated_at) \
                         VALUES ($1, $2, $3, $4)",
                        params![p.id, &text, by, now],
                    )?;
                }
                record(c, p.id, "eform_saved", &definition.title_vi, by, now)?;
                Ok(ProcedureEform { definition, updated_at: now })
            })
        })
        .await
    }

    /// Removes a procedure's e-form; the dossiers that were filled with it
    /// keep their values and PDF. Refused: `eform_not_found`, the scope.
    pub async fn remove_procedure_eform(
        &self,
        scope: Option<UnitRef>,
        code: String,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let p = get(c, &code)?.ok_or_else(|| procedure_not_found(&code))?;
                if let Some(scope) = &scope {
                    check_stored_scope(c, scope, &p)?;
                }
                let old = load(c, p.id)?.ok_or_else(eform_not_found)?;
                c.execute("DELETE FROM procedure_eforms WHERE procedure_id = $1", params![p.id])?;
                record(c, p.id, "eform_removed", &old.definition.title_vi, by, now)
            })
        })
        .await
    }

    /// [`Store::create_dossier_with_files`] that also keeps what the
    /// citizen filled in, in the same transaction: the dossier, its files
    /// (the rendered PDF among them) and the values are written together
    /// or not at all. On an idempotent replay nothing is written.
    pub async fn create_dossier_with_eform(
        &self,
        new: NewDossier,
        files: Vec<NewAttachment>,
        filled: DossierEform,
    ) -> Result<(Dossier, bool), StoreError> {
        let now = new.now;
        self.create_dossier_then(new, files, move |c, id| insert_eform(c, id, &filled, now)).await
    }

    /// What the citizen filled in with a dossier, `None` when no e-form was.
    pub async fn dossier_eform(&self, dossier_id: i64) -> Result<Option<DossierEform>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let Some(row) = c.query_opt(
                    "SELECT component, title_vi, title_en, fields FROM dossier_eforms WHERE dossier_id = $1",
                    params![dossier_id],
                )?
                else {
                    return Ok(None);
                };
                let fields = serde_json::from_str(&row.string(3)?).map_err(|e| StoreError::internal(e.to_string()))?;
                Ok(Some(DossierEform {
                    component: row.string(0)?,
                    title_vi: row.string(1)?,
                    title_en: row.opt_string(2)?,
                    fields,
                }))
            })
        })
        .await
    }
}
