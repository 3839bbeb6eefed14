//! The development timestamp service over HTTP (RFC 3161, `application/timestamp-query`),
//! for tools outside the server (pyHanko, the `sijill-sign` CLI). Only in development mode;
//! the server itself timestamps in-process.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

use super::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/dev/tsa", post(timestamp))
}

async fn timestamp(State(state): State<AppState>, body: Bytes) -> Response {
    let Some(tsa) = state.dev_tsa.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::task::spawn_blocking(move || tsa.respond(&body)).await {
        Ok(Ok(der)) => ([(header::CONTENT_TYPE, "application/timestamp-reply")], der).into_response(),
        Ok(Err(e)) => (StatusCode::BAD_REQUEST, format!("bad timestamp request: {e}")).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
