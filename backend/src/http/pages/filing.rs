//! The filing form (GET and multipart POST `/file`), the receipt page (`/filings/{id}`) and
//! "My filings" (`/filings`). Only the signed-in filer's own filings are reachable: the
//! domain answers NotFound for anyone else's, shown as the 404 page.

use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sijill_frontend::i18n::FormError;
use sijill_frontend::model::{FormState, UploadLimits};
use sijill_frontend::pages::{error as error_page, filing as filing_page, filings as filings_page, receipt as receipt_page};

use super::errors::form_error;
use super::session::Visitor;
use super::{convert, html};
use crate::domain::auth::CurrentUser;
use crate::error::Error;
use crate::http::filings::read_filing_form;
use crate::http::AppState;

/// Pages that need a signed-in filer send others to sign in, then back here.
fn sign_in_first(path: &str) -> Response {
    Redirect::to(&format!("/signin?next={}", sijill_frontend::components::shell::encode_query(path))).into_response()
}

fn limits(state: &AppState) -> UploadLimits {
    let f = &state.config().filings;
    UploadLimits { max_files: f.max_documents as u32, max_file_bytes: f.max_document_bytes as u64 }
}

async fn render_form(state: &AppState, v: &Visitor, form: &FormState, status: StatusCode) -> Response {
    let entries = match state.svc.catalogue(None).await {
        Ok(e) => e,
        Err(e) => return failure(v, &e),
    };
    let admins = convert::catalogue(&entries, v.lang);
    let key = crate::domain::auth::new_token();
    let ctx = v.ctx("/file");
    v.finish(html(&ctx, status, filing_page::render(&ctx, &admins, limits(state), form, &key)))
}

fn failure(v: &Visitor, e: &Error) -> Response {
    let ctx = v.ctx("/");
    if matches!(e, Error::NotFound) {
        return v.finish(html(&ctx, StatusCode::NOT_FOUND, error_page::not_found(&ctx)));
    }
    let (status, _) = e.status_and_msg();
    let (_, err) = form_error(e);
    v.finish(html(&ctx, status, error_page::failure(&ctx, err.text(ctx.lang))))
}

#[derive(Deserialize)]
pub struct FileQuery {
    addressee: Option<String>,
}

pub async fn form(State(state): State<AppState>, v: Visitor, Query(q): Query<FileQuery>) -> Response {
    if v.user.is_none() {
        return sign_in_first("/file");
    }
    let form = FormState::default().with_value("administration", q.addressee.unwrap_or_default());
    render_form(&state, &v, &form, StatusCode::OK).await
}

fn user_of(v: &Visitor) -> Option<&CurrentUser> {
    v.user.as_ref()
}

/// Multipart POST: check the token, register the filing (one domain call), then 303 to the
/// receipt page; or the form again with the values typed and a translated error.
pub async fn submit(State(state): State<AppState>, v: Visitor, req: Request) -> Response {
    let Some(user) = user_of(&v).cloned() else { return sign_in_first("/file") };
    let parsed = match Multipart::from_request(req, &state).await {
        Ok(mp) => read_filing_form(mp, &state.config().filings).await,
        Err(_) => Err(Error::BadRequest(crate::i18n::Msg::NoDocuments)),
    };
    let data = match parsed {
        Ok(d) => d,
        Err(e) => {
            let (field, err) = form_error(&e);
            let form = FormState::default().with_error(field, err);
            return render_form(&state, &v, &form, e.status_and_msg().0).await;
        }
    };
    let mut filing = data.filing;
    // The addressee select sends `ADMIN` or `ADMIN/SERVICE` in one field.
    let (admin, service) = filing_page::parse_addressee(&filing.administration);
    let addressee_value = filing.administration.clone();
    filing.administration = admin;
    filing.service = service.or(filing.service.filter(|s| !s.is_empty()));
    let mut form = FormState::default()
        .with_value("administration", addressee_value)
        .with_value("subject", &filing.subject)
        .with_value("message", &filing.message);
    if !v.csrf_ok(data.csrf.as_deref().unwrap_or("")) {
        form = form.with_error("", FormError::FormExpired);
        return render_form(&state, &v, &form, StatusCode::FORBIDDEN).await;
    }
    if filing.administration.trim().is_empty() {
        form = form.with_error("administration", FormError::UnknownAdministration);
    }
    if filing.subject.trim().is_empty() {
        form = form.with_error("subject", FormError::Required);
    }
    if filing.documents.is_empty() {
        form = form.with_error("documents", FormError::NoDocuments);
    }
    if form.has_errors() {
        return render_form(&state, &v, &form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match state.svc.create_filing(&user, filing, data.idempotency_key.as_deref()).await {
        Ok(created) => v.finish(Redirect::to(&format!("/filings/{}?new=1", created.filing.id)).into_response()),
        Err(e) => {
            let (field, err) = form_error(&e);
            let form = form.with_error(field, err);
            render_form(&state, &v, &form, e.status_and_msg().0).await
        }
    }
}

#[derive(Deserialize)]
pub struct ReceiptQuery {
    new: Option<String>,
}

pub async fn receipt(State(state): State<AppState>, v: Visitor, Path(id): Path<String>, Query(q): Query<ReceiptQuery>) -> Response {
    let Some(user) = user_of(&v) else { return sign_in_first(&format!("/filings/{id}")) };
    let f = match state.svc.get_filing(user, &id).await {
        Ok(f) => f,
        Err(e) => return failure(&v, &e),
    };
    let service_name = match &f.service {
        Some(code) => state.svc.catalogue(None).await.ok().and_then(|all| {
            all.iter()
                .find(|a| a.code == f.administration)
                .and_then(|a| a.services.iter().find(|s| &s.code == code))
                .map(|s| s.names.get(v.lang).to_owned())
        }),
        None => None,
    };
    let mut view = convert::receipt(&f, &user.display_name, service_name, v.lang);
    view.answers = super::routing::answer_lines(&state, user, &f.id).await;
    let ctx = v.ctx("/filings");
    v.finish(html(&ctx, StatusCode::OK, receipt_page::render(&ctx, &view, q.new.is_some())))
}

pub async fn list(State(state): State<AppState>, v: Visitor) -> Response {
    let Some(user) = user_of(&v) else { return sign_in_first("/filings") };
    let filings = match state.svc.list_my_filings(user).await {
        Ok(f) => f,
        Err(e) => return failure(&v, &e),
    };
    let lines: Vec<_> = filings.iter().map(|f| convert::filing_line(f, v.lang)).collect();
    let ctx = v.ctx("/filings");
    v.finish(html(&ctx, StatusCode::OK, filings_page::render(&ctx, &lines)))
}
