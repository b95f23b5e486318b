//! File bytes in the file store, their hashes in the rows (docs/storage.md).
//!
//! Every table that records a file (`FILE_TABLES`) has its `size`,
//! `sha256` and a `data` column that held the bytes before migration 0023.
//! Writers put the bytes first ([`Store::put_bytes`], durable when it
//! returns) and then commit the row naming the hash, so a failed
//! transaction leaves at most an unreferenced file, which the sweep
//! removes after its grace period. Readers take the bytes from the row
//! while it still holds them, else from the file store, checked.
//!
//! `motcua files move` ([`Store::move_files_out`]) copies old rows' bytes
//! out, `motcua files check` ([`Store::check_files`]) finds rows without
//! their file and files without a row, `motcua files sweep`
//! ([`Store::sweep_files`]) removes the latter once old enough.

use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use motcua_files::{FilesError, SweepReport, hash_of};

use crate::{Store, StoreError, params};

/// The tables whose rows name files, each with `id`, `sha256`, `data`.
pub const FILE_TABLES: [&str; 3] = ["attachments", "procedure_forms", "reform_evidence"];

/// Rows read per step of the move and the check: the move holds one file's
/// bytes at a time, so this bounds only the list of ids.
const BATCH: i64 = 500;

fn files_failed(e: FilesError) -> StoreError {
    StoreError::internal(e.to_string())
}

/// A row that names a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub table: &'static str,
    pub id: i64,
    pub sha256: String,
}

/// What `motcua files move` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MoveReport {
    /// Rows whose bytes are now only in the file store.
    pub moved: usize,
    /// Rows whose bytes do not hash to their `sha256`: left as they are.
    pub mismatched: Vec<FileRow>,
}

/// What `motcua files check` found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FilesCheck {
    /// Rows checked (their bytes in the file store or still in the row).
    pub rows: usize,
    /// Rows whose file is not in the file store (and not in the row).
    pub missing: Vec<FileRow>,
    /// Rows whose file's bytes do not hash to its name.
    pub corrupt: Vec<FileRow>,
    /// Stored files no row names (the sweep removes them after the grace).
    pub unreferenced: Vec<String>,
}

impl FilesCheck {
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.corrupt.is_empty()
    }
}

impl Store {
    /// Puts `data` in the file store; returns its SHA-256 and size once the
    /// bytes are durable. Call before the transaction that records them.
    pub(crate) async fn put_bytes(&self, data: &[u8]) -> Result<(String, i64), StoreError> {
        let size = i64::try_from(data.len()).map_err(|_| StoreError::internal("file too large"))?;
        let hash = self.files().put(data).await.map_err(files_failed)?;
        Ok((hash, size))
    }

    /// A file's bytes: `in_row` while the row still holds them (before
    /// `motcua files move`), else from the file store, checked against the
    /// hash. A missing or corrupt file is an internal error, never bytes
    /// that are not the ones recorded.
    pub(crate) async fn file_bytes(&self, sha256: &str, in_row: Option<Vec<u8>>) -> Result<Vec<u8>, StoreError> {
        if let Some(data) = in_row {
            return Ok(data);
        }
        self.files()
            .get(sha256)
            .await
            .map_err(files_failed)?
            .ok_or_else(|| StoreError::internal(format!("file {sha256} is missing from {}", self.files().location())))
    }

