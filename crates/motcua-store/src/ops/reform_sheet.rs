//! A unit's whole sheet saved at once, and the drafts kept while someone
//! types into it.
//!
//! The sheet page is one form: a unit's officers type every self-score
//! and note, the reform office every appraisal and office figure, and one
//! save writes them all. Every row is checked before anything is written,
//! and every refusal comes back with its row, so a long sheet is never
//! half-saved and nobody has to fix its errors one save at a time. Rows
//! that did not change are not written again: no new audit line, and no
//! reason asked for an appraisal nobody touched.
//!
//! A draft is the text of the form's fields as typed (also what does not
//! parse yet), kept per user until the sheet is saved. It changes no score
//! and writes no audit line: autosaving every few seconds must not bury the
//! log of what was actually decided.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::par::{Input, Points, ScoreBasis, ValidFramework, score_entry};

use super::reform_campaigns::{campaign_by_id, require_status};
use super::reform_entries::{
    bare_field, check_note, check_office_input, entry_of, not_submitted, office_fills, write_entry,
};
use super::reform_frameworks::framework_by_id;
use crate::db::Conn;
use crate::reform::{CampaignStatus, StoredEntry};
use crate::{Store, StoreError, params};

/// The largest draft kept: the fields of a sheet of a few hundred items.
pub const MAX_DRAFT_BYTES: usize = 128 * 1024;

/// One row of a sheet as the form sent it, parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetEdit {
    /// A unit's own score of a self-assessed item, with its note (empty
    /// clears it).
    SelfScore { code: String, self_score: Points, note: String },
    /// The office's appraisal of a self-assessed item; the reason is
    /// needed only when the score differs from the unit's.
    Appraisal { code: String, appraised: Points, reason: String },
    /// The office's figure for an item it fills (survey, SIPAS, computed,
    /// bonus, penalty), with its note.
    Office { code: String, input: Input, note: String },
}

impl SheetEdit {
    pub fn code(&self) -> &str {
        match self {
            SheetEdit::SelfScore { code, .. } | SheetEdit::Appraisal { code, .. } | SheetEdit::Office { code, .. } => {
                code
            }
        }
    }
}

/// A row the sheet refused: the item and why, the field named bare
/// (`self_score`, `appraised`, `reason`, `points`, `note` …).
#[derive(Debug, Clone)]
pub struct RowError {
    pub code: String,
    pub error: RuleError,
}

/// A draft of a sheet: the fields as typed and when they were kept.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetDraft {
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub saved_at: NaiveDateTime,
}

