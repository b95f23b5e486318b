//! The OpenAPI document, generated from the handlers' annotations and
//! served at `/api/v1/openapi.json`. A test compares it with the committed
//! `docs/openapi.json`, so the published description never drifts from the
//! code (regenerate with `motcua openapi > docs/openapi.json`).

use axum::Json;
use utoipa::OpenApi;

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "motcua API", description = "One-stop public administration (một cửa): procedure catalog, dossier lifecycle, working-day calendar."),
    paths(
        routes::health::healthz,
        routes::auth::login, routes::auth::register, routes::auth::logout, routes::auth::me,
        routes::units::list, routes::units::create, routes::units::users, routes::units::create_user,
        routes::procedures::list, routes::procedures::get, routes::procedures::create, routes::procedures::update,
        routes::procedures::history, routes::procedures::export, routes::procedures::import, routes::procedures::fields,
        routes::calendar::get_calendar, routes::calendar::deadline, routes::calendar::put_year,
        routes::calendar::delete_year, routes::calendar::put_config,
        routes::dossiers::create, routes::dossiers::get, routes::dossiers::act,
        routes::inbox::inbox,
        routes::stats::units, routes::stats::dashboard, routes::stats::public_ranking,
        routes::public::status,
        routes::reform::template, routes::reform::frameworks, routes::reform::create_framework, routes::reform::framework,
        routes::reform::import_published, routes::reform::published,
        routes::reform_campaigns::list, routes::reform_campaigns::create, routes::reform_campaigns::get,
        routes::reform_campaigns::advance, routes::reform_campaigns::deadline, routes::reform_campaigns::fill,
        routes::reform_campaigns::audit, routes::reform_results::results,
        routes::reform_sheets::sheet, routes::reform_sheets::self_score, routes::reform_sheets::appraise,
        routes::reform_sheets::office_entry, routes::reform_sheets::submit, routes::reform_sheets::upload_evidence,
        routes::reform_sheets::download_evidence, routes::reform_evaluations::evaluations,
        routes::sipas::sample_size, routes::sipas::designs, routes::sipas::create_design, routes::sipas::design,
        routes::sipas::issue_tokens, routes::sipas::paper_forms, routes::sipas::index,
        routes::sipas::public_survey, routes::sipas::public_answer,
        serve,
    ),
    tags(
        (name = "auth", description = "Log in and out"),
        (name = "procedures", description = "The procedure catalog (TTHC)"),
        (name = "dossiers", description = "Dossiers (hồ sơ) and their lifecycle"),
        (name = "calendar", description = "Working-day calendar and deadlines"),
        (name = "public", description = "For citizens, without login"),
        (name = "statistics", description = "Counts of dossier handling by unit and period"),
        (name = "admin", description = "Units and users"),
        (name = "reform", description = "Administrative-reform evaluation (PAR INDEX) and citizen satisfaction (SIPAS): frameworks, campaigns, appraisal, results, surveys"),
        (name = "system", description = "Probes"),
    )
)]
pub struct ApiDoc;

/// The document as pretty JSON, as committed in `docs/openapi.json`.
pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().expect("the OpenAPI document serialises")
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "system",
    responses((status = 200, description = "The OpenAPI document of this API", content_type = "application/json")))]
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
