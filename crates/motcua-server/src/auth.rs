//! Authentication: Argon2id password hashes, random session tokens (stored
//! only as SHA-256 hashes), sent as an HttpOnly cookie for browsers or a
//! bearer token for programs.
//!
//! Every password hash and check of a request runs in the [`HashPool`]: a
//! fixed number at a time, a short queue, and beyond it an immediate 503.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use motcua_rules::Role;
use motcua_rules::dossier::Actor;
use motcua_rules::scope::UnitRef;
use motcua_store::model::User;
use sha2::{Digest, Sha256};
use tokio::sync::{OnceCell, Semaphore};

use crate::error::ApiError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "motcua_session";

/// Argon2id memory per hash, in KiB: 19 MiB. With [`ARGON2_TIME`] = 2 and
/// [`ARGON2_LANES`] = 1 this is the first of OWASP's equivalent Argon2id
/// settings (Password Storage Cheat Sheet: m=19456 (19 MiB), t=2, p=1),
/// about 30 ms on one core of a 2020s server. Hashes stored with other
/// parameters still verify: the parameters are read from each hash.
pub const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
pub const ARGON2_TIME: u32 = 2;
pub const ARGON2_LANES: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_TIME, ARGON2_LANES, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with Argon2id and a random salt (PHC string format).
/// Blocks for tens of milliseconds and takes [`ARGON2_MEMORY_KIB`]: in a
/// request, go through [`HashPool::hash`].
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|e| {
        tracing::error!(error.cause = %e, "no randomness");
        ApiError::internal()
    })?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|_| ApiError::internal())?;
    argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error.cause = %e, "password hashing failed");
        ApiError::internal()
    })
}

/// [`hash_password`] on a blocking thread, outside any pool: for the
/// command line (`motcua init`, the demo), not for requests.
pub async fn hash_password_blocking(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_password(&password)).await.map_err(|_| ApiError::internal())?
}

/// Whether `password` matches `hash`. Blocks like [`hash_password`].
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// The bounded pool of password hashing: at most `workers` hashes at once
/// (each holds [`ARGON2_MEMORY_KIB`] while it runs), at most `queue` more
/// waiting their turn, and any request beyond that answered at once with
/// 503 `server_busy` and `Retry-After`. So a flood of logins costs at most
/// `workers` × 19 MiB and `workers` cores, whatever its size.
pub struct HashPool {
    workers: usize,
    queue: usize,
    /// Admission: `workers + queue` tickets, taken without waiting.
    admitted: Arc<Semaphore>,
    /// The running hashes: `workers` slots, waited for.
    running: Arc<Semaphore>,
    /// The hash that unknown usernames are checked against, made once
    /// through the pool.
    dummy: OnceCell<String>,
    /// The pool's `workers` threads take their jobs here. Hashing on a
    /// few threads of its own, rather than on any of tokio's blocking
    /// threads, keeps the 19 MiB buffers in a few malloc arenas, where
    /// they are reused instead of piling up in one arena per thread.
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

type Job = Box<dyn FnOnce() + Send>;

/// Seconds a client told `server_busy` should wait.
pub const BUSY_RETRY_SECS: u64 = 1;

impl HashPool {
    /// `workers` hashes at once (0: one per CPU core) and a queue of twice
    /// as many.
    pub fn new(workers: usize) -> HashPool {
        let workers = match workers {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        HashPool::with_queue(workers, 2 * workers)
    }

    pub fn with_queue(workers: usize, queue: usize) -> HashPool {
        let workers = workers.max(1);
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = Arc::new(std::sync::Mutex::new(rx));
        for i in 0..workers {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new().name(format!("motcua-hash-{i}")).spawn(move || {
                loop {
                    // The lock is released before the job runs.
                    let job = match rx.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => {
                            // A panicking job must not take the thread with it.
                            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                        }
                        Err(_) => return, // the pool is gone
                    }
                }
            });
            if let Err(e) = spawned {
                tracing::error!(error.cause = %e, "cannot start a password hashing thread");
            }
        }
        HashPool {
            jobs: std::sync::Mutex::new(tx),
            workers,
            queue,
            admitted: Arc::new(Semaphore::new(workers + queue)),
            running: Arc::new(Semaphore::new(workers)),
            dummy: OnceCell::new(),
        }
    }

    /// How many hashes run at once.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// How many requests the pool holds at once, running and waiting.
    pub fn capacity(&self) -> usize {
        self.workers + self.queue
    }

    /// Runs `job` on one of the pool's own threads when a slot is free;
    /// 503 at once when the queue is full. The slot is held until `job`
    /// ends, even if the request that asked for it is gone.
    async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
        let ticket = self.admitted.clone().try_acquire_owned().map_err(|_| busy())?;
        let slot = self.running.clone().acquire_owned().await.map_err(|_| ApiError::internal())?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let out = job();
            drop((slot, ticket));
            let _ = tx.send(out);
        });
        self.jobs.lock().map_err(|_| ApiError::internal())?.send(job).map_err(|_| ApiError::internal())?;
        rx.await.map_err(|_| ApiError::internal())
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        self.run(move || hash_password(&password)).await?
    }

    /// Checks `password` against `hash`, or, when there is no account
    /// (`None`), against a fixed hash with the same parameters, so that an
    /// unknown username costs the same time and the same pool slot as a
    /// known one. Always false for `None`.
    pub async fn verify(&self, hash: Option<String>, password: String) -> Result<bool, ApiError> {
        let (hash, real) = match hash {
            Some(h) => (h, true),
            None => (self.dummy().await?.to_owned(), false),
        };
        let ok = self.run(move || verify_password(&hash, &password)).await?;
        Ok(ok && real)
    }

    async fn dummy(&self) -> Result<&str, ApiError> {
        self.dummy.get_or_try_init(|| self.hash("not a password of anyone".into())).await.map(String::as_str)
    }
}

