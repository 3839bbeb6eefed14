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

/// The agent's folder answering `entry`, started with a visa by `head` then `signer`'s signature.
async fn answer_folder(p: &Parapheur, agent: &str, entry: &str, head: &Staff, signer: &Staff) -> i64 {
    let fields = [("administration_id", p.admin_id.to_string()), ("title", "Réponse à votre demande".to_owned()), ("entry_id", entry.to_owned())];
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
        .header(header::AUTHORIZATION, format!("Bearer {agent}"))
        .body(Body::from(body))
        .unwrap();
    let (s, f) = p.app.json(req).await;
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
