//! A parapheur folder answering a register entry: when its last signature is applied the
//! answer goes to the bureau d'ordre as outgoing mail (registered in register D, linked to
//! the incoming entry) and reaches the filer's space signed — the very PDF the officials
//! signed, every signature intact (our verifier, pyHanko and pdfsig). Without a filer
//! (paper mail) it is registered and waits for the clerk's dispatch mode.

use crate::common;

use crate::parapheur_support as support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Datelike;
use common::fixtures;
use serde_json::json;
use sijill_backend::db::{queries, register};
use support::*;

/// The clerk assigns the entry to SP for action and the demo agent accepts it.
async fn assigned_to_sp(p: &Parapheur, entry: &str) -> String {
    let clerk = p.app.login("clerk@demo.test").await;
    let agent = p.app.login("agent@demo.test").await;
    let sp = p.unit("SP").await;
    let (s, made) = p.app.send("POST", &format!("/api/v1/entries/{entry}/assignments"), &clerk, Some(json!({"assignments": [{"unit_id": sp, "purpose": "action"}]}))).await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
    let (s, v) = p.app.send("POST", &format!("/api/v1/assignments/{}/accept", made[0]["id"]), &agent, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    agent
}

/// A folder answering `entry` created by `token` (under `unit` when given): the response.
async fn create_answer(p: &Parapheur, token: &str, entry: &str, unit: Option<i32>) -> (StatusCode, serde_json::Value) {
    let mut fields = vec![("administration_id", p.admin_id.to_string()), ("title", "Réponse à votre demande".to_owned()), ("entry_id", entry.to_owned())];
    if let Some(u) = unit {
        fields.push(("unit_id", u.to_string()));
    }
    let boundary = "answer-folder-boundary";
    let mut body = Vec::new();
    for (k, v) in &fields {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"main\"; filename=\"reponse.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
    body.extend(fixtures::pdf("Reponse signee", 0));
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::post("/api/v1/parapheur/folders")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body))
        .unwrap();
    p.app.json(req).await
}

/// The agent's folder answering `entry`, started with a visa by `head` then `signer`'s signature.
async fn answer_folder(p: &Parapheur, agent: &str, entry: &str, head: &Staff, signer: &Staff) -> i64 {
    let (s, f) = create_answer(p, agent, entry, None).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    assert_eq!(f["entry_id"], entry);
    let id = f["id"].as_i64().unwrap();
    let steps = json!([at(sig("visa", head), 1, "all"), at(sig("signature", signer), 2, "all")]);
    let (s, f) = p.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), agent, json!({"steps": steps})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    id
}

async fn download(p: &Parapheur, url: &str, token: &str) -> Vec<u8> {
    let req = Request::get(url).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    let (s, headers, pdf) = p.app.call(req).await;
    assert_eq!(s, StatusCode::OK, "{url}");
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    pdf
}

