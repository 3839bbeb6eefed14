//! Server-rendered pages and their form posts (owned by the frontend).
pub fn router() -> axum::Router<crate::http::AppState> {
    axum::Router::new()
}
