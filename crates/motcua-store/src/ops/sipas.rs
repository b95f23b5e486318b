//! SIPAS surveys: designs per province and year, one-time links, answers
//! (from the link or typed in from paper forms) and their tally.
//!
//! What is never stored with an answer: the token, a person, a time finer
//! than the day. A token names a unit and a year; once used it is marked
//! `used`, without a time, so the token row cannot be matched with the
//! response row by time either.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::RuleError;
use motcua_rules::sipas::{Aggregation, Level, Tally, ValidDesign};
use serde::Serialize;

use super::reform_audit::{Change, record};
use crate::db::{Conn, Row};
use crate::{Store, StoreError, params};

/// The most links issued in one action: a unit's yearly sample (Slovin
/// gives at most 400 at a 5% margin) with room to spare.
pub const MAX_TOKENS_PER_ISSUE: usize = 1000;

/// The most paper forms typed in at once.
pub const MAX_PAPER_FORMS: usize = 500;

/// A stored survey design with its aggregation rule.
#[derive(Debug, Clone)]
pub struct StoredDesign {
    pub id: i64,
    pub province_id: i64,
    pub year: i32,
    pub version: u32,
    pub design: ValidDesign,
    pub aggregation: Aggregation,
}

/// A design in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DesignMeta {
    pub id: i64,
    pub year: i32,
    pub version: u32,
    pub name: String,
    pub questions: usize,
}

/// What a survey link opens: the design and the unit asked about.
#[derive(Debug, Clone)]
pub struct TokenSurvey {
    pub design: StoredDesign,
    pub unit_id: i64,
    pub unit_name: String,
    pub year: i32,
    pub used: bool,
}

fn design_from_row(r: &Row) -> Result<StoredDesign, StoreError> {
    let id = r.i64(0)?;
    let design = ValidDesign::from_json(r.str(4)?)
        .map_err(|e| StoreError::internal(format!("stored survey design {id} no longer validates: {e}")))?;
    Ok(StoredDesign {
        id,
        province_id: r.i64(1)?,
        year: i32::try_from(r.i64(2)?).map_err(|_| StoreError::internal("bad design year"))?,
        version: u32::try_from(r.i64(3)?).map_err(|_| StoreError::internal("bad design version"))?,
        design,
        aggregation: r.json(5)?,
    })
}

const DESIGN_COLUMNS: &str = "id, province_id, year, version, body, aggregation";

fn design_by_id(c: &mut dyn Conn, id: i64) -> Result<StoredDesign, StoreError> {
    let sql = format!("SELECT {DESIGN_COLUMNS} FROM sipas_designs WHERE id = $1");
    design_from_row(&c.query_opt(&sql, params![id])?.ok_or_else(|| StoreError::not_found("sipas_design_not_found"))?)
}

/// Checks one form against the design: one answer per question, each a
/// level 1..=5 or skipped.
pub fn parse_answers(design: &ValidDesign, answers: &[Option<u8>]) -> Result<Vec<Option<Level>>, RuleError> {
    if answers.len() != design.question_count() {
        return Err(RuleError::invalid("sipas_response_length", "answers")
            .arg("answers", answers.len())
            .arg("questions", design.question_count()));
    }
    answers
        .iter()
        .enumerate()
        .map(|(q, a)| match a {
            None => Ok(None),
            Some(n) => Level::from_number(*n).map(Some).ok_or_else(|| {
                RuleError::invalid("sipas_answer_invalid", &format!("answers[{q}]"))
                    .arg("question", &design.question(q).code)
                    .arg("value", n)
            }),
        })
        .collect()
}

fn answers_json(answers: &[Option<Level>]) -> String {
    let nums: Vec<Option<u8>> = answers.iter().map(|a| a.map(Level::number)).collect();
    serde_json::to_string(&nums).unwrap_or_else(|_| "[]".to_owned())
}

fn insert_response(
    c: &mut dyn Conn,
    design_id: i64,
    unit_id: i64,
    year: i32,
    source: &str,
    answers: &[Option<Level>],
    day: NaiveDate,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO sipas_responses (design_id, unit_id, year, source, answers, day) VALUES ($1, $2, $3, $4, $5, $6)",
        params![design_id, unit_id, year, source, answers_json(answers), day],
    )?;
    Ok(())
}

