//! A two-signatory parapheur folder where the second official's key is on a remote CSC
//! service (certomancer-csc-dummy, started by scripts/test-signing.sh, which sets
//! SIJILL_TEST_CSC_URL): the first signs with a PKCS#12 key from the development PKI, the
//! second through CSC; both signatures must stay valid. With SIJILL_TEST_OUT_DIR the signed
//! file and the development root are written there for pyHanko and pdfsig to judge
//! (signing/tests/validators/test_parapheur.py). Skips without SIJILL_TEST_CSC_URL.

use crate::common;
use crate::parapheur_support as support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;
use figment::providers::Serialized;
use sijill_signing::signer::csc::{CscAuth, CscSigner};
use sijill_signing::Signer;
use support::*;

#[tokio::test]
async fn pkcs12_then_csc_signatures_on_one_document() {
    let Ok(url) = std::env::var("SIJILL_TEST_CSC_URL") else {
        eprintln!("SKIPPED: SIJILL_TEST_CSC_URL not set (scripts/test-signing.sh starts certomancer-csc-dummy and sets it)");
        return;
    };
    let cred = "sijill/signer-rsa";
    let u = url.clone();
    let csc_root = tokio::task::spawn_blocking(move || CscSigner::connect(&u, CscAuth::None, Some(cred)).unwrap().chain().last().unwrap().clone())
        .await
        .unwrap();
    // The administrators allow this service, exactly (scheme, host, port, path).
    let allowed = vec![url.clone()];
    let p = Parapheur::on(common::TestApp::with(move |f| f.merge(Serialized::default("parapheur.csc_services", allowed))).await).await;
    // B-T: the CSC service's PKI publishes its revocation data online, which the
    // development trust (offline CRLs of the development root only) does not fetch.
    let admin = p.app.login("admin@demo.test").await;
    let req = Request::put("/api/v1/parapheur/settings")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {admin}"))
        .body(Body::from(json!({"administration_id": p.admin_id, "pades_level": "B-T"}).to_string()))
        .unwrap();
    assert_eq!(p.app.json(req).await.0, StatusCode::OK);
    let agent = p.staff("redacteur", "agent", "SP").await;
    let first = p.signer("signataire-p12").await;
    let remote = p.staff("signataire-csc", "official", "DAA").await;
    // Only the services the configuration names are called (no requests to arbitrary hosts).
    let (s, e) = p.post("/api/v1/parapheur/keys", &remote.token, json!({"kind": "csc", "endpoint": "http://169.254.169.254/csc/v1", "credential_id": cred})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("key_source_not_allowed")), "{e}");
    let (s, k) = p.post("/api/v1/parapheur/keys", &remote.token, json!({"kind": "csc", "endpoint": url, "credential_id": cred})).await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let id = p.started(&agent, json!([at(sig("signature", &first), 1, "all"), at(sig("signature", &remote), 2, "all")])).await;
    let (s, f) = p.act(&first, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let (s, f) = p.act(&remote, id, json!({"action": "sign", "pin": ""})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
    let pdf = p.signed_pdf(&agent, id).await;
    let mut anchors = p.app.state.svc.parapheur.trust_anchors.clone();
    anchors.push(csc_root);
    let report = sijill_signing::verify_pdf(&pdf, &sijill_signing::VerifyOptions { trust_anchors: anchors, online: false, revocation: None, ..Default::default() }).unwrap();
    assert!(report.valid, "{}", serde_json::to_string_pretty(&report).unwrap());
    assert_eq!(report.signatures.len(), 2);
    assert!(report.signatures.iter().all(|s| s.level.as_deref() == Some("B-T")), "{report:?}");
    if let Ok(dir) = std::env::var("SIJILL_TEST_OUT_DIR") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("parapheur-p12-csc.pdf"), &pdf).unwrap();
        std::fs::copy(common::shared_pki_dir().join("root.pem"), dir.join("dev-root.pem")).unwrap();
    }
}

/// The CSC allow-list is matched on the parsed address: `http://localhost:@127.0.0.1:…`
/// (whose host is 127.0.0.1) and look-alike hosts, ports and paths are refused; a service
/// that fails is reported as "signing service unavailable" (503), its words only in the logs.
#[tokio::test]
async fn csc_addresses_are_matched_exactly_and_upstream_errors_are_not_echoed() {
    use figment::providers::Serialized;
    // Nothing listens on port 9: the allowed service is down.
    let app = common::TestApp::with(|f| f.merge(Serialized::default("parapheur.csc_services", vec!["http://localhost:9/csc"]))).await;
    let p = Parapheur::on(app).await;
    let official = p.staff("signataire-csc", "official", "DAA").await;
    for endpoint in [
        "http://localhost:@127.0.0.1:9998/csc/v1",
        "http://localhost:9@127.0.0.1:9998/csc/v1",
        "http://localhost:9/csc-admin/v1",
        "http://localhost:9/csc/../admin",
        "http://localhost:99/csc/v1",
        "http://localhost.evil.example:9/csc/v1",
        "http://localhost:9\\@127.0.0.1/csc/v1",
    ] {
        let (s, e) = p.post("/api/v1/parapheur/keys", &official.token, json!({"kind": "csc", "endpoint": endpoint, "credential_id": "c"})).await;
        assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("key_source_not_allowed")), "{endpoint}: {e}");
    }
    let (s, k) = p.post("/api/v1/parapheur/keys", &official.token, json!({"kind": "csc", "endpoint": "http://localhost:9/csc/v1", "credential_id": "c"})).await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let agent = p.staff("redacteur", "agent", "SP").await;
    let id = p.started(&agent, json!([at(sig("signature", &official), 1, "all")])).await;
    let req = Request::post(format!("/api/v1/parapheur/folders/{id}/actions"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {}", official.token))
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(json!({"action": "sign", "pin": ""}).to_string()))
        .unwrap();
    let (s, e) = p.app.json(req).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("signing_service_unavailable")), "{e}");
    assert_eq!(e["message"], "The signing service is unavailable; try again later.", "no upstream detail: {e}");
}
