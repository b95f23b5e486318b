//! The units' agency keys, from the configured directory: a key file, or
//! a key in a PKCS#11 token or HSM.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use motcua_sign::{AgencyMark, DigestSigner, KeyFileSigner, Pkcs11Signer, StampImage};

use crate::config::Secret;

/// A unit's agency key: what signs with its chain (a key file or a
/// token), and the seal and name its signature shows.
pub struct AgencyKey {
    pub signer: Box<dyn DigestSigner>,
    pub mark: AgencyMark,
}

impl AgencyKey {
    pub fn new(key_pem: &str, chain_pem: &str, seal: StampImage, name: &str) -> Result<AgencyKey, String> {
        let signer = KeyFileSigner::from_pem(key_pem, chain_pem).map_err(|e| e.to_string())?;
        AgencyKey::with_signer(Box::new(signer), seal, name)
    }

    fn with_signer(signer: Box<dyn DigestSigner>, seal: StampImage, name: &str) -> Result<AgencyKey, String> {
        let mark = AgencyMark::new(seal, name).map_err(|e| e.to_string())?;
        Ok(AgencyKey { signer, mark })
    }
}

/// The PKCS#11 module and PIN that open the tokens `CODE.pkcs11` names.
#[derive(Clone, Copy)]
pub struct Pkcs11Config<'a> {
    pub module: Option<&'a Path>,
    pub pin: Option<&'a Secret>,
}

/// Every `CODE.key` or `CODE.pkcs11` of `dir` with its `CODE.pem` and
/// `CODE.png`; the agency's name shown beside the seal is the
/// certificate's organisation (O), else its common name. A key without its
/// chain or seal, a token that cannot be opened, or a unit with both
/// stops the start, naming the unit and the file: a unit silently unable
/// to sign would be found only by a citizen waiting for a result.
pub fn load_dir(dir: &Path, pkcs11: Pkcs11Config<'_>) -> Result<HashMap<String, Arc<AgencyKey>>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("agency keys directory {}: {e}", dir.display()))?;
    let mut paths: Vec<_> =
        entries.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    paths.sort();
    let mut out = HashMap::new();
    for path in paths {
        let ext = path.extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("key" | "pkcs11")) {
            continue;
        }
        let Some(code) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        if path.with_extension("key").exists() && path.with_extension("pkcs11").exists() {
            return Err(format!("agency key of {code}: both {code}.key and {code}.pkcs11; keep one"));
        }
        let read = |ext: &str| {
            let p = path.with_extension(ext);
            std::fs::read(&p).map_err(|e| format!("agency key of {code}: {}: {e}", p.display()))
        };
        let chain = String::from_utf8(read("pem")?).map_err(|_| format!("agency key of {code}: chain not PEM"))?;
        let seal = StampImage::from_png(&read("png")?).map_err(|e| format!("agency key of {code}: seal: {e}"))?;
        let signer: Box<dyn DigestSigner> = if ext == Some("key") {
            let key = String::from_utf8(read("key")?).map_err(|_| format!("{}: not PEM", path.display()))?;
            Box::new(KeyFileSigner::from_pem(&key, &chain).map_err(|e| format!("agency key of {code}: {e}"))?)
        } else {
            let text = String::from_utf8(read("pkcs11")?).map_err(|_| format!("{}: not text", path.display()))?;
            Box::new(open_token(code, &path, &text, &chain, pkcs11)?)
        };
        let name = organisation(&chain).unwrap_or_else(|| code.to_owned());
        out.insert(
            code.to_owned(),
            Arc::new(AgencyKey::with_signer(signer, seal, &name).map_err(|e| format!("agency key of {code}: {e}"))?),
        );
    }
    Ok(out)
}

