//! Administrative units: a tree of any depth with materialised paths.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::db::{Conn, Row};
use crate::model::{NewUnit, Unit};
use crate::{Store, StoreError, params};

const COLUMNS: &str = "id, parent_id, code, name, level, path, province_id, phone, counter_hours";

fn unit_from_row(r: &Row) -> Result<Unit, StoreError> {
    Ok(Unit {
        id: r.i64(0)?,
        parent_id: r.opt_i64(1)?,
        code: r.string(2)?,
        name: r.string(3)?,
        level: r.string(4)?,
        path: r.string(5)?,
        province_id: r.i64(6)?,
        phone: r.opt_string(7)?,
        counter_hours: r.opt_string(8)?,
    })
}

pub(crate) fn unit_by_id(c: &mut dyn Conn, id: i64) -> Result<Option<Unit>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE id = $1");
    c.query_opt(&sql, params![id])?.as_ref().map(unit_from_row).transpose()
}

pub(crate) fn unit_by_code(c: &mut dyn Conn, code: &str) -> Result<Option<Unit>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE code = $1");
    c.query_opt(&sql, params![code])?.as_ref().map(unit_from_row).transpose()
}

/// The units of a set, in code order.
pub(crate) fn units_of(c: &mut dyn Conn, set: &super::rollups::UnitSet) -> Result<Vec<Unit>, StoreError> {
    let mut b = crate::db::QueryBuilder::new(format!("SELECT {COLUMNS} FROM units WHERE id IN ("), Vec::new());
    set.push_ids(&mut b);
    b.push(") ORDER BY code", []);
    c.query(&b.sql, &b.args)?.iter().map(unit_from_row).collect()
}

pub(crate) fn unknown_unit(field: &str, code: &str) -> StoreError {
    StoreError::Rule(motcua_rules::RuleError::invalid("unknown_unit", field).arg("case", "code").arg("code", code))
}

impl Store {
    /// Creates a unit under `parent_id` (or a new root: a province).
    pub async fn create_unit(&self, new: NewUnit, now: NaiveDateTime) -> Result<Unit, StoreError> {
        self.blocking(move |s| s.write(|c| insert_unit(c, &new, now))).await
    }

    /// All units, parents before children.
    pub async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                let sql = format!("SELECT {COLUMNS} FROM units ORDER BY path");
                c.query(&sql, &[])?.iter().map(unit_from_row).collect()
            })
        })
        .await
    }

    pub async fn unit(&self, id: i64) -> Result<Option<Unit>, StoreError> {
        self.blocking(move |s| s.read(|c| unit_by_id(c, id))).await
    }

    /// Sets a unit's counter telephone and working hours (checked by the
    /// caller); `None` clears them.
    pub async fn set_unit_counter(
        &self,
        id: i64,
        phone: Option<String>,
        counter_hours: Option<String>,
    ) -> Result<Unit, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let n = c.execute(
                    "UPDATE units SET phone = $1, counter_hours = $2 WHERE id = $3",
                    params![phone.as_deref(), counter_hours.as_deref(), id],
                )?;
                if n == 0 {
                    return Err(StoreError::not_found("unit_not_found"));
                }
                unit_by_id(c, id)?.ok_or_else(|| StoreError::not_found("unit_not_found"))
            })
        })
        .await
    }

    pub async fn unit_by_code(&self, code: String) -> Result<Option<Unit>, StoreError> {
        self.blocking(move |s| s.read(|c| unit_by_code(c, &code))).await
    }
}

pub(crate) fn insert_unit(c: &mut dyn Conn, new: &NewUnit, now: NaiveDateTime) -> Result<Unit, StoreError> {
    let parent = match new.parent_id {
        Some(pid) => Some(unit_by_id(c, pid)?.ok_or_else(|| {
            StoreError::Rule(
                motcua_rules::RuleError::invalid("unknown_unit", "parent_id").arg("case", "parent-id").arg("id", pid),
            )
        })?),
        None => None,
    };
    let row = c
        .query_one(
            "INSERT INTO units (parent_id, code, name, level, path, province_id, created_at) \
             VALUES ($1, $2, $3, $4, '', 0, $5) RETURNING id",
            params![new.parent_id, &new.code, &new.name, &new.level, now],
        )
        .map_err(|e| StoreError::from(e).on_unique("unit_code_taken", "code"))?;
    let id = row.i64(0)?;
    let path = motcua_rules::scope::UnitRef::child_path(parent.as_ref().map(|p| p.path.as_str()), id);
    let province_id = parent.as_ref().map_or(id, |p| p.province_id);
    c.execute("UPDATE units SET path = $1, province_id = $2 WHERE id = $3", params![&path, province_id, id])?;
    Ok(Unit {
        id,
        parent_id: new.parent_id,
        code: new.code.clone(),
        name: new.name.clone(),
        level: new.level.clone(),
        path,
        province_id,
        phone: None,
        counter_hours: None,
    })
}

/// Which unit of a set of disjoint subtrees (`by_path`: path → unit id)
/// holds the unit at `path`: the one whose path is a prefix of it ending at
/// a '/'.
pub(crate) fn owner_in(by_path: &HashMap<&str, i64>, path: &str) -> Option<i64> {
    path.match_indices('/').find_map(|(i, _)| by_path.get(&path[..=i]).copied())
}
