//! Who is calling: the session cookie or an `Authorization: Bearer` token, resolved to a
//! `CurrentUser` by the auth service. `Authenticated` rejects with 401; `MaybeUser` does not.
//! `ClientAddr` is the client's network address, for the abuse limits.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum_extra::extract::CookieJar;

use super::AppState;
use crate::domain::auth::CurrentUser;
use crate::error::Error;

/// Name of the session cookie (HttpOnly, SameSite=Lax; Secure when configured).
pub const SESSION_COOKIE: &str = "sijill_session";

/// The token of an `Authorization: Bearer …` header. The scheme is case-insensitive
/// (RFC 9110, 11.1): `bearer x` and `BEARER x` are the same. The one parser used both to
/// authenticate and to log out, so that a token that authenticates can always be revoked.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let h = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = h.split_once([' ', '\t'])?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The raw session token of the request, from the bearer header first, then the cookie.
pub fn session_token(parts: &Parts) -> Option<String> {
    if let Some(t) = bearer_token(&parts.headers) {
        return Some(t.to_owned());
    }
    CookieJar::from_headers(&parts.headers).get(SESSION_COOKIE).map(|c| c.value().to_owned())
}

/// The client's address, as the abuse limits count it: the connection's peer, or behind a
/// reverse proxy (`throttle.trust_forwarded_for`) the last `X-Forwarded-For` entry, the one
/// the proxy added (the ones before it are the client's to invent). IPv6 clients are counted
/// by /64, the block one subscriber usually holds. `unknown` when neither is known.
pub struct ClientAddr(pub String);

impl ClientAddr {
    pub fn of(parts: &Parts, trust_forwarded_for: bool) -> ClientAddr {
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .last()
                .and_then(|v| v.parse::<IpAddr>().ok())
        };
        let peer = || parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let ip = if trust_forwarded_for { forwarded().or_else(peer) } else { peer() };
        ClientAddr(ip.map(counted_as).unwrap_or_else(|| "unknown".to_owned()))
    }
}

fn counted_as(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr::of(parts, state.config().throttle.trust_forwarded_for))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut h = HeaderMap::new();
        for v in ["Bearer abc", "bearer abc", "BEARER  abc ", "bEaReR\tabc"] {
            h.insert(header::AUTHORIZATION, v.parse().unwrap());
            assert_eq!(bearer_token(&h), Some("abc"), "{v}");
        }
        for v in ["Basic abc", "Bearer", "Bearer   ", "Bearerabc"] {
            h.insert(header::AUTHORIZATION, v.parse().unwrap());
            assert_eq!(bearer_token(&h), None, "{v}");
        }
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(counted_as("2001:db8:1:2:3:4:5:6".parse().unwrap()), "2001:db8:1:2::/64");
        assert_eq!(counted_as("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1");
        assert_eq!(counted_as("192.0.2.1".parse().unwrap()), "192.0.2.1");
    }
}
