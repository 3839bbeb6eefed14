//! The public catalogue of administrations and services, and public verification.

use axum::extract::{Multipart, State};
use super::query::Query;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::ErrorBody;
use super::AppState;
use crate::domain::catalogue::AdministrationEntry;
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/catalogue", get(catalogue))
        .route("/api/v1/verify", post(verify))
}

#[derive(Deserialize, IntoParams)]
pub struct CatalogueQuery {
    /// Words to look for in names (any language) and codes.
    pub q: Option<String>,
}

/// Administrations and their services, optionally filtered by `q`.
#[utoipa::path(get, path = "/api/v1/catalogue", tag = "catalogue", params(CatalogueQuery),
    responses((status = 200, body = Vec<AdministrationEntry>)))]
pub async fn catalogue(State(state): State<AppState>, Query(q): Query<CatalogueQuery>) -> Result<Json<Vec<AdministrationEntry>>> {
    Ok(Json(state.svc.catalogue(q.q.as_deref()).await?))
}

/// Multipart body of a verification request (documentation only).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct VerifyForm {
    /// The PDF to verify.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Verifies every signature of an uploaded PDF against the configured trust anchors.
/// Public, so bounded: a few verifications at once (then 503 with `Retry-After`), each
/// file under the reader's limits (422 naming the limit), work stopped if the client goes.
#[utoipa::path(post, path = "/api/v1/verify", tag = "verification",
    request_body(content = VerifyForm, content_type = "multipart/form-data"),
    responses((status = 200, description = "verification report", body = serde_json::Value),
        (status = 400, body = ErrorBody),
        (status = 422, description = "the PDF passes a limit set for untrusted files (the message names it)", body = ErrorBody),
        (status = 503, description = "verification unavailable, or too many at once: retry after `Retry-After` seconds", body = ErrorBody,
            headers(("Retry-After" = u32, description = "seconds to wait before trying again")))))]
pub async fn verify(State(state): State<AppState>, mut mp: Multipart) -> Result<Json<serde_json::Value>> {
    while let Some(field) = mp.next_field().await.map_err(|_| Error::BadRequest(Msg::MissingField("file")))? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(|_| Error::BadRequest(Msg::MissingField("file")))?;
            return Ok(Json(state.svc.verify_pdf(bytes).await?));
        }
    }
    Err(Error::BadRequest(Msg::MissingField("file")))
}
