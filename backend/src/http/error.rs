//! The one place where errors become HTTP: status, JSON `{error, message}`, and the
//! message in the user's language (chosen by `localize`, which knows the request).

use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
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
        if let Error::Busy { retry_after_secs } = self {
            res.headers_mut().insert(header::RETRY_AFTER, retry_after_secs.into());
        }
        res.extensions_mut().insert(Localizable(msg));
        res
    }
}

/// Adds `Retry-After` to a page answering a [`Error::Busy`] (JSON errors get it from
/// `into_response`).
pub fn with_retry_after(err: &Error, mut res: Response) -> Response {
    if let Error::Busy { retry_after_secs } = err {
        res.headers_mut().insert(header::RETRY_AFTER, (*retry_after_secs).into());
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

/// Middleware: re-renders error messages in the request's language.
pub async fn localize(req: Request, next: Next) -> Response {
    let lang = lang_of(req.headers());
    let mut res = next.run(req).await;
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
