//! The flows of fees, online payment, receipts and reconciliation
//! (docs/payments.md), shared by the API (`routes::payments`) and the
//! pages (`web::office::dossier`, `web::public::payment`,
//! `web::admin::reconciliation`). The protocol is `motcua_payment`'s; the
//! records are the store's; this is the order of work.

use axum::http::StatusCode;
use chrono::NaiveDate;
use motcua_payment::{Callback, CallbackStatus, Difference, PaymentRequest as PlatformRequest, Recorded};
use motcua_rules::Role;
use motcua_rules::dossier::{Context, machine::paid_online};
use motcua_rules::fees::Collection;
use motcua_store::model::{Dossier, ProcedureVersion};
use motcua_store::{OnlineOutcome, Payment, PaymentMethod, PaymentRequest, PlatformPayment};
use sha2::{Digest, Sha256};

use crate::admin_scope::ProvinceAdmin;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::visible;
use crate::state::AppState;

/// The API path of the platform's server-to-server callback.
pub const CALLBACK_PATH: &str = "/api/v1/payments/callback";

/// `reception` (default), `supplement` or `result`.
pub fn parse_stage(raw: Option<&str>) -> Result<Collection, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Collection::Reception),
        Some(s) => Collection::parse(s)
            .ok_or_else(|| ApiError::unprocessable("invalid_field", "fee_stage").arg("field", "fee_stage")),
    }
}

/// `cash` (default) or `transfer`; `online` is the platform's only.
pub fn parse_method(raw: Option<&str>) -> Result<PaymentMethod, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(PaymentMethod::Cash),
        Some(s) => PaymentMethod::parse(s)
            .filter(|m| *m != PaymentMethod::Online)
            .ok_or_else(|| ApiError::unprocessable("payment_method_invalid", "payment_method")),
    }
}

fn not_configured() -> ApiError {
    ApiError::coded(StatusCode::CONFLICT, "payment_not_configured", None)
}

/// The open request of a dossier the citizen may pay online now.
pub fn open_request(d: &Dossier, requests: &[PaymentRequest]) -> Option<PaymentRequest> {
    requests.last().filter(|q| motcua_store::payable(d.state.status, q)).cloned()
}

/// The citizen's "pay online": the signed URL of the platform's payment
/// page for the dossier's open request. `base` is the site's address
/// (`web::slips::public_base`), to which the platform returns.
pub async fn start_online(state: &AppState, me: &CurrentUser, r: &str, base: &str) -> ApiResult<url::Url> {
    let platform = state.config.payment.as_ref().ok_or_else(not_configured)?;
    if me.role() != Role::Citizen {
        return Err(ApiError::forbidden());
    }
    let (d, version) = visible(state, me, crate::routes::dossiers::parse_ref(r)).await?;
    let requests = state.store.payment_requests(d.id).await?;
    let request = open_request(&d, &requests)
        .ok_or_else(|| ApiError::from(motcua_rules::RuleError::conflict("payment_not_requested")))?;
    let code = d.code.clone().unwrap_or_else(|| d.id.to_string());
    let platform_request = PlatformRequest {
        reference: request.reference.clone(),
        dossier_code: code.clone(),
        procedure_code: version.data.code.clone(),
        amount_vnd: request.amount_vnd,
        stage: request.stage.code(),
        description: format!("{} ({})", version.data.name, version.data.code),
        return_url: format!("{base}/my/{code}/payment/return"),
        callback_url: format!("{base}{CALLBACK_PATH}"),
        created_at: state.now(),
    };
    tracing::info!(dossier.id = d.id, payment.reference = %request.reference, "online payment started");
    Ok(platform_request.redirect_url(platform))
}

/// What a verified callback did.
#[derive(Debug, Clone)]
pub enum CallbackResult {
    /// Paid, recorded now or before (a replay answers the same payment).
    Paid { payment: Payment, replay: bool },
    /// The platform reports the payment did not go through: nothing written.
    NotPaid,
}

/// The platform's server-to-server callback: checked (signature, fields),
/// then the payment and the status change in one transaction.
pub async fn callback(state: &AppState, pairs: &[(String, String)]) -> ApiResult<CallbackResult> {
    let platform = state.config.payment.as_ref().ok_or_else(not_configured)?;
    let cb = Callback::verify(platform, pairs).inspect_err(|e| {
        tracing::warn!(error.code = e.code, "payment callback refused");
    })?;
    if cb.status == CallbackStatus::NotPaid {
        tracing::info!(payment.reference = %cb.reference, payment.result = %cb.result_code, "payment not made");
        return Ok(CallbackResult::NotPaid);
    }
    let calendar = state.calendar();
    let now = state.now();
    let decide = Box::new(move |cur: &Dossier, v: &ProcedureVersion| {
        let workflow = cur.workflow(v);
        let ctx = Context { calendar: &calendar, limit: v.data.time_limit, workflow: &workflow, now };
        paid_online(&cur.state, &ctx)
    });
    let paid = PlatformPayment {
        reference: cb.reference.clone(),
        transaction_id: cb.transaction_id.clone(),
        amount_vnd: cb.amount_vnd,
        paid_at: cb.paid_at,
        intermediary: cb.intermediary.clone(),
    };
    let outcome = state.store.record_online_payment(paid, now, decide).await.inspect_err(|e| {
        tracing::warn!(error.cause = %e, payment.reference = %cb.reference, "payment callback refused");
    })?;
    Ok(match outcome {
        OnlineOutcome::Recorded(d, payment) => {
            tracing::info!(dossier.id = d.id, payment.id = payment.id, "online payment recorded");
            CallbackResult::Paid { payment, replay: false }
        }
        OnlineOutcome::AlreadyRecorded(payment) => CallbackResult::Paid { payment, replay: true },
    })
}

