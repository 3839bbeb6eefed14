//! Accounts over JSON: login (token + session cookie), logout, sign-up, e-mail
//! verification, and who am I.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ErrorBody, RequestLang};
use super::extract::{Authenticated, SESSION_COOKIE};
use super::AppState;
use crate::domain::auth::{CurrentUser, SessionKind, SignUp};
use crate::error::Result;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(login))
        .route("/api/v1/auth/logout", post(logout))
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

/// Signs in. Returns a bearer token and sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 400, body = ErrorBody)))]
pub async fn login(State(state): State<AppState>, jar: CookieJar, Json(req): Json<LoginRequest>) -> Result<(CookieJar, Json<LoginResponse>)> {
    let (token, user) = state.svc.login(&req.email, &req.password, SessionKind::Bearer).await?;
    let jar = jar.add(session_cookie(&state, token.clone()));
    Ok((jar, Json(LoginResponse { token, user })))
}

/// Ends the session (cookie or bearer token).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, jar: CookieJar, headers: axum::http::HeaderMap) -> Result<(CookieJar, StatusCode)> {
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::to_owned);
    if let Some(t) = bearer.or_else(|| jar.get(SESSION_COOKIE).map(|c| c.value().to_owned())) {
        state.svc.logout(&t).await?;
    }
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
    pub user_id: i32,
    /// Always true: the account must be confirmed through the link sent by e-mail.
    pub verification_sent: bool,
}

/// Creates a filer account and e-mails a verification link.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignUpRequest,
    responses((status = 201, body = SignUpResponse), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn signup(State(state): State<AppState>, RequestLang(lang): RequestLang, Json(req): Json<SignUpRequest>) -> Result<(StatusCode, Json<SignUpResponse>)> {
    let lang = req.lang.as_deref().and_then(Lang::from_code).unwrap_or(lang);
    let user_id = state
        .svc
        .sign_up(SignUp { email: req.email, password: req.password, display_name: req.display_name, lang })
        .await?;
    Ok((StatusCode::CREATED, Json(SignUpResponse { user_id, verification_sent: true })))
}

#[derive(Deserialize, ToSchema)]
pub struct VerifyEmailRequest {
    pub token: String,
}

#[derive(Serialize, ToSchema)]
pub struct VerifyEmailResponse {
    pub verified: bool,
}

/// Confirms an e-mail address with the token from the link.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth", request_body = VerifyEmailRequest,
    responses((status = 200, body = VerifyEmailResponse), (status = 400, body = ErrorBody)))]
pub async fn verify_email(State(state): State<AppState>, Json(req): Json<VerifyEmailRequest>) -> Result<Json<VerifyEmailResponse>> {
    state.svc.verify_email(&req.token).await?;
    Ok(Json(VerifyEmailResponse { verified: true }))
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = []), ("cookie" = [])),
    responses((status = 200, body = CurrentUser), (status = 401, body = ErrorBody)))]
pub async fn me(Authenticated(user): Authenticated) -> Json<CurrentUser> {
    Json(user)
}
