//! Staff search of dossiers: the keys of each dossier's applicant, written
//! with the dossier, and the look-up within a unit subtree
//! (docs/search.md#staff-search).
//!
//! A key is stored once per unit the dossier is seen through (its receiving
//! unit and each unit of its route), by the unit's path, so that "this key,
//! within this subtree" is one range of the `dossier_search` primary key on
//! both databases: the cost of a search depends on how many dossiers of the
//! caller's own units match, not on the size of the province.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use motcua_rules::dossier_search::{SearchKey, SearchQuery, keys_of};

use super::inbox::{ITEM_COLUMNS, InboxItem, item_from_row, path_upper_bound};
use crate::db::{Conn, QueryBuilder, Value};
use crate::model::Applicant;
use crate::{Store, StoreError, params};

/// At most this many matching dossiers are read for one search; beyond it
/// the answer says the search should be narrowed (a given name alone in a
/// province, say) rather than reading tens of thousands of rows.
pub const MAX_MATCHES: usize = 2_000;

/// Rows read per match at most: a dossier is seen through its receiving
/// unit and the units of its route, rarely more than three in one subtree.
const ROWS_PER_MATCH: usize = 3;

/// Rows per `INSERT` when keys are written in bulk.
const ROWS_PER_INSERT: usize = 200;

/// A search within the caller's subtree.
#[derive(Debug, Clone)]
pub struct DossierSearch {
    /// The caller's unit path: only dossiers received by, or routed
    /// through, a unit of this subtree are found.
    pub scope_path: String,
    pub query: SearchQuery,
    pub procedure_code: Option<String>,
    /// Received at or after / before (the day after the last day asked for).
    pub received_from: Option<NaiveDateTime>,
    pub received_before: Option<NaiveDateTime>,
    pub limit: u32,
}

/// The newest matches first.
#[derive(Debug, Clone)]
pub struct SearchHits {
    pub items: Vec<InboxItem>,
    /// More than [`MAX_MATCHES`] dossiers matched the words: the items are
    /// some of them, not necessarily the newest.
    pub truncated: bool,
}

/// The paths a dossier is seen through, each once.
fn paths<'a>(receiving: &'a str, route: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
    let mut set: BTreeSet<&str> = route.into_iter().collect();
    set.insert(receiving);
    set
}

/// Writes the search rows of one dossier (in the transaction that creates
/// it): every key of its applicant under every path it is seen through.
pub(crate) fn index_dossier<'a>(
    c: &mut dyn Conn,
    dossier_id: i64,
    applicant: &Applicant,
    receiving_path: &'a str,
    route: impl IntoIterator<Item = &'a str>,
) -> Result<(), StoreError> {
    let keys = keys_of(&applicant.name, applicant.phone.as_deref(), applicant.id_number.as_deref());
    let paths = paths(receiving_path, route);
    let rows: Vec<(String, &str)> = keys.iter().flat_map(|k| paths.iter().map(move |p| (k.stored(), *p))).collect();
    insert_rows(c, dossier_id, &rows)
}

fn insert_rows(c: &mut dyn Conn, dossier_id: i64, rows: &[(String, &str)]) -> Result<(), StoreError> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut b = QueryBuilder::new("INSERT INTO dossier_search (key, unit_path, dossier_id) VALUES ", Vec::new());
        for (i, (key, path)) in chunk.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            b.push(&format!("{sep}($?, $?, $?)"), [key.as_str().into(), (*path).into(), dossier_id.into()]);
        }
        // The same key twice for one dossier and path (a name equal to its
        // own last words cannot happen, but data imported by hand might).
        b.push(" ON CONFLICT DO NOTHING", []);
        c.execute(&b.sql, &b.args)?;
    }
    Ok(())
}

/// Writes the search rows of every dossier that has none: dossiers created
/// before search existed (run by `migrate`, in its transaction; folding a
/// name needs Rust, so SQL alone cannot). Returns how many were indexed.
pub(crate) fn index_missing(c: &mut dyn Conn) -> Result<usize, StoreError> {
    let mut done = 0;
    let mut after = 0i64;
    loop {
        let rows = c.query(
            "SELECT d.id, d.applicant, u.path, d.route FROM dossiers d JOIN units u ON u.id = d.receiving_unit_id \
             WHERE d.id > $1 AND NOT EXISTS (SELECT 1 FROM dossier_search s WHERE s.dossier_id = d.id) \
             ORDER BY d.id LIMIT 1000",
            params![after],
        )?;
        if rows.is_empty() {
            return Ok(done);
        }
        for r in &rows {
            let id = r.i64(0)?;
            let applicant: Applicant =
                serde_json::from_str(r.str(1)?).map_err(|e| StoreError::internal(format!("applicant of {id}: {e}")))?;
            let route: Vec<motcua_rules::scope::UnitRef> =
                serde_json::from_str(r.str(3)?).map_err(|e| StoreError::internal(format!("route of {id}: {e}")))?;
            index_dossier(c, id, &applicant, r.str(2)?, route.iter().map(|u| u.path.as_str()))?;
            after = id;
            done += 1;
        }
    }
}

