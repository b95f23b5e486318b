//! `/admin/agency-ids`: the directory of agency identifiers for
//! documents between installations (docs/documents.md, "Between
//! installations"): outside agencies an outgoing document can be sent to,
//! and this installation's units under the identifiers they receive for.
//! Every administrator reads it; the province's administrators add to it,
//! naming a unit of their scope.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use motcua_store::{ExchangeAgency, NewExchangeAgency};
use serde::Deserialize;

use super::{AdminPage, TreeUnit, unit_tree};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/agency-ids", get(show).post(add))
}

#[derive(Debug, Clone, Default, Deserialize)]
struct AgencyForm {
    #[serde(default)]
    organ_code: String,
    #[serde(default)]
    name: String,
    /// Empty: an outside agency.
    #[serde(default)]
    unit_id: String,
}

#[derive(Template)]
#[template(path = "admin/exchange_agencies.html")]
struct AgenciesPage {
    page: Page,
    agencies: Vec<ExchangeAgency>,
    /// The units the administrator may name.
    units: Vec<TreeUnit>,
    editable: bool,
    form: AgencyForm,
    error: Option<FormError>,
}

impl AgenciesPage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }

    fn added(&self, a: &ExchangeAgency) -> String {
        format::datetime(a.created_at)
    }
}

async fn page(state: &AppState, admin: AdminPage, form: AgencyForm, error: Option<FormError>) -> ApiResult<Response> {
    let scope = admin.scope.unit().clone();
    let units = unit_tree(state.store.units().await?, Some(&scope)).into_iter().filter(|t| t.in_scope).collect();
    render(&AgenciesPage {
        editable: admin.scope.is_province(),
        page: admin.page,
        agencies: state.store.exchange_agencies().await?,
        units,
        form,
        error,
    })
}

async fn show(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    page(&state, admin, AgencyForm::default(), None).await
}

async fn add(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(form): CsrfForm<AgencyForm>,
) -> ApiResult<Response> {
    let attempt = async {
        if !admin.scope.is_province() {
            return Err(ApiError::forbidden());
        }
        let unit_id = match form.unit_id.trim() {
            "" => None,
            raw => {
                let id: i64 = raw.parse().map_err(|_| ApiError::unprocessable("document_unit_invalid", "unit_id"))?;
                match state.store.unit(id).await? {
                    Some(u) if admin.scope.contains(&u) => Some(id),
                    _ => return Err(ApiError::unprocessable("document_unit_invalid", "unit_id")),
                }
            }
        };
        let new = NewExchangeAgency { organ_code: form.organ_code.clone(), name: form.name.clone(), unit_id };
        Ok(state.store.create_exchange_agency(new, state.now()).await?)
    };
    match attempt.await {
        Ok(a) => {
            tracing::info!(exchange_agency.id = a.id, "exchange directory entry added");
            Ok(redirect_done("/admin/agency-ids", "adm-xagency-added"))
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&admin.page, &e));
            let mut res = page(&state, admin, form, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
