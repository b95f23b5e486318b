//! `/office/stats`: a unit's dashboard for a period. The headline figures,
//! the month-by-month trend, the 766 index from motcua's own counters with
//! its rank among peers, the units below (each a link one level down), per
//! procedure at the last level, and the most overdue dossiers now.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use motcua_rules::credit::Basis;
use motcua_rules::index766::{Group, INDICATORS, Indicator, MEASURED_BY_MOTCUA, Rule, Source};
use motcua_rules::period::Period;
use motcua_rules::scope::UnitRef;
use motcua_store::UnitStats;
use serde::Deserialize;

use super::{PeriodOption, count, decimal, percent_text, period_label, period_options};
use crate::dashboard::{Dashboard, UnitFigures};
use crate::error::ApiResult;
use crate::extract::Params;
use crate::routes::stats::{basis_of, period_of, unit_in_scope};
use crate::state::AppState;
use crate::web::charts::{MonthBar, ScoreBar, monthly_bars, score_bars};
use crate::web::page::{Authed, FormError, Page, render, urlencode};

#[derive(Deserialize, Default)]
pub struct StatsParams {
    unit: Option<String>,
    period: Option<String>,
    basis: Option<String>,
}

/// One choice of the basis select.
struct BasisOption {
    value: &'static str,
    label: String,
    selected: bool,
}

/// One line of the intake / handling table: a figure under each basis.
struct BothRow {
    label: String,
    intake: String,
    handling: String,
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
    bases: Vec<BasisOption>,
    /// "Số liệu theo đơn vị giải quyết" or "… tiếp nhận": what the figures,
    /// the index and the tables below are credited by.
    basis_note: String,
    both: Vec<BothRow>,
    figures: Vec<Figure>,
    rank_text: String,
    trend_svg: String,
    index_svg: String,
    indicators: Vec<IndicatorRow>,
    index_note: String,
    /// Which groups the national portal holds, in one line.
    portal_groups: String,
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
    if let Some(b) = q.basis.as_deref().filter(|b| !b.is_empty()) {
        params.insert("basis".to_owned(), b.to_owned());
    }
    let params = Params(params);
    let (period, error) = match period_of(&params, today) {
        Ok(p) => (p, None),
        // A bad period is shown on the form; the page shows this year.
        Err(e) => (period_of(&Params(Default::default()), today)?, Some(FormError::new(&a.page, &e))),
    };
    // A bad basis is refused like any other filter (422 with its field).
    let basis = basis_of(&params, &state)?;
    let unit = unit_in_scope(&state, &a.me, q.unit.as_deref().filter(|u| !u.is_empty())).await?;
    let crumbs = crumbs(&state, &a, &unit).await?;
    let steps = super::steps::rows(&state, &a.page, &unit, period).await?;
    let d = crate::dashboard::dashboard(&state, unit, basis, period).await?;
    let page = &a.page;
    let export_query = format!(
        "unit={}&period={}&basis={}",
        urlencode(&d.unit.unit.code),
        urlencode(&period.key().unwrap_or_default()),
        basis.as_str()
    );
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
        bases: Basis::ALL
            .iter()
            .rev()
            .map(|&b| BasisOption {
                value: b.as_str(),
                label: page.t(&format!("stats-basis-{}", b.as_str())),
                selected: b == basis,
            })
            .collect(),
        basis_note: page.t(&format!("stats-basis-{}-note", basis.as_str())),
        both: both_rows(page, &d),
        figures: figures(page, &d.unit),
        rank_text: match d.unit.rank {
            Some(r) => page.t2("stats-rank-among", ("rank", &r), ("of", &d.peers)),
            None => page.t("stats-rank-no-data"),
        },
        trend_svg: trend(page, &d),
        index_svg: index_chart(page, &d.unit),
        indicators: indicators(page, &d.unit),
        index_note: page.t("stats-index-note"),
        portal_groups: portal_groups(page),
        children: d.children.iter().map(|c| child_row(page, c, basis, period)).collect(),
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
            value: count(page, s.received() + s.carried_over),
            detail: msg(
                page,
                "stats-received-detail",
                &[
                    ("online", &count(page, s.received_online)),
                    ("counter", &count(page, s.received_counter + s.received_postal)),
                    ("carried", &count(page, s.carried_over)),
                ],
            ),
        },
        Figure {
            label: page.t("stats-resolved"),
            value: count(page, s.resolved()),
            detail: msg(
                page,
                "stats-resolved-detail",
                &[
                    ("early", &count(page, s.resolved_early)),
                    ("on-time", &count(page, s.resolved_on_time)),
                    ("late", &count(page, s.resolved_late)),
                ],
            ),
        },
        Figure {
            label: page.t("stats-in-process"),
            value: count(page, s.in_process()),
            detail: msg(
                page,
                "stats-in-process-detail",
                &[("within", &count(page, s.in_process_within_due)), ("past-due", &count(page, s.in_process_past_due))],
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
            value: count(page, s.supplement_requests),
            detail: msg(
                page,
                "stats-other-detail",
                &[
                    ("refused", &count(page, s.refused)),
                    ("withdrawn", &count(page, s.withdrawn)),
                    ("returned", &count(page, s.returned)),
                ],
            ),
        },
    ]
}

