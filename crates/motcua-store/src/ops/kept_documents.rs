//! A person's kept documents (kho giấy tờ đã số hóa): the components the
//! counter digitised and the electronic results issued to them, by identity
//! number (CCCD), and their reuse in later dossiers.
//!
//! The rules are `motcua_rules::dossier::digitised`. Digitising puts the
//! agency-signed copy in the file store first, then one transaction records
//! it as the dossier's file (kind `digitised`) and as a kept document; a
//! scan is digitised once (a unique key on the source file). Results are
//! kept by `ops/results.rs` in the transaction that issues them and
//! withdrawn when revoked or replaced. A reuse is a new file row of the new
//! dossier naming the kept file's bytes, written in the transaction that
//! creates the dossier; it adds to 766 indicator 4.3 when the dossier is
//! received.
//!
//! Who may see which kept documents: a citizen account those of its own
//! dossiers ([`Store::kept_documents_of_owner`]); staff those of the
//! identity number on the dossier in front of them
//! ([`Store::kept_documents_of_holder`], a view of personal data the server
//! records).

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use motcua_rules::dossier::digitised::{self, KeptKind};
use motcua_rules::{RuleError, stats};

use super::attachments::{PutFile, check_files, insert_files};
use super::dossiers::{DossierRef, NewDossier, dossier_not_found, load};
use super::eforms::{DossierEform, insert_eform};
use super::stats::add_counts;
use crate::db::{Conn, DbError, Row};
use crate::model::{AttachmentKind, AttachmentMeta, Dossier, NewAttachment};
use crate::{Store, StoreError, params};

/// A kept document, as listed to its holder or to staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptDocument {
    pub id: i64,
    pub kind: KeptKind,
    /// The component's name, or the result's title.
    pub name: String,
    pub dossier_id: i64,
    pub dossier_code: Option<String>,
    /// The signed file, an attachment of that dossier.
    pub attachment_id: i64,
    pub file_name: String,
    pub size: i64,
    pub sha256: String,
    /// The unit whose agency signed it.
    pub unit_name: String,
    pub created_at: NaiveDateTime,
    /// Digitised: the dossier's file it was copied from.
    pub source_attachment_id: Option<i64>,
}

const SELECT: &str = "SELECT k.id, k.kind, k.name, k.dossier_id, d.code, k.attachment_id, a.name, a.size, a.sha256, \
    u.name, k.created_at, k.source_attachment_id FROM kept_documents k JOIN dossiers d ON d.id = k.dossier_id \
    JOIN attachments a ON a.id = k.attachment_id JOIN units u ON u.id = k.unit_id";

fn from_row(r: &Row) -> Result<KeptDocument, StoreError> {
    let kind = r.str(1)?;
    Ok(KeptDocument {
        id: r.i64(0)?,
        kind: KeptKind::parse(kind).ok_or_else(|| StoreError::internal(format!("unknown kept kind {kind}")))?,
        name: r.string(2)?,
        dossier_id: r.i64(3)?,
        dossier_code: r.opt_string(4)?,
        attachment_id: r.i64(5)?,
        file_name: r.string(6)?,
        size: r.i64(7)?,
        sha256: r.string(8)?,
        unit_name: r.string(9)?,
        created_at: r.time(10)?,
        source_attachment_id: r.opt_i64(11)?,
    })
}

/// A file of a new dossier that reuses a kept document for a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reuse {
    pub component: String,
    pub kept_document_id: i64,
}

/// A digitisation to record: the dossier's file `source_id`, its copy
/// signed by the agency of unit `unit_id`, by the user `by`.
#[derive(Debug, Clone)]
pub struct Digitise {
    pub dossier_id: i64,
    pub source_id: i64,
    pub copy: NewAttachment,
    pub unit_id: i64,
    pub by: i64,
}

/// Whose kept documents a reuse may take: the citizen account's own, or
/// (at the counter) those of the applicant's identity number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReuseFrom<'a> {
    Owner(i64),
    Holder(&'a str),
}

