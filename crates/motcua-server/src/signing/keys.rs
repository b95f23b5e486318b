//! The units' agency keys, from the configured directory.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use motcua_sign::{AgencyMark, KeyFileSigner, StampImage};

/// A unit's agency key: the key with its chain, and the seal and name its
/// signature shows.
pub struct AgencyKey {
    pub signer: KeyFileSigner,
    pub mark: AgencyMark,
}

impl AgencyKey {
    pub fn new(key_pem: &str, chain_pem: &str, seal: StampImage, name: &str) -> Result<AgencyKey, String> {
        let signer = KeyFileSigner::from_pem(key_pem, chain_pem).map_err(|e| e.to_string())?;
        let mark = AgencyMark::new(seal, name).map_err(|e| e.to_string())?;
        Ok(AgencyKey { signer, mark })
    }
}

/// Every `CODE.key` of `dir` with its `CODE.pem` and `CODE.png`; the
/// agency's name shown beside the seal is the certificate's organisation
/// (O), else its common name. A key without its chain or seal stops the
/// start, naming the file: a unit silently unable to sign would be found
/// only by a citizen waiting for a result.
pub fn load_dir(dir: &Path) -> Result<HashMap<String, Arc<AgencyKey>>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("agency keys directory {}: {e}", dir.display()))?;
    let mut out = HashMap::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("key") {
            continue;
        }
        let Some(code) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        let read = |ext: &str| {
            let p = path.with_extension(ext);
            std::fs::read(&p).map_err(|e| format!("agency key of {code}: {}: {e}", p.display()))
        };
        let key = String::from_utf8(read("key")?).map_err(|_| format!("{}: not PEM", path.display()))?;
        let chain = String::from_utf8(read("pem")?).map_err(|_| format!("agency key of {code}: chain not PEM"))?;
        let seal = StampImage::from_png(&read("png")?).map_err(|e| format!("agency key of {code}: seal: {e}"))?;
        let name = organisation(&chain).unwrap_or_else(|| code.to_owned());
        out.insert(
            code.to_owned(),
            Arc::new(AgencyKey::new(&key, &chain, seal, &name).map_err(|e| format!("agency key of {code}: {e}"))?),
        );
    }
    Ok(out)
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

    /// A directory with the demo key of H11.103 written as an operator
    /// would: the key, its chain and its seal.
    fn dir_with(files: &[&str]) -> std::path::PathBuf {
        let k = &crate::demo::pki::pki().agencies["H11.103"];
        let dir = std::env::temp_dir().join(format!("motcua-keys-{}-{}", std::process::id(), files.len()));
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
        let keys = load_dir(&dir).unwrap();
        assert_eq!(keys["H11.103"].mark.agency_name(), "UBND xã Hòa An");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_key_without_its_seal_stops_the_start_naming_the_file() {
        let dir = dir_with(&["key", "pem"]);
        let err = load_dir(&dir).err().unwrap();
        assert!(err.contains("H11.103") && err.contains("H11.103.png"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
