//! Trust anchors and revocation lists as configuration.
//!
//! The province puts the roots it trusts (the Ban Cơ yếu Chính phủ root for
//! public-service signatures, the public CAs' roots) and the CRLs it has
//! downloaded in files; motcua reads them. Nothing is ever fetched: a
//! verification makes no network access, so a CRL is as fresh as the
//! operator keeps it.

use std::path::Path;

use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use crate::SignError;
use crate::signer::parse_pem_chain;

/// The configured trust anchors and CRLs.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    pub(crate) anchors: Vec<Certificate>,
    pub(crate) crls: Vec<CertificateList>,
}

impl TrustStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds every certificate of a PEM text as a trust anchor.
    pub fn add_anchors_pem(&mut self, pem: &str) -> Result<(), SignError> {
        for der in parse_pem_chain(pem, "trust_anchor")? {
            let cert = Certificate::from_der(&der)
                .map_err(|e| SignError::new("certificate_unreadable", "trust_anchor", e.to_string()))?;
            self.anchors.push(cert);
        }
        Ok(())
    }

    /// Adds a CRL, DER or PEM (`X509 CRL`). Its signature is checked when it
    /// is used, against the certificate it claims to come from.
    pub fn add_crl(&mut self, bytes: &[u8]) -> Result<(), SignError> {
        let der = if bytes.starts_with(b"-----BEGIN") {
            let (label, der) =
                der::pem::decode_vec(bytes).map_err(|e| SignError::new("crl_unreadable", "crl", e.to_string()))?;
            if label != "X509 CRL" {
                return Err(SignError::new("crl_unreadable", "crl", format!("PEM label {label}")));
            }
            der
        } else {
            bytes.to_vec()
        };
        let crl =
            CertificateList::from_der(&der).map_err(|e| SignError::new("crl_unreadable", "crl", e.to_string()))?;
        self.crls.push(crl);
        Ok(())
    }

    /// Loads a directory: `*.pem`, `*.crt`, `*.cer` are anchors (PEM),
    /// `*.crl` are CRLs; anything else is ignored. Not recursive.
    pub fn load_dir(dir: &Path) -> Result<Self, SignError> {
        let mut store = Self::new();
        let entries = std::fs::read_dir(dir)
            .map_err(|e| SignError::new("file_unreadable", "trust_dir", format!("{}: {e}", dir.display())))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            store.load_file(&path)?;
        }
        Ok(store)
    }

    /// Loads one file the caller names, by its extension as in `load_dir`.
    pub fn load_file(&mut self, path: &Path) -> Result<(), SignError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let read = || {
            std::fs::read(path)
                .map_err(|e| SignError::new("file_unreadable", "trust_dir", format!("{}: {e}", path.display())))
        };
        match ext.as_str() {
            "pem" | "crt" | "cer" => {
                let bytes = read()?;
                self.add_anchors_pem(&String::from_utf8_lossy(&bytes))
            }
            "crl" => self.add_crl(&read()?),
            _ => Ok(()),
        }
    }

    pub fn anchor_count(&self) -> usize {
        self.anchors.len()
    }

    pub fn crl_count(&self) -> usize {
        self.crls.len()
    }

    pub(crate) fn is_anchor(&self, cert: &Certificate) -> bool {
        let Ok(der) = cert.to_der() else { return false };
        self.anchors.iter().any(|a| a.to_der().is_ok_and(|d| d == der))
    }
}
