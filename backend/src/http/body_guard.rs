//! Request bodies: how big and how slow. Upload forms (`multipart/form-data`: filings,
//! intake, folders, keys, verification) may carry the configured documents, up to
//! `Config::request_body_limit`; every other body (JSON, sign-in and other HTML forms) is
//! refused past `server.json_body_limit_bytes` with a 413 in the user's language. A JSON
//! endpoint sent a multipart body refuses its content type before reading it, so the big
//! limit is only ever read by upload handlers. Every body read also waits at most
//! `server.body_read_timeout_secs` for the next bytes.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::timeout::TimeoutBody;

use crate::error::Error;
use crate::i18n::Msg;

#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    /// Bodies other than upload forms, in bytes.
    pub small: usize,
    /// Longest wait for the next bytes of a body.
    pub read_timeout: Duration,
}

fn is_upload(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"))
}

fn too_large(limits: BodyLimits) -> Response {
    Error::TooLarge(Msg::BodyTooLarge(limits.small)).into_response()
}

pub async fn guard(limits: BodyLimits, req: Request, next: Next) -> Response {
    let upload = is_upload(req.headers());
    if !upload {
        // Content-Length, or what the body knows of its size (at least this many bytes).
        let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
        let known = axum::body::HttpBody::size_hint(req.body()).lower();
        if declared.unwrap_or(0).max(known) > limits.small as u64 {
            return too_large(limits);
        }
    }
    let req = req.map(|body| {
        let timed = Body::new(TimeoutBody::new(limits.read_timeout, body));
        if upload {
            timed
        } else {
            Body::new(http_body_util::Limited::new(timed, limits.small))
        }
    });
    let res = next.run(req).await;
    // A chunked body that passed the limit: axum's extractors answer a plain-text 413;
    // give the usual error body instead.
    let ours = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !upload && res.status() == StatusCode::PAYLOAD_TOO_LARGE && !ours {
        return too_large(limits);
    }
    res
}
