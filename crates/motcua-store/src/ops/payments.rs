//! Fees asked of a dossier, their payments and electronic receipts
//! (docs/payments.md).
//!
//! - A payment request is written in the transaction of the "request
//!   payment" action (status 6), with the amount `motcua_rules::fees`
//!   computes from the procedure version's fees, the stage and the
//!   exemption the officer recorded.
//! - A payment (at the counter, or the platform's callback) is written in
//!   the transaction of the status change it causes, with its receipt
//!   number: an upsert on `receipt_seq (unit_id, year)`, so the numbers of a
//!   unit and year run without gaps (a refused payment rolls its number
//!   back with everything else).
//! - Nothing is paid twice: one payment per request (`UNIQUE request_id`)
//!   and per platform transaction (`UNIQUE transaction_id`). A callback
//!   replayed with a transaction already recorded answers that payment and
//!   writes nothing.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use motcua_rules::dossier::{DossierState, Status};
use motcua_rules::fees::{AmountDue, Collection, DueLine, amount_due, check_payment};
use motcua_rules::{RuleError, stats};
use serde::{Deserialize, Serialize};

use super::dossiers::{DossierRef, act_in, dossier_not_found, load};
use super::stats::add_counts;
use crate::db::{Conn, Row};
use crate::model::{Dossier, EventInput, ProcedureVersion, with_fee_lines};
use crate::{Store, StoreError, params};

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Tiền mặt, at the counter.
    Cash,
    /// Chuyển khoản, checked by the counter.
    Transfer,
    /// Through the payment platform (its signed callback).
    Online,
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Transfer => "transfer",
            PaymentMethod::Online => "online",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentMethod> {
        [PaymentMethod::Cash, PaymentMethod::Transfer, PaymentMethod::Online].into_iter().find(|m| m.as_str() == s)
    }
}

/// A payment with its receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: i64,
    pub request_id: i64,
    pub dossier_id: i64,
    pub method: PaymentMethod,
    pub amount_vnd: i64,
    pub transaction_id: Option<String>,
    pub intermediary: Option<String>,
    pub paid_at: NaiveDateTime,
    pub recorded_by: Option<i64>,
    pub recorded_at: NaiveDateTime,
    /// The unit whose receipt book numbers it (the receiving unit).
    pub unit_id: i64,
    pub receipt_year: i32,
    pub receipt_no: i64,
}

impl Payment {
    /// The receipt's number as printed: `0000123/2026`.
    pub fn receipt_number(&self) -> String {
        format!("{:07}/{}", self.receipt_no, self.receipt_year)
    }
}

/// A payment request of a dossier, with its payment once made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentRequest {
    pub id: i64,
    /// The reference sent to the platform.
    pub reference: String,
    pub dossier_id: i64,
    pub stage: Collection,
    pub exemption: Option<String>,
    pub lines: Vec<DueLine>,
    pub amount_vnd: i64,
    pub requested_by: Option<i64>,
    pub requested_at: NaiveDateTime,
    pub payment: Option<Payment>,
}

/// What the platform's verified callback says was paid (the store does not
/// know the protocol: `motcua-payment` checks it first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformPayment {
    pub reference: String,
    pub transaction_id: String,
    pub amount_vnd: i64,
    pub paid_at: NaiveDateTime,
    pub intermediary: String,
}

/// What a callback did.
#[derive(Debug, Clone, PartialEq)]
pub enum OnlineOutcome {
    /// Recorded now, with the dossier after the status change.
    Recorded(Box<Dossier>, Payment),
    /// This transaction was recorded before: the same payment, nothing written.
    AlreadyRecorded(Payment),
}

/// An online payment as motcua recorded it, for reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedOnline {
    pub transaction_id: String,
    pub reference: String,
    pub dossier_code: String,
    pub amount_vnd: i64,
    pub paid_at: NaiveDateTime,
}

