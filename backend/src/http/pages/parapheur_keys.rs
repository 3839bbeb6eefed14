//! The official's key page (`/parapheur/keys`): a PKCS#12 upload (multipart, checked with
//! its PIN), a PKCS#11 token (`/parapheur/keys/pkcs11`) or a remote CSC credential
//! (`/parapheur/keys/csc`). Thin handlers: each reads the API's field names, checks what
//! a person can correct on the form, and calls `Services::register_key` like
//! `POST /api/v1/parapheur/keys`. POST-redirect-GET with `?saved=1`; refusals come back on
//! the page (400, or 403 for a stale form) in the user's language.

use axum::extract::{Form, FromRequest, Multipart, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sijill_frontend::i18n::parapheur_circuit::PA;
use sijill_frontend::i18n::parapheur_keys::PK;
use sijill_frontend::i18n::FormError;
use sijill_frontend::model::FormState;
use sijill_frontend::pages::parapheur_keys::{self as page, KeyInfo};

use super::html;
use super::parapheur_admin::{is_admin, saved, staff, Saved};
use super::parapheur_circuit::{domain_error, failure, get, Fields};
use super::session::Visitor;
use crate::domain::auth::CurrentUser;
use crate::domain::parapheur::keys::{KeyPurpose, NewKey};
use crate::error::Error;
use crate::http::multipart::read_form;
use crate::http::AppState;

type Errors = Vec<(String, String)>;

async fn keys_page(state: &AppState, v: &Visitor, user: &CurrentUser, errors: Errors, typed: &FormState, notice: Option<String>, status: StatusCode) -> Response {
    let key = match state.svc.my_key(user).await {
        Ok(k) => k.map(|k| KeyInfo { kind: k.kind, label: k.label, subject: k.subject, not_before: k.not_before.map(|t| t.timestamp()), not_after: k.not_after.map(|t| t.timestamp()), test: k.purpose == KeyPurpose::Test }),
        Err(e) => return failure(v, &e),
    };
    let ctx = v.ctx("/parapheur/keys");
    v.finish(html(&ctx, status, page::keys(&ctx, is_admin(user), key.as_ref(), &errors, typed, notice)))
}

pub async fn keys(State(state): State<AppState>, v: Visitor, Query(q): Query<Saved>) -> Response {
    let (user, _) = match staff(&v, "/parapheur/keys") {
        Ok(u) => u,
        Err(r) => return r,
    };
    keys_page(&state, &v, &user, Vec::new(), &FormState::default(), saved(&v, &q, PA::KeySaved), StatusCode::OK).await
}

/// Registers `key`; the domain's refusal (a wrong PIN, not staff…) comes back on the page.
async fn register(state: &AppState, v: &Visitor, user: &CurrentUser, label: &str, key: NewKey, test: bool, typed: &FormState) -> Response {
    let purpose = if test { KeyPurpose::Test } else { KeyPurpose::Signing };
    match state.svc.register_key(user, label, key, purpose).await {
        Ok(_) => v.finish(Redirect::to("/parapheur/keys?saved=1").into_response()),
        Err(e) => {
            let (status, errors) = domain_error(&e, v.lang);
            keys_page(state, v, user, errors, typed, None, status).await
        }
    }
}

pub async fn upload_pkcs12(State(state): State<AppState>, v: Visitor, req: Request) -> Response {
    let (user, _) = match staff(&v, "/parapheur/keys") {
        Ok(u) => u,
        Err(r) => return r,
    };
    let lang = v.lang;
    let none = FormState::default();
    let form = match Multipart::from_request(req, &state).await {
        Ok(mp) => read_form(mp, &state.config().filings, &["p12"]).await,
        Err(_) => Err(Error::BadRequest(crate::i18n::Msg::MissingField("p12"))),
    };
    let f = match form {
        Ok(f) => f,
        Err(e) => {
            let (status, _) = e.status_and_msg();
            let errors = match e {
                Error::BadRequest(_) => vec![("p12".into(), PA::FileRequired.text(lang).to_owned())],
                e => domain_error(&e, lang).1,
            };
            return keys_page(&state, &v, &user, errors, &none, None, status).await;
        }
    };
    let (csrf, label, pin) = (f.text("csrf"), f.text("label"), f.text("pin"));
    let test = f.text("test") == "1";
    let typed = FormState::default().with_value("label", label.clone());
    let p12 = f.documents.into_iter().next().map(|d| d.bytes.to_vec()).unwrap_or_default();
    if !v.csrf_ok(&csrf) {
        return keys_page(&state, &v, &user, vec![(String::new(), FormError::FormExpired.text(lang))], &typed, None, StatusCode::FORBIDDEN).await;
    }
    let mut errors = Vec::new();
    if p12.is_empty() {
        errors.push(("p12".into(), PA::FileRequired.text(lang).to_owned()));
    }
    if pin.is_empty() {
        errors.push(("pin".into(), FormError::Required.text(lang)));
    }
    if !errors.is_empty() {
        return keys_page(&state, &v, &user, errors, &typed, None, StatusCode::BAD_REQUEST).await;
    }
    register(&state, &v, &user, &label, NewKey::Pkcs12 { p12, pin }, test, &typed).await
}

/// The typed values under their page keys (`label` → `prefix_label`), and the errors of the
/// required fields left empty.
fn read(f: &Fields, prefix: &str, required: &[&'static str], v: &Visitor) -> (FormState, Errors) {
    let mut typed = FormState::default().with_value(&format!("{prefix}_label"), get(f, "label"));
    let mut errors = Vec::new();
    for name in required {
        let value = get(f, name);
        typed = typed.with_value(name, value);
        if value.is_empty() {
            errors.push((name.to_string(), FormError::Required.text(v.lang)));
        }
    }
    (typed, errors)
}

/// A PKCS#11 token: module path, token label, key label (the PIN is asked at each signature).
pub async fn register_pkcs11(State(state): State<AppState>, v: Visitor, Form(f): Form<Fields>) -> Response {
    let (user, _) = match staff(&v, "/parapheur/keys") {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (typed, mut errors) = read(&f, "p11", &["module", "token", "key_label"], &v);
    if !v.csrf_ok(get(&f, "csrf")) {
        return keys_page(&state, &v, &user, vec![(String::new(), FormError::FormExpired.text(v.lang))], &typed, None, StatusCode::FORBIDDEN).await;
    }
    let module = get(&f, "module");
    if !module.is_empty() && !module.starts_with('/') {
        errors.push(("module".into(), PK::ModuleAbsolute.text(v.lang).to_owned()));
    }
    if !errors.is_empty() {
        return keys_page(&state, &v, &user, errors, &typed, None, StatusCode::BAD_REQUEST).await;
    }
    let key = NewKey::Pkcs11 { module: module.to_owned(), token: get(&f, "token").to_owned(), key_label: get(&f, "key_label").to_owned() };
    register(&state, &v, &user, get(&f, "label"), key, get(&f, "test") == "1", &typed).await
}

/// A remote key on a CSC service: its address and the credential's id.
pub async fn register_csc(State(state): State<AppState>, v: Visitor, Form(f): Form<Fields>) -> Response {
    let (user, _) = match staff(&v, "/parapheur/keys") {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (typed, mut errors) = read(&f, "csc", &["endpoint", "credential_id"], &v);
    if !v.csrf_ok(get(&f, "csrf")) {
        return keys_page(&state, &v, &user, vec![(String::new(), FormError::FormExpired.text(v.lang))], &typed, None, StatusCode::FORBIDDEN).await;
    }
    let endpoint = get(&f, "endpoint");
    let web = |s: &str| s.len() > s.find("://").map_or(usize::MAX, |i| i + 3) && (s.starts_with("https://") || s.starts_with("http://"));
    if !endpoint.is_empty() && (!web(endpoint) || endpoint.contains(char::is_whitespace)) {
        errors.push(("endpoint".into(), PK::EndpointUrl.text(v.lang).to_owned()));
    }
    if !errors.is_empty() {
        return keys_page(&state, &v, &user, errors, &typed, None, StatusCode::BAD_REQUEST).await;
    }
    let key = NewKey::Csc { endpoint: endpoint.to_owned(), credential_id: get(&f, "credential_id").to_owned() };
    register(&state, &v, &user, get(&f, "label"), key, get(&f, "test") == "1", &typed).await
}
