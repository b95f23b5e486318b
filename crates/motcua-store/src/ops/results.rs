//! Electronic results (kết quả điện tử): a dossier's result PDF through
//! its states, and each unit's results register.
//!
//! The rules (`motcua_rules::dossier::result`) say who may do what; each
//! method here takes them as a closure and runs it inside the transaction,
//! on the dossier and results as they are then, so two officers acting at
//! once cannot both succeed on a stale view. Every version of the file is a
//! new attachment (kind `result`): a signed PDF is never rewritten, and the
//! history keeps the prepared, the signed and the issued file.
//!
//! The register number is given by an upsert on `result_numbers` in the
//! transaction that issues the result, so numbers of a unit and year are
//! consecutive and never given twice, on SQLite and PostgreSQL alike.

use chrono::{Datelike, NaiveDateTime};
use motcua_rules::dossier::DossierState;
use motcua_rules::dossier::result::ResultState;
use motcua_rules::{RuleError, stats};

use super::attachments::{PutFile, check_files, insert_files};
use super::dossiers::{DossierRef, act_in, dossier_not_found, load};
use super::kept_documents;
use super::stats::add_counts;
use crate::db::{Conn, Row};
use crate::model::{AttachmentMeta, Dossier, EventInput, NewAttachment, ProcedureVersion};
use crate::{Store, StoreError, params};

/// One result of a dossier, in any state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierResult {
    pub id: i64,
    pub dossier_id: i64,
    pub title: String,
    pub state: ResultState,
    /// The current file: the prepared, then the signed, then the issued PDF.
    pub attachment_id: i64,
    pub prepared_by: Option<i64>,
    pub prepared_at: NaiveDateTime,
    pub signed_by: Option<i64>,
    pub signed_at: Option<NaiveDateTime>,
    /// The person's certificate subject, as verified when the signed file was kept.
    pub signer_name: Option<String>,
    pub issued_unit_id: Option<i64>,
    pub register_year: Option<i64>,
    pub register_no: Option<i64>,
    pub issued_at: Option<NaiveDateTime>,
    pub ended_by: Option<i64>,
    pub ended_at: Option<NaiveDateTime>,
    pub end_reason: Option<String>,
    pub replaces_id: Option<i64>,
    pub replace_reason: Option<String>,
    /// The key of the public verification link.
    pub public_token: String,
}

impl DossierResult {
    /// "12/2026": the number in the issuing unit's register, once issued.
    pub fn register_number(&self) -> Option<String> {
        Some(format!("{}/{}", self.register_no?, self.register_year?))
    }
}

/// A dossier's draft (prepared or signed) and its issued result, as the
/// rules need them.
#[derive(Debug, Clone, Default)]
pub struct ResultsNow {
    pub draft: Option<DossierResult>,
    pub issued: Option<DossierResult>,
}

impl ResultsNow {
    /// The state the rules reason on: the draft if there is one, else the
    /// issued result.
    pub fn live_state(&self) -> Option<ResultState> {
        self.draft.as_ref().or(self.issued.as_ref()).map(|r| r.state)
    }
}

/// A new result PDF.
#[derive(Debug, Clone)]
pub struct NewResult {
    pub title: String,
    pub file: NewAttachment,
    /// Random, from the caller: the public verification link's key.
    pub public_token: String,
    /// For a replacement: why the issued result was wrong.
    pub replace_reason: Option<String>,
}

/// The agency-signed file that issues a signed draft: which draft and
/// which of its files were signed, so a draft changed in between is
/// refused (`result_changed`) instead of issuing the wrong file.
#[derive(Debug, Clone)]
pub struct Issue {
    pub result_id: i64,
    pub signed_attachment_id: i64,
    pub unit_id: i64,
    pub file: NewAttachment,
}

const COLUMNS: &str = "id, dossier_id, title, state, attachment_id, prepared_by, prepared_at, signed_by, signed_at, \
    signer_name, issued_unit_id, register_year, register_no, issued_at, ended_by, ended_at, end_reason, \
    replaces_id, replace_reason, public_token";