/// An imported statement and its differences (JSON as the reconciliation
/// wrote them).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredStatement {
    pub id: i64,
    pub day: NaiveDate,
    pub sha256: String,
    pub lines: i64,
    pub differences: serde_json::Value,
    pub imported_by: Option<i64>,
    pub imported_at: NaiveDateTime,
}

const PAYMENT_COLUMNS: &str = "p.id, p.request_id, p.dossier_id, p.method, p.amount_vnd, p.transaction_id, \
     p.intermediary, p.paid_at, p.recorded_by, p.recorded_at, p.unit_id, p.receipt_year, p.receipt_no";

fn payment_from(r: &Row, at: usize) -> Result<Payment, StoreError> {
    Ok(Payment {
        id: r.i64(at)?,
        request_id: r.i64(at + 1)?,
        dossier_id: r.i64(at + 2)?,
        method: PaymentMethod::parse(r.str(at + 3)?).ok_or_else(|| StoreError::internal("unknown payment method"))?,
        amount_vnd: r.i64(at + 4)?,
        transaction_id: r.opt_string(at + 5)?,
        intermediary: r.opt_string(at + 6)?,
        paid_at: r.time(at + 7)?,
        recorded_by: r.opt_i64(at + 8)?,
        recorded_at: r.time(at + 9)?,
        unit_id: r.i64(at + 10)?,
        receipt_year: i32::try_from(r.i64(at + 11)?).map_err(|_| StoreError::internal("receipt year"))?,
        receipt_no: r.i64(at + 12)?,
    })
}

const REQUEST_COLUMNS: &str =
    "q.id, q.reference, q.dossier_id, q.stage, q.exemption, q.lines, q.amount_vnd, q.requested_by, q.requested_at";

fn requests_where(
    c: &mut dyn Conn,
    filter: &str,
    args: &[crate::db::Value],
) -> Result<Vec<PaymentRequest>, StoreError> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS}, {PAYMENT_COLUMNS} FROM payment_requests q \
         LEFT JOIN payments p ON p.request_id = q.id WHERE {filter} ORDER BY q.id"
    );
    c.query(&sql, args)?
        .iter()
        .map(|r| {
            Ok(PaymentRequest {
                id: r.i64(0)?,
                reference: r.string(1)?,
                dossier_id: r.i64(2)?,
                stage: Collection::from_code(r.i64(3)?).ok_or_else(|| StoreError::internal("unknown stage"))?,
                exemption: r.opt_string(4)?,
                lines: serde_json::from_str(r.str(5)?).map_err(|e| StoreError::internal(e.to_string()))?,
                amount_vnd: r.i64(6)?,
                requested_by: r.opt_i64(7)?,
                requested_at: r.time(8)?,
                payment: if r.opt_i64(9)?.is_some() { Some(payment_from(r, 9)?) } else { None },
            })
        })
        .collect()
}

/// The stages of a dossier already paid.
fn paid_stages(c: &mut dyn Conn, dossier_id: i64) -> Result<Vec<Collection>, StoreError> {
    Ok(requests_where(c, "q.dossier_id = $1", params![dossier_id])?
        .into_iter()
        .filter(|q| q.payment.is_some())
        .map(|q| q.stage)
        .collect())
}

/// The dossier's open request: the last one, when it is not paid.
fn open_request(c: &mut dyn Conn, dossier_id: i64) -> Result<Option<PaymentRequest>, StoreError> {
    Ok(requests_where(c, "q.dossier_id = $1", params![dossier_id])?.pop().filter(|q| q.payment.is_none()))
}

/// What a dossier owes at `stage` with `exemption`, inside a transaction.
fn due_in(
    c: &mut dyn Conn,
    version: &ProcedureVersion,
    dossier_id: i64,
    stage: Collection,
    exemption: Option<&str>,
) -> Result<AmountDue, StoreError> {
    let paid = paid_stages(c, dossier_id)?;
    Ok(with_fee_lines(&version.data.fees, |fees| amount_due(fees, stage, exemption, &paid))?)
}

