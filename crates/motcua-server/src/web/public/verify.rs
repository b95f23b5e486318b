//! The public page that checks a signed PDF (kiểm tra chữ ký số): anyone
//! uploads a document and reads, per signature, who signed, when, and
//! whether it holds, in words. Nothing uploaded is kept.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::uploads;
use crate::error::{ApiError, ApiResult};
use crate::signatures::{MAX_PDF, VerificationDto, finding_message};
use crate::state::AppState;
use crate::time::to_api;
use crate::web::page::{FormError, Page, render};

/// One finding in words, with its verdict's colour.
pub struct FindingView {
    text: String,
    class: &'static str,
}

/// One signature as the page shows it.
pub struct SignatureView {
    number: usize,
    role: Option<String>,
    name: String,
    organization: Option<String>,
    issuer: String,
    serial: String,
    time: String,
    /// The time-stamp's time and authority, when one holds.
    timestamp: Option<String>,
    verdict: String,
    class: &'static str,
    findings: Vec<FindingView>,
}

/// The answer for the document.
pub struct ResultView {
    file_name: String,
    verdict: String,
    /// `passed`, `indeterminate` or `failed`, for tests and styling.
    code: String,
    class: &'static str,
    explanation: String,
    signatures: Vec<SignatureView>,
    findings: Vec<FindingView>,
}

/// What motcua's register says of a result opened by its public link.
pub struct IssuedFacts {
    title: String,
    state: String,
    state_class: &'static str,
    number: String,
    unit: String,
    issued: String,
    reason: Option<String>,
}

#[derive(Template)]
#[template(path = "public/verify.html")]
struct VerifyPage {
    page: Page,
    max_mb: usize,
    error: Option<FormError>,
    result: Option<ResultView>,
    /// Opened by a result's link (`/verify/r/…`): the register's facts.
    issued: Option<IssuedFacts>,
}

impl VerifyPage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }
}

fn class(verdict: &str) -> &'static str {
    match verdict {
        "passed" => "badge-done",
        "indeterminate" => "badge-soon",
        _ => "badge-late",
    }
}

fn alert(verdict: &str) -> &'static str {
    match verdict {
        "passed" => "alert-ok",
        "indeterminate" => "alert-warn",
        _ => "alert-bad",
    }
}

fn findings(page: &Page, all: &[crate::signatures::FindingDto]) -> Vec<FindingView> {
    all.iter().map(|f| FindingView { text: finding_message(page.lang, &f.code), class: class(&f.verdict) }).collect()
}

fn view(page: &Page, file_name: String, r: &VerificationDto) -> ResultView {
    let dash = || "—".to_owned();
    ResultView {
        file_name,
        verdict: page.t(&format!("sig-verdict-{}", r.verdict)),
        code: r.verdict.clone(),
        class: alert(&r.verdict),
        explanation: page.t(&format!("sig-verdict-{}-explained", r.verdict)),
        signatures: r
            .signatures
            .iter()
            .enumerate()
            .map(|(i, s)| SignatureView {
                number: i + 1,
                role: s.role.as_ref().map(|role| page.t(&format!("sig-role-{role}"))),
                name: s.signer_name.clone().unwrap_or_else(dash),
                // An agency's certificate often names the agency twice.
                organization: s.signer_organization.clone().filter(|o| Some(o) != s.signer_name.as_ref()),
                issuer: s.certificate_issuer.clone().unwrap_or_else(dash),
                serial: s.certificate_serial.clone().unwrap_or_else(dash),
                time: s.signing_time.clone().unwrap_or_else(dash),
                timestamp: s.timestamp_time.as_ref().map(|t| match &s.timestamp_authority {
                    Some(tsa) => format!("{t} ({tsa})"),
                    None => t.clone(),
                }),
                verdict: page.t(&format!("sig-verdict-{}", s.verdict)),
                class: class(&s.verdict),
                findings: findings(page, &s.findings),
            })
            .collect(),
        findings: findings(page, &r.findings),
    }
}

/// `GET /verify`: the upload form.
pub async fn form(page: Page) -> ApiResult<Response> {
    render(&VerifyPage { page, max_mb: MAX_PDF / (1024 * 1024), error: None, result: None, issued: None })
}

/// `GET /verify/r/{token}`: a result issued by motcua, by the link on its
/// slip and in "My dossiers": its number, issuer and state, and the
/// verification of the file motcua keeps. No personal data.
pub async fn issued(State(state): State<AppState>, page: Page, Path(token): Path<String>) -> ApiResult<Response> {
    let r = crate::routes::results::public_result(&state, token).await?;
    let (label, state_class) = match r.state {
        "issued" => ("result-state-issued", "badge-done"),
        "revoked" => ("result-state-revoked", "badge-late"),
        _ => ("result-state-replaced", "badge-late"),
    };
    let issued = IssuedFacts {
        state: page.t(label),
        state_class,
        number: r.register_number.unwrap_or_default(),
        unit: r.issuing_unit.unwrap_or_default(),
        issued: crate::web::format::opt_datetime(r.issued_at),
        reason: r.end_reason,
        title: r.title.clone(),
    };
    // The title is the heading above: no file name in the result's heading.
    let result = Some(view(&page, String::new(), &r.verification));
    render(&VerifyPage { page, max_mb: MAX_PDF / (1024 * 1024), error: None, result, issued: Some(issued) })
}

/// Reads the form (the CSRF token first, checked before anything else):
/// the file `document`, or why there is none to check.
async fn read(headers: &HeaderMap, mp: &mut Multipart) -> Result<Result<(String, Vec<u8>), ApiError>, ApiError> {
    let mut parts = uploads::read_parts(mp, Some(headers), &uploads::ONE_PDF).await?;
    if let Some(e) = ApiError::many(std::mem::take(&mut parts.errors)) {
        return Ok(Err(e));
    }
    Ok(match parts.files.pop() {
        Some(file) => Ok((file.name, file.data)),
        None => Err(ApiError::unprocessable("file_required", "document")),
    })
}

/// `POST /verify`: the verification of the uploaded PDF, on the same page.
pub async fn verify(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    let Ok(mut mp) = mp else {
        return Err(crate::web::public::uploads::not_multipart(&headers));
    };
    let max_mb = MAX_PDF / (1024 * 1024);
    let outcome = match read(&headers, &mut mp).await? {
        Ok((name, data)) => state
            .signatures
            .verify(data, to_api(state.now()).with_timezone(&chrono::Utc))
            .await
            .map(|r| (name, VerificationDto::from(&r))),
        Err(e) => Err(e),
    };
    match outcome {
        Ok((name, r)) => {
            let result = Some(view(&page, name, &r));
            render(&VerifyPage { page, max_mb, error: None, result, issued: None })
        }
        Err(e) if e.status.is_server_error() => Err(e),
        Err(e) => {
            let error = Some(FormError::new(&page, &e));
            let mut res = render(&VerifyPage { page, max_mb, error, result: None, issued: None })?;
            *res.status_mut() = e.status;
            Ok(res)
        }
    }
}
