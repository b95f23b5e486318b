//! A unit's sheet in a campaign: self-scores with notes, the reform
//! office's appraisal with reasons, survey and computed figures, evidence
//! files and the submission. Each action is one transaction with its audit
//! line. Bounds (0..=max, a reason when the appraisal changes the score)
//! are the rules' (`par::score_entry`); the store checks who may enter what
//! and when.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::par::{Input, Leaf, Method, Points, ScoreBasis, ValidFramework, score_entry};

use super::reform_audit::{Change, record};
use super::reform_campaigns::{campaign_by_id, require_status};
use super::reform_frameworks::framework_by_id;
use crate::db::{Conn, Row};
use crate::reform::{
    Campaign, CampaignStatus, EntryColumns, EvidenceMeta, NewEvidence, StoredEntry, entry_columns, entry_input,
};
use crate::{Store, StoreError, params};

/// The longest note a unit may attach to a self-score.
pub const MAX_NOTE_CHARS: usize = 2000;

const ENTRY_COLUMNS: &str = "code, kind, self_points, appraised, reason, percent, numerator, denominator, note, \
                             entered_by, entered_at, appraised_by, appraised_at";

fn entry_from_row(r: &Row) -> Result<StoredEntry, StoreError> {
    let cols = EntryColumns {
        kind: match r.str(1)? {
            "assessed" => "assessed",
            "survey" => "survey",
            "sipas" => "sipas",
            "computed" => "computed",
            "adjustment" => "adjustment",
            other => return Err(StoreError::internal(format!("unknown entry kind {other}"))),
        },
        self_points: r.opt_i64(2)?,
        appraised: r.opt_i64(3)?,
        reason: r.opt_string(4)?,
        percent: r.opt_i64(5)?,
        numerator: r.opt_i64(6)?,
        denominator: r.opt_i64(7)?,
    };
    let code = r.string(0)?;
    let input =
        entry_input(&cols).ok_or_else(|| StoreError::internal(format!("entry {code} does not fit its kind")))?;
    Ok(StoredEntry {
        code,
        input,
        note: r.opt_string(8)?,
        entered_by: r.opt_i64(9)?,
        entered_at: r.time(10)?,
        appraised_by: r.opt_i64(11)?,
        appraised_at: r.opt_time(12)?,
    })
}

pub(crate) fn entries_of(c: &mut dyn Conn, campaign_id: i64, unit_id: i64) -> Result<Vec<StoredEntry>, StoreError> {
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM reform_entries WHERE campaign_id = $1 AND unit_id = $2 ORDER BY code");
    c.query(&sql, params![campaign_id, unit_id])?.iter().map(entry_from_row).collect()
}

pub(super) fn entry_of(
    c: &mut dyn Conn,
    campaign_id: i64,
    unit_id: i64,
    code: &str,
) -> Result<Option<StoredEntry>, StoreError> {
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM reform_entries WHERE campaign_id = $1 AND unit_id = $2 AND code = $3");
    c.query_opt(&sql, params![campaign_id, unit_id, code])?.as_ref().map(entry_from_row).transpose()
}

/// The campaign, its framework and the leaf `code`, for an action on a
/// unit of the campaign.
fn load(
    c: &mut dyn Conn,
    campaign_id: i64,
    unit_id: i64,
    code: &str,
) -> Result<(Campaign, ValidFramework, Leaf), StoreError> {
    let campaign = campaign_by_id(c, campaign_id)?;
    if campaign.unit(unit_id).is_none() {
        return Err(StoreError::not_found("reform_unit_not_in_campaign"));
    }
    let fw = framework_by_id(c, campaign.province_id, campaign.framework_id)?.framework;
    let leaf = fw
        .leaf(code)
        .cloned()
        .ok_or_else(|| StoreError::Rule(RuleError::invalid("par_entry_unknown", "code").arg("code", code)))?;
    Ok((campaign, fw, leaf))
}

