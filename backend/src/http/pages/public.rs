//! Pages anyone can open: home, language switch, not found.

use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sijill_frontend::i18n::Lang;
use sijill_frontend::pages;

use super::session::Visitor;
use super::{html, safe_next};

pub async fn home(v: Visitor) -> Response {
    let ctx = v.ctx("/");
    v.finish(html(&ctx, StatusCode::OK, pages::home::render(&ctx)))
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Remembers the chosen language for a year in the `lang` cookie and goes back to the page.
pub async fn switch_language(Path(code): Path<String>, Query(q): Query<NextQuery>) -> Response {
    let next = safe_next(q.next.as_deref());
    let Some(lang) = Lang::from_code(&code) else {
        return Redirect::to(&next).into_response();
    };
    let mut res = Redirect::to(&next).into_response();
    let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Unknown paths: an HTML page for people, the JSON error for API clients.
pub async fn not_found(v: Visitor, uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::error::Error::NotFound.into_response();
    }
    let ctx = v.ctx(uri.path());
    v.finish(html(&ctx, StatusCode::NOT_FOUND, pages::error::not_found(&ctx)))
}

#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

/// The public catalogue; `?q=` searches names in the four languages, codes and services.
pub async fn catalogue(
    axum::extract::State(state): axum::extract::State<crate::http::AppState>,
    v: Visitor,
    Query(q): Query<SearchQuery>,
) -> Response {
    let query = q.q.unwrap_or_default();
    let ctx = v.ctx("/catalogue");
    match state.svc.catalogue(Some(&query)).await {
        Ok(entries) => {
            let entries = super::convert::catalogue(&entries, v.lang);
            v.finish(html(&ctx, StatusCode::OK, pages::catalogue::render(&ctx, &query, &entries)))
        }
        Err(e) => {
            let (status, _) = e.status_and_msg();
            let (_, err) = super::errors::form_error(&e);
            v.finish(html(&ctx, status, pages::error::failure(&ctx, err.text(ctx.lang))))
        }
    }
}
