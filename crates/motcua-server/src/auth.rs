//! Authentication: Argon2id password hashes, random session tokens (stored
//! only as SHA-256 hashes), sent as an HttpOnly cookie for browsers or a
//! bearer token for programs.
//!
//! Every password hash and check of a request runs in the [`HashPool`]: a
//! fixed number at a time, a short queue, a fair share per client, and
//! beyond it an immediate 503.

pub mod device;
mod pool;

pub use pool::{Admission, BUSY_RETRY_SECS, Claimant, HashPool, LATENCY_SAMPLES, busy};

use std::net::{IpAddr, SocketAddr};

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

/// The longest description of a browser kept with a session.
const MAX_DEVICE_CHARS: usize = 60;

/// What the account page shows of the browser a session was opened from:
/// the browser's and the system's names read from the User-Agent
/// ("Chrome · Windows"), else its first characters; `None` without one.
/// The full header is not kept: the names are enough to recognise a
/// session, and less is stored about the user.
pub fn device_of(headers: &axum::http::HeaderMap) -> Option<String> {
    let ua = headers.get(header::USER_AGENT)?.to_str().ok()?.trim();
    if ua.is_empty() {
        return None;
    }
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    let browser =
        [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
            .into_iter()
            .find(|(token, _)| ua.contains(token))
            .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| ua.contains(token))
    .map(|(_, name)| name);
    Some(match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => ua.chars().take(MAX_DEVICE_CHARS).collect(),
    })
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
        // After an administrator's reset, only the password change (and
        // logging out) is open until the user has chosen a new password.
        // The path as the client sent it: a nested router sees it without
        // its prefix (`/api/v1`).
        let path = parts.extensions.get::<axum::extract::OriginalUri>().map_or(parts.uri.path(), |u| u.path());
        if user.must_change_password && !crate::routes::account::PASSWORD_CHANGE_PATHS.contains(&path) {
            return Err(ApiError::coded(StatusCode::FORBIDDEN, "password_change_required", None));
        }
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
            // A public page treats an account that must first change its
            // password like a visitor.
            Err(e) if e.code == "unauthenticated" || e.code == "password_change_required" => Ok(MaybeUser(None)),
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
    fn devices_are_named_from_the_user_agent() {
        let of = |ua: &str| {
            let mut h = axum::http::HeaderMap::new();
            h.insert(header::USER_AGENT, ua.parse().unwrap());
            device_of(&h)
        };
        let chrome_windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                              Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(of(chrome_windows).as_deref(), Some("Chrome · Windows"));
        let edge = format!("{chrome_windows} Edg/131.0.0.0");
        assert_eq!(of(&edge).as_deref(), Some("Edge · Windows"));
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 \
                      Mobile/15E148 Safari/604.1";
        assert_eq!(of(iphone).as_deref(), Some("Safari · iPhone"));
        assert_eq!(of("curl/8.5.0").as_deref(), Some("curl/8.5.0"));
        assert_eq!(device_of(&axum::http::HeaderMap::new()), None);
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
