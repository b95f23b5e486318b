//! `/office/stats/export/{file}`: the dashboard's tables as files.
//!
//! - `report.xlsx`, `report.csv`: the periodic report (Biểu II.06a) with one
//!   row per unit below the chosen one, or per procedure at the last level;
//! - `index766.xlsx`, `index766.csv`: the 766 table of the units below,
//!   ranked among themselves, or of the unit's peers at the last level.
//!
//! The figures are those of the dashboard's basis (`basis=handling` or
//! `intake`, the configured one by default); a unit's rank is its rank
//! among its peers, empty for a unit with no data.
//!
//! Same scope as the dashboard: a unit outside the user's subtree is "not
//! found".

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::dashboard::{UnitFigures, peer_ranking, rows_below};
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::reports::{
    CSV_CONTENT_TYPE, ReportHeader, ScoreRow, StatsRow, XLSX_CONTENT_TYPE, index766_csv, index766_xlsx, periodic_csv,
    periodic_xlsx,
};
use crate::routes::stats::{basis_of, period_of, unit_in_scope};
use crate::state::AppState;
use crate::web::download::disposition;
use crate::web::page::Authed;

pub async fn download(
    State(state): State<AppState>,
    a: Authed,
    Path(file): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (report, ext) = file.rsplit_once('.').ok_or_else(not_found)?;
    if !matches!(report, "report" | "index766") || !matches!(ext, "xlsx" | "csv") {
        return Err(not_found());
    }
    let period = period_of(&params, state.now().date())?;
    let basis = basis_of(&params, &state)?;
    let unit = unit_in_scope(&state, &a.me, params.get("unit")).await?;
    let lang = a.page.lang;
    // Only the table rows: the dashboard's trend, rank and overdue list are not exported.
    let (children, procedures) = rows_below(&state, &unit, basis, period).await?;
    let title_id = if report == "report" { "reports-periodic-title" } else { "reports-index766-title" };
    let title = a.page.t(title_id);
    let header = ReportHeader {
        title: &title,
        unit_name: &unit.name,
        from: period.from,
        to: period.to,
        generated_at: state.now(),
    };
    let bytes = if report == "report" {
        let rows: Vec<StatsRow> = if children.is_empty() {
            procedures.iter().map(|p| StatsRow { code: &p.code, name: &p.name, stats: &p.stats }).collect()
        } else {
            children.iter().map(|c| StatsRow { code: &c.unit.code, name: &c.unit.name, stats: &c.stats }).collect()
        };
        if ext == "xlsx" { periodic_xlsx(&header, &rows, lang)? } else { periodic_csv(&header, &rows, lang) }
    } else {
        let peers;
        let listed: &[UnitFigures] = if children.is_empty() {
            peers = peer_ranking(&state, unit.province_id, &unit.level, basis, period).await?;
            &peers
        } else {
            &children
        };
        let rows: Vec<ScoreRow> = listed
            .iter()
            .map(|f| ScoreRow { rank: f.rank, code: &f.unit.code, name: &f.unit.name, score: &f.score })
            .collect();
        if ext == "xlsx" { index766_xlsx(&header, &rows, lang)? } else { index766_csv(&header, &rows, lang) }
    };
    let name = format!("{report}-{}-{}.{ext}", unit.code, period.key().unwrap_or_else(|| period.from.to_string()));
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    let content_type = if ext == "xlsx" { XLSX_CONTENT_TYPE } else { CSV_CONTENT_TYPE };
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_DISPOSITION, disposition(&name).map_err(|_| ApiError::internal())?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

fn not_found() -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "not_found", None)
}
