//! `/admin/units`: the unit tree and the form that adds a unit under a parent.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::{AdminPage, TreeUnit, form_errors, level_name, unit_tree};
use crate::error::ApiResult;
use crate::routes::units::{LEVELS, UnitRequest, create_unit};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/units", get(units_page).post(add_unit))
}

#[derive(Template)]
#[template(path = "admin/units.html")]
struct UnitsPage {
    page: Page,
    tree: Vec<TreeUnit>,
    levels: &'static [&'static str],
    form: UnitForm,
    error: Option<FormError>,
}

form_errors!(UnitsPage);

impl UnitsPage {
    fn level(&self, level: &str) -> String {
        level_name(&self.page, level)
    }

    /// The units a new unit may go under (the administrator's subtree).
    fn parents(&self) -> impl Iterator<Item = &TreeUnit> {
        self.tree.iter().filter(|t| t.in_scope)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
struct UnitForm {
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    level: String,
}

async fn show(state: &AppState, admin: AdminPage, form: UnitForm, error: Option<FormError>) -> ApiResult<Response> {
    let scope = admin.scope.unit().clone();
    let tree = unit_tree(state.store.units().await?, Some(&scope));
    render(&UnitsPage { page: admin.page, tree, levels: &LEVELS, form, error })
}

async fn units_page(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    let form = UnitForm {
        parent_id: admin.me.user.unit_id.map(|id| id.to_string()).unwrap_or_default(),
        level: "commune".into(),
        ..UnitForm::default()
    };
    show(&state, admin, form, None).await
}

async fn add_unit(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(form): CsrfForm<UnitForm>,
) -> ApiResult<Response> {
    let req = UnitRequest {
        // Not a number: no parent, which the API refuses with its own message.
        parent_id: form.parent_id.trim().parse().ok(),
        code: form.code.clone(),
        name: form.name.clone(),
        level: form.level.clone(),
    };
    match create_unit(&state, &admin.scope, req).await {
        Ok(unit) => {
            tracing::info!(unit.id = unit.id, "unit created");
            Ok(redirect_done("/admin/units", "adm-unit-created"))
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
