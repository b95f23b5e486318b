//! The official slips of the one-stop counter (Bộ phận Một cửa), rendered to PDF.
//!
//! Five slips are handed to the applicant: the receipt with the appointment
//! (Mẫu số 01), the request to add to or correct a dossier (Mẫu số 02), the
//! refusal to accept a dossier (Mẫu số 03), the apology with a new return
//! date (Mẫu số 04) and the hand-over of the result. The control sheet of
//! the handling (Mẫu số 06) travels with the dossier between units.
//! [`Slip::render`] turns one into the bytes of an A4 PDF; [`Register::render`]
//! prints the unit's register of dossiers (Mẫu số 07) on landscape A4;
//! [`EformDocument::render`] prints a tờ khai điện tử a citizen filled in online.
//!
//! # Design
//!
//! * **typst as a library.** The layout is written in typst markup
//!   (`templates/*.typ`, compiled into the binary with `include_str!`), and
//!   `typst` + `typst-pdf` compile it in-process: no external tool, no
//!   temporary files, no network. `world.rs` implements the smallest
//!   [`typst::World`] that serves the templates, the slip's data and the fonts;
//!   the library, the font book and the parsed templates are built once per
//!   process, so a render costs only layout and PDF export.
//! * **Data goes in as JSON, never as markup.** The Rust side turns a slip into
//!   a JSON document of ready-formatted strings (dates already in Vietnamese
//!   style), served to typst as the virtual file `data.json`, and the
//!   templates read it with `json("data.json")`. A value read from JSON is a
//!   typst string, and a string placed in content is shown literally, so a
//!   citizen's name containing `#`, `*`, `$`, `[`, `]`, `\` or `"` can neither
//!   change the layout nor run code. Nothing a citizen typed is ever spliced
//!   into typst source.
//! * **Fonts are embedded.** Liberation Serif (metric-compatible with Times
//!   New Roman, the face Nghị định 30/2020/NĐ-CP prescribes) in its four
//!   styles, from Debian's `fonts-liberation2`, SIL OFL 1.1 (see
//!   `fonts/OFL.txt`). It covers every Vietnamese letter; typst's font
//!   fallback is switched off so a missing glyph could not silently come from
//!   another face, and no system font is ever looked up.
//! * **The QR code** on the receipt encodes the public look-up URL; it is made
//!   with the `qrcode` crate as SVG and given to typst as the virtual file
//!   `qr.svg`, so it stays vector in the PDF.
//! * **Form numbers are unverified.** The numbering follows Thông tư
//!   01/2018/TT-VPCP as carried on by Thông tư 03/2025/TT-VPCP. Only Mẫu số
//!   02 (the supplement request) has been checked against the text; the
//!   others are believed right but unverified, and each is a constant in
//!   [`Slip::form_number`] so a correction is a one-line change.
//! * **Personal data.** The slips are for the applicant and show their full
//!   name, ID number, phone and address: that is their purpose. This crate
//!   logs nothing, and [`PdfError`] never carries slip data (typst's messages
//!   are kept only with every quoted value removed).
//!
//! Rendering is synchronous and CPU-bound (tens of milliseconds); an async
//! caller should run it on a blocking thread.

mod eform;
mod fee_receipt;
mod format;
mod qr;
mod register;
mod render;
mod world;

pub use eform::{EformDocument, EformLine};
pub use fee_receipt::{FeeReceipt, FeeReceiptLine, money};
pub use register::{Register, RegisterLine};

/// A URL's QR code as SVG, for survey links on screen (the reform pages).
pub use qr::qr_svg;

#[cfg(test)]
mod tests;
// Lets the demo data shared with the example and the benchmark name `motcua_pdf::`.
#[cfg(test)]
extern crate self as motcua_pdf;

use chrono::NaiveDateTime;

/// The issuing body, as printed in the top-left corner of the slip.
#[derive(Debug, Clone)]
pub struct Agency {
    /// Cơ quan chủ quản, e.g. "UBND HUYỆN NGÂN SƠN". Printed uppercase.
    pub parent: String,
    /// The unit itself, e.g. "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ". Printed bold uppercase.
    pub name: String,
    /// Địa danh for the date line, e.g. "Ngân Sơn" in "Ngân Sơn, ngày 04 tháng 3 năm 2026".
    pub place: String,
    /// The counter's telephone, printed for the applicant to call; none when the unit has none.
    pub phone: Option<String>,
}

/// The person (or organisation) who filed the dossier.
#[derive(Debug, Clone)]
pub struct Applicant {
    pub name: String,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// One paper of the dossier (thành phần hồ sơ), a row of the receipt's table.
#[derive(Debug, Clone)]
pub struct ComponentLine {
    pub name: String,
    pub count: u32,
    /// "Bản chính", "Bản sao", … free text, may be empty.
    pub kind: String,
}

/// What every slip carries.
#[derive(Debug, Clone)]
pub struct SlipCommon {
    pub agency: Agency,
    pub dossier_code: String,
    pub procedure_name: String,
    pub procedure_code: String,
    pub applicant: Applicant,
    pub officer_name: String,
    /// When the slip is issued; gives the date line.
    pub issued_at: NaiveDateTime,
}

/// Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub common: SlipCommon,
    pub components: Vec<ComponentLine>,
    pub received_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    /// "Trực tiếp", "Trực tuyến", "Bưu chính".
    pub channel: String,
    pub return_place: String,
    /// Encoded in the QR code; opens the public status page.
    pub lookup_url: String,
}

/// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
#[derive(Debug, Clone)]
pub struct SupplementRequest {
    pub common: SlipCommon,
    pub received_at: NaiveDateTime,
    /// What to add or correct, one item per line.
    pub items: Vec<String>,
    pub reason: String,
}

