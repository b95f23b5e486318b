//! An independent check: poppler's `pdfsig` (Debian poppler-utils) must
//! call motcua's signatures valid and show their signing time. Skipped
//! with a plain line when pdfsig is missing, unless
//! `MOTCUA_TEST_PDFSIG=require` (CI sets it), then it fails.

mod common;

use std::process::Command;

use common::{pki, seal_png, signature_png, signing_time, simple_pdf};
use motcua_sign::{Appearance, Placement, Rect, SignRequest, SignatureRole, StampImage, seal_placement, sign_pdf};

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
            seal: StampImage::from_png(&seal_png()).unwrap(),
            agency_name: "Ủy ban nhân dân phường Thục Phán".into(),
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
