//! Files sent with an online submission, an online supplement or as a
//! procedure's form: size limits, the types accepted (told by their first
//! bytes, not by their name or declared type), and safe file names.

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::{HeaderMap, StatusCode};

use crate::error::ApiError;

const MIB: usize = 1024 * 1024;

/// The largest file accepted: a scanned A4 page is well under 1 MB, a
/// 10-page scan in colour about 5 MB.
pub const MAX_FILE: usize = 10 * MIB;

/// The most all files of one submission may weigh together.
pub const MAX_TOTAL: usize = 25 * MIB;

/// The most files one submission may carry.
pub const MAX_FILES: usize = 20;

/// The request body limit of the submission route: the files plus room for
/// the text fields and the multipart framing.
pub const MAX_BODY: usize = MAX_TOTAL + MIB;

/// The longest text field read (a name, an address); longer ones are
/// refused by the field's own rules after this cut.
pub const MAX_TEXT_BYTES: usize = 8 * 1024;

/// The file types recognised. Each upload accepts a list of them
/// ([`DOSSIER_KINDS`], [`FORM_KINDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
    Docx,
    /// Word 97–2003 (an OLE2 compound file named `.doc`).
    Doc,
    /// Excel 97–2003 (an OLE2 compound file named `.xls`).
    Xls,
    Xlsx,
}

/// What a citizen sends with a dossier or a supplement: scans and photos
/// of papers, and filled-in Word forms.
pub const DOSSIER_KINDS: &[Kind] = &[Kind::Pdf, Kind::Jpeg, Kind::Png, Kind::Docx];

/// A procedure's forms (tờ khai, mẫu đơn): the formats the national
/// catalogue publishes them in.
pub const FORM_KINDS: &[Kind] = &[Kind::Pdf, Kind::Doc, Kind::Docx, Kind::Xls, Kind::Xlsx];

impl Kind {
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Doc => "application/msword",
            Kind::Xls => "application/vnd.ms-excel",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The kind a stored file was checked as, from its type.
    pub fn from_mime(mime: &str) -> Option<Kind> {
        [Kind::Pdf, Kind::Jpeg, Kind::Png, Kind::Docx, Kind::Doc, Kind::Xls, Kind::Xlsx]
            .into_iter()
            .find(|k| k.mime() == mime)
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Pdf => &["pdf"],
            Kind::Jpeg => &["jpg", "jpeg"],
            Kind::Png => &["png"],
            Kind::Docx => &["docx"],
            Kind::Doc => &["doc"],
            Kind::Xls => &["xls"],
            Kind::Xlsx => &["xlsx"],
        }
    }

    /// The extension given to a file whose name has none.
    fn extension(self) -> &'static str {
        self.extensions()[0]
    }
}

/// The OLE2 compound file signature of Word and Excel 97–2003.
const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// [`sniff`], and the old Office formats, which share one signature (OLE2)
/// and are told apart by the name's extension: an OLE2 file named
/// neither `.doc` nor `.xls` (a `.msg`, a `.ppt`, no name) is refused.
pub fn sniff_named(data: &[u8], name: &str) -> Option<Kind> {
    if data.starts_with(&OLE2) {
        return match extension(name).as_deref() {
            Some("doc") => Some(Kind::Doc),
            Some("xls") => Some(Kind::Xls),
            _ => None,
        };
    }
    sniff(data)
}

/// What the contents are, from their first bytes: `%PDF-`, the JPEG SOI
/// marker, the PNG signature, or a ZIP archive holding `word/document.xml`
/// (a Word document) or `xl/workbook.xml` (an Excel workbook); other ZIP
/// files are refused.
pub fn sniff(data: &[u8]) -> Option<Kind> {
    if data.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if data.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(Kind::Png)
    } else if data.starts_with(b"PK\x03\x04") && contains(data, b"word/document.xml") {
        // ZIP stores entry names uncompressed, in the local headers and in
        // the central directory at the end.
        Some(Kind::Docx)
    } else if data.starts_with(b"PK\x03\x04") && contains(data, b"xl/workbook.xml") {
        Some(Kind::Xlsx)
    } else {
        None
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The extension of a file name, lower-cased.
fn extension(name: &str) -> Option<String> {
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase())
}

