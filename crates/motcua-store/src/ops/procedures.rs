//! The procedure catalog (TTHC): fields, procedures and their versions.
//!
//! Every change writes a new immutable row in `procedure_versions`, which is
//! the change history; a dossier points at the version it was received
//! under, so it keeps the rules that applied then (docs/sources.md#baseline).

use std::sync::Arc;

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::codes::ProcedureCode;
use motcua_rules::dossier::{StepSpec, StepUnit, check_workflow};
use motcua_rules::error::ErrorKind;
use motcua_rules::scope::{UnitRef, check_procedure_units};

use super::units::{unit_by_code, unknown_unit};
use crate::db::{Conn, QueryBuilder, Row};
use crate::model::{
    Field, Procedure, ProcedureChange, ProcedureData, ProcedureHits, ProcedureSummary, ProcedureVersion, StepUnitKind,
};
use crate::search::fold;
use crate::{Store, StoreError, params};

/// Filters for the catalog list.
#[derive(Debug, Clone, Default)]
pub struct ProcedureQuery {
    /// Words a citizen types (any order, diacritics optional, synonyms):
    /// the list is then ranked, best first (`ops/catalogue_search.rs`).
    pub q: Option<String>,
    pub field_code: Option<String>,
    /// Only procedures with an online service.
    pub online_only: bool,
    /// Abolished procedures are hidden unless asked for.
    pub include_abolished: bool,
    /// Where the page starts: the code after which it starts, or, in a
    /// ranked search, the `next_cursor` of the page before (`r50`).
    pub after: Option<String>,
    pub limit: u32,
}

/// The longest procedure name accepted; the longest names in the national
/// catalogue are about 400 characters.
const MAX_NAME: usize = 1000;

pub(crate) fn summary_from_row(r: &Row) -> Result<ProcedureSummary, StoreError> {
    Ok(ProcedureSummary {
        id: r.i64(0)?,
        code: r.string(1)?,
        name: r.string(2)?,
        field_code: r.string(3)?,
        field_name: r.string(4)?,
        level: r.string(5)?,
        online_level: serde_json::from_value(serde_json::Value::String(r.string(6)?))
            .map_err(|e| StoreError::internal(e.to_string()))?,
        publication_status: serde_json::from_value(serde_json::Value::String(r.string(7)?))
            .map_err(|e| StoreError::internal(e.to_string()))?,
    })
}

/// Checks a procedure and resolves its units; returns (field id, agency
/// unit id, resolved workflow).
fn resolve(c: &mut dyn Conn, data: &ProcedureData) -> Result<(i64, i64, Vec<StepSpec>), StoreError> {
    ProcedureCode::parse(&data.code, "code")?;
    let name = data.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(RuleError::invalid("invalid_name", "name").arg("case", "procedure").arg("max", MAX_NAME).into());
    }
    let field_id = match c.query_opt("SELECT id FROM fields WHERE code = $1", params![&data.field_code])? {
        Some(r) => r.i64(0)?,
        None => match &data.field_name {
            Some(field_name) if !field_name.trim().is_empty() => c
                .query_one(
                    "INSERT INTO fields (code, name) VALUES ($1, $2) RETURNING id",
                    params![&data.field_code, field_name.trim()],
                )?
                .i64(0)?,
            _ => {
                return Err(RuleError::invalid("unknown_field", "field_code").arg("code", &data.field_code).into());
            }
        },
    };
    let agency = unit_by_code(c, &data.agency_unit_code)?
        .ok_or_else(|| unknown_unit("agency_unit_code", &data.agency_unit_code))?;
    let steps = resolve_steps(c, data)?;
    check_workflow(&steps, data.time_limit)?;
    extra_receivers(c, data)?;
    let pb = &data.publication;
    motcua_rules::index766::publication::check_dates(pb.decision_date, pb.basis_effective, pb.public_date)?;
    // Amounts and exemption categories (motcua_rules::fees); the first
    // problem is answered, on its field.
    if let Some(e) = crate::model::with_fee_lines(&data.fees, motcua_rules::fees::check_fees).into_iter().next() {
        return Err(e.into());
    }
    Ok((field_id, agency.id, steps))
}

