//! `/admin/users`: the staff of the administrator's subtree, the form that
//! creates an account, and on each row a form that changes its role and
//! unit or deactivates it (its sessions end at once).

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use motcua_rules::Role;
use motcua_store::model::{User, UserChange};
use serde::Deserialize;

use super::{AdminPage, TreeUnit, form_errors, unit_tree};
use crate::error::{ApiError, ApiResult};
use crate::routes::units::{UserRequest, create_staff_user, list_users};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users_page).post(add_user))
        .route("/admin/users/{id}", post(change_user))
        .route("/admin/users/{id}/reset-password", get(super::user_reset::confirm).post(super::user_reset::reset))
}

/// The roles an administrator gives to staff, in the order of the select.
const STAFF_ROLES: [Role; 5] = [Role::CounterOfficer, Role::Specialist, Role::Leader, Role::ReformOfficer, Role::Admin];

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: Page,
    users: Vec<User>,
    units: Vec<TreeUnit>,
    unit_names: HashMap<i64, String>,
    form: UserForm,
    error: Option<FormError>,
    /// A refused change of one row: the user's id and why.
    row_error: Option<(i64, FormError)>,
    /// Whether the administrator is the province's: only they grant the
    /// reform officer role, so only their selects offer it.
    province: bool,
}

form_errors!(UsersPage);

impl UsersPage {
    fn role_name(&self, role: &Role) -> String {
        self.page.t(&format!("role-{}", role.as_str()))
    }

    fn roles(&self) -> Vec<Role> {
        STAFF_ROLES.into_iter().filter(|r| self.province || *r != Role::ReformOfficer).collect()
    }

    /// The roles of a row's select: those the administrator grants, plus
    /// the one the user holds (kept when the row only moves the user).
    fn row_roles(&self, user: &User) -> Vec<Role> {
        STAFF_ROLES.into_iter().filter(|r| self.province || *r != Role::ReformOfficer || *r == user.role).collect()
    }

    fn unit_name(&self, user: &User) -> String {
        user.unit_id.and_then(|id| self.unit_names.get(&id).cloned()).unwrap_or_else(|| "—".into())
    }

    /// The message of a refused change, when it was this row's.
    fn row_error_for(&self, user: &User) -> Option<&FormError> {
        self.row_error.as_ref().filter(|(id, _)| *id == user.id).map(|(_, e)| e)
    }

    /// The units a new account may belong to (the administrator's subtree).
    fn unit_choices(&self) -> impl Iterator<Item = &TreeUnit> {
        self.units.iter().filter(|t| t.in_scope)
    }
}

/// The question before an account is locked: whose, and what it does.
fn ask_lock(admin: AdminPage, user: User, form: &ChangeForm) -> ApiResult<Response> {
    let page = admin.page;
    let facts = vec![
        (page.t("username"), user.username.clone()),
        (page.t("full-name"), user.full_name.clone()),
        (page.t("adm-user-role"), page.t(&format!("role-{}", user.role.as_str()))),
    ];
    crate::web::confirm::ConfirmPage {
        title: page.t1("confirm-lock-title", "username", &user.username),
        effect: page.t("confirm-effect-lock"),
        facts,
        action: format!("/admin/users/{}", user.id),
        fields: vec![("role".to_owned(), form.role.clone()), ("unit_id".to_owned(), form.unit_id.clone())],
        confirm: page.t("confirm-lock-do"),
        cancel: "/admin/users".to_owned(),
        page,
    }
    .render()
}

/// The form on each row: the new role, unit and active flag.
#[derive(Debug, Clone, Default, Deserialize)]
struct ChangeForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_id: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    active: Option<String>,
    /// `yes` once the administrator answered the question asked before an
    /// account is locked (`web::confirm`).
    #[serde(default)]
    confirm: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_id: String,
    /// Never shown again: a refused form asks for it anew.
    #[serde(default)]
    password: String,
}

