//! The fees card of the dossier page: what was asked and paid, with each
//! receipt, and the parts of the "request payment" and "record payment"
//! forms the officer fills: the stage, the exemption and the amount each
//! choice gives (computed by `motcua_rules::fees` from the procedure
//! version's fees, as the action will compute it), the payment method.

use motcua_rules::fees::{Collection, amount_due};
use motcua_store::model::{Dossier, ProcedureVersion, with_fee_lines};
use motcua_store::{PaymentMethod, PaymentRequest};

use super::dossier::Refused;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::page::Page;

/// One request of the dossier, with its payment.
pub struct PaymentRow {
    pub stage: String,
    pub amount: String,
    pub exemption: String,
    pub requested_at: String,
    pub paid: bool,
    pub status: String,
    pub method: String,
    pub receipt_number: String,
    pub receipt_href: String,
}

pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// What each exemption gives at each stage, for the officer to see before
/// asking.
pub(super) struct AmountRow {
    pub label: String,
    pub cells: Vec<String>,
}

pub(super) struct PaymentSection {
    pub rows: Vec<PaymentRow>,
    /// The stages with a fee, for the request form.
    pub stages: Vec<Choice>,
    pub exemptions: Vec<Choice>,
    /// The header of the amounts table (a stage each) and its rows.
    pub amount_head: Vec<String>,
    pub amounts: Vec<AmountRow>,
    /// The amount the open request asks, for the record form.
    pub open_amount: Option<String>,
    pub methods: Vec<Choice>,
}

/// An amount as the pages print it: "50.000 đồng".
pub fn money(vnd: i64) -> String {
    motcua_pdf::money(vnd)
}

pub fn stage_label(page: &Page, stage: Collection) -> String {
    page.t(&format!("fee-stage-{}", stage.as_str()))
}

pub fn method_label(page: &Page, method: PaymentMethod) -> String {
    page.t(&format!("pay-method-{}", method.as_str()))
}

/// The rows of a dossier's requests; `receipt` gives a payment's receipt link.
pub fn rows(
    page: &Page,
    version: &ProcedureVersion,
    requests: &[PaymentRequest],
    receipt: impl Fn(i64) -> String,
) -> Vec<PaymentRow> {
    requests
        .iter()
        .map(|q| {
            let exemption = q
                .exemption
                .as_deref()
                .map(|code| {
                    version
                        .data
                        .fees
                        .iter()
                        .flat_map(|f| &f.exemptions)
                        .find(|e| e.code == code)
                        .map_or_else(|| code.to_owned(), |e| format!("{} (−{}%)", e.name, e.percent))
                })
                .unwrap_or_else(|| page.t("pay-exemption-none"));
            PaymentRow {
                stage: stage_label(page, q.stage),
                amount: money(q.amount_vnd),
                exemption,
                requested_at: format::datetime(q.requested_at),
                paid: q.payment.is_some(),
                status: page.t(if q.payment.is_some() { "pay-status-paid" } else { "pay-status-open" }),
                method: q.payment.as_ref().map(|p| method_label(page, p.method)).unwrap_or_default(),
                receipt_number: q.payment.as_ref().map(|p| p.receipt_number()).unwrap_or_default(),
                receipt_href: q.payment.as_ref().map(|p| receipt(p.id)).unwrap_or_default(),
            }
        })
        .collect()
}

/// The card, for a dossier whose procedure charges fees or that was asked
/// to pay; none otherwise.
pub(super) async fn section(
    state: &AppState,
    page: &Page,
    d: &Dossier,
    version: &ProcedureVersion,
    act_ref: &str,
    refused: Option<&Refused>,
) -> ApiResult<Option<PaymentSection>> {
    let requests = state.store.payment_requests(d.id).await?;
    if !version.data.charges_fees() && requests.is_empty() {
        return Ok(None);
    }
    let typed = |action: &str| refused.filter(|r| r.action == action).map(|r| &r.typed);
    let typed_stage = typed("request_payment").and_then(|t| t.fee_stage.clone());
    let typed_exemption = typed("request_payment").and_then(|t| t.exemption.clone());
    let typed_method = typed("record_payment").and_then(|t| t.payment_method.clone());
    let paid: Vec<Collection> = requests.iter().filter(|q| q.payment.is_some()).map(|q| q.stage).collect();
    let stages: Vec<Collection> = Collection::ALL
        .into_iter()
        .filter(|s| version.data.fees.iter().any(|f| f.collected_at == *s && f.amount_vnd > 0))
        .collect();
    let (exemptions, amounts) = with_fee_lines(&version.data.fees, |fees| {
        let mut list: Vec<(Option<String>, String)> = vec![(None, page.t("pay-exemption-none"))];
        for s in &stages {
            for e in motcua_rules::fees::exemptions_at(fees, *s) {
                if !list.iter().any(|(c, _)| c.as_deref() == Some(e.code.as_str())) {
                    list.push((Some(e.code.clone()), format!("{} (−{}%)", e.name, e.percent)));
                }
            }
        }
        let amounts: Vec<AmountRow> = list
            .iter()
            .map(|(code, label)| AmountRow {
                label: label.clone(),
                cells: stages
                    .iter()
                    .map(|s| {
                        // An exemption that does not apply at this stage
                        // leaves the full amount: the form would refuse it.
                        amount_due(fees, *s, code.as_deref(), &paid).map(|a| money(a.total_vnd)).unwrap_or_else(|e| {
                            match (e.code, page.lang) {
                                ("unknown_exemption", _) => "—".into(),
                                (_, Lang::En) => e.message_en,
                                (_, Lang::Vi) => e.message_vi,
                            }
                        })
                    })
                    .collect(),
            })
            .collect();
        (list, amounts)
    });
    let open = requests.last().filter(|q| q.payment.is_none());
    let dossier_ref = act_ref.to_owned();
    Ok(Some(PaymentSection {
        rows: rows(page, version, &requests, |id| format!("/api/v1/dossiers/{dossier_ref}/payments/{id}/receipt")),
        stages: stages
            .iter()
            .enumerate()
            .map(|(i, s)| Choice {
                value: s.as_str().to_owned(),
                label: stage_label(page, *s),
                selected: typed_stage.as_deref().map_or(i == 0, |t| t == s.as_str()),
            })
            .collect(),
        exemptions: exemptions
            .into_iter()
            .map(|(code, label)| Choice {
                selected: typed_exemption.as_deref().unwrap_or("") == code.as_deref().unwrap_or(""),
                value: code.unwrap_or_default(),
                label,
            })
            .collect(),
        amount_head: stages.iter().map(|s| stage_label(page, *s)).collect(),
        amounts,
        open_amount: open.map(|q| money(q.amount_vnd)),
        methods: [PaymentMethod::Cash, PaymentMethod::Transfer]
            .into_iter()
            .map(|m| Choice {
                value: m.as_str().to_owned(),
                label: method_label(page, m),
                selected: typed_method.as_deref().unwrap_or("cash") == m.as_str(),
            })
            .collect(),
    }))
}
