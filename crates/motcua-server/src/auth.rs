//! Authentication: Argon2id password hashes, random session tokens (stored
//! only as SHA-256 hashes), sent as an HttpOnly cookie for browsers or a
//! bearer token for programs.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use motcua_rules::Role;
use motcua_rules::dossier::Actor;
use motcua_rules::scope::UnitRef;
use motcua_store::model::User;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "motcua_session";

/// Hashes a password with Argon2id and a random salt (PHC string format).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|e| {
        tracing::error!(error.cause = %e, "no randomness");
        ApiError::internal()
    })?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|_| ApiError::internal())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error.cause = %e, "password hashing failed");
        ApiError::internal()
    })
}

/// [`hash_password`] on a blocking thread: hashing takes tens of
/// milliseconds on purpose and must not hold up other requests.
pub async fn hash_password_blocking(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_password(&password)).await.map_err(|_| ApiError::internal())?
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
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

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
