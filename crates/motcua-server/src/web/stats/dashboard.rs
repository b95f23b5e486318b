//! `/office/stats`: a unit's dashboard for a period. The headline figures,
//! the month-by-month trend, the 766 index from motcua's own counters with
//! its rank among peers, the units below (each a link one level down), per
//! procedure at the last level, and the most overdue dossiers now.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use motcua_rules::index766::{Group, INDICATORS, MEASURED_BY_MOTCUA, Rule, Source};
use motcua_rules::period::Period;
use motcua_rules::scope::UnitRef;
use motcua_store::UnitStats;
use serde::Deserialize;

use super::{PeriodOption, decimal, percent_text, period_label, period_options};
use crate::dashboard::{Dashboard, UnitFigures};
use crate::error::ApiResult;
use crate::extract::Params;
use crate::routes::stats::{period_of, unit_in_scope};
use crate::state::AppState;
use crate::web::charts::{MonthBar, ScoreBar, monthly_bars, score_bars};
use crate::web::format::thousands;
use crate::web::page::{Authed, FormError, Page, render, urlencode};

#[derive(Deserialize, Default)]
pub struct StatsParams {
    unit: Option<String>,
    period: Option<String>,
}

/// One headline figure.
struct Figure {
    label: String,
    value: String,
    detail: String,
}

/// One unit below, a link one level down.
struct ChildRow {
    rank: String,
    href: String,
    code: String,
    name: String,
    received: String,
    resolved: String,
    late: String,
    past_due: String,
    on_time: String,
    progress: String,
}

/// One procedure at the last level.
struct ProcedureRow {
    code: String,
    name: String,
    field: String,
    received: String,
    resolved: String,
    late: String,
    in_process: String,
    past_due: String,
    average_days: String,
}

/// One 766 indicator motcua measures.
struct IndicatorRow {
    id: &'static str,
    name: &'static str,
    counts: String,
    ratio: String,
    points: String,
    note: String,
}

struct OverdueRow {
    href: String,
    reference: String,
    procedure: String,
    due: String,
}

/// A link up the unit tree.
struct Crumb {
    name: String,
    href: String,
}

#[derive(Template)]
#[template(path = "office/stats.html")]
struct StatsPage {
    page: Page,
    error: Option<FormError>,
    unit_name: String,
    unit_code: String,
    crumbs: Vec<Crumb>,
    period_label: String,
    periods: Vec<PeriodOption>,
    figures: Vec<Figure>,
    rank_text: String,
    trend_svg: String,
    index_svg: String,
    indicators: Vec<IndicatorRow>,
    index_note: String,
    children: Vec<ChildRow>,
    procedures: Vec<ProcedureRow>,
    overdue: Vec<OverdueRow>,
    /// Per-step timeliness of the subtree's units (`super::steps`).
    steps: Vec<super::steps::StepRow>,
    /// The query string of the exports (`unit=…&period=…`).
    export_query: String,
}