/// Writes a payment and numbers its receipt, in the caller's transaction.
fn insert_payment(
    c: &mut dyn Conn,
    d: &Dossier,
    request: &PaymentRequest,
    method: PaymentMethod,
    platform: Option<&PlatformPayment>,
    by: Option<i64>,
    now: NaiveDateTime,
) -> Result<Payment, StoreError> {
    let unit_id = d.state.receiving_unit.id;
    let year = now.year();
    let receipt_no = super::numbering::next(
        c,
        "receipt_seq",
        "last_no",
        &[("unit_id", unit_id.into()), ("year", i64::from(year).into())],
    )?;
    let paid_at = platform.map_or(now, |p| p.paid_at);
    let row = c
        .query_one(
            "INSERT INTO payments (request_id, dossier_id, province_id, method, amount_vnd, transaction_id, \
             intermediary, paid_at, recorded_by, recorded_at, unit_id, receipt_year, receipt_no) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            params![
                request.id,
                d.id,
                d.province_id,
                method.as_str(),
                request.amount_vnd,
                platform.map(|p| p.transaction_id.as_str()),
                platform.map(|p| p.intermediary.as_str()).filter(|s| !s.is_empty()),
                paid_at,
                by,
                now,
                unit_id,
                i64::from(year),
                receipt_no
            ],
        )
        .map_err(|e| StoreError::from(e).on_unique("payment_not_requested", "request"))?;
    Ok(Payment {
        id: row.i64(0)?,
        request_id: request.id,
        dossier_id: d.id,
        method,
        amount_vnd: request.amount_vnd,
        transaction_id: platform.map(|p| p.transaction_id.clone()),
        intermediary: platform.map(|p| p.intermediary.clone()).filter(|s| !s.is_empty()),
        paid_at,
        recorded_by: by,
        recorded_at: now,
        unit_id,
        receipt_year: year,
        receipt_no,
    })
}

/// Adds a dossier's counters dated on its reception day (a payment request
/// and an online payment count where the dossier's reception does).
fn count_on_reception(
    c: &mut dyn Conn,
    d: &Dossier,
    deltas: fn(NaiveDateTime) -> Vec<stats::Delta>,
) -> Result<(), StoreError> {
    let Some(received) = d.state.received_at else { return Ok(()) };
    add_counts(c, &d.state.receiving_unit, &d.handling_unit, d.procedure_id, d.province_id, &deltas(received))
}

/// The decision of the state machine, run inside the transaction.
pub type Decide = Box<dyn FnOnce(&Dossier, &ProcedureVersion) -> Result<DossierState, RuleError> + Send>;

