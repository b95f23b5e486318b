//! The national portal's published 766 scores, recorded per unit and
//! period by the reform office next to motcua's own (docs/index766.md §10).
//! A batch (one form, one JSON request, one CSV paste) is written whole or
//! not at all.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::error::ErrorKind;
use motcua_rules::index766::Group;
use motcua_rules::index766::published::{PublishedScore, check, period_key};
use serde::{Deserialize, Serialize};

use crate::db::{Conn, Row};
use crate::{Store, StoreError, params};

/// Each group's published score, where known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupScores {
    pub transparency: Option<f64>,
    pub progress: Option<f64>,
    pub online_service: Option<f64>,
    pub online_payment: Option<f64>,
    pub digitisation: Option<f64>,
    pub satisfaction: Option<f64>,
}

impl GroupScores {
    /// By [`Group::index`].
    pub fn by_index(&self) -> [Option<f64>; Group::COUNT] {
        let mut out = [None; Group::COUNT];
        for g in Group::ALL {
            out[g.index()] = match g {
                Group::Transparency => self.transparency,
                Group::Progress => self.progress,
                Group::OnlineService => self.online_service,
                Group::OnlinePayment => self.online_payment,
                Group::Digitisation => self.digitisation,
                Group::Satisfaction => self.satisfaction,
            };
        }
        out
    }

    fn from_index(g: [Option<f64>; Group::COUNT]) -> GroupScores {
        let at = |x: Group| g[x.index()];
        GroupScores {
            transparency: at(Group::Transparency),
            progress: at(Group::Progress),
            online_service: at(Group::OnlineService),
            online_payment: at(Group::OnlinePayment),
            digitisation: at(Group::Digitisation),
            satisfaction: at(Group::Satisfaction),
        }
    }
}

/// One published score to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPortalScore {
    pub unit_code: String,
    /// `2026-03`, `2026-Q1` or `2026`.
    pub period: String,
    pub total: f64,
    #[serde(default)]
    pub groups: GroupScores,
}

/// A recorded published score.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PortalScore {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub period: String,
    pub total: f64,
    pub groups: GroupScores,
    #[serde(with = "crate::model::vn_time")]
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: NaiveDateTime,
    pub recorded_by: Option<i64>,
}

impl PortalScore {
    pub fn published(&self) -> PublishedScore {
        PublishedScore { total: self.total, groups: self.groups.by_index() }
    }
}

const COLUMNS: &str = "s.unit_id, u.code, u.name, s.period, s.total, s.transparency, s.progress, s.online_service, \
                       s.online_payment, s.digitisation, s.satisfaction, s.recorded_at, s.recorded_by";

fn from_row(r: &Row) -> Result<PortalScore, StoreError> {
    let mut groups = [None; Group::COUNT];
    for (i, g) in groups.iter_mut().enumerate() {
        *g = r.opt_f64(5 + i)?;
    }
    Ok(PortalScore {
        unit_id: r.i64(0)?,
        unit_code: r.string(1)?,
        unit_name: r.string(2)?,
        period: r.string(3)?,
        total: r.opt_f64(4)?.unwrap_or_default(),
        groups: GroupScores::from_index(groups),
        recorded_at: r.time(11)?,
        recorded_by: r.opt_i64(12)?,
    })
}

/// Checks one line and finds its unit inside `scope`; `line` names the
/// fields of a batch (`scores[2].total`).
fn checked(c: &mut dyn Conn, scope: &str, line: usize, s: &NewPortalScore) -> Result<(i64, String), StoreError> {
    let at = |mut e: RuleError| -> StoreError {
        e.field = Some(format!("scores[{line}].{}", e.field.clone().unwrap_or_default()));
        StoreError::Rule(e)
    };
    let period = period_key(&s.period).map_err(at)?;
    check(&PublishedScore { total: s.total, groups: s.groups.by_index() }).map_err(at)?;
    let unit = super::units::unit_by_code(c, s.unit_code.trim())?
        .ok_or_else(|| super::units::unknown_unit(&format!("scores[{line}].unit_code"), &s.unit_code))?;
    if !unit.path.starts_with(scope) {
        return Err(RuleError::of("portal_score_outside_scope", ErrorKind::Forbidden, Some("unit_code"))
            .arg("code", &unit.code)
            .into());
    }
    Ok((unit.id, period))
}

impl Store {
    /// Records a batch of published scores for units inside `scope` (a
    /// unit path), replacing what was recorded for the same unit and
    /// period; all or nothing. Returns how many were written.
    pub async fn record_portal_scores(
        &self,
        scope: String,
        scores: Vec<NewPortalScore>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                for (i, score) in scores.iter().enumerate() {
                    let (unit_id, period) = checked(c, &scope, i, score)?;
                    let g = score.groups.by_index();
                    c.execute(
                        "DELETE FROM portal_scores WHERE unit_id = $1 AND period = $2",
                        params![unit_id, &period],
                    )?;
                    c.execute(
                        "INSERT INTO portal_scores (unit_id, period, total, transparency, progress, online_service, \
                         online_payment, digitisation, satisfaction, recorded_at, recorded_by) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                        params![unit_id, &period, score.total, g[0], g[1], g[2], g[3], g[4], g[5], now, by],
                    )?;
                }
                Ok(scores.len())
            })
        })
        .await
    }

    /// The published scores of a period for the units of one province, by
    /// unit id.
    pub async fn portal_scores(
        &self,
        province_id: i64,
        period: String,
    ) -> Result<HashMap<i64, PortalScore>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let rows = c.query(
                    &format!(
                        "SELECT {COLUMNS} FROM portal_scores s JOIN units u ON u.id = s.unit_id \
                         WHERE u.province_id = $1 AND s.period = $2 ORDER BY u.code"
                    ),
                    params![province_id, &period],
                )?;
                rows.iter().map(|r| from_row(r).map(|p| (p.unit_id, p))).collect()
            })
        })
        .await
    }
}
