//! Filings over JSON: submit (multipart), read, list mine, download the sealed receipt.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::AppState;
use crate::config::Filings as Limits;
use crate::domain::filings::{FilingView, NewFiling};
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/filings", post(create).get(list_mine))
        .route("/api/v1/filings/{id}", get(show))
        .route("/api/v1/filings/{id}/receipt.pdf", get(receipt))
}

/// Multipart form of a filing (documentation only; parsed by `read_filing_form`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FilingForm {
    /// Administration code from the catalogue, e.g. `DEMO`.
    administration: String,
    /// Optional service code from the catalogue.
    service: Option<String>,
    subject: String,
    message: String,
    /// One or more files: PDF, JPEG or PNG.
    #[schema(value_type = Vec<String>, format = Binary)]
    documents: Vec<Vec<u8>>,
    /// Same as the `Idempotency-Key` header, for HTML forms.
    idempotency_key: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct FilingCreated {
    pub id: String,
    pub number: String,
    pub status: String,
    pub receipt_url: String,
}

/// A parsed filing form plus the idempotency key it carried.
pub struct FilingFormData {
    pub filing: NewFiling,
    pub idempotency_key: Option<String>,
    /// The `csrf` field, for page handlers that check it.
    pub csrf: Option<String>,
}

/// Reads the multipart body of a filing (see `multipart::read_form`). Shared with the
/// page handler.
pub async fn read_filing_form(mp: Multipart, limits: &Limits) -> Result<FilingFormData> {
    let form = super::multipart::read_form(mp, limits, &["documents", "documents[]", "file"]).await?;
    let mut f = NewFiling { administration: String::new(), service: None, subject: String::new(), message: String::new(), documents: form.documents };
    let (mut key, mut csrf) = (None, None);
    for (name, text) in form.fields {
        match name.as_str() {
            "administration" => f.administration = text,
            "service" => f.service = Some(text),
            "subject" => f.subject = text,
            "message" => f.message = text,
            "idempotency_key" => key = Some(text).filter(|k| !k.is_empty()),
            "csrf" => csrf = Some(text),
            _ => {}
        }
    }
    Ok(FilingFormData { filing: f, idempotency_key: key, csrf })
}

/// Files correspondence with documents. 201 with the registration number; with an
/// `Idempotency-Key` already used by this filer, 200 with the same filing.
#[utoipa::path(post, path = "/api/v1/filings", tag = "filings",
    security(("bearer" = []), ("cookie" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a re-submit return the same filing")),
    request_body(content = FilingForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FilingCreated), (status = 200, body = FilingCreated, description = "replay of an earlier submit"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, description = "a PDF passes a limit set for untrusted files (the message names it)", body = ErrorBody)))]
pub async fn create(State(state): State<AppState>, Authenticated(user): Authenticated, headers: HeaderMap, req: Request) -> Result<Response> {
    let mp = Multipart::from_request(req, &state)
        .await
        .map_err(|_| Error::BadRequest(Msg::MissingField("documents")))?;
    let form = read_filing_form(mp, &state.config().filings).await?;
    let header_key = headers.get("idempotency-key").map(|v| v.to_str().map(str::to_owned));
    let key = match header_key {
        Some(Ok(k)) => Some(k),
        Some(Err(_)) => return Err(Error::BadRequest(Msg::BadIdempotencyKey)),
        None => form.idempotency_key,
    };
    let created = state.svc.create_filing(&user, form.filing, key.as_deref()).await?;
    let f = created.filing;
    let status = if created.replayed { StatusCode::OK } else { StatusCode::CREATED };
    let body = FilingCreated { id: f.id.clone(), number: f.number, status: f.status, receipt_url: f.receipt_url };
    Ok((status, [(header::LOCATION, format!("/api/v1/filings/{}", f.id))], Json(body)).into_response())
}

/// The caller's filings, newest first.
#[utoipa::path(get, path = "/api/v1/filings", tag = "filings", security(("bearer" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<FilingView>), (status = 401, body = ErrorBody)))]
pub async fn list_mine(State(state): State<AppState>, Authenticated(user): Authenticated) -> Result<Json<Vec<FilingView>>> {
    Ok(Json(state.svc.list_my_filings(&user).await?))
}

/// One of the caller's filings with its status and documents; 404 for anyone else's.
#[utoipa::path(get, path = "/api/v1/filings/{id}", tag = "filings", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = FilingView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn show(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Json<FilingView>> {
    Ok(Json(state.svc.get_filing(&user, &id).await?))
}

/// The sealed receipt (PAdES) of one of the caller's filings.
#[utoipa::path(get, path = "/api/v1/filings/{id}/receipt.pdf", tag = "filings", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn receipt(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Response> {
    let pdf = state.svc.receipt_pdf(&user, &id).await?;
    let f = state.svc.get_filing(&user, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"receipt-{}.pdf\"", f.number)),
        ],
        pdf,
    )
        .into_response())
}
