//! Signing a PDF as PAdES B-B (B-T with a time-stamp authority) in three
//! steps: [`prepare`] (the incremental update with an empty signature, and
//! the digest to sign), the signature of the digest by whoever holds the
//! key, and [`finalize`] (the CMS written into the reserved space, with the
//! time-stamp token for B-T). [`sign_pdf`] does the three with a
//! [`DigestSigner`] at hand.
//!
//! The input's bytes are always a prefix of the output: the update is
//! appended (PDF 32000-1 7.5.6), never a rewrite, so a signature already in
//! the document keeps covering exactly the bytes it covered.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use lopdf::{Document, Object, ObjectId, StringFormat};
use serde::Serialize;
use sha2::{Digest, Sha256};
use underskrift::cms::builder::{CmsPreSignData, CmsProfile, PdfCmsBuilder};
use underskrift::core::byte_range::ByteRange;
use underskrift::core::incremental::IncrementalWriter;
use underskrift::core::sig_dict::{SigSubFilter, build_sig_dict};
use underskrift::core::sig_field::{SignatureFieldOptions, build_sig_field};
use underskrift::core::{acroform, parser};
use underskrift::crypto::algorithm::{DigestAlgorithm, SignatureAlgorithm};
use underskrift::error::CryptoError;

use crate::SignError;
use crate::appearance::{self, Appearance, Placement, vietnam_offset};
use crate::input::{Limits, load_pdf};
use crate::signer::{DigestSigner, check_digest_signature};
use crate::timestamp::{TimestampAuthority, add_signature_timestamp};

/// Which of Decree 30's two signatures this is: the person who signs the
/// document (người ký) first, then the agency (cơ quan, applied by the
/// clerk when issuing). The role is written in the field name
/// (`motcua-signer-N`, `motcua-agency-N`) so that verification can check the
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureRole {
    Signer,
    Agency,
}

impl SignatureRole {
    pub(crate) fn field_prefix(self) -> &'static str {
        match self {
            SignatureRole::Signer => "motcua-signer-",
            SignatureRole::Agency => "motcua-agency-",
        }
    }
}

/// What to sign and how it looks.
#[derive(Debug, Clone)]
pub struct SignRequest {
    pub role: SignatureRole,
    /// The time written into the signature (`/M`). The caller passes "now".
    pub signing_time: DateTime<Utc>,
    pub appearance: Appearance,
    /// Shown by readers as the reason for signing; optional.
    pub reason: Option<String>,
    pub limits: Limits,
    /// With a time-stamp authority the signature is PAdES B-T: [`finalize`]
    /// asks it for a token over the signature value, and the space for the
    /// token is reserved by [`prepare`]. Without one, B-B.
    pub timestamp: Option<Arc<dyn TimestampAuthority>>,
}

impl SignRequest {
    /// An invisible signature with the default limits.
    pub fn new(role: SignatureRole, signing_time: DateTime<Utc>) -> Self {
        Self {
            role,
            signing_time,
            appearance: Appearance::Invisible,
            reason: None,
            limits: Limits::default(),
            timestamp: None,
        }
    }

    /// A B-T signature: time-stamped by `tsa` when finalized.
    pub fn with_timestamp(mut self, tsa: Arc<dyn TimestampAuthority>) -> Self {
        self.timestamp = Some(tsa);
        self
    }

    pub fn with_appearance(mut self, appearance: Appearance) -> Self {
        self.appearance = appearance;
        self
    }
}

/// A document ready for its signature: the digest to sign, and the state
/// [`finalize`] needs. The state is held in memory (for remote signing, the
/// server keeps it for the few minutes the person takes to confirm).
pub struct PreparedSignature {
    digest: [u8; 32],
    output: Vec<u8>,
    byte_range: ByteRange,
    cms: CmsPreSignData,
    content_size: usize,
    chain: Vec<Vec<u8>>,
    timestamp: Option<Arc<dyn TimestampAuthority>>,
}

impl std::fmt::Debug for PreparedSignature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedSignature")
            .field("digest", &hex::encode(self.digest))
            .field("bytes", &self.output.len())
            .finish()
    }
}

