//! The headers every response carries: what the browser may load and run (CSP), that no
//! other site may frame a page, no MIME sniffing, no full URL sent to other sites, HTTPS
//! remembered in production, and nothing kept in caches unless the handler says so.

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Scripts from this origin only (the islands' loader is `/static/islands.js`, the bundle
/// is under `/pkg`), never inline; `'wasm-unsafe-eval'` lets the bundle compile its
/// WebAssembly and allows no JavaScript `eval`. Style attributes stay allowed
/// (`style-src-attr`): the parapheur draws the signature frame at its position with one,
/// and a style attribute cannot run script.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Two years, the preload lists' minimum being one.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Adds the headers. `production`: HSTS too (in development the server speaks plain HTTP
/// on loopback, and a browser that learned HSTS for `localhost` would refuse it after).
pub async fn add(production: bool, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(h, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if production {
        set(h, header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    // Pages, API answers and documents are personal unless the handler says otherwise
    // (the stylesheet and the bundle do): no browser or proxy keeps a copy.
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    res
}
