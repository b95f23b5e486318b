//! The national portal's published 766 scores, recorded next to motcua's
//! own (docs/index766.md §10): the reform office (a reform officer) or an
//! administrator records them for the units of their subtree, by JSON or
//! by CSV; everyone who sees a ranking sees the comparison.

use axum::Json;
use axum::extract::State;
use motcua_rules::Role;
use motcua_rules::scope::UnitRef;
use motcua_store::{GroupScores, NewPortalScore};
use serde::{Deserialize, Serialize};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;

/// The most lines one batch may hold: every unit of a large province for a
/// year of months fits.
pub const MAX_LINES: usize = 20_000;

/// Scores to record, all or none.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortalScoresBody {
    pub scores: Vec<NewPortalScore>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Recorded {
    /// How many lines were written (each replacing the same unit and period).
    pub recorded: usize,
}

/// Where a user may record: their unit's subtree, for a reform officer or
/// an administrator; 403 for anyone else.
pub fn recorder_scope(me: &CurrentUser) -> ApiResult<UnitRef> {
    match me.role() {
        Role::Admin | Role::ReformOfficer => me.unit().ok_or_else(ApiError::forbidden),
        _ => Err(ApiError::forbidden()),
    }
}

/// Records the portal's published scores (total out of 100 and each group
/// where known) per unit and period (`2026-03`, `2026-Q1`, `2026`),
/// replacing what was recorded for the same unit and period. The first
/// mistake is answered (422 with its code and `scores[i].field`) and
/// nothing is written.
#[utoipa::path(post, path = "/api/v1/index766/portal-scores", tag = "statistics", request_body = PortalScoresBody,
    responses((status = 200, body = Recorded), (status = 403, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<PortalScoresBody>,
) -> ApiResult<Json<Recorded>> {
    Ok(Json(Recorded { recorded: save(&state, &me, body.scores).await? }))
}

/// Checks the caller and writes a batch; shared with the page.
pub async fn save(state: &AppState, me: &CurrentUser, scores: Vec<NewPortalScore>) -> ApiResult<usize> {
    let scope = recorder_scope(me)?;
    if scores.is_empty() || scores.len() > MAX_LINES {
        let e = motcua_rules::RuleError::invalid("portal_scores_count", "scores").arg("max", MAX_LINES);
        return Err(e.into());
    }
    let n = state.store.record_portal_scores(scope.path, scores, Some(me.user.id), state.now()).await?;
    tracing::info!(lines = n, "portal scores recorded");
    Ok(n)
}

/// The CSV columns, in order: a header line with them is skipped.
pub const CSV_COLUMNS: [&str; 9] = [
    "unit_code",
    "period",
    "total",
    "transparency",
    "progress",
    "online_service",
    "online_payment",
    "digitisation",
    "satisfaction",
];

/// Reads CSV lines `unit_code,period,total[,transparency,progress,
/// online_service,online_payment,digitisation,satisfaction]` (comma or
/// semicolon; a decimal comma is read when the separator is a semicolon;
/// empty group cells are unknown). A bad number is refused with its line.
pub fn parse_csv(text: &str) -> ApiResult<Vec<NewPortalScore>> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || (out.is_empty() && line.to_lowercase().starts_with("unit_code")) {
            continue;
        }
        let sep = if line.contains(';') { ';' } else { ',' };
        let cells: Vec<&str> = line.split(sep).map(str::trim).collect();
        let bad = |case: &str| {
            ApiError::from(
                motcua_rules::RuleError::invalid("portal_scores_csv_invalid", "csv")
                    .arg("line", i + 1)
                    .arg("case", case),
            )
        };
        if cells.len() < 3 || cells.len() > CSV_COLUMNS.len() {
            return Err(bad("columns"));
        }
        let number = |s: &str| -> ApiResult<Option<f64>> {
            if s.is_empty() {
                return Ok(None);
            }
            let s = if sep == ';' { s.replace(',', ".") } else { s.to_owned() };
            s.parse::<f64>().map(Some).map_err(|_| bad("number"))
        };
        let total = number(cells[2])?.ok_or_else(|| bad("number"))?;
        let mut g = [None; 6];
        for (k, cell) in cells.iter().skip(3).enumerate() {
            g[k] = number(cell)?;
        }
        let groups = GroupScores {
            transparency: g[0],
            progress: g[1],
            online_service: g[2],
            online_payment: g[3],
            digitisation: g[4],
            satisfaction: g[5],
        };
        out.push(NewPortalScore { unit_code: cells[0].into(), period: cells[1].into(), total, groups });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_are_read_with_either_separator() {
        let text =
            "unit_code,period,total,transparency,progress\nH11,2026-Q1,82.5,,17.25\n\nH11.01;2026-03;79,5;;16,5\n";
        let got = parse_csv(text).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].unit_code.as_str(), got[0].total, got[0].groups.progress), ("H11", 82.5, Some(17.25)));
        assert_eq!(got[0].groups.transparency, None);
        assert_eq!((got[1].period.as_str(), got[1].total, got[1].groups.progress), ("2026-03", 79.5, Some(16.5)));
        for bad in ["H11,2026,abc", "H11,2026", "H11,2026,80,1,2,3,4,5,6,7"] {
            let e = parse_csv(bad).unwrap_err();
            assert_eq!(e.code, "portal_scores_csv_invalid", "{bad}");
        }
    }
}