async fn show(
    state: &AppState,
    admin: AdminPage,
    form: UserForm,
    error: Option<FormError>,
    row_error: Option<(i64, FormError)>,
) -> ApiResult<Response> {
    let users = list_users(state, &admin.scope).await?;
    let units = unit_tree(state.store.units().await?, Some(admin.scope.unit()));
    let unit_names = units.iter().map(|t| (t.unit.id, t.unit.name.clone())).collect();
    let province = admin.scope.is_province();
    render(&UsersPage { page: admin.page, users, units, unit_names, form, error, row_error, province })
}

/// The empty form for a new account: a specialist of the administrator's unit.
fn new_user_form(admin: &AdminPage) -> UserForm {
    UserForm {
        role: Role::Specialist.as_str().into(),
        unit_id: admin.me.user.unit_id.map(|id| id.to_string()).unwrap_or_default(),
        ..UserForm::default()
    }
}

async fn users_page(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    let form = new_user_form(&admin);
    show(&state, admin, form, None, None).await
}

async fn add_user(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(mut form): CsrfForm<UserForm>,
) -> ApiResult<Response> {
    let result = async {
        let role = Role::parse(form.role.trim())
            .ok_or_else(|| ApiError::unprocessable("invalid_role", "role").arg("case", "choose"))?;
        let unit_id = form
            .unit_id
            .trim()
            .parse()
            .map_err(|_| ApiError::unprocessable("required", "unit_id").arg("case", "user-unit"))?;
        let req = UserRequest {
            username: form.username.clone(),
            password: std::mem::take(&mut form.password),
            full_name: form.full_name.clone(),
            role,
            unit_id,
        };
        create_staff_user(&state, &admin.scope, req).await
    }
    .await;
    match result {
        Ok(user) => {
            tracing::info!(user.id = user.id, "staff account created");
            Ok(redirect_done("/admin/users", "adm-user-created"))
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&admin.page, &e));
            let mut res = show(&state, admin, form, error, None).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

async fn change_user(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ChangeForm>,
) -> ApiResult<Response> {
    // Locking an account ends its sessions at once: asked first.
    if form.active.is_none() && !crate::web::confirm::given(form.confirm.as_deref()) && id != admin.me.user.id {
        let target = admin.scope.staff_user(&state, id).await?;
        if target.active {
            return ask_lock(admin, target, &form);
        }
    }
    let result = async {
        let me = &admin.me;
        let scope = &admin.scope;
        // Only staff of the administrator's subtree, as the list shows them.
        let target = scope.staff_user(&state, id).await?;
        // Staff have a unit and citizens none: the store checks it (`user_unit`).
        let role = Role::parse(form.role.trim())
            .ok_or_else(|| ApiError::unprocessable("invalid_role", "role").arg("role", form.role.trim()))?;
        // Granting the reform officer role is the province's (an unchanged
        // role is kept: a commune may still move or deactivate such a user).
        let role = if role == target.role { role } else { scope.grantable(role)? };
        let unit_id: i64 = form.unit_id.trim().parse().map_err(|_| ApiError::unprocessable("user_unit", "unit_id"))?;
        let unit =
            state.store.unit(unit_id).await?.ok_or_else(|| ApiError::unprocessable("unknown_unit", "unit_id"))?;
        let unit = scope.chosen_unit(unit, "unit_id")?;
        let change = UserChange { role, unit_id: Some(unit.id), active: form.active.is_some() };
        // An administrator keeps their own account as it is: deactivating,
        // demoting or moving it would lock them out of these pages.
        if id == me.user.id && (change.role != target.role || change.unit_id != target.unit_id || !change.active) {
            return Err(ApiError::coded(StatusCode::CONFLICT, "cannot_change_self", Some("active")));
        }
        Ok(state.store.update_user(id, change, state.now()).await?)
    }
    .await;
    match result {
        Ok(user) => {
            tracing::info!(user.id = user.id, admin.id = admin.me.user.id, "staff account changed");
            Ok(redirect_done("/admin/users", "adm-user-changed"))
        }
        Err(e) if is_form_error(&e) => {
            let row_error = Some((id, FormError::new(&admin.page, &e)));
            let form = new_user_form(&admin);
            let mut res = show(&state, admin, form, None, row_error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