/// 503 `server_busy`: the hashing pool and its queue are full.
pub fn busy() -> ApiError {
    ApiError::coded(StatusCode::SERVICE_UNAVAILABLE, "server_busy", None)
        .arg("seconds", BUSY_RETRY_SECS)
        .retry_after(BUSY_RETRY_SECS)
}

/// Where a request comes from, for throttling: the connection's address,
/// or behind a trusted proxy the last `X-Forwarded-For` entry. IPv6
/// addresses are cut to their /64 network, which one host usually has
/// whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddr(pub String);

impl ClientAddr {
    pub fn of(ip: IpAddr) -> ClientAddr {
        match ip {
            IpAddr::V4(v4) => ClientAddr(v4.to_string()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientAddr(v4.to_string()),
                None => {
                    let s = v6.segments();
                    ClientAddr(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
                }
            },
        }
    }

    fn from_parts(parts: &Parts, trust_proxy: bool) -> ClientAddr {
        if trust_proxy
            && let Some(ip) = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
        {
            return ClientAddr::of(ip);
        }
        match parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            Some(ConnectInfo(addr)) => ClientAddr::of(addr.ip()),
            None => ClientAddr("unknown".into()),
        }
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr::from_parts(parts, state.config.trust_proxy))
    }
}

/// A new session token: 256 random bits, hex.
pub fn new_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| {
        tracing::error!(error.cause = %e, "no randomness");
        ApiError::internal()
    })?;
    Ok(hex::encode(bytes))
}

/// What the database keeps of a token: a stolen table holds no live tokens.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The value of cookie `name`, if the request has it.
pub fn cookie_value<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// The token of a request: `Authorization: Bearer`, else the session cookie.
fn request_token(parts: &Parts) -> Option<String> {
    if let Some(auth) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())
        && let Some(token) = auth.strip_prefix("Bearer ")
    {
        return Some(token.trim().to_owned());
    }
    cookie_value(&parts.headers, SESSION_COOKIE).map(str::to_owned)
}

/// The logged-in user of a request; rejects with 401 when there is none.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub token_hash: String,
}

impl CurrentUser {
    /// The user as the rules see an actor.
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.user.id, role: self.user.role, unit: self.unit() }
    }

    pub fn unit(&self) -> Option<UnitRef> {
        match (self.user.unit_id, &self.user.unit_path) {
            (Some(id), Some(path)) => Some(UnitRef { id, path: path.clone() }),
            _ => None,
        }
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    /// Rejects with 403 unless the user holds one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.user.role) { Ok(()) } else { Err(ApiError::forbidden()) }
    }

    /// The unit path of a member of staff; 403 for citizens.
    pub fn staff_scope(&self) -> Result<UnitRef, ApiError> {
        self.unit().filter(|_| self.user.role.is_staff()).ok_or_else(ApiError::forbidden)
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = request_token(parts).ok_or_else(ApiError::unauthenticated)?;
        let hash = token_hash(&token);
        let user = state.store.session_user(hash.clone(), state.now()).await?.ok_or_else(ApiError::unauthenticated)?;
        Ok(CurrentUser { user, token_hash: hash })
    }
}

/// The logged-in user, if any (public pages that show more to staff).
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if request_token(parts).is_none() {
            return Ok(MaybeUser(None));
        }
        match CurrentUser::from_request_parts(parts, state).await {
            Ok(u) => Ok(MaybeUser(Some(u))),
            Err(e) if e.code == "unauthenticated" => Ok(MaybeUser(None)),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let h = hash_password("mật khẩu đúng").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "mật khẩu đúng"));
        assert!(!verify_password(&h, "sai"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_pool_runs_a_bounded_number_and_turns_the_rest_away() {
        let pool = std::sync::Arc::new(HashPool::with_queue(1, 1));
        assert_eq!(pool.capacity(), 2);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        // One job runs (blocked until told), one waits in the queue...
        let mut held = Vec::new();
        for _ in 0..2 {
            let (pool, rx) = (pool.clone(), rx.clone());
            held.push(tokio::spawn(async move { pool.run(move || rx.lock().unwrap().recv().is_ok()).await }));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        // ...and the third is refused at once, with a Retry-After.
        let e = pool.verify(None, "x".into()).await.unwrap_err();
        assert_eq!((e.status.as_u16(), e.code, e.retry_after_secs()), (503, "server_busy", Some(1)));
        tx.send(()).unwrap();
        tx.send(()).unwrap();
        for h in held {
            assert!(h.await.unwrap().unwrap());
        }
        // Free again: an unknown account is checked (against the dummy
        // hash) and never matches; a real hash does.
        assert!(!pool.verify(None, "not a password of anyone".into()).await.unwrap());
        let h = pool.hash("mưa rào đầu hạ".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(pool.verify(Some(h.clone()), "mưa rào đầu hạ".into()).await.unwrap());
        assert!(!pool.verify(Some(h), "mưa rào".into()).await.unwrap());
    }

    #[test]
    fn addresses_are_kept_per_host_and_ipv6_per_64() {
        assert_eq!(ClientAddr::of("203.0.113.9".parse().unwrap()).0, "203.0.113.9");
        assert_eq!(ClientAddr::of("::ffff:203.0.113.9".parse().unwrap()).0, "203.0.113.9");
        assert_eq!(ClientAddr::of("2001:db8:1:2:aaaa::1".parse().unwrap()).0, "2001:db8:1:2::/64");
        assert_eq!(
            ClientAddr::of("2001:db8:1:2:bbbb::9".parse().unwrap()),
            ClientAddr::of("2001:db8:1:2:aaaa::1".parse().unwrap())
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
