//! `/admin/synonyms`: the synonym list of the catalogue search, with a box
//! to try a query and see what it finds. Every administrator reads it; the
//! province's administrators save it (`crate::routes::synonyms`).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use motcua_rules::catalogue_search::plan;
use motcua_store::ProcedureQuery;
use serde::Deserialize;

use super::AdminPage;
use crate::error::ApiResult;
use crate::routes::synonyms::{SynonymsBody, read, save};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Page, redirect_done, render};

/// Procedures shown for a tried query.
const TRY_LIMIT: u32 = 5;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/synonyms", get(show).post(store))
}

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(rename = "try")]
    try_query: Option<String>,
}

/// What a tried query became and found.
struct Tried {
    query: String,
    /// Each term of the plan, its phrases joined by " | ".
    terms: Vec<String>,
    total: u64,
    all_words: bool,
    found: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/synonyms.html")]
struct SynonymsPage {
    page: Page,
    list: SynonymsBody,
    /// The text in the box: the saved list, or what was sent back.
    text: String,
    editable: bool,
    errors: Vec<String>,
    tried: Option<Tried>,
}

impl SynonymsPage {
    /// "last saved at … by …", for a list saved since it was shipped.
    fn updated(&self) -> Option<String> {
        let at = format::datetime(self.list.updated_at?.naive_local());
        let who = self.list.updated_by.as_deref()?;
        Some(self.page.t2("adm-synonyms-updated", ("at", &at), ("who", &who)))
    }
}

async fn show(State(state): State<AppState>, admin: AdminPage, Query(p): Query<Params>) -> ApiResult<Response> {
    let list = read(&state).await?;
    let tried = match p.try_query.map(|q| q.trim().chars().take(200).collect::<String>()).filter(|q| !q.is_empty()) {
        Some(q) => Some(try_query(&state, q).await?),
        None => None,
    };
    let editable = admin.scope.is_province();
    render(&SynonymsPage { page: admin.page, text: list.text.clone(), list, editable, errors: Vec::new(), tried })
}

async fn try_query(state: &AppState, query: String) -> ApiResult<Tried> {
    let groups = motcua_rules::catalogue_search::parse_synonyms(&read(state).await?.text).unwrap_or_default();
    let terms = plan(&query, &groups)
        .terms
        .iter()
        .map(|t| t.phrases.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join(" | "))
        .collect();
    let hits = state
        .store
        .procedures(ProcedureQuery { q: Some(query.clone()), limit: TRY_LIMIT, ..Default::default() })
        .await?;
    Ok(Tried {
        query,
        terms,
        total: hits.total,
        all_words: hits.all_words,
        found: hits.items.into_iter().map(|p| (p.code, p.name)).collect(),
    })
}

#[derive(Deserialize)]
pub struct SynonymsForm {
    text: String,
}

async fn store(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(form): CsrfForm<SynonymsForm>,
) -> ApiResult<Response> {
    let province = admin.scope.province("synonyms")?;
    match save(&state, &province, &form.text).await {
        Ok(groups) => {
            tracing::info!(groups, "catalogue synonyms saved");
            Ok(redirect_done("/admin/synonyms", "adm-synonyms-saved"))
        }
        Err(errors) => {
            let status = errors[0].status;
            let errors = errors.iter().map(|e| admin.page.error_text(e)).collect();
            let list = read(&state).await?;
            let mut res =
                render(&SynonymsPage { page: admin.page, list, text: form.text, editable: true, errors, tried: None })?;
            *res.status_mut() = status;
            Ok(res)
        }
    }
}
