//! A unit's agency key in a PKCS#11 token, through the server's
//! configuration: `CODE.pkcs11` in the agency keys directory, the module
//! and the PIN. Debian's softhsm2 stands in for the province's HSM. Skipped
//! with a plain line when softhsm2 is missing, unless
//! `MOTCUA_TEST_PKCS11=require` (CI sets it), then it fails. One test in
//! this binary: the module reads `SOFTHSM2_CONF` from this process.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, Utc};
use motcua_server::config::{Config, Secret};
use motcua_server::demo::pki;
use motcua_server::signing::Signing;
use motcua_sign::{TrustStore, Verdict, VerifyOptions, verify_pdf};

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

fn softhsm(args: &[&str], conf: &Path) {
    let out = Command::new("softhsm2-util").args(args).env("SOFTHSM2_CONF", conf).output().unwrap();
    assert!(out.status.success(), "softhsm2-util {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn config(dir: &Path, pin: &str) -> Config {
    Config {
        agency_keys_dir: Some(dir.to_path_buf()),
        pkcs11_module: Some(PathBuf::from(MODULE)),
        pkcs11_pin: Some(Secret::new(pin.into())),
        ..Config::default()
    }
}

#[tokio::test]
async fn a_units_key_in_a_token_signs_and_a_bad_pin_or_label_stops_the_start_naming_the_unit() {
    let available = Path::new(MODULE).exists() && Command::new("softhsm2-util").arg("--version").output().is_ok();
    if !available {
        assert!(
            std::env::var("MOTCUA_TEST_PKCS11").as_deref() != Ok("require"),
            "MOTCUA_TEST_PKCS11=require but softhsm2 is not installed (apt-get install softhsm2)"
        );
        println!("SKIPPED: softhsm2 not installed");
        return;
    }
    let root = std::env::temp_dir().join(format!("motcua-server-softhsm-{}", std::process::id()));
    let keys = root.join("agency-keys");
    std::fs::create_dir_all(root.join("tokens")).unwrap();
    std::fs::create_dir_all(&keys).unwrap();
    let conf = root.join("softhsm2.conf");
    let tokens = root.join("tokens");
    std::fs::write(&conf, format!("directories.tokendir = {}\nobjectstore.backend = file\n", tokens.display()))
        .unwrap();
    let demo = &pki::pki().agencies["H11.103"];
    let key_file = root.join("H11.103.key.pem");
    std::fs::write(&key_file, &demo.key).unwrap();
    softhsm(&["--init-token", "--free", "--label", "motcua-agency", "--pin", "1234", "--so-pin", "5678"], &conf);
    let import = ["--import", key_file.to_str().unwrap(), "--token", "motcua-agency", "--label", "H11.103"];
    softhsm(&[&import[..], &["--id", "01", "--pin", "1234"]].concat(), &conf);
    // The private key lives in the token now: the directory has no key.
    std::fs::remove_file(&key_file).unwrap();
    unsafe { std::env::set_var("SOFTHSM2_CONF", &conf) };

    std::fs::write(keys.join("H11.103.pem"), &demo.chain).unwrap();
    std::fs::write(keys.join("H11.103.png"), pki::SEAL_PNG).unwrap();
    std::fs::write(keys.join("H11.103.pkcs11"), "# UBND xã Hòa An\ntoken = motcua-agency\nkey = H11.103\n").unwrap();

    let err = Signing::load(&config(&keys, "0000"), false).err().unwrap();
    assert!(err.contains("H11.103") && err.contains("pkcs11_login_failed"), "{err}");
    assert!(!err.contains("0000"), "the PIN is never in a message: {err}");
    let no_pin = Config { pkcs11_pin: None, ..config(&keys, "") };
    let err = Signing::load(&no_pin, false).err().unwrap();
    assert!(err.contains("H11.103") && err.contains("MOTCUA_PKCS11_PIN"), "{err}");

    std::fs::write(keys.join("H11.103.pkcs11"), "token = no-such-token\nkey = H11.103\n").unwrap();
    let err = Signing::load(&config(&keys, "1234"), false).err().unwrap();
    assert!(err.contains("H11.103") && err.contains("pkcs11_token_not_found"), "{err}");

    std::fs::write(keys.join("H11.103.pkcs11"), "token = motcua-agency\nkey = H11.103\n").unwrap();
    let signing = Signing::load(&config(&keys, "1234"), false).unwrap();
    assert!(signing.has_agency_key("H11.103"));
    let pdf = motcua_pdf::Register {
        agency: motcua_pdf::Agency {
            parent: "UBND TỈNH CAO BẰNG".into(),
            name: "UBND XÃ HÒA AN".into(),
            place: "Hòa An".into(),
            phone: None,
        },
        from: None,
        to: None,
        printed_at: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(8, 0, 0).unwrap(),
        lines: vec![],
        truncated: false,
    }
    .render()
    .unwrap();
    let now = Utc::now();
    let signed = signing.agency_sign("H11.103", pdf, now).await.unwrap();
    let mut trust = TrustStore::new();
    trust.add_anchors_pem(&pki::pki().root).unwrap();
    trust.add_crl(&pki::pki().fresh_crl(now + Duration::seconds(1)).unwrap()).unwrap();
    let report = verify_pdf(&signed, &trust, &VerifyOptions::at(now + Duration::seconds(2))).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", report.signatures[0].findings);
    assert_eq!(report.signatures[0].signer.as_ref().unwrap().organization.as_deref(), Some("UBND xã Hòa An"));
    let _ = std::fs::remove_dir_all(&root);
}
