//! Liveness and readiness: `/healthz` answers 200 when the database answers.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::AppState;
use crate::error::Result;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics))
}

/// Health check for load balancers and `make run`: 200 `{status: "ok"}` if the database answers.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, body = Health), (status = 500, body = super::error::ErrorBody)))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>> {
    state.svc.db.conn.ping().await?;
    let database = match state.svc.db.backend() {
        sea_orm::DbBackend::Postgres => "postgresql",
        _ => "sqlite",
    };
    Ok(Json(Health { status: "ok", database }))
}

/// Prometheus text metrics: filings and sealed receipts, and the e-mail outbox (queued,
/// sent, given up). Counted from the database, so every server process reports the same.
pub async fn metrics(State(state): State<AppState>) -> Result<([(axum::http::HeaderName, &'static str); 1], String)> {
    let c = &state.svc.db.conn;
    let (filings, sealed) = crate::db::register::counts(c).await?;
    let (queued, sent, dead) = crate::db::outbox::counts(c, state.config().outbox.max_attempts).await?;
    let body = format!(
        "# TYPE sijill_filings_total counter\nsijill_filings_total {filings}\n\
         # TYPE sijill_receipts_sealed_total counter\nsijill_receipts_sealed_total {sealed}\n\
         # TYPE sijill_outbox_messages gauge\n\
         sijill_outbox_messages{{state=\"queued\"}} {queued}\n\
         sijill_outbox_messages{{state=\"sent\"}} {sent}\n\
         sijill_outbox_messages{{state=\"failed\"}} {dead}\n"
    );
    Ok(([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], body))
}
