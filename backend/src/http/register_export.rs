//! Register export over the API: CSV or the sealed PDF book of one register for a period.
//! The page route `/bureau/registers/export` (same files, session cookie) is in
//! `pages::search`.

use axum::extract::State;
use super::query::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::AppState;
use crate::domain::register_export::{ExportParams, Exported};
use crate::error::Result;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/registers/export", get(export))
}

/// The file as a download, never cached (it may carry confidential subjects).
pub fn download(e: Exported) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", e.file_name.replace(['"', '\\'], "_"));
    (
        [(header::CONTENT_TYPE, e.content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition), (header::CACHE_CONTROL, "no-store".to_owned())],
        e.bytes,
    )
        .into_response()
}

/// One register (direction) for a year or a period, in number order, every entry: CSV
/// (UTF-8 with BOM, header `number,date,direction,correspondent,subject,unit,status,confidentiality`)
/// or a printable PDF book sealed with the administration's seal (PAdES B-T). Entries above
/// the caller's clearance show "[confidential]" instead of their subject and correspondent.
/// Registry staff (clerks, administrators) only.
#[utoipa::path(get, path = "/api/v1/registers/export", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(ExportParams),
    responses((status = 200, description = "text/csv or application/pdf", content_type = "application/octet-stream"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn export(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<ExportParams>) -> Result<Response> {
    Ok(download(state.svc.export_register(&user, &q).await?))
}
