//! Sign, then verify: the verdicts of EN 319 102-1 as motcua maps them.

mod common;

use lopdf::dictionary;

use common::{cairo_pdf, options, pki, seal_png, signature_png, signing_time, simple_pdf};
use motcua_sign::{
    AgencyMark, Appearance, Placement, Rect, Report, SignRequest, SignatureRole, StampImage, Verdict, seal_placement,
    sign_pdf, verify_pdf,
};

fn signer_placement() -> Placement {
    Placement { page: 1, rect: Rect { x: 360.0, y: 520.0, width: 150.0, height: 50.0 } }
}

fn signer_request() -> SignRequest {
    SignRequest::new(SignatureRole::Signer, signing_time()).with_appearance(Appearance::Signer {
        placement: signer_placement(),
        image: StampImage::from_png(&signature_png()).unwrap(),
    })
}

fn agency_request() -> SignRequest {
    SignRequest::new(SignatureRole::Agency, signing_time() + chrono::Duration::minutes(20)).with_appearance(
        Appearance::Agency {
            placement: seal_placement(signer_placement()),
            mark: AgencyMark::new(StampImage::from_png(&seal_png()).unwrap(), "Ủy ban nhân dân phường Thục Phán")
                .unwrap(),
        },
    )
}

fn codes(report: &Report) -> Vec<&'static str> {
    report
        .signatures
        .iter()
        .flat_map(|s| s.findings.iter().map(|f| f.code))
        .chain(report.findings.iter().map(|f| f.code))
        .collect()
}

fn sign_as(identity: &common::Identity, pdf: &[u8]) -> Vec<u8> {
    sign_pdf(pdf, &identity.signer(), &SignRequest::new(SignatureRole::Signer, signing_time())).unwrap()
}

#[test]
fn a_signed_document_verifies_and_says_who_and_when() {
    let pdf = simple_pdf(1);
    let signed = sign_pdf(&pdf, &pki().person.signer(), &signer_request()).unwrap();
    assert!(signed.starts_with(&pdf), "incremental: the input is a prefix");

    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", codes(&report));
    let sig = &report.signatures[0];
    assert_eq!(sig.sub_filter, "ETSI.CAdES.detached");
    assert_eq!(sig.role, Some(SignatureRole::Signer));
    assert!(sig.covers_whole_document);
    assert_eq!(sig.signing_time, Some(signing_time()));
    let who = sig.signer.as_ref().unwrap();
    assert_eq!(who.common_name.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(who.organization.as_deref(), Some("UBND phường Thục Phán"));
    assert_eq!(who.serial, "1021");
    assert!(who.issuer.contains("TEST CA công vụ"), "{}", who.issuer);
}

#[test]
fn signer_then_agency_both_pass_and_the_first_is_untouched() {
    let pdf = simple_pdf(2);
    let first = sign_pdf(&pdf, &pki().person.signer(), &signer_request()).unwrap();
    let second = sign_pdf(&first, &pki().agency.signer(), &agency_request()).unwrap();
    assert!(second.starts_with(&first));

    let report = verify_pdf(&second, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", codes(&report));
    assert_eq!(report.signatures.len(), 2);
    assert_eq!(report.signatures[0].role, Some(SignatureRole::Signer));
    assert!(!report.signatures[0].covers_whole_document, "a later signature was added");
    assert_eq!(report.signatures[1].role, Some(SignatureRole::Agency));
    assert!(report.signatures[1].covers_whole_document);
}

#[test]
fn one_flipped_byte_in_the_signed_range_fails() {
    let mut signed = sign_as(&pki().person, &simple_pdf(1));
    // Inside the page's content stream, well within the first range.
    let at = signed.windows(11).position(|w| w == b"Quyet dinh ").unwrap();
    signed[at] ^= 0x01;
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Failed);
    assert!(codes(&report).contains(&"modified_after_signing"), "{:?}", codes(&report));
}

#[test]
fn a_changed_signature_value_fails() {
    let mut signed = sign_as(&pki().person, &simple_pdf(1));
    // The RSA signature is the last thing in the CMS; flip a hex digit in
    // the middle of the CMS, which lands in a certificate or the value.
    let start = signed.windows(11).position(|w| w == b"/Contents <").unwrap() + 11;
    let hex_end = start + signed[start..].iter().position(|&b| b == b'>').unwrap();
    let last_nonzero = (start..hex_end).rev().find(|&i| signed[i] != b'0').unwrap();
    signed[last_nonzero - 6] = if signed[last_nonzero - 6] == b'A' { b'B' } else { b'A' };
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Failed);
    assert!(codes(&report).contains(&"signature_invalid"), "{:?}", codes(&report));
}

