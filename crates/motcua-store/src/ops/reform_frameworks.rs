//! PAR frameworks (bộ tiêu chí) per province, versioned and immutable, and
//! the results published in earlier years.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::par::{PublishedResult, PublishedTable, ValidFramework};

use super::reform_audit::{Change, record};
use crate::db::{Conn, Row};
use crate::reform::{FrameworkMeta, StoredFramework};
use crate::{Store, StoreError, params};

fn level_name(fw: &ValidFramework) -> String {
    serde_json::to_value(fw.framework().level).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn meta_from_row(r: &Row) -> Result<FrameworkMeta, StoreError> {
    Ok(FrameworkMeta {
        id: r.i64(0)?,
        code: r.string(1)?,
        version: u32::try_from(r.i64(2)?).map_err(|_| StoreError::internal("negative framework version"))?,
        name: r.string(3)?,
        level: r.string(4)?,
        created_at: r.time(5)?,
    })
}

pub(crate) fn framework_by_id(c: &mut dyn Conn, province_id: i64, id: i64) -> Result<StoredFramework, StoreError> {
    let row = c
        .query_opt(
            "SELECT id, province_id, created_at, body FROM reform_frameworks WHERE id = $1 AND province_id = $2",
            params![id, province_id],
        )?
        .ok_or_else(|| StoreError::not_found("reform_framework_not_found"))?;
    // Stored documents were validated on write; a failure here is a row
    // changed by hand, reported as such.
    let framework = ValidFramework::from_json(row.str(3)?)
        .map_err(|e| StoreError::internal(format!("stored framework {id} no longer validates: {e}")))?;
    Ok(StoredFramework { id: row.i64(0)?, province_id: row.i64(1)?, created_at: row.time(2)?, framework })
}

impl Store {
    /// Stores a new framework version for a province. The document was
    /// validated by the rules (the type says so); its (code, version) must
    /// be new in the province: `reform_framework_version_taken` (field
    /// `version`) otherwise, since a campaign may already use the old one.
    pub async fn create_framework(
        &self,
        province_id: i64,
        framework: ValidFramework,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<FrameworkMeta, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let fw = framework.framework();
                let level = level_name(&framework);
                let id = c
                    .query_one(
                        "INSERT INTO reform_frameworks (province_id, code, version, name, level, body, created_by, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                        params![province_id, &fw.code, fw.version, &fw.name, &level, framework.to_json(), by, now],
                    )
                    .map_err(|e| {
                        StoreError::from(e)
                            .on_unique("reform_framework_version_taken", "version")
                            .arg("code", &fw.code)
                            .arg("version", fw.version)
                    })?
                    .i64(0)?;
                let meta = FrameworkMeta {
                    id,
                    code: fw.code.clone(),
                    version: fw.version,
                    name: fw.name.clone(),
                    level,
                    created_at: now,
                };
                let change = Change {
                    province_id,
                    campaign_id: None,
                    actor_id: by,
                    at: now,
                    action: "framework.create",
                    entity: format!("framework:{id}"),
                };
                record(c, change, None::<&()>, Some(&meta))?;
                Ok(meta)
            })
        })
        .await
    }

    /// The framework versions of a province, by code then newest version first.
    pub async fn frameworks(&self, province_id: i64) -> Result<Vec<FrameworkMeta>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, code, version, name, level, created_at FROM reform_frameworks \
                     WHERE province_id = $1 ORDER BY code, version DESC",
                    params![province_id],
                )?
                .iter()
                .map(meta_from_row)
                .collect()
            })
        })
        .await
    }

    /// One framework version of a province; `reform_framework_not_found`
    /// for an id of another province, which is not revealed.
    pub async fn framework(&self, province_id: i64, id: i64) -> Result<StoredFramework, StoreError> {
        self.blocking(move |s| s.read(|c| framework_by_id(c, province_id, id))).await
    }

    /// Stores the rows of a published table (read by
    /// `par::parse_published_csv`), replacing earlier rows of the same year
    /// and unit, all or nothing; returns how many rows were written.
    pub async fn import_published(
        &self,
        province_id: i64,
        table: PublishedTable,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        if table.rows.is_empty() {
            return Err(RuleError::invalid("reform_csv_empty", "csv").into());
        }
        self.blocking(move |s| {
            s.write(|c| {
                for row in &table.rows {
                    upsert_published(c, province_id, row, "csv")?;
                }
                let years: std::collections::BTreeSet<i32> = table.rows.iter().map(|r| r.year).collect();
                let summary = serde_json::json!({"rows": table.rows.len(), "years": years, "ignored_columns": table.ignored_columns});
                let change = Change {
                    province_id,
                    campaign_id: None,
                    actor_id: by,
                    at: now,
                    action: "published.import",
                    entity: format!("province:{province_id}"),
                };
                record(c, change, None::<&()>, Some(&summary))?;
                Ok(table.rows.len())
            })
        })
        .await
    }

    /// The results published for a province's year, by rank then unit code.
    pub async fn published(&self, province_id: i64, year: i32) -> Result<Vec<PublishedResult>, StoreError> {
        self.blocking(move |s| s.read(|c| published_rows(c, province_id, year))).await
    }
}

pub(crate) fn upsert_published(
    c: &mut dyn Conn,
    province_id: i64,
    row: &PublishedResult,
    source: &str,
) -> Result<(), StoreError> {
    let body = serde_json::to_string(row).map_err(|e| StoreError::internal(format!("cannot encode a result: {e}")))?;
    c.execute(
        "INSERT INTO reform_published (province_id, year, unit_code, body, source) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (province_id, year, unit_code) DO UPDATE SET body = EXCLUDED.body, source = EXCLUDED.source",
        params![province_id, row.year, &row.unit_code, body, source],
    )?;
    Ok(())
}

pub(crate) fn published_rows(
    c: &mut dyn Conn,
    province_id: i64,
    year: i32,
) -> Result<Vec<PublishedResult>, StoreError> {
    let mut rows: Vec<PublishedResult> = c
        .query(
            "SELECT body FROM reform_published WHERE province_id = $1 AND year = $2 ORDER BY unit_code",
            params![province_id, year],
        )?
        .iter()
        .map(|r| r.json(0).map_err(StoreError::from))
        .collect::<Result<_, _>>()?;
    rows.sort_by_key(|r| (r.rank.unwrap_or(u32::MAX), r.unit_code.clone()));
    Ok(rows)
}
