//! The query-string extractor of the JSON API: like axum's `Query`, but a value that does
//! not parse (`page=abc`, a number past its type's range) is the usual 400 error body in
//! the user's language instead of axum's plain-text rejection.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::i18n::Msg;

pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Error;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Error> {
        axum::extract::Query::try_from_uri(&parts.uri).map(|q| Query(q.0)).map_err(|e| {
            tracing::debug!(error = %e, "query string refused");
            Error::BadRequest(Msg::InvalidValue("query"))
        })
    }
}
