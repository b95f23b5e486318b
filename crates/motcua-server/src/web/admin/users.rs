//! `/admin/users`: the staff of the administrator's subtree, and the form
//! that creates an account.
//!
//! The store has no operation to deactivate an account or change its role
//! yet, so the list shows those facts without controls for them.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use motcua_rules::Role;
use motcua_store::model::User;
use serde::Deserialize;

use super::{AdminPage, TreeUnit, form_errors, unit_tree};
use crate::error::{ApiError, ApiResult};
use crate::routes::units::{UserRequest, create_staff_user, list_users};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/users", get(users_page).post(add_user))
}

/// The roles an administrator gives to staff, in the order of the select.
const STAFF_ROLES: [Role; 4] = [Role::CounterOfficer, Role::Specialist, Role::Leader, Role::Admin];

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: Page,
    users: Vec<User>,
    units: Vec<TreeUnit>,
    unit_names: HashMap<i64, String>,
    form: UserForm,
    error: Option<FormError>,
}

form_errors!(UsersPage);

impl UsersPage {
    fn role_name(&self, role: &Role) -> String {
        self.page.t(&format!("role-{}", role.as_str()))
    }

    fn roles(&self) -> &'static [Role] {
        &STAFF_ROLES
    }

    fn unit_name(&self, user: &User) -> String {
        user.unit_id.and_then(|id| self.unit_names.get(&id).cloned()).unwrap_or_else(|| "—".into())
    }

    /// The units a new account may belong to (the administrator's subtree).
    fn unit_choices(&self) -> impl Iterator<Item = &TreeUnit> {
        self.units.iter().filter(|t| t.in_scope)
    }
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

async fn show(state: &AppState, admin: AdminPage, form: UserForm, error: Option<FormError>) -> ApiResult<Response> {
    let scope = admin.me.staff_scope()?;
    let users = list_users(state, &admin.me).await?;
    let units = unit_tree(state.store.units().await?, Some(&scope));
    let unit_names = units.iter().map(|t| (t.unit.id, t.unit.name.clone())).collect();
    render(&UsersPage { page: admin.page, users, units, unit_names, form, error })
}

async fn users_page(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    let form = UserForm {
        role: Role::Specialist.as_str().into(),
        unit_id: admin.me.user.unit_id.map(|id| id.to_string()).unwrap_or_default(),
        ..UserForm::default()
    };
    show(&state, admin, form, None).await
}

async fn add_user(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(mut form): CsrfForm<UserForm>,
) -> ApiResult<Response> {
    let result = async {
        let role = Role::parse(form.role.trim()).ok_or_else(|| {
            ApiError::invalid("invalid_role", "role", "Chọn một vai trò trong danh sách", "Choose a role from the list")
        })?;
        let unit_id = form.unit_id.trim().parse().map_err(|_| {
            ApiError::invalid("required", "unit_id", "Cần chọn đơn vị công tác", "Choose the unit the person works in")
        })?;
        let req = UserRequest {
            username: form.username.clone(),
            password: std::mem::take(&mut form.password),
            full_name: form.full_name.clone(),
            role,
            unit_id,
        };
        create_staff_user(&state, &admin.me, req).await
    }
    .await;
    match result {
        Ok(user) => {
            tracing::info!(user.id = user.id, "staff account created");
            Ok(redirect_done("/admin/users", "adm-user-created"))
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&admin.page, &e));
            let mut res = show(&state, admin, form, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
