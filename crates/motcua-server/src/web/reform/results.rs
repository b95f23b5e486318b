//! `/reform/campaigns/{id}/results`: the ranking table (index, band, rank
//! with ties, change against last year, points per area, where points were
//! lost); `/reform/campaigns/{id}/units/{unit_id}/report`: one unit's own
//! report. HTML tables; charts and the Excel export come from the shared
//! `charts` and `reports` modules (docs/par-sipas.md, "Pages").

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use motcua_rules::par::{AreaLoss, AreaScore, Percent, Points};

use super::{ReformPage, pts, status_name};
use crate::error::{ApiError, ApiResult};
use crate::routes::reform_results::{AreaHead, ResultRow, Results, results_for};
use crate::state::AppState;
use crate::web::page::{Page, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform/campaigns/{id}/results", get(results_page))
        .route("/reform/campaigns/{id}/units/{unit_id}/report", get(report_page))
}

/// Shared formatting of both pages.
trait Figures {
    fn pg(&self) -> &Page;

    fn p(&self, v: &Points) -> String {
        pts(self.pg(), *v)
    }

    fn pct(&self, v: &Percent) -> String {
        if self.pg().lang.english() { v.to_string() } else { v.to_vi() }
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

    fn area_points(&self, r: &ResultRow, code: &str) -> String {
        r.areas.iter().find(|a| a.code == code).map(|a| self.p(&a.points)).unwrap_or_default()
    }

    /// The three areas with the most points lost, worst first.
    fn worst(&self, r: &ResultRow) -> String {
        r.losses
            .iter()
            .filter(|l| l.lost > Points::ZERO)
            .take(3)
            .map(|l| format!("{} (−{})", l.code, self.p(&l.lost)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn results_page(State(state): State<AppState>, p: ReformPage, Path(id): Path<i64>) -> ApiResult<Response> {
    let results = results_for(&state, &p.me, id).await?;
    let name = state.store.campaign(id).await?.name;
    render(&ResultsPage { page: p.page, name, results })
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
    })
}
