//! The citizen's fees on `/my/{ref}`: what was asked and paid with each
//! electronic receipt, "pay online" when the installation has a payment
//! platform (else the page says to pay at the counter), and the page the
//! platform sends the browser back to. The payment itself is recorded by
//! the platform's server-to-server callback (`routes::payments::callback`),
//! never by the browser's return: the return only says where things stand.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use motcua_payment::{Callback, CallbackStatus};
use motcua_rules::Role;
use motcua_store::model::{Dossier, ProcedureVersion};

use crate::error::ApiResult;
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;
use crate::web::office::payment::{PaymentRow, money, rows};
use crate::web::page::{Authed, Page, redirect_done, urlencode};

/// The fees card of the citizen's dossier page.
pub struct MyPayment {
    pub rows: Vec<PaymentRow>,
    /// A request is open: what it asks.
    pub open_amount: Option<String>,
    /// The installation has an online payment platform.
    pub online: bool,
    pub pay_action: String,
}

/// The card, when something was asked of the dossier.
pub async fn card(
    state: &AppState,
    page: &Page,
    d: &Dossier,
    version: &ProcedureVersion,
) -> ApiResult<Option<MyPayment>> {
    let requests = state.store.payment_requests(d.id).await?;
    if requests.is_empty() {
        return Ok(None);
    }
    let reference = d.code.clone().unwrap_or_else(|| d.id.to_string());
    let open = crate::payments::open_request(d, &requests);
    let r = urlencode(&reference);
    Ok(Some(MyPayment {
        rows: rows(page, version, &requests, |id| format!("/api/v1/dossiers/{r}/payments/{id}/receipt")),
        open_amount: open.map(|q| money(q.amount_vnd)),
        online: state.config.payment.is_some(),
        pay_action: format!("/my/{r}/pay"),
    }))
}

/// `GET /my/{ref}/pay`: to the platform's payment page. A link rather than
/// a form: the pages' CSP lets forms go to this site only (a form's
/// redirect elsewhere is blocked), and starting a payment writes nothing:
/// it signs the URL of the open request, which only the platform's
/// callback can settle.
pub async fn pay(
    State(state): State<AppState>,
    authed: Authed,
    headers: HeaderMap,
    Path(r): Path<String>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    let base = crate::web::slips::public_base(&state, &headers);
    let url = crate::payments::start_online(&state, &authed.me, &r, &base).await?;
    Ok(Redirect::to(url.as_str()).into_response())
}

/// `GET /my/{ref}/payment/return?…`: the platform sends the browser back
/// with its signed answer; the dossier page says whether the payment is
/// recorded (the callback came first), still awaited, or not made.
pub async fn back(
    State(state): State<AppState>,
    authed: Authed,
    Path(r): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    let (d, _) = visible(&state, &authed.me, parse_ref(&r)).await?;
    let answer = state.config.payment.as_ref().and_then(|c| Callback::verify(c, &pairs).ok());
    let requests = state.store.payment_requests(d.id).await?;
    let notice = match answer {
        Some(cb) if cb.status == CallbackStatus::NotPaid => "pay-returned-failed",
        Some(cb) if requests.iter().any(|q| q.reference == cb.reference && q.payment.is_some()) => "pay-returned-paid",
        _ => "pay-returned-pending",
    };
    let reference = d.code.clone().unwrap_or_else(|| d.id.to_string());
    Ok(redirect_done(&format!("/my/{}", urlencode(&reference)), notice))
}