/// One payment's receipt as a PDF, with its file name. The caller has
/// checked that the dossier is visible to the reader.
pub async fn receipt_pdf(
    state: &AppState,
    d: &Dossier,
    version: &ProcedureVersion,
    payment_id: i64,
) -> ApiResult<(String, Vec<u8>)> {
    let not_found = || ApiError::coded(StatusCode::NOT_FOUND, "receipt_not_found", None);
    let requests = state.store.payment_requests(d.id).await?;
    let (request, payment) = requests
        .into_iter()
        .find_map(|q| q.payment.clone().filter(|p| p.id == payment_id).map(|p| (q, p)))
        .ok_or_else(not_found)?;
    let unit = state.store.unit(payment.unit_id).await?.ok_or_else(ApiError::internal)?;
    let agency = crate::web::slips::agency_of(state, &unit).await?;
    let officer = match payment.recorded_by {
        Some(id) => state.store.user(id).await?.map(|u| u.full_name).unwrap_or_default(),
        None => String::new(),
    };
    let exemption = request.exemption.as_deref().and_then(|code| {
        version.data.fees.iter().flat_map(|f| &f.exemptions).find(|e| e.code == code).map(|e| e.name.clone())
    });
    let receipt = motcua_pdf::FeeReceipt {
        agency,
        number: payment.receipt_number(),
        dossier_code: d.code.clone().unwrap_or_default(),
        procedure: format!("{} ({})", version.data.name, version.data.code),
        payer: d.applicant.name.clone(),
        lines: request
            .lines
            .iter()
            .map(|l| motcua_pdf::FeeReceiptLine {
                name: l.name.clone(),
                kind: l.kind.name_vi().to_owned(),
                amount_vnd: l.amount_vnd,
                reduction_vnd: l.reduction_vnd,
                due_vnd: l.due_vnd,
            })
            .collect(),
        exemption: exemption.unwrap_or_default(),
        total_vnd: payment.amount_vnd,
        method: method_vi(payment.method).to_owned(),
        transaction_id: payment.transaction_id.clone(),
        paid_at: payment.paid_at,
        officer,
    };
    let name = receipt.file_name();
    let pdf = tokio::task::spawn_blocking(move || receipt.render()).await.map_err(|_| ApiError::internal())?.map_err(
        |e| {
            tracing::error!(error.cause = %e, "receipt rendering failed");
            ApiError::internal()
        },
    )?;
    Ok((name, pdf))
}

/// How a payment was made, as the receipt prints it.
pub fn method_vi(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Cash => "Tiền mặt",
        PaymentMethod::Transfer => "Chuyển khoản",
        PaymentMethod::Online => "Trực tuyến",
    }
}

/// A reconciliation: the statement of `day` against motcua's online payments.
#[derive(Debug, Clone)]
pub struct Reconciliation {
    pub id: i64,
    pub day: NaiveDate,
    pub lines: usize,
    pub differences: Vec<Difference>,
}

/// Imports a day's statement, compares it and keeps the result. Only a
/// province administrator (the platform's merchant is the installation's).
pub async fn reconcile(
    state: &AppState,
    admin: &ProvinceAdmin,
    day: NaiveDate,
    bytes: &[u8],
) -> ApiResult<Reconciliation> {
    let statement = motcua_payment::parse_statement(bytes)?;
    let recorded: Vec<Recorded> = state
        .store
        .online_payments_around(day)
        .await?
        .into_iter()
        .map(|r| Recorded {
            transaction_id: r.transaction_id,
            reference: r.reference,
            dossier_code: r.dossier_code,
            amount_vnd: r.amount_vnd,
            paid_at: r.paid_at,
        })
        .collect();
    let differences = motcua_payment::reconcile(day, &statement, &recorded);
    let sha = hex::encode(Sha256::digest(bytes));
    let json = serde_json::to_value(&differences).map_err(|_| ApiError::internal())?;
    let lines = statement.lines.len();
    let id = state.store.save_statement(day, sha, lines as i64, json, Some(admin.user_id()), state.now()).await?;
    tracing::info!(statement.id = id, statement.differences = differences.len(), "statement reconciled");
    Ok(Reconciliation { id, day, lines, differences })
}