/// A file name safe to store and to send back in a header: the last path
/// part only, no control or quoting characters, at most 120 characters,
/// never empty (then `tep-dinh-kem.<ext>`).
pub fn clean_name(raw: &str, kind: Kind) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '*' | '?' | '|' | ';'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let mut name: String = cleaned.chars().take(120).collect();
    if name.is_empty() {
        name = "tep-dinh-kem".to_owned();
    }
    if extension(&name).is_none_or(|e| !kind.extensions().contains(&e.as_str())) {
        name.push('.');
        name.push_str(kind.extension());
    }
    name
}

/// Checks a file's contents against its name: the contents must be one of
/// the types a dossier takes ([`DOSSIER_KINDS`]), and a name with an
/// extension must carry that type's.
pub fn check_file(field: &str, name: &str, data: &[u8]) -> Result<Kind, ApiError> {
    check_file_of(field, name, data, DOSSIER_KINDS)
}

/// [`check_file`] with the types `accepted`.
pub fn check_file_of(field: &str, name: &str, data: &[u8], accepted: &[Kind]) -> Result<Kind, ApiError> {
    if data.is_empty() {
        return Err(ApiError::unprocessable("empty_file", field).arg("case", "quoted").arg("name", name));
    }
    // The message names the types accepted.
    let code = match accepted {
        FORM_KINDS => "form_type_not_allowed",
        [Kind::Pdf] => "not_pdf",
        _ => "file_type_not_allowed",
    };
    let refused = || ApiError::coded(StatusCode::UNSUPPORTED_MEDIA_TYPE, code, Some(field)).arg("name", name);
    let kind = sniff_named(data, name).filter(|k| accepted.contains(k)).ok_or_else(refused)?;
    match extension(name) {
        Some(ext) if !kind.extensions().contains(&ext.as_str()) => Err(refused()),
        _ => Ok(kind),
    }
}

pub fn file_too_large(field: &str, name: &str) -> ApiError {
    file_over(field, name, MAX_FILE)
}

/// A file over `max` bytes (a limit other than [`MAX_FILE`]).
pub fn file_over(field: &str, name: &str, max: usize) -> ApiError {
    ApiError::coded(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large", Some(field))
        .arg("name", name)
        .arg("max", max / MIB)
}

pub fn submission_too_large() -> ApiError {
    ApiError::coded(StatusCode::PAYLOAD_TOO_LARGE, "submission_too_large", Some("files")).arg("max", MAX_TOTAL / MIB)
}

pub fn too_many_files() -> ApiError {
    ApiError::unprocessable("too_many_files", "files").arg("max", MAX_FILES)
}

/// A broken upload: the body ended early, or went over the route's limit.
pub fn upload_failed(e: &MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        submission_too_large()
    } else {
        ApiError::unprocessable("upload_failed", "files")
    }
}

/// A multipart text field as text that can be stored: UTF-8 without NUL
/// (see `crate::input`), or 422 naming `field`.
pub fn text_value(field: &str, bytes: Vec<u8>) -> Result<String, ApiError> {
    let text = String::from_utf8(bytes).map_err(|_| crate::input::invalid_utf8(field))?;
    crate::input::check_text(field, &text)?;
    Ok(text)
}

/// Reads a field, keeping at most `max` bytes; `Ok(None)` when it is
/// longer (the rest is read and dropped, so the next field can be read).
pub async fn read_limited(field: &mut Field<'_>, max: usize) -> Result<Option<Vec<u8>>, MultipartError> {
    let mut data = Vec::new();
    let mut over = false;
    while let Some(chunk) = field.chunk().await? {
        if over {
            continue;
        }
        if data.len() + chunk.len() > max {
            over = true;
            data = Vec::new();
        } else {
            data.extend_from_slice(&chunk);
        }
    }
    Ok((!over).then_some(data))
}