    /// The hashes every file row names, whether its bytes moved out or not.
    async fn referenced_hashes(&self) -> Result<HashSet<String>, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                let mut out = HashSet::new();
                for table in FILE_TABLES {
                    for r in c.query(&format!("SELECT DISTINCT sha256 FROM {table}"), &[])? {
                        out.insert(r.string(0)?);
                    }
                }
                Ok(out)
            })
        })
        .await
    }

    /// The next `BATCH` rows of `table` after id `after` whose bytes are
    /// (`in_row`) or are not still in the row.
    async fn file_rows(&self, table: &'static str, after: i64, in_row: bool) -> Result<Vec<FileRow>, StoreError> {
        let cond = if in_row { "IS NOT NULL" } else { "IS NULL" };
        let sql = format!("SELECT id, sha256 FROM {table} WHERE data {cond} AND id > $1 ORDER BY id LIMIT {BATCH}");
        self.blocking(move |s| {
            s.read(|c| {
                c.query(&sql, params![after])?
                    .iter()
                    .map(|r| Ok(FileRow { table, id: r.i64(0)?, sha256: r.string(1)? }))
                    .collect()
            })
        })
        .await
    }

    /// Copies the bytes still held in rows out to the file store, reads
    /// each back to check it, and only then clears the row's column, one
    /// transaction per batch. Safe to stop and run again: it resumes with
    /// the rows that still hold bytes.
    pub async fn move_files_out(&self) -> Result<MoveReport, StoreError> {
        let mut report = MoveReport::default();
        for table in FILE_TABLES {
            let mut after = 0;
            loop {
                let rows = self.file_rows(table, after, true).await?;
                let Some(last) = rows.last() else { break };
                after = last.id;
                let mut moved = Vec::new();
                for row in rows {
                    let sql = format!("SELECT data FROM {table} WHERE id = $1");
                    let id = row.id;
                    let data = self
                        .blocking(move |s| s.read(|c| Ok(c.query_opt(&sql, params![id])?)))
                        .await?
                        .map(|mut r| r.take_opt_bytes(0))
                        .transpose()?
                        .flatten();
                    // Cleared or removed since the list was read.
                    let Some(data) = data else { continue };
                    if hash_of(&data) != row.sha256 {
                        report.mismatched.push(row);
                        continue;
                    }
                    self.files().put(&data).await.map_err(files_failed)?;
                    if self.files().get(&row.sha256).await.map_err(files_failed)?.as_deref() != Some(&data[..]) {
                        return Err(StoreError::internal(format!("file {} did not read back", row.sha256)));
                    }
                    moved.push(row);
                }
                let sql = format!("UPDATE {table} SET data = NULL WHERE id = $1 AND sha256 = $2");
                report.moved += self
                    .blocking(move |s| {
                        s.write(|c| {
                            let mut n = 0;
                            for row in &moved {
                                n += c.execute(&sql, params![row.id, &row.sha256])? as usize;
                            }
                            Ok(n)
                        })
                    })
                    .await?;
            }
        }
        Ok(report)
    }

    /// Reads every file that rows expect in the file store and lists the
    /// rows whose file is missing or corrupt, and the stored files no row
    /// names. Changes nothing.
    pub async fn check_files(&self) -> Result<FilesCheck, StoreError> {
        let mut check = FilesCheck::default();
        // Hashes already read and found whole: the same bytes stored once.
        let mut sound = HashSet::new();
        for table in FILE_TABLES {
            let mut after = 0;
            loop {
                let rows = self.file_rows(table, after, false).await?;
                let Some(last) = rows.last() else { break };
                after = last.id;
                for row in rows {
                    check.rows += 1;
                    if sound.contains(&row.sha256) {
                        continue;
                    }
                    match self.files().get(&row.sha256).await {
                        Ok(Some(_)) => {
                            sound.insert(row.sha256);
                        }
                        Ok(None) => check.missing.push(row),
                        Err(FilesError::Corrupt(_) | FilesError::BadName(_)) => check.corrupt.push(row),
                        Err(e) => return Err(files_failed(e)),
                    }
                }
            }
            check.rows += self.count_rows_holding_bytes(table).await?;
        }
        let referenced = self.referenced_hashes().await?;
        check.unreferenced = self
            .files()
            .list()
            .await
            .map_err(files_failed)?
            .into_iter()
            .filter(|f| !referenced.contains(&f.hash))
            .map(|f| f.hash)
            .collect();
        check.unreferenced.sort();
        Ok(check)
    }

    async fn count_rows_holding_bytes(&self, table: &'static str) -> Result<usize, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE data IS NOT NULL");
        let n = self.blocking(move |s| s.read(|c| Ok(c.query_one(&sql, &[])?.i64(0)?))).await?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Removes the stored files that no row names and that are older than
    /// `grace` at `now`. The rows are read first: a row committed after
    /// that names a file younger than the grace, which stays.
    pub async fn sweep_files(&self, grace: Duration, now: SystemTime) -> Result<SweepReport, StoreError> {
        let referenced = self.referenced_hashes().await?;
        let cutoff = now.checked_sub(grace).unwrap_or(SystemTime::UNIX_EPOCH);
        self.files().sweep(&referenced, cutoff).await.map_err(files_failed)
    }
}