fn from_row(r: &Row) -> Result<DossierResult, StoreError> {
    let state = r.str(3)?;
    Ok(DossierResult {
        id: r.i64(0)?,
        dossier_id: r.i64(1)?,
        title: r.string(2)?,
        state: ResultState::parse(state)
            .ok_or_else(|| StoreError::internal(format!("unknown result state {state}")))?,
        attachment_id: r.i64(4)?,
        prepared_by: r.opt_i64(5)?,
        prepared_at: r.time(6)?,
        signed_by: r.opt_i64(7)?,
        signed_at: r.opt_time(8)?,
        signer_name: r.opt_string(9)?,
        issued_unit_id: r.opt_i64(10)?,
        register_year: r.opt_i64(11)?,
        register_no: r.opt_i64(12)?,
        issued_at: r.opt_time(13)?,
        ended_by: r.opt_i64(14)?,
        ended_at: r.opt_time(15)?,
        end_reason: r.opt_string(16)?,
        replaces_id: r.opt_i64(17)?,
        replace_reason: r.opt_string(18)?,
        public_token: r.string(19)?,
    })
}

fn changed() -> StoreError {
    StoreError::Rule(RuleError::conflict("result_changed"))
}

fn now_of(c: &mut dyn Conn, dossier_id: i64) -> Result<ResultsNow, StoreError> {
    let sql =
        format!("SELECT {COLUMNS} FROM results WHERE dossier_id = $1 AND state IN ('prepared', 'signed', 'issued')");
    let mut now = ResultsNow::default();
    for row in c.query(&sql, params![dossier_id])?.iter() {
        let r = from_row(row)?;
        if r.state == ResultState::Issued { now.issued = Some(r) } else { now.draft = Some(r) }
    }
    Ok(now)
}

/// Records one file already put in the file store.
fn one_file(
    c: &mut dyn Conn,
    dossier_id: i64,
    file: Vec<PutFile>,
    by: Option<i64>,
    now: NaiveDateTime,
) -> Result<AttachmentMeta, StoreError> {
    let mut metas = insert_files(c, dossier_id, file, by, now)?;
    metas.pop().ok_or_else(|| StoreError::internal("no attachment written"))
}

fn get(c: &mut dyn Conn, id: i64) -> Result<DossierResult, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM results WHERE id = $1");
    let row = c.query_opt(&sql, params![id])?.ok_or_else(|| StoreError::internal("result vanished"))?;
    from_row(&row)
}

/// An [`Issue`] whose file is durable in the file store.
struct PutIssue {
    result_id: i64,
    signed_attachment_id: i64,
    unit_id: i64,
    file: Vec<PutFile>,
}

impl Store {
    /// Puts the issued file's bytes, before the transaction that records it.
    async fn put_issue(&self, i: Issue) -> Result<PutIssue, StoreError> {
        check_files(std::slice::from_ref(&i.file))?;
        let file = self.put_files(vec![i.file]).await?;
        Ok(PutIssue { result_id: i.result_id, signed_attachment_id: i.signed_attachment_id, unit_id: i.unit_id, file })
    }
}

/// Issues the signed draft `issue` names: the agency-signed file, the next
/// register number of the unit, and the previous issued result (if this
/// replaces it) marked replaced.
fn issue_in(
    c: &mut dyn Conn,
    s: &Store,
    d: &Dossier,
    issue: PutIssue,
    by: Option<i64>,
    now: NaiveDateTime,
) -> Result<DossierResult, StoreError> {
    let results = now_of(c, d.id)?;
    let draft = results.draft.filter(|r| r.id == issue.result_id && r.attachment_id == issue.signed_attachment_id);
    let Some(draft) = draft.filter(|r| r.state == ResultState::Signed) else {
        return Err(changed());
    };
    let year = i64::from(now.year());
    let number = super::numbering::next(
        c,
        "result_numbers",
        "last_no",
        &[("unit_id", issue.unit_id.into()), ("year", year.into())],
    )?;
    if let Some(old) = &results.issued {
        c.execute(
            "UPDATE results SET state = 'replaced', ended_by = $1, ended_at = $2, end_reason = $3 WHERE id = $4",
            params![by, now, draft.replace_reason.as_deref(), old.id],
        )?;
    }
    // 766 indicator 4.1 counts the dossier once, when its first result is
    // issued (a replacement is the same dossier's result).
    let issued_before =
        c.query_opt("SELECT id FROM results WHERE dossier_id = $1 AND issued_at IS NOT NULL", params![d.id])?.is_some();
    // 4.2 and 4.6 too, at the same moment.
    if !issued_before {
        let digitised = kept_documents::components_digitised(c, d)?;
        let certified_copy = s.version_in(c, d.procedure_version_id)?.data.certified_copy;
        let (unit, handling) = (&d.state.receiving_unit, &d.handling_unit);
        let counts = stats::result_deltas(now, digitised, certified_copy);
        add_counts(c, unit, handling, d.procedure_id, d.province_id, &counts)?;
    }
    let file = one_file(c, d.id, issue.file, by, now)?;
    // The result is kept for the applicant, and the one it replaces is
    // offered for reuse no more.
    if let Some(old) = &results.issued {
        kept_documents::withdraw_result(c, old.id, now)?;
    }
    kept_documents::keep_result(c, d, draft.id, &file, &draft.title, issue.unit_id, now)?;
    c.execute(
        "UPDATE results SET state = 'issued', attachment_id = $1, issued_unit_id = $2, register_year = $3, \
         register_no = $4, issued_at = $5, replaces_id = $6 WHERE id = $7",
        params![file.id, issue.unit_id, year, number, now, results.issued.as_ref().map(|r| r.id), draft.id],
    )?;
    get(c, draft.id)
}

