//! The parapheur's folder pages as a browser without JavaScript uses them: the inbox, the
//! new-folder form, the folder page's action forms (plain posts with the session cookie
//! and the CSRF token) and the page images, which only the folder's readers get. Refusals
//! come back as 4xx pages in the reader's language.

use crate::common;
use crate::parapheur_support;

use axum::http::StatusCode;
use common::pages::{csrf, multipart, page, post};
use parapheur_support::{Parapheur, Staff};
use serde_json::json;

/// Visa by `visa`, then signature by `signer` (placed on page 1).
async fn two_steps(p: &Parapheur, by: &Staff, visa: &Staff, signer: &Staff) -> i64 {
    p.started(by, json!([
        {"position": 1, "kind": "visa", "user_id": visa.id},
        {"position": 2, "kind": "signature", "user_id": signer.id, "placement": {"page": 1, "x": 300, "y": 80, "width": 200, "height": 60}},
    ]))
    .await
}

async fn main_document(p: &Parapheur, who: &Staff, folder: i64) -> i64 {
    let (_, f) = p.app.get(&format!("/api/v1/parapheur/folders/{folder}"), Some(&who.token)).await;
    f["documents"].as_array().unwrap().iter().find(|d| d["role"] == "main").unwrap()["id"].as_i64().unwrap()
}

