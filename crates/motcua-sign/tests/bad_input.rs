//! Every bad input gets its own code, and nothing panics on hostile bytes.

mod common;

use common::{options, pki, signing_time, simple_pdf};
use motcua_sign::{
    Appearance, KeyFileSigner, Limits, Placement, Rect, SignRequest, SignatureRole, StampImage, TrustStore, Verdict,
    VerifyOptions, sign_pdf, verify_pdf,
};
use proptest::prelude::*;

fn sign(pdf: &[u8], request: &SignRequest) -> Result<Vec<u8>, motcua_sign::SignError> {
    sign_pdf(pdf, &pki().person.signer(), request)
}

fn request() -> SignRequest {
    SignRequest::new(SignatureRole::Signer, signing_time())
}

fn code_of_sign(pdf: &[u8]) -> &'static str {
    sign(pdf, &request()).unwrap_err().code
}

fn code_of_verify(pdf: &[u8]) -> &'static str {
    verify_pdf(pdf, &pki().trust(), &options()).unwrap_err().code
}

#[test]
fn not_a_pdf() {
    let word = b"PK\x03\x04 this is a .docx";
    assert_eq!(code_of_sign(word), "not_pdf");
    assert_eq!(code_of_verify(word), "not_pdf");
    assert_eq!(code_of_verify(b""), "not_pdf");
}

#[test]
fn a_pdf_header_on_garbage_is_unreadable() {
    let bad = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF";
    assert_eq!(code_of_sign(bad), "pdf_unreadable");
    assert_eq!(code_of_verify(bad), "pdf_unreadable");
}

#[test]
fn an_encrypted_pdf_is_refused() {
    // lopdf writes a cross-reference stream; its dictionary is the trailer.
    let pdf = simple_pdf(1);
    let marker = b"/Type/XRef";
    let at = pdf.windows(marker.len()).position(|w| w == marker).expect("the trailer dictionary");
    let mut encrypted = pdf[..at].to_vec();
    encrypted.extend_from_slice(b"/Encrypt<</Filter/Standard/V 1/R 2>>");
    encrypted.extend_from_slice(&pdf[at..]);
    assert_eq!(code_of_sign(&encrypted), "pdf_encrypted");
    assert_eq!(code_of_verify(&encrypted), "pdf_encrypted");
}

#[test]
fn an_unsigned_pdf_has_no_signatures_to_verify() {
    let err = verify_pdf(&simple_pdf(1), &pki().trust(), &options()).unwrap_err();
    assert_eq!((err.code, err.field), ("no_signatures", "document"));
}

#[test]
fn a_file_over_the_limit_is_too_large() {
    let pdf = simple_pdf(1);
    let limits = Limits { max_pdf_bytes: pdf.len() - 1 };
    let mut req = request();
    req.limits = limits;
    assert_eq!(sign(&pdf, &req).unwrap_err().code, "file_too_large");
    let opts = VerifyOptions { limits, ..options() };
    assert_eq!(verify_pdf(&pdf, &pki().trust(), &opts).unwrap_err().code, "file_too_large");
}

#[test]
fn a_placement_on_a_missing_page_is_refused() {
    let req = request().with_appearance(Appearance::Signer {
        placement: Placement { page: 3, rect: Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 } },
        image: StampImage::from_png(&common::signature_png()).unwrap(),
    });
    let err = sign(&simple_pdf(2), &req).unwrap_err();
    assert_eq!((err.code, err.field), ("page_out_of_range", "placement"));
}

#[test]
fn the_last_page_is_found_on_the_parsed_document() {
    let req = request().with_appearance(Appearance::Signer {
        placement: Placement { page: Placement::LAST_PAGE, rect: Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 } },
        image: StampImage::from_png(&common::signature_png()).unwrap(),
    });
    let signed = sign(&simple_pdf(2), &req).unwrap();
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let last = *doc.get_pages().get(&2).unwrap();
    let on_last = doc.objects.values().filter_map(|o| o.as_dict().ok()).any(|d| {
        d.get(b"FT").and_then(|v| v.as_name()).ok() == Some(b"Sig".as_slice())
            && d.get(b"P").and_then(|p| p.as_reference()).ok() == Some(last)
    });
    assert!(on_last, "the signature's widget is on page 2");
}

