//! Health, OpenAPI, configuration errors and accounts.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{fixtures, TestApp};
use figment::providers::Serialized;
use serde_json::json;
use sijill_backend::config::Config;

#[tokio::test]
async fn health_names_the_database_in_use() {
    let app = TestApp::new().await;
    let (s, v) = app.get("/healthz", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["database"], app.backend);
}

#[tokio::test]
async fn openapi_lists_every_json_endpoint() {
    let app = TestApp::new().await;
    let (s, doc) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/healthz", "get"),
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/auth/logout-everywhere", "post"),
        ("/api/v1/auth/signup", "post"),
        ("/api/v1/auth/verify-email", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/catalogue", "get"),
        ("/api/v1/verify", "post"),
        ("/api/v1/filings", "post"),
        ("/api/v1/filings", "get"),
        ("/api/v1/filings/{id}", "get"),
        ("/api/v1/filings/{id}/receipt.pdf", "get"),
    ] {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} missing from OpenAPI");
        // Each documented path really is routed (not 404 from the fallback).
        let req = Request::builder().method(method.to_uppercase().as_str()).uri(path.replace("{id}", "x")).body(Body::empty()).unwrap();
        let (s, _, _) = app.call(req).await;
        assert!(s != StatusCode::NOT_FOUND || path.contains("{id}"), "{method} {path} is not routed: {s}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

/// Random-looking values as an operator would generate them (`openssl rand`).
const SECRET: &str = "pQ7vX2mK9sLw4RtY8bNc3HdJ6fGz1AeU";
const KEK: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// A production configuration that passes, to which `pairs` are added.
fn production_error(pairs: &[(&str, serde_json::Value)]) -> String {
    let mut all = vec![
        ("mode", json!("production")),
        ("seed.demo", json!(false)),
        ("server.secret", json!(SECRET)),
        ("parapheur.key_encryption_key", json!(KEK)),
        ("server.secure_cookies", json!(true)),
        ("server.public_url", json!("https://sijill.example.ma")),
    ];
    all.extend(pairs.iter().cloned());
    config_error(&all)
}

#[test]
fn production_refuses_published_weak_or_insecure_settings() {
    let mut fig = Config::figment(None).unwrap();
    for (k, v) in [
        ("mode", json!("production")),
        ("seed.demo", json!(false)),
        ("server.secret", json!(SECRET)),
        ("parapheur.key_encryption_key", json!(KEK)),
        ("server.secure_cookies", json!(true)),
        ("server.public_url", json!("https://sijill.example.ma")),
    ] {
        fig = fig.merge(Serialized::default(k, v));
    }
    Config::extract(fig).expect("a sound production configuration");
    for (key, value) in [
        ("server.secret", "DEVELOPMENT-SECRET-DO-NOT-USE-IN-PRODUCTION"),
        ("server.secret", "  development-secret-do-not-use-in-production "),
        ("server.secret", "CHANGE-ME-to-a-long-random-string-of-32+-characters"),
        ("server.secret", "change-me-please-1234567890abcdefghij"),
        ("server.secret", "abababababababababababababababababab"),
        ("server.secret", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ("parapheur.key_encryption_key", "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"),
        ("parapheur.key_encryption_key", "cef45cbd0a7b980278ede05e7abcb97ff38d02ed67132750b151524df3862a4c"),
        ("parapheur.key_encryption_key", "0000000000000000000000000000000000000000000000000000000000000000"),
    ] {
        let e = production_error(&[(key, json!(value))]);
        assert!(e.contains(key), "{key} = {value:?} must be refused naming the key: {e}");
    }
    let e = production_error(&[("server.secure_cookies", json!(false))]);
    assert!(e.contains("server.secure_cookies"), "{e}");
    for url in ["http://sijill.example.ma", "HTTP://sijill.example.ma", "https://"] {
        let e = production_error(&[("server.public_url", json!(url))]);
        assert!(e.contains("server.public_url"), "{url}: {e}");
    }
    let e = production_error(&[("smtp.password", json!("CHANGE-ME"))]);
    assert!(e.contains("smtp.password"), "{e}");
    let e = production_error(&[("database.url", json!("postgres://sijill:CHANGE-ME@db/sijill"))]);
    assert!(e.contains("database.url"), "{e}");
}

fn config_error(pairs: &[(&str, serde_json::Value)]) -> String {
    let mut fig = Config::figment(None).unwrap();
    for (k, v) in pairs {
        fig = fig.merge(Serialized::default(k, v.clone()));
    }
    Config::extract(fig).expect_err("config must be refused").to_string()
}

#[test]
fn configuration_errors_name_the_key() {
    let e = config_error(&[("server.colour", json!("blue"))]);
    assert!(e.contains("server.colour"), "{e}");
    let e = config_error(&[("server.bind", json!("not an address"))]);
    assert!(e.contains("server.bind"), "{e}");
    let e = config_error(&[("filings.max_documents", json!(0))]);
    assert!(e.contains("filings.max_documents"), "{e}");
    let e = config_error(&[("database.url", json!("mysql://x"))]);
    assert!(e.contains("database.url"), "{e}");
    let e = config_error(&[("mode", json!("production"))]);
    assert!(e.contains("seed.demo"), "production refuses the demo seed: {e}");
    let e = config_error(&[("mode", json!("production")), ("seed.demo", json!(false))]);
    assert!(e.contains("server.secret"), "production refuses the dev secret: {e}");
    let e = config_error(&[("mode", json!("production")), ("seed.demo", json!(false)), ("server.secret", json!(SECRET)), ("pki.seal_p12", json!("/etc/seal.p12"))]);
    assert!(e.contains("pki.tsa_url"), "a seal without a timestamp service is refused: {e}");
    let e = config_error(&[("mode", json!("production")), ("seed.demo", json!(false)), ("server.secret", json!(SECRET))]);
    assert!(e.contains("parapheur.key_encryption_key"), "production refuses the development keystore key: {e}");
    let example = || Config::figment(Some(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../config/production.example.toml")))).unwrap();
    let e = Config::extract(example()).expect_err("the example's published values are refused").to_string();
    assert!(e.contains("server.secret"), "{e}");
    let ok = example()
        .merge(Serialized::default("server.secret", SECRET))
        .merge(Serialized::default("parapheur.key_encryption_key", KEK))
        .merge(Serialized::default("smtp.password", "s3cr3t-smtp-Pa55"))
        .merge(Serialized::default("database.url", "postgres://sijill:Vq8pL2xR@db.internal/sijill"));
    assert!(Config::extract(ok).is_ok(), "the production example with its own secrets is valid");
    let ok = Config::figment(None).unwrap();
    assert!(Config::extract(ok).is_ok(), "the shipped defaults are valid");
}

#[tokio::test]
async fn login_gives_a_token_and_a_session_cookie() {
    let app = TestApp::new().await;
    let req = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"email": "Citizen@Demo.test", "password": "demo-password"}).to_string()))
        .unwrap();
    let (s, headers, body) = app.call(req).await;
    assert_eq!(s, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let token = v["token"].as_str().unwrap();
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("sijill_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");

    // The cookie alone authenticates too.
    let req = Request::get("/api/v1/me").header(header::COOKIE, format!("sijill_session={token}")).body(Body::empty()).unwrap();
    let (s, me) = app.json(req).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["email"], "citizen@demo.test");
    assert_eq!(me["roles"][0]["role"], "filer");

    let (s, v) = app.post_json("/api/v1/auth/login", json!({"email": "citizen@demo.test", "password": "wrong"})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_credentials")));
    let (s, v) = app.post_json("/api/v1/auth/login", json!({"email": "nobody@demo.test", "password": "demo-password"})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_credentials")));

    // Logout revokes the token.
    let req = Request::post("/api/v1/auth/logout").header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    assert_eq!(app.call(req).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/me", Some(token)).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_up_then_verify_the_email_before_filing() {
    const PASSWORD: &str = "ochre-tambourine-glacier-47";
    let app = TestApp::new().await;
    let (s, v) = app.post_json("/api/v1/auth/signup", json!({"email": "new@demo.test", "password": "short", "display_name": "Nouveau"})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("weak_password")));
    let (s, v) = app.post_json("/api/v1/auth/signup", json!({"email": "new@demo.test", "password": PASSWORD, "display_name": "Nouveau", "lang": "ar"})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    // Before verification: no token at all (403 saying so).
    let (s, v) = app.post_json("/api/v1/auth/login", json!({"email": "new@demo.test", "password": PASSWORD})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::FORBIDDEN, Some("email_not_verified")), "{v}");

    // The verification link is in the queued e-mail, in the chosen language.
    let mails = sijill_backend::db::outbox::all(&app.state.svc.db.conn).await.unwrap();
    let mail = mails.iter().find(|m| m.recipient == "new@demo.test").expect("verification e-mail queued");
    assert!(mail.subject.contains("أكّد"), "{}", mail.subject);
    let link_token = mail.body.split("token=").nth(1).unwrap().split_whitespace().next().unwrap();
    let (s, _) = app.post_json("/api/v1/auth/verify-email", json!({"token": "forged"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.post_json("/api/v1/auth/verify-email", json!({"token": link_token})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.post_json("/api/v1/auth/verify-email", json!({"token": link_token})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "a link works once");

    let (s, v) = app.post_json("/api/v1/auth/login", json!({"email": "new@demo.test", "password": PASSWORD})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let token = v["token"].as_str().unwrap().to_owned();
    let (s, v) = app.file(&token, &[("a.pdf", fixtures::pdf("a", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn the_catalogue_is_searchable_in_every_language() {
    let app = TestApp::new().await;
    let (_, all) = app.get("/api/v1/catalogue", None).await;
    assert_eq!(all[0]["code"], "DEMO");
    assert!(all[0]["services"].as_array().unwrap().len() >= 5);
    for q in ["reclamation", "شكاية", "ⴰⵙⵙⵓⵎⵔ", "complaint"] {
        let (_, v) = app.get(&format!("/api/v1/catalogue?q={}", urlencode(q)), None).await;
        let services = v[0]["services"].as_array().unwrap();
        assert_eq!(services.len(), 1, "{q}: {v}");
        assert_eq!(services[0]["code"], "RECLAMATION");
        assert_eq!(services[0]["response_days"], 60);
    }
    let (_, none) = app.get("/api/v1/catalogue?q=zzzz", None).await;
    assert_eq!(none.as_array().unwrap().len(), 0);
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