#[tokio::test]
async fn the_signed_answer_reaches_the_filer_with_its_signatures_intact() {
    let p = Parapheur::new().await;
    let citizen = p.app.login("citizen@demo.test").await;
    let (s, v) = p.app.file_with(&citizen, "DEMO", "Demande d'attestation", &[("lettre.pdf", fixtures::pdf("Lettre", 0))], None, None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (entry, number) = (v["id"].as_str().unwrap().to_owned(), v["number"].as_str().unwrap().to_owned());
    let agent = assigned_to_sp(&p, &entry).await;
    let head = p.staff("chef", "official", "SP").await;
    let signer = p.signer("signataire").await;
    let folder = answer_folder(&p, &agent, &entry, &head, &signer).await;

    let (s, f) = p.act(&head, folder, json!({"action": "approve"})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let (_, v) = p.app.get(&format!("/api/v1/filings/{entry}"), Some(&citizen)).await;
    assert_ne!(v["status"], "answered", "not before the signature");
    let (s, f) = p.act(&signer, folder, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");

    // The filer sees "answered" and the answer; its PDF is the signed one, byte for byte.
    let (s, v) = p.app.get(&format!("/api/v1/filings/{entry}"), Some(&citizen)).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("answered")), "{v}");
    let (s, answers) = p.app.get(&format!("/api/v1/filings/{entry}/answers"), Some(&citizen)).await;
    assert_eq!(s, StatusCode::OK, "{answers}");
    let year = chrono::Utc::now().year();
    assert_eq!(answers[0]["number"], format!("DEMO-{year}-D-000001"), "{answers}");
    let delivered = download(&p, answers[0]["pdf_url"].as_str().unwrap(), &citizen).await;
    assert_eq!(delivered, p.signed_pdf(&Staff { id: 0, token: agent.clone(), name: String::new() }, folder).await, "the signed PDF, not sealed again");
    let report = p.verify(&delivered);
    assert!(report.valid && report.signatures.len() == 1, "{report:?}");
    assert!(report.signatures[0].reason.as_deref().unwrap_or("").contains("signataire"), "{report:?}");
    independent_validators(&p.app, &delivered, 1);

    // In the register: one outgoing entry answering the incoming one, dispatched to the portal.
    let c = &p.app.state.svc.db.conn;
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap().id;
    assert_eq!(register::register_numbers(c, admin, "D", year).await.unwrap(), vec![1]);
    let out = register::by_id(c, answers[0]["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!((out.direction.as_str(), out.in_reply_to.as_deref(), out.dispatch_mode.as_deref()), ("D", Some(entry.as_str()), Some("portal")));

    // The e-mail to the filer is in the outbox (the outbox attaches the outgoing entry's PDF).
    let mails = sijill_backend::db::outbox::all(c).await.unwrap();
    let mail = mails.iter().find(|m| m.kind == "answer").expect("answer e-mail queued");
    assert_eq!((mail.recipient.as_str(), mail.filing_id.as_deref()), ("citizen@demo.test", Some(out.id.as_str())));
    assert!(mail.subject.contains(&number), "{}", mail.subject);

    // The entry page's drafts show it dispatched; the job finds nothing more to do.
    let clerk = p.app.login("clerk@demo.test").await;
    let (_, drafts) = p.app.send("GET", &format!("/api/v1/entries/{entry}/drafts"), &clerk, None).await;
    assert_eq!(drafts[0]["status"], "dispatched", "{drafts}");
    assert_eq!(drafts[0]["outgoing_number"], format!("DEMO-{year}-D-000001"));
    assert_eq!(p.app.state.svc.resume_folder_answers().await.unwrap(), 0);
    assert_eq!(register::register_numbers(c, admin, "D", year).await.unwrap(), vec![1], "registered once");
}

#[tokio::test]
async fn without_a_filer_the_signed_answer_waits_for_the_clerks_dispatch_mode() {
    let p = Parapheur::new().await;
    let clerk = p.app.login("clerk@demo.test").await;
    let fields = vec![("correspondent_name", "Société Atlas SARL".to_owned()), ("correspondent_kind", "organisation".to_owned()), ("subject", "Demande de partenariat".to_owned())];
    let (ct, body) = fixtures::multipart(&fields, &[("scan.pdf", fixtures::pdf("Scan", 0))]);
    let req = Request::post("/api/v1/bureau/paper").header(header::CONTENT_TYPE, ct).header(header::AUTHORIZATION, format!("Bearer {clerk}")).body(Body::from(body)).unwrap();
    let (s, v) = p.app.json(req).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let entry = v["id"].as_str().unwrap().to_owned();
    let agent = assigned_to_sp(&p, &entry).await;
    let head = p.staff("chef", "official", "SP").await;
    let signer = p.signer("signataire").await;
    let folder = answer_folder(&p, &agent, &entry, &head, &signer).await;
    assert_eq!(p.act(&head, folder, json!({"action": "approve"})).await.0, StatusCode::OK);
    assert_eq!(p.act(&signer, folder, json!({"action": "sign", "pin": PIN})).await.0, StatusCode::OK);

    // Registered as outgoing mail, not dispatched: the clerk chooses how it leaves.
    let (_, drafts) = p.app.send("GET", &format!("/api/v1/entries/{entry}/drafts"), &clerk, None).await;
    let d = &drafts[0];
    assert_eq!((d["status"].as_str(), d["can_dispatch"].as_bool()), (Some("dispatching"), Some(true)), "{drafts}");
    assert_eq!(d["modes"], json!(["post"]));
    let out_id = d["outgoing_id"].as_str().unwrap().to_owned();
    let c = &p.app.state.svc.db.conn;
    let out = register::by_id(c, &out_id).await.unwrap().unwrap();
    assert_eq!((out.in_reply_to.as_deref(), out.dispatch_mode.as_deref()), (Some(entry.as_str()), None));
    assert_eq!(p.app.state.svc.resume_folder_answers().await.unwrap(), 0, "nothing for the job: it waits for the clerk");

    let (s, sent) = p.app.send("POST", &format!("/api/v1/drafts/{}/dispatch", d["id"]), &clerk, Some(json!({"mode": "post"}))).await;
    assert_eq!(s, StatusCode::CREATED, "{sent}");
    assert_eq!(sent["outgoing_id"], out_id.as_str(), "the same outgoing entry, no second number");
    let pdf = download(&p, &format!("/api/v1/outgoing/{out_id}/pdf"), &clerk).await;
    assert_eq!(pdf, p.signed_pdf(&Staff { id: 0, token: agent.clone(), name: String::new() }, folder).await, "the signed PDF, not sealed again");
    let (_, e) = p.app.get(&format!("/api/v1/bureau/entries/{entry}"), Some(&clerk)).await;
    assert_eq!(e["status"], "answered", "{e}");
}

/// The process stops between the completion's commit and the delivery: the answer queued in
/// the completion's transaction stays `dispatching`, and the job delivers it — once.
#[tokio::test]
async fn an_answer_left_undelivered_is_finished_by_the_job_once() {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    use sijill_backend::db::entities::{draft, folder};
    let p = Parapheur::new().await;
    let citizen = p.app.login("citizen@demo.test").await;
    let (_, v) = p.app.file_with(&citizen, "DEMO", "Demande", &[("lettre.pdf", fixtures::pdf("Lettre", 0))], None, None).await;
    let entry = v["id"].as_str().unwrap().to_owned();
    let agent = assigned_to_sp(&p, &entry).await;
    let signer = p.signer("signataire").await;
    // A folder completed while the delivery did not happen: what the completion's
    // transaction leaves behind (the folder's link and the queued answer), written here.
    let agent_staff = Staff { id: 0, token: agent.clone(), name: String::new() };
    let id = p.started(&agent_staff, json!([at(sig("signature", &signer), 1, "all")])).await;
    assert_eq!(p.act(&signer, id, json!({"action": "sign", "pin": PIN})).await.0, StatusCode::OK);
    let c = &p.app.state.svc.db.conn;
    let mut f = folder::Entity::find_by_id(id as i32).one(c).await.unwrap().unwrap().into_active_model();
    f.entry_id = Set(Some(entry.clone()));
    f.unit_id = Set(Some(p.unit("SP").await));
    let f = f.update(c).await.unwrap();
    let e = register::by_id(c, &entry).await.unwrap().unwrap();
    let d = sijill_backend::db::parapheur_more::insert_folder_answer(c, &f, &e, &uuid::Uuid::new_v4().to_string()).await.unwrap();
    let svc = &p.app.state.svc;
    assert_eq!(svc.resume_folder_answers().await.unwrap(), 0, "not while the completing request may still deliver it");
    let mut d = d.into_active_model();
    d.updated_at = Set(chrono::Utc::now() - chrono::Duration::minutes(5));
    d.update(c).await.unwrap();
    let (a, b) = tokio::join!(svc.resume_folder_answers(), svc.resume_folder_answers());
    assert_eq!(a.unwrap() + b.unwrap(), 1, "two passes at once deliver it once");
    assert_eq!(svc.resume_folder_answers().await.unwrap(), 0);
    let (_, v) = p.app.get(&format!("/api/v1/filings/{entry}"), Some(&citizen)).await;
    assert_eq!(v["status"], "answered", "{v}");
    let (_, answers) = p.app.get(&format!("/api/v1/filings/{entry}/answers"), Some(&citizen)).await;
    assert_eq!(answers.as_array().unwrap().len(), 1, "{answers}");
    let delivered = download(&p, answers[0]["pdf_url"].as_str().unwrap(), &citizen).await;
    assert_eq!(delivered, p.signed_pdf(&agent_staff, id).await);
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap().id;
    assert_eq!(register::register_numbers(c, admin, "D", chrono::Utc::now().year()).await.unwrap(), vec![1], "one number");
    let drafts = draft::Entity::find().all(c).await.unwrap();
    assert_eq!(drafts.iter().map(|d| d.status.as_str()).collect::<Vec<_>>(), ["dispatched"]);
}

/// A citizen's filing assigned to SP for action and accepted by the demo agent: (entry, citizen, agent).
async fn filed_and_assigned(p: &Parapheur) -> (String, String, String) {
    let citizen = p.app.login("citizen@demo.test").await;
    let (s, v) = p.app.file_with(&citizen, "DEMO", "Demande d'attestation", &[("lettre.pdf", fixtures::pdf("Lettre", 0))], None, None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let entry = v["id"].as_str().unwrap().to_owned();
    let agent = assigned_to_sp(p, &entry).await;
    (entry, citizen, agent)
}

/// Nothing left the administration: the entry is not answered and register D is empty.
async fn nothing_sent(p: &Parapheur, entry: &str, citizen: &str) {
    let (_, v) = p.app.get(&format!("/api/v1/filings/{entry}"), Some(citizen)).await;
    assert_ne!(v["status"], "answered", "{v}");
    let c = &p.app.state.svc.db.conn;
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap().id;
    assert!(register::register_numbers(c, admin, "D", chrono::Utc::now().year()).await.unwrap().is_empty(), "no outgoing entry");
}

/// Approving the last visa of an answering folder registers and delivers the answer (the
/// registrar's writer task takes the writer lock) while another client files: both finish.
/// Before the lock lived in the write transaction, the approval kept it past its commit and
/// waited for the registrar, which waited for it: every write of the server stopped.
#[tokio::test]
async fn the_last_visa_of_an_answer_and_a_filing_at_once_both_complete() {
    use tower::ServiceExt;
    let p = Parapheur::new().await;
    let (entry, citizen, agent) = filed_and_assigned(&p).await;
    let signer = p.signer("signataire").await;
    let head = p.staff("chef", "official", "SP").await;
    let (s, f) = create_answer(&p, &agent, &entry, None).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let id = f["id"].as_i64().unwrap();
    let steps = json!([at(sig("signature", &signer), 1, "all"), at(sig("visa", &head), 2, "all")]);
    let (s, f) = p.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), &agent, json!({"steps": steps})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let (s, f) = p.act(&signer, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{f}");

    // Each request in a task of its own, as the server runs them.
    let approve = Request::post(format!("/api/v1/parapheur/folders/{id}/actions"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {}", head.token))
        .body(Body::from(json!({"action": "approve"}).to_string()))
        .unwrap();
    let (ct, body) = fixtures::multipart(
        &[("administration", "DEMO".to_owned()), ("subject", "Autre demande".to_owned()), ("message", "Bonjour".to_owned()), ("service", "ATTESTATION".to_owned())],
        &[("autre.pdf", fixtures::pdf("Autre", 1))],
    );
    let filing = Request::post("/api/v1/filings").header(header::CONTENT_TYPE, ct).header(header::AUTHORIZATION, format!("Bearer {citizen}")).body(Body::from(body)).unwrap();
    let (r1, r2) = (p.app.router.clone(), p.app.router.clone());
    let approving = tokio::spawn(async move { r1.oneshot(approve).await.unwrap().status() });
    let filing = tokio::spawn(async move { r2.oneshot(filing).await.unwrap().status() });
    let bound = std::time::Duration::from_secs(60);
    let approved = tokio::time::timeout(bound, approving).await.expect("the approval returns").unwrap();
    let filed = tokio::time::timeout(bound, filing).await.expect("the filing returns").unwrap();
    assert_eq!((approved, filed), (StatusCode::OK, StatusCode::CREATED));
    let (_, v) = p.app.get(&format!("/api/v1/filings/{entry}"), Some(&citizen)).await;
    assert_eq!(v["status"], "answered", "{v}");
}

/// The writer lock belongs to a write transaction; a task asking for it again while it
/// holds one is refused at once instead of waiting for itself.
#[tokio::test]
async fn a_task_never_waits_for_its_own_writer_lock() {
    let p = Parapheur::new().await;
    let db = p.app.state.svc.db.clone();
    let outcome = tokio::spawn(async move {
        let tx = db.write().await.expect("first write transaction");
        assert!(db.held_by_this_task());
        let again = tokio::time::timeout(std::time::Duration::from_secs(5), db.write()).await.expect("refused at once, not a wait");
        assert!(again.is_err(), "a second write transaction in the same task is refused");
        tx.commit().await.unwrap();
        assert!(!db.held_by_this_task(), "the commit releases it");
        db.write().await.expect("free again").commit().await.unwrap();
    });
    tokio::time::timeout(std::time::Duration::from_secs(30), outcome).await.expect("no deadlock").unwrap();
}

/// The attack of issue 13: an agent answers a citizen alone — a circuit of one visa to
/// himself, then one signature step to himself — and puts the folder under a unit that is
/// not his. Each is refused with a clear 4xx in the user's language, and nothing leaves.
#[tokio::test]
async fn an_agent_cannot_finish_an_answer_alone_nor_act_for_another_unit() {
    let p = Parapheur::new().await;
    let (entry, citizen, agent_token) = filed_and_assigned(&p).await;
    let c = &p.app.state.svc.db.conn;
    let agent_id = queries::user_by_email(c, "agent@demo.test").await.unwrap().unwrap().id;
    let agent = Staff { id: agent_id, token: agent_token.clone(), name: "agent".into() };

    // Under the Direction générale: not one of his units.
    let (s, e) = create_answer(&p, &agent_token, &entry, Some(p.unit("DG").await)).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::FORBIDDEN, Some("not_your_unit")), "{e}");
    // Someone whose unit does not hold the entry cannot start its answer.
    let outsider = p.staff("autre", "agent", "DR-CS").await;
    let (s, e) = create_answer(&p, &outsider.token, &entry, None).await;
    assert!(s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND, "{s} {e}");

    let (s, f) = create_answer(&p, &agent_token, &entry, None).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let id = f["id"].as_i64().unwrap();
    // One visa to himself: refused, with the sentence in the caller's language.
    let req = Request::post(format!("/api/v1/parapheur/folders/{id}/circuit"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {agent_token}"))
        .header(header::ACCEPT_LANGUAGE, "ar")
        .body(Body::from(json!({"steps": [at(sig("visa", &agent), 1, "all")]}).to_string()))
        .unwrap();
    let (s, e) = p.app.json(req).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("answer_needs_signature")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("توقيع"), "in Arabic: {e}");

    // One signature step to himself, with a key from the trusted root: he is no official.
    let p12 = issue_p12("agent", PIN);
    let (s, k) = p.post("/api/v1/parapheur/keys", &agent_token, json!({"kind": "pkcs12", "pin": PIN, "p12_base64": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &p12)})).await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let (s, f) = p.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), &agent_token, json!({"steps": [at(sig("signature", &agent), 1, "all")]})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let (s, e) = p.act(&agent, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::FORBIDDEN, Some("not_entitled_to_sign")), "{e}");
    // Nor an official of another unit (not above SP).
    let other = p.staff("directeur-regional", "official", "DR-CS").await;
    let key = issue_p12("directeur-regional", PIN);
    let (s, _) = p.post("/api/v1/parapheur/keys", &other.token, json!({"kind": "pkcs12", "pin": PIN, "p12_base64": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &key)})).await;
    assert_eq!(s, StatusCode::CREATED);
    let f2 = {
        let (s, f) = create_answer(&p, &agent_token, &entry, None).await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        f["id"].as_i64().unwrap()
    };
    let (s, f) = p.post(&format!("/api/v1/parapheur/folders/{f2}/circuit"), &agent_token, json!({"steps": [at(sig("signature", &other), 1, "all")]})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let (s, e) = p.act(&other, f2, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::FORBIDDEN, Some("not_entitled_to_sign")), "{e}");
    nothing_sent(&p, &entry, &citizen).await;
}

/// A self-signed PKCS#12 for `cn` (not issued by any trusted root).
fn self_made_p12(cn: &str, pin: &str) -> Vec<u8> {
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::x509::{X509Name, X509};
    let key = openssl::pkey::PKey::from_rsa(openssl::rsa::Rsa::generate(2048).unwrap()).unwrap();
    let mut n = X509Name::builder().unwrap();
    n.append_entry_by_text("CN", cn).unwrap();
    let n = n.build();
    let mut b = X509::builder().unwrap();
    b.set_version(2).unwrap();
    b.set_subject_name(&n).unwrap();
    b.set_issuer_name(&n).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&Asn1Time::days_from_now(0).unwrap()).unwrap();
    b.set_not_after(&Asn1Time::days_from_now(365).unwrap()).unwrap();
    b.sign(&key, MessageDigest::sha256()).unwrap();
    openssl::pkcs12::Pkcs12::builder().name(cn).pkey(&key).cert(&b.build()).build2(pin).unwrap().to_der().unwrap()
}