pub(super) fn not_submitted(campaign: &Campaign, unit_id: i64) -> Result<(), StoreError> {
    match campaign.unit(unit_id).and_then(|u| u.submitted_at) {
        Some(_) => Err(StoreError::conflict("reform_already_submitted", None)),
        None => Ok(()),
    }
}

pub(super) fn check_note(note: Option<&str>) -> Result<(), StoreError> {
    let Some(note) = note else { return Ok(()) };
    let n = note.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(RuleError::invalid("text_too_long", "note").arg("n", n).arg("max", MAX_NOTE_CHARS).into());
    }
    if note.chars().any(|ch| ch.is_control() && ch != '\n' && ch != '\r' && ch != '\t') {
        return Err(RuleError::invalid("invalid_text", "note").into());
    }
    Ok(())
}

/// Writes an entry (insert or replace) and its audit line.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_entry(
    c: &mut dyn Conn,
    campaign: &Campaign,
    unit_id: i64,
    code: &str,
    input: &Input,
    note: Option<&str>,
    by: Option<i64>,
    now: NaiveDateTime,
    appraisal: bool,
    action: &str,
) -> Result<StoredEntry, StoreError> {
    let before = entry_of(c, campaign.id, unit_id, code)?;
    let col = entry_columns(input);
    let (appraised_by, appraised_at) = if appraisal {
        (by, Some(now))
    } else {
        (before.as_ref().and_then(|b| b.appraised_by), before.as_ref().and_then(|b| b.appraised_at))
    };
    // An appraisal keeps who entered the score; an entry keeps the note
    // unless it brings one.
    let (entered_by, entered_at) = match (&before, appraisal) {
        (Some(b), true) => (b.entered_by, b.entered_at),
        _ => (by, now),
    };
    // An empty note (a sheet form whose note was cleared) removes it.
    let note =
        note.map(str::to_owned).or_else(|| before.as_ref().and_then(|b| b.note.clone())).filter(|n| !n.is_empty());
    c.execute(
        "INSERT INTO reform_entries (campaign_id, unit_id, code, kind, self_points, appraised, reason, percent, \
         numerator, denominator, note, entered_by, entered_at, appraised_by, appraised_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT (campaign_id, unit_id, code) DO UPDATE SET kind = EXCLUDED.kind, \
         self_points = EXCLUDED.self_points, appraised = EXCLUDED.appraised, reason = EXCLUDED.reason, \
         percent = EXCLUDED.percent, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, \
         note = EXCLUDED.note, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at, \
         appraised_by = EXCLUDED.appraised_by, appraised_at = EXCLUDED.appraised_at",
        params![
            campaign.id,
            unit_id,
            code,
            col.kind,
            col.self_points,
            col.appraised,
            col.reason.clone(),
            col.percent,
            col.numerator,
            col.denominator,
            note.clone(),
            entered_by,
            entered_at,
            appraised_by,
            appraised_at
        ],
    )?;
    let after = StoredEntry {
        code: code.to_owned(),
        input: input.clone(),
        note,
        entered_by,
        entered_at,
        appraised_by,
        appraised_at,
    };
    let change = Change {
        province_id: campaign.province_id,
        campaign_id: Some(campaign.id),
        actor_id: by,
        at: now,
        action,
        entity: format!("campaign:{}/unit:{unit_id}/entry:{code}", campaign.id),
    };
    record(c, change, before.as_ref().map(|b| &b.input), Some(&after.input))?;
    Ok(after)
}

/// Which leaves the reform office fills (survey, computed, bonus, penalty)
/// and which the unit scores itself (self-assessed).
pub(super) fn office_fills(method: &Method) -> bool {
    !matches!(method, Method::SelfAssessed)
}

