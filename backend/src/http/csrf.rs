//! CSRF protection for HTML forms. The token is an HMAC (key `server.secret`) of the
//! session token, so it is tied to the session and needs no storage; before sign-in it is
//! tied to a random `sijill_csrf` cookie instead. JSON API calls authenticated by a bearer
//! token do not need it (no ambient credential).
//!
//! Use: render `csrf::token(&state, &jar)` into a hidden `csrf` field (set the returned
//! jar on the response), and check the posted value with `csrf::verify`.

use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::extract::SESSION_COOKIE;
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

/// Checks a posted token against the session (or the anonymous cookie). 403 otherwise.
pub fn verify(state: &AppState, jar: &CookieJar, posted: &str) -> Result<()> {
    let secret = &state.config().server.secret;
    let candidates = [
        jar.get(SESSION_COOKIE).map(|s| mac(secret, &format!("s:{}", s.value()))),
        jar.get(CSRF_COOKIE).map(|c| mac(secret, &format!("a:{}", c.value()))),
    ];
    let ok = candidates.iter().flatten().any(|t| bool::from(t.as_bytes().ct_eq(posted.as_bytes())));
    if ok {
        Ok(())
    } else {
        Err(Error::Forbidden(Msg::Csrf))
    }
}