/// The limits of one upload form.
pub struct Limits {
    pub max_file: usize,
    pub max_total: usize,
    pub max_files: usize,
    pub accepted: &'static [Kind],
}

/// The largest form file: a form is a few pages of text, well under 1 MB.
pub const MAX_FORM: usize = 5 * MIB;

/// A procedure's form: one file at a time.
pub const FORM: Limits = Limits { max_file: MAX_FORM, max_total: MAX_FORM, max_files: 1, accepted: FORM_KINDS };

/// A supplement: what a submission may carry, with the same types.
pub const SUPPLEMENT: Limits =
    Limits { max_file: MAX_FILE, max_total: MAX_TOTAL, max_files: MAX_FILES, accepted: DOSSIER_KINDS };

/// One PDF for signatures: to verify, a result to sign, a signed result.
/// Anything else is refused (`not_pdf`) before the signing code reads it.
pub const ONE_PDF: Limits = Limits {
    max_file: crate::signatures::MAX_PDF,
    max_total: crate::signatures::MAX_PDF,
    max_files: 1,
    accepted: &[Kind::Pdf],
};

/// A file part as read and checked, its name made safe.
pub struct Checked {
    pub name: String,
    pub kind: Kind,
    pub data: Vec<u8>,
}

/// An upload form as read: its text fields, its files, and every problem
/// found (the rest of the body is still read, so that the browser gets the
/// answer and the person every problem at once).
#[derive(Default)]
pub struct Parts {
    texts: Vec<(String, String)>,
    pub files: Vec<Checked>,
    pub errors: Vec<ApiError>,
}

impl Parts {
    /// A text field, the first of its name.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Notes a problem, once per code and field.
    fn fail(&mut self, e: ApiError) {
        if !self.errors.iter().any(|o| o.code == e.code && o.field == e.field) {
            self.errors.push(e);
        }
    }
}

/// The answer to a page's upload that is not a multipart form at all: the
/// CSRF refusal, since the token could not be read (a forged or broken
/// post, never a browser's form).
pub fn not_multipart(headers: &HeaderMap) -> ApiError {
    crate::web::csrf::check(headers, "").err().unwrap_or_else(ApiError::internal)
}

