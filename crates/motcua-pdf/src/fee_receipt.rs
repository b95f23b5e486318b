//! The electronic receipt of fees and charges (biên lai thu phí, lệ phí
//! điện tử) of one payment: the unit, the receipt's number in the unit's
//! yearly book, the payer, the dossier, each fee with its reduction, the
//! total, how it was paid. The values are data, never markup (the crate's
//! design notes); the layout is `templates/fee_receipt.typ`.
//!
//! The legal template of a receipt (its form number and the tax
//! authority's series) is not reproduced: motcua's receipt is the record
//! of a payment to the one-stop counter, numbered per unit and year
//! (docs/payments.md, "Receipts").

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use crate::format::{date_line, time_and_date};
use crate::render::{compile_template, export};
use crate::{Agency, PdfError};

/// One fee on the receipt.
#[derive(Debug, Clone)]
pub struct FeeReceiptLine {
    /// "Lệ phí đăng ký hộ tịch".
    pub name: String,
    /// "Phí" or "Lệ phí".
    pub kind: String,
    pub amount_vnd: i64,
    pub reduction_vnd: i64,
    pub due_vnd: i64,
}

/// A payment's receipt.
#[derive(Debug, Clone)]
pub struct FeeReceipt {
    pub agency: Agency,
    /// "0000123/2026".
    pub number: String,
    pub dossier_code: String,
    pub procedure: String,
    /// The applicant who pays.
    pub payer: String,
    pub lines: Vec<FeeReceiptLine>,
    /// The exemption applied, by its name; empty for none.
    pub exemption: String,
    pub total_vnd: i64,
    /// "Tiền mặt", "Chuyển khoản", "Trực tuyến".
    pub method: String,
    /// The platform's transaction id, for an online payment.
    pub transaction_id: Option<String>,
    pub paid_at: NaiveDateTime,
    /// The officer who recorded it; empty for an online payment.
    pub officer: String,
}

impl FeeReceipt {
    /// Renders the receipt to the bytes of an A4 PDF.
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        export(&compile_template("fee_receipt.typ", &self.data(), None)?)
    }

    /// "bien-lai-0000123-2026.pdf".
    pub fn file_name(&self) -> String {
        format!("bien-lai-{}.pdf", crate::format::ascii_file_part(&self.number.replace('/', "-")))
    }

    pub(crate) fn data(&self) -> Value {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "n": (i + 1).to_string(),
                    "name": l.name,
                    "kind": l.kind,
                    "amount": money(l.amount_vnd),
                    "reduction": if l.reduction_vnd > 0 { money(l.reduction_vnd) } else { "-".to_owned() },
                    "due": money(l.due_vnd),
                })
            })
            .collect();
        json!({
            "form": "",
            "title": "BIÊN LAI THU PHÍ, LỆ PHÍ",
            "agency": {
                "parent": self.agency.parent.trim().to_uppercase(),
                "name": self.agency.name.trim().to_uppercase(),
                "phone": self.agency.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()),
            },
            "date_line": date_line(self.agency.place.trim(), self.paid_at),
            "dossier_code": self.number,
            "receipt_number": self.number,
            "dossier": self.dossier_code,
            "procedure": self.procedure,
            "payer": self.payer,
            "lines": lines,
            "exemption": self.exemption,
            "total": money(self.total_vnd),
            "method": self.method,
            "transaction": self.transaction_id.clone().unwrap_or_default(),
            "paid_at": time_and_date(self.paid_at),
            "officer": self.officer,
        })
    }
}

/// An amount the Vietnamese way: "1.250.000 đồng".
pub fn money(vnd: i64) -> String {
    format!("{} đồng", motcua_rules::fees::grouped(vnd))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    pub(crate) fn receipt(payer: &str) -> FeeReceipt {
        FeeReceipt {
            agency: Agency {
                parent: "UBND tỉnh Cao Bằng".into(),
                name: "UBND xã Xuân Khanh".into(),
                place: "Xuân Khanh".into(),
                phone: None,
            },
            number: "0000007/2026".into(),
            dossier_code: "000.00.04.H01-260304-0001".into(),
            procedure: "Đăng ký khai sinh (1.001193)".into(),
            payer: payer.into(),
            lines: vec![FeeReceiptLine {
                name: "Lệ phí".into(),
                kind: "Lệ phí".into(),
                amount_vnd: 50_000,
                reduction_vnd: 25_000,
                due_vnd: 25_000,
            }],
            exemption: "Hộ nghèo".into(),
            total_vnd: 25_000,
            method: "Trực tuyến".into(),
            transaction_id: Some("PG00000042".into()),
            paid_at: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(10, 15, 0).unwrap(),
            officer: String::new(),
        }
    }

    #[test]
    fn money_has_dots_every_three_digits() {
        assert_eq!(money(0), "0 đồng");
        assert_eq!(money(950), "950 đồng");
        assert_eq!(money(50_000), "50.000 đồng");
        assert_eq!(money(1_250_000), "1.250.000 đồng");
    }

    #[test]
    fn a_receipt_shows_its_number_payer_fees_total_and_transaction() {
        let r = receipt("Nguyễn Văn An");
        let compiled = compile_template("fee_receipt.typ", &r.data(), None).unwrap();
        assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
        let text = crate::tests::text_of(&compiled.document);
        for s in [
            "BIÊN LAI THU PHÍ, LỆ PHÍ",
            "Số: 0000007/2026",
            "Nguyễn Văn An",
            "000.00.04.H01-260304-0001",
            "50.000 đồng",
            "Tổng số tiền đã nộp: 25.000 đồng",
            "Hộ nghèo",
            "PG00000042",
            "Xuân Khanh, ngày 04 tháng 3 năm 2026",
        ] {
            crate::tests::assert_shows(&text, s);
        }
        assert!(r.render().unwrap().starts_with(b"%PDF-"));
        assert_eq!(r.file_name(), "bien-lai-0000007-2026.pdf");
    }

    #[test]
    fn the_payer_is_shown_literally_never_as_markup() {
        let tricky = r#"#panic("x") *b* $x$ [a] \ "q""#;
        let compiled = compile_template("fee_receipt.typ", &receipt(tricky).data(), None).unwrap();
        crate::tests::assert_shows(&crate::tests::text_of(&compiled.document), tricky);
    }
}