/// The token a `CODE.pkcs11` file names: `token = LABEL` and `key = LABEL`
/// lines (blank lines and `#` comments allowed).
fn open_token(
    code: &str,
    path: &Path,
    text: &str,
    chain: &str,
    pkcs11: Pkcs11Config<'_>,
) -> Result<Pkcs11Signer, String> {
    let fail = |why: String| format!("agency key of {code}: {}: {why}", path.display());
    let mut token = None;
    let mut key = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        match line.split_once('=').map(|(n, v)| (n.trim(), v.trim())) {
            Some(("token", v)) if !v.is_empty() => token = Some(v),
            Some(("key", v)) if !v.is_empty() => key = Some(v),
            _ => return Err(fail(format!("unknown line {line:?}; expected `token = LABEL` and `key = LABEL`"))),
        }
    }
    let (Some(token), Some(key)) = (token, key) else {
        return Err(fail("needs both `token = LABEL` and `key = LABEL`".into()));
    };
    let module = pkcs11.module.ok_or_else(|| fail("no PKCS#11 module is configured (--pkcs11-module)".into()))?;
    let pin = pkcs11.pin.ok_or_else(|| fail("MOTCUA_PKCS11_PIN is not set".into()))?;
    // The error names the code and the labels, never the PIN.
    Pkcs11Signer::open(module, token, pin.expose(), key, chain).map_err(|e| fail(e.to_string()))
}

/// The O (else CN) of the first certificate of a PEM chain.
fn organisation(chain_pem: &str) -> Option<String> {
    use x509_cert::der::DecodePem;
    let cert = x509_cert::Certificate::from_pem(chain_pem.split_inclusive("-----END CERTIFICATE-----").next()?).ok()?;
    let subject = &cert.tbs_certificate.subject;
    let find =
        |oid| {
            subject.0.iter().flat_map(|rdn| rdn.0.iter()).find(|a| a.oid == oid).and_then(|a| {
                x509_cert::der::asn1::Utf8StringRef::try_from(&a.value).ok().map(|s| s.as_str().to_owned())
            })
        };
    find(const_oid::db::rfc4519::O).or_else(|| find(const_oid::db::rfc4519::CN))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_PKCS11: Pkcs11Config<'static> = Pkcs11Config { module: None, pin: None };

    /// A directory with the demo key of H11.103 written as an operator
    /// would: the key, its chain and its seal.
    fn dir_with(files: &[&str]) -> std::path::PathBuf {
        let k = &crate::demo::pki::pki().agencies["H11.103"];
        let dir = std::env::temp_dir().join(format!("motcua-keys-{}-{}", std::process::id(), files.join("-")));
        std::fs::create_dir_all(&dir).unwrap();
        for f in files {
            let data: &[u8] = match *f {
                "key" => k.key.as_bytes(),
                "pem" => k.chain.as_bytes(),
                _ => crate::demo::pki::SEAL_PNG,
            };
            std::fs::write(dir.join(format!("H11.103.{f}")), data).unwrap();
        }
        dir
    }

    #[test]
    fn a_units_key_chain_and_seal_load_with_the_certificates_organisation() {
        let dir = dir_with(&["key", "pem", "png"]);
        let keys = load_dir(&dir, NO_PKCS11).unwrap();
        assert_eq!(keys["H11.103"].mark.agency_name(), "UBND xã Hòa An");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_key_without_its_seal_stops_the_start_naming_the_file() {
        let dir = dir_with(&["key", "pem"]);
        let err = load_dir(&dir, NO_PKCS11).err().unwrap();
        assert!(err.contains("H11.103") && err.contains("H11.103.png"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_pkcs11_file_without_a_module_or_with_bad_lines_stops_the_start_naming_the_unit() {
        let dir = dir_with(&["pem", "png"]);
        let file = dir.join("H11.103.pkcs11");
        std::fs::write(&file, "# the agency's token\ntoken = motcua\nkey = H11.103\n").unwrap();
        let err = load_dir(&dir, NO_PKCS11).err().unwrap();
        assert!(err.contains("H11.103") && err.contains("--pkcs11-module"), "{err}");
        std::fs::write(&file, "token: motcua\n").unwrap();
        let err = load_dir(&dir, NO_PKCS11).err().unwrap();
        assert!(err.contains("H11.103.pkcs11") && err.contains("token = LABEL"), "{err}");
        std::fs::write(dir.join("H11.103.key"), "").unwrap();
        let err = load_dir(&dir, NO_PKCS11).err().unwrap();
        assert!(err.contains("both H11.103.key and H11.103.pkcs11"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
