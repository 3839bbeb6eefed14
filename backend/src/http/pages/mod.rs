//! Server-rendered pages and their form posts. Handlers are thin: read the request, ask a
//! domain service, hand plain data to a `sijill_frontend` page, return its HTML. Every form
//! is a plain HTML form (POST-redirect-GET on success, the page again with errors).

mod account;
mod assets;
mod bureau;
mod bureau_admin;
mod convert;
mod errors;
mod filing;
mod parapheur_batch;
mod parapheur_admin;
mod parapheur_keys;
mod parapheur_circuit;
mod parapheur;
mod parapheur_view;
mod public;
pub mod routing;
mod search;
pub mod session;
mod verify;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sijill_frontend::model::PageCtx;

use crate::http::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(public::home))
        .route("/lang/{code}", get(public::switch_language))
        .route("/signup", get(account::signup_form).post(account::signup))
        .route("/signup/sent", get(account::signup_sent))
        .route("/verify-email", get(account::verify_email))
        .route("/signin", get(account::signin_form).post(account::signin))
        .route("/signout", post(account::signout))
        .route("/account", get(account::account))
        .route("/account/signout-everywhere", post(account::signout_everywhere))
        .route("/catalogue", get(public::catalogue))
        .route("/file", get(filing::form).post(filing::submit))
        .route("/filings", get(filing::list))
        .route("/filings/{id}", get(filing::receipt))
        .route("/bureau", get(bureau::queue))
        .route("/bureau/search", get(search::page))
        .route("/bureau/registers/export", get(search::export))
        .route("/bureau/entries/{id}", get(bureau::entry))
        .route("/bureau/paper", get(bureau::paper_form).post(bureau::paper_submit))
        .route("/bureau/internal", get(bureau::internal_form).post(bureau::internal_submit))
        .route("/bureau/correspondents", get(bureau_admin::book).post(bureau_admin::add))
        .route("/bureau/correspondents/{id}", get(bureau_admin::edit_form).post(bureau_admin::edit))
        .route("/bureau/clearances", get(bureau_admin::clearances).post(bureau_admin::set_clearance))
        .route("/work", get(routing::my_work))
        .route("/work/units/{id}", get(routing::unit_work))
        .route("/bureau/entries/{id}/routing", get(routing::slip_page))
        .route("/bureau/entries/{id}/assign", post(routing::assign))
        .route("/bureau/assignments/{id}/{what}", post(routing::handle))
        .route("/bureau/entries/{id}/drafts", post(routing::new_draft))
        .route("/bureau/drafts/{id}", post(routing::edit_draft))
        .route("/bureau/drafts/{id}/dispatch", post(routing::dispatch))
        .route("/parapheur", get(parapheur::inbox))
        .route("/parapheur/new", get(parapheur::new_form).post(parapheur::new_submit))
        .route("/parapheur/folders/{id}", get(parapheur::folder))
        .route("/parapheur/folders/{id}/actions", post(parapheur::act))
        .route("/parapheur/folders/{id}/documents/{doc}/pages/{file}", get(parapheur::page_image))
        .route("/parapheur/folders/{id}/circuit", get(parapheur_circuit::form).post(parapheur_circuit::submit))
        .route("/parapheur/keys", get(parapheur_keys::keys).post(parapheur_keys::upload_pkcs12))
        .route("/parapheur/keys/pkcs11", post(parapheur_keys::register_pkcs11))
        .route("/parapheur/keys/csc", post(parapheur_keys::register_csc))
        .route("/parapheur/delegations", get(parapheur_admin::delegations).post(parapheur_admin::delegate))
        .route("/parapheur/delegations/{id}/revoke", post(parapheur_admin::revoke))
        .route("/parapheur/templates", get(parapheur_admin::templates).post(parapheur_admin::create_template))
        .route("/parapheur/settings", get(parapheur_admin::settings).post(parapheur_admin::save_settings))
        .route("/parapheur/batch", post(parapheur_batch::start))
        .route("/parapheur/batches/{id}", get(parapheur_batch::show))
        .route("/verify", get(verify::form).post(verify::submit))
        .route("/static/sijill.css", get(assets::stylesheet))
        .route(sijill_frontend::components::shell::ISLANDS_LOADER, get(assets::islands_loader))
        .route("/pkg/{*file}", get(assets::pkg_file))
        .fallback(public::not_found)
}

/// An HTML response with its language announced and no caching of personal pages.
pub fn html(ctx: &PageCtx, status: StatusCode, body: String) -> Response {
    let mut res = (status, Html(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(ctx.lang.code()) {
        res.headers_mut().insert(header::CONTENT_LANGUAGE, v);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Where to go back to after a form or a language switch (`next`): a path of this site,
/// else `/`. Accepted: starts with one `/` (not `//` or `/\`, which browsers read as
/// another host), only visible ASCII (a tab or newline is dropped by browsers, so
/// `/%09/evil.example` would become `//evil.example`; a newline cannot be a header), no
/// backslash anywhere. Paths of this site are already percent-encoded, so nothing they
/// hold is lost.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_local_path(n) => n.to_owned(),
        _ => "/".to_owned(),
    }
}

fn is_local_path(n: &str) -> bool {
    let b = n.as_bytes();
    b.first() == Some(&b'/')
        && !matches!(b.get(1), Some(b'/' | b'\\'))
        && b.iter().all(|&c| c.is_ascii_graphic() && c != b'\\')
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_a_path_of_this_site() {
        for ok in ["/", "/file", "/bureau/entries/abc?tab=routing#slip", "/search?q=%D8%A3"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        let evil = [
            "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/x", "/\r\nSet-Cookie: a=b",
            "\\\\evil", "https://evil.example", "javascript:alert(1)", "evil.example", "", " /file",
            "/a\\b", "/\u{7f}", "/é", "/\u{85}x", "/ x",
        ];
        for bad in evil {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