fn trimmed(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// What one row will write, once checked.
struct Planned {
    code: String,
    input: Input,
    note: Option<String>,
    appraisal: bool,
    action: &'static str,
}

/// A row's refusal, or a failure of the database that ends the save.
enum Refusal {
    Row(RuleError),
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Refusal {
        match e {
            StoreError::Rule(r) => Refusal::Row(r),
            other => Refusal::Store(other),
        }
    }
}

impl From<RuleError> for Refusal {
    fn from(e: RuleError) -> Refusal {
        Refusal::Row(e)
    }
}

/// Checks one row against its item and what is stored; `Ok(None)` when
/// the row holds what is already there.
fn plan(
    c: &mut dyn Conn,
    fw: &ValidFramework,
    campaign_id: i64,
    unit_id: i64,
    edit: &SheetEdit,
) -> Result<Option<Planned>, Refusal> {
    let code = edit.code();
    let leaf = fw.leaf(code).ok_or_else(|| RuleError::invalid("par_entry_unknown", "code").arg("code", code))?;
    let before = entry_of(c, campaign_id, unit_id, code).map_err(Refusal::Store)?;
    let note_of = |note: &str| -> Result<Option<String>, Refusal> {
        check_note(Some(note))?;
        Ok(trimmed(note))
    };
    let same_note = |b: &StoredEntry, n: &Option<String>| b.note == *n;
    match edit {
        SheetEdit::SelfScore { self_score, note, .. } => {
            if office_fills(&leaf.method) {
                return Err(RuleError::invalid("reform_entry_office_only", "code").arg("code", code).into());
            }
            let input = Input::Assessed { self_score: *self_score, appraised: None, reason: None };
            score_entry(leaf, &input, ScoreBasis::SelfAssessment, "").map_err(|e| e.at("self_score"))?;
            let note = note_of(note)?;
            if let Some(b) = &before
                && matches!(b.input, Input::Assessed { self_score: s, .. } if s == *self_score)
                && same_note(b, &note)
            {
                return Ok(None);
            }
            let note = Some(note.unwrap_or_default());
            Ok(Some(Planned { code: code.to_owned(), input, note, appraisal: false, action: "entry.self_score" }))
        }
        SheetEdit::Appraisal { appraised, reason, .. } => {
            let Some(Input::Assessed { self_score, appraised: was, reason: was_reason }) = before.map(|b| b.input)
            else {
                return Err(RuleError::invalid("reform_not_self_scored", "code").arg("code", code).into());
            };
            let reason = trimmed(reason);
            if was == Some(*appraised) && was_reason == reason {
                return Ok(None);
            }
            let input = Input::Assessed { self_score, appraised: Some(*appraised), reason };
            score_entry(leaf, &input, ScoreBasis::Appraisal, "").map_err(bare_field)?;
            Ok(Some(Planned { code: code.to_owned(), input, note: None, appraisal: true, action: "entry.appraise" }))
        }
        SheetEdit::Office { input, note, .. } => {
            check_office_input(leaf, code, input)?;
            let note = note_of(note)?;
            if let Some(b) = &before
                && b.input == *input
                && same_note(b, &note)
            {
                return Ok(None);
            }
            let note = Some(note.unwrap_or_default());
            let input = input.clone();
            Ok(Some(Planned { code: code.to_owned(), input, note, appraisal: false, action: "entry.office" }))
        }
    }
}

fn delete_draft(c: &mut dyn Conn, campaign_id: i64, unit_id: i64, user_id: i64) -> Result<(), StoreError> {
    c.execute(
        "DELETE FROM reform_sheet_drafts WHERE campaign_id = $1 AND unit_id = $2 AND user_id = $3",
        params![campaign_id, unit_id, user_id],
    )?;
    Ok(())
}

impl Store {
    /// Saves every row of a unit's sheet in one transaction, each written
    /// as the single-row methods write it (`self_score`, `appraise`,
    /// `office_entry`) with its audit line. Every row is checked first:
    /// when any is refused, nothing is written and every refusal comes back
    /// (`Ok(Err(rows))`). When the campaign is not in the state a kind of
    /// row needs (self-scores: `open` and not submitted; appraisals:
    /// `appraising`; office figures: either), the whole sheet is refused.
    /// Rows that hold what is stored are skipped. On success the saver's
    /// draft of the sheet is deleted, and the number of rows written comes
    /// back.
    pub async fn save_sheet(
        &self,
        campaign_id: i64,
        unit_id: i64,
        edits: Vec<SheetEdit>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Result<usize, Vec<RowError>>, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let campaign = campaign_by_id(c, campaign_id)?;
                if campaign.unit(unit_id).is_none() {
                    return Err(StoreError::not_found("reform_unit_not_in_campaign"));
                }
                if edits.iter().any(|e| matches!(e, SheetEdit::SelfScore { .. })) {
                    require_status(&campaign, &[CampaignStatus::Open])?;
                    not_submitted(&campaign, unit_id)?;
                }
                if edits.iter().any(|e| matches!(e, SheetEdit::Appraisal { .. })) {
                    require_status(&campaign, &[CampaignStatus::Appraising])?;
                }
                if edits.iter().any(|e| matches!(e, SheetEdit::Office { .. })) {
                    require_status(&campaign, &[CampaignStatus::Open, CampaignStatus::Appraising])?;
                }
                if edits.is_empty() {
                    return Ok(Ok(0));
                }
                let fw = framework_by_id(c, campaign.province_id, campaign.framework_id)?.framework;
                let mut planned = Vec::new();
                let mut refused = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for edit in &edits {
                    if !seen.insert((std::mem::discriminant(edit), edit.code().to_owned())) {
                        let e = RuleError::invalid("par_entry_duplicate", "code").arg("code", edit.code());
                        refused.push(RowError { code: edit.code().to_owned(), error: e });
                        continue;
                    }
                    match plan(c, &fw, campaign_id, unit_id, edit) {
                        Ok(Some(p)) => planned.push(p),
                        Ok(None) => {}
                        Err(Refusal::Store(e)) => return Err(e),
                        Err(Refusal::Row(error)) => refused.push(RowError { code: edit.code().to_owned(), error }),
                    }
                }
                if !refused.is_empty() {
                    return Ok(Err(refused));
                }
                for p in &planned {
                    write_entry(
                        c,
                        &campaign,
                        unit_id,
                        &p.code,
                        &p.input,
                        p.note.as_deref(),
                        by,
                        now,
                        p.appraisal,
                        p.action,
                    )?;
                }
                if let Some(user) = by {
                    delete_draft(c, campaign_id, unit_id, user)?;
                }
                Ok(Ok(planned.len()))
            })
        })
        .await
    }

    /// Keeps what `user_id` has typed into a sheet, replacing their
    /// earlier draft, while the sheet can still change (`open` or
    /// `appraising`). At most [`MAX_DRAFT_BYTES`] (`reform_draft_too_large`).
    pub async fn save_sheet_draft(
        &self,
        campaign_id: i64,
        unit_id: i64,
        user_id: i64,
        fields: serde_json::Map<String, serde_json::Value>,
        now: NaiveDateTime,
    ) -> Result<NaiveDateTime, StoreError> {
        let body = serde_json::Value::Object(fields).to_string();
        if body.len() > MAX_DRAFT_BYTES {
            return Err(RuleError::invalid("reform_draft_too_large", "draft").arg("max", MAX_DRAFT_BYTES).into());
        }
        self.blocking(move |s| {
            s.write(|c| {
                let campaign = campaign_by_id(c, campaign_id)?;
                if campaign.unit(unit_id).is_none() {
                    return Err(StoreError::not_found("reform_unit_not_in_campaign"));
                }
                require_status(&campaign, &[CampaignStatus::Open, CampaignStatus::Appraising])?;
                c.execute(
                    "INSERT INTO reform_sheet_drafts (campaign_id, unit_id, user_id, body, saved_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id, unit_id, user_id) \
                     DO UPDATE SET body = EXCLUDED.body, saved_at = EXCLUDED.saved_at",
                    params![campaign_id, unit_id, user_id, body, now],
                )?;
                Ok(now)
            })
        })
        .await
    }

    /// `user_id`'s draft of a sheet, if any.
    pub async fn sheet_draft(
        &self,
        campaign_id: i64,
        unit_id: i64,
        user_id: i64,
    ) -> Result<Option<SheetDraft>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let Some(row) = c.query_opt(
                    "SELECT body, saved_at FROM reform_sheet_drafts \
                     WHERE campaign_id = $1 AND unit_id = $2 AND user_id = $3",
                    params![campaign_id, unit_id, user_id],
                )?
                else {
                    return Ok(None);
                };
                let fields = match serde_json::from_str(row.str(0)?) {
                    Ok(serde_json::Value::Object(m)) => m,
                    _ => return Err(StoreError::internal("a sheet draft is not a JSON object")),
                };
                Ok(Some(SheetDraft { fields, saved_at: row.time(1)? }))
            })
        })
        .await
    }

    /// Throws `user_id`'s draft of a sheet away.
    pub async fn discard_sheet_draft(&self, campaign_id: i64, unit_id: i64, user_id: i64) -> Result<(), StoreError> {
        self.blocking(move |s| s.write(|c| delete_draft(c, campaign_id, unit_id, user_id))).await
    }
}
