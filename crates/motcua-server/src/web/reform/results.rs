//! `/reform/campaigns/{id}/results`: the ranking table (index, band, rank
//! with ties, change against last year, points per area, where points were
//! lost); `/reform/campaigns/{id}/units/{unit_id}/report`: one unit's own
//! report; `/reform/campaigns/{id}/results.xlsx` and `.csv`: the ranking
//! as a file. Charts are drawn on the server by [`crate::web::charts`], the
//! files written by [`crate::reports`] (docs/par-sipas.md §15).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use motcua_rules::par::{AreaLoss, AreaScore, Percent, Points};

use super::{ReformPage, pts, status_name};
use crate::error::{ApiError, ApiResult};
use crate::reports::{
    CSV_CONTENT_TYPE, ParArea, ParRanking, ParRow, ReportHeader, XLSX_CONTENT_TYPE, par_csv, par_xlsx,
};
use crate::routes::reform_results::{AreaHead, ResultRow, Results, results_for};
use crate::state::AppState;
use crate::web::charts::{ScoreBar, score_bars};
use crate::web::download::disposition;
use crate::web::page::{Page, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform/campaigns/{id}/results", get(results_page))
        .route("/reform/campaigns/{id}/results.xlsx", get(results_xlsx))
        .route("/reform/campaigns/{id}/results.csv", get(results_csv))
        .route("/reform/campaigns/{id}/units/{unit_id}/report", get(report_page))
}

/// Shared formatting of both pages.
trait Figures {
    fn pg(&self) -> &Page;

    fn p(&self, v: &Points) -> String {
        pts(self.pg(), *v)
    }

    fn pct(&self, v: &Percent) -> String {
        super::pct(self.pg(), *v)
    }

    fn short(&self, name: &str) -> String {
        super::short_area_name(name)
    }

    fn opt_pct(&self, v: &Option<Percent>) -> String {
        v.as_ref().map(|v| self.pct(v)).unwrap_or_else(|| "—".to_owned())
    }

    /// "up 2 places" / "tăng 2 bậc", or a dash when last year is unknown.
    fn rank_change(&self, r: &ResultRow) -> String {
        match r.change.as_ref().and_then(|c| c.rank_change) {
            Some(0) => self.pg().t("rf-rank-same"),
            Some(c) if c > 0 => self.pg().t1("rf-rank-up", "n", &c),
            Some(c) => self.pg().t1("rf-rank-down", "n", &(-c)),
            None => "—".to_owned(),
        }
    }

    fn area_name<'a>(&self, areas: &'a [AreaHead], code: &str) -> &'a str {
        areas.iter().find(|a| a.code == code).map_or("", |a| a.name.as_str())
    }
}

#[derive(Template)]
#[template(path = "reform/results.html")]
struct ResultsPage {
    page: Page,
    name: String,
    results: Results,
    /// Average points per area of the units listed (SVG), or empty.
    chart: String,
}

impl Figures for ResultsPage {
    fn pg(&self) -> &Page {
        &self.page
    }
}

impl ResultsPage {
    fn status(&self) -> String {
        status_name(&self.page, self.results.status)
    }

    fn chart_title(&self) -> String {
        self.page.t1("rf-chart-average-title", "count", &self.results.rows.len())
    }

    fn area_points(&self, r: &ResultRow, code: &str) -> String {
        r.areas.iter().find(|a| a.code == code).map(|a| self.p(&a.points)).unwrap_or_default()
    }

    /// The three areas with the most points lost, worst first: the
    /// area's code (its column's number), its full name and the points lost.
    fn worst(&self, r: &ResultRow) -> Vec<(String, String, String)> {
        r.losses
            .iter()
            .filter(|l| l.lost > Points::ZERO)
            .take(3)
            .map(|l| {
                let name = self.area_name(&self.results.areas, &l.code);
                (l.code.clone(), name.to_owned(), self.p(&l.lost))
            })
            .collect()
    }
}

async fn results_page(State(state): State<AppState>, p: ReformPage, Path(id): Path<i64>) -> ApiResult<Response> {
    let results = results_for(&state, &p.me, id).await?;
    let name = state.store.campaign(id).await?.name;
    let chart = average_chart(&p.page, &results);
    render(&ResultsPage { page: p.page, name, results, chart })
}

