//! Office documents in a folder become PDF through LibreOffice when `parapheur.libreoffice`
//! names it (Debian's libreoffice-writer-nogui, installed by `make test`): the folder holds
//! the converted PDF, with the document's text; a file LibreOffice cannot read is refused
//! with a clear 415 and creates no folder. (Without the setting they are refused:
//! tests/parapheur.rs.)

use crate::common;
use crate::parapheur_support as support;

use axum::http::StatusCode;
use common::TestApp;
use figment::providers::Serialized;
use support::*;

const SOFFICE: &str = "/usr/bin/soffice";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn office_documents_are_converted_to_pdf() {
    if !std::path::Path::new(SOFFICE).exists() {
        eprintln!("SKIPPED: LibreOffice ({SOFFICE}) not installed (scripts/install-deps.sh installs it)");
        return;
    }
    let app = TestApp::with(|f| f.merge(Serialized::default("parapheur.libreoffice", SOFFICE))).await;
    let p = Parapheur::on(app).await;
    let agent = p.staff("redacteur", "agent", "SP").await;

    let rtf = br"{\rtf1\ansi Note de service : r\'e9union du conseil le 3 d\'e9cembre.}".to_vec();
    let (s, f) = p.folder(&agent.token, "Note", &[("note.rtf", rtf)]).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let doc = f["documents"].as_array().unwrap().iter().find(|d| d["role"] == "main").expect("a main document").clone();
    let url = format!("/api/v1/parapheur/folders/{}/documents/{}", f["id"], doc["id"]);
    let (s, _, pdf) = p.app.call(axum::http::Request::get(&url).header("authorization", format!("Bearer {}", agent.token)).body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"), "the folder holds a PDF");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.pdf"), &pdf).unwrap();
    let text = std::process::Command::new("pdftotext").arg(dir.path().join("doc.pdf")).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("réunion du conseil"), "the converted PDF has the document's text: {text}");

    // Looks like a .docx (a ZIP) but is not one: refused, in the user's words, no folder.
    let (_, before) = p.app.get("/api/v1/parapheur/folders", Some(&agent.token)).await;
    let (s, e) = p.folder(&agent.token, "Cassé", &[("note.docx", b"PK\x03\x04 not really a document".to_vec())]).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("corrupt_document")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("note.docx"), "{e}");
    let (_, after) = p.app.get("/api/v1/parapheur/folders", Some(&agent.token)).await;
    assert_eq!(before, after, "nothing stored");
}
