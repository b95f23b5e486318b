//! Files of a dossier: what the citizen handed in, supplements, results.
//!
//! The bytes live in the file store (`ops/files.rs`), put before the
//! transaction that records their metadata and hash in `attachments`, so
//! a committed row always names a durable file. Rows written before
//! migration 0023 may still hold their bytes in `attachments.data` until
//! `motcua files move`. The store computes each file's size and SHA-256;
//! the caller sanitises names and enforces size and type limits. Listings
//! return metadata only and never read the contents.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;

use super::dossiers::{DossierRef, act_in, dossier_not_found};
use crate::db::{Conn, Row};
use crate::model::{AttachmentKind, AttachmentMeta, Dossier, EventInput, NewAttachment, ProcedureVersion};
use crate::{Store, StoreError, params};
use motcua_rules::dossier::DossierState;

/// The metadata columns: everything but the contents.
const META: &str =
    "id, dossier_id, kind, component, name, content_type, size, sha256, uploaded_by, uploaded_at, kept_document_id";

fn meta_from_row(r: &Row) -> Result<AttachmentMeta, StoreError> {
    let kind = r.str(2)?;
    Ok(AttachmentMeta {
        id: r.i64(0)?,
        dossier_id: r.i64(1)?,
        kind: AttachmentKind::parse(kind)
            .ok_or_else(|| StoreError::internal(format!("unknown attachment kind {kind}")))?,
        component: r.opt_string(3)?,
        name: r.string(4)?,
        content_type: r.string(5)?,
        size: r.i64(6)?,
        sha256: r.string(7)?,
        uploaded_by: r.opt_i64(8)?,
        uploaded_at: r.time(9)?,
        reuses: r.opt_i64(10)?,
    })
}

/// Refuses an empty file, before anything is written.
pub(crate) fn check_files(files: &[NewAttachment]) -> Result<(), StoreError> {
    match files.iter().find(|f| f.data.is_empty()) {
        Some(f) => Err(StoreError::Rule(RuleError::invalid("empty_file", "files").arg("name", &f.name))),
        None => Ok(()),
    }
}

/// A dossier file whose bytes are durable in the file store: what the
/// transaction records ([`Store::put_files`] makes them).
pub(crate) struct PutFile {
    pub(crate) kind: AttachmentKind,
    pub(crate) component: Option<String>,
    pub(crate) name: String,
    pub(crate) content_type: String,
    pub(crate) size: i64,
    pub(crate) sha256: String,
    /// The kept document the file reuses: its bytes are in the file store
    /// already ([`PutFile::reusing`]).
    pub(crate) reuses: Option<i64>,
}

impl Store {
    /// Puts the files' bytes in the file store, before the transaction
    /// that records them. The bytes are dropped here: only the metadata
    /// travels on.
    pub(crate) async fn put_files(&self, files: Vec<NewAttachment>) -> Result<Vec<PutFile>, StoreError> {
        let mut out = Vec::with_capacity(files.len());
        for f in files {
            let (sha256, size) = self.put_bytes(&f.data).await?;
            out.push(PutFile {
                kind: f.kind,
                component: f.component,
                name: f.name,
                content_type: f.content_type,
                size,
                sha256,
                reuses: None,
            });
        }
        Ok(out)
    }
}

/// Records `files`, already put, for a dossier known to exist; returns
/// their metadata in the order given.
pub(crate) fn insert_files(
    c: &mut dyn Conn,
    dossier_id: i64,
    files: Vec<PutFile>,
    by: Option<i64>,
    now: NaiveDateTime,
) -> Result<Vec<AttachmentMeta>, StoreError> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let PutFile { size, sha256, .. } = f;
        let id = c
            .query_one(
                "INSERT INTO attachments (dossier_id, kind, component, name, content_type, size, sha256, \
                 uploaded_by, uploaded_at, kept_document_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 RETURNING id",
                &[
                    dossier_id.into(),
                    f.kind.as_str().into(),
                    f.component.as_deref().into(),
                    f.name.as_str().into(),
                    f.content_type.as_str().into(),
                    size.into(),
                    sha256.as_str().into(),
                    by.into(),
                    now.into(),
                    f.reuses.into(),
                ],
            )?
            .i64(0)?;
        out.push(AttachmentMeta {
            id,
            dossier_id,
            kind: f.kind,
            component: f.component,
            name: f.name,
            content_type: f.content_type,
            size,
            sha256,
            uploaded_by: by,
            uploaded_at: now,
            reuses: f.reuses,
        });
    }
    Ok(out)
}