impl Store {
    /// A unit's self-score of a self-assessed item, with an optional note.
    /// The campaign must be `open` and the unit not yet submitted. Refuses
    /// an item the reform office fills (`reform_entry_office_only`) and a
    /// score outside 0..=max (`par_points_above_max`,
    /// `par_points_negative`, field `self_score`).
    // The item (campaign, unit, code), what is entered, and who and when:
    // each distinct, none optional.
    #[allow(clippy::too_many_arguments)]
    pub async fn self_score(
        &self,
        campaign_id: i64,
        unit_id: i64,
        code: String,
        self_score: Points,
        note: Option<String>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<StoredEntry, StoreError> {
        check_note(note.as_deref())?;
        self.blocking(move |s| {
            s.write(|c| {
                let (campaign, _, leaf) = load(c, campaign_id, unit_id, &code)?;
                require_status(&campaign, &[CampaignStatus::Open])?;
                not_submitted(&campaign, unit_id)?;
                if office_fills(&leaf.method) {
                    return Err(RuleError::invalid("reform_entry_office_only", "code").arg("code", &code).into());
                }
                let input = Input::Assessed { self_score, appraised: None, reason: None };
                score_entry(&leaf, &input, ScoreBasis::SelfAssessment, "").map_err(|e| e.at("self_score"))?;
                write_entry(c, &campaign, unit_id, &code, &input, note.as_deref(), by, now, false, "entry.self_score")
            })
        })
        .await
    }

    /// The reform office's appraisal (thẩm định) of a self-assessed item:
    /// the campaign must be `appraising`, the unit must have scored the
    /// item (`reform_not_self_scored`), and a score that differs from the
    /// unit's needs a reason (`par_appraisal_reason_missing`, field
    /// `reason`); bounds as for self-scores (field `appraised`).
    // The item (campaign, unit, code), what is entered, and who and when:
    // each distinct, none optional.
    #[allow(clippy::too_many_arguments)]
    pub async fn appraise(
        &self,
        campaign_id: i64,
        unit_id: i64,
        code: String,
        appraised: Points,
        reason: Option<String>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<StoredEntry, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let (campaign, _, leaf) = load(c, campaign_id, unit_id, &code)?;
                require_status(&campaign, &[CampaignStatus::Appraising])?;
                let reason = reason.filter(|r| !r.trim().is_empty());
                let self_score = match entry_of(c, campaign_id, unit_id, &code)?.map(|e| e.input) {
                    Some(Input::Assessed { self_score, .. }) => self_score,
                    _ => {
                        return Err(RuleError::invalid("reform_not_self_scored", "code").arg("code", &code).into());
                    }
                };
                let input = Input::Assessed { self_score, appraised: Some(appraised), reason };
                score_entry(&leaf, &input, ScoreBasis::Appraisal, "").map_err(bare_field)?;
                write_entry(c, &campaign, unit_id, &code, &input, None, by, now, true, "entry.appraise")
            })
        })
        .await
    }

    /// What the reform office enters for an item it fills: survey points
    /// or a SIPAS percentage, the two counts of a computed ratio, a bonus
    /// or penalty. Allowed while the campaign is `open` or `appraising`;
    /// the input must fit the item (`par_entry_kind`) and its bounds.
    // The item (campaign, unit, code), what is entered, and who and when:
    // each distinct, none optional.
    #[allow(clippy::too_many_arguments)]
    pub async fn office_entry(
        &self,
        campaign_id: i64,
        unit_id: i64,
        code: String,
        input: Input,
        note: Option<String>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<StoredEntry, StoreError> {
        check_note(note.as_deref())?;
        self.blocking(move |s| {
            s.write(|c| {
                let (campaign, _, leaf) = load(c, campaign_id, unit_id, &code)?;
                require_status(&campaign, &[CampaignStatus::Open, CampaignStatus::Appraising])?;
                check_office_input(&leaf, &code, &input)?;
                write_entry(c, &campaign, unit_id, &code, &input, note.as_deref(), by, now, false, "entry.office")
            })
        })
        .await
    }

    /// Fills many office items at once (computed figures from live data,
    /// SIPAS percentages), all or nothing, one audit line per entry.
    /// Returns how many entries were written.
    pub async fn fill_entries(
        &self,
        campaign_id: i64,
        entries: Vec<(i64, String, Input)>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let campaign = campaign_by_id(c, campaign_id)?;
                require_status(&campaign, &[CampaignStatus::Open, CampaignStatus::Appraising])?;
                let fw = framework_by_id(c, campaign.province_id, campaign.framework_id)?.framework;
                for (unit_id, code, input) in &entries {
                    if campaign.unit(*unit_id).is_none() {
                        return Err(StoreError::not_found("reform_unit_not_in_campaign"));
                    }
                    let leaf = fw.leaf(code).ok_or_else(|| {
                        StoreError::Rule(RuleError::invalid("par_entry_unknown", "code").arg("code", code))
                    })?;
                    check_office_input(leaf, code, input)?;
                    write_entry(c, &campaign, *unit_id, code, input, None, by, now, false, "entry.fill")?;
                }
                Ok(entries.len())
            })
        })
        .await
    }

    /// A unit's submission of its self-assessment: the campaign must be
    /// `open`, and every self-assessed item scored
    /// (`reform_self_incomplete`, naming the first missing item). A
    /// submission after the deadline is accepted and shown as late: the
    /// sources give no rule that refuses it.
    pub async fn submit_self_assessment(
        &self,
        campaign_id: i64,
        unit_id: i64,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Campaign, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let campaign = campaign_by_id(c, campaign_id)?;
                if campaign.unit(unit_id).is_none() {
                    return Err(StoreError::not_found("reform_unit_not_in_campaign"));
                }
                require_status(&campaign, &[CampaignStatus::Open])?;
                not_submitted(&campaign, unit_id)?;
                let fw = framework_by_id(c, campaign.province_id, campaign.framework_id)?.framework;
                let have: std::collections::HashSet<String> =
                    entries_of(c, campaign_id, unit_id)?.into_iter().map(|e| e.code).collect();
                if let Some(missing) =
                    fw.leaves().iter().find(|l| matches!(l.method, Method::SelfAssessed) && !have.contains(&l.code))
                {
                    return Err(RuleError::invalid("reform_self_incomplete", "entries")
                        .arg("code", &missing.code)
                        .arg("name", &missing.name)
                        .into());
                }
                // The status check above and this guarded update make a
                // concurrent second submission fail instead of overwriting.
                let n = c.execute(
                    "UPDATE reform_campaign_units SET submitted_at = $1, submitted_by = $2 \
                     WHERE campaign_id = $3 AND unit_id = $4 AND submitted_at IS NULL",
                    params![now, by, campaign_id, unit_id],
                )?;
                if n != 1 {
                    return Err(StoreError::conflict("reform_already_submitted", None));
                }
                let change = Change {
                    province_id: campaign.province_id,
                    campaign_id: Some(campaign_id),
                    actor_id: by,
                    at: now,
                    action: "unit.submit",
                    entity: format!("campaign:{campaign_id}/unit:{unit_id}"),
                };
                let late = now > campaign.deadline;
                record(c, change, None::<&()>, Some(&serde_json::json!({"submitted": true, "late": late})))?;
                campaign_by_id(c, campaign_id)
            })
        })
        .await
    }

    /// A unit's entries in a campaign, by code.
    pub async fn entries(&self, campaign_id: i64, unit_id: i64) -> Result<Vec<StoredEntry>, StoreError> {
        self.blocking(move |s| s.read(|c| entries_of(c, campaign_id, unit_id))).await
    }

    /// Keeps an evidence file for an item of a unit's sheet, while the
    /// unit may still change it (`open`, not submitted). Type and size are
    /// the caller's checks, as for dossier files.
    pub async fn add_evidence(
        &self,
        campaign_id: i64,
        unit_id: i64,
        file: NewEvidence,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<EvidenceMeta, StoreError> {
        if file.data.is_empty() {
            return Err(RuleError::invalid("empty_file", "file").arg("name", &file.name).into());
        }
        // Durable before the row names it; a refusal below leaves an
        // unreferenced file for the sweep.
        let (sha256, size) = self.put_bytes(&file.data).await?;
        let NewEvidence { code, name, content_type, .. } = file;
        self.blocking(move |s| {
            s.write(|c| {
                let (campaign, _, _) = load(c, campaign_id, unit_id, &code)?;
                require_status(&campaign, &[CampaignStatus::Open])?;
                not_submitted(&campaign, unit_id)?;
                let id = c
                    .query_one(
                        "INSERT INTO reform_evidence (campaign_id, unit_id, code, name, content_type, size, sha256, \
                         uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                        params![campaign_id, unit_id, &code, &name, &content_type, size, &sha256, by, now],
                    )?
                    .i64(0)?;
                let meta = EvidenceMeta { id, code, name, content_type, size, sha256, uploaded_at: now };
                let change = Change {
                    province_id: campaign.province_id,
                    campaign_id: Some(campaign_id),
                    actor_id: by,
                    at: now,
                    action: "evidence.add",
                    entity: format!("campaign:{campaign_id}/unit:{unit_id}/entry:{}/evidence:{id}", meta.code),
                };
                let after =
                    serde_json::json!({"size": size, "sha256": &meta.sha256, "content_type": &meta.content_type});
                record(c, change, None::<&()>, Some(&after))?;
                Ok(meta)
            })
        })
        .await
    }

    /// The evidence files of a unit's sheet, metadata only.
    pub async fn evidence(&self, campaign_id: i64, unit_id: i64) -> Result<Vec<EvidenceMeta>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, code, name, content_type, size, sha256, uploaded_at FROM reform_evidence \
                     WHERE campaign_id = $1 AND unit_id = $2 ORDER BY code, id",
                    params![campaign_id, unit_id],
                )?
                .iter()
                .map(evidence_from_row)
                .collect()
            })
        })
        .await
    }

    /// One evidence file with its contents, if it belongs to that sheet.
    pub async fn evidence_file(
        &self,
        campaign_id: i64,
        unit_id: i64,
        id: i64,
    ) -> Result<Option<(EvidenceMeta, Vec<u8>)>, StoreError> {
        let found = self
            .blocking(move |s| {
                s.read(|c| {
                    let Some(mut row) = c.query_opt(
                        "SELECT id, code, name, content_type, size, sha256, uploaded_at, data FROM reform_evidence \
                         WHERE id = $1 AND campaign_id = $2 AND unit_id = $3",
                        params![id, campaign_id, unit_id],
                    )?
                    else {
                        return Ok(None);
                    };
                    Ok(Some((evidence_from_row(&row)?, row.take_opt_bytes(7)?)))
                })
            })
            .await?;
        let Some((meta, in_row)) = found else { return Ok(None) };
        let data = self.file_bytes(&meta.sha256, in_row).await?;
        Ok(Some((meta, data)))
    }
}

fn evidence_from_row(r: &Row) -> Result<EvidenceMeta, StoreError> {
    Ok(EvidenceMeta {
        id: r.i64(0)?,
        code: r.string(1)?,
        name: r.string(2)?,
        content_type: r.string(3)?,
        size: r.i64(4)?,
        sha256: r.string(5)?,
        uploaded_at: r.time(6)?,
    })
}

/// An office input must be for an office item and within its bounds.
pub(super) fn check_office_input(leaf: &Leaf, code: &str, input: &Input) -> Result<(), StoreError> {
    if !office_fills(&leaf.method) {
        return Err(RuleError::invalid("reform_entry_unit_only", "code").arg("code", code).into());
    }
    score_entry(leaf, input, ScoreBasis::Appraisal, "").map_err(bare_field)?;
    Ok(())
}

/// `score_entry` names fields under the path it is given (`.reason` for an
/// empty path); a single entry's fields are named bare (`reason`).
pub(super) fn bare_field(e: RuleError) -> RuleError {
    let field = e.field.as_deref().unwrap_or("").trim_start_matches('.').to_owned();
    e.at(if field.is_empty() { "input" } else { &field })
}
