//! HTTP: one router per resource, extractors, the error mapping and the OpenAPI document.
//! Handlers are thin: parse, authorise, call one domain service, map the result.

pub mod audit;
pub mod auth;
pub mod body_guard;
pub mod catalogue;
pub mod csrf;
pub mod devtsa;
pub mod error;
pub mod extract;
pub mod filings;
pub mod health;
pub mod intake;
pub mod multipart;
pub mod openapi;
pub mod parapheur;
pub mod parapheur_more;
pub mod pages;
pub mod query;
pub mod register_export;
pub mod search;
pub mod security_headers;
pub mod serve;
pub mod routing;

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::Next;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::domain::Services;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub svc: Services,
    /// The development timestamp authority, served at `/dev/tsa` (development mode only).
    pub dev_tsa: Option<std::sync::Arc<sijill_signing::tsa::TimestampAuthority>>,
}

impl AppState {
    pub fn config(&self) -> &Config {
        &self.svc.config
    }
}

/// The whole application: API, health, and the pages (owned by the frontend).
pub fn router(state: AppState) -> Router {
    let limit = state.config().request_body_limit();
    let server = &state.config().server;
    let bodies = body_guard::BodyLimits {
        small: server.json_body_limit_bytes,
        read_timeout: std::time::Duration::from_secs(server.body_read_timeout_secs),
    };
    let production = !state.config().is_dev();
    Router::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(audit::router())
        .merge(catalogue::router())
        .merge(filings::router())
        .merge(search::router())
        .merge(register_export::router())
        .merge(parapheur::router())
        .merge(parapheur_more::router())
        .merge(intake::router())
        .merge(routing::router())
        .merge(openapi::router())
        .merge(devtsa::router())
        .merge(pages::router())
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::same_origin))
        // Inside out: a panic becomes the usual 500 body, bodies are bounded, messages
        // are put in the user's language, every response gets the security headers.
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(axum::middleware::from_fn(move |req: Request, next: Next| body_guard::guard(bodies, req, next)))
        .layer(axum::middleware::from_fn(error::localize))
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(move |req: Request, next: Next| security_headers::add(production, req, next)))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