/// An area's label in the charts: "3. Cải cách TTHC, một cửa…".
fn area_label(a: &AreaHead) -> String {
    format!("{}. {}", a.code, a.name)
}

/// The mean points of `rows` in area `code`, rounded to two decimals;
/// `None` without a row.
fn area_average(rows: &[ResultRow], code: &str) -> Option<Points> {
    let points: Vec<Points> =
        rows.iter().filter_map(|r| r.areas.iter().find(|a| a.code == code)).map(|a| a.points).collect();
    let n = i64::try_from(points.len()).ok().filter(|&n| n > 0)?;
    let sum: Points = points.iter().sum();
    Some(Points::from_f64_rounded(sum.hundredths() as f64 / n as f64 / 100.0))
}

/// The results page's chart: one bar per area, the average points of the
/// units listed against the area's maximum, and under it the lowest unit
/// of that area. The reform office acts on the province's weak areas
/// first (guidance, training, inspections cover all units), and the lowest
/// unit says whom to call; one unit's bars are on its own report.
/// An area of bonus and penalty only has no maximum: its average is told
/// in the note. Empty when no unit is ranked.
fn average_chart(page: &Page, results: &Results) -> String {
    if results.rows.is_empty() {
        return String::new();
    }
    let items: Vec<ScoreBar> = results
        .areas
        .iter()
        .map(|a| {
            let average = area_average(&results.rows, &a.code).unwrap_or(Points::ZERO);
            if a.max <= Points::ZERO {
                return ScoreBar {
                    label: area_label(a),
                    value: None,
                    max: 0.0,
                    note: Some(page.t1("rf-chart-adjustments-average", "points", &pts(page, average))),
                };
            }
            let lowest = results
                .rows
                .iter()
                .filter_map(|r| r.areas.iter().find(|s| s.code == a.code).map(|s| (s.points, &r.ranked.unit_name)))
                .min_by_key(|(points, _)| *points);
            ScoreBar {
                label: area_label(a),
                value: Some(average.as_f64()),
                max: a.max.as_f64(),
                note: lowest
                    .map(|(points, unit)| page.t2("rf-chart-lowest", ("points", &pts(page, points)), ("unit", unit))),
            }
        })
        .collect();
    score_bars(&page.t1("rf-chart-average-title", "count", &results.rows.len()), &items, page.lang)
}

/// `results.xlsx`: the ranking as a spreadsheet.
async fn results_xlsx(state: State<AppState>, p: ReformPage, id: Path<i64>) -> ApiResult<Response> {
    results_file(state, p, id, "xlsx").await
}

/// `results.csv`: the ranking as CSV.
async fn results_csv(state: State<AppState>, p: ReformPage, id: Path<i64>) -> ApiResult<Response> {
    results_file(state, p, id, "csv").await
}

