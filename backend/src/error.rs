//! The crate's one error type. Domain code returns it; `http::error` maps it to a status and
//! a JSON body `{error, message}` in the user's language, in one place.

use crate::i18n::Msg;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed or breaks a rule the user can fix (400).
    #[error("bad request: {0:?}")]
    BadRequest(Msg),
    /// No valid session or token (401).
    #[error("not authenticated")]
    Unauthenticated,
    /// Authenticated but not allowed (403); for other people's data we use `NotFound`.
    #[error("forbidden: {0:?}")]
    Forbidden(Msg),
    /// Absent, or present but not the caller's (404), so existence is not disclosed.
    #[error("not found")]
    NotFound,
    /// A unique value already taken (409).
    #[error("conflict: {0:?}")]
    Conflict(Msg),
    /// Too many or too large documents (413).
    #[error("too large: {0:?}")]
    TooLarge(Msg),
    /// A document that is not a PDF, JPEG or PNG, or does not parse as one (415).
    #[error("unsupported media: {0:?}")]
    UnsupportedMedia(Msg),
    /// Too many attempts (sign-in, sign-up, PIN…): locked out for this many seconds (429
    /// with `Retry-After`; see `domain::throttle`).
    #[error("too many requests (retry after {retry_after_secs} s)")]
    TooManyRequests { retry_after_secs: u64 },
    /// A document the server refuses to process because it passes a limit set for untrusted
    /// files (422), e.g. a PDF that would decode to gigabytes.
    #[error("unprocessable: {0:?}")]
    Unprocessable(Msg),
    /// Too much work of this kind already running or waiting (503 with `Retry-After`).
    #[error("busy, retry after {retry_after_secs}s")]
    Busy { retry_after_secs: u32 },
    /// A component the request needs is not available (503), e.g. the seal before it is wired.
    #[error("unavailable: {0:?}")]
    Unavailable(Msg),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("configuration: {0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        Error::Internal(e.to_string())
    }
}