#[test]
fn a_placement_that_is_not_a_rectangle_is_refused() {
    for rect in [
        Rect { x: f32::NAN, y: 0.0, width: 10.0, height: 10.0 },
        Rect { x: 0.0, y: 0.0, width: 0.0, height: 10.0 },
        Rect { x: 0.0, y: 0.0, width: 10.0, height: f32::INFINITY },
    ] {
        let req = request().with_appearance(Appearance::Signer {
            placement: Placement { page: 1, rect },
            image: StampImage::from_png(&common::signature_png()).unwrap(),
        });
        let err = sign(&simple_pdf(1), &req).unwrap_err();
        assert_eq!((err.code, err.field), ("placement_invalid", "placement"), "{rect:?}");
    }
}

#[test]
fn keys_that_do_not_fit_are_refused() {
    let p = pki();
    let err = KeyFileSigner::from_pem(&p.agency.key_pem, &p.person.chain_pem).unwrap_err();
    assert_eq!(err.code, "key_certificate_mismatch");
    let ec = rcgen::KeyPair::generate().unwrap().serialize_pem();
    assert_eq!(KeyFileSigner::from_pem(&ec, &p.person.chain_pem).unwrap_err().code, "key_unsupported");
    assert_eq!(KeyFileSigner::from_pem(&p.person.key_pem, "no pem here").unwrap_err().code, "certificate_unreadable");
}

#[test]
fn trust_configuration_is_loaded_from_a_directory() {
    let dir = std::env::temp_dir().join(format!("motcua-sign-trust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("root.pem"), &pki().root_pem).unwrap();
    for (i, crl) in pki().crls.iter().enumerate() {
        std::fs::write(dir.join(format!("ca-{i}.crl")), crl).unwrap();
    }
    std::fs::write(dir.join("README.txt"), "ignored").unwrap();
    let trust = TrustStore::load_dir(&dir).unwrap();
    assert_eq!((trust.anchor_count(), trust.crl_count()), (1, 2));

    std::fs::write(dir.join("broken.crl"), "not a crl").unwrap();
    assert_eq!(TrustStore::load_dir(&dir).unwrap_err().code, "crl_unreadable");
    let err = TrustStore::load_dir(&dir.join("missing")).unwrap_err();
    assert_eq!((err.code, err.field), ("file_unreadable", "trust_dir"));
}

fn signed_once() -> &'static [u8] {
    static SIGNED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    SIGNED.get_or_init(|| sign(&simple_pdf(1), &request()).unwrap())
}

/// The byte positions of the signature's /Contents hex string: changing
/// the zero padding there changes nothing signed, by design of PDF
/// signatures.
fn contents_gap(pdf: &[u8]) -> std::ops::Range<usize> {
    let start = pdf.windows(11).position(|w| w == b"/Contents <").unwrap() + 10;
    let end = start + pdf[start..].iter().position(|&b| b == b'>').unwrap() + 1;
    start..end
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_truncated_signed_pdf_never_passes(cut in 0usize..20_000) {
        let pdf = signed_once();
        let cut = cut % pdf.len();
        if let Ok(report) = verify_pdf(&pdf[..cut], &pki().trust(), &options()) {
            prop_assert_ne!(report.verdict, Verdict::Passed);
        }
        let _ = sign(&pdf[..cut], &request());
    }

    #[test]
    fn a_mutated_signed_pdf_never_passes_unless_only_padding_changed(at in 0usize..20_000, byte in any::<u8>()) {
        let mut pdf = signed_once().to_vec();
        let at = at % pdf.len();
        prop_assume!(pdf[at] != byte);
        pdf[at] = byte;
        if let Ok(report) = verify_pdf(&pdf, &pki().trust(), &options())
            && !contents_gap(signed_once()).contains(&at)
        {
            prop_assert_ne!(report.verdict, Verdict::Passed, "byte {} changed", at);
        }
        let _ = sign(&pdf, &request());
    }
}