/// Reads an upload form: a part with a file name is a file, reported on its
/// part's name; the others are text (at most [`MAX_TEXT_BYTES`]). With
/// `csrf`, a page's form: the first part must be `_csrf` and check out
/// before anything else is read (the only failure returned as `Err`).
pub async fn read_parts(mp: &mut Multipart, csrf: Option<&HeaderMap>, limits: &Limits) -> Result<Parts, ApiError> {
    let mut p = Parts::default();
    let mut first = true;
    let mut total = 0usize;
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                p.fail(upload_failed(&e));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        if std::mem::take(&mut first)
            && let Some(headers) = csrf
        {
            let token = if name == "_csrf" {
                read_limited(&mut field, 256).await.ok().flatten().and_then(|b| String::from_utf8(b).ok())
            } else {
                None
            };
            crate::web::csrf::check(headers, &token.unwrap_or_default())?;
            continue;
        }
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            match read_limited(&mut field, limits.max_file).await {
                Err(e) => {
                    p.fail(upload_failed(&e));
                    break;
                }
                Ok(None) => p.fail(file_over(&name, &file_name, limits.max_file)),
                // An input left empty sends a part with no name and no data.
                Ok(Some(data)) if data.is_empty() && file_name.is_empty() => {}
                Ok(Some(data)) => {
                    total += data.len();
                    if total > limits.max_total {
                        p.fail(submission_too_large());
                    } else if p.files.len() >= limits.max_files {
                        p.fail(ApiError::unprocessable("too_many_files", &name).arg("max", limits.max_files));
                    } else {
                        match check_file_of(&name, &file_name, &data, limits.accepted) {
                            Ok(kind) => p.files.push(Checked { name: clean_name(&file_name, kind), kind, data }),
                            Err(e) => p.fail(e),
                        }
                    }
                }
            }
            continue;
        }
        match read_limited(&mut field, MAX_TEXT_BYTES).await {
            Err(e) => {
                p.fail(upload_failed(&e));
                break;
            }
            Ok(None) => p.fail(ApiError::unprocessable("text_too_long", &name).arg("case", "plain")),
            Ok(Some(bytes)) => match text_value(&name, bytes) {
                Ok(text) => p.texts.push((name, text)),
                Err(e) => p.fail(e),
            },
        }
    }
    if first && let Some(headers) = csrf {
        // An empty body: no token either.
        crate::web::csrf::check(headers, "")?;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_office_files_are_told_by_their_signature_and_name() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(check_file_of("file", "To khai.doc", &ole, FORM_KINDS).unwrap(), Kind::Doc);
        assert_eq!(check_file_of("file", "Bang.XLS", &ole, FORM_KINDS).unwrap(), Kind::Xls);
        assert_eq!(check_file_of("file", "thu.msg", &ole, FORM_KINDS).unwrap_err().code, "form_type_not_allowed");
        let xlsx = b"PK\x03\x04\x14\x00....xl/workbook.xml....";
        assert_eq!(check_file_of("file", "mau.xlsx", xlsx, FORM_KINDS).unwrap(), Kind::Xlsx);
        // A dossier takes neither; a form takes no photo.
        assert_eq!(check_file("file", "To khai.doc", &ole).unwrap_err().code, "file_type_not_allowed");
        assert!(check_file_of("file", "a.png", b"\x89PNG\r\n\x1a\n..", FORM_KINDS).is_err());
    }

    const DOCX: &[u8] = b"PK\x03\x04\x14\x00\x06\x00....[Content_Types].xml....word/document.xml....";

    #[test]
    fn types_are_told_by_their_contents() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(Kind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Kind::Png));
        assert_eq!(sniff(DOCX), Some(Kind::Docx));
        // A Windows program, a plain ZIP, a script, an HTML page: refused.
        assert_eq!(sniff(b"MZ\x90\x00\x03\x00\x00\x00"), None);
        assert_eq!(sniff(b"PK\x03\x04\x14\x00....xl/other.xml"), None);
        assert_eq!(sniff(b"#!/bin/sh\n"), None);
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn a_program_named_pdf_and_a_mismatched_name_are_refused_on_their_field() {
        let e = check_file("file_1", "don.pdf", b"MZ\x90\x00").unwrap_err();
        assert_eq!((e.code, e.field.as_deref(), e.status.as_u16()), ("file_type_not_allowed", Some("file_1"), 415));
        let e = check_file("file_0", "anh.pdf", b"\x89PNG\r\n\x1a\n..").unwrap_err();
        assert_eq!(e.code, "file_type_not_allowed");
        assert_eq!(check_file("file_0", "Ảnh.JPG", &[0xFF, 0xD8, 0xFF, 0xE1]).unwrap(), Kind::Jpeg);
        assert_eq!(check_file("file_0", "scan", b"%PDF-1.4").unwrap(), Kind::Pdf);
        assert_eq!(check_file("file_0", "x.pdf", b"").unwrap_err().code, "empty_file");
    }

    #[test]
    fn names_lose_their_path_and_dangerous_characters() {
        assert_eq!(clean_name("C:\\Users\\an\\Tờ khai.pdf", Kind::Pdf), "Tờ khai.pdf");
        assert_eq!(clean_name("../../etc/passwd", Kind::Pdf), "passwd.pdf");
        assert_eq!(clean_name("a\"b<c>\r\n.png", Kind::Png), "abc.png");
        assert_eq!(clean_name("", Kind::Docx), "tep-dinh-kem.docx");
        assert_eq!(clean_name("...", Kind::Jpeg), "tep-dinh-kem.jpg");
        let long = format!("{}.pdf", "x".repeat(300));
        assert!(clean_name(&long, Kind::Pdf).chars().count() <= 124);
    }
}
