//! Statistics pages: a unit's dashboard with drill-down (province →
//! commune → procedure), its exports (the periodic report and the 766 table
//! in Excel and CSV), and the public ranking of units.
//!
//! The figures come from `crate::dashboard`, which the JSON API uses too;
//! these pages only lay them out, with SVG charts drawn on the server
//! (`web::charts`), so they need no script.

mod dashboard;
mod exports;
mod portal_scores;
mod ranking;
mod steps;

use axum::Router;
use axum::routing::get;
use chrono::{Datelike, NaiveDate};
use motcua_rules::period::Period;

use super::page::Page;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/office/stats", get(dashboard::show))
        .route("/office/stats/export/{file}", get(exports::download))
        .route("/ranking", get(ranking::show))
        .route("/office/portal-scores", get(portal_scores::show).post(portal_scores::record))
}

/// One choice of a period select.
pub struct PeriodOption {
    pub key: String,
    pub label: String,
    pub selected: bool,
}

/// The periods offered: this year and last year, their quarters and
/// months, latest first, up to `today`. A custom range (from the API or a
/// typed link) is kept as an extra first option.
pub fn period_options(page: &Page, today: NaiveDate, current: Period) -> Vec<PeriodOption> {
    let mut out = Vec::new();
    let mut push = |p: Period| {
        if let Some(key) = p.key() {
            out.push(PeriodOption { label: period_label(page, p), selected: p == current, key });
        }
    };
    for year in [today.year(), today.year() - 1] {
        push(Period::year(year).expect("valid year"));
        for q in (1..=4).rev() {
            let p = Period::quarter(year, q).expect("valid quarter");
            if p.from <= today {
                push(p);
            }
        }
        for m in (1..=12).rev() {
            let p = Period::month(year, m).expect("valid month");
            if p.from <= today {
                push(p);
            }
        }
    }
    if !out.iter().any(|o| o.selected) {
        out.insert(0, PeriodOption { key: String::new(), label: period_label(page, current), selected: true });
    }
    out
}

/// "Năm 2026", "Quý I/2026", "Tháng 3/2026", or "01/01/2026 – 22/11/2026".
pub fn period_label(page: &Page, p: Period) -> String {
    let key = p.key().unwrap_or_default();
    let year = p.from.year();
    if key.len() == 4 {
        page.t1("stats-period-year", "year", &year)
    } else if key.contains('Q') {
        let q = p.from.month().div_ceil(3);
        let roman = ["I", "II", "III", "IV"][q as usize - 1];
        page.t2("stats-period-quarter", ("quarter", &roman), ("year", &year))
    } else if !key.is_empty() {
        page.t2("stats-period-month", ("month", &p.from.month()), ("year", &year))
    } else {
        page.t2("stats-period-range", ("from", &super::format::date(p.from)), ("to", &super::format::date(p.to)))
    }
}

/// A ratio as "85,71 %" (Vietnamese) or "85.71%" (English).
pub fn percent_text(page: &Page, ratio: Option<f64>) -> String {
    match ratio {
        Some(r) => page.t1("stats-percent", "value", &decimal(page, motcua_rules::index766::percent(r))),
        None => "—".to_owned(),
    }
}

/// A number with 2 decimals: `1.234,56` in Vietnamese, `1,234.56` in
/// English (`web::format::fixed`).
pub fn decimal(page: &Page, x: f64) -> String {
    super::format::fixed(x, 2, page.lang)
}

/// A count: `1.261` in Vietnamese, `1,261` in English (`web::format::count`).
pub fn count(page: &Page, n: i64) -> String {
    super::format::count(n, page.lang)
}
