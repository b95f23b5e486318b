//! Fees, online payment, receipts and reconciliation through the API
//! (docs/api.md, "Fees and payments"). The flows are `crate::payments`'s;
//! the payment request and the counter's payment go through the dossier
//! action (`request_payment`, `record_payment`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::fees::{AmountDue, DueLine};
use motcua_store::{Payment, PaymentRequest};
use serde::{Deserialize, Serialize};

use super::dossiers::{parse_ref, visible};
use crate::admin_scope::AdminScope;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::payments::{self, CallbackResult};
use crate::state::AppState;

/// One fee line of a request.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DueLineDto {
    pub name: String,
    /// `fee` (phí) or `charge` (lệ phí).
    pub kind: &'static str,
    pub amount_vnd: i64,
    /// The exemption applied to this line.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub exemption: Option<String>,
    pub reduction_vnd: i64,
    pub due_vnd: i64,
}

impl From<&DueLine> for DueLineDto {
    fn from(l: &DueLine) -> Self {
        DueLineDto {
            name: l.name.clone(),
            kind: l.kind.as_str(),
            amount_vnd: l.amount_vnd,
            exemption: l.exemption.clone(),
            reduction_vnd: l.reduction_vnd,
            due_vnd: l.due_vnd,
        }
    }
}

/// What a dossier owes at a stage.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AmountDueDto {
    /// `reception`, `supplement` or `result`.
    pub stage: &'static str,
    /// `HinhThucThu`: 1, 2 or 4.
    pub hinh_thuc_thu: i16,
    pub lines: Vec<DueLineDto>,
    pub total_vnd: i64,
}

impl From<&AmountDue> for AmountDueDto {
    fn from(a: &AmountDue) -> Self {
        AmountDueDto {
            stage: a.stage.as_str(),
            hinh_thuc_thu: a.stage.code(),
            lines: a.lines.iter().map(DueLineDto::from).collect(),
            total_vnd: a.total_vnd,
        }
    }
}

/// A payment with its receipt.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PaymentDto {
    pub id: i64,
    /// `cash`, `transfer` or `online`.
    pub method: &'static str,
    pub amount_vnd: i64,
    /// The platform's transaction, online only.
    pub transaction_id: Option<String>,
    #[serde(with = "crate::time::rfc3339")]
    #[schema(value_type = String)]
    pub paid_at: NaiveDateTime,
    /// The receipt's number in its unit's yearly book, `0000012/2026`.
    pub receipt_number: String,
    /// The receipt's PDF.
    pub receipt_url: String,
}

impl PaymentDto {
    fn of(p: &Payment, dossier: &str) -> Self {
        PaymentDto {
            id: p.id,
            method: p.method.as_str(),
            amount_vnd: p.amount_vnd,
            transaction_id: p.transaction_id.clone(),
            paid_at: p.paid_at,
            receipt_number: p.receipt_number(),
            receipt_url: format!("/api/v1/dossiers/{dossier}/payments/{}/receipt", p.id),
        }
    }
}

/// A payment request of a dossier.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PaymentRequestDto {
    pub id: i64,
    /// The reference sent to the payment platform.
    pub reference: String,
    /// `reception`, `supplement` or `result`.
    pub stage: &'static str,
    pub exemption: Option<String>,
    pub lines: Vec<DueLineDto>,
    pub amount_vnd: i64,
    #[serde(with = "crate::time::rfc3339")]
    #[schema(value_type = String)]
    pub requested_at: NaiveDateTime,
    /// The payment, once made.
    pub payment: Option<PaymentDto>,
}

impl PaymentRequestDto {
    fn of(q: &PaymentRequest, dossier: &str) -> Self {
        PaymentRequestDto {
            id: q.id,
            reference: q.reference.clone(),
            stage: q.stage.as_str(),
            exemption: q.exemption.clone(),
            lines: q.lines.iter().map(DueLineDto::from).collect(),
            amount_vnd: q.amount_vnd,
            requested_at: q.requested_at,
            payment: q.payment.as_ref().map(|p| PaymentDto::of(p, dossier)),
        }
    }
}

/// A dossier's payments and whether it can be paid online now.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PaymentsView {
    pub requests: Vec<PaymentRequestDto>,
    /// An online payment can be started now (the platform is configured
    /// and a request is open).
    pub payable_online: bool,
    /// The installation has an online payment platform.
    pub online_configured: bool,
}

