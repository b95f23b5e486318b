//! `/admin/users/{id}/reset-password`: an administrator resets a staff
//! account of their units. A confirmation page first (the account's
//! sessions end), then the temporary password, shown once.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use motcua_store::model::User;
use serde::Deserialize;

use super::AdminPage;
use crate::error::{ApiError, ApiResult};
use crate::routes::account::reset_password;
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, render};

#[derive(Template)]
#[template(path = "admin/user_reset.html")]
struct ResetPage {
    page: Page,
    user: User,
    /// Set once the reset is done: shown on this answer only.
    temporary_password: Option<String>,
}

/// The staff member `id` of the administrator's units; 404 or 403 else.
async fn staff_member(state: &AppState, admin: &AdminPage, id: i64) -> ApiResult<User> {
    let user =
        state.store.user(id).await?.ok_or_else(|| ApiError::coded(StatusCode::NOT_FOUND, "user_not_found", None))?;
    admin.scope.staff_member(user)
}

/// The question: reset this account's password?
pub(super) async fn confirm(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let user = staff_member(&state, &admin, id).await?;
    render(&ResetPage { page: admin.page, user, temporary_password: None })
}

#[derive(Deserialize)]
pub(super) struct Empty {}

/// The reset: a temporary password, shown on this page only.
pub(super) async fn reset(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> ApiResult<Response> {
    let done = reset_password(&state, &admin.scope, id).await?;
    render(&ResetPage { page: admin.page, user: done.user, temporary_password: Some(done.temporary_password) })
}
