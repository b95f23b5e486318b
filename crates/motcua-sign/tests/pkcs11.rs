//! The agency key in a PKCS#11 token: Debian's softhsm2 stands in for the
//! province's HSM. Skipped with a plain line when softhsm2 is missing,
//! unless `MOTCUA_TEST_PKCS11=require` (CI sets it), then it fails.

mod common;

use std::path::Path;
use std::process::Command;

use common::{options, pki, signing_time, simple_pdf};
use motcua_sign::{Pkcs11Signer, SignRequest, SignatureRole, Verdict, sign_pdf, verify_pdf};

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

fn softhsm(args: &[&str], conf: &Path) {
    let out = Command::new("softhsm2-util").args(args).env("SOFTHSM2_CONF", conf).output().unwrap();
    assert!(out.status.success(), "softhsm2-util {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_key_in_a_pkcs11_token_signs_and_a_wrong_pin_or_label_is_refused() {
    let available = Path::new(MODULE).exists() && Command::new("softhsm2-util").arg("--version").output().is_ok();
    if !available {
        assert!(
            std::env::var("MOTCUA_TEST_PKCS11").as_deref() != Ok("require"),
            "MOTCUA_TEST_PKCS11=require but softhsm2 is not installed (apt-get install softhsm2)"
        );
        println!("SKIPPED: softhsm2 not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("motcua-sign-softhsm-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("tokens")).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            dir.join("tokens").display()
        ),
    )
    .unwrap();
    let key = dir.join("agency.key.pem");
    std::fs::write(&key, &pki().agency.key_pem).unwrap();
    softhsm(&["--init-token", "--free", "--label", "motcua-test", "--pin", "1234", "--so-pin", "5678"], &conf);
    softhsm(
        &[
            "--import",
            key.to_str().unwrap(),
            "--token",
            "motcua-test",
            "--label",
            "agency",
            "--id",
            "01",
            "--pin",
            "1234",
        ],
        &conf,
    );
    // The module reads its configuration when it is initialised, in this
    // process; this test binary has this one test.
    unsafe { std::env::set_var("SOFTHSM2_CONF", &conf) };
    let module = Path::new(MODULE);
    let chain = &pki().agency.chain_pem;

    let err = Pkcs11Signer::open(module, "motcua-test", "0000", "agency", chain).unwrap_err();
    assert_eq!(err.code, "pkcs11_login_failed");
    let err = Pkcs11Signer::open(module, "no-such-token", "1234", "agency", chain).unwrap_err();
    assert_eq!(err.code, "pkcs11_token_not_found");
    let err = Pkcs11Signer::open(module, "motcua-test", "1234", "someone-else", chain).unwrap_err();
    assert_eq!(err.code, "pkcs11_key_not_found");
    let err = Pkcs11Signer::open(module, "motcua-test", "1234", "agency", &pki().person.chain_pem).unwrap_err();
    assert_eq!(err.code, "key_certificate_mismatch");

    let signer = Pkcs11Signer::open(module, "motcua-test", "1234", "agency", chain).unwrap();
    let signed = sign_pdf(&simple_pdf(1), &signer, &SignRequest::new(SignatureRole::Agency, signing_time())).unwrap();
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", report.signatures[0].findings);
    let _ = std::fs::remove_dir_all(&dir);
}
