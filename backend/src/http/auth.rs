//! Accounts over JSON: login (token + session cookie), logout, sign out everywhere,
//! sign-up, e-mail verification, and who am I. Sign-in, sign-up and verification are
//! limited per account and per client address (429 with `Retry-After`, `domain::throttle`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ErrorBody, RequestLang};
use super::extract::{bearer_token, Authenticated, ClientAddr, SESSION_COOKIE};
use super::AppState;
use crate::domain::auth::{CurrentUser, SessionKind, SignUp};
use crate::error::Result;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(login))
        .route("/api/v1/auth/logout", post(logout))
        .route("/api/v1/auth/logout-everywhere", post(logout_everywhere))
        .route("/api/v1/auth/signup", post(signup))
        .route("/api/v1/auth/verify-email", post(verify_email))
        .route("/api/v1/me", get(me))
}

/// The session cookie for a token: HttpOnly, SameSite=Lax, Secure when configured.
pub fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config().server.secure_cookies)
        .max_age(time::Duration::hours(state.config().server.session_hours as i64))
        .build()
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    /// Bearer token for `Authorization: Bearer …`; the same value is set as the session cookie.
    pub token: String,
    pub user: CurrentUser,
}

/// Signs in. Returns a bearer token and sets the session cookie. Only for a verified
/// e-mail address (403 `email_not_verified` before). Wrong passwords are limited per
/// account and per client address: past the limit every attempt, the right password
/// included, is refused with 429 and `Retry-After` until the lockout ends, and the owner
/// is warned by e-mail.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64, description = "Seconds until the lockout ends")))))]
pub async fn login(State(state): State<AppState>, ClientAddr(client): ClientAddr, jar: CookieJar, Json(req): Json<LoginRequest>) -> Result<(CookieJar, Json<LoginResponse>)> {
    let (token, user) = state.svc.login(&req.email, &req.password, SessionKind::Bearer, &client).await?;
    let jar = jar.add(session_cookie(&state, token.clone())).remove(Cookie::build(super::csrf::CSRF_COOKIE).path("/"));
    Ok((jar, Json(LoginResponse { token, user })))
}

/// Ends the session (cookie or bearer token; the `Bearer` scheme in any case).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204), (status = 403, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, jar: CookieJar, headers: axum::http::HeaderMap) -> Result<(CookieJar, StatusCode)> {
    let bearer = bearer_token(&headers).map(str::to_owned);
    if let Some(t) = bearer.or_else(|| jar.get(SESSION_COOKIE).map(|c| c.value().to_owned())) {
        state.svc.logout(&t).await?;
    }
    Ok((jar.remove(Cookie::build(SESSION_COOKIE).path("/")), StatusCode::NO_CONTENT))
}

/// Signs out everywhere: ends every session and revokes every API token of the caller,
/// this one included.
#[utoipa::path(post, path = "/api/v1/auth/logout-everywhere", tag = "auth", security(("bearer" = []), ("cookie" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn logout_everywhere(State(state): State<AppState>, Authenticated(user): Authenticated, jar: CookieJar) -> Result<(CookieJar, StatusCode)> {
    state.svc.logout_everywhere(user.id).await?;
    Ok((jar.remove(Cookie::build(SESSION_COOKIE).path("/")), StatusCode::NO_CONTENT))
}

#[derive(Deserialize, ToSchema)]
pub struct SignUpRequest {
    pub email: String,
    pub password: String,
    pub display_name: String,
    /// `fr`, `ar`, `zgh` or `en` (language of the e-mails); defaults to the request's.
    pub lang: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SignUpResponse {
    /// Always true: a message was sent to the address (a verification link, or to the owner
    /// of an existing account a note that someone tried to sign up). The answer is the
    /// same either way, so that it does not tell who has an account.
    pub verification_sent: bool,
}

/// Creates a filer account and e-mails a verification link. Answers 202 whether or not the
/// address already has an account (its owner is told by e-mail). Limited per client address
/// and per e-mail address (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignUpRequest,
    responses((status = 202, body = SignUpResponse), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64, description = "Seconds until more sign-ups are accepted")))))]
pub async fn signup(State(state): State<AppState>, ClientAddr(client): ClientAddr, RequestLang(lang): RequestLang, Json(req): Json<SignUpRequest>) -> Result<(StatusCode, Json<SignUpResponse>)> {
    let lang = req.lang.as_deref().and_then(Lang::from_code).unwrap_or(lang);
    state
        .svc
        .sign_up(SignUp { email: req.email, password: req.password, display_name: req.display_name, lang }, &client)
        .await?;
    Ok((StatusCode::ACCEPTED, Json(SignUpResponse { verification_sent: true })))
}

#[derive(Deserialize, ToSchema)]
pub struct VerifyEmailRequest {
    pub token: String,
}

#[derive(Serialize, ToSchema)]
pub struct VerifyEmailResponse {
    pub verified: bool,
}

/// Confirms an e-mail address with the token from the link. Wrong tokens are limited per
/// client address (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth", request_body = VerifyEmailRequest,
    responses((status = 200, body = VerifyEmailResponse), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64, description = "Seconds until more attempts are accepted")))))]
pub async fn verify_email(State(state): State<AppState>, ClientAddr(client): ClientAddr, Json(req): Json<VerifyEmailRequest>) -> Result<Json<VerifyEmailResponse>> {
    state.svc.verify_email(&req.token, &client).await?;
    Ok(Json(VerifyEmailResponse { verified: true }))
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = []), ("cookie" = [])),
    responses((status = 200, body = CurrentUser), (status = 401, body = ErrorBody)))]
pub async fn me(Authenticated(user): Authenticated) -> Json<CurrentUser> {
    Json(user)
}
