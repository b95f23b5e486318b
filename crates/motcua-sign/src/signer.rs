//! Who signs: anything that holds (or reaches) a private key and can sign a
//! SHA-256 digest, with the certificate chain that goes with it.

use std::path::Path;

use der::{Decode, Encode};
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;
use x509_cert::Certificate;

use crate::SignError;

/// Something that signs a digest with a certificate: the server's agency key
/// ([`KeyFileSigner`]), an HSM, or a test fixture.
///
/// The digest is the SHA-256 of the CMS signed attributes (which hold the
/// SHA-256 of the PDF's signed byte ranges); the result is an RSA PKCS#1
/// v1.5 signature of it (the `sha256WithRSAEncryption` the CMS declares).
pub trait DigestSigner: Send + Sync {
    /// DER certificates: the signer's first, then its issuers.
    fn certificate_chain(&self) -> &[Vec<u8>];
    /// The RSA PKCS#1 v1.5 signature of `digest` (SHA-256).
    fn sign_digest(&self, digest: &[u8; 32]) -> Result<Vec<u8>, SignError>;
}

/// The agency key the server holds: a PKCS#8 PEM private key and a PEM
/// certificate chain (the agency's certificate first).
///
/// RSA keys of any size are accepted. EC keys are refused (`key_unsupported`):
/// underskrift's P-256 output was rejected by poppler, and nothing here has
/// been tested with EC. The key is parsed once; keep one `KeyFileSigner` for
/// the life of the process.
pub struct KeyFileSigner {
    key: RsaPrivateKey,
    chain: Vec<Vec<u8>>,
}

impl std::fmt::Debug for KeyFileSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("KeyFileSigner")
            .field("bits", &(self.key.size() * 8))
            .field("chain_len", &self.chain.len())
            .finish()
    }
}

impl KeyFileSigner {
    /// From a PKCS#8 PEM key (`-----BEGIN PRIVATE KEY-----`) and one or more
    /// PEM certificates, the key's own first.
    pub fn from_pem(key_pem: &str, chain_pem: &str) -> Result<Self, SignError> {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem)
            .map_err(|e| SignError::new("key_unsupported", "key", format!("not an RSA PKCS#8 key: {e}")))?;
        let chain = parse_pem_chain(chain_pem, "certificate_chain")?;
        let leaf = Certificate::from_der(&chain[0])
            .map_err(|e| SignError::new("certificate_unreadable", "certificate_chain", e.to_string()))?;
        let spki = leaf
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| SignError::new("certificate_unreadable", "certificate_chain", e.to_string()))?;
        let public = RsaPublicKey::from_public_key_der(&spki).map_err(|e| {
            SignError::new("key_unsupported", "certificate_chain", format!("not an RSA certificate: {e}"))
        })?;
        if public != key.to_public_key() {
            return Err(SignError::new(
                "key_certificate_mismatch",
                "key",
                "the key is not the one of the first certificate",
            ));
        }
        Ok(Self { key, chain })
    }

    /// From the key file and the chain file the configuration names. The
    /// key file should be readable by the server's user only.
    pub fn from_files(key_path: &Path, chain_path: &Path) -> Result<Self, SignError> {
        let read = |p: &Path, field: &'static str| {
            std::fs::read_to_string(p)
                .map_err(|e| SignError::new("file_unreadable", field, format!("{}: {e}", p.display())))
        };
        Self::from_pem(&read(key_path, "key")?, &read(chain_path, "certificate_chain")?)
    }
}

impl DigestSigner for KeyFileSigner {
    fn certificate_chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign_digest(&self, digest: &[u8; 32]) -> Result<Vec<u8>, SignError> {
        // Blinded: the timing of an unblinded RSA private operation leaks
        // the key to anyone who can measure many signatures.
        self.key
            .sign_with_rng(&mut rsa::rand_core::OsRng, Pkcs1v15Sign::new::<Sha256>(), digest)
            .map_err(|e| SignError::internal(format!("RSA signing failed: {e}")))
    }
}

/// Every `CERTIFICATE` block of a PEM text, as DER, in order.
pub(crate) fn parse_pem_chain(pem: &str, field: &'static str) -> Result<Vec<Vec<u8>>, SignError> {
    let certs = Certificate::load_pem_chain(pem.as_bytes())
        .map_err(|e| SignError::new("certificate_unreadable", field, e.to_string()))?;
    if certs.is_empty() {
        return Err(SignError::new("certificate_unreadable", field, "no certificate"));
    }
    certs
        .iter()
        .map(|c| c.to_der().map_err(|e| SignError::new("certificate_unreadable", field, e.to_string())))
        .collect()
}

/// Checks an RSA PKCS#1 v1.5 SHA-256 signature of `digest` against the
/// public key of the DER certificate `cert`.
pub(crate) fn check_digest_signature(cert: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(cert) = Certificate::from_der(cert) else {
        return false;
    };
    let Ok(spki) = cert.tbs_certificate.subject_public_key_info.to_der() else {
        return false;
    };
    let Ok(public) = RsaPublicKey::from_public_key_der(&spki) else {
        return false;
    };
    public.verify(Pkcs1v15Sign::new::<Sha256>(), digest, signature).is_ok()
}