impl Store {
    /// Every result of a dossier, oldest first (the history).
    pub async fn results(&self, dossier_id: i64) -> Result<Vec<DossierResult>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!("SELECT {COLUMNS} FROM results WHERE dossier_id = $1 ORDER BY id");
                c.query(&sql, params![dossier_id])?.iter().map(from_row).collect()
            })
        })
        .await
    }

    /// The dossier's current draft and issued result.
    pub async fn results_now(&self, dossier_id: i64) -> Result<ResultsNow, StoreError> {
        self.blocking(move |s| s.read(|c| now_of(c, dossier_id))).await
    }

    /// The result a public verification link names, any state.
    pub async fn result_by_token(&self, token: String) -> Result<Option<DossierResult>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!("SELECT {COLUMNS} FROM results WHERE public_token = $1");
                c.query_opt(&sql, params![token])?.as_ref().map(from_row).transpose()
            })
        })
        .await
    }

    /// Attaches a new result PDF as the dossier's draft; a draft already
    /// there (prepared or signed, not issued) ends as replaced. `check`
    /// runs the rules on the dossier and its results as they are now.
    pub async fn prepare_result<F>(
        &self,
        dossier_id: i64,
        new: NewResult,
        by: i64,
        now: NaiveDateTime,
        check: F,
    ) -> Result<DossierResult, StoreError>
    where
        F: FnOnce(&Dossier, &ResultsNow) -> Result<(), RuleError> + Send + 'static,
    {
        check_files(std::slice::from_ref(&new.file))?;
        let NewResult { title, file, public_token, replace_reason } = new;
        let file = self.put_files(vec![file]).await?;
        self.blocking(move |s| {
            s.write(|c| {
                let d = load(c, &DossierRef::Id(dossier_id))?.ok_or_else(dossier_not_found)?;
                let results = now_of(c, d.id)?;
                check(&d, &results)?;
                if let Some(old) = &results.draft {
                    c.execute(
                        "UPDATE results SET state = 'replaced', ended_by = $1, ended_at = $2 WHERE id = $3",
                        params![by, now, old.id],
                    )?;
                }
                let file = one_file(c, d.id, file, Some(by), now)?;
                let id = c
                    .query_one(
                        "INSERT INTO results (dossier_id, title, state, attachment_id, prepared_by, prepared_at, \
                         public_token, replaces_id, replace_reason) \
                         VALUES ($1, $2, 'prepared', $3, $4, $5, $6, $7, $8) RETURNING id",
                        params![
                            d.id,
                            title.as_str(),
                            file.id,
                            by,
                            now,
                            public_token.as_str(),
                            results.issued.as_ref().map(|r| r.id),
                            replace_reason.as_deref()
                        ],
                    )?
                    .i64(0)?;
                get(c, id)
            })
        })
        .await
    }

    /// Keeps the person's signed file of the prepared draft `result_id`,
    /// whose file `prepared_attachment_id` was the one served to sign.
    #[allow(clippy::too_many_arguments)]
    pub async fn sign_result<F>(
        &self,
        result_id: i64,
        prepared_attachment_id: i64,
        file: NewAttachment,
        signer_name: String,
        by: i64,
        now: NaiveDateTime,
        check: F,
    ) -> Result<DossierResult, StoreError>
    where
        F: FnOnce(&Dossier, &ResultsNow) -> Result<(), RuleError> + Send + 'static,
    {
        check_files(std::slice::from_ref(&file))?;
        let file = self.put_files(vec![file]).await?;
        self.blocking(move |s| {
            s.write(|c| {
                let draft = get(c, result_id)?;
                let d = load(c, &DossierRef::Id(draft.dossier_id))?.ok_or_else(dossier_not_found)?;
                let results = now_of(c, d.id)?;
                check(&d, &results)?;
                let current = results.draft.filter(|r| r.id == result_id && r.attachment_id == prepared_attachment_id);
                if current.is_none_or(|r| r.state != ResultState::Prepared) {
                    return Err(changed());
                }
                let meta = one_file(c, d.id, file, Some(by), now)?;
                c.execute(
                    "UPDATE results SET state = 'signed', attachment_id = $1, signed_by = $2, signed_at = $3, \
                     signer_name = $4 WHERE id = $5",
                    params![meta.id, by, now, signer_name.as_str(), result_id],
                )?;
                get(c, result_id)
            })
        })
        .await
    }

    /// "Finish" and, when the dossier has a signed draft, its issue, in one
    /// transaction: the action as [`Store::act`] applies it, then the
    /// agency-signed file and the register number. A draft that is not the
    /// one `issue` names (or a signed draft when `issue` is `None`) refuses
    /// everything with `result_changed`.
    pub async fn act_issuing<F>(
        &self,
        r: DossierRef,
        expected_version: i64,
        event: EventInput,
        now: NaiveDateTime,
        issue: Option<Issue>,
        decide: F,
    ) -> Result<(Dossier, Option<DossierResult>), StoreError>
    where
        F: FnOnce(&Dossier, &ProcedureVersion) -> Result<DossierState, RuleError> + Send + 'static,
    {
        let issue = match issue {
            Some(i) => Some(self.put_issue(i).await?),
            None => None,
        };
        self.blocking(move |s| {
            s.write(|c| {
                let by = event.actor_user_id;
                let d = act_in(c, s, &r, expected_version, &event, now, decide)?;
                let issued = match issue {
                    Some(issue) => Some(issue_in(c, s, &d, issue, by, now)?),
                    None if now_of(c, d.id)?.draft.is_some_and(|r| r.state == ResultState::Signed) => {
                        return Err(changed());
                    }
                    None => None,
                };
                Ok((d, issued))
            })
        })
        .await
    }

    /// Issues a signed replacement on a dossier already handled.
    pub async fn issue_replacement<F>(
        &self,
        issue: Issue,
        by: i64,
        now: NaiveDateTime,
        check: F,
    ) -> Result<DossierResult, StoreError>
    where
        F: FnOnce(&Dossier, &ResultsNow) -> Result<(), RuleError> + Send + 'static,
    {
        let issue = self.put_issue(issue).await?;
        self.blocking(move |s| {
            s.write(|c| {
                let draft = get(c, issue.result_id)?;
                let d = load(c, &DossierRef::Id(draft.dossier_id))?.ok_or_else(dossier_not_found)?;
                check(&d, &now_of(c, d.id)?)?;
                issue_in(c, s, &d, issue, Some(by), now)
            })
        })
        .await
    }

    /// Revokes an issued result with a reason.
    pub async fn revoke_result<F>(
        &self,
        result_id: i64,
        by: i64,
        now: NaiveDateTime,
        reason: String,
        check: F,
    ) -> Result<DossierResult, StoreError>
    where
        F: FnOnce(&Dossier, &DossierResult) -> Result<(), RuleError> + Send + 'static,
    {
        self.blocking(move |s| {
            s.write(|c| {
                let result = get(c, result_id)?;
                let d = load(c, &DossierRef::Id(result.dossier_id))?.ok_or_else(dossier_not_found)?;
                check(&d, &result)?;
                let n = c.execute(
                    "UPDATE results SET state = 'revoked', ended_by = $1, ended_at = $2, end_reason = $3 \
                     WHERE id = $4 AND state = 'issued'",
                    params![by, now, reason.as_str(), result_id],
                )?;
                if n == 0 {
                    return Err(changed());
                }
                kept_documents::withdraw_result(c, result_id, now)?;
                get(c, result_id)
            })
        })
        .await
    }
}
