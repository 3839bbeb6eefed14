//! The audit log over JSON: an administrator reads the events of one register entry (who
//! registered, assigned, changed or downloaded it, and when). The chain itself is checked
//! by `sijill audit verify`, not over HTTP.

use axum::extract::State;
use super::query::Query;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::AppState;
use crate::domain::audit::AuditEventView;
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/audit", get(of_entry))
}

#[derive(Deserialize, IntoParams)]
pub struct AuditQuery {
    /// The register entry's id.
    pub entry: Option<String>,
}

/// The audit events of one register entry, oldest first; for administrators of the entry's
/// administration only (404 for anyone else, so existence is not disclosed).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = []), ("cookie" = [])),
    params(AuditQuery),
    responses((status = 200, body = Vec<AuditEventView>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn of_entry(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<AuditQuery>) -> Result<Json<Vec<AuditEventView>>> {
    let entry = q.entry.filter(|e| !e.trim().is_empty()).ok_or(Error::BadRequest(Msg::MissingField("entry")))?;
    Ok(Json(state.svc.audit_of_entry(&user, entry.trim()).await?))
}