impl Store {
    /// Stores a survey design version for a province's year, with the
    /// aggregation rule its index uses (checked against the design). The
    /// design must name its year (`required`, field `year`), and (year,
    /// version) must be new (`sipas_design_version_taken`).
    pub async fn create_design(
        &self,
        province_id: i64,
        design: ValidDesign,
        aggregation: Aggregation,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<DesignMeta, StoreError> {
        aggregation.check(&design)?;
        let year = design.design().year.ok_or_else(|| StoreError::Rule(RuleError::invalid("required", "year")))?;
        self.blocking(move |s| {
            s.write(|c| {
                let d = design.design();
                let agg = serde_json::to_string(&aggregation)
                    .map_err(|e| StoreError::internal(format!("cannot encode aggregation: {e}")))?;
                let id = c
                    .query_one(
                        "INSERT INTO sipas_designs (province_id, year, version, body, aggregation, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        params![province_id, year, d.version, design.to_json(), agg, now],
                    )
                    .map_err(|e| {
                        StoreError::from(e)
                            .on_unique("sipas_design_version_taken", "version")
                            .arg("year", year)
                            .arg("version", d.version)
                    })?
                    .i64(0)?;
                let meta = DesignMeta {
                    id,
                    year,
                    version: d.version,
                    name: d.name.clone(),
                    questions: design.question_count(),
                };
                let change = Change {
                    province_id,
                    campaign_id: None,
                    actor_id: by,
                    at: now,
                    action: "sipas.design.create",
                    entity: format!("sipas_design:{id}"),
                };
                record(c, change, None::<&()>, Some(&meta))?;
                Ok(meta)
            })
        })
        .await
    }

    /// The survey designs of a province, newest year and version first.
    pub async fn designs(&self, province_id: i64) -> Result<Vec<DesignMeta>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {DESIGN_COLUMNS} FROM sipas_designs WHERE province_id = $1 ORDER BY year DESC, version DESC"
                );
                c.query(&sql, params![province_id])?
                    .iter()
                    .map(|r| {
                        let d = design_from_row(r)?;
                        Ok(DesignMeta {
                            id: d.id,
                            year: d.year,
                            version: d.version,
                            name: d.design.design().name.clone(),
                            questions: d.design.question_count(),
                        })
                    })
                    .collect()
            })
        })
        .await
    }

    /// One design, or `sipas_design_not_found`. The caller checks the province.
    pub async fn design(&self, id: i64) -> Result<StoredDesign, StoreError> {
        self.blocking(move |s| s.read(|c| design_by_id(c, id))).await
    }

    /// The latest design version of a province's year, if any.
    pub async fn design_for_year(&self, province_id: i64, year: i32) -> Result<Option<StoredDesign>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {DESIGN_COLUMNS} FROM sipas_designs WHERE province_id = $1 AND year = $2 \
                     ORDER BY version DESC LIMIT 1"
                );
                c.query_opt(&sql, params![province_id, year])?.as_ref().map(design_from_row).transpose()
            })
        })
        .await
    }

    /// Keeps new one-time links for a unit and year of a design: each as
    /// `(hash, token)`, the caller making the random tokens. A link is
    /// found by its SHA-256; the token itself is kept only until the link
    /// is answered, so the office can print its card again
    /// (docs/par-sipas.md, "Survey links"). The unit must be in the
    /// design's province (`reform_unit_outside_province`); 1 to 1,000
    /// links at a time (`sipas_token_count`).
    pub async fn issue_tokens(
        &self,
        design_id: i64,
        unit_id: i64,
        links: Vec<(String, String)>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        if links.is_empty() || links.len() > MAX_TOKENS_PER_ISSUE {
            return Err(RuleError::invalid("sipas_token_count", "count").arg("max", MAX_TOKENS_PER_ISSUE).into());
        }
        self.blocking(move |s| {
            s.write(|c| {
                let design = design_by_id(c, design_id)?;
                let province = c.query_opt("SELECT province_id FROM units WHERE id = $1", params![unit_id])?;
                if province.map(|r| r.i64(0)).transpose()? != Some(design.province_id) {
                    return Err(RuleError::invalid("reform_unit_outside_province", "unit_id")
                        .arg("id", unit_id)
                        .into());
                }
                for (hash, token) in &links {
                    c.execute(
                        "INSERT INTO sipas_tokens (token_hash, design_id, unit_id, year, used, created_at, token) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        params![hash.as_str(), design_id, unit_id, design.year, false, now, token.as_str()],
                    )?;
                }
                let change = Change {
                    province_id: design.province_id,
                    campaign_id: None,
                    actor_id: by,
                    at: now,
                    action: "sipas.tokens.issue",
                    entity: format!("sipas_design:{design_id}/unit:{unit_id}"),
                };
                record(c, change, None::<&()>, Some(&serde_json::json!({"count": links.len(), "year": design.year})))?;
                Ok(links.len())
            })
        })
        .await
    }

    /// What a link opens, or `sipas_token_not_found`.
    pub async fn token_survey(&self, token_hash: String) -> Result<TokenSurvey, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let row = c
                    .query_opt(
                        "SELECT t.design_id, t.unit_id, u.name, t.year, t.used FROM sipas_tokens t \
                         JOIN units u ON u.id = t.unit_id WHERE t.token_hash = $1",
                        params![token_hash],
                    )?
                    .ok_or_else(|| StoreError::not_found("sipas_token_not_found"))?;
                Ok(TokenSurvey {
                    design: design_by_id(c, row.i64(0)?)?,
                    unit_id: row.i64(1)?,
                    unit_name: row.string(2)?,
                    year: i32::try_from(row.i64(3)?).map_err(|_| StoreError::internal("bad token year"))?,
                    used: row.bool(4)?,
                })
            })
        })
        .await
    }

    /// Records the answers sent through a link, once: the token is marked
    /// used by a guarded update in the same transaction, so a second
    /// answer, even a concurrent one, gets `sipas_token_used` (409) and
    /// writes nothing. Answers are checked against the design first.
    pub async fn answer_by_token(
        &self,
        token_hash: String,
        answers: Vec<Option<u8>>,
        day: NaiveDate,
    ) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let row = c
                    .query_opt(
                        "SELECT design_id, unit_id, year FROM sipas_tokens WHERE token_hash = $1",
                        params![token_hash.as_str()],
                    )?
                    .ok_or_else(|| StoreError::not_found("sipas_token_not_found"))?;
                let design = design_by_id(c, row.i64(0)?)?;
                let levels = parse_answers(&design.design, &answers)?;
                let n = c.execute(
                    // The token is forgotten as the link is used: only
                    // unused links can be printed again.
                    "UPDATE sipas_tokens SET used = $1, token = NULL WHERE token_hash = $2 AND used = $3",
                    params![true, token_hash.as_str(), false],
                )?;
                if n != 1 {
                    return Err(StoreError::conflict("sipas_token_used", None));
                }
                let year = i32::try_from(row.i64(2)?).map_err(|_| StoreError::internal("bad token year"))?;
                insert_response(c, design.id, row.i64(1)?, year, "link", &levels, day)
            })
        })
        .await
    }

    /// Paper forms typed in by an officer for a unit of the design's
    /// province, all or nothing (`sipas_answer_invalid` names the form and
    /// question: `forms[2].answers[5]`). The audit line says who typed in
    /// how many; the responses carry no officer.
    pub async fn enter_paper_forms(
        &self,
        design_id: i64,
        unit_id: i64,
        forms: Vec<Vec<Option<u8>>>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        if forms.is_empty() || forms.len() > MAX_PAPER_FORMS {
            return Err(RuleError::invalid("sipas_paper_count", "forms").arg("max", MAX_PAPER_FORMS).into());
        }
        self.blocking(move |s| {
            s.write(|c| {
                let design = design_by_id(c, design_id)?;
                let province = c.query_opt("SELECT province_id FROM units WHERE id = $1", params![unit_id])?;
                if province.map(|r| r.i64(0)).transpose()? != Some(design.province_id) {
                    return Err(RuleError::invalid("reform_unit_outside_province", "unit_id")
                        .arg("id", unit_id)
                        .into());
                }
                for (i, form) in forms.iter().enumerate() {
                    let levels = parse_answers(&design.design, form).map_err(|e| {
                        let field = format!("forms[{i}].{}", e.field.as_deref().unwrap_or("answers"));
                        e.at(&field)
                    })?;
                    insert_response(c, design_id, unit_id, design.year, "paper", &levels, now.date())?;
                }
                let change = Change {
                    province_id: design.province_id,
                    campaign_id: None,
                    actor_id: by,
                    at: now,
                    action: "sipas.paper.enter",
                    entity: format!("sipas_design:{design_id}/unit:{unit_id}"),
                };
                record(c, change, None::<&()>, Some(&serde_json::json!({"forms": forms.len()})))?;
                Ok(forms.len())
            })
        })
        .await
    }

    /// The answers to a design for the units of the subtree `path` and a
    /// year, counted. Rows are read as stored and counted here: the count
    /// is linear and the tally of a unit's year is a few hundred forms.
    pub async fn sipas_tally(&self, design_id: i64, path: String, year: i32) -> Result<Tally, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let design = design_by_id(c, design_id)?;
                let mut tally = Tally::new(&design.design);
                let rows = c.query(
                    "SELECT r.answers FROM sipas_responses r JOIN units u ON u.id = r.unit_id \
                     WHERE r.design_id = $1 AND r.year = $2 AND u.path >= $3 AND u.path < $4",
                    params![design_id, year, path.as_str(), super::inbox::path_upper_bound(&path)],
                )?;
                for r in rows {
                    let nums: Vec<Option<u8>> = r.json(0)?;
                    let levels = parse_answers(&design.design, &nums).map_err(|e| {
                        StoreError::internal(format!("stored answers do not fit design {design_id}: {e}"))
                    })?;
                    tally.add_response(&levels)?;
                }
                Ok(tally)
            })
        })
        .await
    }
}