pub async fn show(State(state): State<AppState>, a: Authed, Query(q): Query<StatsParams>) -> ApiResult<Response> {
    let today = state.now().date();
    let mut params = std::collections::HashMap::new();
    if let Some(p) = q.period.as_deref().filter(|p| !p.is_empty()) {
        params.insert("period".to_owned(), p.to_owned());
    }
    let (period, error) = match period_of(&Params(params), today) {
        Ok(p) => (p, None),
        // A bad period is shown on the form; the page shows this year.
        Err(e) => (period_of(&Params(Default::default()), today)?, Some(FormError::new(&a.page, &e))),
    };
    let unit = unit_in_scope(&state, &a.me, q.unit.as_deref().filter(|u| !u.is_empty())).await?;
    let crumbs = crumbs(&state, &a, &unit).await?;
    let steps = super::steps::rows(&state, &a.page, &unit, period).await?;
    let d = crate::dashboard::dashboard(&state, unit, period).await?;
    let page = &a.page;
    let export_query =
        format!("unit={}&period={}", urlencode(&d.unit.unit.code), urlencode(&period.key().unwrap_or_default()));
    // The language switch comes back to the same unit and period (codes and
    // dates, no personal data, unlike a search query).
    let mut page_ctx = a.page.clone();
    page_ctx.path = format!("/office/stats?{export_query}");
    let view = StatsPage {
        error,
        unit_name: d.unit.unit.name.clone(),
        unit_code: d.unit.unit.code.clone(),
        crumbs,
        period_label: period_label(page, period),
        periods: period_options(page, today, period),
        figures: figures(page, &d.unit),
        rank_text: match d.unit.rank {
            Some(r) => page.t2("stats-rank-among", ("rank", &r), ("of", &d.peers)),
            None => String::new(),
        },
        trend_svg: trend(page, &d),
        index_svg: index_chart(page, &d.unit),
        indicators: indicators(page, &d.unit),
        index_note: page.t("stats-index-note"),
        children: d.children.iter().map(|c| child_row(page, c, period)).collect(),
        procedures: d
            .procedures
            .iter()
            .map(|p| procedure_row(page, &p.code, &p.name, &p.field_name, &p.stats))
            .collect(),
        overdue: d
            .overdue
            .iter()
            .map(|i| {
                let reference = i.code.clone().unwrap_or_else(|| i.id.to_string());
                OverdueRow {
                    href: format!("/office/dossiers/{reference}"),
                    reference,
                    procedure: i.procedure_name.clone(),
                    due: i.due_at.map_or_else(|| "—".to_owned(), crate::web::public::due),
                }
            })
            .collect(),
        steps,
        export_query,
        page: page_ctx,
    };
    render(&view)
}

/// The units from the user's own unit down to this one, each a link.
async fn crumbs(state: &AppState, a: &Authed, unit: &motcua_store::model::Unit) -> ApiResult<Vec<Crumb>> {
    let scope = a.me.staff_scope()?;
    let mut out = Vec::new();
    let here = UnitRef { id: unit.id, path: unit.path.clone() };
    for id in here.lineage().filter(|&id| id != unit.id) {
        let Some(u) = state.store.unit(id).await? else { continue };
        // Units above the user's own are not theirs to open.
        if scope.contains(&UnitRef { id: u.id, path: u.path.clone() }) {
            out.push(Crumb { href: format!("/office/stats?unit={}", urlencode(&u.code)), name: u.name });
        }
    }
    Ok(out)
}

fn figures(page: &Page, f: &UnitFigures) -> Vec<Figure> {
    let s = &f.stats;
    let progress = f.score.group(Group::Progress);
    vec![
        Figure {
            label: page.t("stats-received"),
            value: thousands(s.received() + s.carried_over),
            detail: msg(
                page,
                "stats-received-detail",
                &[
                    ("online", &thousands(s.received_online)),
                    ("counter", &thousands(s.received_counter + s.received_postal)),
                    ("carried", &thousands(s.carried_over)),
                ],
            ),
        },
        Figure {
            label: page.t("stats-resolved"),
            value: thousands(s.resolved()),
            detail: msg(
                page,
                "stats-resolved-detail",
                &[
                    ("early", &thousands(s.resolved_early)),
                    ("on-time", &thousands(s.resolved_on_time)),
                    ("late", &thousands(s.resolved_late)),
                ],
            ),
        },
        Figure {
            label: page.t("stats-in-process"),
            value: thousands(s.in_process()),
            detail: msg(
                page,
                "stats-in-process-detail",
                &[("within", &thousands(s.in_process_within_due)), ("past-due", &thousands(s.in_process_past_due))],
            ),
        },
        Figure {
            label: page.t("stats-on-time-rate"),
            value: percent_text(page, f.on_time_ratio()),
            detail: match progress.score {
                Some(p) => page.t1("stats-progress-points", "points", &decimal(page, p)),
                None => String::new(),
            },
        },
        Figure {
            label: page.t("stats-average-days"),
            value: s.average_processing_days.map_or_else(|| "—".to_owned(), |d| decimal(page, d)),
            detail: page.t("stats-average-days-detail"),
        },
        Figure {
            label: page.t("stats-other"),
            value: thousands(s.supplement_requests),
            detail: msg(
                page,
                "stats-other-detail",
                &[
                    ("refused", &thousands(s.refused)),
                    ("withdrawn", &thousands(s.withdrawn)),
                    ("returned", &thousands(s.returned)),
                ],
            ),
        },
    ]
}

