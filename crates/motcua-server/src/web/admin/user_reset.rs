//! `/admin/users/{id}/reset-password`: an administrator resets a staff
//! account of their units. A confirmation page first (the account's
//! sessions end), then the temporary password, shown once.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use motcua_store::model::User;

use super::AdminPage;
use crate::error::ApiResult;
use crate::routes::account::reset_password;
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, TokenOnly};
use crate::web::page::{Page, render};

#[derive(Template)]
#[template(path = "admin/user_reset.html")]
struct ResetPage {
    page: Page,
    user: User,
    /// Set once the reset is done: shown on this answer only.
    temporary_password: Option<String>,
}

/// The question: reset this account's password?
pub(super) async fn confirm(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let user = admin.scope.staff_user(&state, id).await?;
    render(&ResetPage { page: admin.page, user, temporary_password: None })
}

/// The reset: a temporary password, shown on this page only.
pub(super) async fn reset(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<TokenOnly>,
) -> ApiResult<Response> {
    let done = reset_password(&state, &admin.scope, id).await?;
    render(&ResetPage { page: admin.page, user: done.user, temporary_password: Some(done.temporary_password) })
}