/// The published steps, with fixed units looked up by code; relative units
/// are resolved per dossier (`ops/routing.rs`).
fn resolve_steps(c: &mut dyn Conn, data: &ProcedureData) -> Result<Vec<StepSpec>, StoreError> {
    data.workflow
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let unit = match step.unit {
                StepUnitKind::Receiving => StepUnit::Receiving,
                StepUnitKind::Implementing => StepUnit::Implementing,
                StepUnitKind::Ancestor => {
                    StepUnit::Ancestor { level: step.unit_level.as_deref().unwrap_or_default().trim().to_owned() }
                }
                StepUnitKind::Fixed => StepUnit::Fixed(
                    unit_by_code(c, &step.unit_code)?
                        .ok_or_else(|| unknown_unit(&format!("workflow[{i}].unit_code"), &step.unit_code))?
                        .as_ref(),
                ),
            };
            Ok(StepSpec { name: step.name.trim().to_owned(), unit, role: step.role, share: step.share })
        })
        .collect()
}

/// The ids of the units an administrator added as receivers.
fn extra_receivers(c: &mut dyn Conn, data: &ProcedureData) -> Result<Vec<i64>, StoreError> {
    data.extra_receivers
        .iter()
        .enumerate()
        .map(|(i, code)| {
            Ok(unit_by_code(c, code)?.ok_or_else(|| unknown_unit(&format!("extra_receivers[{i}]"), code))?.id)
        })
        .collect()
}

/// The units a stored procedure names: its agency and its workflow's units.
fn units_of(c: &mut dyn Conn, data: &ProcedureData) -> Result<(UnitRef, Vec<StepSpec>), StoreError> {
    let agency = unit_by_code(c, &data.agency_unit_code)?
        .ok_or_else(|| unknown_unit("agency_unit_code", &data.agency_unit_code))?;
    Ok((agency.as_ref(), resolve_steps(c, data)?))
}

