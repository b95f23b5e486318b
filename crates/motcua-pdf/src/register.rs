//! The unit's register of dossiers (sổ theo dõi hồ sơ) as a printed book:
//! landscape A4, one line per dossier, the headings repeated on every page.
//!
//! The columns follow the register of the one-stop rules as far as our
//! sources describe it (docs/register.md: the form's own text is NOT FOUND,
//! its number "Mẫu số 07" is UNVERIFIED); they are the list in
//! `templates/register.typ`, so a correction is made in one place.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

use crate::format::{date, date_line};
use crate::render::{compile_template, export};
use crate::{Agency, PdfError};

/// One line of the register.
#[derive(Debug, Clone)]
pub struct RegisterLine {
    /// STT: the line's number from the first of the period.
    pub number: u64,
    pub dossier_code: String,
    pub procedure_name: String,
    pub applicant_name: String,
    /// Address and phone, as one text ("Thôn 3, xã X; 0912 345 678").
    pub applicant_contact: String,
    pub received_at: Option<NaiveDateTime>,
    pub due_at: Option<NaiveDateTime>,
    /// When, and to which unit, the dossier went to be handled.
    pub handed_over: Option<(NaiveDateTime, String)>,
    /// When the result was ready.
    pub finished_at: Option<NaiveDateTime>,
    pub returned_at: Option<NaiveDateTime>,
    /// Status and timeliness, e.g. "Đã trả kết quả; quá hạn".
    pub note: String,
}

/// The register of a unit for a period.
#[derive(Debug, Clone)]
pub struct Register {
    pub agency: Agency,
    /// First and last day received; `None`: open-ended.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub printed_at: NaiveDateTime,
    pub lines: Vec<RegisterLine>,
    /// More lines matched than are printed (the caller's limit).
    pub truncated: bool,
}

impl Register {
    pub const TITLE: &'static str = "SỔ THEO DÕI HỒ SƠ";
    /// UNVERIFIED (docs/sources.md#slips): the list attributed to Thông tư 03/2025/TT-VPCP.
    pub const FORM_NUMBER: &'static str = "Mẫu số 07";

    /// Renders the register to the bytes of a PDF file (landscape A4).
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        export(&compile_template("register.typ", &self.data(), None)?)
    }

    /// An ASCII file name, e.g. "so-theo-doi-ho-so-H11.100-2026-03-01-2026-03-31.pdf".
    pub fn file_name(&self, unit_code: &str) -> String {
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "x".into());
        format!(
            "so-theo-doi-ho-so-{}-{}-{}.pdf",
            crate::format::ascii_file_part(unit_code),
            day(self.from),
            day(self.to)
        )
    }

    pub(crate) fn data(&self) -> Value {
        let at = |t: Option<NaiveDateTime>| t.map(|t| t.format("%H:%M %d/%m/%Y").to_string()).unwrap_or_default();
        let lines: Vec<Value> = self
            .lines
            .iter()
            .map(|l| {
                json!({
                    "number": l.number.to_string(),
                    "code": l.dossier_code,
                    "procedure": l.procedure_name,
                    "name": l.applicant_name,
                    "contact": l.applicant_contact,
                    "received": at(l.received_at),
                    "due": at(l.due_at),
                    "handed_at": at(l.handed_over.as_ref().map(|(t, _)| *t)),
                    "handed_to": l.handed_over.as_ref().map(|(_, u)| u.clone()).unwrap_or_default(),
                    "finished": at(l.finished_at),
                    "returned": at(l.returned_at),
                    "note": l.note,
                })
            })
            .collect();
        let period = match (self.from, self.to) {
            (Some(f), Some(t)) => format!("Từ ngày {} đến ngày {}", date(start(f)), date(start(t))),
            (Some(f), None) => format!("Từ ngày {}", date(start(f))),
            (None, Some(t)) => format!("Đến ngày {}", date(start(t))),
            (None, None) => String::new(),
        };
        json!({
            "form": Self::FORM_NUMBER,
            "title": Self::TITLE,
            "agency": {
                "parent": self.agency.parent.trim().to_uppercase(),
                "name": self.agency.name.trim().to_uppercase(),
            },
            "date_line": date_line(self.agency.place.trim(), self.printed_at),
            "period": period,
            "lines": lines,
            "truncated": self.truncated,
        })
    }
}

fn start(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).expect("midnight")
}
