//! A tờ khai điện tử (electronic form) as a PDF: the fields a citizen
//! filled in online, under the national heading, with the place and date
//! line and the declarant's name. It becomes the dossier's submission file
//! for the component the form fills. The values are data, never markup
//! (the crate's design notes); the layout is `templates/eform.typ`.

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use crate::PdfError;
use crate::format::date_line;
use crate::render::{compile_template, export};

/// One line of the form: the label and the value as printed.
#[derive(Debug, Clone)]
pub struct EformLine {
    pub label: String,
    /// Empty: printed as a dotted blank.
    pub value: String,
    /// A long text: printed below its label, as a paragraph.
    pub long: bool,
}

/// A filled-in tờ khai.
#[derive(Debug, Clone)]
pub struct EformDocument {
    /// "Tờ khai đăng ký khai sinh"; printed uppercase.
    pub title: String,
    /// Kính gửi: the unit that receives the dossier.
    pub recipient: String,
    /// The procedure, e.g. "Đăng ký khai sinh (1.001193)".
    pub procedure: String,
    pub lines: Vec<EformLine>,
    /// Địa danh of the date line.
    pub place: String,
    pub filled_at: NaiveDateTime,
    /// The declarant, printed under the signature line.
    pub applicant: String,
}

impl EformDocument {
    /// Renders the form to the bytes of an A4 PDF.
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        export(&compile_template("eform.typ", &self.data(), None)?)
    }

    /// An ASCII file name from the title, e.g. "to-khai-dang-ky-khai-sinh.pdf".
    pub fn file_name(&self) -> String {
        let part = crate::format::ascii_file_part(&self.title.to_lowercase().replace(' ', "-"));
        format!("{part}.pdf")
    }

    pub(crate) fn data(&self) -> Value {
        let lines: Vec<Value> =
            self.lines.iter().map(|l| json!({ "label": l.label, "value": l.value, "long": l.long })).collect();
        let title = self.title.trim().to_uppercase();
        json!({
            "form": "",
            "title": title,
            "agency": { "name": self.recipient },
            "recipient": self.recipient,
            "procedure": self.procedure,
            "fields": lines,
            "date_line": date_line(self.place.trim(), self.filled_at),
            "applicant": self.applicant,
            "note": "Tờ khai điện tử, do người khai điền và nộp trực tuyến.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::compile_template;
    use chrono::NaiveDate;

    fn doc(value: &str) -> EformDocument {
        EformDocument {
            title: "Tờ khai đăng ký khai sinh".into(),
            recipient: "UBND xã Xuân Khanh".into(),
            procedure: "Đăng ký khai sinh (1.001193)".into(),
            lines: vec![
                EformLine { label: "Họ, chữ đệm, tên".into(), value: value.into(), long: false },
                EformLine { label: "Ngày sinh".into(), value: "04/03/2026".into(), long: false },
                EformLine { label: "Ghi chú".into(), value: String::new(), long: true },
            ],
            place: "Xuân Khanh".into(),
            filled_at: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(9, 0, 0).unwrap(),
            applicant: "Nguyễn Văn An".into(),
        }
    }

    #[test]
    fn a_filled_form_is_a_pdf_with_heading_title_values_and_date_line() {
        let d = doc("Nguyễn Thị Bình");
        let compiled = compile_template("eform.typ", &d.data(), None).unwrap();
        assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
        let text = crate::tests::text_of(&compiled.document);
        for s in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "TỜ KHAI ĐĂNG KÝ KHAI SINH",
            "Kính gửi: UBND xã Xuân Khanh",
            "Họ, chữ đệm, tên: Nguyễn Thị Bình",
            "Ngày sinh: 04/03/2026",
            "Xuân Khanh, ngày 04 tháng 3 năm 2026",
            "Nguyễn Văn An",
        ] {
            crate::tests::assert_shows(&text, s);
        }
        let pdf = d.render().unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(d.file_name(), "to-khai-dang-ky-khai-sinh.pdf");
    }

    #[test]
    fn values_are_shown_literally_never_as_markup() {
        let tricky = r#"#panic("x") *b* $x$ [a] \ "q" <l> @r"#;
        let compiled = compile_template("eform.typ", &doc(tricky).data(), None).unwrap();
        let text = crate::tests::text_of(&compiled.document);
        crate::tests::assert_shows(&text, tricky);
    }
}