impl Store {
    /// The dossiers within `q.scope_path` that match `q`, newest first.
    pub async fn search_dossiers(&self, q: DossierSearch) -> Result<SearchHits, StoreError> {
        self.blocking(move |s| s.read(|c| search(c, &q))).await
    }
}

fn search(c: &mut dyn Conn, q: &DossierSearch) -> Result<SearchHits, StoreError> {
    let lo = q.scope_path.clone();
    let hi = path_upper_bound(&q.scope_path);
    let (ids, truncated) = match &q.query {
        SearchQuery::Code(code) => {
            // The code is unique: read the dossier by its index, then check
            // the scope on the paths it is seen through, as for a key.
            let row = c.query_opt(
                "SELECT d.id, ru.path, d.route FROM dossiers d JOIN units ru ON ru.id = d.receiving_unit_id \
                 WHERE d.code = $1",
                params![code.as_str()],
            )?;
            let mut ids = Vec::new();
            if let Some(r) = row {
                let route: Vec<motcua_rules::scope::UnitRef> =
                    serde_json::from_str(r.str(2)?).map_err(|e| StoreError::internal(format!("route: {e}")))?;
                let inside = |p: &str| p >= lo.as_str() && p < hi.as_str();
                if inside(r.str(1)?) || route.iter().any(|u| inside(&u.path)) {
                    ids.push(r.i64(0)?);
                }
            }
            (ids, false)
        }
        SearchQuery::Keys(keys) => matching_ids(c, keys, &lo, &hi)?,
    };
    if ids.is_empty() {
        return Ok(SearchHits { items: Vec::new(), truncated });
    }
    let mut b = QueryBuilder::new(
        format!(
            "SELECT {ITEM_COLUMNS} FROM dossiers d JOIN procedures p ON p.id = d.procedure_id \
             LEFT JOIN users au ON au.id = d.assigned_user_id WHERE d.id IN ("
        ),
        Vec::new(),
    );
    let list = vec!["$?"; ids.len()].join(", ");
    b.push(&list, ids.iter().map(|&id| Value::from(id)));
    b.push(")", []);
    if let Some(code) = &q.procedure_code {
        b.push(" AND p.code = $?", [code.as_str().into()]);
    }
    if let Some(from) = q.received_from {
        b.push(" AND d.received_at >= $?", [from.into()]);
    }
    if let Some(before) = q.received_before {
        b.push(" AND d.received_at < $?", [before.into()]);
    }
    b.push(" ORDER BY d.id DESC LIMIT $?", [i64::from(q.limit.clamp(1, 200)).into()]);
    let items = c.query(&b.sql, &b.args)?.iter().map(item_from_row).collect::<Result<_, _>>()?;
    Ok(SearchHits { items, truncated })
}

/// The dossiers with any of `keys` under a path in `[lo, hi)`, at most
/// [`MAX_MATCHES`]; `true` when there were more. Rows are read without
/// `DISTINCT` (which would make the database collect every match before
/// the limit) and a dossier seen through several units of the subtree is
/// counted once here.
fn matching_ids(c: &mut dyn Conn, keys: &[SearchKey], lo: &str, hi: &str) -> Result<(Vec<i64>, bool), StoreError> {
    let row_limit = ROWS_PER_MATCH * MAX_MATCHES;
    let mut b = QueryBuilder::new("SELECT dossier_id FROM dossier_search WHERE key IN (", Vec::new());
    let list = vec!["$?"; keys.len()].join(", ");
    b.push(&list, keys.iter().map(|k| Value::from(k.stored())));
    b.push(") AND unit_path >= $? AND unit_path < $?", [lo.into(), hi.into()]);
    b.push(" LIMIT $?", [(row_limit as i64).into()]);
    let rows = c.query(&b.sql, &b.args)?;
    let mut ids: Vec<i64> = rows.iter().map(|r| r.i64(0)).collect::<Result<_, _>>()?;
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    let truncated = rows.len() == row_limit || ids.len() > MAX_MATCHES;
    ids.truncate(MAX_MATCHES);
    Ok((ids, truncated))
}