#[tokio::test]
async fn page_images_for_readers_only_and_a_bad_page_is_a_404_in_the_readers_language() {
    let p = Parapheur::new().await;
    let agent = p.staff("redactrice", "agent", "SP").await;
    let head = p.staff("cheffe", "official", "SP").await;
    let signer = p.signer("signataire").await;
    let outsider = p.staff("voisin", "agent", "DR-CS").await;
    let id = two_steps(&p, &agent, &head, &signer).await;
    let doc = main_document(&p, &agent, id).await;
    let url = format!("/parapheur/folders/{id}/documents/{doc}/pages/1.png");

    let png = page(&p.app, "GET", &url, &head.token, "fr", None).await;
    assert_eq!((png.status, png.content_type.as_str()), (StatusCode::OK, "image/png"));
    assert_eq!(u32::from_be_bytes(png.bytes[16..20].try_into().unwrap()), 800, "800 px wide");
    // Served again from the cache, the same image.
    assert_eq!(page(&p.app, "GET", &url, &signer.token, "fr", None).await.bytes, png.bytes);

    assert_eq!(page(&p.app, "GET", &url, &outsider.token, "fr", None).await.status, StatusCode::NOT_FOUND, "not a reader");
    let bad = page(&p.app, "GET", &format!("/parapheur/folders/{id}/documents/{doc}/pages/9.png"), &head.token, "ar", None).await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
    assert!(bad.body.contains("عدد صفحات الوثيقة 1"), "{}", bad.body);
    let zero = page(&p.app, "GET", &format!("/parapheur/folders/{id}/documents/{doc}/pages/0.png"), &head.token, "fr", None).await;
    assert!(zero.status == StatusCode::NOT_FOUND && zero.body.contains("le document en compte 1"), "{}", zero.body);
    let anonymous = page(&p.app, "GET", &url, "nobody", "fr", None).await;
    assert!(anonymous.status.is_redirection() && anonymous.location.starts_with("/signin"), "{}", anonymous.location);

    // An annex that is an image is its own one page.
    let (_, folder) = p.app.get(&format!("/api/v1/parapheur/folders/{id}"), Some(&head.token)).await;
    let annex = folder["documents"].as_array().unwrap().iter().find(|d| d["role"] == "annex").unwrap()["id"].as_i64().unwrap();
    let img = page(&p.app, "GET", &format!("/parapheur/folders/{id}/documents/{annex}/pages/1.png"), &head.token, "fr", None).await;
    assert_eq!((img.status, img.content_type.as_str(), img.bytes.clone()), (StatusCode::OK, "image/png", common::fixtures::png()));

    // The folder page shows each page as an image, and the frame where the signer signs.
    let f = page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &head.token, "fr", None).await;
    assert!(f.body.contains(&format!("/parapheur/folders/{id}/documents/{doc}/pages/1.png?v=")), "{}", f.body);
    assert!(f.body.contains(r#"id="approve-form""#) && !f.body.contains("pf-frame"), "the head approves; no frame for a visa");
    assert_eq!(page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &outsider.token, "fr", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn action_forms_visa_return_reject_and_annotations_with_errors_in_the_readers_language() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let head = p.staff("chef", "official", "SP").await;
    let signer = p.signer("signataire2").await;
    let id = two_steps(&p, &agent, &head, &signer).await;
    let act = format!("/parapheur/folders/{id}/actions");
    let (head_csrf, signer_csrf, agent_csrf) = (csrf(&p.app, &head.token).await, csrf(&p.app, &signer.token).await, csrf(&p.app, &agent.token).await);

    // Without the form's token: refused, nothing done.
    let r = post(&p.app, &act, &head.token, "fr", &[("action", "approve")]).await;
    assert!(r.status.is_client_error(), "{}", r.status);
    // The head's inbox lists it; the visa goes through the form.
    let inbox = page(&p.app, "GET", "/parapheur", &head.token, "fr", None).await;
    assert!(inbox.body.contains(&format!(r#"href="/parapheur/folders/{id}""#)) && !inbox.body.contains("batch-form"), "visa only: no batch");
    let r = post(&p.app, &act, &head.token, "fr", &[("csrf", &head_csrf), ("action", "approve"), ("reason", "Vu")]).await;
    assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, format!("/parapheur/folders/{id}?done=approve").as_str()));

    // The signer: offered for batch signing, the sign form with its PIN and the frame.
    let inbox = page(&p.app, "GET", "/parapheur", &signer.token, "fr", None).await;
    assert!(inbox.body.contains(&format!(r#"id="batch-{id}""#)) && inbox.body.contains(r#"action="/parapheur/batch""#), "{}", inbox.body);
    let f = page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &signer.token, "fr", None).await;
    assert!(f.body.contains(r#"id="sign-pin""#) && f.body.contains("pf-frame") && f.body.contains(r#"id="return-to""#), "{}", f.body);
    // Reject without a reason: 400, the page again with the sentence (Arabic here).
    let r = post(&p.app, &act, &signer.token, "ar", &[("csrf", &signer_csrf), ("action", "reject"), ("reason", " ")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("يرجى ذكر سبب الرفض") && r.body.contains(r#"dir="rtl""#), "{}", r.body);
    // A wrong PIN: the page again, the sentence in French.
    let r = post(&p.app, &act, &signer.token, "fr", &[("csrf", &signer_csrf), ("action", "sign"), ("pin", "0000")]).await;
    assert!(r.status.is_client_error() && r.body.contains("Code PIN incorrect"), "{} {}", r.status, r.body);
    // Return to the visa: the head has it again.
    let r = post(&p.app, &act, &signer.token, "fr", &[("csrf", &signer_csrf), ("action", "return"), ("to_position", "1"), ("reason", "Revoir le montant")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let f = page(&p.app, "GET", &format!("/parapheur/folders/{id}?done=return"), &head.token, "fr", None).await;
    assert!(f.body.contains(r#"id="approve-form""#) && f.body.contains("Renvoi à l'étape 1") && f.body.contains("Revoir le montant"), "{}", f.body);
    // Not the agent's turn: 403 with the sentence.
    let r = post(&p.app, &act, &agent.token, "en", &[("csrf", &agent_csrf), ("action", "approve")]).await;
    assert!(r.status == StatusCode::FORBIDDEN && r.body.contains("No step of this folder is waiting for you"), "{} {}", r.status, r.body);

    // Annotations: a private one only its author reads; a public one everyone.
    let r = post(&p.app, &act, &head.token, "fr", &[("csrf", &head_csrf), ("action", "annotate"), ("body", "Note pour moi"), ("private", "true")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = post(&p.app, &act, &agent.token, "fr", &[("csrf", &agent_csrf), ("action", "annotate"), ("body", "Pièce jointe ajoutée"), ("private", "false")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mine = page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &head.token, "fr", None).await.body;
    let theirs = page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &signer.token, "fr", None).await.body;
    assert!(mine.contains("Note pour moi") && mine.contains("Pièce jointe ajoutée"));
    assert!(!theirs.contains("Note pour moi") && theirs.contains("Pièce jointe ajoutée"));

    // The head rejects with a reason: back to the originator, who may set a new circuit.
    let r = post(&p.app, &act, &head.token, "fr", &[("csrf", &head_csrf), ("action", "reject"), ("reason", "Pièce manquante")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let f = page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &agent.token, "fr", None).await.body;
    assert!(f.contains("Rejeté") && f.contains("Pièce manquante") && f.contains(&format!(r#"href="/parapheur/folders/{id}/circuit""#)), "{f}");
    let mine = page(&p.app, "GET", "/parapheur", &agent.token, "fr", None).await.body;
    assert!(mine.contains(r#"id="mine""#) && mine.contains("Rejeté"), "{mine}");
}

#[tokio::test]
async fn the_new_folder_form_creates_a_draft_or_says_what_is_missing() {
    let p = Parapheur::new().await;
    let agent = p.staff("auteur", "agent", "SP").await;
    let token = csrf(&p.app, &agent.token).await;
    let form = page(&p.app, "GET", "/parapheur/new", &agent.token, "fr", None).await;
    assert!(form.status == StatusCode::OK && form.body.contains(r#"name="main""#) && form.body.contains(r#"name="annexes""#));

    // No main document: 400, the form again with the sentence, the title kept.
    let empty = (String::from("main"), String::new(), Vec::new());
    let (ct, body) = multipart(&[("csrf", &token), ("title", "Note au directeur")], &[(empty.0.as_str(), "", empty.2)]);
    let r = page(&p.app, "POST", "/parapheur/new", &agent.token, "fr", Some((&ct, body))).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("au moins un document principal") && r.body.contains("Note au directeur"), "{}", r.body);
    // A main document that is not a PDF: 415 in English.
    let (ct, body) = multipart(&[("csrf", &token), ("title", "Note")], &[("main", "note.pdf", b"not a pdf at all".to_vec())]);
    let r = page(&p.app, "POST", "/parapheur/new", &agent.token, "en", Some((&ct, body))).await;
    assert!(r.status.is_client_error() && r.body.contains("error-summary"), "{} {}", r.status, r.body);
    // A stale token: refused.
    let (ct, body) = multipart(&[("csrf", "stale"), ("title", "Note")], &[("main", "note.pdf", common::fixtures::pdf("Note", 0))]);
    assert!(page(&p.app, "POST", "/parapheur/new", &agent.token, "fr", Some((&ct, body))).await.status.is_client_error());

    // Main document and annex: a draft, on its page, the circuit to set.
    let (ct, body) = multipart(&[("csrf", &token), ("title", "Note au directeur")], &[
        ("main", "note.pdf", common::fixtures::pdf("Note", 0)),
        ("annexes", "annexe.pdf", common::fixtures::pdf("Annexe", 0)),
    ]);
    let r = page(&p.app, "POST", "/parapheur/new", &agent.token, "fr", Some((&ct, body))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.starts_with("/parapheur/folders/") && r.location.ends_with("?done=created"), "{}", r.location);
    let f = page(&p.app, "GET", &r.location, &agent.token, "fr", None).await.body;
    let text = f.replace("<!>", "");
    assert!(text.contains("Brouillon") && text.contains("Document principal — note.pdf") && text.contains("Annexe — annexe.pdf"), "{f}");
    assert!(f.contains("/circuit\"") && f.contains("Parapheur créé"), "{f}");
}

#[tokio::test]
async fn a_delegate_finds_the_folder_in_their_inbox_and_acts_for_the_delegator() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur3", "agent", "SP").await;
    let head = p.staff("cheffe3", "official", "SP").await;
    let deputy = p.staff("adjoint3", "agent", "SP").await;
    let signer = p.signer("signataire3").await;
    let id = two_steps(&p, &agent, &head, &signer).await;
    let ends = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let (s, d) = p.post("/api/v1/parapheur/delegations", &head.token, json!({"administration_id": p.admin_id, "delegate_id": deputy.id, "ends_at": ends})).await;
    assert_eq!(s, StatusCode::CREATED, "{d}");

    let inbox = page(&p.app, "GET", "/parapheur", &deputy.token, "fr", None).await.body.replace("<!>", "");
    assert!(inbox.contains(&format!(r#"href="/parapheur/folders/{id}""#)) && inbox.contains("pour cheffe3"), "{inbox}");
    let f = page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &deputy.token, "fr", None).await.body;
    assert!(f.contains("À vous d'agir, pour cheffe3 (délégation)") && f.contains(r#"id="approve-form""#), "{f}");
    let token = csrf(&p.app, &deputy.token).await;
    let r = post(&p.app, &format!("/parapheur/folders/{id}/actions"), &deputy.token, "fr", &[("csrf", &token), ("action", "approve")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The history says who acted and for whom.
    let f = page(&p.app, "GET", &format!("/parapheur/folders/{id}"), &agent.token, "fr", None).await.body.replace("<!>", "");
    let history = &f[f.find(r#"id="history""#).unwrap()..];
    assert!(history.contains("adjoint3") && history.contains("pour cheffe3") && history.contains("Visa"), "{history}");
}
