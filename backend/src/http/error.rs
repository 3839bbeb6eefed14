//! The one place where errors become HTTP: status, JSON `{error, message}`, and the
//! message in the user's language (chosen by `localize`, which knows the request).

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::error::Error;
use crate::i18n::{Lang, Msg};

/// The JSON body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable code, e.g. `document_too_large`.
    pub error: String,
    /// Sentence for the user, in their language.
    pub message: String,
}

/// Carried in the response so `localize` can re-render the message.
#[derive(Clone)]
struct Localizable(Msg);

impl Error {
    pub fn status_and_msg(&self) -> (StatusCode, Msg) {
        match self {
            Error::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            Error::Unauthenticated => (StatusCode::UNAUTHORIZED, Msg::Unauthenticated),
            Error::Forbidden(m) => (StatusCode::FORBIDDEN, m.clone()),
            Error::NotFound => (StatusCode::NOT_FOUND, Msg::NotFound),
            Error::Conflict(m) => (StatusCode::CONFLICT, m.clone()),
            Error::TooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, m.clone()),
            Error::UnsupportedMedia(m) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, m.clone()),
            Error::Unprocessable(m) => (StatusCode::UNPROCESSABLE_ENTITY, m.clone()),
            Error::Unavailable(m) => (StatusCode::SERVICE_UNAVAILABLE, m.clone()),
            Error::TooManyRequests { retry_after_secs } => {
                (StatusCode::TOO_MANY_REQUESTS, Msg::TooManyAttempts { minutes: retry_after_secs.div_ceil(60) })
            }
            Error::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, Msg::Busy),
            Error::Db(_) | Error::Io(_) | Error::Config(_) | Error::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, Msg::Internal)
            }
        }
    }
}

fn body(status: StatusCode, msg: &Msg, lang: Lang) -> Response {
    let mut res = (
        status,
        Json(ErrorBody { error: msg.code().to_string(), message: msg.text(lang) }),
    )
        .into_response();
    res.headers_mut().insert(header::CONTENT_LANGUAGE, lang.code().parse().expect("ascii"));
    res
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, msg) = self.status_and_msg();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut res = body(status, &msg, Lang::Fr);
        if let Some(v) = retry_after(&self) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res.extensions_mut().insert(Localizable(msg));
        res
    }
}

/// The `Retry-After` value (seconds) of an error that has one.
pub fn retry_after(e: &Error) -> Option<HeaderValue> {
    match e {
        Error::TooManyRequests { retry_after_secs } => HeaderValue::from_str(&retry_after_secs.to_string()).ok(),
        Error::Busy { retry_after_secs } => Some((*retry_after_secs).into()),
        _ => None,
    }
}

/// `res` with the error's `Retry-After` header, if it has one (for pages built by hand).
pub fn with_retry_after(e: &Error, mut res: Response) -> Response {
    if let Some(v) = retry_after(e) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// The request's language: `lang` cookie, then `Accept-Language`, then French.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang=").map(str::to_string));
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::negotiate(cookie.as_deref(), accept)
}

/// Middleware: re-renders error messages in the request's language. On the API, a client
/// error that did not come from our `Error` (axum's rejections of a body, path or query that
/// does not parse, a body over the limit, an unknown route: plain text, 400/404/405/413/415/422)
/// gets the usual `{error, message}` body too, and the rejections of what the caller sent
/// are all 400, so a client has one shape and one status to handle.
pub async fn localize(req: Request, next: Next) -> Response {
    let lang = lang_of(req.headers());
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let ours = res.extensions().get::<Localizable>().is_some();
    if api && !ours && res.status().is_client_error() {
        let msg = match res.status() {
            StatusCode::NOT_FOUND => Some((StatusCode::NOT_FOUND, Msg::NotFound)),
            StatusCode::PAYLOAD_TOO_LARGE => Some((StatusCode::PAYLOAD_TOO_LARGE, Msg::RequestTooLarge)),
            StatusCode::BAD_REQUEST | StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY => {
                Some((StatusCode::BAD_REQUEST, Msg::MalformedRequest))
            }
            _ => None,
        };
        let json = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if let (Some((status, msg)), false) = (msg, json) {
            let mut out = body(status, &msg, lang);
            for (k, v) in res.headers() {
                if k != header::CONTENT_LENGTH && k != header::CONTENT_TYPE && k != header::CONTENT_LANGUAGE {
                    out.headers_mut().insert(k.clone(), v.clone());
                }
            }
            return out;
        }
    }
    match res.extensions_mut().remove::<Localizable>() {
        Some(Localizable(msg)) if lang != Lang::Fr => {
            let mut out = body(res.status(), &msg, lang);
            for (k, v) in res.headers() {
                if k != header::CONTENT_LENGTH && k != header::CONTENT_TYPE && k != header::CONTENT_LANGUAGE {
                    out.headers_mut().insert(k.clone(), v.clone());
                }
            }
            out
        }
        _ => res,
    }
}

/// The request's language as a handler argument (see [`lang_of`]).
pub struct RequestLang(pub Lang);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for RequestLang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(RequestLang(lang_of(&parts.headers)))
    }
}

/// What a panicking handler answers (the catch-panic layer): the usual 500 body, so the
/// client gets an answer instead of a dropped connection. The panic is logged.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    Error::Internal(format!("handler panicked: {detail}")).into_response()
}
