//! `/admin/notifications`: whether notices can go out (the channels
//! configured; none by default, and the page says so), how many are in
//! each state, and the escalation rules of the administrator's units and
//! procedures, with a form to set or remove one (docs/notifications.md).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use motcua_rules::escalation::EscalationRule;
use motcua_rules::{Problems, RuleError};
use serde::Deserialize;

use super::AdminPage;
use crate::error::{ApiError, ApiResult};
use crate::routes::notifications::{RuleBody, rules_of, scope_of};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, TokenOnly};
use crate::web::page::{FormError, Page, is_form_error, redirect_done, refused_with, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/notifications", get(show))
        .route("/admin/notifications/rules", post(save))
        .route("/admin/notifications/rules/{scope}/{code}/delete", post(remove))
}

struct RuleRow {
    scope: String,
    scope_path: &'static str,
    code: String,
    name: String,
    warn: String,
    leader: String,
    second: String,
}

#[derive(Template)]
#[template(path = "admin/notifications.html")]
struct NotificationsPage {
    page: Page,
    channels: Option<String>,
    counts: String,
    default_rule: String,
    rules: Vec<RuleRow>,
    form: RuleForm,
    error: Option<FormError>,
}

#[derive(Deserialize, Default, Clone)]
struct RuleForm {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    warn_hours: String,
    #[serde(default)]
    leader_when_overdue: Option<String>,
    #[serde(default)]
    second_level_hours: String,
}

fn hours(v: Option<u32>) -> String {
    v.map_or_else(|| "—".to_owned(), |h| h.to_string())
}

async fn render_page(state: &AppState, a: AdminPage, form: RuleForm, error: Option<FormError>) -> ApiResult<Response> {
    let page = &a.page;
    let configured: Vec<String> =
        state.channels().configured().into_iter().map(|c| page.t(&format!("ntf-channel-{}", c.as_str()))).collect();
    let channels = (!configured.is_empty()).then(|| page.t1("ntf-admin-configured", "list", &configured.join(", ")));
    let c = state.store.notification_counts().await?;
    let counts = crate::web::i18n::message(
        page.lang,
        "ntf-admin-counts",
        &[
            ("sent", &c.sent.to_string()),
            ("pending", &c.pending.to_string()),
            ("retrying", &c.retrying.to_string()),
            ("failed", &c.failed.to_string()),
            ("not_sent", &c.not_sent.to_string()),
        ],
    );
    let default_rule = page.t1("ntf-admin-default", "warn", &hours(EscalationRule::default().warn_hours));
    let answer = rules_of(state, &a.scope).await?;
    let yes_no = |b: bool| page.t(if b { "ntf-yes" } else { "ntf-no" });
    let rules = answer
        .rules
        .into_iter()
        .map(|l| RuleRow {
            scope: page.t(&format!("ntf-admin-scope-{}", l.scope)),
            scope_path: if l.scope == "unit" { "units" } else { "procedures" },
            code: l.code,
            name: l.name,
            warn: hours(l.rule.warn_hours),
            leader: yes_no(l.rule.leader_when_overdue),
            second: hours(l.rule.second_level_hours),
        })
        .collect();
    render(&NotificationsPage { page: a.page, channels, counts, default_rule, rules, form, error })
}

async fn show(State(state): State<AppState>, a: AdminPage) -> ApiResult<Response> {
    let form = RuleForm { scope: "units".into(), leader_when_overdue: Some("on".into()), ..RuleForm::default() };
    render_page(&state, a, form, None).await
}

/// The rule the form states, or every mistake at once.
fn parse(f: &RuleForm) -> Result<EscalationRule, ApiError> {
    let mut p = Problems::new();
    let mut number = |v: &str, field: &str| -> Option<u32> {
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        match v.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                p.add(
                    RuleError::invalid("escalation_hours_invalid", field)
                        .arg("max", motcua_rules::escalation::MAX_HOURS),
                );
                None
            }
        }
    };
    let rule = EscalationRule {
        warn_hours: number(&f.warn_hours, "warn_hours"),
        leader_when_overdue: f.leader_when_overdue.is_some(),
        second_level_hours: number(&f.second_level_hours, "second_level_hours"),
    };
    if let Err(errors) = rule.check() {
        errors.into_iter().for_each(|e| p.add(e));
    }
    if p.is_empty() { Ok(rule) } else { Err(p.into()) }
}

async fn save(State(state): State<AppState>, a: AdminPage, CsrfForm(f): CsrfForm<RuleForm>) -> ApiResult<Response> {
    let result = async {
        let rule = parse(&f)?;
        let scope = scope_of(&state, &a.scope, f.scope.trim(), f.code.trim()).await?;
        state.store.set_escalation_rule(scope, rule, a.me.user.id, state.now()).await?;
        Ok::<_, ApiError>(RuleBody::from(rule))
    }
    .await;
    match result {
        Ok(_) => Ok(redirect_done("/admin/notifications", "rule-saved")),
        Err(e) if is_form_error(&e) || e.status == axum::http::StatusCode::NOT_FOUND => {
            let error = Some(FormError::new(&a.page, &e));
            Ok(refused_with(render_page(&state, a, f, error).await?, &e))
        }
        Err(e) => Err(e),
    }
}

async fn remove(
    State(state): State<AppState>,
    a: AdminPage,
    Path((scope, code)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<TokenOnly>,
) -> ApiResult<Response> {
    let scope = scope_of(&state, &a.scope, &scope, &code).await?;
    state.store.delete_escalation_rule(scope).await?;
    Ok(redirect_done("/admin/notifications", "rule-deleted"))
}
