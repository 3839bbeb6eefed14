//! Register search over JSON, for staff: the same search as the `/bureau/search` page.

use axum::extract::State;
use super::query::Query;
use axum::routing::get;
use axum::{Json, Router};

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::AppState;
use crate::domain::search::{SearchParams, SearchResults};
use crate::error::Result;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/search", get(search))
}

/// Register entries matching a number or words (subject, correspondent, message, text of
/// attached PDFs) and filters, newest registered first, 20 per page. Only what the caller
/// may see: registry staff see their administration's register, agents and officials the
/// entries of their units or assigned to them, confidential entries only with a clearance.
/// 403 for anyone who is not staff of an administration.
#[utoipa::path(get, path = "/api/v1/search", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn search(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<SearchParams>) -> Result<Json<SearchResults>> {
    Ok(Json(state.svc.search_register(&user, &q).await?))
}
