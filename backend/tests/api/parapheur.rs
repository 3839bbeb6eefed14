//! The e-parapheur through the JSON API: each circuit shape (sequential, parallel all-of,
//! parallel one-of, reject, return, delegation), PKCS#12 keys, batch signing; every signed
//! output checked with the signing crate's verifier (all signatures valid, at the level
//! configured) and, for a two-signature document, by pyHanko and pdfsig too.

use crate::common;

use crate::parapheur_support as support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use common::fixtures;
use sea_orm::EntityTrait;
use serde_json::json;
use sijill_backend::db::entities::signing_key;
use support::*;

/// visa → signature → signature: two signatures on one document, both valid at B-LT (the
/// default level), judged by our verifier, pyHanko and pdfsig; out-of-turn and wrong-PIN
/// attempts are refused.
#[tokio::test]
async fn sequential_circuit_two_signatures_at_b_lt() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let head = p.staff("chef", "official", "SP").await;
    let (a, b) = (p.signer("signataire-a").await, p.signer("signataire-b").await);
    let mut second = at(sig("signature", &b), 3, "all");
    second["placement"] = json!({"page": 1, "x": 300.0, "y": 80.0, "width": 200.0, "height": 60.0});
    let id = p.started(&agent, json!([at(sig("visa", &head), 1, "all"), at(sig("signature", &a), 2, "all"), second])).await;

    let (s, e) = p.act(&a, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::FORBIDDEN, Some("not_your_turn")), "{e}");
    let (s, f) = p.act(&head, id, json!({"action": "approve"})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["current_position"], 2);
    let (s, e) = p.act(&a, id, json!({"action": "sign", "pin": "0000"})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_pin")), "{e}");
    let (s, f) = p.act(&a, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let (s, f) = p.act(&b, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["status"], "completed");

    let pdf = p.signed_pdf(&agent, id).await;
    let report = p.verify(&pdf);
    assert!(report.valid, "{}", serde_json::to_string_pretty(&report).unwrap());
    assert_eq!(report.signatures.len(), 2);
    for s in &report.signatures {
        assert!(s.valid && s.chain_trusted && s.integrity_ok, "{s:?}");
        assert_eq!(s.level.as_deref(), Some("B-LT"), "{s:?}");
    }
    assert!(report.signatures[0].reason.as_deref().unwrap().contains("signataire-a"));

    // Each group is told by e-mail when the folder reaches it; the originator when it completes.
    assert_eq!(mails(&p, "parapheur_pending").await, ["chef@demo.test", "signataire-a@demo.test", "signataire-b@demo.test"]);
    assert_eq!(mails(&p, "parapheur_completed").await, ["redacteur@demo.test"]);

    let (_, h) = p.app.get(&format!("/api/v1/parapheur/folders/{id}/history"), Some(&agent.token)).await;
    let actions: Vec<&str> = h["lines"].as_array().unwrap().iter().map(|l| l["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["created", "started", "approved", "signed", "signed", "completed"]);
    independent_validators(&p.app, &pdf, 2);
}

/// B-LTA, set by an administrator: the signature is extended with a document timestamp,
/// and a second signatory's signature on top keeps everything valid.
#[tokio::test]
async fn b_lta_level_when_the_administration_asks_for_it() {
    let p = Parapheur::new().await;
    let admin = p.app.login("admin@demo.test").await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let put = |token: &str, body: serde_json::Value| {
        Request::put("/api/v1/parapheur/settings")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let (s, _) = p.app.json(put(&agent.token, json!({"administration_id": p.admin_id, "pades_level": "B-LTA"}))).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only administrators set the level");
    let (s, e) = p.app.json(put(&admin, json!({"administration_id": p.admin_id, "pades_level": "B-Z"}))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    let (s, v) = p.app.json(put(&admin, json!({"administration_id": p.admin_id, "pades_level": "b-lta"}))).await;
    assert_eq!((s, v["pades_level"].as_str()), (StatusCode::OK, Some("B-LTA")), "{v}");
    let (a, b) = (p.signer("signataire-a").await, p.signer("signataire-b").await);
    let id = p.started(&agent, json!([at(sig("signature", &a), 1, "all"), at(sig("signature", &b), 2, "all")])).await;
    assert_eq!(p.act(&a, id, json!({"action": "sign", "pin": PIN})).await.0, StatusCode::OK);
    let (s, f) = p.act(&b, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
    let report = p.verify(&p.signed_pdf(&agent, id).await);
    assert!(report.valid, "{}", serde_json::to_string_pretty(&report).unwrap());
    let sigs: Vec<_> = report.signatures.iter().filter(|s| s.kind != "document timestamp").collect();
    assert_eq!(sigs.len(), 2);
    assert!(sigs.iter().all(|s| s.level.as_deref() == Some("B-LTA")), "{sigs:?}");
}

/// Two signatories in parallel (all-of) signing at the same moment: both signatures end up
/// on the document, both valid (the second signs over the first's version).
#[tokio::test]
async fn parallel_signatories_signing_at_once_both_count() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let (a, b) = (p.signer("signataire-a").await, p.signer("signataire-b").await);
    let id = p.started(&agent, json!([at(sig("signature", &a), 1, "all"), at(sig("signature", &b), 1, "all")])).await;
    let sign = json!({"action": "sign", "pin": PIN});
    let ((sa, fa), (sb, fb)) = tokio::join!(p.act(&a, id, sign.clone()), p.act(&b, id, sign.clone()));
    assert_eq!((sa, sb), (StatusCode::OK, StatusCode::OK), "{fa} {fb}");
    let (_, f) = p.app.get(&format!("/api/v1/parapheur/folders/{id}"), Some(&agent.token)).await;
    assert_eq!(f["status"], "completed", "{f}");
    let report = p.verify(&p.signed_pdf(&agent, id).await);
    assert!(report.valid, "{report:?}");
    assert_eq!(report.signatures.len(), 2);
}

/// Circuit templates: administrators save them (steps by role in a unit), staff start
/// folders from them; anyone else is refused, and a bad step is a clear 400.
#[tokio::test]
async fn circuits_from_an_administrators_template() {
    let p = Parapheur::new().await;
    let admin = p.app.login("admin@demo.test").await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let head = p.staff("chef", "official", "SP").await;
    let (sp, daa) = (p.unit("SP").await, p.unit("DAA").await);
    let steps = json!([{"position": 10, "kind": "visa", "role": "official", "unit_id": sp},
                       {"position": 20, "kind": "signature", "role": "official", "unit_id": daa,
                        "placement": {"page": 1, "x": 350.0, "y": 60.0, "width": 180.0, "height": 60.0}}]);
    let body = json!({"administration_id": p.admin_id, "name": "Réponse standard", "steps": steps});
    let (s, _) = p.post("/api/v1/parapheur/templates", &agent.token, body.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let bad = json!({"administration_id": p.admin_id, "name": "x", "steps": [{"position": 1, "kind": "visa"}]});
    let (s, e) = p.post("/api/v1/parapheur/templates", &admin, bad).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_circuit")), "{e}");
    let (s, t) = p.post("/api/v1/parapheur/templates", &admin, body).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(t["steps"][1]["position"], 2, "positions renumbered in order");
    let (_, list) = p.app.get(&format!("/api/v1/parapheur/templates?administration_id={}", p.admin_id), Some(&agent.token)).await;
    assert_eq!(list[0]["name"], "Réponse standard");

    let (s, f) = p.folder(&agent.token, "Réponse", &[("reponse.pdf", fixtures::pdf("Reponse", 0))]).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let id = f["id"].as_i64().unwrap();
    let (s, f) = p.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), &agent.token, json!({"template_id": t["id"]})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("in_progress")), "{f}");
    let (s, f) = p.act(&head, id, json!({"action": "approve"})).await;
    assert_eq!((s, f["current_position"].as_i64()), (StatusCode::OK, Some(2)), "{f}");
    // The demo official heads DAA: the signature step is theirs (by role in the unit).
    let official = Staff { id: 0, token: p.app.login("official@demo.test").await, name: "official".into() };
    let p12 = base64::engine::general_purpose::STANDARD.encode(issue_p12("official", PIN));
    let (s, k) = p.post("/api/v1/parapheur/keys", &official.token, json!({"kind": "pkcs12", "pin": PIN, "p12_base64": p12})).await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let (s, f) = p.act(&official, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
    let report = p.verify(&p.signed_pdf(&agent, id).await);
    assert!(report.valid, "{report:?}");
}

/// Two visas in parallel, all-of: the folder waits for both.
#[tokio::test]
async fn parallel_all_of_waits_for_every_step() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let (x, y, z) = (p.staff("viseur-x", "official", "SP").await, p.staff("viseur-y", "official", "DAA").await, p.staff("viseur-z", "official", "DAA").await);
    let id = p.started(&agent, json!([at(sig("visa", &x), 1, "all"), at(sig("visa", &y), 1, "all"), at(sig("visa", &z), 2, "all")])).await;
    let (s, f) = p.act(&x, id, json!({"action": "approve"})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["current_position"], 1, "still waiting for y");
    let (s, e) = p.act(&x, id, json!({"action": "approve"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "x cannot act twice: {e}");
    let (_, f) = p.act(&y, id, json!({"action": "approve"})).await;
    assert_eq!(f["current_position"], 2);
    let (_, f) = p.act(&z, id, json!({"action": "approve"})).await;
    assert_eq!(f["status"], "completed");
}

/// Two visas in parallel, one-of: the first to act completes the group; the other is skipped.
#[tokio::test]
async fn parallel_one_of_takes_the_first() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let (x, y) = (p.staff("viseur-x", "official", "SP").await, p.staff("viseur-y", "official", "DAA").await);
    let signer = p.signer("signataire").await;
    let id = p.started(&agent, json!([at(sig("visa", &x), 1, "one"), at(sig("visa", &y), 1, "one"), at(sig("signature", &signer), 2, "all")])).await;
    let (_, f) = p.act(&y, id, json!({"action": "approve"})).await;
    assert_eq!(f["current_position"], 2);
    let statuses: Vec<&str> = f["steps"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["skipped", "done", "pending"]);
    let (s, _) = p.act(&x, id, json!({"action": "approve"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, f) = p.act(&signer, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
    let report = p.verify(&p.signed_pdf(&agent, id).await);
    assert!(report.valid && report.signatures.len() == 1);
}

/// Rejecting needs a reason, sends the folder back to its originator, who may restart it.
#[tokio::test]
async fn reject_needs_a_reason_and_returns_to_the_originator() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let x = p.staff("viseur", "official", "SP").await;
    let id = p.started(&agent, json!([at(sig("visa", &x), 1, "all")])).await;
    let (s, e) = p.act(&x, id, json!({"action": "reject", "reason": "  "})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("reason_required")));
    let (s, f) = p.act(&x, id, json!({"action": "reject", "reason": "Montant erroné"})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("rejected")), "{f}");
    assert_eq!(f["steps"][0]["reason"], "Montant erroné");
    assert_eq!(mails(&p, "parapheur_rejected").await, ["redacteur@demo.test"], "the originator is told");
    let outbox = sijill_backend::db::outbox::all(&p.app.state.svc.db.conn).await.unwrap();
    assert!(outbox.iter().any(|m| m.kind == "parapheur_rejected" && m.body.contains("Montant erroné")));
    let (s, _) = p.act(&x, id, json!({"action": "approve"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "a rejected folder takes no visa");
    let (s, _) = p.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), &x.token, json!({"steps": [at(sig("visa", &x), 1, "all")]})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "only the originator restarts");
    let (s, f) = p.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), &agent.token, json!({"steps": [at(sig("visa", &x), 1, "all")]})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("in_progress")), "{f}");
}

/// Return: the second approver sends the folder back to the first, who must act again.
#[tokio::test]
async fn return_reopens_an_earlier_step() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let (x, y) = (p.staff("viseur-x", "official", "SP").await, p.staff("viseur-y", "official", "DAA").await);
    let id = p.started(&agent, json!([at(sig("visa", &x), 1, "all"), at(sig("visa", &y), 2, "all")])).await;
    p.act(&x, id, json!({"action": "approve"})).await;
    let (s, e) = p.act(&y, id, json!({"action": "return", "to_position": 2})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    let (s, f) = p.act(&y, id, json!({"action": "return", "to_position": 1, "reason": "Compléter l'annexe"})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["current_position"], 1);
    let statuses: Vec<&str> = f["steps"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["pending", "waiting"]);
    p.act(&x, id, json!({"action": "approve"})).await;
    let (_, f) = p.act(&y, id, json!({"action": "approve"})).await;
    assert_eq!(f["status"], "completed");
    // Annotations: public ones for all participants, private ones for their author only.
    p.act(&x, id, json!({"action": "annotate", "body": "Vu", "private": false})).await;
    p.act(&x, id, json!({"action": "annotate", "body": "Note perso", "private": true})).await;
    let (_, h) = p.app.get(&format!("/api/v1/parapheur/folders/{id}/history"), Some(&y.token)).await;
    assert_eq!(h["annotations"].as_array().unwrap().len(), 1, "{h}");
    let (_, h) = p.app.get(&format!("/api/v1/parapheur/folders/{id}/history"), Some(&x.token)).await;
    assert_eq!(h["annotations"].as_array().unwrap().len(), 2);
    assert!(h["lines"].as_array().unwrap().iter().any(|l| l["action"] == "returned"));
}

/// Delegation: the official (assigned by role in a unit) delegates to a colleague, who
/// signs in their own name "for" the official — in the signature, the step and the history.
#[tokio::test]
async fn delegate_signs_for_the_delegator() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let chief = p.staff("directeur", "official", "DG").await;
    let deputy = p.signer("adjoint").await;
    let dg = p.unit("DG").await;
    let id = p.started(&agent, json!([{"position": 1, "kind": "signature", "role": "official", "unit_id": dg}])).await;
    let (s, _) = p.act(&deputy, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "not a participant before the delegation");
    assert_eq!(mails(&p, "parapheur_pending").await, ["directeur@demo.test"], "a role in a unit reaches its holders");
    let (_, list) = p.app.get(&format!("/api/v1/parapheur/folders?administration_id={}", p.admin_id), Some(&chief.token)).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "listed for the role's holder: {list}");
    let until = chrono::Utc::now() + chrono::Duration::days(7);
    let (s, d) = p.post("/api/v1/parapheur/delegations", &chief.token, json!({"administration_id": p.admin_id, "delegate_id": deputy.id, "ends_at": until})).await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let (_, list) = p.app.get(&format!("/api/v1/parapheur/folders?administration_id={}", p.admin_id), Some(&deputy.token)).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "the delegate sees the delegator's folders: {list}");
    let (s, f) = p.act(&deputy, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["steps"][0]["acted_by"], deputy.id);
    assert_eq!(f["steps"][0]["acting_for"], chief.id);
    let report = p.verify(&p.signed_pdf(&agent, id).await);
    assert!(report.valid, "{report:?}");
    let reason = report.signatures[0].reason.clone().unwrap();
    assert!(reason.contains(&deputy.name) && reason.contains(&format!("pour {}", chief.name)), "{reason}");
    let (_, h) = p.app.get(&format!("/api/v1/parapheur/folders/{id}/history"), Some(&chief.token)).await;
    let signed = h["lines"].as_array().unwrap().iter().find(|l| l["action"] == "signed").unwrap().clone();
    assert_eq!(signed["acting_for_name"], chief.name.as_str(), "{h}");
}