impl PreparedSignature {
    /// SHA-256 of the CMS signed attributes: what the key holder signs
    /// (RSA PKCS#1 v1.5).
    pub fn digest(&self) -> &[u8; 32] {
        &self.digest
    }

    /// The DER certificate the signature must be made with.
    pub fn signer_certificate(&self) -> &[u8] {
        &self.chain[0]
    }
}

/// Signs `pdf` with `signer`: prepare, sign the digest, finalize.
pub fn sign_pdf(pdf: &[u8], signer: &dyn DigestSigner, request: &SignRequest) -> Result<Vec<u8>, SignError> {
    let prepared = prepare(pdf, signer.certificate_chain(), request)?;
    let signature = signer.sign_digest(prepared.digest())?;
    finalize(prepared, &signature)
}

/// Step 1: the incremental update with an empty signature of the size the
/// chain needs, and the digest to be signed.
pub fn prepare(pdf: &[u8], chain: &[Vec<u8>], request: &SignRequest) -> Result<PreparedSignature, SignError> {
    if chain.is_empty() {
        return Err(SignError::new("certificate_unreadable", "certificate_chain", "empty chain"));
    }
    let mut doc = load_pdf(pdf, request.limits, "document")?;
    let meta =
        parser::extract_metadata(&doc).map_err(|e| SignError::new("pdf_unreadable", "document", e.to_string()))?;

    if let Some(p) = request.appearance.placement() {
        let r = p.rect;
        let finite = [r.x, r.y, r.width, r.height].iter().all(|v| v.is_finite() && v.abs() < 14_400.0);
        if !finite || r.width <= 0.0 || r.height <= 0.0 {
            return Err(SignError::new("placement_invalid", "placement", format!("{r:?}")));
        }
    }
    let page_count = doc.get_pages().len() as u32;
    let page = match request.appearance.placement().map_or(1, |p| p.page) {
        Placement::LAST_PAGE => page_count,
        p => p,
    };
    if page == 0 || page > page_count {
        return Err(SignError::new("page_out_of_range", "placement", format!("page {page} of {page_count}")));
    }
    let page_index = page - 1;
    inline_page_annots(&mut doc, page)?;

    let existing = parser::extract_signatures(&doc).map(|s| s.len()).unwrap_or(0);
    let field_name = format!("{}{}", request.role.field_prefix(), existing + 1);

    // Room for the CMS: the certificates, then at most 512 bytes of
    // signature (RSA-4096), about 400 of signed attributes and 300 of
    // structure, with a margin; `finalize` refuses if it does not fit. The
    // space is written twice (hex) and parsed by every later reader, so it
    // is kept tight.
    // A B-T signature also holds the time-stamp token.
    let content_size =
        chain.iter().map(Vec::len).sum::<usize>() + 2048 + request.timestamp.as_ref().map_or(0, |t| t.token_reserve());
    let mut sig_dict = build_sig_dict(SigSubFilter::EtsiCadesDetached, content_size);
    // PAdES (EN 319 142-1) puts the claimed signing time in /M, not in a CMS
    // signing-time attribute; /M lies inside the signed bytes.
    sig_dict.set("M", Object::String(pdf_date(request.signing_time).into_bytes(), StringFormat::Literal));
    if let Some(reason) = &request.reason {
        sig_dict.set("Reason", text_string(reason));
    }
    let sig_dict_id = doc.add_object(Object::Dictionary(sig_dict));

    let mut next_id = doc.max_id + 1;
    let built = appearance::build(&request.appearance, request.signing_time, &mut next_id)?;
    let mut new_ids: Vec<ObjectId> = vec![sig_dict_id];
    let rect = match request.appearance.placement() {
        Some(p) => [p.rect.x, p.rect.y, p.rect.x + p.rect.width, p.rect.y + p.rect.height],
        None => [0.0; 4],
    };
    let mut field = build_sig_field(&SignatureFieldOptions { name: field_name, page: page_index, rect }, sig_dict_id);
    if let Some(built) = built {
        for (id, obj) in built.objects {
            doc.objects.insert(id, obj);
            new_ids.push(id);
        }
        doc.max_id = next_id - 1;
        let mut ap = lopdf::Dictionary::new();
        ap.set("N", Object::Reference(built.form));
        field.set("AP", Object::Dictionary(ap));
    }
    let page_id = *doc.get_pages().get(&page).ok_or_else(|| SignError::internal("page vanished"))?;
    field.set("P", Object::Reference(page_id));
    let field_id = doc.add_object(Object::Dictionary(field));
    new_ids.push(field_id);
    acroform::ensure_acroform(&mut doc, field_id, page_index)
        .map_err(|e| SignError::new("pdf_unreadable", "document", e.to_string()))?;

    let mut writer = IncrementalWriter::new(
        pdf.to_vec(),
        meta.trailer_size.max(meta.max_id + 1),
        meta.xref_offset,
        meta.root_id,
        content_size * 2,
    );
    writer.set_sig_dict_id(sig_dict_id);
    let mut changed = new_ids;
    changed.push(meta.root_id);
    if let Ok(Object::Reference(af)) = doc.get_dictionary(meta.root_id).and_then(|c| c.get(b"AcroForm")) {
        changed.push(*af);
    }
    changed.push(page_id);
    changed.sort();
    changed.dedup();
    for id in changed {
        let mut obj = doc.get_object(id).map_err(|e| SignError::internal(e.to_string()))?.clone();
        if id != sig_dict_id {
            hex_strings(&mut obj);
        }
        writer.add_object(id, obj);
    }
    let (mut output, byte_range) = writer.write().map_err(|e| SignError::internal(e.to_string()))?;
    carry_trailer_entries(&mut output, &byte_range, &doc.trailer)?;

    let [a, b, c, d] = byte_range.compute(output.len());
    let mut hasher = Sha256::new();
    hasher.update(&output[a..a + b]);
    hasher.update(&output[c..c + d]);
    let data_hash = hasher.finalize();

    let adapter = ChainOnly { chain };
    let cms = PdfCmsBuilder::new(&adapter)
        .profile(CmsProfile::Pades)
        .pre_sign(&data_hash)
        .map_err(|e| SignError::new("certificate_unreadable", "certificate_chain", e.to_string()))?;
    let digest: [u8; 32] =
        cms.attrs_hash.as_slice().try_into().map_err(|_| SignError::internal("attribute hash is not SHA-256"))?;
    Ok(PreparedSignature {
        digest,
        output,
        byte_range,
        cms,
        content_size,
        chain: chain.to_vec(),
        timestamp: request.timestamp.clone(),
    })
}

