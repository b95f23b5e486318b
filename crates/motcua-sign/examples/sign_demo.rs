//! The demo: signs a test document as the signer (through the local test
//! provider, in three phases, the way remote signing works) and then as the
//! agency (with the key file), and verifies it. Everything is made at run
//! time with a test PKI; nothing here is a real key.
//!
//! `cargo run -p motcua-sign --example sign_demo -- OUT_DIR`
//! writes `signed.pdf` (open it in a PDF reader) and `trust/` (the test
//! root and CRLs, as a province would configure its own).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::{now, pki, seal_png, signature_png, signing_time, simple_pdf};
use motcua_sign::{
    AgencyMark, Appearance, LocalTestProvider, Placement, Rect, RemoteSigningProvider, RemoteStatus, SignRequest,
    SignatureRole, StampImage, TrustStore, VerifyOptions, finalize_remote, prepare, seal_placement, sign_pdf,
    verify_pdf,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: sign_demo OUT_DIR")?);
    std::fs::create_dir_all(out.join("trust"))?;
    let pki = pki();
    std::fs::write(out.join("trust/test-root.pem"), &pki.root_pem)?;
    for (i, crl) in pki.crls.iter().enumerate() {
        std::fs::write(out.join(format!("trust/test-ca-{i}.crl")), crl)?;
    }

    // The signer, through the remote-signing flow (a test fixture here).
    let provider = LocalTestProvider::new().with_user("nguyen.van.an", pki.person.signer());
    let placement = Placement { page: 1, rect: Rect { x: 360.0, y: 520.0, width: 150.0, height: 50.0 } };
    let request = SignRequest::new(SignatureRole::Signer, signing_time())
        .with_appearance(Appearance::Signer { placement, image: StampImage::from_png(&signature_png())? });
    let chain = provider.certificate_chain("nguyen.van.an")?;
    let prepared = prepare(&simple_pdf(1), &chain, &request)?;
    let id = provider.start("nguyen.van.an", prepared.digest(), "Quyết định số 1/QĐ-UBND")?;
    let mut status = provider.poll(&id)?;
    while status == RemoteStatus::Pending {
        println!("waiting for the signer to confirm… (a real job waits {:?})", motcua_sign::remote::POLL_INTERVAL);
        status = provider.poll(&id)?;
    }
    let by_signer = finalize_remote(prepared, status)?;

    // The agency, with the key the server holds.
    let mark = AgencyMark::new(StampImage::from_png(&seal_png())?, "Ủy ban nhân dân phường Thục Phán")?;
    let request = SignRequest::new(SignatureRole::Agency, signing_time() + chrono::Duration::minutes(20))
        .with_appearance(Appearance::Agency { placement: seal_placement(placement), mark });
    let signed = sign_pdf(&by_signer, &pki.agency.signer(), &request)?;
    std::fs::write(out.join("signed.pdf"), &signed)?;

    let trust = TrustStore::load_dir(&out.join("trust"))?;
    let report = verify_pdf(&signed, &trust, &VerifyOptions::at(now()))?;
    for sig in &report.signatures {
        let who = sig.signer.as_ref().and_then(|s| s.common_name.clone()).unwrap_or_default();
        println!("{}: {who}, {:?}, {:?}", sig.field_name, sig.signing_time, sig.verdict);
    }
    println!("document: {:?}; written to {}", report.verdict, out.join("signed.pdf").display());
    Ok(())
}
