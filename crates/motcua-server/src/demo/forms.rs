//! The demo's form files (tờ khai, mẫu đơn): a few procedures get a small,
//! valid one-page PDF each, so that the procedure page has something to
//! download. Written by hand (the PDF is a few objects): the real forms are
//! published by the ministries and uploaded by an administrator.

use chrono::NaiveDateTime;
use motcua_store::model::NewProcedureForm;
use motcua_store::{Store, StoreError};

/// Procedure code, form file name, and the form's title and lines (ASCII:
/// the PDF uses a standard font without Vietnamese letters).
const FORMS: &[(&str, &str, &str, &[&str])] = &[
    (
        "1.000894",
        "Tờ khai đăng ký kết hôn.pdf",
        "TO KHAI DANG KY KET HON",
        &["Ho, chu dem, ten (ben nu): ....................", "Ho, chu dem, ten (ben nam): ..................."],
    ),
    (
        "1.004194",
        "Tờ khai thay đổi thông tin cư trú (CT01).pdf",
        "TO KHAI THAY DOI THONG TIN CU TRU (CT01)",
        &["Ho, chu dem va ten: ............................", "Noi de nghi dang ky tam tru: ..................."],
    ),
    (
        "1.000656",
        "Tờ khai đăng ký khai tử.pdf",
        "TO KHAI DANG KY KHAI TU",
        &["Ho, chu dem, ten nguoi chet: ...................", "Noi chet: ......................................"],
    ),
];

/// Uploads the demo forms (as no one: `uploaded_by` is empty).
pub async fn load(store: &Store, now: NaiveDateTime) -> Result<(), StoreError> {
    for (code, name, title, lines) in FORMS {
        let form = NewProcedureForm {
            name: (*name).to_owned(),
            content_type: "application/pdf".into(),
            data: one_page_pdf(title, lines),
        };
        store.add_procedure_form(None, (*code).to_owned(), form, None, now).await?;
    }
    Ok(())
}

/// A valid one-page A4 PDF with a title and lines of ASCII text, with its
/// cross-reference table computed.
pub fn one_page_pdf(title: &str, lines: &[&str]) -> Vec<u8> {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    let mut text = format!("BT /F1 14 Tf 72 770 Td ({}) Tj ET\n", esc(title));
    for (i, l) in lines.iter().enumerate() {
        text.push_str(&format!("BT /F1 11 Tf 72 {} Td ({}) Tj ET\n", 730 - 28 * i as i32, esc(l)));
    }
    text.push_str("BT /F1 9 Tf 72 72 Td (motcua - mau minh hoa / demo form) Tj ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).into_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).into_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_pdf_is_a_pdf_with_a_correct_cross_reference() {
        let pdf = super::one_page_pdf("TO KHAI (MAU)", &["Ho ten: ...."]);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        let text = String::from_utf8(pdf.clone()).unwrap();
        let start: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(text[start..].starts_with("xref"));
        // Each object's offset points at the object.
        let first = text.find("1 0 obj").unwrap();
        assert!(text.contains(&format!("{first:010} 00000 n")));
        assert!(text.contains("(TO KHAI \\(MAU\\))"));
    }
}
