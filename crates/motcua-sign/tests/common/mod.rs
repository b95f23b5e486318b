//! Test fixtures: a test PKI made with rcgen at run time (a "government
//! root", an intermediate CA, agency and person certificates, a revoked, an
//! expired and an unknown-CA one, CRLs), PDFs made with lopdf, and the two
//! PNG images. Nothing here is a real key or a real authority.
#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::{DateTime, TimeZone, Utc};
use lopdf::{Document, Object, Stream, dictionary};
use motcua_sign::{KeyFileSigner, TrustStore, VerifyOptions};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CustomExtension, DistinguishedName, DnType,
    IsCa, Issuer, KeyIdMethod, KeyPair, PKCS_RSA_SHA256, RevokedCertParams, SerialNumber, date_time_ymd,
};
use rsa::RsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};

/// The time every test signs at: 2026-12-01 09:15:03 in Vietnam.
pub fn signing_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 15, 3).unwrap()
}

/// The time every test verifies at.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 0, 0, 0).unwrap()
}

pub fn options() -> VerifyOptions {
    VerifyOptions::at(now())
}

/// A key and its certificate chain in PEM (the chain: the certificate,
/// then its CA's, up to the root).
#[derive(Clone)]
pub struct Identity {
    pub key_pem: String,
    pub chain_pem: String,
}

impl Identity {
    pub fn signer(&self) -> KeyFileSigner {
        KeyFileSigner::from_pem(&self.key_pem, &self.chain_pem).expect("test identity loads")
    }
}

pub struct Pki {
    pub root_pem: String,
    pub crls: Vec<String>,
    pub agency: Identity,
    pub person: Identity,
    pub revoked: Identity,
    pub revoked_later: Identity,
    pub expired_since: Identity,
    pub expired_at_signing: Identity,
    pub unknown_ca: Identity,
    /// A time-stamp authority of the test CA (id-kp-timeStamping).
    pub tsa: Identity,
}

impl Pki {
    pub fn trust(&self) -> TrustStore {
        let mut t = TrustStore::new();
        t.add_anchors_pem(&self.root_pem).unwrap();
        for crl in &self.crls {
            t.add_crl(crl.as_bytes()).unwrap();
        }
        t
    }
}

fn rsa_key() -> (String, KeyPair) {
    let key = RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
    let pem = key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let pair = KeyPair::from_pkcs8_pem_and_sign_algo(&pem, &PKCS_RSA_SHA256).unwrap();
    (pem, pair)
}

fn params(cn: &str, org: &str, serial: u8, from: (i32, u8, u8), to: (i32, u8, u8), ca: bool) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    dn.push(DnType::OrganizationName, org);
    dn.push(DnType::CountryName, "VN");
    p.distinguished_name = dn;
    p.serial_number = Some(SerialNumber::from(vec![0x10, serial]));
    p.not_before = date_time_ymd(from.0, from.1, from.2);
    p.not_after = date_time_ymd(to.0, to.1, to.2);
    if ca {
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    }
    p
}

