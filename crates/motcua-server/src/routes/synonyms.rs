//! The catalogue search's synonym list (từ đồng nghĩa): read by any
//! administrator, replaced by the province's, since the catalogue and its
//! search are the province's (docs/catalogue-search.md).

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, FixedOffset};
use motcua_rules::catalogue_search::parse_synonyms;
use serde::{Deserialize, Serialize};

use crate::admin_scope::{AdminScope, ProvinceAdmin};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct SynonymsBody {
    /// One group per line, phrases separated by commas: a citizen's query
    /// with one phrase of a group finds procedures with any phrase of it.
    pub text: String,
    /// How many groups the list has.
    pub groups: usize,
    /// When the list was last saved (absent: the shipped list).
    pub updated_at: Option<DateTime<FixedOffset>>,
    /// Who saved it last.
    pub updated_by: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SynonymsUpdate {
    /// The whole list, as in [`SynonymsBody::text`].
    pub text: String,
}

/// The longest list text accepted, in bytes: 500 groups of 12 phrases of
/// 80 characters fit several times over.
pub const MAX_TEXT_BYTES: usize = 200_000;

/// The synonym list of the catalogue search.
#[utoipa::path(get, path = "/api/v1/catalogue/synonyms", tag = "procedures",
    responses((status = 200, body = SynonymsBody)))]
pub async fn get(State(state): State<AppState>, _admin: AdminScope) -> ApiResult<Json<SynonymsBody>> {
    Ok(Json(read(&state).await?))
}

/// Replaces the synonym list (the province's administrators). Every line is
/// checked; the first mistake is answered (422, field `synonyms`, the line
/// in the message) and nothing is saved.
#[utoipa::path(put, path = "/api/v1/catalogue/synonyms", tag = "procedures", request_body = SynonymsUpdate,
    responses((status = 200, body = SynonymsBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    admin: AdminScope,
    ApiJson(body): ApiJson<SynonymsUpdate>,
) -> ApiResult<Json<SynonymsBody>> {
    let province = admin.province("synonyms")?;
    save(&state, &province, &body.text).await.map_err(|mut errors| errors.remove(0))?;
    Ok(Json(read(&state).await?))
}

pub async fn read(state: &AppState) -> ApiResult<SynonymsBody> {
    let list = state.store.synonym_list().await?;
    let offset = FixedOffset::east_opt(7 * 3600).expect("UTC+7");
    Ok(SynonymsBody {
        text: list.text,
        groups: list.groups,
        updated_at: list.updated_at.and_then(|t| t.and_local_timezone(offset).single()),
        updated_by: list.updated_by,
    })
}

/// Checks and stores the list; every mistake at once (the page lists them
/// all, the API answers the first). Shared with the administrator's page.
pub async fn save(state: &AppState, admin: &ProvinceAdmin, text: &str) -> Result<usize, Vec<ApiError>> {
    if text.len() > MAX_TEXT_BYTES {
        let e = motcua_rules::RuleError::invalid("text_too_long", "synonyms")
            .arg("n", text.chars().count())
            .arg("max", MAX_TEXT_BYTES);
        return Err(vec![e.into()]);
    }
    let groups = parse_synonyms(text).map_err(|errors| errors.into_iter().map(ApiError::from).collect::<Vec<_>>())?;
    state.store.replace_synonyms(groups, admin.user_id(), state.now()).await.map_err(|e| vec![e.into()])
}
