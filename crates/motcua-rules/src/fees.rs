//! Fees and charges (phí, lệ phí) of a procedure, and the amount a dossier
//! owes at one stage of its handling.
//!
//! What the sources give (docs/payments.md#sources): a procedure's record in
//! the national TTHC database lists its fees and charges; a dossier synced
//! to the national portal carries them with `HinhThucThu`, when they are
//! collected (1 at reception, 2 at supplement, 4 at the result). Which
//! people are exempt from or pay less of a fee is set by the legal text of
//! each fee, not by one national list, so motcua keeps exemptions as data:
//! the administrator names each exemption category on the fee it applies
//! to, with the share it takes off, and the officer records which one a
//! dossier's applicant has when asking for the payment.
//!
//! Decisions (docs/payments.md#fee-rules):
//! - an exemption takes `percent` of a fee off; the reduction is rounded
//!   down to the đồng, so the amount due is never below what the
//!   percentage gives (VND has no smaller unit);
//! - a stage is paid once: asking again at a stage already paid is refused;
//! - nothing is asked when nothing is due (no fee at the stage, or every
//!   fee of it fully exempt).

use serde::{Deserialize, Serialize};

use crate::dossier::Status;
use crate::error::RuleError;

/// Phí (a fee for a service) or lệ phí (a charge for a state act).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Phí.
    Fee,
    /// Lệ phí; the default of a fee written before kinds were kept.
    #[default]
    Charge,
}

impl FeeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FeeKind::Fee => "fee",
            FeeKind::Charge => "charge",
        }
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            FeeKind::Fee => "Phí",
            FeeKind::Charge => "Lệ phí",
        }
    }

    pub fn parse(s: &str) -> Option<FeeKind> {
        [FeeKind::Fee, FeeKind::Charge].into_iter().find(|k| k.as_str() == s)
    }
}

/// When a fee is collected: the national catalogue's `HinhThucThu`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    /// 1: at reception; the default of a fee written before stages were kept.
    #[default]
    Reception = 1,
    /// 2: with the supplement.
    Supplement = 2,
    /// 4: when the result is returned.
    Result = 4,
}

impl Collection {
    pub const ALL: [Collection; 3] = [Collection::Reception, Collection::Supplement, Collection::Result];

    /// The `HinhThucThu` code.
    pub fn code(self) -> i16 {
        self as i16
    }

    pub fn from_code(code: i64) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| i64::from(c.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Collection::Reception => "reception",
            Collection::Supplement => "supplement",
            Collection::Result => "result",
        }
    }

    pub fn parse(s: &str) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// An exemption category on one fee, as the administrator defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exemption {
    /// Short code the officer picks (`nguoi-co-cong`), unique on the fee.
    pub code: String,
    pub name: String,
    /// The share taken off, 1 to 100 (100: exempt).
    pub percent: u8,
}

/// One fee as the rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeLine<'a> {
    pub name: &'a str,
    pub amount_vnd: i64,
    pub kind: FeeKind,
    pub collected_at: Collection,
    pub exemptions: &'a [Exemption],
}

/// One line of what a dossier owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueLine {
    pub name: String,
    pub kind: FeeKind,
    /// The fee as the catalogue sets it.
    pub amount_vnd: i64,
    /// The exemption applied to this line, by code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption: Option<String>,
    pub reduction_vnd: i64,
    pub due_vnd: i64,
}

/// What a dossier owes at one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountDue {
    pub stage: Collection,
    pub lines: Vec<DueLine>,
    pub total_vnd: i64,
}

