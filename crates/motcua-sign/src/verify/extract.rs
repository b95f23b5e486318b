//! Finding the signatures in a document and checking that each one's
//! ByteRange is well formed: it starts at 0, its gap is exactly the
//! `/Contents` hex string, and it stays inside the file.

use lopdf::{Dictionary, Document, Object};

/// One signature as the document declares it.
pub(crate) struct FoundSignature {
    pub field_name: String,
    pub sub_filter: String,
    pub contents: Vec<u8>,
    pub byte_range: [usize; 4],
    /// The `/M` entry, as written.
    pub m: Option<String>,
}

impl FoundSignature {
    /// The end of the revision this signature signs.
    pub fn revision_end(&self) -> usize {
        self.byte_range[2] + self.byte_range[3]
    }
}

/// Every signature field with a value, in the order of the AcroForm.
/// Fields nest through /Kids; a field inherits /FT from its parent.
pub(crate) fn signatures(doc: &Document) -> Vec<FoundSignature> {
    let mut out = Vec::new();
    let Ok(root) = doc.trailer.get(b"Root").and_then(Object::as_reference) else {
        return out;
    };
    let Some(acroform) = doc.get_dictionary(root).ok().and_then(|c| resolve_dict(doc, c.get(b"AcroForm").ok()?)) else {
        return out;
    };
    let Some(fields) = acroform.get(b"Fields").ok().and_then(|f| resolve(doc, f)).and_then(|f| f.as_array().ok())
    else {
        return out;
    };
    let mut stack: Vec<(Object, Option<Vec<u8>>, String, usize)> =
        fields.iter().rev().map(|f| (f.clone(), None, String::new(), 0)).collect();
    while let Some((field, inherited_ft, parent_name, depth)) = stack.pop() {
        // Hostile documents can make /Kids cycles.
        if depth > 16 || out.len() > 256 {
            break;
        }
        let Some(dict) = resolve_dict(doc, &field) else { continue };
        let ft = dict.get(b"FT").ok().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec).or(inherited_ft);
        let part = dict.get(b"T").ok().and_then(|t| t.as_str().ok()).map(decode_text).unwrap_or_default();
        let name = match (parent_name.is_empty(), part.is_empty()) {
            (true, _) => part,
            (false, true) => parent_name.clone(),
            (false, false) => format!("{parent_name}.{part}"),
        };
        let kids = dict.get(b"Kids").ok().and_then(|k| resolve(doc, k)).and_then(|k| k.as_array().ok());
        for kid in kids.into_iter().flatten().rev() {
            stack.push((kid.clone(), ft.clone(), name.clone(), depth + 1));
        }
        if ft.as_deref() != Some(b"Sig".as_slice()) {
            continue;
        }
        let Some(v) = dict.get(b"V").ok().and_then(|v| resolve_dict(doc, v)) else { continue };
        if let Some(sig) = read_sig_dict(doc, v, name) {
            out.push(sig);
        }
    }
    out
}

fn read_sig_dict(doc: &Document, v: &Dictionary, field_name: String) -> Option<FoundSignature> {
    let contents = v.get(b"Contents").ok().and_then(|c| resolve(doc, c))?.as_str().ok()?.to_vec();
    let br = v.get(b"ByteRange").ok().and_then(|b| resolve(doc, b))?.as_array().ok()?;
    if br.len() != 4 {
        return None;
    }
    let mut byte_range = [0usize; 4];
    for (slot, value) in byte_range.iter_mut().zip(br) {
        *slot = usize::try_from(value.as_i64().ok()?).ok()?;
    }
    let sub_filter = v
        .get(b"SubFilter")
        .ok()
        .and_then(|s| s.as_name().ok())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .unwrap_or_default();
    let m = v.get(b"M").ok().and_then(|m| m.as_str().ok()).map(|m| String::from_utf8_lossy(m).into_owned());
    Some(FoundSignature { field_name, sub_filter, contents, byte_range, m })
}

/// Whether the ByteRange is one a conforming writer makes: `[0 a b c]`
/// with the bytes between a and b being `<hex>` of exactly the signature,
/// and b + c inside the file. Anything else could sign different bytes
/// than a reader shows.
pub(crate) fn byte_range_is_sound(pdf: &[u8], sig: &FoundSignature) -> bool {
    let [a0, a1, b0, b1] = sig.byte_range;
    let Some(end) = b0.checked_add(b1) else { return false };
    if a0 != 0 || a1 == 0 || b0 <= a1 + 1 || end > pdf.len() {
        return false;
    }
    let gap = &pdf[a1..b0];
    if gap.first() != Some(&b'<') || gap.last() != Some(&b'>') {
        return false;
    }
    let hex_part = &gap[1..gap.len() - 1];
    match hex::decode(hex_part) {
        // lopdf keeps the string as read, so both are the same bytes.
        Ok(decoded) => decoded == sig.contents,
        Err(_) => false,
    }
}

pub(crate) fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    match obj {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

pub(crate) fn resolve_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    resolve(doc, obj)?.as_dict().ok()
}

/// A PDF text string: UTF-16BE with a BOM, or else PDFDocEncoding (read as
/// Latin-1, which agrees on the letters field names use).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|&b| b as char).collect()
}
