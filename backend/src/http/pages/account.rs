//! Account pages: sign-up (verification e-mail through the outbox), the verification link's
//! landing page, sign-in, sign-out, and the account page with "sign out everywhere". Each
//! POST checks the CSRF token, calls one `Services` method, then redirects (303) or shows
//! the form again with its errors (429 with `Retry-After` when the abuse limits refuse it).

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
use crate::error::Error;
use crate::http::error::with_retry_after;
use crate::http::extract::ClientAddr;
use crate::http::AppState;

/// The status of a form shown again after `err`: 429 for a lockout, 422 otherwise.
fn form_status(err: Option<&Error>) -> StatusCode {
    match err {
        Some(Error::TooManyRequests { .. }) => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

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

pub async fn signup(State(state): State<AppState>, v: Visitor, ClientAddr(client): ClientAddr, Form(f): Form<SignUpForm>) -> Response {
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
    let mut failed = None;
    if !form.has_errors() {
        let lang = crate::i18n::Lang::from_code(v.lang.code()).unwrap_or_default();
        let input = SignUp { email: f.email.clone(), password: f.password.clone(), display_name: f.name.clone(), lang };
        match state.svc.sign_up(input, &client).await {
            Ok(()) => return v.finish(Redirect::to("/signup/sent").into_response()),
            Err(e) => {
                let (field, err) = form_error(&e);
                form = form.with_error(field, err);
                failed = Some(e);
            }
        }
    }
    let ctx = v.ctx("/signup");
    let res = v.finish(html(&ctx, form_status(failed.as_ref()), auth::signup(&ctx, &form)));
    match &failed {
        Some(e) => with_retry_after(e, res),
        None => res,
    }
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
pub async fn verify_email(State(state): State<AppState>, v: Visitor, ClientAddr(client): ClientAddr, Query(q): Query<TokenQuery>) -> Response {
    let res = if q.token.is_empty() { Err(Error::BadRequest(crate::i18n::Msg::InvalidToken)) } else { state.svc.verify_email(&q.token, &client).await };
    let ctx = v.ctx("/verify-email");
    match res {
        Ok(_) => v.finish(html(&ctx, StatusCode::OK, auth::email_verified(&ctx, true))),
        Err(e @ Error::TooManyRequests { .. }) => {
            let msg = form_error(&e).1.text(v.lang);
            with_retry_after(&e, v.finish(html(&ctx, StatusCode::TOO_MANY_REQUESTS, sijill_frontend::pages::error::failure(&ctx, msg))))
        }
        Err(_) => v.finish(html(&ctx, StatusCode::BAD_REQUEST, auth::email_verified(&ctx, false))),
    }
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

pub async fn signin(State(state): State<AppState>, mut v: Visitor, ClientAddr(client): ClientAddr, Form(f): Form<SignInForm>) -> Response {
    let next = safe_next(f.next.as_deref());
    let mut form = FormState::default().with_value("email", &f.email);
    let mut failed = None;
    if !v.csrf_ok(&f.csrf) {
        form = form.with_error("", FormError::FormExpired);
    } else if f.email.trim().is_empty() || f.password.is_empty() {
        form = form.with_error("email", FormError::BadCredentials);
    } else {
        // An unverified address gets no session (the domain refuses it with 403).
        match state.svc.login(&f.email, &f.password, SessionKind::Cookie, &client).await {
            Ok((token, _)) => {
                v.set_session(&token);
                return v.finish(Redirect::to(&next).into_response());
            }
            Err(e) => {
                let (field, err) = form_error(&e);
                form = form.with_error(field, err);
                failed = Some(e);
            }
        }
    }
    let ctx = v.ctx("/signin");
    let res = v.finish(html(&ctx, form_status(failed.as_ref()), auth::signin(&ctx, &form, &next, None)));
    match &failed {
        Some(e) => with_retry_after(e, res),
        None => res,
    }
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

/// The account page: who is signed in, and "sign out everywhere".
pub async fn account(v: Visitor) -> Response {
    let Some(user) = v.user.clone() else { return Redirect::to("/signin?next=/account").into_response() };
    let ctx = v.ctx("/account");
    v.finish(html(&ctx, StatusCode::OK, auth::account(&ctx, &user.display_name, &user.email)))
}

/// Ends every session and revokes every API token of the signed-in user, this browser's
/// session included, then goes home signed out.
pub async fn signout_everywhere(State(state): State<AppState>, mut v: Visitor, Form(f): Form<CsrfForm>) -> Response {
    let Some(user) = v.user.clone() else { return Redirect::to("/signin?next=/account").into_response() };
    if !v.csrf_ok(&f.csrf) {
        return v.finish(Redirect::to("/account").into_response());
    }
    if let Err(e) = state.svc.logout_everywhere(user.id).await {
        tracing::warn!(error = %e, "sign-out everywhere failed");
        return super::bureau::failure(&v, &e);
    }
    v.clear_session();
    v.finish(Redirect::to("/").into_response())
}
