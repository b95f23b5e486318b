//! A SoftHSM (Debian's softhsm2) token in a temporary directory, standing
//! in for the province's HSM in the tests of `Pkcs11Signer` and of the
//! server's `CODE.pkcs11` agency keys.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's SoftHSM module.
pub const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// A token with one RSA key, in its own directory.
pub struct SoftHsm {
    pub dir: PathBuf,
    pub module: PathBuf,
}

impl SoftHsm {
    /// Makes a token labelled `token` (user PIN `pin`) in a new directory
    /// named after `name`, imports the PKCS#8 `key_pem` as `key_label`, and
    /// points this process's `SOFTHSM2_CONF` at it (the module reads it
    /// when initialised, so a test binary that uses this has that one test).
    /// `None`, with a plain line, when softhsm2 is not installed, unless
    /// `MOTCUA_TEST_PKCS11=require` (CI sets it): then it panics.
    pub fn token(name: &str, token: &str, pin: &str, key_pem: &str, key_label: &str) -> Option<SoftHsm> {
        let available = Path::new(MODULE).exists() && Command::new("softhsm2-util").arg("--version").output().is_ok();
        if !available {
            assert!(
                std::env::var("MOTCUA_TEST_PKCS11").as_deref() != Ok("require"),
                "MOTCUA_TEST_PKCS11=require but softhsm2 is not installed (apt-get install softhsm2)"
            );
            println!("SKIPPED: softhsm2 not installed");
            return None;
        }
        let dir = std::env::temp_dir().join(format!("{name}-softhsm-{}", std::process::id()));
        let tokens = dir.join("tokens");
        std::fs::create_dir_all(&tokens).expect("a temporary directory");
        let conf = dir.join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n", tokens.display()),
        )
        .expect("the SoftHSM configuration");
        let key = dir.join("key.pem");
        std::fs::write(&key, key_pem).expect("the key file");
        let so_pin = "5678";
        run(&["--init-token", "--free", "--label", token, "--pin", pin, "--so-pin", so_pin], &conf);
        let key_path = key.to_str().expect("a UTF-8 temporary path");
        run(&["--import", key_path, "--token", token, "--label", key_label, "--id", "01", "--pin", pin], &conf);
        // The key now lives in the token only.
        std::fs::remove_file(&key).expect("the key file is removed");
        // SAFETY: set before the module is loaded; the binary has one test.
        unsafe { std::env::set_var("SOFTHSM2_CONF", &conf) };
        Some(SoftHsm { dir, module: PathBuf::from(MODULE) })
    }
}

impl Drop for SoftHsm {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run(args: &[&str], conf: &Path) {
    let out = Command::new("softhsm2-util").args(args).env("SOFTHSM2_CONF", conf).output().expect("softhsm2-util runs");
    assert!(out.status.success(), "softhsm2-util {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}