/// The ranking as a file, for whoever may see the results page and with
/// the same rows (before publication a unit sees its own).
async fn results_file(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    ext: &str,
) -> ApiResult<Response> {
    let results = results_for(&state, &p.me, id).await?;
    let c = state.store.campaign(id).await?;
    // The reporting unit: the user's own, else the campaign's province.
    let unit_id = p.me.user.unit_id.unwrap_or(c.province_id);
    let unit_name = state.store.unit(unit_id).await?.map(|u| u.name).unwrap_or_default();
    let lang = p.page.lang;
    let title_id = if results.final_results { "reports-par-title" } else { "reports-par-title-provisional" };
    let title = p.page.t1(title_id, "campaign", &c.name);
    let header = ReportHeader {
        title: &title,
        unit_name: &unit_name,
        from: c.period_from,
        to: c.period_to,
        generated_at: state.now(),
    };
    let areas: Vec<ParArea> =
        results.areas.iter().map(|a| ParArea { code: &a.code, name: &a.name, max: a.max }).collect();
    let rows: Vec<ParRow> = results
        .rows
        .iter()
        .map(|r| ParRow {
            rank: r.ranked.rank,
            code: &r.ranked.unit_code,
            name: &r.ranked.unit_name,
            areas: &r.areas,
            points: r.ranked.points,
            index: r.ranked.index,
            band: &r.ranked.band_label_vi,
            rank_change: r.change.as_ref().and_then(|c| c.rank_change),
            index_change: r.change.as_ref().and_then(|c| c.index_change),
        })
        .collect();
    let ranking = ParRanking { areas: &areas, rows: &rows, previous_year: results.previous_year };
    let (bytes, content_type) = if ext == "xlsx" {
        (par_xlsx(&header, &ranking, lang)?, XLSX_CONTENT_TYPE)
    } else {
        (par_csv(&header, &ranking, lang), CSV_CONTENT_TYPE)
    };
    let name = format!("chi-so-cchc-{}-{id}.{ext}", results.year);
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_DISPOSITION, disposition(&name).map_err(|_| ApiError::internal())?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

#[derive(Template)]
#[template(path = "reform/report.html")]
struct ReportPage {
    page: Page,
    name: String,
    campaign_id: i64,
    unit_name: String,
    areas: Vec<AreaHead>,
    row: Option<ResultRow>,
    units: usize,
    pending: Option<String>,
    previous_year: Option<i32>,
    /// Points per area of the unit (SVG), or empty without a result.
    chart: String,
}

impl Figures for ReportPage {
    fn pg(&self) -> &Page {
        &self.page
    }
}

impl ReportPage {
    fn area_change(&self, r: &ResultRow, a: &AreaScore) -> String {
        let change = r.change.as_ref().and_then(|c| c.areas.iter().find(|x| x.code == a.code));
        match change.and_then(|c| c.points_change) {
            Some(p) if p > Points::ZERO => format!("+{}", self.p(&p)),
            Some(p) => self.p(&p),
            None => "—".to_owned(),
        }
    }

    fn rank_of(&self, r: &ResultRow) -> String {
        self.page.t2("rf-rank-of", ("rank", &r.ranked.rank), ("count", &self.units))
    }

    fn loss_share(&self, l: &AreaLoss) -> String {
        self.pct(&Percent::of(l.lost, l.max))
    }
}

async fn report_page(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
) -> ApiResult<Response> {
    let c = state.store.campaign(id).await?;
    let unit = p.access.unit(&c, unit_id)?.clone();
    let results = results_for(&state, &p.me, id).await?;
    let pending = results
        .pending
        .iter()
        .find(|x| x.unit_id == unit_id)
        .map(|x| p.page.pick(&x.reason_vi, &x.reason_en).to_owned());
    let units = results.rows.len() + results.pending.len();
    let chart = results
        .rows
        .iter()
        .find(|r| r.unit_id == unit_id)
        .map(|r| unit_chart(&p.page, &results, r))
        .unwrap_or_default();
    let row = results.rows.into_iter().find(|r| r.unit_id == unit_id);
    if row.is_none() && pending.is_none() {
        return Err(ApiError::from(motcua_rules::RuleError::not_found("reform_unit_not_in_campaign")));
    }
    render(&ReportPage {
        page: p.page,
        name: c.name,
        campaign_id: id,
        unit_name: unit.name,
        areas: results.areas,
        row,
        units,
        pending,
        previous_year: results.previous_year,
        chart,
    })
}

/// A unit's chart: one bar per area, its points (appraised and survey, as
/// the result counts them) against the area's maximum, so the gap is what
/// it lost; under each bar the average of the units ranked with it when
/// the caller sees more than this one. An area of bonus and penalty only
/// has no bar: its points are told in the note.
fn unit_chart(page: &Page, results: &Results, row: &ResultRow) -> String {
    let peers = results.rows.len();
    let items: Vec<ScoreBar> = results
        .areas
        .iter()
        .map(|a| {
            let score = row.areas.iter().find(|s| s.code == a.code);
            if a.max <= Points::ZERO {
                let points = score.map_or(Points::ZERO, |s| s.points);
                return ScoreBar {
                    label: area_label(a),
                    value: None,
                    max: 0.0,
                    note: Some(page.t1("rf-chart-adjustments", "points", &pts(page, points))),
                };
            }
            let average = (peers > 1).then(|| area_average(&results.rows, &a.code)).flatten();
            ScoreBar {
                label: area_label(a),
                value: score.map(|s| s.points.as_f64()),
                max: a.max.as_f64(),
                note: average
                    .map(|avg| page.t2("rf-chart-peer-average", ("count", &peers), ("points", &pts(page, avg)))),
            }
        })
        .collect();
    score_bars(&page.t("rf-chart-unit-title"), &items, page.lang)
}
