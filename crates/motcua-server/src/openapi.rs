//! The OpenAPI document, generated from the handlers' annotations and
//! served at `/api/v1/openapi.json`. A test compares it with the committed
//! `docs/openapi.json`, so the published description never drifts from the
//! code (regenerate with `motcua openapi > docs/openapi.json`).

use axum::Json;
use utoipa::openapi::path::{HttpMethod, Operation, PathItem};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "motcua API", description = "One-stop public administration (một cửa): procedure catalog, dossier lifecycle, working-day calendar."),
    paths(
        routes::health::healthz,
        routes::auth::login, routes::auth::register, routes::auth::logout, routes::auth::me,
        routes::account::change_password, routes::account::sessions, routes::account::end_session,
        routes::account::reset,
        routes::units::list, routes::units::create, routes::units::put_counter, routes::units::users, routes::units::create_user,
        routes::procedures::list, routes::procedures::get, routes::procedures::create, routes::procedures::update,
        routes::procedures::history, routes::procedures::export, routes::procedures::import, routes::procedures::fields,
        routes::synonyms::get, routes::synonyms::put,
        routes::calendar::get_calendar, routes::calendar::deadline, routes::calendar::put_year,
        routes::calendar::delete_year, routes::calendar::put_config,
        routes::procedure_forms::list, routes::procedure_forms::download, routes::procedure_forms::add,
        routes::procedure_forms::rename, routes::procedure_forms::remove,
        routes::eforms::get, routes::eforms::put, routes::eforms::delete, routes::eforms::dossier,
        routes::dossiers::create, routes::dossiers::get, routes::dossiers::act, routes::supplement::supplement,
        routes::flow::bulk, routes::flow::assignees,
        routes::inbox::inbox, routes::search::search, routes::register::register, routes::data_views::list,
        routes::stats::units, routes::stats::dashboard, routes::stats::public_ranking, routes::stats::steps,
        routes::portal_scores::record,
        routes::public::status, routes::signatures::verify,
        routes::results::list, routes::results::prepare, routes::results::sign_remote, routes::results::to_sign,
        routes::results::upload_signed, routes::results::issue, routes::results::revoke, routes::results::file,
        routes::results::public,
        routes::kept_documents::digitise, routes::kept_documents::scan, routes::kept_documents::of_dossier, routes::kept_documents::mine,
        routes::kept_documents::search,
        routes::payments::list, routes::payments::due, routes::payments::online, routes::payments::receipt,
        routes::payments::callback, routes::payments::import_statement, routes::payments::statements,
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
        routes::notifications::of_dossier, routes::notifications::my_contact, routes::notifications::set_my_contact,
        routes::notifications::rules, routes::notifications::put_rule, routes::notifications::delete_rule,
        routes::notifications::escalations, routes::notifications::status,
        routes::exchange::log,
        serve,
    ),
    modifiers(&StandardErrors),
    tags(
        (name = "auth", description = "Log in and out"),
        (name = "procedures", description = "The procedure catalog (TTHC)"),
        (name = "dossiers", description = "Dossiers (hồ sơ) and their lifecycle"),
        (name = "results", description = "Electronic results (kết quả điện tử): prepared, signed by the leader, issued with the agency's signature"),
        (name = "digitised", description = "Digitised components (số hóa) kept for the applicant by identity number, and their reuse"),
        (name = "payments", description = "Fees asked of a dossier, online payment through the payment platform, electronic receipts, reconciliation"),
        (name = "calendar", description = "Working-day calendar and deadlines"),
        (name = "public", description = "For citizens, without login"),
        (name = "statistics", description = "Counts of dossier handling by unit and period"),
        (name = "admin", description = "Units and users"),
        (name = "reform", description = "Administrative-reform evaluation (PAR INDEX) and citizen satisfaction (SIPAS): frameworks, campaigns, appraisal, results, surveys"),
        (name = "notifications", description = "Notices to applicants and staff (e-mail, SMS, Zalo), their delivery, and the escalation of steps near or past their due moment"),
        (name = "system", description = "Probes"),
    )
)]
pub struct ApiDoc;

/// The failures every operation can meet before or around its handler,
/// added to each operation that does not describe them itself, so the
/// document lists every status the server returns (the fuzzing run of
/// `scripts/fuzz-api.sh` fails on any other):
///
/// - any operation: 422 (a parameter with NUL or broken UTF-8, `crate::input`),
///   500, 503 (the database is busy);
/// - under `/api/v1`: 400 (a malformed query or body), 401 and 403 (login
///   and role; the proof of origin of `crate::origin`), 429 for the
///   rate-limited public and login operations;
/// - with a path parameter: 404;
/// - writes: 413 (body limit) and 415 (not JSON, or not UTF-8).
struct StandardErrors;

impl Modify for StandardErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            for (method, op) in operations(item) {
                let api = path.starts_with("/api/v1/") && path != "/api/v1/openapi.json";
                let write = !matches!(method, HttpMethod::Get | HttpMethod::Head);
                let mut statuses = vec![(422, "A parameter or field holds NUL or is not UTF-8, or is invalid")];
                statuses.push((500, "Internal error (logged, never detailed)"));
                statuses.push((503, "The database is busy; retry"));
                if api {
                    statuses.push((400, "Malformed query string or body"));
                    statuses.push((401, "Not logged in, or the session expired"));
                    statuses.push((
                        403,
                        "Not allowed for this role or unit, or a cookie-authenticated write without proof of origin",
                    ));
                    if path.starts_with("/api/v1/auth/") || path.starts_with("/api/v1/public/") {
                        statuses.push((429, "Too many attempts; wait"));
                    }
                }
                if path.contains('{') {
                    statuses.push((404, "No such resource"));
                }
                if api && write {
                    statuses.push((413, "The body is too large"));
                    statuses.push((415, "The body is not of the accepted type (JSON in UTF-8)"));
                }
                for (status, description) in statuses {
                    op.responses.responses.entry(status.to_string()).or_insert_with(|| error_response(description));
                }
            }
        }
    }
}

fn operations(item: &mut PathItem) -> Vec<(HttpMethod, &mut Operation)> {
    [
        (HttpMethod::Get, item.get.as_mut()),
        (HttpMethod::Put, item.put.as_mut()),
        (HttpMethod::Post, item.post.as_mut()),
        (HttpMethod::Delete, item.delete.as_mut()),
        (HttpMethod::Patch, item.patch.as_mut()),
        (HttpMethod::Head, item.head.as_mut()),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.map(|op| (m, op)))
    .collect()
}

fn error_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
    RefOr::T(ResponseBuilder::new().description(description).content("application/json", content).build())
}

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