/// The test PKI, made once per test binary (RSA key generation is the slow
/// part: 5 keys, shared where the tests allow).
pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let (_, root_key) = rsa_key();
        let root_params =
            params("TEST Root CA Chính phủ (test only)", "TEST Ban Cơ yếu", 1, (2020, 1, 1), (2040, 1, 1), true);
        let root_cert = root_params.self_signed(&root_key).unwrap();
        let root = Issuer::new(root_params, &root_key);

        let (_, ca_key) = rsa_key();
        let ca_params = params("TEST CA công vụ (test only)", "TEST Ban Cơ yếu", 2, (2020, 1, 1), (2040, 1, 1), true);
        let ca_cert = ca_params.signed_by(&ca_key, &root).unwrap();
        let ca = Issuer::new(ca_params, &ca_key);

        let (agency_pem, agency_key) = rsa_key();
        let (person_pem, person_key) = rsa_key();
        let chain_tail = format!("{}{}", ca_cert.pem(), root_cert.pem());
        let leaf = |cn: &str, org: &str, serial: u8, to: (i32, u8, u8), key: &KeyPair, key_pem: &str| {
            let cert = params(cn, org, serial, (2025, 1, 1), to, false).signed_by(key, &ca).unwrap();
            Identity { key_pem: key_pem.to_string(), chain_pem: format!("{}{}", cert.pem(), chain_tail) }
        };
        let agency = leaf(
            "Ủy ban nhân dân phường Thục Phán",
            "UBND tỉnh Cao Bằng",
            0x20,
            (2028, 1, 1),
            &agency_key,
            &agency_pem,
        );
        let person = leaf("Nguyễn Văn An", "UBND phường Thục Phán", 0x21, (2028, 1, 1), &person_key, &person_pem);
        let revoked = leaf("Trần Thị Bình", "UBND phường Thục Phán", 0x22, (2028, 1, 1), &person_key, &person_pem);
        let revoked_later = leaf("Lê Văn Cường", "UBND phường Thục Phán", 0x23, (2028, 1, 1), &person_key, &person_pem);
        let expired_since =
            leaf("Phạm Thị Dung", "UBND phường Thục Phán", 0x24, (2026, 12, 3), &person_key, &person_pem);
        let expired_at_signing =
            leaf("Hoàng Văn Em", "UBND phường Thục Phán", 0x25, (2026, 11, 1), &person_key, &person_pem);

        let tsa = {
            let mut p = params("TEST TSA (test only)", "TEST Ban Cơ yếu", 0x26, (2025, 1, 1), (2030, 1, 1), false);
            // Critical, as RFC 3161 §2.3 requires (OpenSSL refuses a TSA
            // without it): SEQUENCE { id-kp-timeStamping }.
            let eku = vec![0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08];
            let mut ext = CustomExtension::from_oid_content(&[2, 5, 29, 37], eku);
            ext.set_criticality(true);
            p.custom_extensions = vec![ext];
            let cert = p.signed_by(&agency_key, &ca).unwrap();
            Identity { key_pem: agency_pem.clone(), chain_pem: format!("{}{}", cert.pem(), chain_tail) }
        };

        // Another root nobody configured, reusing the root's key: the name
        // differs, so no path leads to the configured anchor.
        let other_params = params("TEST Unknown Root", "TEST Nobody", 3, (2020, 1, 1), (2040, 1, 1), true);
        let other_cert = other_params.self_signed(&root_key).unwrap();
        let other = Issuer::new(other_params, &root_key);
        let stranger = params("Người Lạ", "TEST Nobody", 0x30, (2025, 1, 1), (2028, 1, 1), false)
            .signed_by(&person_key, &other)
            .unwrap();
        let unknown_ca =
            Identity { key_pem: person_pem.clone(), chain_pem: format!("{}{}", stranger.pem(), other_cert.pem()) };

        let crl = |revoked: Vec<(u8, (i32, u8, u8))>, issuer: &Issuer<'_, &KeyPair>| {
            CertificateRevocationListParams {
                this_update: date_time_ymd(2026, 12, 4),
                next_update: date_time_ymd(2027, 1, 4),
                crl_number: SerialNumber::from(vec![1]),
                issuing_distribution_point: None,
                revoked_certs: revoked
                    .into_iter()
                    .map(|(serial, (y, m, d))| RevokedCertParams {
                        serial_number: SerialNumber::from(vec![0x10, serial]),
                        revocation_time: date_time_ymd(y, m, d),
                        reason_code: None,
                        invalidity_date: None,
                    })
                    .collect(),
                key_identifier_method: KeyIdMethod::Sha256,
            }
            .signed_by(issuer)
            .unwrap()
            .pem()
            .unwrap()
        };
        let crls = vec![crl(vec![], &root), crl(vec![(0x22, (2026, 11, 1)), (0x23, (2026, 12, 3))], &ca)];
        Pki {
            root_pem: root_cert.pem(),
            crls,
            agency,
            person,
            revoked,
            revoked_later,
            expired_since,
            expired_at_signing,
            unknown_ca,
            tsa,
        }
    })
}

/// A PDF of `pages` A4 pages with a line of text each, made with lopdf.
pub fn simple_pdf(pages: u32) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut kids = Vec::new();
    for n in 1..=pages {
        let text = format!("BT /F1 14 Tf 72 760 Td (Quyet dinh so {n}/QD-UBND: test document) Tj ET");
        let content_id = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        });
        kids.push(Object::Reference(page_id));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A PDF made by something else: cairo (Firefox's print), from the
/// underskrift crate's test fixtures (BSD-2-Clause).
pub fn cairo_pdf() -> Vec<u8> {
    include_bytes!("../data/cairo-sample.pdf").to_vec()
}

/// A PNG of `w`×`h` where `paint(x, y)` gives the pixel (transparent when
/// `None`).
fn png(w: u32, h: u32, paint: impl Fn(f32, f32) -> Option<[u8; 3]>) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, y| match paint(x as f32, y as f32) {
        Some([r, g, b]) => image::Rgba([r, g, b, 255]),
        None => image::Rgba([0, 0, 0, 0]),
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A blue scribble on a transparent background, like a scanned signature.
pub fn signature_png() -> Vec<u8> {
    png(240, 80, |x, y| {
        let wave = 40.0 + 22.0 * (x / 17.0).sin() * (1.0 - x / 300.0);
        ((y - wave).abs() < 2.5 && x > 10.0 && x < 230.0).then_some([0x10, 0x30, 0xC0])
    })
}

/// A red ring with a star, on a transparent background, like a seal.
pub fn seal_png() -> Vec<u8> {
    png(160, 160, |x, y| {
        let d = ((x - 80.0).powi(2) + (y - 80.0).powi(2)).sqrt();
        ((70.0..77.0).contains(&d) || (52.0..55.0).contains(&d) || d < 12.0).then_some([0xD0, 0x10, 0x10])
    })
}
