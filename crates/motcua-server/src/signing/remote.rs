//! A person's signature through a remote-signing provider (ký số từ xa):
//! the document is prepared with their certificate, the provider asks them
//! to confirm in its app, and a background task polls it until they do.
//!
//! The waiting requests live in this process only. Nothing is acknowledged
//! as signed before the signed file is verified and committed, so a
//! restart while a leader is confirming loses only the wait: the result is
//! still "prepared", and the leader asks again.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use motcua_sign::remote::POLL_LIMIT;
use motcua_sign::{RemoteSigningProvider, RemoteStatus, SignRequest};

use crate::error::ApiError;

/// What runs once the provider has signed: verify and keep the signed
/// file. Its error's code is what the leader then sees.
pub type OnSigned = Box<dyn FnOnce(Vec<u8>) -> Pin<Box<dyn Future<Output = Result<(), ApiError>> + Send>> + Send>;

/// The provider and the requests waiting on it, by result id.
pub struct RemoteSigning {
    provider: Arc<dyn RemoteSigningProvider>,
    /// The provider's name as shown (`demo` for the demo's stand-in).
    pub name: &'static str,
    poll: Duration,
    waiting: Arc<Mutex<HashMap<i64, Outcome>>>,
}

/// Where a request stands, as the dossier page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Waiting,
    /// The provider said no: the person refused, or time ran out
    /// (`remote_refused`, `remote_expired`), or the signed file was
    /// refused on keeping (its code).
    Failed(&'static str),
}

/// The state of the last request for a result, if one was made by this
/// process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct PendingView {
    /// `waiting` or `failed`.
    pub state: &'static str,
    /// Why it failed: an error code (`remote_refused`, `remote_expired` …).
    pub code: Option<&'static str>,
}

impl RemoteSigning {
    pub fn new(provider: Arc<dyn RemoteSigningProvider>, name: &'static str, poll: Duration) -> RemoteSigning {
        RemoteSigning { provider, name, poll, waiting: Arc::new(Mutex::new(HashMap::new())) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Outcome>> {
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The last request's state for `result_id`; none once it succeeded.
    pub fn status(&self, result_id: i64) -> Option<PendingView> {
        self.lock().get(&result_id).map(|o| match o {
            Outcome::Waiting => PendingView { state: "waiting", code: None },
            Outcome::Failed(code) => PendingView { state: "failed", code: Some(code) },
        })
    }

    /// Asks `user` (their id at the provider) to sign `pdf` for
    /// `result_id`; returns once the provider has the request, and polls
    /// in the background. A second request while one waits is refused.
    pub async fn start(
        &self,
        result_id: i64,
        user: String,
        pdf: Vec<u8>,
        request: SignRequest,
        description: String,
        on_signed: OnSigned,
    ) -> Result<(), ApiError> {
        {
            let mut waiting = self.lock();
            if waiting.get(&result_id) == Some(&Outcome::Waiting) {
                return Err(ApiError::coded(StatusCode::CONFLICT, "signing_pending", Some("result")));
            }
            waiting.insert(result_id, Outcome::Waiting);
        }
        let provider = self.provider.clone();
        let started = tokio::task::spawn_blocking(move || {
            let chain = provider.certificate_chain(&user)?;
            let prepared = motcua_sign::prepare(&pdf, &chain, &request)?;
            let id = provider.start(&user, prepared.digest(), &description)?;
            Ok::<_, motcua_sign::SignError>((prepared, id))
        })
        .await
        .map_err(|_| ApiError::internal());
        let (prepared, id) = match started {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => {
                self.lock().remove(&result_id);
                return Err(provider_refused(e));
            }
            Err(e) => {
                self.lock().remove(&result_id);
                return Err(e);
            }
        };
        let (provider, waiting, poll) = (self.provider.clone(), self.waiting.clone(), self.poll);
        tokio::spawn(async move {
            let since = Instant::now();
            let outcome = loop {
                tokio::time::sleep(poll).await;
                let (p, id2) = (provider.clone(), id.clone());
                let status = match tokio::task::spawn_blocking(move || p.poll(&id2)).await {
                    Ok(Ok(s)) => s,
                    Ok(Err(e)) => break Outcome::Failed(e.code),
                    Err(_) => break Outcome::Failed("internal_error"),
                };
                match status {
                    RemoteStatus::Pending if since.elapsed() < POLL_LIMIT => continue,
                    RemoteStatus::Pending | RemoteStatus::Expired => break Outcome::Failed("remote_expired"),
                    RemoteStatus::Refused => break Outcome::Failed("remote_refused"),
                    signed @ RemoteStatus::Signed { .. } => {
                        let embedded = motcua_sign::finalize_remote(prepared, signed);
                        break match embedded {
                            Ok(pdf) => match on_signed(pdf).await {
                                Ok(()) => {
                                    waiting
                                        .lock()
                                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                                        .remove(&result_id);
                                    return;
                                }
                                Err(e) => Outcome::Failed(e.code),
                            },
                            Err(e) => Outcome::Failed(e.code),
                        };
                    }
                }
            };
            tracing::info!(result.id = result_id, outcome = ?outcome, "remote signing ended without a signature");
            waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(result_id, outcome);
        });
        Ok(())
    }
}

/// The provider refused to start: an unknown user, or the provider down.
fn provider_refused(e: motcua_sign::SignError) -> ApiError {
    tracing::warn!(error.code = e.code, error.detail = %e.detail, "remote signing could not start");
    match e.code {
        "remote_unknown_user" => ApiError::coded(StatusCode::CONFLICT, "remote_unknown_user", Some("user")),
        _ => super::signing_refused(e),
    }
}
