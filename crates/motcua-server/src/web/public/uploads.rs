//! Files sent with an online submission: size limits, the types accepted
//! (told by their first bytes, not by their name or declared type), and
//! safe file names.

use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;

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

/// The file types accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
    Docx,
}

impl Kind {
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Pdf => &["pdf"],
            Kind::Jpeg => &["jpg", "jpeg"],
            Kind::Png => &["png"],
            Kind::Docx => &["docx"],
        }
    }

    /// The extension given to a file whose name has none.
    fn extension(self) -> &'static str {
        self.extensions()[0]
    }
}

/// What the contents are, from their first bytes: `%PDF-`, the JPEG SOI
/// marker, the PNG signature, or a ZIP archive holding `word/document.xml`
/// (a Word document; other ZIP files are refused).
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
/// the accepted types, and a name with an extension must carry that type's.
pub fn check_file(field: &str, name: &str, data: &[u8]) -> Result<Kind, ApiError> {
    if data.is_empty() {
        return Err(ApiError::unprocessable("empty_file", field).arg("case", "quoted").arg("name", name));
    }
    let refused =
        || ApiError::coded(StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type_not_allowed", Some(field)).arg("name", name);
    let kind = sniff(data).ok_or_else(refused)?;
    match extension(name) {
        Some(ext) if !kind.extensions().contains(&ext.as_str()) => Err(refused()),
        _ => Ok(kind),
    }
}

pub fn file_too_large(field: &str, name: &str) -> ApiError {
    ApiError::coded(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large", Some(field))
        .arg("name", name)
        .arg("max", MAX_FILE / MIB)
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

#[cfg(test)]
mod tests {
    use super::*;

    const DOCX: &[u8] = b"PK\x03\x04\x14\x00\x06\x00....[Content_Types].xml....word/document.xml....";

    #[test]
    fn types_are_told_by_their_contents() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(Kind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Kind::Png));
        assert_eq!(sniff(DOCX), Some(Kind::Docx));
        // A Windows program, a plain ZIP, a script, an HTML page: refused.
        assert_eq!(sniff(b"MZ\x90\x00\x03\x00\x00\x00"), None);
        assert_eq!(sniff(b"PK\x03\x04\x14\x00....xl/workbook.xml"), None);
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
