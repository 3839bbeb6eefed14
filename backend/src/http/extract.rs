//! Who is calling: the session cookie or an `Authorization: Bearer` token, resolved to a
//! `CurrentUser` by the auth service. `Authenticated` rejects with 401; `MaybeUser` does not.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;

use super::AppState;
use crate::domain::auth::CurrentUser;
use crate::error::Error;

/// Name of the session cookie (HttpOnly, SameSite=Lax; Secure when configured).
pub const SESSION_COOKIE: &str = "sijill_session";

/// The raw session token of the request, from the bearer header first, then the cookie.
pub fn session_token(parts: &Parts) -> Option<String> {
    if let Some(h) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        if let Some(t) = h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")) {
            return Some(t.trim().to_owned());
        }
    }
    CookieJar::from_headers(&parts.headers).get(SESSION_COOKIE).map(|c| c.value().to_owned())
}

/// A signed-in user (401 otherwise).
pub struct Authenticated(pub CurrentUser);

/// The signed-in user, if any (pages that work for everyone).
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Error;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        if let Some(u) = parts.extensions.get::<CurrentUser>() {
            return Ok(MaybeUser(Some(u.clone())));
        }
        let Some(token) = session_token(parts) else { return Ok(MaybeUser(None)) };
        let user = state.svc.authenticate(&token).await?;
        if let Some(u) = &user {
            parts.extensions.insert(u.clone());
        }
        Ok(MaybeUser(user))
    }
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = Error;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        match MaybeUser::from_request_parts(parts, state).await? {
            MaybeUser(Some(u)) => Ok(Authenticated(u)),
            MaybeUser(None) => Err(Error::Unauthenticated),
        }
    }
}
