//! `/admin/units`: the unit tree, the form that adds a unit under a parent,
//! and the form that sets a unit's one-stop counter telephone and working
//! hours (printed on the slips; `crate::web::slips`).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

use super::{AdminPage, TreeUnit, form_errors, level_name, unit_tree};
use crate::error::ApiResult;
use crate::routes::units::{CounterRequest, LEVELS, UnitRequest, create_unit, set_counter};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/units", get(units_page).post(add_unit))
        .route("/admin/units/counter", post(save_counter))
}

#[derive(Template)]
#[template(path = "admin/units.html")]
struct UnitsPage {
    page: Page,
    tree: Vec<TreeUnit>,
    levels: &'static [&'static str],
    form: UnitForm,
    error: Option<FormError>,
    counter: CounterForm,
    counter_error: Option<FormError>,
    /// The installation's hours, for units that set none.
    default_hours: String,
}

form_errors!(UnitsPage);

impl UnitsPage {
    fn counter_error_on(&self, field: &str) -> bool {
        self.counter_error.as_ref().is_some_and(|e| e.on(field))
    }

    fn counter_error_msg(&self, field: &str) -> Option<&str> {
        self.counter_error.as_ref().filter(|e| e.on(field)).map(|e| e.message.as_str())
    }

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

#[derive(Debug, Clone, Default, Deserialize)]
struct CounterForm {
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    counter_hours: String,
}

#[derive(Deserialize, Default)]
struct UnitsQuery {
    /// The unit whose counter form is filled in (`?counter=ID`).
    counter: Option<i64>,
}

struct Forms {
    form: UnitForm,
    error: Option<FormError>,
    counter: CounterForm,
    counter_error: Option<FormError>,
}

async fn show(state: &AppState, admin: AdminPage, f: Forms) -> ApiResult<Response> {
    let scope = admin.scope.unit().clone();
    let tree = unit_tree(state.store.units().await?, Some(&scope));
    render(&UnitsPage {
        page: admin.page,
        tree,
        levels: &LEVELS,
        form: f.form,
        error: f.error,
        counter: f.counter,
        counter_error: f.counter_error,
        default_hours: state.config.counter_hours.to_string(),
    })
}

fn new_unit_form(admin: &AdminPage) -> UnitForm {
    UnitForm {
        parent_id: admin.me.user.unit_id.map(|id| id.to_string()).unwrap_or_default(),
        level: "commune".into(),
        ..UnitForm::default()
    }
}

async fn units_page(
    State(state): State<AppState>,
    admin: AdminPage,
    Query(q): Query<UnitsQuery>,
) -> ApiResult<Response> {
    let form = new_unit_form(&admin);
    // The counter form starts with the chosen unit's values (the administrator's own unit by default).
    let chosen = match q.counter.or(admin.me.user.unit_id) {
        Some(id) => state.store.unit(id).await?.filter(|u| admin.scope.contains(u)),
        None => None,
    };
    let counter = chosen.map_or_else(CounterForm::default, |u| CounterForm {
        unit_id: u.id.to_string(),
        phone: u.phone.unwrap_or_default(),
        counter_hours: u.counter_hours.unwrap_or_default(),
    });
    show(&state, admin, Forms { form, error: None, counter, counter_error: None }).await
}

async fn save_counter(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(form): CsrfForm<CounterForm>,
) -> ApiResult<Response> {
    let attempt = async {
        let id: i64 =
            form.unit_id.trim().parse().map_err(|_| crate::error::ApiError::unprocessable("required", "unit_id"))?;
        let unit = state
            .store
            .unit(id)
            .await?
            .ok_or_else(|| crate::error::ApiError::unprocessable("unknown_unit", "unit_id"))?;
        let req = CounterRequest { phone: Some(form.phone.clone()), counter_hours: Some(form.counter_hours.clone()) };
        set_counter(&state, &admin.scope, unit, req).await
    };
    match attempt.await {
        Ok(unit) => {
            tracing::info!(unit.id = unit.id, "unit counter set");
            Ok(redirect_done(&format!("/admin/units?counter={}", unit.id), "adm-unit-counter-saved"))
        }
        Err(e) if is_form_error(&e) => {
            let counter_error = Some(FormError::new(&admin.page, &e));
            let f = Forms { form: new_unit_form(&admin), error: None, counter: form, counter_error };
            let mut res = show(&state, admin, f).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
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
            let f = Forms { form, error, counter: CounterForm::default(), counter_error: None };
            let mut res = show(&state, admin, f).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