/// Phiếu từ chối tiếp nhận giải quyết hồ sơ.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub common: SlipCommon,
    pub reason: String,
}

/// Phiếu xin lỗi và hẹn lại ngày trả kết quả.
#[derive(Debug, Clone)]
pub struct Apology {
    pub common: SlipCommon,
    pub received_at: NaiveDateTime,
    pub old_due: NaiveDateTime,
    pub new_due: NaiveDateTime,
    pub reason: String,
    pub unit_at_fault: String,
}

/// Phiếu bàn giao kết quả giải quyết hồ sơ: the result handed to the applicant.
#[derive(Debug, Clone)]
pub struct Handover {
    pub common: SlipCommon,
    pub received_at: NaiveDateTime,
    /// The appointment the receipt gave.
    pub due_at: NaiveDateTime,
    pub returned_at: NaiveDateTime,
    /// What the result is (the note of the return, or of the decision).
    pub result: String,
    /// "Trước hạn", "Đúng hạn" or "Quá hạn"; empty when unknown.
    pub timeliness: String,
}

/// One hand-over of the dossier, a row of the control sheet.
#[derive(Debug, Clone)]
pub struct HandoverLine {
    pub from_unit: String,
    pub to_unit: String,
    pub at: NaiveDateTime,
    /// The officer who handed over, and the one who took it (empty: not known).
    pub giver: String,
    pub receiver: String,
    /// The giver's step: "Trước hạn", "Đúng hạn", "Quá hạn", or empty.
    pub result: String,
    pub note: String,
}

/// Phiếu kiểm soát quá trình giải quyết hồ sơ: each hand-over between units
/// and officers, with its time and whether the step handed over was on time.
#[derive(Debug, Clone)]
pub struct ControlSheet {
    pub common: SlipCommon,
    pub received_at: NaiveDateTime,
    pub due_at: Option<NaiveDateTime>,
    /// The unit that decides the procedure (cơ quan giải quyết).
    pub handling_unit: String,
    pub lines: Vec<HandoverLine>,
}

/// One of the official slips of a dossier.
#[derive(Debug, Clone)]
pub enum Slip {
    Receipt(Receipt),
    SupplementRequest(SupplementRequest),
    Refusal(Refusal),
    Apology(Apology),
    Handover(Handover),
    ControlSheet(ControlSheet),
}

/// Why a slip could not be rendered. The messages are in English and never
/// contain the slip's data.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The typst template failed to compile (a bug in this crate's templates).
    #[error("typst could not compile template {template}: {}", .errors.join("; "))]
    Compile { template: &'static str, errors: Vec<String> },
    /// typst compiled the slip but could not export it to PDF.
    #[error("typst could not export the slip to PDF: {}", .errors.join("; "))]
    Export { errors: Vec<String> },
    /// The look-up URL cannot be put in a QR code (e.g. it is too long).
    #[error("the look-up URL cannot be encoded as a QR code: {reason}")]
    Qr { reason: String },
    /// The slip data could not be serialised for the template.
    #[error("the slip data could not be serialised: {reason}")]
    Data { reason: String },
}

impl Slip {
    /// Renders the slip to the bytes of a PDF file (A4).
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        render::render(self)
    }

    /// The slip's title as printed, e.g. "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ".
    pub fn title_vi(&self) -> &'static str {
        match self {
            Slip::Receipt(_) => "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            Slip::SupplementRequest(_) => "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            Slip::Refusal(_) => "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            Slip::Apology(_) => "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            Slip::Handover(_) => "PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
            Slip::ControlSheet(_) => "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        }
    }

    /// The form number printed in the top-right corner, e.g. "Mẫu số 01".
    ///
    /// Numbering of the appendix to Thông tư 01/2018/TT-VPCP (kept by Thông tư
    /// 03/2025/TT-VPCP). Only Mẫu số 02 has been verified against the text;
    /// 01, 03, 04 and 06 are unverified: change them here if the text says
    /// otherwise. The hand-over slip is in no list we have read, so it
    /// carries no number (docs/register.md).
    pub fn form_number(&self) -> &'static str {
        match self {
            Slip::Receipt(_) => "Mẫu số 01",           // unverified
            Slip::SupplementRequest(_) => "Mẫu số 02", // verified
            Slip::Refusal(_) => "Mẫu số 03",           // unverified
            Slip::Apology(_) => "Mẫu số 04",           // unverified
            Slip::Handover(_) => "",                   // NOT FOUND
            Slip::ControlSheet(_) => "Mẫu số 06",      // unverified
        }
    }

    /// An ASCII file name, e.g. "giay-tiep-nhan-H11.100-260304-0001.pdf".
    pub fn file_name(&self) -> String {
        let prefix = match self {
            Slip::Receipt(_) => "giay-tiep-nhan",
            Slip::SupplementRequest(_) => "phieu-yeu-cau-bo-sung",
            Slip::Refusal(_) => "phieu-tu-choi",
            Slip::Apology(_) => "phieu-xin-loi",
            Slip::Handover(_) => "phieu-ban-giao-ket-qua",
            Slip::ControlSheet(_) => "phieu-kiem-soat",
        };
        format!("{prefix}-{}.pdf", format::ascii_file_part(&self.common().dossier_code))
    }

    /// The part every slip has.
    pub fn common(&self) -> &SlipCommon {
        match self {
            Slip::Receipt(s) => &s.common,
            Slip::SupplementRequest(s) => &s.common,
            Slip::Refusal(s) => &s.common,
            Slip::Apology(s) => &s.common,
            Slip::Handover(s) => &s.common,
            Slip::ControlSheet(s) => &s.common,
        }
    }
}