#[test]
fn revoked_before_signing_fails_and_after_is_indeterminate() {
    let report = verify_pdf(&sign_as(&pki().revoked, &simple_pdf(1)), &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Failed);
    assert_eq!(codes(&report), ["certificate_revoked"]);

    let report = verify_pdf(&sign_as(&pki().revoked_later, &simple_pdf(1)), &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(codes(&report), ["revoked_since_signing_no_timestamp"]);
}

#[test]
fn expired_since_signing_is_indeterminate_and_expired_at_signing_fails() {
    let report = verify_pdf(&sign_as(&pki().expired_since, &simple_pdf(1)), &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(codes(&report), ["expired_since_signing_no_timestamp"]);

    let report = verify_pdf(&sign_as(&pki().expired_at_signing, &simple_pdf(1)), &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Failed);
    assert!(codes(&report).contains(&"certificate_expired"), "{:?}", codes(&report));
}

#[test]
fn an_unknown_ca_is_indeterminate() {
    let report = verify_pdf(&sign_as(&pki().unknown_ca, &simple_pdf(1)), &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(codes(&report), ["unknown_ca"]);
}

#[test]
fn without_a_crl_revocation_is_unknown_not_passed() {
    let signed = sign_as(&pki().person, &simple_pdf(1));
    let mut trust = motcua_sign::TrustStore::new();
    trust.add_anchors_pem(&pki().root_pem).unwrap();
    let report = verify_pdf(&signed, &trust, &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert!(codes(&report).iter().all(|c| *c == "revocation_unknown"), "{:?}", codes(&report));
}

#[test]
fn an_agency_signature_before_the_signers_is_a_document_finding() {
    let agency_first = sign_pdf(&simple_pdf(1), &pki().agency.signer(), &agency_request()).unwrap();
    let then_signer = sign_pdf(&agency_first, &pki().person.signer(), &signer_request()).unwrap();
    let report = verify_pdf(&then_signer, &pki().trust(), &options()).unwrap();
    assert!(report.signatures.iter().all(|s| s.verdict == Verdict::Passed));
    assert_eq!(report.verdict, Verdict::Failed);
    assert_eq!(report.findings[0].code, "agency_before_signer");
}

/// Appends an incremental update that replaces the first page's content
/// stream: what an editor does when someone changes the text of a signed
/// document.
fn append_content_change(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let content = doc.get_dictionary(page).unwrap().get(b"Contents").unwrap().as_reference().unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let text = b"BT /F1 14 Tf 72 760 Td (Changed after signing) Tj ET";
    let mut out = pdf.to_vec();
    let offset = out.len();
    out.extend_from_slice(format!("{} 0 obj\n<< /Length {} >>\nstream\n", content.0, text.len()).as_bytes());
    out.extend_from_slice(text);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{} 1\n{offset:010} 00000 n \ntrailer\n<< /Size {size} /Root {} 0 R /Prev {} >>\nstartxref\n{xref}\n%%EOF\n",
            content.0, root.0, doc.xref_start
        )
        .as_bytes(),
    );
    out
}

#[test]
fn a_content_change_after_signing_is_modified_after_signing() {
    let signed = sign_as(&pki().person, &simple_pdf(1));
    let changed = append_content_change(&signed);
    let report = verify_pdf(&changed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Failed);
    assert_eq!(codes(&report), ["modified_after_signing"]);
}

/// Adds an annotation (a note over the text) to page 1 in an update made
/// by lopdf: a change a reader shows, though no content stream changed.
fn append_annotation(pdf: &[u8]) -> Vec<u8> {
    let mut inc: lopdf::IncrementalDocument = pdf.try_into().unwrap();
    let page = *inc.get_prev_documents().get_pages().get(&1).unwrap();
    inc.opt_clone_object_to_new_document(page).unwrap();
    let note = inc.new_document.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "FreeText",
        "Rect" => vec![72.into(), 700.into(), 300.into(), 740.into()],
        "Contents" => lopdf::Object::string_literal("Void"), "DA" => "/Helv 12 Tf 0 g",
    });
    let dict = inc.new_document.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    let mut annots = dict.get(b"Annots").and_then(|a| a.as_array()).cloned().unwrap_or_default();
    annots.push(note.into());
    dict.set("Annots", annots);
    let mut out = Vec::new();
    inc.save_to(&mut out).unwrap();
    assert!(out.starts_with(pdf));
    out
}

#[test]
fn an_annotation_added_after_signing_is_modified_after_signing() {
    let signed = sign_pdf(&simple_pdf(1), &pki().person.signer(), &signer_request()).unwrap();
    let report = verify_pdf(&append_annotation(&signed), &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Failed);
    assert_eq!(codes(&report), ["modified_after_signing"]);
    let detail = &report.signatures[0].findings[0].detail;
    assert!(detail.contains("not a signature"), "{detail}");
}

