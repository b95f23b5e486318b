//! Remote signing (ký số từ xa): the key stays with a provider (VNPT
//! SmartCA, Viettel MySign…) and the person confirms each signature in the
//! provider's app.
//!
//! The flow: [`prepare`](crate::prepare) the document with the person's
//! certificate chain (from [`RemoteSigningProvider::certificate_chain`]) →
//! [`start`](RemoteSigningProvider::start) a request with the digest →
//! [`poll`](RemoteSigningProvider::poll) every [`POLL_INTERVAL`] until it is
//! signed, refused or expired, for at most [`POLL_LIMIT`] →
//! [`finalize_remote`] embeds the signature.
//!
//! Polling is the caller's loop (a background job in the server), not a
//! blocking loop here: a request waits minutes for a person's thumb.
//!
//! # What a real adapter needs (not written yet)
//!
//! Both providers publish the same hash-then-poll shape (the way the
//! Vietnamese projects that use them describe it; the providers' own API
//! documents were not available when this was written):
//!
//! - **credentials** issued to the installation by the provider: a client
//!   id and secret (SmartCA's `sp_id`/`sp_password`, MySign's
//!   `client_id`/`client_secret` and profile), and the person's user id at
//!   the provider (citizen id or the account) kept with their motcua account;
//! - **get the certificate** of the user (its chain, to prepare the CMS);
//! - **sign the hash**: send the SHA-256 digest ([`PreparedSignature::digest`](crate::PreparedSignature::digest))
//!   with a description shown in the app; the provider returns a transaction id;
//! - the person confirms with an OTP or biometrics in the provider's app;
//! - **poll** the transaction every 5 s for at most 3 minutes; the answer is
//!   pending, signed (the PKCS#1 signature value, or a detached PKCS#7 from
//!   which the value and the certificate are taken), refused, or expired;
//! - the adapter runs its HTTP calls on a blocking thread
//!   (`spawn_blocking`) or behind its own async wrapper.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::SignError;
use crate::sign::{PreparedSignature, finalize};
use crate::signer::{DigestSigner, KeyFileSigner};

/// How often to ask the provider.
pub const POLL_INTERVAL: Duration = Duration::from_secs(5);
/// How long a person has to confirm before the request is given up.
pub const POLL_LIMIT: Duration = Duration::from_secs(180);

/// The provider's id for one signing request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(pub String);

/// Where a request stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteStatus {
    Pending,
    Signed {
        /// RSA PKCS#1 v1.5 signature of the digest.
        signature: Vec<u8>,
        /// DER, the signer's certificate first.
        certificate_chain: Vec<Vec<u8>>,
    },
    Refused,
    Expired,
}

/// A remote signing service.
pub trait RemoteSigningProvider: Send + Sync {
    /// The user's certificate chain (DER, theirs first), needed before the
    /// document can be prepared.
    fn certificate_chain(&self, user: &str) -> Result<Vec<Vec<u8>>, SignError>;
    /// Asks `user` to sign `digest`; `description` is shown in their app.
    fn start(&self, user: &str, digest: &[u8; 32], description: &str) -> Result<RequestId, SignError>;
    fn poll(&self, request: &RequestId) -> Result<RemoteStatus, SignError>;
}

/// Embeds a remote signature: `status` must be `Signed`, by the certificate
/// the document was prepared with.
pub fn finalize_remote(prepared: PreparedSignature, status: RemoteStatus) -> Result<Vec<u8>, SignError> {
    match status {
        RemoteStatus::Signed { signature, certificate_chain } => {
            if certificate_chain.first().map(Vec::as_slice) != Some(prepared.signer_certificate()) {
                return Err(SignError::new(
                    "remote_certificate_mismatch",
                    "certificate_chain",
                    "signed with another certificate than the one prepared",
                ));
            }
            finalize(prepared, &signature)
        }
        RemoteStatus::Pending => Err(SignError::new("remote_pending", "request", "not signed yet")),
        RemoteStatus::Refused => Err(SignError::new("remote_refused", "request", "the person refused")),
        RemoteStatus::Expired => Err(SignError::new("remote_expired", "request", "not confirmed in time")),
    }
}

/// **A test fixture, not a provider.** Signs on this machine with keys it
/// holds, so the three-phase flow can be run by the tests and the demo
/// without an account at a real provider. Each request answers `Pending`
/// once, then `Signed`, unless the test refused or expired it. Never use it
/// as a production default: whoever holds the process holds every key.
#[derive(Default)]
pub struct LocalTestProvider {
    users: HashMap<String, KeyFileSigner>,
    requests: Mutex<HashMap<RequestId, LocalRequest>>,
}

struct LocalRequest {
    user: String,
    digest: [u8; 32],
    polls: u32,
    outcome: Option<RemoteStatus>,
}

impl LocalTestProvider {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_user(mut self, user: &str, signer: KeyFileSigner) -> Self {
        self.users.insert(user.to_string(), signer);
        self
    }

    /// Makes the person refuse `request`.
    pub fn refuse(&self, request: &RequestId) {
        self.set_outcome(request, RemoteStatus::Refused);
    }

    /// Makes `request` run out of time.
    pub fn expire(&self, request: &RequestId) {
        self.set_outcome(request, RemoteStatus::Expired);
    }

    fn set_outcome(&self, request: &RequestId, status: RemoteStatus) {
        if let Some(r) = self.lock().get_mut(request) {
            r.outcome = Some(status);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<RequestId, LocalRequest>> {
        self.requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn user(&self, user: &str) -> Result<&KeyFileSigner, SignError> {
        self.users.get(user).ok_or_else(|| SignError::new("remote_unknown_user", "user", user.to_string()))
    }
}

impl RemoteSigningProvider for LocalTestProvider {
    fn certificate_chain(&self, user: &str) -> Result<Vec<Vec<u8>>, SignError> {
        Ok(self.user(user)?.certificate_chain().to_vec())
    }

    fn start(&self, user: &str, digest: &[u8; 32], _description: &str) -> Result<RequestId, SignError> {
        self.user(user)?;
        let mut requests = self.lock();
        let id = RequestId(format!("local-{}", requests.len() + 1));
        requests.insert(id.clone(), LocalRequest { user: user.to_string(), digest: *digest, polls: 0, outcome: None });
        Ok(id)
    }

    fn poll(&self, request: &RequestId) -> Result<RemoteStatus, SignError> {
        let mut requests = self.lock();
        let r = requests
            .get_mut(request)
            .ok_or_else(|| SignError::new("remote_unknown_request", "request", request.0.clone()))?;
        if let Some(outcome) = &r.outcome {
            return Ok(outcome.clone());
        }
        r.polls += 1;
        if r.polls == 1 {
            return Ok(RemoteStatus::Pending);
        }
        let signer = self.user(&r.user)?;
        Ok(RemoteStatus::Signed {
            signature: signer.sign_digest(&r.digest)?,
            certificate_chain: signer.certificate_chain().to_vec(),
        })
    }
}