/// The unit's main figures under intake and under handling, side by side.
fn both_rows(page: &Page, d: &Dashboard) -> Vec<BothRow> {
    let (i, h) = (&d.both.intake, &d.both.handling);
    let row = |id: &str, f: &dyn Fn(&UnitStats) -> String| BothRow { label: page.t(id), intake: f(i), handling: f(h) };
    vec![
        row("stats-received", &|s| count(page, s.received())),
        row("stats-carried-over", &|s| count(page, s.carried_over)),
        row("stats-resolved", &|s| count(page, s.resolved())),
        row("stats-early", &|s| count(page, s.resolved_early)),
        row("stats-on-time", &|s| count(page, s.resolved_on_time)),
        row("stats-late", &|s| count(page, s.resolved_late)),
        row("stats-in-process", &|s| count(page, s.in_process())),
        row("stats-col-past-due", &|s| count(page, s.in_process_past_due)),
        row("stats-ratings", &|s| count(page, s.rated)),
        row("stats-ratings-dissatisfied", &|s| count(page, s.rated_dissatisfied)),
        row("stats-average-days", &|s| s.average_processing_days.map_or_else(|| "—".to_owned(), |x| decimal(page, x))),
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
        page.lang,
    )
}

fn group_name(page: &Page, g: Group) -> String {
    page.t(&format!("stats-group-{}", g.as_str().replace('_', "-")))
}

/// The indicators of the 766 index that motcua scores from its own data
/// (tracking-only ones give no points and are left to the table below).
fn scored_here() -> impl Iterator<Item = Indicator> {
    MEASURED_BY_MOTCUA.into_iter().filter(|i| !matches!(INDICATORS[i.index()].rule, Rule::Tracking))
}

/// One bar per indicator motcua scores. The six groups' bars were mostly
/// empty, because the portal holds the data of five of them (issue #11);
/// those are named in one line instead ([`portal_groups`]).
fn index_chart(page: &Page, f: &UnitFigures) -> String {
    let items: Vec<ScoreBar> = scored_here()
        .map(|i| {
            let def = &INDICATORS[i.index()];
            let s = f.score.indicator(i);
            let note = if s.score.is_none() {
                Some(page.t("stats-indicator-no-data"))
            } else if s.source == Source::Estimated {
                Some(page.t("stats-indicator-estimated-short"))
            } else {
                None
            };
            ScoreBar {
                label: format!("{} {}", def.id, page.pick(def.name_vi, def.name_en)),
                value: s.score,
                max: s.max,
                note,
            }
        })
        .collect();
    score_bars(&page.t("stats-index-title"), &items, page.lang)
}

/// The groups of the index that motcua does not score: the national portal
/// holds the data of all or some of their indicators (docs/index766.md). A
/// group with some indicators measured here (digitisation's 4.1–4.3 and
/// 4.6, not 4.4–4.5) is still one of them.
fn portal_groups(page: &Page) -> String {
    let held_elsewhere = |g: Group| {
        INDICATORS.iter().any(|d| {
            d.indicator.group() == g && !matches!(d.rule, Rule::Tracking) && !MEASURED_BY_MOTCUA.contains(&d.indicator)
        })
    };
    let names: Vec<String> =
        Group::ALL.into_iter().filter(|g| held_elsewhere(*g)).map(|g| group_name(page, g)).collect();
    page.t1("stats-portal-groups", "groups", &names.join("; "))
}

/// 1.1–1.3 come from the catalogue's publication dates: say so, and how
/// many procedures could not be judged for lack of a date.
fn catalogue_note(
    page: &Page,
    i: Indicator,
    source: Source,
    p: &motcua_rules::index766::publication::PublicationCounts,
) -> String {
    if source == Source::Unmeasured {
        return page.t("stats-indicator-catalogue-unmeasured");
    }
    let unmeasurable = match i {
        Indicator::PublishOnTime => p.published_unmeasurable,
        Indicator::PublicUpdateOnTime => p.public_unmeasurable,
        _ => return page.t("stats-indicator-catalogue-content"),
    };
    page.t1("stats-indicator-catalogue", "unmeasurable", &count(page, unmeasurable as i64))
}

