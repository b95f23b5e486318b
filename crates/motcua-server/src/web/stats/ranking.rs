//! `/ranking`: the public ranking of a province's communes or departments
//! by the 766 progress score from motcua's counters, with their on-time
//! rates, as the reform portal publishes its own. No login, no personal
//! data: only counts per unit.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{PeriodOption, count, decimal, period_label, period_options};
use crate::error::ApiResult;
use crate::extract::Params;
use crate::routes::stats::{RANKED_LEVELS, RankingLine, ranking_lines, ranking_request};
use crate::state::AppState;
use crate::web::page::{Page, render, urlencode};

struct Line {
    /// The rank, or "Chưa có dữ liệu / No data".
    rank: String,
    no_data: bool,
    code: String,
    name: String,
    received: String,
    resolved: String,
    on_time: String,
    late: String,
    past_due: String,
    on_time_percent: String,
    progress: String,
    /// motcua's 766 total "43.20 / 48", the published total, and the
    /// difference on the same ground with the groups it covers.
    motcua: String,
    portal: String,
    difference: String,
    difference_note: String,
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

/// The published total and the difference, shown even for a unit with no
/// data of its own (the portal may still have published a score).
fn published(page: &Page, l: &RankingLine) -> (String, String, String) {
    let portal = l.portal_total.map_or_else(|| "—".to_owned(), |p| decimal(page, p));
    let Some(c) = &l.comparison else {
        let note = if l.portal_total.is_some() { page.t("ranking-not-comparable") } else { String::new() };
        return (portal, "—".to_owned(), note);
    };
    let sign = if c.difference > 0.0 { "+" } else { "" };
    let diff = format!("{sign}{}", decimal(page, c.difference));
    let note = if c.whole {
        page.t("ranking-diff-total")
    } else {
        let names: Vec<String> =
            c.groups.iter().map(|g| page.t(&format!("stats-group-{}", g.as_str().replace('_', "-")))).collect();
        page.t2("ranking-diff-groups", ("groups", &names.join(", ")), ("max", &decimal(page, c.max)))
    };
    (portal, diff, note)
}

fn line(page: &Page, l: RankingLine) -> Line {
    let (portal, difference, difference_note) = published(page, &l);
    if l.no_data {
        // "No data": not ranked, and no zeros that read as a score.
        let dash = || "—".to_owned();
        return Line {
            rank: page.t("stats-no-data"),
            no_data: true,
            code: l.code,
            name: l.name,
            received: dash(),
            resolved: dash(),
            on_time: dash(),
            late: dash(),
            past_due: dash(),
            on_time_percent: dash(),
            progress: dash(),
            motcua: dash(),
            portal,
            difference,
            difference_note,
        };
    }
    Line {
        rank: l.rank.map_or_else(|| page.t("stats-no-data"), |r| r.to_string()),
        no_data: l.no_data,
        code: l.code,
        name: l.name,
        received: count(page, l.received),
        resolved: count(page, l.resolved),
        on_time: count(page, l.resolved_on_time),
        late: count(page, l.resolved_late),
        past_due: count(page, l.in_process_past_due),
        on_time_percent: l
            .on_time_percent
            .map_or_else(|| "—".to_owned(), |p| page.t1("stats-percent", "value", &decimal(page, p))),
        progress: l.progress_score.map_or_else(|| "—".to_owned(), |p| decimal(page, p)),
        motcua: l
            .motcua_total
            .map_or_else(|| "—".to_owned(), |t| format!("{} / {}", decimal(page, t), decimal(page, l.motcua_max))),
        portal,
        difference,
        difference_note,
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
    let basis = state.config.stats_credit;
    let figures = crate::dashboard::peer_ranking(&state, province.id, level, basis, period).await?;
    let portal = crate::routes::stats::published_scores(&state, &province, period).await?;
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
        lines: ranking_lines(&figures, &portal).into_iter().map(|l| line(&page, l)).collect(),
        page,
    };
    render(&view)
}
