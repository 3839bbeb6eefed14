//! The HTTP edge: security headers on every answer, a panic answered as a 500, query values
//! bounded, `next` kept on this site, bodies bounded by kind, slow clients cut off, names
//! without hidden characters.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use figment::providers::Serialized;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

use crate::common::{fixtures, TestApp};

fn get_req(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let (s, v) = app.file(&token, &[("lettre.pdf", fixtures::pdf("Lettre", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let receipt = v["receipt_url"].as_str().unwrap().to_owned();
    let authed = |path: &str| Request::get(path).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    for (what, req) in [
        ("home page", get_req("/")),
        ("API answer", authed("/api/v1/filings")),
        ("receipt download", authed(&receipt)),
        ("API error", get_req("/api/v1/filings")),
        ("unknown page", get_req("/nowhere")),
    ] {
        let (status, h, _) = app.call(req).await;
        let csp = h.get(header::CONTENT_SECURITY_POLICY).unwrap_or_else(|| panic!("{what} ({status}): no CSP")).to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "{what}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "{what}: {csp}");
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{what}: {csp}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{what}");
        assert_eq!(h[header::REFERRER_POLICY], "same-origin", "{what}");
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{what}");
        assert_eq!(h[header::CACHE_CONTROL], "no-store", "{what}: personal, never cached");
        assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "{what}: no HSTS in development");
    }
    // The stylesheet and the islands' loader are the same for everyone.
    let (_, h, _) = app.call(get_req("/static/sijill.css")).await;
    assert_eq!(h[header::CACHE_CONTROL], "public, max-age=3600");
    let (s, h, b) = app.call(get_req("/static/islands.js")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    assert!(String::from_utf8(b).unwrap().contains("/${pkg_path}/${output_name}.js"));
}

#[tokio::test]
async fn production_adds_hsts() {
    use sijill_backend::http::security_headers;
    let app = |production: bool| {
        Router::new().route("/", get(|| async { "ok" })).layer(axum::middleware::from_fn(move |req: Request<Body>, next: axum::middleware::Next| security_headers::add(production, req, next)))
    };
    let res = app(true).oneshot(get_req("/")).await.unwrap();
    assert_eq!(res.headers()[header::STRICT_TRANSPORT_SECURITY], "max-age=63072000; includeSubDomains");
    let res = app(false).oneshot(get_req("/")).await.unwrap();
    assert!(res.headers().get(header::STRICT_TRANSPORT_SECURITY).is_none());
}

async fn boom() -> &'static str {
    panic!("page * per_page overflowed")
}

#[tokio::test]
async fn a_panicking_handler_answers_the_usual_500() {
    use sijill_backend::http::error::{localize, panic_response};
    let app = Router::new()
        .route("/boom", get(boom))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn(localize));
    let req = Request::get("/boom").header(header::ACCEPT_LANGUAGE, "ar").body(Body::empty()).unwrap();
    let res = app.oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["error"], "internal");
    assert_eq!(v["message"], "خطأ داخلي؛ حاول لاحقًا.");
}

#[tokio::test]
async fn numeric_query_values_are_bounded() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk@demo.test").await;
    let (s, v) = app.get("/api/v1/bureau/entries?page=0", Some(&clerk)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    for (path, why) in [
        ("/api/v1/bureau/entries?page=9223372036854775808", "page * per_page overflowed and dropped the connection"),
        ("/api/v1/bureau/entries?page=10000", "past the deepest page"),
        ("/api/v1/bureau/entries?page=18446744073709551616", "past u64"),
        ("/api/v1/bureau/entries?page=-1", "negative"),
        ("/api/v1/bureau/entries?page=abc", "not a number"),
        ("/api/v1/parapheur/folders?administration_id=99999999999", "past i32"),
        ("/api/v1/search?page=251", "past the search's deepest page"),
    ] {
        let (s, v) = app.get(path, Some(&clerk)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{why}: {path}: {v}");
        assert_eq!(v["error"], "invalid_value", "{why}: {v}");
        assert!(!v["message"].as_str().unwrap().is_empty());
    }
    let r = Request::get("/api/v1/bureau/entries?page=abc").header(header::AUTHORIZATION, format!("Bearer {clerk}")).header(header::ACCEPT_LANGUAGE, "zgh").body(Body::empty()).unwrap();
    let (_, v) = app.json(r).await;
    assert!(v["message"].as_str().unwrap().contains("ⴰⵣⴰⵍ"), "in the user's language: {v}");
}

#[tokio::test]
async fn next_stays_on_this_site() {
    let app = TestApp::new().await;
    for (next, to) in [
        ("/%09/evil.example", "/"),
        ("/%0a/evil.example", "/"),
        ("/%0d%0aSet-Cookie:%20x=y", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("https://evil.example/", "/"),
        ("/file?x=1", "/file?x=1"),
    ] {
        let (s, h, _) = app.call(get_req(&format!("/lang/ar?next={next}"))).await;
        assert!(s.is_redirection(), "{next}: {s}");
        assert_eq!(h[header::LOCATION], to, "{next}");
        assert!(h.get_all(header::SET_COOKIE).iter().all(|c| !c.to_str().unwrap().starts_with("x=")), "{next}");
    }
    let (s, _, b) = app.call(get_req("/signin?next=/%09/evil.example")).await;
    assert_eq!(s, StatusCode::OK);
    let html = String::from_utf8(b).unwrap();
    assert!(html.contains(r#"name="next" value="/""#), "the sign-in form goes back home: {html}");
}

#[tokio::test]
async fn json_bodies_are_small_uploads_keep_their_limit() {
    let app = TestApp::new().await;
    let big = json!({"email": "citizen@demo.test", "password": "x".repeat(2 * 1024 * 1024)}).to_string();
    for with_length in [false, true] {
        let mut r = Request::post("/api/v1/auth/login").header(header::CONTENT_TYPE, "application/json").header(header::ACCEPT_LANGUAGE, "en");
        if with_length {
            r = r.header(header::CONTENT_LENGTH, big.len());
        }
        let (s, v) = app.json(r.body(Body::from(big.clone())).unwrap()).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
        assert_eq!(v["error"], "body_too_large");
        assert_eq!(v["message"], "The request is larger than 1024 KB.");
    }
    // A body of unknown length, streamed: stopped at the limit all the same.
    let chunks = futures::stream::iter((0..40).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 64 * 1024]))));
    let r = Request::post("/api/v1/auth/login").header(header::CONTENT_TYPE, "application/json").body(Body::from_stream(chunks)).unwrap();
    let (s, v) = app.json(r).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("body_too_large")), "{v}");
    // An upload of 2 MB still goes through.
    let token = app.login("citizen@demo.test").await;
    let (s, v) = app.file(&token, &[("lettre.pdf", fixtures::pdf("Lettre", 2 * 1024 * 1024))], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}

