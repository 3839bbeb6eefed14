//! Bad files and limits: a clear 4xx with a message in the user's language, and nothing
//! stored (no filing row, no document row, no file).

use crate::common;

use axum::http::StatusCode;
use common::{fixtures, TestApp};

async fn small_limits() -> TestApp {
    use figment::providers::Serialized;
    TestApp::with(|f| {
        f.merge(Serialized::default("filings.max_documents", 2))
            .merge(Serialized::default("filings.max_document_bytes", 200_000))
            .merge(Serialized::default("filings.max_total_bytes", 300_000))
    })
    .await
}

#[tokio::test]
async fn rejected_submissions_store_nothing() {
    let app = small_limits().await;
    let token = app.login("citizen@demo.test").await;
    let good = fixtures::pdf("ok", 0);
    let mut truncated_png = fixtures::png();
    truncated_png.truncate(30);
    let cases: Vec<(&str, Vec<(&str, Vec<u8>)>, StatusCode, &str)> = vec![
        ("text named .pdf", vec![("lettre.pdf", b"Bonjour, ceci n'est pas un PDF".to_vec())], StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_type"),
        ("broken PDF", vec![("lettre.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF".to_vec())], StatusCode::UNSUPPORTED_MEDIA_TYPE, "corrupt_document"),
        ("truncated PNG", vec![("scan.png", truncated_png)], StatusCode::UNSUPPORTED_MEDIA_TYPE, "corrupt_document"),
        ("good then bad", vec![("a.pdf", good.clone()), ("b.exe", b"MZ\x90\x00".to_vec())], StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_type"),
        ("too many", vec![("a.pdf", good.clone()), ("b.pdf", good.clone()), ("c.pdf", good.clone())], StatusCode::PAYLOAD_TOO_LARGE, "too_many_documents"),
        ("too large", vec![("big.pdf", fixtures::pdf("big", 250_000))], StatusCode::PAYLOAD_TOO_LARGE, "document_too_large"),
        ("too large together", vec![("a.pdf", fixtures::pdf("a", 160_000)), ("b.pdf", fixtures::pdf("b", 160_000))], StatusCode::PAYLOAD_TOO_LARGE, "total_too_large"),
        ("no documents", vec![], StatusCode::BAD_REQUEST, "no_documents"),
    ];
    for (what, docs, status, code) in cases {
        let (s, v) = app.file(&token, &docs, None).await;
        assert_eq!(s, status, "{what}: {v}");
        assert_eq!(v["error"], code, "{what}: {v}");
        assert!(!v["message"].as_str().unwrap().is_empty());
        assert_eq!(app.stored().await, (0, 0, vec![]), "{what}: nothing stored");
    }
    let (s, v) = app.file_with(&token, "NOPE", "Objet", &[("a.pdf", good.clone())], None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("unknown_administration")));
    let (s, v) = app.file_with(&token, "DEMO", "  ", &[("a.pdf", good.clone())], None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("missing_field")));
    assert_eq!(app.stored().await, (0, 0, vec![]));

    // After all that, the first accepted filing still gets number 1.
    let (s, v) = app.file(&token, &[("a.pdf", good)], None).await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(v["number"].as_str().unwrap().ends_with("-A-000001"));
}

#[tokio::test]
async fn error_messages_follow_the_users_language() {
    let app = small_limits().await;
    let token = app.login("citizen@demo.test").await;
    let bad = [("x.pdf", b"plain text".to_vec())];
    let expect = [(None, "n'est ni un PDF"), (Some("ar"), "ليس ملف PDF"), (Some("zgh"), "ⵓⵔ ⵉⴳⵉ"), (Some("en-GB,en;q=0.8"), "is not a PDF")];
    for (lang, text) in expect {
        let (_, v) = app.file_with(&token, "DEMO", "Objet", &bad, None, lang).await;
        assert!(v["message"].as_str().unwrap().contains(text), "{lang:?}: {v}");
    }
}