/// PKCS#12 keys: the PIN is checked on upload, a non-keystore is refused, and what is
/// stored is not the keystore in clear.
#[tokio::test]
async fn pkcs12_keys_are_checked_and_encrypted_at_rest() {
    let p = Parapheur::new().await;
    let s = p.staff("officiel", "official", "DAA").await;
    let p12 = issue_p12("officiel", PIN);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&p12);
    let (st, e) = p.post("/api/v1/parapheur/keys", &s.token, json!({"kind": "pkcs12", "pin": "9999", "p12_base64": b64})).await;
    assert_eq!((st, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_pin")), "{e}");
    let junk = base64::engine::general_purpose::STANDARD.encode(b"not a keystore");
    let (st, e) = p.post("/api/v1/parapheur/keys", &s.token, json!({"kind": "pkcs12", "pin": PIN, "p12_base64": junk})).await;
    assert_eq!((st, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_keystore")), "{e}");
    let (st, k) = p.post("/api/v1/parapheur/keys", &s.token, json!({"kind": "pkcs12", "pin": PIN, "p12_base64": b64, "label": "clé 2026"})).await;
    assert_eq!(st, StatusCode::CREATED, "{k}");
    assert!(k["subject"].as_str().unwrap().contains("CN=officiel"), "{k}");
    let row = signing_key::Entity::find_by_id(k["id"].as_i64().unwrap() as i32).one(&p.app.state.svc.db.conn).await.unwrap().unwrap();
    let stored = row.p12_encrypted.unwrap();
    assert!(!stored.windows(64).any(|w| p12.windows(64).next() == Some(w)), "stored encrypted");
    let (_, mine) = p.app.get("/api/v1/parapheur/keys", Some(&s.token)).await;
    assert_eq!(mine["label"], "clé 2026");
    assert!(mine.get("p12_encrypted").is_none());
}

/// Office documents are refused without a converter; a filer cannot create folders.
#[tokio::test]
async fn office_documents_need_a_converter() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let docx = b"PK\x03\x04 word/document.xml".to_vec();
    let (s, e) = p.folder(&agent.token, "Note", &[("note.docx", docx)]).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("office_needs_converter")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("note.docx"));
    let citizen = p.app.login("citizen@demo.test").await;
    let (s, _) = p.folder(&citizen, "Note", &[("a.pdf", fixtures::pdf("x", 0))]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

/// Batch signing at the administration's level (set to B-T): one folder that is not the
/// signer's turn is reported, the others are signed.
#[tokio::test]
async fn batch_sign_reports_partial_failures() {
    let p = Parapheur::new().await;
    let admin = p.app.login("admin@demo.test").await;
    let (s, v) = p.app.json(Request::put("/api/v1/parapheur/settings").header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {admin}")).body(Body::from(json!({"administration_id": p.admin_id, "pades_level": "B-T"}).to_string())).unwrap()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let agent = p.staff("redacteur", "agent", "SP").await;
    let x = p.staff("viseur", "official", "SP").await;
    let signer = p.signer("signataire").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(p.started(&agent, json!([at(sig("signature", &signer), 1, "all")])).await);
    }
    let blocked = p.started(&agent, json!([at(sig("visa", &x), 1, "all"), at(sig("signature", &signer), 2, "all")])).await;
    ids.insert(1, blocked);
    let (s, r) = p.post("/api/v1/parapheur/batch-sign", &signer.token, json!({"folder_ids": ids, "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let r = r.as_array().unwrap();
    assert_eq!(r.len(), 4);
    assert_eq!(r.iter().filter(|x| x["ok"] == true).count(), 3, "{r:?}");
    assert_eq!(r[1]["error"], "not_your_turn");
    for id in [ids[0], ids[2], ids[3]] {
        let report = p.verify(&p.signed_pdf(&agent, id).await);
        assert!(report.valid);
        assert_eq!(report.signatures[0].level.as_deref(), Some("B-T"));
    }
    let (s, e) = p.post("/api/v1/parapheur/batch-sign", &signer.token, json!({"folder_ids": ids, "pin": "0"})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_pin")));
    let (_, api) = p.app.get("/api/v1/openapi.json", None).await;
    for path in ["/api/v1/parapheur/folders", "/api/v1/parapheur/folders/{id}/actions", "/api/v1/parapheur/batch-sign", "/api/v1/parapheur/keys"] {
        assert!(api["paths"].get(path).is_some(), "{path} in the OpenAPI document");
    }
}

/// The keystores' encryption key: 64 hex digits; the development default is refused in
/// production mode, with the key's name in the message.
#[test]
fn production_refuses_the_development_key_encryption_key() {
    use figment::providers::Serialized;
    use sijill_backend::config::Config;
    let prod = Config::figment(None)
        .unwrap()
        .merge(Serialized::default("mode", "production"))
        .merge(Serialized::default("seed.demo", false))
        .merge(Serialized::default("server.secret", "pQ7vX2mK9sLw4RtY8bNc3HdJ6fGz1AeU"))
        .merge(Serialized::default("server.secure_cookies", true))
        .merge(Serialized::default("server.public_url", "https://sijill.example.ma"));
    let err = Config::extract(prod.clone()).unwrap_err();
    assert!(err.0.contains("parapheur.key_encryption_key"), "{err}");
    let short = prod.clone().merge(Serialized::default("parapheur.key_encryption_key", "abcd"));
    assert!(Config::extract(short).unwrap_err().0.contains("64 hexadecimal"));
    let own = prod.merge(Serialized::default("parapheur.key_encryption_key", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    assert!(Config::extract(own).is_ok());
}

/// Recipients of the queued e-mails of `kind`, in order.
async fn mails(p: &Parapheur, kind: &str) -> Vec<String> {
    let all = sijill_backend::db::outbox::all(&p.app.state.svc.db.conn).await.unwrap();
    all.into_iter().filter(|m| m.kind == kind).map(|m| m.recipient).collect()
}

/// A long-serving official's list stays short: every open folder, but only the most
/// recently completed ones (`completed`, 50 by default), newest first.
#[tokio::test]
async fn folder_lists_keep_open_folders_and_the_latest_completed() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let head = p.staff("chef", "official", "SP").await;
    let mut done = Vec::new();
    for _ in 0..3 {
        let id = p.started(&agent, json!([at(sig("visa", &head), 1, "all")])).await;
        let (s, f) = p.act(&head, id, json!({"action": "approve"})).await;
        assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
        done.push(id);
    }
    let open = p.started(&agent, json!([at(sig("visa", &head), 1, "all")])).await;
    let list = |q: &'static str| {
        let (p, head) = (&p, &head);
        async move {
            let (s, v) = p.app.get(&format!("/api/v1/parapheur/folders?administration_id={}{q}", p.admin_id), Some(&head.token)).await;
            assert_eq!(s, StatusCode::OK, "{v}");
            v.as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect::<Vec<_>>()
        }
    };
    assert_eq!(list("&completed=2").await, vec![open, done[2], done[1]], "the open one and the two latest completed");
    assert_eq!(list("&completed=0").await, vec![open]);
    assert_eq!(list("").await, vec![open, done[2], done[1], done[0]]);
}