/// A catalog message with named numbers.
fn msg(page: &Page, id: &str, args: &[(&str, &String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    crate::web::i18n::message(page.lang, id, &args)
}

fn trend(page: &Page, d: &Dashboard) -> String {
    let months: Vec<MonthBar> = d
        .trend
        .iter()
        .map(|(p, s)| MonthBar {
            label: format!("{}/{}", chrono::Datelike::month(&p.from), chrono::Datelike::year(&p.from) % 100),
            early: s.resolved_early,
            on_time: s.resolved_on_time,
            late: s.resolved_late,
        })
        .collect();
    let legend = [page.t("stats-early"), page.t("stats-on-time"), page.t("stats-late")];
    monthly_bars(
        &page.t("stats-trend-title"),
        &months,
        [legend[0].as_str(), legend[1].as_str(), legend[2].as_str()],
        &page.t("stats-trend-empty"),
    )
}

fn group_name(page: &Page, g: Group) -> String {
    page.t(&format!("stats-group-{}", g.as_str().replace('_', "-")))
}

fn index_chart(page: &Page, f: &UnitFigures) -> String {
    let items: Vec<ScoreBar> = f
        .score
        .groups
        .iter()
        .map(|g| ScoreBar {
            label: group_name(page, g.group),
            value: g.score,
            max: g.max,
            note: g.score.is_none().then(|| page.t("stats-group-not-measured")),
        })
        .collect();
    score_bars(&page.t("stats-index-title"), &items)
}

fn indicators(page: &Page, f: &UnitFigures) -> Vec<IndicatorRow> {
    MEASURED_BY_MOTCUA
        .iter()
        .map(|&i| {
            let def = &INDICATORS[i.index()];
            let s = f.score.indicator(i);
            let note = if matches!(def.rule, Rule::Tracking) {
                page.t("stats-indicator-tracking")
            } else if s.source == Source::Estimated {
                page.t("stats-indicator-estimated")
            } else if s.provisional {
                page.t("stats-indicator-provisional")
            } else {
                String::new()
            };
            IndicatorRow {
                id: def.id,
                name: page.pick(def.name_vi, def.name_en),
                counts: format!("{} / {}", thousands(s.numerator as i64), thousands(s.denominator as i64)),
                ratio: percent_text(page, s.ratio),
                points: match s.score {
                    Some(p) => format!("{} / {}", decimal(page, p), decimal(page, s.max)),
                    None => "—".to_owned(),
                },
                note,
            }
        })
        .collect()
}

fn child_row(page: &Page, c: &UnitFigures, period: Period) -> ChildRow {
    let s = &c.stats;
    ChildRow {
        rank: c.rank.map_or_else(String::new, |r| r.to_string()),
        href: format!(
            "/office/stats?unit={}&period={}",
            urlencode(&c.unit.code),
            urlencode(&period.key().unwrap_or_default())
        ),
        code: c.unit.code.clone(),
        name: c.unit.name.clone(),
        received: thousands(s.received()),
        resolved: thousands(s.resolved()),
        late: thousands(s.resolved_late),
        past_due: thousands(s.in_process_past_due),
        on_time: percent_text(page, c.on_time_ratio()),
        progress: c.score.group(Group::Progress).score.map_or_else(|| "—".to_owned(), |p| decimal(page, p)),
    }
}

fn procedure_row(page: &Page, code: &str, name: &str, field: &str, s: &UnitStats) -> ProcedureRow {
    ProcedureRow {
        code: code.to_owned(),
        name: name.to_owned(),
        field: field.to_owned(),
        received: thousands(s.received()),
        resolved: thousands(s.resolved()),
        late: thousands(s.resolved_late),
        in_process: thousands(s.in_process()),
        past_due: thousands(s.in_process_past_due),
        average_days: s.average_processing_days.map_or_else(|| "—".to_owned(), |d| decimal(page, d)),
    }
}