/// The applicant's identity number, trimmed; `None` when not given.
fn holder_of(d: &Dossier) -> Option<&str> {
    d.applicant.id_number.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn not_found() -> StoreError {
    StoreError::Rule(RuleError::invalid("kept_document_not_found", "reuse"))
}

/// Keeps an issued result for the applicant (when the dossier names their
/// identity number), in the transaction that issues it.
pub(crate) fn keep_result(
    c: &mut dyn Conn,
    d: &Dossier,
    result_id: i64,
    file: &AttachmentMeta,
    title: &str,
    unit_id: i64,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let Some(holder) = holder_of(d) else { return Ok(()) };
    c.execute(
        "INSERT INTO kept_documents (holder_id, owner_user_id, kind, name, dossier_id, attachment_id, result_id, \
         unit_id, created_by, created_at) VALUES ($1, $2, 'result', $3, $4, $5, $6, $7, $8, $9)",
        params![holder, d.state.owner_user_id, title, d.id, file.id, result_id, unit_id, file.uploaded_by, now],
    )?;
    Ok(())
}

/// A revoked or replaced result is offered for reuse no more (the dossiers
/// that reused it keep their file).
pub(crate) fn withdraw_result(c: &mut dyn Conn, result_id: i64, now: NaiveDateTime) -> Result<(), StoreError> {
    c.execute(
        "UPDATE kept_documents SET withdrawn_at = $1 WHERE result_id = $2 AND withdrawn_at IS NULL",
        params![now, result_id],
    )?;
    Ok(())
}

/// Whether every component the dossier received has a file now (4.2).
pub(crate) fn components_digitised(c: &mut dyn Conn, d: &Dossier) -> Result<bool, StoreError> {
    let rows = c.query(
        "SELECT DISTINCT component FROM attachments WHERE dossier_id = $1 AND component IS NOT NULL \
         AND kind IN ('submission', 'supplement', 'digitised')",
        params![d.id],
    )?;
    let names: Vec<String> = rows.iter().map(|r| r.string(0)).collect::<Result<_, _>>()?;
    let with_files: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    let received: Vec<&str> = d.components.iter().map(|c| c.name.as_str()).collect();
    Ok(digitised::components_digitised(&received, &with_files))
}

/// Whether a dossier has a file reusing a kept document (4.3).
pub(crate) fn reuses_kept(c: &mut dyn Conn, dossier_id: i64) -> Result<bool, StoreError> {
    Ok(c.query_opt(
        "SELECT 1 FROM attachments WHERE dossier_id = $1 AND kept_document_id IS NOT NULL LIMIT 1",
        params![dossier_id],
    )?
    .is_some())
}

/// Writes the reused files of a new dossier: each names a kept document
/// the `from` may take, not withdrawn, for a component of the procedure.
fn write_reuses(
    c: &mut dyn Conn,
    d: &Dossier,
    procedure_components: &[&str],
    reuses: &[Reuse],
    from: ReuseFrom<'_>,
    now: NaiveDateTime,
    by: Option<i64>,
) -> Result<(), StoreError> {
    digitised::check_reuse(procedure_components, reuses.iter().map(|r| r.component.as_str()))?;
    let mut files = Vec::with_capacity(reuses.len());
    for r in reuses {
        let (owner, holder) = match from {
            ReuseFrom::Owner(id) => (Some(id), None),
            ReuseFrom::Holder(h) => (None, Some(h)),
        };
        let row = c
            .query_opt(
                "SELECT a.name, a.content_type, a.size, a.sha256 FROM kept_documents k \
                 JOIN attachments a ON a.id = k.attachment_id WHERE k.id = $1 AND k.withdrawn_at IS NULL \
                 AND (k.owner_user_id = $2 OR k.holder_id = $3)",
                params![r.kept_document_id, owner, holder],
            )?
            .ok_or_else(not_found)?;
        files.push(PutFile {
            kind: AttachmentKind::Submission,
            component: Some(r.component.clone()),
            name: row.string(0)?,
            content_type: row.string(1)?,
            size: row.i64(2)?,
            sha256: row.string(3)?,
            reuses: Some(r.kept_document_id),
        });
    }
    insert_files(c, d.id, files, by, now)?;
    Ok(())
}

impl Store {
    /// Creates a dossier with its uploaded files and the kept documents it
    /// reuses, and the e-form filled in if any, in one transaction (see
    /// [`Store::create_dossier_with_files`]).
    /// A dossier created received (at the counter) counts its reuse now;
    /// one submitted online when the counter receives it. Fails with
    /// `kept_document_not_found`, `reuse_component_unknown` or
    /// `reuse_component_twice` (field `reuse`), nothing written.
    pub async fn create_dossier_reusing(
        &self,
        new: NewDossier,
        files: Vec<NewAttachment>,
        eform: Option<DossierEform>,
        reuses: Vec<Reuse>,
        from_owner: bool,
    ) -> Result<(Dossier, bool), StoreError> {
        let components: Vec<String> = new.version.data.components.iter().map(|c| c.name.clone()).collect();
        let (now, by) = (new.now, new.event.actor_user_id);
        self.create_dossier_then(new, files, move |c, id| {
            if let Some(filled) = &eform {
                insert_eform(c, id, filled, now)?;
            }
            if reuses.is_empty() {
                return Ok(());
            }
            let d = load(c, &DossierRef::Id(id))?.ok_or_else(dossier_not_found)?;
            let from = match (from_owner, d.state.owner_user_id, holder_of(&d)) {
                (true, Some(owner), _) => ReuseFrom::Owner(owner),
                (false, _, Some(holder)) => ReuseFrom::Holder(holder),
                _ => return Err(not_found()),
            };
            let names: Vec<&str> = components.iter().map(String::as_str).collect();
            write_reuses(c, &d, &names, &reuses, from, now, by)?;
            let view = stats::StatsView::of(&d.state);
            let counts = stats::reuse_deltas(&stats::StatsView::default(), &view, now);
            add_counts(c, &d.state.receiving_unit, &d.handling_unit, d.procedure_id, d.province_id, &counts)
        })
        .await
    }

    /// Keeps the agency-signed copy of a dossier's file as the dossier's
    /// digitised file and as a kept document of the applicant. `check` runs the rules on
    /// the dossier as it is in the transaction. Fails with
    /// `file_not_found` or `already_digitised` (field `file`), nothing
    /// written.
    pub async fn digitise<F>(
        &self,
        d: Digitise,
        now: NaiveDateTime,
        check: F,
    ) -> Result<(AttachmentMeta, i64), StoreError>
    where
        F: FnOnce(&Dossier) -> Result<(), RuleError> + Send + 'static,
    {
        let Digitise { dossier_id, source_id, copy, unit_id, by } = d;
        check_files(std::slice::from_ref(&copy))?;
        let file = self.put_files(vec![copy]).await?;
        let written = self
            .blocking(move |s| {
                s.write(|c| {
                    let d = load(c, &DossierRef::Id(dossier_id))?.ok_or_else(dossier_not_found)?;
                    check(&d)?;
                    let holder = holder_of(&d).ok_or_else(|| {
                        StoreError::Rule(RuleError::invalid("holder_id_missing", "applicant.id_number"))
                    })?;
                    let source = c
                        .query_opt(
                            "SELECT component, name FROM attachments WHERE id = $1 AND dossier_id = $2 \
                             AND kind IN ('submission', 'supplement')",
                            params![source_id, dossier_id],
                        )?
                        .ok_or_else(|| StoreError::Rule(RuleError::not_found("file_not_found").at("file")))?;
                    let name = source.opt_string(0)?.unwrap_or(source.string(1)?);
                    if c.query_opt("SELECT id FROM kept_documents WHERE source_attachment_id = $1", params![source_id])?
                        .is_some()
                    {
                        return Err(already_digitised());
                    }
                    let mut file = file;
                    for f in &mut file {
                        f.kind = AttachmentKind::Digitised;
                        f.component = source.opt_string(0)?;
                    }
                    let meta = insert_files(c, d.id, file, Some(by), now)?
                        .pop()
                        .ok_or_else(|| StoreError::internal("no attachment written"))?;
                    let kept = c
                        .query_one(
                            "INSERT INTO kept_documents (holder_id, owner_user_id, kind, name, dossier_id, \
                             attachment_id, source_attachment_id, unit_id, created_by, created_at) \
                             VALUES ($1, $2, 'digitised', $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                            params![holder, d.state.owner_user_id, name, d.id, meta.id, source_id, unit_id, by, now],
                        )?
                        .i64(0)?;
                    Ok((meta, kept))
                })
            })
            .await;
        match written {
            // Two officers at once: the unique key on the source file.
            Err(StoreError::Db(DbError::Unique(_))) => Err(already_digitised()),
            other => other,
        }
    }

    /// The kept documents a citizen account may reuse: those of its own
    /// dossiers, newest first, withdrawn ones left out.
    pub async fn kept_documents_of_owner(&self, user_id: i64) -> Result<Vec<KeptDocument>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "{SELECT} WHERE k.owner_user_id = $1 AND k.withdrawn_at IS NULL ORDER BY k.id DESC LIMIT 200"
                );
                c.query(&sql, params![user_id])?.iter().map(from_row).collect()
            })
        })
        .await
    }

    /// The kept documents of an identity number, newest first, withdrawn
    /// ones left out. Personal data: the caller records the view.
    pub async fn kept_documents_of_holder(&self, holder_id: String) -> Result<Vec<KeptDocument>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql =
                    format!("{SELECT} WHERE k.holder_id = $1 AND k.withdrawn_at IS NULL ORDER BY k.id DESC LIMIT 200");
                c.query(&sql, params![holder_id.trim()])?.iter().map(from_row).collect()
            })
        })
        .await
    }

    /// The kept documents made from a dossier's files or results, oldest
    /// first (the office page marks which files were digitised).
    pub async fn kept_documents_of_dossier(&self, dossier_id: i64) -> Result<Vec<KeptDocument>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!("{SELECT} WHERE k.dossier_id = $1 ORDER BY k.id");
                c.query(&sql, params![dossier_id])?.iter().map(from_row).collect()
            })
        })
        .await
    }
}

fn already_digitised() -> StoreError {
    StoreError::Rule(RuleError::conflict("already_digitised").at("file"))
}
