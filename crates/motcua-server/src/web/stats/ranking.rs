//! `/ranking`: the public ranking of a province's communes or departments
//! by the 766 progress score from motcua's counters, with their on-time
//! rates, as the reform portal publishes its own. No login, no personal
//! data: only counts per unit.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{PeriodOption, decimal, period_label, period_options};
use crate::error::ApiResult;
use crate::extract::Params;
use crate::routes::stats::{RANKED_LEVELS, RankingLine, ranking_lines, ranking_request};
use crate::state::AppState;
use crate::web::format::thousands;
use crate::web::page::{Page, render, urlencode};

struct Line {
    rank: u32,
    code: String,
    name: String,
    received: String,
    resolved: String,
    on_time: String,
    late: String,
    past_due: String,
    on_time_percent: String,
    progress: String,
}

struct LevelOption {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "public/ranking.html")]
struct RankingPage {
    page: Page,
    province_name: String,
    province_code: String,
    period_label: String,
    periods: Vec<PeriodOption>,
    levels: Vec<LevelOption>,
    level_label: String,
    lines: Vec<Line>,
}

fn line(page: &Page, l: RankingLine) -> Line {
    Line {
        rank: l.rank,
        code: l.code,
        name: l.name,
        received: thousands(l.received),
        resolved: thousands(l.resolved),
        on_time: thousands(l.resolved_on_time),
        late: thousands(l.resolved_late),
        past_due: thousands(l.in_process_past_due),
        on_time_percent: l
            .on_time_percent
            .map_or_else(|| "—".to_owned(), |p| page.t1("stats-percent", "value", &decimal(page, p))),
        progress: l.progress_score.map_or_else(|| "—".to_owned(), |p| decimal(page, p)),
    }
}

pub async fn show(State(state): State<AppState>, mut page: Page, params: Params) -> ApiResult<Response> {
    let (province, level, period) = ranking_request(&state, &params).await?;
    // The language switch comes back to the same ranking.
    page.path = format!(
        "/ranking?province={}&level={level}&period={}",
        urlencode(&province.code),
        urlencode(&period.key().unwrap_or_default())
    );
    let figures = crate::dashboard::peer_ranking(&state, province.id, level, period).await?;
    let view = RankingPage {
        province_name: province.name,
        province_code: province.code,
        period_label: period_label(&page, period),
        periods: period_options(&page, state.now().date(), period),
        levels: RANKED_LEVELS
            .iter()
            .map(|&value| LevelOption {
                value,
                label: page.t(&format!("stats-level-{value}")),
                selected: value == level,
            })
            .collect(),
        level_label: page.t(&format!("stats-level-{level}")),
        lines: ranking_lines(&figures).into_iter().map(|l| line(&page, l)).collect(),
        page,
    };
    render(&view)
}
