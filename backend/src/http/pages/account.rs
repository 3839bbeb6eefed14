//! Account pages: sign-up (verification e-mail through the outbox), the verification link's
//! landing page, sign-in and sign-out. Each POST checks the CSRF token, calls one `Services`
//! method, then redirects (303) or shows the form again with its errors.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use sijill_frontend::i18n::{FormError, T};
use sijill_frontend::model::FormState;
use sijill_frontend::pages::auth;

use super::errors::form_error;
use super::session::Visitor;
use super::{html, safe_next};
use crate::domain::auth::{SessionKind, SignUp};
use crate::http::AppState;

pub async fn signup_form(v: Visitor) -> Response {
    let ctx = v.ctx("/signup");
    v.finish(html(&ctx, StatusCode::OK, auth::signup(&ctx, &FormState::default())))
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn signup(State(state): State<AppState>, v: Visitor, Form(f): Form<SignUpForm>) -> Response {
    let mut form = FormState::default().with_value("name", &f.name).with_value("email", &f.email);
    if !v.csrf_ok(&f.csrf) {
        form = form.with_error("", FormError::FormExpired);
    } else {
        if f.name.trim().is_empty() {
            form = form.with_error("name", FormError::Required);
        }
        if f.email.trim().is_empty() {
            form = form.with_error("email", FormError::Required);
        }
        if f.password.is_empty() {
            form = form.with_error("password", FormError::Required);
        }
    }
    if !form.has_errors() {
        let lang = crate::i18n::Lang::from_code(v.lang.code()).unwrap_or_default();
        let input = SignUp { email: f.email.clone(), password: f.password.clone(), display_name: f.name.clone(), lang };
        match state.svc.sign_up(input).await {
            Ok(_) => return v.finish(Redirect::to("/signup/sent").into_response()),
            Err(e) => {
                let (field, err) = form_error(&e);
                form = form.with_error(field, err);
            }
        }
    }
    let ctx = v.ctx("/signup");
    v.finish(html(&ctx, StatusCode::UNPROCESSABLE_ENTITY, auth::signup(&ctx, &form)))
}

pub async fn signup_sent(v: Visitor) -> Response {
    let ctx = v.ctx("/signup/sent");
    v.finish(html(&ctx, StatusCode::OK, auth::signup_sent(&ctx)))
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// The link of the verification e-mail (`/verify-email?token=…`).
pub async fn verify_email(State(state): State<AppState>, v: Visitor, Query(q): Query<TokenQuery>) -> Response {
    let ok = !q.token.is_empty() && state.svc.verify_email(&q.token).await.is_ok();
    let ctx = v.ctx("/verify-email");
    let status = if ok { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    v.finish(html(&ctx, status, auth::email_verified(&ctx, ok)))
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn signin_form(v: Visitor, Query(q): Query<NextQuery>) -> Response {
    let next = safe_next(q.next.as_deref());
    let notice = (next != "/").then_some(T::SignInFirst);
    let ctx = v.ctx("/signin");
    v.finish(html(&ctx, StatusCode::OK, auth::signin(&ctx, &FormState::default(), &next, notice)))
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn signin(State(state): State<AppState>, mut v: Visitor, Form(f): Form<SignInForm>) -> Response {
    let next = safe_next(f.next.as_deref());
    let mut form = FormState::default().with_value("email", &f.email);
    if !v.csrf_ok(&f.csrf) {
        form = form.with_error("", FormError::FormExpired);
    } else if f.email.trim().is_empty() || f.password.is_empty() {
        form = form.with_error("email", FormError::BadCredentials);
    } else {
        match state.svc.login(&f.email, &f.password, SessionKind::Cookie).await {
            Ok((token, user)) if user.email_verified => {
                v.set_session(&token);
                return v.finish(Redirect::to(&next).into_response());
            }
            Ok((token, _)) => {
                // An unverified account cannot file yet: do not keep its session.
                let _ = state.svc.logout(&token).await;
                form = form.with_error("", FormError::EmailNotVerified);
            }
            Err(e) => {
                let (field, err) = form_error(&e);
                form = form.with_error(field, err);
            }
        }
    }
    let ctx = v.ctx("/signin");
    v.finish(html(&ctx, StatusCode::UNPROCESSABLE_ENTITY, auth::signin(&ctx, &form, &next, None)))
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn signout(State(state): State<AppState>, mut v: Visitor, Form(f): Form<CsrfForm>) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return v.finish(Redirect::to("/").into_response());
    }
    if let Some(token) = &v.session {
        if let Err(e) = state.svc.logout(token).await {
            tracing::warn!(error = %e, "sign-out failed");
        }
    }
    v.clear_session();
    v.finish(Redirect::to("/").into_response())
}
