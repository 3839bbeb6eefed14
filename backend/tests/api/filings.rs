//! Registration, idempotency and authorisation through the real router.

use crate::common;

use axum::http::StatusCode;
use chrono::Datelike;
use common::{fixtures, TestApp};

#[tokio::test]
async fn a_filing_is_registered_with_the_next_number_and_its_documents() {
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let pdf = fixtures::pdf("Lettre", 0);
    let (s, v) = app.file(&token, &[("lettre.pdf", pdf.clone()), ("scan.png", fixtures::png())], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let year = chrono::Utc::now().year();
    assert_eq!(v["number"], format!("DEMO-{year}-A-000001"));
    assert_eq!(v["status"], "registered");
    let id = v["id"].as_str().unwrap();
    assert_eq!(v["receipt_url"], format!("/api/v1/filings/{id}/receipt.pdf"));

    let (s, f) = app.get(&format!("/api/v1/filings/{id}"), Some(&token)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(f["administration"], "DEMO");
    assert_eq!(f["service"], "ATTESTATION");
    assert_eq!(f["subject"], "Demande d'attestation");
    let docs = f["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["name"], "lettre.pdf");
    assert_eq!(docs[0]["content_type"], "application/pdf");
    assert_eq!(docs[0]["size"], pdf.len());
    assert_eq!(docs[0]["sha256"], sijill_backend::storage::Storage::sha256_hex(&pdf));
    assert_eq!(docs[1]["content_type"], "image/png");
    // The stored bytes are the uploaded bytes.
    assert_eq!(app.state.svc.storage.get(docs[0]["sha256"].as_str().unwrap()).unwrap(), pdf);

    let (s, _) = app.file(&token, &[("deux.pdf", fixtures::pdf("Deux", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, list) = app.get("/api/v1/filings", Some(&token)).await;
    let numbers: Vec<&str> = list.as_array().unwrap().iter().map(|f| f["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, vec![format!("DEMO-{year}-A-000002"), format!("DEMO-{year}-A-000001")]);
}

#[tokio::test]
async fn the_same_idempotency_key_returns_the_same_filing() {
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let doc = [("a.pdf", fixtures::pdf("A", 0))];
    let (s1, v1) = app.file(&token, &doc, Some("form-123")).await;
    let (s2, v2) = app.file(&token, &doc, Some("form-123")).await;
    assert_eq!(s1, StatusCode::CREATED);
    assert_eq!(s2, StatusCode::OK, "a replay is not a new creation");
    assert_eq!(v1["id"], v2["id"]);
    assert_eq!(v1["number"], v2["number"]);
    assert_eq!(app.stored().await.0, 1);

    // Concurrent replays of one key still make one filing.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (router, token) = (app.router.clone(), token.clone());
        let state = app.state.clone();
        tasks.push(tokio::spawn(async move {
            let app = TestApp { state, router, dir: tempfile::tempdir().unwrap(), backend: "" };
            app.file(&token, &[("b.pdf", fixtures::pdf("B", 0))], Some("form-456")).await
        }));
    }
    let mut ids = std::collections::BTreeSet::new();
    for t in tasks {
        let (s, v) = t.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::OK, "{s} {v}");
        ids.insert(v["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(app.stored().await.0, 2);

    // Another filer's identical key is another filing.
    let other = app.login("citizen2@demo.test").await;
    let (s, v3) = app.file(&other, &doc, Some("form-123")).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_ne!(v3["id"], v1["id"]);
}

#[tokio::test]
async fn nobody_reaches_another_filers_filing() {
    let app = TestApp::new().await;
    let alice = app.login("citizen@demo.test").await;
    let bob = app.login("citizen2@demo.test").await;
    let (_, v) = app.file(&alice, &[("a.pdf", fixtures::pdf("A", 0))], None).await;
    let id = v["id"].as_str().unwrap();
    for path in [format!("/api/v1/filings/{id}"), format!("/api/v1/filings/{id}/receipt.pdf")] {
        let (s, body) = app.get(&path, Some(&bob)).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {body}");
        assert_eq!(body["error"], "not_found");
        let (s, _) = app.get(&path, None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path} without a token");
        let (s, _) = app.get(&path, Some("not-a-token")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let (_, list) = app.get("/api/v1/filings", Some(&bob)).await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    let (s, _) = app.get(&format!("/api/v1/filings/{id}"), Some(&alice)).await;
    assert_eq!(s, StatusCode::OK);
}
