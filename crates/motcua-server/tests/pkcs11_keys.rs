//! A unit's agency key in a PKCS#11 token, through the server's
//! configuration: `CODE.pkcs11` in the agency keys directory, the module
//! and the PIN. Debian's softhsm2 stands in for the province's HSM. Skipped
//! with a plain line when softhsm2 is missing, unless
//! `MOTCUA_TEST_PKCS11=require` (CI sets it), then it fails. One test in
//! this binary: the module reads `SOFTHSM2_CONF` from this process
//! (`motcua_sign::testing::softhsm`).

use std::path::Path;

use chrono::{Duration, Utc};
use motcua_server::config::{Config, Secret};
use motcua_server::demo::pki;
use motcua_server::signing::Signing;
use motcua_sign::testing::softhsm::SoftHsm;
use motcua_sign::{TrustStore, Verdict, VerifyOptions, verify_pdf};

fn config(dir: &Path, module: &Path, pin: &str) -> Config {
    Config {
        agency_keys_dir: Some(dir.to_path_buf()),
        pkcs11_module: Some(module.to_path_buf()),
        pkcs11_pin: Some(Secret::new(pin.into())),
        ..Config::default()
    }
}

#[tokio::test]
async fn a_units_key_in_a_token_signs_and_a_bad_pin_or_label_stops_the_start_naming_the_unit() {
    let demo = &pki::pki().agencies["H11.103"];
    let Some(hsm) = SoftHsm::token("motcua-server", "motcua-agency", "1234", &demo.key, "H11.103") else {
        return;
    };
    let module = hsm.module.as_path();
    // The directory has the chain and the seal, and no key: it is in the token.
    let keys = hsm.dir.join("agency-keys");
    std::fs::create_dir_all(&keys).unwrap();
    std::fs::write(keys.join("H11.103.pem"), &demo.chain).unwrap();
    std::fs::write(keys.join("H11.103.png"), pki::SEAL_PNG).unwrap();
    std::fs::write(keys.join("H11.103.pkcs11"), "# UBND xã Hòa An\ntoken = motcua-agency\nkey = H11.103\n").unwrap();

    let err = Signing::load(&config(&keys, module, "0000"), false).err().unwrap();
    assert!(err.contains("H11.103") && err.contains("pkcs11_login_failed"), "{err}");
    assert!(!err.contains("0000"), "the PIN is never in a message: {err}");
    let no_pin = Config { pkcs11_pin: None, ..config(&keys, module, "") };
    let err = Signing::load(&no_pin, false).err().unwrap();
    assert!(err.contains("H11.103") && err.contains("MOTCUA_PKCS11_PIN"), "{err}");

    std::fs::write(keys.join("H11.103.pkcs11"), "token = no-such-token\nkey = H11.103\n").unwrap();
    let err = Signing::load(&config(&keys, module, "1234"), false).err().unwrap();
    assert!(err.contains("H11.103") && err.contains("pkcs11_token_not_found"), "{err}");

    std::fs::write(keys.join("H11.103.pkcs11"), "token = motcua-agency\nkey = H11.103\n").unwrap();
    let signing = Signing::load(&config(&keys, module, "1234"), false).unwrap();
    assert!(signing.has_agency_key("H11.103"));
    let pdf = motcua_server::demo::one_page_pdf("KET QUA (mau)", &["Quyet dinh so 12/QD-UBND"]);
    let now = Utc::now();
    let signed = signing.agency_sign("H11.103", pdf, now).await.unwrap();
    let mut trust = TrustStore::new();
    trust.add_anchors_pem(&pki::pki().root).unwrap();
    trust.add_crl(&pki::pki().fresh_crl(now + Duration::seconds(1)).unwrap()).unwrap();
    let report = verify_pdf(&signed, &trust, &VerifyOptions::at(now + Duration::seconds(2))).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", report.signatures[0].findings);
    assert_eq!(report.signatures[0].signer.as_ref().unwrap().organization.as_deref(), Some("UBND xã Hòa An"));
}
