//! An independent check: poppler's `pdfsig` (Debian poppler-utils) must
//! call motcua's signatures valid and show their signing time. Skipped
//! with a plain line when pdfsig is missing, unless
//! `MOTCUA_TEST_PDFSIG=require` (CI sets it), then it fails.

mod common;

use std::process::Command;
use std::sync::Arc;

use common::{pki, seal_png, signature_png, signing_time, simple_pdf};
use motcua_sign::testing::tsa::TestTsa;
use motcua_sign::{
    AgencyMark, Appearance, HttpTsa, Placement, Rect, SignRequest, SignatureRole, StampImage, seal_placement, sign_pdf,
};

fn pdfsig_available() -> bool {
    let found = Command::new("pdfsig").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("MOTCUA_TEST_PDFSIG").as_deref() != Ok("require"),
            "MOTCUA_TEST_PDFSIG=require but pdfsig is not installed (apt-get install poppler-utils)"
        );
        println!("SKIPPED: pdfsig not installed");
    }
    found
}

fn pdfsig(pdf: &[u8], name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("motcua-sign-pdfsig-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfsig").arg(&path).output().unwrap();
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn signed_twice() -> (Vec<u8>, Vec<u8>) {
    let placement = Placement { page: 1, rect: Rect { x: 360.0, y: 520.0, width: 150.0, height: 50.0 } };
    let first = sign_pdf(
        &simple_pdf(1),
        &pki().person.signer(),
        &SignRequest::new(SignatureRole::Signer, signing_time())
            .with_appearance(Appearance::Signer { placement, image: StampImage::from_png(&signature_png()).unwrap() }),
    )
    .unwrap();
    let second = sign_pdf(
        &first,
        &pki().agency.signer(),
        &SignRequest::new(SignatureRole::Agency, signing_time()).with_appearance(Appearance::Agency {
            placement: seal_placement(placement),
            mark: AgencyMark::new(StampImage::from_png(&seal_png()).unwrap(), "Ủy ban nhân dân phường Thục Phán")
                .unwrap(),
        }),
    )
    .unwrap();
    (first, second)
}

#[test]
fn pdfsig_calls_one_and_two_signatures_valid_with_their_time() {
    if !pdfsig_available() {
        return;
    }
    let (one, two) = signed_twice();
    for (pdf, count, name) in [(&one, 1, "one.pdf"), (&two, 2, "two.pdf")] {
        let out = pdfsig(pdf, name);
        assert_eq!(out.matches("Signature is Valid").count(), count, "{out}");
        assert_eq!(out.matches("ETSI.CAdES.detached").count(), count, "{out}");
        assert!(!out.contains("1970"), "the signing time is shown: {out}");
        // 09:15:03 in Vietnam; pdfsig prints it in the machine's zone,
        // so only the date is asserted.
        assert!(out.contains("Dec 01 2026"), "{out}");
    }
}

#[test]
fn pdfsig_calls_a_time_stamped_b_t_signature_valid() {
    if !pdfsig_available() {
        return;
    }
    let tsa = TestTsa::start(&pki().tsa.key_pem, &pki().tsa.chain_pem, signing_time() + chrono::Duration::seconds(2));
    let (one, _) = signed_twice();
    let request = SignRequest::new(SignatureRole::Agency, signing_time())
        .with_timestamp(Arc::new(HttpTsa::new(&tsa.url).unwrap()));
    let b_t = sign_pdf(&one, &pki().agency.signer(), &request).unwrap();
    let out = pdfsig(&b_t, "b-t.pdf");
    assert_eq!(out.matches("Signature is Valid").count(), 2, "{out}");
}

/// The page as poppler draws it (`pdftoppm`, 36 dpi, binary PPM), as RGB
/// pixels.
fn render(pdf: &[u8]) -> Vec<[u8; 3]> {
    let dir = std::env::temp_dir().join(format!("motcua-sign-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("page.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftoppm").args(["-r", "36", "-f", "1", "-l", "1"]).arg(&path).output().unwrap();
    let ppm = out.stdout;
    // Header: P6, width, height, max value, each followed by whitespace.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    ppm[at + 1..].chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect()
}

#[test]
fn poppler_draws_the_blue_signature_and_the_red_seal() {
    if !pdfsig_available() {
        return;
    }
    let is_blue = |p: &[u8; 3]| p[2] > 120 && p[0] < 100 && p[1] < 120;
    let is_red = |p: &[u8; 3]| p[0] > 150 && p[1] < 90 && p[2] < 90;
    let unsigned = render(&simple_pdf(1));
    assert!(!unsigned.iter().any(is_blue) && !unsigned.iter().any(is_red));
    let (one, two) = signed_twice();
    let after_signer = render(&one);
    assert!(after_signer.iter().filter(|p| is_blue(p)).count() > 20, "the signer's image is drawn");
    assert!(!after_signer.iter().any(is_red));
    let after_agency = render(&two);
    assert!(after_agency.iter().filter(|p| is_red(p)).count() > 50, "the seal and the red text are drawn");
}