/// Creates or updates a procedure. With `scope` (an administrator's unit),
/// the procedure's units and those of the version it replaces must lie in
/// that subtree (`motcua_rules::scope::check_procedure_units`), checked in
/// the same transaction as the write.
fn save(
    c: &mut dyn Conn,
    data: &ProcedureData,
    change: &str,
    by: Option<i64>,
    expected_version: Option<i64>,
    now: NaiveDateTime,
    scope: Option<&UnitRef>,
) -> Result<Procedure, StoreError> {
    if let Some(scope) = scope {
        // The version being replaced must be the administrator's too: a
        // commune cannot take over a department's procedure by rewriting it.
        if let Some(old) = get(c, &data.code)? {
            check_stored_scope(c, scope, &old)?;
        }
    }
    let (field_id, agency_id, steps) = resolve(c, data)?;
    if let Some(scope) = scope {
        let agency = unit_by_code(c, &data.agency_unit_code)?
            .ok_or_else(|| unknown_unit("agency_unit_code", &data.agency_unit_code))?;
        check_procedure_units(scope, &agency.as_ref(), &data.level, &steps)?;
    }
    let existing = c.query_opt("SELECT id, version FROM procedures WHERE code = $1", params![&data.code])?;
    let field_name = c.query_one("SELECT name FROM fields WHERE id = $1", params![field_id])?.string(0)?;
    let search = fold(&format!("{} {} {}", data.code, data.name, field_name));
    let online = data.online_level.as_str();
    let publication = data.publication.status.as_str();
    let (id, version) = match (existing, expected_version) {
        (Some(_), None) if change != "imported" => {
            return Err(StoreError::Rule(
                RuleError::of("procedure_code_taken", motcua_rules::error::ErrorKind::Conflict, Some("code"))
                    .arg("code", &data.code),
            ));
        }
        (None, Some(_)) => return Err(procedure_not_found(&data.code)),
        (Some(r), expected) => {
            let (id, version) = (r.i64(0)?, r.i64(1)?);
            if expected.is_some_and(|v| v != version) {
                return Err(stale_version());
            }
            // `version = $11` makes the check and the write one step: of two
            // saves of the same version at once, the second changes nothing.
            let changed = c.execute(
                "UPDATE procedures SET field_id = $1, agency_unit_id = $2, name = $3, search_text = $4, \
                 level = $5, online_level = $6, publication_status = $7, version = $8, updated_at = $9 \
                 WHERE id = $10 AND version = $11",
                params![
                    field_id,
                    agency_id,
                    data.name.trim(),
                    &search,
                    &data.level,
                    online,
                    publication,
                    version + 1,
                    now,
                    id,
                    version
                ],
            )?;
            if changed == 0 {
                return Err(stale_version());
            }
            (id, version + 1)
        }
        (None, None) => {
            let id = c
                .query_one(
                    "INSERT INTO procedures (code, field_id, agency_unit_id, name, search_text, level, \
                     online_level, publication_status, version, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) RETURNING id",
                    params![
                        &data.code,
                        field_id,
                        agency_id,
                        data.name.trim(),
                        &search,
                        &data.level,
                        online,
                        publication,
                        now
                    ],
                )?
                .i64(0)?;
            (id, 1)
        }
    };
    let json = serde_json::to_string(data).map_err(|e| StoreError::internal(e.to_string()))?;
    let pb = &data.publication;
    let version_id = c
        .query_one(
            "INSERT INTO procedure_versions (procedure_id, version, change, data, created_at, created_by, \
             decision, decision_date, basis_effective, public_date) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            params![
                id,
                version,
                change,
                &json,
                now,
                by,
                pb.decision.as_deref().map(str::trim).filter(|d| !d.is_empty()),
                pb.decision_date,
                pb.basis_effective,
                pb.public_date
            ],
        )?
        .i64(0)?;
    c.execute("UPDATE procedures SET current_version_id = $1 WHERE id = $2", params![version_id, id])?;
    super::catalogue_search::index_procedure(c, id, &data.code, data.name.trim(), &field_name)?;
    Ok(Procedure { id, version, version_id, field_name, updated_at: now, data: data.clone() })
}

/// A stored procedure is the administrator's at `scope`: its agency and
/// workflow units lie in the subtree (403 `procedure_outside_admin_scope`).
pub(crate) fn check_stored_scope(c: &mut dyn Conn, scope: &UnitRef, p: &Procedure) -> Result<(), StoreError> {
    let (agency, steps) = units_of(c, &p.data)?;
    check_procedure_units(scope, &agency, &p.data.level, &steps).map_err(|_| {
        StoreError::Rule(
            RuleError::of("procedure_outside_admin_scope", ErrorKind::Forbidden, None).arg("code", &p.data.code),
        )
    })
}

pub(crate) fn procedure_not_found(code: &str) -> StoreError {
    StoreError::Rule(RuleError::not_found("procedure_not_found").arg("code", code))
}

fn stale_version() -> StoreError {
    StoreError::conflict("stale_version", Some("version"))
}

pub(crate) fn get(c: &mut dyn Conn, code: &str) -> Result<Option<Procedure>, StoreError> {
    let row = c.query_opt(
        "SELECT p.id, p.version, p.current_version_id, f.name, p.updated_at, v.data \
         FROM procedures p JOIN fields f ON f.id = p.field_id \
         JOIN procedure_versions v ON v.id = p.current_version_id WHERE p.code = $1",
        params![code],
    )?;
    row.map(|r| {
        Ok(Procedure {
            id: r.i64(0)?,
            version: r.i64(1)?,
            version_id: r.i64(2)?,
            field_name: r.string(3)?,
            updated_at: r.time(4)?,
            data: r.json(5)?,
        })
    })
    .transpose()
}