impl Store {
    /// The "request payment" action and its payment request, in one
    /// transaction: the amount is computed from the dossier's procedure
    /// version as it is inside it, so the officer's preview and the stored
    /// amount cannot differ without the request being refused.
    #[allow(clippy::too_many_arguments)]
    pub async fn request_payment(
        &self,
        r: DossierRef,
        expected_version: i64,
        event: EventInput,
        now: NaiveDateTime,
        stage: Collection,
        exemption: Option<String>,
        decide: Decide,
    ) -> Result<(Dossier, PaymentRequest), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let by = event.actor_user_id;
                let d = act_in(c, s, &r, expected_version, &event, now, decide)?;
                let version = s.version_in(c, d.procedure_version_id)?;
                let due = due_in(c, &version, d.id, stage, exemption.as_deref())?;
                let reference = format!("{}-{}", d.code.as_deref().unwrap_or("HS"), d.version);
                let lines = serde_json::to_string(&due.lines).map_err(|e| StoreError::internal(e.to_string()))?;
                c.execute(
                    "INSERT INTO payment_requests (reference, dossier_id, event_seq, stage, exemption, lines, \
                     amount_vnd, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    params![
                        &reference,
                        d.id,
                        d.version,
                        stage.code(),
                        due.lines.iter().find_map(|l| l.exemption.clone()),
                        &lines,
                        due.total_vnd,
                        by,
                        now
                    ],
                )?;
                let request = requests_where(c, "q.reference = $1", params![&reference])?
                    .pop()
                    .ok_or_else(|| StoreError::internal("request not written"))?;
                // 766 indicator 3.5: the dossier's first request, on its reception day.
                let first =
                    c.query_one("SELECT COUNT(*) FROM payment_requests WHERE dossier_id = $1", params![d.id])?;
                if first.i64(0)? == 1 {
                    count_on_reception(c, &d, stats::fee_requested_deltas)?;
                }
                Ok((d, request))
            })
        })
        .await
    }

    /// What a dossier would owe at `stage` with `exemption`, now (the
    /// officer's preview before asking).
    pub async fn amount_due(
        &self,
        dossier_id: i64,
        stage: Collection,
        exemption: Option<String>,
    ) -> Result<AmountDue, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let d = load(c, &DossierRef::Id(dossier_id))?.ok_or_else(dossier_not_found)?;
                let version = s.version_in(c, d.procedure_version_id)?;
                due_in(c, &version, d.id, stage, exemption.as_deref())
            })
        })
        .await
    }

    /// A payment at the counter (cash or transfer) with the "record
    /// payment" action, in one transaction with its receipt number. The
    /// open request's amount is what is paid.
    pub async fn record_payment(
        &self,
        r: DossierRef,
        expected_version: i64,
        event: EventInput,
        now: NaiveDateTime,
        method: PaymentMethod,
        decide: Decide,
    ) -> Result<(Dossier, Payment), StoreError> {
        if method == PaymentMethod::Online {
            return Err(RuleError::invalid("payment_method_invalid", "method").into());
        }
        self.blocking(move |s| {
            s.write(|c| {
                let before = load(c, &r)?.ok_or_else(dossier_not_found)?;
                let request = open_request(c, before.id)?;
                let amount = request.as_ref().map(|q| q.amount_vnd);
                check_payment(before.state.status, amount, amount.unwrap_or(0))?;
                let request = request.ok_or_else(|| StoreError::from(RuleError::conflict("payment_not_requested")))?;
                let by = event.actor_user_id;
                let d = act_in(c, s, &r, expected_version, &event, now, decide)?;
                let payment = insert_payment(c, &d, &request, method, None, by, now)?;
                Ok((d, payment))
            })
        })
        .await
    }

    /// The platform's verified callback: the payment and the status change
    /// in one transaction, or the payment recorded before for the same
    /// transaction (a replay: nothing written). `decide` is
    /// `rules::dossier::machine::paid_online` with the caller's calendar.
    ///
    /// Refused: an unknown reference (`payment_unknown_reference`), a
    /// dossier closed (`dossier_closed`), a request paid already by another
    /// transaction or not the open one (`payment_not_requested`), an amount
    /// other than the request's (`payment_amount_mismatch`).
    pub async fn record_online_payment(
        &self,
        paid: PlatformPayment,
        now: NaiveDateTime,
        decide: Decide,
    ) -> Result<OnlineOutcome, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let sql = format!("SELECT {PAYMENT_COLUMNS} FROM payments p WHERE p.transaction_id = $1");
                if let Some(row) = c.query_opt(&sql, params![&paid.transaction_id])? {
                    return Ok(OnlineOutcome::AlreadyRecorded(payment_from(&row, 0)?));
                }
                let request = requests_where(c, "q.reference = $1", params![&paid.reference])?
                    .pop()
                    .ok_or_else(|| StoreError::from(RuleError::not_found("payment_unknown_reference")))?;
                let d = load(c, &DossierRef::Id(request.dossier_id))?.ok_or_else(dossier_not_found)?;
                let open = open_request(c, d.id)?.filter(|q| q.id == request.id);
                check_payment(d.state.status, open.map(|q| q.amount_vnd), paid.amount_vnd)?;
                let event = EventInput {
                    action: "record_payment",
                    actor_user_id: None,
                    actor_unit_id: None,
                    note: Some(format!("Thanh toán trực tuyến, mã giao dịch {}", paid.transaction_id)),
                    note_audience: motcua_rules::dossier::NoteAudience::Internal,
                };
                let d = act_in(c, s, &DossierRef::Id(d.id), d.version, &event, now, decide)?;
                // 766 indicators 3.6 and 3.5b: the dossier's first online payment.
                let before = c.query_one(
                    "SELECT COUNT(*) FROM payments WHERE dossier_id = $1 AND method = 'online'",
                    params![d.id],
                )?;
                if before.i64(0)? == 0 {
                    count_on_reception(c, &d, stats::paid_online_deltas)?;
                }
                let payment = insert_payment(c, &d, &request, PaymentMethod::Online, Some(&paid), None, now)?;
                Ok(OnlineOutcome::Recorded(Box::new(d), payment))
            })
        })
        .await
    }

    /// A dossier's payment requests with their payments, oldest first.
    pub async fn payment_requests(&self, dossier_id: i64) -> Result<Vec<PaymentRequest>, StoreError> {
        self.blocking(move |s| s.read(|c| requests_where(c, "q.dossier_id = $1", params![dossier_id]))).await
    }

    /// The online payments whose platform time is within `day` ± one day
    /// (the statement may carry the night's transactions), for
    /// reconciliation.
    pub async fn online_payments_around(&self, day: NaiveDate) -> Result<Vec<RecordedOnline>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let from = (day - chrono::Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default();
                let to = (day + chrono::Duration::days(2)).and_hms_opt(0, 0, 0).unwrap_or_default();
                c.query(
                    "SELECT p.transaction_id, q.reference, COALESCE(d.code, ''), p.amount_vnd, p.paid_at \
                     FROM payments p JOIN payment_requests q ON q.id = p.request_id JOIN dossiers d ON d.id = p.dossier_id \
                     WHERE p.method = 'online' AND p.paid_at >= $1 AND p.paid_at < $2 ORDER BY p.transaction_id",
                    params![from, to],
                )?
                .iter()
                .map(|r| {
                    Ok(RecordedOnline {
                        transaction_id: r.string(0)?,
                        reference: r.string(1)?,
                        dossier_code: r.string(2)?,
                        amount_vnd: r.i64(3)?,
                        paid_at: r.time(4)?,
                    })
                })
                .collect()
            })
        })
        .await
    }

    /// Keeps an imported statement with what its comparison found.
    pub async fn save_statement(
        &self,
        day: NaiveDate,
        sha256: String,
        lines: i64,
        differences: serde_json::Value,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<i64, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                Ok(c.query_one(
                    "INSERT INTO payment_statements (day, sha256, lines, differences, imported_by, imported_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    params![day, &sha256, lines, differences.to_string(), by, now],
                )?
                .i64(0)?)
            })
        })
        .await
    }

    /// The statements imported, newest first, at most `limit`.
    pub async fn statements(&self, limit: i64) -> Result<Vec<StoredStatement>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, day, sha256, lines, differences, imported_by, imported_at FROM payment_statements \
                     ORDER BY id DESC LIMIT $1",
                    params![limit],
                )?
                .iter()
                .map(|r| {
                    Ok(StoredStatement {
                        id: r.i64(0)?,
                        day: r.date(1)?,
                        sha256: r.string(2)?,
                        lines: r.i64(3)?,
                        differences: serde_json::from_str(r.str(4)?)
                            .map_err(|e| StoreError::internal(e.to_string()))?,
                        imported_by: r.opt_i64(5)?,
                        imported_at: r.time(6)?,
                    })
                })
                .collect()
            })
        })
        .await
    }
}

/// Whether a dossier in `status` has an unpaid request a citizen may pay
/// online now.
pub fn payable(status: Status, request: &PaymentRequest) -> bool {
    status == Status::PaymentRequested && request.payment.is_none()
}
