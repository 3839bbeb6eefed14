//! Test harness: a real application (router, database, storage, dev PKI) per test, on
//! SQLite by default or on a fresh PostgreSQL database when `SIJILL_TEST_DATABASE_URL` is
//! set (see scripts/with-postgres.sh). Requests go through the real router.
#![allow(dead_code)]

pub mod fixtures;
pub mod pages;
pub mod smtp;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use figment::providers::Serialized;
use http_body_util::BodyExt;
use serde_json::Value;
use sijill_backend::config::Config;
use sijill_backend::http::{self, AppState};
use tower::ServiceExt;

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub dir: tempfile::TempDir,
    pub backend: &'static str,
}

/// A fresh database URL: a SQLite file in `dir`, or a new PostgreSQL database.
async fn fresh_database(dir: &std::path::Path) -> (String, &'static str) {
    match std::env::var("SIJILL_TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            use sqlx::Connection;
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            let mut c = sqlx::PgConnection::connect(&admin_url).await.expect("connect to test PostgreSQL");
            sqlx::Executor::execute(&mut c, format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_owned()).expect("url with a database");
            (format!("{base}/{name}"), "postgresql")
        }
        _ => (format!("sqlite://{}/sijill.db", dir.display()), "sqlite"),
    }
}

/// The development PKI is shared by the tests of one run (creating keys takes a while);
/// `DevPki::load_or_create` locks its directory, so concurrent tests are safe.
pub fn shared_pki_dir() -> std::path::PathBuf {
    std::env::temp_dir().join("sijill-test-pki")
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with(|f| f).await
    }

    /// Builds an app; `tweak` may merge extra configuration.
    pub async fn with(tweak: impl FnOnce(figment::Figment) -> figment::Figment) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let (url, backend) = fresh_database(dir.path()).await;
        let fig = Config::figment(None)
            .expect("defaults")
            .merge(Serialized::default("database.url", url))
            .merge(Serialized::default("storage.data_dir", dir.path().join("data")))
            .merge(Serialized::default("pki.dir", shared_pki_dir()));
        let config = Config::extract(tweak(fig)).expect("test config");
        let state = sijill_backend::app::build(config).await.expect("app builds");
        let router = http::router(state.clone());
        TestApp { state, router, dir, backend }
    }

    pub async fn call(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let res = self.router.clone().oneshot(req).await.expect("router never fails");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.expect("body").to_bytes().to_vec();
        (status, headers, body)
    }

    /// A bearer-authenticated JSON request (`body` sent as JSON when given).
    pub async fn send(&self, method: &str, path: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut r = Request::builder().method(method).uri(path).header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"));
        let body = match body {
            Some(b) => {
                r = r.header(axum::http::header::CONTENT_TYPE, "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        self.json(r.body(body).unwrap()).await
    }

    pub async fn json(&self, req: Request<Body>) -> (StatusCode, Value) {
        let (s, _, b) = self.call(req).await;
        let v = serde_json::from_slice(&b).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&b).into_owned()));
        (s, v)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut r = Request::get(path);
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.json(r.body(Body::empty()).unwrap()).await
    }

    pub async fn post_json(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let req = Request::post(path).header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap();
        self.json(req).await
    }

    /// Signs in through the API and returns the bearer token.
    pub async fn login(&self, email: &str) -> String {
        let (s, v) = self.post_json("/api/v1/auth/login", serde_json::json!({"email": email, "password": "demo-password"})).await;
        assert_eq!(s, StatusCode::OK, "login {email}: {v}");
        v["token"].as_str().expect("token").to_owned()
    }

    /// Submits a filing to DEMO with the given documents (name, bytes).
    pub async fn file(&self, token: &str, docs: &[(&str, Vec<u8>)], key: Option<&str>) -> (StatusCode, Value) {
        self.file_with(token, "DEMO", "Demande d'attestation", docs, key, None).await
    }

    pub async fn file_with(&self, token: &str, admin: &str, subject: &str, docs: &[(&str, Vec<u8>)], key: Option<&str>, lang: Option<&str>) -> (StatusCode, Value) {
        let mut fields = vec![("administration", admin.to_owned()), ("subject", subject.to_owned()), ("message", "Bonjour, ci-joint ma demande.".to_owned())];
        fields.push(("service", "ATTESTATION".to_owned()));
        let (ct, body) = fixtures::multipart(&fields, docs);
        let mut r = Request::post("/api/v1/filings").header(header::CONTENT_TYPE, ct).header(header::AUTHORIZATION, format!("Bearer {token}"));
        if let Some(k) = key {
            r = r.header("Idempotency-Key", k);
        }
        if let Some(l) = lang {
            r = r.header(header::ACCEPT_LANGUAGE, l);
        }
        self.json(r.body(Body::from(body)).unwrap()).await
    }

    /// How many filings, documents and outbox rows exist, and the stored blobs.
    pub async fn stored(&self) -> (usize, usize, Vec<String>) {
        use sea_orm::{EntityTrait, PaginatorTrait};
        use sijill_backend::db::entities::{document, filing};
        let c = &self.state.svc.db.conn;
        let f = filing::Entity::find().count(c).await.unwrap() as usize;
        let d = document::Entity::find().count(c).await.unwrap() as usize;
        (f, d, self.state.svc.storage.list().unwrap())
    }
}
