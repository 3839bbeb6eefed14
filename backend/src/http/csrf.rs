//! Cross-site request forgery.
//!
//! HTML forms carry a token: an HMAC (key `server.secret`) of the session token, so it is
//! tied to the session and needs no storage; before sign-in it is tied to a random
//! `sijill_csrf` cookie instead. Once there is a session only the session's token is
//! accepted (an anonymous cookie's token, which a visitor can get for themselves, is not),
//! and signing in starts a new session, so the token changes at sign-in.
//!
//! JSON API writes authenticated by the session cookie carry no token: [`same_origin`]
//! checks that they come from the site itself (`Origin`, else `Sec-Fetch-Site`). Calls with
//! a bearer token are exempt (no ambient credential).
//!
//! Use: render `csrf::token(&state, &jar)` into a hidden `csrf` field (set the returned
//! jar on the response), and check the posted value with `csrf::verify`.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::extract::{bearer_token, SESSION_COOKIE};
use super::AppState;
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub const CSRF_COOKIE: &str = "sijill_csrf";
/// Name of the hidden form field.
pub const CSRF_FIELD: &str = "csrf";

fn mac(secret: &str, binding: &str) -> String {
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    m.update(b"sijill-csrf:");
    m.update(binding.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(m.finalize().into_bytes())
}

/// The token for the current request. Returns the jar to send back (it gains the
/// anonymous binding cookie when there is no session yet).
pub fn token(state: &AppState, jar: CookieJar) -> (CookieJar, String) {
    let secret = &state.config().server.secret;
    if let Some(s) = jar.get(SESSION_COOKIE) {
        let t = mac(secret, &format!("s:{}", s.value()));
        return (jar, t);
    }
    if let Some(c) = jar.get(CSRF_COOKIE) {
        let t = mac(secret, &format!("a:{}", c.value()));
        return (jar, t);
    }
    let binding = crate::domain::auth::new_token();
    let t = mac(secret, &format!("a:{binding}"));
    let cookie = Cookie::build((CSRF_COOKIE, binding))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config().server.secure_cookies)
        .build();
    (jar.add(cookie), t)
}

/// Checks a posted token against the session, or without a session against the anonymous
/// cookie. 403 otherwise.
pub fn verify(state: &AppState, jar: &CookieJar, posted: &str) -> Result<()> {
    let secret = &state.config().server.secret;
    let expected = match (jar.get(SESSION_COOKIE), jar.get(CSRF_COOKIE)) {
        (Some(s), _) => mac(secret, &format!("s:{}", s.value())),
        (None, Some(c)) => mac(secret, &format!("a:{}", c.value())),
        (None, None) => return Err(Error::Forbidden(Msg::Csrf)),
    };
    if bool::from(expected.as_bytes().ct_eq(posted.as_bytes())) {
        Ok(())
    } else {
        Err(Error::Forbidden(Msg::Csrf))
    }
}

/// `scheme://host[:port]` of a URL, lower case, without the scheme's default port.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if host.is_empty() || host.contains('@') {
        return None;
    }
    let host = match (scheme.as_str(), host.rsplit_once(':')) {
        ("https", Some((h, "443"))) | ("http", Some((h, "80"))) => h.to_owned(),
        _ => host,
    };
    Some(format!("{scheme}://{host}"))
}

/// Whether a cookie-authenticated write comes from the site itself: its `Origin` is the
/// public URL's, or without `Origin` its `Sec-Fetch-Site` is `same-origin` or `none` (typed
/// by the user). A request with neither does not come from a browser page, which always
/// sends one of them with a cross-site write.
pub fn from_own_site(headers: &HeaderMap, public_url: &str) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else { return false };
        return origin_of(origin).is_some_and(|o| Some(o) == origin_of(public_url));
    }
    match headers.get("sec-fetch-site").map(|v| v.to_str().unwrap_or("")) {
        Some(site) => site.eq_ignore_ascii_case("same-origin") || site.eq_ignore_ascii_case("none"),
        None => true,
    }
}

/// Middleware on the JSON API: an unsafe method (POST, PUT, PATCH, DELETE…) authenticated by
/// the session cookie, not a bearer token, must come from the site itself (403 otherwise).
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let h = req.headers();
    let cookie_authenticated = bearer_token(h).is_none() && CookieJar::from_headers(h).get(SESSION_COOKIE).is_some();
    if req.uri().path().starts_with("/api/")
        && !req.method().is_safe()
        && cookie_authenticated
        && !from_own_site(h, &state.config().server.public_url)
    {
        tracing::warn!(path = %req.uri().path(), origin = ?h.get(header::ORIGIN), "cross-site API write refused");
        return Error::Forbidden(Msg::CrossOrigin).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_public_origin_writes_with_the_cookie() {
        let url = "https://sijill.example.ma/";
        assert!(from_own_site(&headers(&[("origin", "https://sijill.example.ma")]), url));
        assert!(from_own_site(&headers(&[("origin", "https://SIJILL.example.ma:443")]), url));
        assert!(!from_own_site(&headers(&[("origin", "https://evil.example")]), url));
        assert!(!from_own_site(&headers(&[("origin", "http://sijill.example.ma")]), url));
        assert!(!from_own_site(&headers(&[("origin", "null")]), url));
        assert!(!from_own_site(&headers(&[("origin", "https://sijill.example.ma.evil.example")]), url));
        assert!(from_own_site(&headers(&[("sec-fetch-site", "same-origin")]), url));
        assert!(!from_own_site(&headers(&[("sec-fetch-site", "cross-site")]), url));
        assert!(!from_own_site(&headers(&[("sec-fetch-site", "same-site")]), url));
        assert!(from_own_site(&headers(&[]), url), "no browser, no ambient forgery");
    }
}
