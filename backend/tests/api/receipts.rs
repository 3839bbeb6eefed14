//! The receipt is a PDF sealed at PAdES B-T that the verifier accepts against the dev root.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{fixtures, TestApp};

#[tokio::test]
async fn the_receipt_is_sealed_and_verifies() {
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let (s, v) = app.file(&token, &[("lettre.pdf", fixtures::pdf("Lettre", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let url = v["receipt_url"].as_str().unwrap();
    let req = Request::get(url).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    let (s, headers, pdf) = app.call(req).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let (_, f) = app.get(&format!("/api/v1/filings/{}", v["id"].as_str().unwrap()), Some(&token)).await;
    assert_eq!(f["receipt_ready"], true);

    if let Ok(path) = std::env::var("SIJILL_TEST_SAVE_RECEIPT") {
        std::fs::write(path, &pdf).unwrap();
    }
    // Anyone can verify it on the public endpoint.
    let (ct, body) = multipart_file("receipt.pdf", &pdf);
    let (s, report) = app.json(Request::post("/api/v1/verify").header(header::CONTENT_TYPE, ct).body(Body::from(body)).unwrap()).await;
    assert_eq!(s, StatusCode::OK, "{report}");
    assert_eq!(report["valid"], true, "{report:#}");
    let sigs = report["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 1);
    assert!(sigs[0]["timestamp_time"].is_string(), "B-T carries a timestamp: {:#}", sigs[0]);

    // The QR link's verification.
    let (number, report) = app.state.svc.verify_receipt(v["id"].as_str().unwrap()).await.unwrap();
    assert_eq!(number, v["number"].as_str().unwrap());
    assert_eq!(report["valid"], true);

    // Independent validators agree (pyHanko and poppler's pdfsig, installed by install-deps.sh).
    independent_validators(&app, &pdf);

    // A changed byte inside the signed range is caught.
    let mut tampered = pdf.clone();
    let pos = tampered.windows(6).position(|w| w == b"/Pages").unwrap();
    tampered[pos + 1] = b'Q';
    let (ct, body) = multipart_file("receipt.pdf", &tampered);
    let (_, report) = app.json(Request::post("/api/v1/verify").header(header::CONTENT_TYPE, ct).body(Body::from(body)).unwrap()).await;
    assert_ne!(report["valid"], true);

    // Not a PDF: a clear 400.
    let (ct, body) = multipart_file("x.txt", b"hello");
    let (s, err) = app.json(Request::post("/api/v1/verify").header(header::CONTENT_TYPE, ct).body(Body::from(body)).unwrap()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(err["error"], "not_a_pdf");
}

fn multipart_file(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "verify-boundary";
    let mut b = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n").into_bytes();
    b.extend_from_slice(bytes);
    b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

fn independent_validators(app: &TestApp, pdf: &[u8]) {
    use std::process::Command;
    let dir = app.dir.path();
    let file = dir.join("receipt.pdf");
    std::fs::write(&file, pdf).unwrap();
    let root = common::shared_pki_dir().join("root.pem");
    let out = Command::new("pyhanko")
        .args(["sign", "validate", "--no-revocation-check", "--trust-replace", "--trust"])
        .arg(&root)
        .arg(&file)
        .output()
        .expect("pyhanko is installed (requirements-test.txt)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pyhanko: {text} {}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("INTACT:TRUSTED") && text.contains("TIMESTAMP_TOKEN<INTACT:TRUSTED>"), "{text}");

    let nss = dir.join("nss");
    std::fs::create_dir_all(&nss).unwrap();
    let db = format!("sql:{}", nss.display());
    assert!(Command::new("certutil").args(["-N", "-d", &db, "--empty-password"]).status().expect("certutil (libnss3-tools)").success());
    assert!(Command::new("certutil").args(["-A", "-d", &db, "-n", "root", "-t", "CT,C,C", "-i"]).arg(&root).status().unwrap().success());
    let out = Command::new("pdfsig").args(["-nssdir", &db]).arg(&file).output().expect("pdfsig (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Signature is Valid.") && text.contains("Certificate is Trusted.") && text.contains("Total document signed"), "{text}");
}