/// Step 3: checks `signature` against the signer's certificate and writes
/// the CMS into the document. A wrong signature is refused here
/// (`signature_invalid`) rather than embedded. With a time-stamp authority
/// the token is asked for here; when it cannot be had
/// (`timestamp_unavailable`), nothing is returned: no half-signed document.
pub fn finalize(prepared: PreparedSignature, signature: &[u8]) -> Result<Vec<u8>, SignError> {
    if !check_digest_signature(&prepared.chain[0], &prepared.digest, signature) {
        return Err(SignError::new(
            "signature_invalid",
            "signature",
            "the signature does not verify with the signer's certificate",
        ));
    }
    let PreparedSignature { mut output, byte_range, cms, content_size, chain, timestamp, .. } = prepared;
    let adapter = ChainOnly { chain: &chain };
    let der = PdfCmsBuilder::new(&adapter)
        .profile(CmsProfile::Pades)
        .complete_cms(&cms, signature)
        .map_err(|e| SignError::internal(e.to_string()))?;
    let der = match &timestamp {
        Some(tsa) => {
            let der = add_signature_timestamp(&der, tsa.as_ref())?;
            if der.len() > content_size {
                return Err(SignError::new(
                    "timestamp_unavailable",
                    "timestamp",
                    format!("the token does not fit: CMS of {} bytes, room for {content_size}", der.len()),
                ));
            }
            der
        }
        None => der,
    };
    if der.len() > content_size {
        return Err(SignError::internal(format!("CMS of {} bytes, room for {content_size}", der.len())));
    }
    let hex = hex::encode_upper(&der);
    let start = byte_range.contents_offset;
    output[start..start + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(output)
}

/// Repeats the original trailer's `/Info` and `/ID` in the update's
/// trailer. Readers take these from the last trailer; underskrift's writer
/// leaves them out, which would hide the title and author of every signed
/// document. The ByteRange is written again for the new length.
fn carry_trailer_entries(
    output: &mut Vec<u8>,
    byte_range: &ByteRange,
    trailer: &lopdf::Dictionary,
) -> Result<(), SignError> {
    let mut extra = String::new();
    if let Ok(Object::Reference((n, g))) = trailer.get(b"Info") {
        extra.push_str(&format!("/Info {n} {g} R "));
    }
    if let Ok(Object::Array(ids)) = trailer.get(b"ID") {
        let hexes: Vec<String> =
            ids.iter().filter_map(|i| i.as_str().ok()).map(|b| format!("<{}>", hex::encode(b))).collect();
        if hexes.len() == 2 {
            extra.push_str(&format!("/ID [{} {}] ", hexes[0], hexes[1]));
        }
    }
    if extra.is_empty() {
        return Ok(());
    }
    let marker = b"trailer\n<<";
    let at = output
        .windows(marker.len())
        .rposition(|w| w == marker)
        .ok_or_else(|| SignError::internal("no trailer in the update"))?
        + marker.len();
    output.splice(at..at, extra.into_bytes());
    let len = output.len();
    byte_range.backpatch(output, len).map_err(|e| SignError::internal(e.to_string()))
}

/// A page whose /Annots is a reference to an array gets the array inline,
/// so the page object written in the update carries the new annotation
/// (underskrift would otherwise nest the old reference inside a new array).
fn inline_page_annots(doc: &mut Document, page: u32) -> Result<(), SignError> {
    let page_id = *doc.get_pages().get(&page).ok_or_else(|| SignError::internal("no such page"))?;
    let annots = doc.get_dictionary(page_id).ok().and_then(|d| d.get(b"Annots").ok().cloned());
    if let Some(Object::Reference(r)) = annots {
        let array = doc.get_object(r).ok().and_then(|o| o.as_array().ok().cloned()).unwrap_or_default();
        if let Ok(dict) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            dict.set("Annots", Object::Array(array));
        }
    }
    Ok(())
}

