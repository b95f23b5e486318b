//! PAdES B-T: signatures time-stamped by a TEST-ONLY RFC 3161 authority
//! over HTTP on 127.0.0.1 (`motcua_sign::testing::tsa`), and what the time-stamp changes
//! in the verdicts.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::{Identity, options, pki, signing_time, simple_pdf};
use motcua_sign::testing::tsa::TestTsa;
use motcua_sign::{HttpTsa, SignError, SignRequest, SignatureRole, TimestampAuthority, Verdict, sign_pdf, verify_pdf};

fn tsa_at(identity: &Identity, gen_time: DateTime<Utc>) -> Arc<dyn TimestampAuthority> {
    Arc::new(HttpTsa::new(&TestTsa::start(&identity.key_pem, &identity.chain_pem, gen_time).url).unwrap())
}

/// The test TSA of the test PKI, dating its tokens a few seconds after the
/// signing time.
fn tsa() -> Arc<dyn TimestampAuthority> {
    tsa_at(&pki().tsa, signing_time() + Duration::seconds(2))
}

fn sign_with(identity: &Identity, tsa: Option<Arc<dyn TimestampAuthority>>) -> Result<Vec<u8>, SignError> {
    let mut request = SignRequest::new(SignatureRole::Signer, signing_time());
    if let Some(tsa) = tsa {
        request = request.with_timestamp(tsa);
    }
    sign_pdf(&simple_pdf(1), &identity.signer(), &request)
}

fn codes(pdf: &[u8]) -> (Verdict, Vec<&'static str>) {
    let report = verify_pdf(pdf, &pki().trust(), &options()).unwrap();
    (report.verdict, report.signatures[0].findings.iter().map(|f| f.code).collect())
}

