//! `/admin/payments`: the online payment platform's state (configured or
//! not), the import of a day's statement with every difference it shows
//! against motcua's records, and the reconciliations made before
//! (`crate::payments::reconcile`, the same as the API's).

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use chrono::NaiveDate;

use super::AdminPage;
use crate::error::{ApiError, ApiResult};
use crate::routes::payments::DifferenceDto;
use crate::state::AppState;
use crate::web::csrf;
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/payments", get(show).post(import))
}

struct DifferenceRow {
    kind: String,
    kind_code: &'static str,
    transaction_id: String,
    reference: String,
    dossier_code: String,
    statement_amount: String,
    recorded_amount: String,
}

struct Report {
    day: String,
    lines: usize,
    rows: Vec<DifferenceRow>,
}

struct HistoryRow {
    day: String,
    lines: i64,
    differences: usize,
    imported_at: String,
}

#[derive(Template)]
#[template(path = "admin/payments.html")]
struct PaymentsPage {
    page: Page,
    configured: bool,
    merchant: String,
    day: String,
    report: Option<Report>,
    error: Option<FormError>,
    history: Vec<HistoryRow>,
}

async fn history(state: &AppState) -> ApiResult<Vec<HistoryRow>> {
    Ok(state
        .store
        .statements(30)
        .await?
        .into_iter()
        .map(|s| HistoryRow {
            day: format::date(s.day),
            lines: s.lines,
            differences: s.differences.as_array().map_or(0, Vec::len),
            imported_at: format::datetime(s.imported_at),
        })
        .collect())
}

async fn page_for(state: &AppState, page: Page, day: String) -> ApiResult<PaymentsPage> {
    Ok(PaymentsPage {
        configured: state.config.payment.is_some(),
        merchant: state.config.payment.as_ref().map(|c| c.merchant_code.clone()).unwrap_or_default(),
        day,
        report: None,
        error: None,
        history: history(state).await?,
        page,
    })
}

async fn show(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    admin.scope.province("payments")?;
    let yesterday = (state.now().date() - chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    render(&page_for(&state, admin.page, yesterday).await?)
}

fn bad_upload(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::coded(e.status(), "body_too_large", Some("file")).arg("case", "file")
    } else {
        ApiError::coded(StatusCode::BAD_REQUEST, "invalid_form", None).arg("case", "upload")
    }
}

/// The day and the file, after the CSRF token (the form's first part).
async fn read(headers: &HeaderMap, mut multipart: Multipart) -> ApiResult<(String, Vec<u8>)> {
    let (mut day, mut file, mut first) = (String::new(), Vec::new(), true);
    while let Some(field) = multipart.next_field().await.map_err(bad_upload)? {
        let name = field.name().unwrap_or_default().to_owned();
        if first {
            first = false;
            let token = if name == "_csrf" { field.text().await.map_err(bad_upload)? } else { String::new() };
            csrf::check(headers, &token)?;
            continue;
        }
        match name.as_str() {
            "day" => day = field.text().await.map_err(bad_upload)?,
            "file" => file = field.bytes().await.map_err(bad_upload)?.to_vec(),
            _ => {}
        }
    }
    if first {
        csrf::check(headers, "")?;
    }
    Ok((day, file))
}

async fn import(
    State(state): State<AppState>,
    admin: AdminPage,
    headers: HeaderMap,
    multipart: Multipart,
) -> ApiResult<Response> {
    let province = admin.scope.province("payments")?;
    let (day_text, file) = read(&headers, multipart).await?;
    let result = async {
        let day = NaiveDate::parse_from_str(day_text.trim(), "%Y-%m-%d")
            .map_err(|_| ApiError::unprocessable("invalid_date", "day").arg("case", "plain"))?;
        crate::payments::reconcile(&state, &province, day, &file).await
    }
    .await;
    let p = &admin.page;
    match result {
        Ok(rec) => {
            let mut out = page_for(&state, admin.page.clone(), day_text).await?;
            let amount = |a: Option<i64>| a.map(crate::web::office::payment::money).unwrap_or_else(|| "—".into());
            out.report = Some(Report {
                day: format::date(rec.day),
                lines: rec.lines,
                rows: rec
                    .differences
                    .iter()
                    .map(DifferenceDto::from)
                    .map(|d| DifferenceRow {
                        kind: p.t(&format!("rec-kind-{}", d.kind)),
                        kind_code: d.kind,
                        statement_amount: amount(d.statement_amount_vnd),
                        recorded_amount: amount(d.recorded_amount_vnd),
                        transaction_id: d.transaction_id,
                        reference: d.reference,
                        dossier_code: d.dossier_code,
                    })
                    .collect(),
            });
            render(&out)
        }
        Err(e) if is_form_error(&e) => {
            let mut out = page_for(&state, admin.page.clone(), day_text).await?;
            out.error = Some(FormError::new(p, &e));
            let mut res = render(&out)?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
