//! Signing and verifying speed (issue 12), single thread, with baselines in
//! the same run: the bare RSA-2048 PKCS#1 v1.5 signature of a SHA-256
//! digest, and lopdf parsing the document. The document is a 49 KB PDF made
//! by cairo (tests/data/cairo-sample.pdf).
//!
//! `cargo bench -p motcua-sign --bench sign`

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use common::{cairo_pdf, options, pki, seal_png, signature_png, signing_time};
use criterion::{Criterion, criterion_group, criterion_main};
use motcua_sign::{
    AgencyMark, Appearance, DigestSigner, Placement, Rect, SignRequest, SignatureRole, StampImage, seal_placement,
    sign_pdf, verify_pdf,
};

fn signer_placement() -> Placement {
    Placement { page: 1, rect: Rect { x: 360.0, y: 520.0, width: 150.0, height: 50.0 } }
}

fn benches(c: &mut Criterion) {
    let pdf = cairo_pdf();
    let agency = pki().agency.signer();
    let person = pki().person.signer();
    let trust = pki().trust();
    let invisible = SignRequest::new(SignatureRole::Agency, signing_time());
    let signer_visible = SignRequest::new(SignatureRole::Signer, signing_time()).with_appearance(Appearance::Signer {
        placement: signer_placement(),
        image: StampImage::from_png(&signature_png()).unwrap(),
    });
    let agency_visible = SignRequest::new(SignatureRole::Agency, signing_time()).with_appearance(Appearance::Agency {
        placement: seal_placement(signer_placement()),
        mark: AgencyMark::new(StampImage::from_png(&seal_png()).unwrap(), "Ủy ban nhân dân phường Thục Phán").unwrap(),
    });
    let by_signer = sign_pdf(&pdf, &person, &signer_visible).unwrap();
    let by_both = sign_pdf(&by_signer, &agency, &agency_visible).unwrap();

    let mut g = c.benchmark_group("baseline");
    let digest = [7u8; 32];
    g.bench_function("rsa2048_pkcs1v15_sign_digest", |b| b.iter(|| agency.sign_digest(black_box(&digest)).unwrap()));
    g.bench_function("lopdf_load_49kb", |b| b.iter(|| lopdf::Document::load_mem(black_box(&pdf)).unwrap()));
    g.bench_function("lopdf_load_after_signer", |b| {
        b.iter(|| lopdf::Document::load_mem(black_box(&by_signer)).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("sign");
    g.bench_function("invisible", |b| b.iter(|| sign_pdf(black_box(&pdf), &agency, &invisible).unwrap()));
    g.bench_function("signer_image", |b| b.iter(|| sign_pdf(black_box(&pdf), &person, &signer_visible).unwrap()));
    g.bench_function("agency_seal_after_signer", |b| {
        b.iter(|| sign_pdf(black_box(&by_signer), &agency, &agency_visible).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    let results: Vec<Vec<u8>> = (0..50).map(|_| by_signer.clone()).collect();
    g.bench_function("agency_signs_50_results", |b| {
        b.iter(|| {
            for doc in &results {
                black_box(sign_pdf(doc, &agency, &agency_visible).unwrap());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("verify");
    let opts = options();
    g.bench_function("one_signature", |b| b.iter(|| verify_pdf(black_box(&by_signer), &trust, &opts).unwrap()));
    g.bench_function("two_signatures", |b| b.iter(|| verify_pdf(black_box(&by_both), &trust, &opts).unwrap()));
    g.finish();
}

criterion_group!(sign, benches);
criterion_main!(sign);