/// A real server on a loopback port, with short timeouts.
async fn spawn_server(app: &TestApp) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = sijill_backend::http::serve::ConnLimits { header_read_timeout: Duration::from_secs(1) };
    let router = app.router.clone();
    tokio::spawn(sijill_backend::http::serve::serve(listener, router, limits, std::future::pending()));
    addr
}

/// Reads until the server closes the connection; what it sent.
async fn until_closed(s: &mut tokio::net::TcpStream, within: Duration) -> String {
    let mut out = Vec::new();
    tokio::time::timeout(within, s.read_to_end(&mut out)).await.expect("the server closes the connection in time").ok();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn slow_clients_are_cut_off() {
    let app = TestApp::with(|f| f.merge(Serialized::default("server.body_read_timeout_secs", 1))).await;
    let addr = spawn_server(&app).await;

    // Headers sent a little at a time: closed after the header timeout.
    let t = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..20 {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        slow.push(s);
    }
    for s in &mut slow {
        until_closed(s, Duration::from_secs(5)).await;
    }
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());

    // A body that stops coming: the request fails after the body timeout and the
    // connection is closed.
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":").await.unwrap();
    let t = Instant::now();
    let answer = until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(t.elapsed() >= Duration::from_millis(900), "{:?}", t.elapsed());
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");

    // Meanwhile a normal client is served.
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
    let answer = until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("content-security-policy"), "{answer}");
}

#[tokio::test]
async fn names_keep_no_hidden_characters() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk@demo.test").await;
    for name in ["Atlas\u{202E}lisnoC", "\u{2066}Atlas\u{2069}", "Atlas\u{7}", "Atlas\u{9b}"] {
        let r = Request::post("/api/v1/correspondents?administration=DEMO")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {clerk}"))
            .header(header::ACCEPT_LANGUAGE, "ar")
            .body(Body::from(json!({"name": name}).to_string()))
            .unwrap();
        let (s, v) = app.json(r).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("hidden_characters")), "{name:?}: {v}");
        assert!(v["message"].as_str().unwrap().contains("رموز خفية"), "{v}");
    }
    let token = app.login("citizen@demo.test").await;
    let (s, v) = app.file(&token, &[("facture\u{202E}fdp.exe\u{200F}.pdf", fixtures::pdf("Lettre", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, f) = app.get(&format!("/api/v1/filings/{}", v["id"].as_str().unwrap()), Some(&token)).await;
    assert_eq!(f["documents"][0]["name"], "facturefdp.exe.pdf", "{f}");
}