impl Store {
    /// Attaches files to an existing dossier (a supplement, a result ...),
    /// all in one transaction; returns their metadata in the order given.
    /// Whether this dossier may take files now is the caller's rule to
    /// check. Fails with `dossier_not_found`, or `empty_file` (field
    /// `files`) with nothing written.
    pub async fn add_attachments(
        &self,
        dossier_id: i64,
        files: Vec<NewAttachment>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Vec<AttachmentMeta>, StoreError> {
        check_files(&files)?;
        let files = self.put_files(files).await?;
        self.blocking(move |s| {
            s.write(|c| {
                if c.query_opt("SELECT id FROM dossiers WHERE id = $1", params![dossier_id])?.is_none() {
                    return Err(dossier_not_found());
                }
                insert_files(c, dossier_id, files, by, now)
            })
        })
        .await
    }

    /// An action that brings files (the citizen's online supplement): the
    /// action exactly as [`Store::act`] applies it, and the files, uploaded
    /// by the event's actor at `now`, in the same transaction. Nothing is
    /// written when the rules, the version check or a file refuse; no file
    /// at all is `no_file` on `files`.
    pub async fn act_with_files<F>(
        &self,
        r: DossierRef,
        expected_version: i64,
        event: EventInput,
        now: NaiveDateTime,
        files: Vec<NewAttachment>,
        decide: F,
    ) -> Result<(Dossier, Vec<AttachmentMeta>), StoreError>
    where
        F: FnOnce(&Dossier, &ProcedureVersion) -> Result<DossierState, RuleError> + Send + 'static,
    {
        if files.is_empty() {
            return Err(StoreError::Rule(RuleError::invalid("no_file", "files")));
        }
        check_files(&files)?;
        let files = self.put_files(files).await?;
        self.blocking(move |s| {
            s.write(|c| {
                let d = act_in(c, s, &r, expected_version, &event, now, decide)?;
                let metas = insert_files(c, d.id, files, event.actor_user_id, now)?;
                Ok((d, metas))
            })
        })
        .await
    }

    /// The metadata of a dossier's files, oldest first; never the contents.
    pub async fn attachments(&self, dossier_id: i64) -> Result<Vec<AttachmentMeta>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!("SELECT {META} FROM attachments WHERE dossier_id = $1 ORDER BY id");
                c.query(&sql, params![dossier_id])?.iter().map(meta_from_row).collect()
            })
        })
        .await
    }

    /// One file of a dossier with its contents; `None` when there is no
    /// such file or it belongs to another dossier.
    pub async fn attachment(&self, dossier_id: i64, id: i64) -> Result<Option<(AttachmentMeta, Vec<u8>)>, StoreError> {
        let found = self
            .blocking(move |s| {
                s.read(|c| {
                    let sql = format!("SELECT {META}, data FROM attachments WHERE id = $1 AND dossier_id = $2");
                    let Some(mut row) = c.query_opt(&sql, params![id, dossier_id])? else {
                        return Ok(None);
                    };
                    Ok(Some((meta_from_row(&row)?, row.take_opt_bytes(11)?)))
                })
            })
            .await?;
        let Some((meta, in_row)) = found else { return Ok(None) };
        let data = self.file_bytes(&meta.sha256, in_row).await?;
        Ok(Some((meta, data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in AttachmentKind::ALL {
            assert_eq!(AttachmentKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(AttachmentKind::parse("other"), None);
    }

    #[test]
    fn an_empty_file_is_refused_on_the_files_field() {
        let file = |data: &[u8]| NewAttachment {
            kind: AttachmentKind::Submission,
            component: None,
            name: "don.pdf".into(),
            content_type: "application/pdf".into(),
            data: data.to_vec(),
        };
        assert!(check_files(&[file(b"x")]).is_ok());
        let err = check_files(&[file(b"x"), file(b"")]).unwrap_err();
        let rule = err.rule().unwrap();
        assert_eq!((rule.code, rule.field.as_deref()), ("empty_file", Some("files")));
    }
}