fn indicators(page: &Page, f: &UnitFigures) -> Vec<IndicatorRow> {
    MEASURED_BY_MOTCUA
        .iter()
        .map(|&i| {
            let def = &INDICATORS[i.index()];
            let s = f.score.indicator(i);
            let note = if matches!(def.rule, Rule::Tracking) {
                page.t("stats-indicator-tracking")
            } else if s.source == Source::Estimated && i == Indicator::ElectronicResult {
                page.t("stats-indicator-estimated-e-result")
            } else if s.source == Source::Estimated && i == Indicator::DigitisedComponents {
                page.t("stats-indicator-estimated-digitised")
            } else if s.source == Source::Estimated && i == Indicator::ElectronicCertifiedCopy {
                page.t("stats-indicator-estimated-certified-copy")
            } else if s.source == Source::Estimated && i == Indicator::PetitionSatisfaction {
                page.t("stats-indicator-estimated-petition")
            } else if s.source == Source::Estimated && i == Indicator::PaymentDossiers {
                page.t("stats-indicator-estimated-paid-online")
            } else if s.source == Source::Estimated
                && matches!(i, Indicator::PaymentFormalityIntegrated | Indicator::PaymentFormalityTransactions)
            {
                page.t("stats-indicator-estimated-fee-procedures")
            } else if matches!(
                i,
                Indicator::PublishOnTime | Indicator::PublicUpdateOnTime | Indicator::PublicContentFull
            ) {
                catalogue_note(page, i, s.source, &f.publication)
            } else if s.source == Source::Estimated {
                page.t("stats-indicator-estimated")
            } else if s.provisional {
                page.t("stats-indicator-provisional")
            } else {
                String::new()
            };
            // 5.4 is estimated from the citizens' ratings: show theirs (the
            // ratings given and the dissatisfied ones), not the 2.1 dossiers
            // its formula divides by.
            let counts = if i == Indicator::DossierSatisfaction {
                let st = &f.stats;
                crate::web::i18n::message(
                    page.lang,
                    "stats-ratings-counts",
                    &[
                        ("dissatisfied", count(page, st.rated_dissatisfied).as_str()),
                        ("rated", count(page, st.rated).as_str()),
                    ],
                )
            } else {
                format!("{} / {}", count(page, s.numerator as i64), count(page, s.denominator as i64))
            };
            IndicatorRow {
                id: def.id,
                name: page.pick(def.name_vi, def.name_en),
                counts,
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

fn child_row(page: &Page, c: &UnitFigures, basis: Basis, period: Period) -> ChildRow {
    let s = &c.stats;
    let href = format!(
        "/office/stats?unit={}&period={}&basis={}",
        urlencode(&c.unit.code),
        urlencode(&period.key().unwrap_or_default()),
        basis.as_str()
    );
    if c.no_data {
        // "No data": not ranked, and no zeros that read as a score.
        let dash = || "—".to_owned();
        return ChildRow {
            rank: page.t("stats-no-data"),
            href,
            code: c.unit.code.clone(),
            name: c.unit.name.clone(),
            received: dash(),
            resolved: dash(),
            late: dash(),
            past_due: dash(),
            on_time: dash(),
            progress: dash(),
        };
    }
    ChildRow {
        rank: c.rank.map_or_else(String::new, |r| r.to_string()),
        href,
        code: c.unit.code.clone(),
        name: c.unit.name.clone(),
        received: count(page, s.received()),
        resolved: count(page, s.resolved()),
        late: count(page, s.resolved_late),
        past_due: count(page, s.in_process_past_due),
        on_time: percent_text(page, c.on_time_ratio()),
        progress: c.score.group(Group::Progress).score.map_or_else(|| "—".to_owned(), |p| decimal(page, p)),
    }
}

fn procedure_row(page: &Page, code: &str, name: &str, field: &str, s: &UnitStats) -> ProcedureRow {
    ProcedureRow {
        code: code.to_owned(),
        name: name.to_owned(),
        field: field.to_owned(),
        received: count(page, s.received()),
        resolved: count(page, s.resolved()),
        late: count(page, s.resolved_late),
        in_process: count(page, s.in_process()),
        past_due: count(page, s.in_process_past_due),
        average_days: s.average_processing_days.map_or_else(|| "—".to_owned(), |d| decimal(page, d)),
    }
}
