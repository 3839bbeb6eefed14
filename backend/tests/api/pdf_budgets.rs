//! Untrusted PDFs under budgets: a hostile file sent to the public verification gets a 422
//! naming the limit (in the caller's language), a full gate a 503 with `Retry-After`, and
//! at intake a truncated or hostile PDF is refused with nothing stored.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use sijill_signing::hostile;
use std::time::{Duration, Instant};

fn multipart_file(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "budget-boundary";
    let mut b = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n").into_bytes();
    b.extend_from_slice(bytes);
    b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

async fn verify(app: &TestApp, pdf: &[u8], lang: &str) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    let (ct, body) = multipart_file("x.pdf", pdf);
    let req = Request::post("/api/v1/verify")
        .header(header::CONTENT_TYPE, ct)
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(body))
        .unwrap();
    let (s, h, b) = app.call(req).await;
    (s, h, serde_json::from_slice(&b).unwrap_or_default())
}

#[tokio::test]
async fn hostile_files_sent_to_verify_get_422_naming_the_limit() {
    let app = TestApp::new().await;
    for (name, pdf, limit) in hostile::corpus() {
        let t = Instant::now();
        let (s, _, v) = verify(&app, &pdf, "fr").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {v}");
        assert_eq!(v["error"], "pdf_limit_exceeded", "{name}: {v}");
        assert!(v["message"].as_str().unwrap().contains(limit.key()), "{name}: {v}");
        assert!(t.elapsed() < Duration::from_secs(10), "{name}: {:?}", t.elapsed());
    }
    let pdf = hostile::signatures_times_changes(60, 2000);
    for (lang, text) in [("ar", "الحد: changed_objects"), ("zgh", "ⴰⵜⵜⴰⵢ: changed_objects"), ("en", "limit: changed_objects")] {
        let (s, h, v) = verify(&app, &pdf, lang).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(v["message"].as_str().unwrap().contains(text), "{lang}: {v}");
        assert_eq!(h[header::CONTENT_LANGUAGE], lang);
    }
    // A truncated file is not a PDF the verifier can read: 400, as before.
    let (s, _, v) = verify(&app, &hostile::truncated(&hostile::sound(), 0.6), "fr").await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("not_a_pdf")));
}

#[tokio::test]
async fn a_full_gate_answers_503_with_retry_after() {
    use figment::providers::Serialized;
    let app = TestApp::with(|f| {
        f.merge(Serialized::default("pdf.max_concurrent", 1))
            .merge(Serialized::default("pdf.max_waiting", 0))
            .merge(Serialized::default("pdf.wait_secs", 3))
    })
    .await;
    let held = app.state.svc.pdf_work.slot().await.unwrap();
    let (s, h, v) = verify(&app, &hostile::sound(), "en").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["error"], "busy");
    assert_eq!(h[header::RETRY_AFTER], "3");
    drop(held);
    let (s, _, v) = verify(&app, &hostile::sound(), "en").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["valid"], false, "no signatures: {v}");
}

#[tokio::test]
async fn truncated_and_hostile_pdfs_are_refused_at_filing_intake_with_nothing_stored() {
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let good = common::fixtures::pdf("ok", 0);
    for keep in [0.5, 0.9, 0.995] {
        let cut = hostile::truncated(&good, keep);
        let (s, v) = app.file(&token, &[("a.pdf", good.clone()), ("lettre.pdf", cut)], None).await;
        assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{keep}: {v}");
        assert_eq!(v["error"], "corrupt_document", "{keep}: {v}");
        assert!(v["message"].as_str().unwrap().contains("lettre.pdf"), "{v}");
        assert_eq!(app.stored().await, (0, 0, vec![]), "{keep}: nothing stored");
    }
    let t = Instant::now();
    let (s, v) = app.file_with(&token, "DEMO", "Objet", &[("bombe.pdf", hostile::objstm_bomb())], None, Some("ar")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"], "pdf_limit_exceeded");
    let msg = v["message"].as_str().unwrap();
    assert!(msg.contains("bombe.pdf") && msg.contains("decoded_bytes"), "{msg}");
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert_eq!(app.stored().await, (0, 0, vec![]));
    let (s, v) = app.file(&token, &[("a.pdf", good)], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}
