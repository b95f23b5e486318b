//! The checks every PDF passes before anything else reads it: size, header,
//! parse, encryption. One `SignError` code per case.

use lopdf::Document;

use crate::SignError;

/// Limits on what is accepted. The maximum size is configuration because
/// provinces differ (scanned appendices are large); the default matches the
/// server's upload limit for documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_pdf_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_pdf_bytes: 20 * 1024 * 1024 }
    }
}

/// Checks `bytes` as a PDF for `field` and returns the parsed document.
///
/// The order matters: the size first (parsing a huge file is the attack),
/// then the header (a cheap, clear answer for a Word file), then lopdf.
/// lopdf decrypts documents with an empty user password on load; an
/// `/Encrypt` entry in the trailer is refused whatever the password, because
/// signing would have to re-encrypt and verification cannot see the bytes.
pub fn load_pdf(bytes: &[u8], limits: Limits, field: &'static str) -> Result<Document, SignError> {
    if bytes.len() > limits.max_pdf_bytes {
        return Err(SignError::new(
            "file_too_large",
            field,
            format!("{} bytes, at most {}", bytes.len(), limits.max_pdf_bytes),
        ));
    }
    // PDF 32000-1 7.5.2 allows the header anywhere in the first 1024 bytes;
    // readers accept that, so do we.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(SignError::not_pdf(field));
    }
    if has_encrypt_entry(bytes) {
        return Err(SignError::new("pdf_encrypted", field, "trailer has /Encrypt"));
    }
    // lopdf can panic on some hostile inputs (index arithmetic in its
    // parser); a panic must not take the server's worker down.
    let parsed = std::panic::catch_unwind(|| Document::load_mem(bytes));
    let doc = match parsed {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(SignError::new("pdf_unreadable", field, e.to_string())),
        Err(_) => return Err(SignError::new("pdf_unreadable", field, "parser panicked")),
    };
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(SignError::new("pdf_encrypted", field, "document is encrypted"));
    }
    Ok(doc)
}

/// The width and height, in points, of the first page's media box (looked
/// up through the page tree, where a page may inherit it): a caller places
/// a mark at the top right of page 1, where Decree 30/2020 puts the agency's
/// signature on a digitised paper document. A page without one is A4.
pub fn first_page_size(bytes: &[u8], limits: Limits) -> Result<(f32, f32), SignError> {
    let doc = load_pdf(bytes, limits, "document")?;
    let unreadable = || SignError::new("pdf_unreadable", "document", "no first page");
    let &first = doc.get_pages().values().next().ok_or_else(unreadable)?;
    let mut node = doc.get_dictionary(first).map_err(|_| unreadable())?;
    // A page tree is shallow; the bound stops a cycle in a hostile file.
    for _ in 0..32 {
        if let Ok(b) = node.get(b"MediaBox").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_array()) {
            let n: Vec<f32> = b.iter().filter_map(|v| v.as_float().ok()).collect();
            if let [x0, y0, x1, y1] = n[..] {
                return Ok(((x1 - x0).abs(), (y1 - y0).abs()));
            }
        }
        match node.get(b"Parent").and_then(|p| p.as_reference()).and_then(|r| doc.get_dictionary(r)) {
            Ok(parent) => node = parent,
            Err(_) => break,
        }
    }
    Ok((595.0, 842.0))
}

/// Whether the file declares encryption. lopdf decrypts on load and removes
/// the entry, so the raw trailer is searched: `/Encrypt` only appears in a
/// trailer or a cross-reference stream dictionary.
fn has_encrypt_entry(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// The number of pages of a PDF checked as [`load_pdf`] checks it: a
/// caller places a signature on the last page without parsing PDFs itself.
pub fn page_count(bytes: &[u8], limits: Limits) -> Result<u32, SignError> {
    let doc = load_pdf(bytes, limits, "document")?;
    u32::try_from(doc.get_pages().len()).map_err(|_| SignError::new("pdf_unreadable", "document", "too many pages"))
}
