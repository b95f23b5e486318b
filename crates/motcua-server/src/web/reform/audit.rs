//! `/reform/campaigns/{id}/audit`: a campaign's log in words, newest
//! first, a page at a time: who (name and unit), what they did, to which
//! unit and item, the score before and after and the reason. The store
//! keeps machine keys (`entry.appraise`, `campaign:1/unit:27/entry:8.2`,
//! JSON before and after) so the log never depends on how a page words it;
//! this module words them, in the page's language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use motcua_rules::par::{Percent, Points, ValidFramework};
use motcua_store::AuditLine;
use motcua_store::reform::{Campaign, CampaignStatus};
use serde_json::Value;

use super::{ReformPage, pct, pts, status_name};
use crate::error::ApiResult;
use crate::routes::reform_campaigns::office_campaign;
use crate::state::AppState;
use crate::web::format::datetime;
use crate::web::page::{Page, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/reform/campaigns/{id}/audit", get(audit_page))
}

/// Lines per page of the full log.
pub const PAGE_LINES: i64 = 50;

/// One line of the log, in words.
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub unit: String,
    pub what: String,
    /// The unit and item acted on ("Phường Thục Phán · 1.2 Thực hiện …").
    pub subject: String,
    /// "1,5 → 1" for a score, "Đang thẩm định → Đã công bố" for a status.
    pub change: Option<String>,
    pub reason: Option<String>,
}

/// A score held in an audit value (`{"kind": "assessed", "self_score": 1.5}`).
fn points(v: &Value, key: &str) -> Option<Points> {
    v.get(key)?.as_f64().map(Points::from_f64_rounded)
}

/// What an entry's value holds for a reader: the appraised score when the
/// action is an appraisal, else the figure entered.
fn entry_value(page: &Page, v: &Value, appraisal: bool) -> Option<String> {
    let kind = v.get("kind")?.as_str()?;
    Some(match kind {
        "assessed" if appraisal => pts(page, points(v, "appraised").or_else(|| points(v, "self_score"))?),
        "assessed" => pts(page, points(v, "self_score")?),
        "survey" | "adjustment" => pts(page, points(v, "points")?),
        "sipas" => {
            format!("{}%", pct(page, Percent::from_hundredths((v.get("percent")?.as_f64()? * 100.0).round() as i64)))
        }
        "computed" => format!("{} / {}", v.get("numerator")?, v.get("denominator")?),
        _ => return None,
    })
}

/// The change a line records, in words.
fn change(page: &Page, line: &AuditLine) -> (Option<String>, Option<String>) {
    let e = &line.entry;
    let (before, after) = (e.before.as_ref(), e.after.as_ref());
    match e.action.as_str() {
        a if a.starts_with("entry.") => {
            let appraisal = a == "entry.appraise";
            // Before an appraisal the score the office changes is the unit's own.
            let old = before.and_then(|b| entry_value(page, b, appraisal));
            let new = after.and_then(|v| entry_value(page, v, appraisal));
            let reason = if appraisal {
                after.and_then(|v| v.get("reason")).and_then(Value::as_str).map(str::to_owned)
            } else {
                None
            };
            let change = match (old, new) {
                // An appraisal that keeps the unit's score says so.
                (Some(o), Some(n)) if o == n => Some(format!("{n} ({})", page.t("rf-audit-kept"))),
                (Some(o), Some(n)) => Some(format!("{o} → {n}")),
                (None, Some(n)) => Some(format!("— → {n}")),
                _ => None,
            };
            (change, reason)
        }
        "campaign.status" | "campaign.create" => {
            let name = |v: Option<&Value>| {
                v.and_then(|v| v.get("status")?.as_str()).and_then(CampaignStatus::parse).map(|s| status_name(page, s))
            };
            match (name(before), name(after)) {
                (Some(o), Some(n)) => (Some(format!("{o} → {n}")), None),
                (None, Some(n)) => (Some(n), None),
                _ => (None, None),
            }
        }
        "campaign.deadline" => {
            let day = |v: Option<&Value>| v.and_then(|v| v.get("deadline")?.as_str().map(str::to_owned));
            let show =
                |s: String| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M:%S").map(datetime).unwrap_or(s);
            match (day(before), day(after)) {
                (Some(o), Some(n)) => (Some(format!("{} → {}", show(o), show(n))), None),
                _ => (None, None),
            }
        }
        "unit.submit" if after.and_then(|v| v.get("late")).and_then(Value::as_bool) == Some(true) => {
            (Some(page.t("rf-late")), None)
        }
        _ => (None, None),
    }
}

/// The unit and item an entity key names, in words.
fn subject(page: &Page, campaign: &Campaign, fw: Option<&ValidFramework>, entity: &str) -> String {
    let mut parts = Vec::new();
    for segment in entity.split('/') {
        match segment.split_once(':') {
            Some(("campaign", _)) if !entity.contains('/') => parts.push(campaign.name.clone()),
            Some(("unit", id)) => {
                let unit = id.parse::<i64>().ok().and_then(|id| campaign.unit(id));
                parts.push(unit.map_or_else(|| format!("#{id}"), |u| u.name.clone()));
            }
            Some(("entry", code)) => {
                let name = fw.and_then(|f| f.leaf(code)).map(|l| l.name.as_str()).unwrap_or("");
                parts.push(format!("{code} {name}").trim().to_owned());
            }
            Some(("evidence", _)) => parts.push(page.t("rf-audit-evidence")),
            _ => {}
        }
    }
    parts.join(" · ")
}

/// The lines of a page of the log, in words.
pub fn rows(page: &Page, campaign: &Campaign, fw: Option<&ValidFramework>, lines: &[AuditLine]) -> Vec<AuditRow> {
    lines
        .iter()
        .map(|l| {
            let id = format!("rf-act-{}", l.entry.action.replace(['.', '_'], "-"));
            let what = if crate::web::i18n::has(page.lang, &id) { page.t(&id) } else { l.entry.action.clone() };
            let (change, reason) = change(page, l);
            AuditRow {
                id: l.entry.id,
                at: datetime(l.entry.at),
                who: l.actor_name.clone().unwrap_or_else(|| page.t("rf-audit-system")),
                unit: l.actor_unit.clone().unwrap_or_default(),
                what,
                subject: subject(page, campaign, fw, &l.entry.entity),
                change,
                reason,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "reform/audit.html")]
struct AuditPageView {
    page: Page,
    campaign: Campaign,
    audit_rows: Vec<AuditRow>,
    /// The next (older) page's `before`.
    older: Option<i64>,
    /// Whether this is a later page (a link back to the newest).
    deeper: bool,
}

#[derive(serde::Deserialize)]
struct AuditQuery {
    before: Option<i64>,
}

async fn audit_page(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Response> {
    let campaign = office_campaign(&state, &p.me, id).await?;
    let fw = state.store.framework(campaign.province_id, campaign.framework_id).await.ok().map(|f| f.framework);
    let log = state.store.campaign_audit_page(id, q.before, PAGE_LINES).await?;
    let audit_rows = rows(&p.page, &campaign, fw.as_ref(), &log.lines);
    render(&AuditPageView { page: p.page, campaign, audit_rows, older: log.older, deeper: q.before.is_some() })
}