#[test]
fn a_time_stamped_signature_passes_and_reports_the_authoritys_time() {
    let input = simple_pdf(1);
    let signed = sign_pdf(
        &input,
        &pki().agency.signer(),
        &SignRequest::new(SignatureRole::Agency, signing_time()).with_timestamp(tsa()),
    )
    .unwrap();
    assert!(signed.starts_with(&input), "an incremental update");
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    let sig = &report.signatures[0];
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", sig.findings);
    let ts = sig.timestamp.as_ref().expect("the time-stamp is reported");
    assert!(ts.holds);
    assert_eq!(ts.time, signing_time() + Duration::seconds(2));
    assert_eq!(ts.authority.as_deref(), Some("TEST TSA (test only)"));

    // A second, time-stamped signature keeps the first one valid.
    let twice = sign_pdf(
        &signed,
        &pki().agency.signer(),
        &SignRequest::new(SignatureRole::Agency, signing_time()).with_timestamp(tsa()),
    )
    .unwrap();
    let report = verify_pdf(&twice, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", report);
    assert!(report.signatures.iter().all(|s| s.timestamp.as_ref().is_some_and(|t| t.holds)));
}

#[test]
fn expired_or_revoked_after_the_time_stamp_passes_and_without_one_is_indeterminate() {
    // Expired 2026-12-03, verified 2026-12-06, time-stamped 2026-12-01.
    let (verdict, found) = codes(&sign_with(&pki().expired_since, None).unwrap());
    assert_eq!((verdict, found), (Verdict::Indeterminate, vec!["expired_since_signing_no_timestamp"]));
    let (verdict, found) = codes(&sign_with(&pki().expired_since, Some(tsa())).unwrap());
    assert_eq!((verdict, found), (Verdict::Passed, vec![]));

    // Revoked 2026-12-03.
    let (verdict, found) = codes(&sign_with(&pki().revoked_later, None).unwrap());
    assert_eq!((verdict, found), (Verdict::Indeterminate, vec!["revoked_since_signing_no_timestamp"]));
    let (verdict, found) = codes(&sign_with(&pki().revoked_later, Some(tsa())).unwrap());
    assert_eq!((verdict, found), (Verdict::Passed, vec![]));

    // A time-stamp made after the expiry or the revocation proves nothing
    // useful.
    let late = || Some(tsa_at(&pki().tsa, signing_time() + Duration::days(2)));
    let (verdict, found) = codes(&sign_with(&pki().expired_since, late()).unwrap());
    assert_eq!((verdict, found), (Verdict::Indeterminate, vec!["expired_before_timestamp"]));
    let (verdict, found) = codes(&sign_with(&pki().revoked_later, late()).unwrap());
    assert_eq!((verdict, found), (Verdict::Indeterminate, vec!["revoked_before_timestamp"]));
}

/// Asks the real TSA for a token over other bytes than the signature.
#[derive(Debug)]
struct OtherBytes(Arc<dyn TimestampAuthority>);

impl TimestampAuthority for OtherBytes {
    fn timestamp(&self, _imprint: [u8; 32]) -> Result<Vec<u8>, SignError> {
        self.0.timestamp([0x42; 32])
    }
}

#[test]
fn a_token_over_other_bytes_or_from_a_certificate_that_cannot_time_stamp_is_not_passed() {
    let signed = sign_with(&pki().agency, Some(Arc::new(OtherBytes(tsa())))).unwrap();
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    let sig = &report.signatures[0];
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(sig.findings.iter().map(|f| f.code).collect::<Vec<_>>(), vec!["timestamp_invalid"]);
    assert!(!sig.timestamp.as_ref().unwrap().holds);

    // A certificate without id-kp-timeStamping cannot time-stamp: the
    // signer's expiry then has no proof either.
    let not_a_tsa = tsa_at(&pki().person, signing_time() + Duration::seconds(2));
    let (verdict, found) = codes(&sign_with(&pki().expired_since, Some(not_a_tsa)).unwrap());
    assert_eq!(verdict, Verdict::Indeterminate);
    assert_eq!(found, vec!["timestamp_untrusted", "expired_since_signing_no_timestamp"]);
}

#[test]
fn an_unreachable_authority_stops_the_signature_with_a_clear_code() {
    // Port 9 (discard) on 127.0.0.1: nothing listens there in a test run.
    let down: Arc<dyn TimestampAuthority> = Arc::new(HttpTsa::new("http://127.0.0.1:9/tsa").unwrap());
    let err = sign_with(&pki().agency, Some(down)).unwrap_err();
    assert_eq!((err.code, err.field), ("timestamp_unavailable", "timestamp"));

    let err = HttpTsa::new("ftp://tsa.example").unwrap_err();
    assert_eq!((err.code, err.field), ("timestamp_url_invalid", "tsa_url"));
}

/// An independent check of the tokens: OpenSSL's `ts -verify` (RFC 3161,
/// with the ESS signing-certificate and the critical time-stamping usage it
/// requires) accepts a token the authority gave `HttpTsa`, against the test
/// root. Skipped with a plain line when openssl is missing, unless
/// `MOTCUA_TEST_OPENSSL=require` (CI sets it), then it fails.
#[test]
fn openssl_verifies_a_token_from_the_test_authority() {
    if std::process::Command::new("openssl").arg("version").output().is_err() {
        assert!(
            std::env::var("MOTCUA_TEST_OPENSSL").as_deref() != Ok("require"),
            "MOTCUA_TEST_OPENSSL=require but openssl is not installed (apt-get install openssl)"
        );
        println!("SKIPPED: openssl not installed");
        return;
    }
    let imprint = [7u8; 32];
    let token = tsa().timestamp(imprint).unwrap();
    let dir = std::env::temp_dir().join(format!("motcua-sign-openssl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("token.der"), token).unwrap();
    std::fs::write(dir.join("chain.pem"), &pki().tsa.chain_pem).unwrap();
    std::fs::write(dir.join("root.pem"), &pki().root_pem).unwrap();
    let out = std::process::Command::new("openssl")
        .args(["ts", "-verify", "-token_in", "-in", "token.der", "-digest", &hex(&imprint)])
        .args(["-CAfile", "root.pem", "-untrusted", "chain.pem"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.contains("Verification: OK"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