#[test]
fn strings_with_parentheses_and_backslashes_survive_the_update() {
    // A catalog string with an unbalanced parenthesis and a backslash, as
    // lopdf decodes it; and a reason with the same, in Vietnamese.
    let mut doc = lopdf::Document::load_mem(&simple_pdf(1)).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_object_mut(root).unwrap().as_dict_mut().unwrap().set("Lang", lopdf::Object::string_literal("vi) \\ ("));
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).unwrap();
    let mut request = signer_request();
    request.reason = Some("Phê duyệt (bản chính) \\ lần 1)".into());
    let signed = sign_pdf(&pdf, &pki().person.signer(), &request).unwrap();
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", codes(&report));
    let reread = lopdf::Document::load_mem(&signed).unwrap();
    let lang = reread.get_dictionary(root).unwrap().get(b"Lang").unwrap().as_str().unwrap().to_vec();
    assert_eq!(lang, b"vi) \\ (");
}

#[test]
fn a_pdf_made_by_cairo_signs_and_verifies() {
    let pdf = cairo_pdf();
    let first = sign_pdf(&pdf, &pki().person.signer(), &signer_request()).unwrap();
    let second = sign_pdf(&first, &pki().agency.signer(), &agency_request()).unwrap();
    let report = verify_pdf(&second, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", codes(&report));
    // The last trailer still names the document information (title,
    // producer) and the file identifier of the original (cairo wrote none).
    let original = lopdf::Document::load_mem(&pdf).unwrap();
    let signed = lopdf::Document::load_mem(&second).unwrap();
    assert!(original.trailer.get(b"Info").is_ok());
    for key in [b"Info".as_slice(), b"ID"] {
        assert_eq!(signed.trailer.get(key).ok(), original.trailer.get(key).ok(), "{}", String::from_utf8_lossy(key));
    }
}

#[test]
fn a_pdf_signed_elsewhere_is_read_and_signing_it_again_changes_nothing_of_it() {
    // From underskrift's fixtures: an adbe.pkcs7.detached signature by a CA
    // we do not trust, whose value poppler's pdfsig also reports invalid,
    // then a document timestamp (ETSI.RFC3161, which this crate does not
    // check).
    let foreign = include_bytes!("data/foreign-signed.pdf").to_vec();
    let report = verify_pdf(&foreign, &pki().trust(), &options()).unwrap();
    let subfilters: Vec<&str> = report.signatures.iter().map(|s| s.sub_filter.as_str()).collect();
    assert_eq!(subfilters, ["adbe.pkcs7.detached", "ETSI.RFC3161"]);
    let first = &report.signatures[0];
    assert_eq!(first.signer.as_ref().unwrap().common_name.as_deref(), Some("Kushal Das"));
    let first_codes: Vec<_> = first.findings.iter().map(|f| f.code).collect();
    assert_eq!(first_codes, ["signature_invalid", "unknown_ca"]);
    assert_eq!(report.signatures[1].findings[0].code, "unsupported_subfilter");
    assert_eq!(report.verdict, Verdict::Failed);

    let ours = sign_pdf(&foreign, &pki().agency.signer(), &agency_request()).unwrap();
    assert!(ours.starts_with(&foreign));
    let again = verify_pdf(&ours, &pki().trust(), &options()).unwrap();
    assert_eq!(again.signatures.len(), 3);
    for (before, after) in report.signatures.iter().zip(&again.signatures) {
        assert_eq!(before.findings, after.findings, "an earlier signature's result did not change");
    }
    assert_eq!(again.signatures[2].verdict, Verdict::Passed, "{:?}", again.signatures[2].findings);
}

#[test]
fn an_rsa_3072_key_signs_and_verifies() {
    use rsa::pkcs8::{EncodePrivateKey, LineEnding};
    let key = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 3072).unwrap();
    let key_pem = key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let pair = rcgen::KeyPair::from_pkcs8_pem_and_sign_algo(&key_pem, &rcgen::PKCS_RSA_SHA256).unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(rcgen::DnType::CommonName, "Văn thư (RSA-3072, test only)");
    params.not_before = rcgen::date_time_ymd(2025, 1, 1);
    params.not_after = rcgen::date_time_ymd(2028, 1, 1);
    let cert = params.self_signed(&pair).unwrap();
    let signer = motcua_sign::KeyFileSigner::from_pem(&key_pem, &cert.pem()).unwrap();
    let mut trust = motcua_sign::TrustStore::new();
    trust.add_anchors_pem(&cert.pem()).unwrap();

    let signed = sign_pdf(&simple_pdf(1), &signer, &agency_request()).unwrap();
    let report = verify_pdf(&signed, &trust, &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", codes(&report));
}