/// A PDF date (PDF 32000-1 7.9.4) in Vietnam time: `D:20261206091503+07'00'`.
pub(crate) fn pdf_date(time: DateTime<Utc>) -> String {
    time.with_timezone(&vietnam_offset()).format("D:%Y%m%d%H%M%S+07'00'").to_string()
}

/// underskrift's writer copies literal strings between parentheses without
/// escaping them, so a `)` or `\\` in a string of the catalog or a page (as
/// lopdf decoded it) would break the update. Hexadecimal strings need no
/// escaping and mean the same.
fn hex_strings(obj: &mut Object) {
    match obj {
        Object::String(_, format) => *format = StringFormat::Hexadecimal,
        Object::Array(items) => items.iter_mut().for_each(hex_strings),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, v)| hex_strings(v)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, v)| hex_strings(v)),
        _ => {}
    }
}

/// A PDF text string: PDFDocEncoding when ASCII, else UTF-16BE with a BOM
/// (Vietnamese needs it); hexadecimal either way (see `hex_strings`).
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Hexadecimal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The certificates and algorithms without the key, for underskrift's CMS
/// builder (the key is used between `prepare` and `finalize`, elsewhere).
struct ChainOnly<'a> {
    chain: &'a [Vec<u8>],
}

impl underskrift::CryptoSigner for ChainOnly<'_> {
    fn sign_hash(&self, _hash: &[u8]) -> Result<Vec<u8>, CryptoError> {
        Err(CryptoError::SigningFailed("signing happens outside the builder".into()))
    }
    fn certificate_der(&self) -> &[u8] {
        &self.chain[0]
    }
    fn certificate_chain_der(&self) -> Vec<&[u8]> {
        self.chain.iter().map(Vec::as_slice).collect()
    }
    fn digest_algorithm(&self) -> DigestAlgorithm {
        DigestAlgorithm::Sha256
    }
    fn signature_algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::RsaPkcs1v15
    }
}