/// Imports a catalog in one transaction (see [`Store::import_procedures`]).
fn import(
    c: &mut dyn Conn,
    items: &[ProcedureData],
    by: Option<i64>,
    now: NaiveDateTime,
    scope: Option<&UnitRef>,
) -> Result<usize, StoreError> {
    let mut changed = 0;
    for (i, data) in items.iter().enumerate() {
        if get(c, &data.code)?.is_some_and(|p| &p.data == data) {
            continue;
        }
        save(c, data, "imported", by, None, now, scope).map_err(|e| match e {
            StoreError::Rule(r) => {
                let field = match &r.field {
                    Some(f) => format!("[{i}].{f}"),
                    None => format!("[{i}]"),
                };
                StoreError::Rule(r.at(&field))
            }
            other => other,
        })?;
        changed += 1;
    }
    Ok(changed)
}

impl Store {
    /// Creates a procedure (`expected_version = None`) or updates it when
    /// `expected_version` matches the stored version (else `stale_version`).
    /// Unscoped: for the demo, the command line and tests; an
    /// administrator's change goes through [`Store::save_procedure_within`].
    pub async fn save_procedure(
        &self,
        data: ProcedureData,
        change: &'static str,
        by: Option<i64>,
        expected_version: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Procedure, StoreError> {
        self.blocking(move |s| s.write(|c| save(c, &data, change, by, expected_version, now, None))).await
    }

    /// [`Store::save_procedure`] for an administrator placed at `scope`:
    /// the procedure's agency and workflow units, and those of the version
    /// it replaces, must lie in that subtree (422 `unit_outside_admin_scope`
    /// naming the field; 403 `procedure_outside_admin_scope` for a stored
    /// procedure of another unit), checked inside the write transaction.
    pub async fn save_procedure_within(
        &self,
        scope: UnitRef,
        data: ProcedureData,
        change: &'static str,
        by: Option<i64>,
        expected_version: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Procedure, StoreError> {
        self.blocking(move |s| s.write(|c| save(c, &data, change, by, expected_version, now, Some(&scope)))).await
    }

    /// Imports a catalog: each procedure is created, or updated when it
    /// differs from the stored one. All or nothing. Returns how many
    /// procedures were created or changed. Unscoped, like `save_procedure`.
    pub async fn import_procedures(
        &self,
        items: Vec<ProcedureData>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        self.blocking(move |s| s.write(|c| import(c, &items, by, now, None))).await
    }

    /// [`Store::import_procedures`] for an administrator placed at `scope`:
    /// every procedure it creates or changes is checked as in
    /// [`Store::save_procedure_within`]; one outside refuses the whole file.
    pub async fn import_procedures_within(
        &self,
        scope: UnitRef,
        items: Vec<ProcedureData>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        self.blocking(move |s| s.write(|c| import(c, &items, by, now, Some(&scope)))).await
    }

    pub async fn procedure(&self, code: String) -> Result<Option<Procedure>, StoreError> {
        self.blocking(move |s| s.read(|c| get(c, &code))).await
    }

    /// Every procedure's current data, for export.
    pub async fn export_procedures(&self) -> Result<Vec<ProcedureData>, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                c.query(
                    "SELECT v.data FROM procedures p JOIN procedure_versions v ON v.id = p.current_version_id \
                     ORDER BY p.code",
                    &[],
                )?
                .iter()
                .map(|r| r.json(0).map_err(StoreError::from))
                .collect()
            })
        })
        .await
    }

    /// The catalogue: a ranked search when `q.q` has words, otherwise
    /// every procedure the filters leave, in code order; with the count.
    pub async fn procedures(&self, q: ProcedureQuery) -> Result<ProcedureHits, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                if let Some(text) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
                    return super::catalogue_search::search(c, text, &q);
                }
                let mut b = QueryBuilder::new(
                    "SELECT p.id, p.code, p.name, f.code, f.name, p.level, p.online_level, p.publication_status \
                     FROM procedures p JOIN fields f ON f.id = p.field_id WHERE 1 = 1",
                    Vec::new(),
                );
                super::catalogue_search::push_filters(&mut b, &q);
                if let Some(after) = &q.after {
                    b.push(" AND p.code > $?", [after.into()]);
                }
                let limit = q.limit.clamp(1, 200);
                b.push(" ORDER BY p.code LIMIT $?", [i64::from(limit + 1).into()]);
                let mut items =
                    c.query(&b.sql, &b.args)?.iter().map(summary_from_row).collect::<Result<Vec<_>, _>>()?;
                let next_cursor = if items.len() > limit as usize {
                    items.truncate(limit as usize);
                    items.last().map(|p| p.code.clone())
                } else {
                    None
                };
                let total = super::catalogue_search::count_all(c, &q)?;
                Ok(ProcedureHits { items, next_cursor, total, all_words: true })
            })
        })
        .await
    }

    /// The procedure's history, oldest first: its versions, and the changes
    /// of its form files (`ops/procedure_forms.rs`) at the version they
    /// were made under.
    pub async fn procedure_history(&self, code: String) -> Result<Vec<ProcedureChange>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let rows = c.query(
                    "SELECT v.version, v.change, v.created_at, v.created_by FROM procedure_versions v \
                     JOIN procedures p ON p.id = v.procedure_id WHERE p.code = $1 ORDER BY v.version",
                    params![&code],
                )?;
                if rows.is_empty() {
                    return Err(procedure_not_found(&code));
                }
                let mut out = rows
                    .iter()
                    .map(|r| {
                        Ok(ProcedureChange {
                            version: r.i64(0)?,
                            change: r.string(1)?,
                            created_at: r.time(2)?,
                            created_by: r.opt_i64(3)?,
                            form_name: None,
                            form_old_name: None,
                        })
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
                out.extend(super::procedure_forms::changes(c, &code)?);
                // Stable: a form change made at the same moment as a version follows it.
                out.sort_by_key(|c| c.created_at);
                Ok(out)
            })
        })
        .await
    }

    pub async fn fields(&self) -> Result<Vec<Field>, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                c.query("SELECT id, code, name FROM fields ORDER BY name", &[])?
                    .iter()
                    .map(|r| Ok(Field { id: r.i64(0)?, code: r.string(1)?, name: r.string(2)? }))
                    .collect()
            })
        })
        .await
    }

    /// A procedure version with its resolved workflow, from the cache.
    pub(crate) fn version_in(&self, c: &mut dyn Conn, id: i64) -> Result<Arc<ProcedureVersion>, StoreError> {
        if let Some(v) = self.inner.versions.read().expect("cache poisoned").get(&id) {
            return Ok(v.clone());
        }
        let r = c.query_one(
            "SELECT v.procedure_id, v.data, p.agency_unit_id FROM procedure_versions v \
             JOIN procedures p ON p.id = v.procedure_id WHERE v.id = $1",
            params![id],
        )?;
        let data: ProcedureData = r.json(1)?;
        let steps = resolve_steps(c, &data)?;
        let extra_receivers = extra_receivers(c, &data)?;
        let version = Arc::new(ProcedureVersion {
            id,
            procedure_id: r.i64(0)?,
            agency_unit_id: r.i64(2)?,
            data,
            steps,
            extra_receivers,
        });
        self.inner.versions.write().expect("cache poisoned").insert(id, version.clone());
        Ok(version)
    }

    /// The current version of a procedure, by code.
    pub async fn current_version(&self, code: String) -> Result<Arc<ProcedureVersion>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let id = c
                    .query_opt("SELECT current_version_id FROM procedures WHERE code = $1", params![&code])?
                    .ok_or_else(|| procedure_not_found(&code))?
                    .i64(0)?;
                s.version_in(c, id)
            })
        })
        .await
    }
}
