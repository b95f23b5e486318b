//! The agency key in a PKCS#11 token or HSM (the province's option): the
//! key never leaves the device, which signs the digest. Tested with
//! Debian's `softhsm2`; a real HSM needs its vendor's PKCS#11 module.

use std::path::Path;
use std::sync::Mutex;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;

use crate::SignError;
use crate::signer::{DigestSigner, check_digest_signature, parse_pem_chain};

/// The DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2): CKM_RSA_PKCS
/// signs the DigestInfo as given, so the prefix is added here.
const SHA256_DIGEST_INFO: [u8; 19] =
    [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

/// An RSA private key in a PKCS#11 token, found by the token's label and
/// the key's label, with its PEM certificate chain (the key's own first).
/// One logged-in session is kept and used one signature at a time.
pub struct Pkcs11Signer {
    session: Mutex<Session>,
    key: ObjectHandle,
    chain: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Signer").field("chain_len", &self.chain.len()).finish()
    }
}

impl Pkcs11Signer {
    /// Opens `module` (e.g. `/usr/lib/softhsm/libsofthsm2.so`), logs in to
    /// the token labelled `token` with the user PIN and finds the private
    /// key labelled `key`. A test signature is checked against the first
    /// certificate, so a wrong key is refused here, not in a document.
    pub fn open(module: &Path, token: &str, pin: &str, key: &str, chain_pem: &str) -> Result<Self, SignError> {
        let fail = |code: &'static str, e: Error| SignError::new(code, "pkcs11", e.to_string());
        let chain = parse_pem_chain(chain_pem, "certificate_chain")?;
        let ctx = Pkcs11::new(module).map_err(|e| fail("pkcs11_unavailable", e))?;
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) | Err(Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(fail("pkcs11_unavailable", e)),
        }
        let slot = ctx
            .get_slots_with_token()
            .map_err(|e| fail("pkcs11_unavailable", e))?
            .into_iter()
            .find(|s| ctx.get_token_info(*s).is_ok_and(|i| i.label().trim() == token))
            .ok_or_else(|| SignError::new("pkcs11_token_not_found", "pkcs11", token.to_string()))?;
        let session = ctx.open_ro_session(slot).map_err(|e| fail("pkcs11_unavailable", e))?;
        session.login(UserType::User, Some(&AuthPin::new(pin.into()))).map_err(|e| fail("pkcs11_login_failed", e))?;
        let template = [Attribute::Class(ObjectClass::PRIVATE_KEY), Attribute::Label(key.as_bytes().to_vec())];
        let handle = session
            .find_objects(&template)
            .map_err(|e| fail("pkcs11_unavailable", e))?
            .into_iter()
            .next()
            .ok_or_else(|| SignError::new("pkcs11_key_not_found", "pkcs11", key.to_string()))?;
        let signer = Self { session: Mutex::new(session), key: handle, chain };
        let probe = [0x5au8; 32];
        let sig = signer.sign_digest(&probe)?;
        if !check_digest_signature(&signer.chain[0], &probe, &sig) {
            return Err(SignError::new(
                "key_certificate_mismatch",
                "pkcs11",
                "the token's key is not the one of the first certificate",
            ));
        }
        Ok(signer)
    }
}

impl DigestSigner for Pkcs11Signer {
    fn certificate_chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign_digest(&self, digest: &[u8; 32]) -> Result<Vec<u8>, SignError> {
        let mut data = SHA256_DIGEST_INFO.to_vec();
        data.extend_from_slice(digest);
        let session = self.session.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        session
            .sign(&Mechanism::RsaPkcs, self.key, &data)
            .map_err(|e| SignError::new("pkcs11_signing_failed", "pkcs11", e.to_string()))
    }
}