/// A self-made certificate ("CN=Le Directeur General") is refused as an official key, kept
/// only as a test key (shown as such in the API), and a test key never signs an answer —
/// even held by an official of the answering unit.
#[tokio::test]
async fn a_self_made_key_is_only_a_test_key_and_never_signs_an_answer() {
    use base64::Engine;
    let p = Parapheur::new().await;
    let (entry, citizen, agent) = filed_and_assigned(&p).await;
    let head = p.staff("chef", "official", "SP").await;
    let p12 = base64::engine::general_purpose::STANDARD.encode(self_made_p12("Le Directeur General", PIN));
    let req = Request::post("/api/v1/parapheur/keys")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {}", head.token))
        .header(header::ACCEPT_LANGUAGE, "zgh")
        .body(Body::from(json!({"kind": "pkcs12", "pin": PIN, "p12_base64": p12}).to_string()))
        .unwrap();
    let (s, e) = p.app.json(req).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("key_not_trusted")), "{e}");
    assert!(e["message"].as_str().unwrap().chars().any(|c| ('\u{2D30}'..='\u{2D7F}').contains(&c)), "in Tifinagh: {e}");
    let (s, k) = p.post("/api/v1/parapheur/keys", &head.token, json!({"kind": "pkcs12", "pin": PIN, "p12_base64": p12, "test": true})).await;
    assert_eq!((s, k["purpose"].as_str()), (StatusCode::CREATED, Some("test")), "{k}");
    let (_, k) = p.app.get("/api/v1/parapheur/keys", Some(&head.token)).await;
    assert_eq!(k["purpose"], "test", "{k}");

    let (s, f) = create_answer(&p, &agent, &entry, None).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let id = f["id"].as_i64().unwrap();
    let (s, f) = p.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), &agent, json!({"steps": [at(sig("signature", &head), 1, "all")]})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let (s, e) = p.act(&head, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::FORBIDDEN, Some("test_key_for_answer")), "{e}");
    nothing_sent(&p, &entry, &citizen).await;

    // The same test key still signs an internal folder (no register entry), at B-T: its
    // issuer publishes no revocation data for B-LT.
    let admin = p.app.login("admin@demo.test").await;
    let (s, v) = p.app.send("PUT", "/api/v1/parapheur/settings", &admin, Some(json!({"administration_id": p.admin_id, "pades_level": "B-T"}))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let id = p.started(&Staff { id: 0, token: agent.clone(), name: String::new() }, json!([at(sig("signature", &head), 1, "all")])).await;
    let (s, f) = p.act(&head, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
}