/// A dossier's payment requests, payments and receipts (its staff and its
/// citizen).
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/payments", tag = "payments",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = PaymentsView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<PaymentsView>> {
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let requests = state.store.payment_requests(d.id).await?;
    let code = d.code.clone().unwrap_or_else(|| d.id.to_string());
    let configured = state.config.payment.is_some();
    Ok(Json(PaymentsView {
        payable_online: configured && payments::open_request(&d, &requests).is_some(),
        online_configured: configured,
        requests: requests.iter().map(|q| PaymentRequestDto::of(q, &code)).collect(),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// `reception` (default), `supplement` or `result`.
    pub stage: Option<String>,
    /// An exemption code of the procedure's fees.
    pub exemption: Option<String>,
}

/// What the dossier would owe at a stage with an exemption, now: the
/// amount the `request_payment` action would ask (staff).
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/payments/due", tag = "payments",
    params(("ref" = String, Path, description = "Dossier code or internal id"), DueQuery),
    responses((status = 200, body = AmountDueDto), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn due(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
    Query(q): Query<DueQuery>,
) -> ApiResult<Json<AmountDueDto>> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let stage = payments::parse_stage(q.stage.as_deref())?;
    let exemption = q.exemption.filter(|e| !e.trim().is_empty());
    let due = state.store.amount_due(d.id, stage, exemption).await?;
    Ok(Json(AmountDueDto::from(&due)))
}

/// Where to send the citizen's browser.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OnlineStart {
    /// The payment platform's page with the signed request.
    pub redirect_url: String,
}

/// Starts an online payment of the dossier's open request (its citizen):
/// the signed URL of the payment platform's page. 409
/// `payment_not_configured` when the installation has no platform.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/payments/online", tag = "payments",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = OnlineStart), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn online(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(r): Path<String>,
) -> ApiResult<Json<OnlineStart>> {
    let base = crate::web::slips::public_base(&state, &headers);
    let url = payments::start_online(&state, &me, &r, &base).await?;
    Ok(Json(OnlineStart { redirect_url: url.to_string() }))
}

/// A payment's electronic receipt (biên lai điện tử) as a PDF.
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/payments/{id}/receipt", tag = "payments",
    params(("ref" = String, Path, description = "Dossier code or internal id"), ("id" = i64, Path, description = "The payment")),
    responses((status = 200, description = "The receipt", content_type = "application/pdf"),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn receipt(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((r, id)): Path<(String, i64)>,
) -> ApiResult<Response> {
    let (d, version) = visible(&state, &me, parse_ref(&r)).await?;
    let (name, pdf) = payments::receipt_pdf(&state, &d, &version, id).await?;
    crate::web::download::file(&name, "application/pdf", pdf)
}

/// The answer to the platform's callback.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallbackAnswer {
    /// `00`: recorded (now or before); `01`: the platform says not paid,
    /// nothing recorded.
    pub result: &'static str,
    /// The receipt's number, when paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub receipt_number: Option<String>,
    /// A replay of a callback already recorded: the same payment.
    pub replay: bool,
}

/// The body of the callback: the platform's signed fields, form-encoded.
#[derive(utoipa::ToSchema)]
#[schema(value_type = Object)]
#[allow(dead_code)]
pub struct CallbackBody(Vec<(String, String)>);

/// The payment platform's server-to-server callback (no login: the
/// signature is the proof). A replay answers the same and records nothing;
/// a wrong signature is 403 `payment_signature_invalid`; an amount other
/// than the request's is 422 `payment_amount_mismatch`; a dossier paid or
/// closed is 409 (docs/payments.md).
#[utoipa::path(post, path = "/api/v1/payments/callback", tag = "payments",
    request_body(content = CallbackBody, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, body = CallbackAnswer), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn callback(
    State(state): State<AppState>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> ApiResult<Json<CallbackAnswer>> {
    Ok(Json(match payments::callback(&state, &pairs).await? {
        CallbackResult::Paid { payment, replay } => {
            CallbackAnswer { result: "00", receipt_number: Some(payment.receipt_number()), replay }
        }
        CallbackResult::NotPaid => CallbackAnswer { result: "01", receipt_number: None, replay: false },
    }))
}

/// One difference found by a reconciliation.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DifferenceDto {
    /// `missing_in_motcua`, `missing_in_statement` or `amount_differs`.
    pub kind: &'static str,
    pub transaction_id: String,
    pub reference: String,
    pub dossier_code: String,
    /// On the statement (absent for `missing_in_statement`).
    pub statement_amount_vnd: Option<i64>,
    /// In motcua (absent for `missing_in_motcua`).
    pub recorded_amount_vnd: Option<i64>,
}