/// Checks a procedure's fees as the administrator saves them: amounts not
/// negative, exemption codes present, unique per fee, percentages 1–100.
/// Every problem is returned, each on its field (`fees[i].exemptions[j].percent`).
pub fn check_fees(fees: &[FeeLine<'_>]) -> Vec<RuleError> {
    let mut out = Vec::new();
    for (i, f) in fees.iter().enumerate() {
        if f.amount_vnd < 0 {
            out.push(RuleError::invalid("negative_fee", &format!("fees[{i}].amount_vnd")));
        }
        for (j, e) in f.exemptions.iter().enumerate() {
            let at = format!("fees[{i}].exemptions[{j}]");
            if e.code.trim().is_empty() || e.code.len() > 40 {
                out.push(RuleError::invalid("exemption_code_invalid", &format!("{at}.code")));
            } else if f.exemptions[..j].iter().any(|o| o.code == e.code) {
                out.push(RuleError::invalid("exemption_code_twice", &format!("{at}.code")).arg("code", &e.code));
            }
            if e.name.trim().is_empty() {
                out.push(RuleError::invalid("required", &format!("{at}.name")).arg("case", "field"));
            }
            if !(1..=100).contains(&e.percent) {
                out.push(RuleError::invalid("exemption_percent_invalid", &format!("{at}.percent")));
            }
        }
    }
    out
}

/// The exemption categories a dossier may be given at `stage`: those of
/// the fees collected then, each code once (first definition wins for its
/// name), in the order the fees list them.
pub fn exemptions_at<'a>(fees: &'a [FeeLine<'a>], stage: Collection) -> Vec<&'a Exemption> {
    let mut out: Vec<&Exemption> = Vec::new();
    for f in fees.iter().filter(|f| f.collected_at == stage) {
        for e in f.exemptions {
            if !out.iter().any(|o| o.code == e.code) {
                out.push(e);
            }
        }
    }
    out
}

/// What a dossier owes at `stage`, with the exemption the officer recorded
/// (by code, `None` for none). `paid` are the stages already paid.
///
/// Refused: an exemption no fee of the stage defines (`unknown_exemption`),
/// a stage already paid (`fee_stage_paid`), nothing to pay at the stage
/// (`no_fee_due`: no fee, or all exempt).
pub fn amount_due(
    fees: &[FeeLine<'_>],
    stage: Collection,
    exemption: Option<&str>,
    paid: &[Collection],
) -> Result<AmountDue, RuleError> {
    if paid.contains(&stage) {
        return Err(RuleError::conflict("fee_stage_paid").arg("stage", stage.as_str()));
    }
    let at_stage: Vec<&FeeLine<'_>> = fees.iter().filter(|f| f.collected_at == stage).collect();
    let exemption = exemption.map(str::trim).filter(|e| !e.is_empty());
    if let Some(code) = exemption
        && !at_stage.iter().any(|f| f.exemptions.iter().any(|e| e.code == code))
    {
        return Err(RuleError::invalid("unknown_exemption", "exemption").arg("code", code));
    }
    let lines: Vec<DueLine> = at_stage
        .iter()
        .map(|f| {
            let applied = exemption.and_then(|code| f.exemptions.iter().find(|e| e.code == code));
            let amount = f.amount_vnd.max(0);
            let reduction = applied.map_or(0, |e| amount * i64::from(e.percent.min(100)) / 100);
            DueLine {
                name: f.name.to_owned(),
                kind: f.kind,
                amount_vnd: amount,
                exemption: applied.map(|e| e.code.clone()),
                reduction_vnd: reduction,
                due_vnd: amount - reduction,
            }
        })
        .collect();
    let total_vnd = lines.iter().map(|l| l.due_vnd).sum();
    if total_vnd <= 0 {
        return Err(RuleError::not_allowed("no_fee_due").arg("stage", stage.as_str()));
    }
    Ok(AmountDue { stage, lines, total_vnd })
}

/// Whether a procedure charges anything at all: some fee above 0 (the
/// 766 online-payment group's "TTHC with fees", docs/index766.md).
pub fn charges_fees(fees: &[FeeLine<'_>]) -> bool {
    fees.iter().any(|f| f.amount_vnd > 0)
}

/// The checks on a payment before it is recorded against a dossier's open
/// request (at the counter or from the platform's callback), in order: the
/// dossier is closed (withdrawn, stopped, refused …) → `dossier_closed`;
/// nothing is asked (paid already, or never requested) →
/// `payment_not_requested`; the amount differs from the request →
/// `payment_amount_mismatch`.
pub fn check_payment(status: Status, requested_vnd: Option<i64>, paid_vnd: i64) -> Result<(), RuleError> {
    if status.is_closed() {
        return Err(RuleError::conflict("dossier_closed").arg("status", status.as_str()));
    }
    let Some(requested) = requested_vnd.filter(|_| status == Status::PaymentRequested) else {
        return Err(RuleError::conflict("payment_not_requested"));
    };
    if requested != paid_vnd {
        return Err(RuleError::invalid("payment_amount_mismatch", "amount")
            .arg("requested", requested)
            .arg("paid", paid_vnd));
    }
    Ok(())
}

/// An amount in đồng with its thousands grouped the Vietnamese way,
/// `1.250.000`, as receipts and pages print money in both languages.
pub fn grouped(vnd: i64) -> String {
    let digits = vnd.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if vnd < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
#[path = "fees_tests.rs"]
mod tests;