impl From<&motcua_payment::Difference> for DifferenceDto {
    fn from(d: &motcua_payment::Difference) -> Self {
        use motcua_payment::Difference as D;
        let (line, rec) = match d {
            D::MissingInMotcua { line } => (Some(line), None),
            D::MissingInStatement { recorded } => (None, Some(recorded)),
            D::AmountDiffers { line, recorded } => (Some(line), Some(recorded)),
        };
        DifferenceDto {
            kind: d.kind(),
            transaction_id: d.transaction_id().to_owned(),
            reference: line.map(|l| l.reference.clone()).or(rec.map(|r| r.reference.clone())).unwrap_or_default(),
            dossier_code: line
                .map(|l| l.dossier_code.clone())
                .or(rec.map(|r| r.dossier_code.clone()))
                .unwrap_or_default(),
            statement_amount_vnd: line.map(|l| l.amount_vnd),
            recorded_amount_vnd: rec.map(|r| r.amount_vnd),
        }
    }
}

/// A reconciliation's report.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReconciliationDto {
    pub id: i64,
    pub day: NaiveDate,
    /// Paid transactions on the statement.
    pub lines: usize,
    /// Every difference; empty when the day agrees.
    pub differences: Vec<DifferenceDto>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatementQuery {
    /// The day of the transactions, `YYYY-MM-DD`.
    pub day: NaiveDate,
}

/// The body: the statement file (CSV), for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct StatementBody(Vec<u8>);

/// Imports the platform's daily statement (CSV, docs/payments.md) and
/// reports every difference with motcua's online payments of that day
/// (a province administrator).
#[utoipa::path(post, path = "/api/v1/payments/statements", tag = "payments",
    params(StatementQuery),
    request_body(description = "The statement, at most 256 KiB",
        content((StatementBody = "text/csv"), (StatementBody = "application/octet-stream"))),
    responses((status = 201, body = ReconciliationDto), (status = 403, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn import_statement(
    State(state): State<AppState>,
    admin: AdminScope,
    Query(q): Query<StatementQuery>,
    body: Bytes,
) -> ApiResult<Response> {
    let province = admin.province("payments")?;
    let rec = payments::reconcile(&state, &province, q.day, &body).await?;
    let dto = ReconciliationDto {
        id: rec.id,
        day: rec.day,
        lines: rec.lines,
        differences: rec.differences.iter().map(DifferenceDto::from).collect(),
    };
    Ok((StatusCode::CREATED, Json(dto)).into_response())
}

/// A reconciliation as kept.
#[derive(Serialize, utoipa::ToSchema)]
pub struct StoredReconciliation {
    pub id: i64,
    pub day: NaiveDate,
    pub lines: i64,
    /// How many differences it found.
    pub differences: usize,
    pub sha256: String,
    #[serde(with = "crate::time::rfc3339")]
    #[schema(value_type = String)]
    pub imported_at: NaiveDateTime,
}

/// The reconciliations made, newest first (a province administrator).
#[utoipa::path(get, path = "/api/v1/payments/statements", tag = "payments",
    responses((status = 200, body = Vec<StoredReconciliation>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn statements(
    State(state): State<AppState>,
    admin: AdminScope,
) -> ApiResult<Json<Vec<StoredReconciliation>>> {
    admin.province("payments")?;
    let list = state.store.statements(100).await?;
    Ok(Json(
        list.into_iter()
            .map(|s| StoredReconciliation {
                id: s.id,
                day: s.day,
                lines: s.lines,
                differences: s.differences.as_array().map_or(0, Vec::len),
                sha256: s.sha256,
                imported_at: s.imported_at,
            })
            .collect(),
    ))
}
