//! Routing (imputation), work lists, reminders and answers, through the real router on
//! SQLite (and PostgreSQL with scripts/with-postgres.sh): assignment to two units for action
//! and information, acceptance, reassignment and the slip's order; another unit's agent
//! neither sees nor acts; overdue and due-soon flags from deadlines relative to today; the
//! daily reminder queued once per user and day even when run twice (also concurrently);
//! draft → dispatch → outgoing number in register D, the incoming entry answered, the filer
//! sees the answer and downloads it; a second dispatch refused.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Datelike, Duration, Utc};
use common::{fixtures, TestApp};
use serde_json::{json, Value};
use sijill_backend::db::{queries, register};

struct Demo {
    admin: i32,
    sp: i32,
    daa: i32,
    dr: i32,
}

async fn demo(app: &TestApp) -> Demo {
    let c = &app.state.svc.db.conn;
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap().id;
    let units = queries::units_of(c, admin).await.unwrap();
    let unit = |code: &str| units.iter().find(|u| u.code == code).unwrap().id;
    Demo { admin, sp: unit("SP"), daa: unit("DAA"), dr: unit("DR-CS") }
}

/// The citizen files to DEMO; returns (citizen token, entry id, number).
async fn filed(app: &TestApp, subject: &str) -> (String, String, String) {
    let citizen = app.login("citizen@demo.test").await;
    let pdf = fixtures::pdf(subject, 0);
    let (s, v) = app.file_with(&citizen, "DEMO", subject, &[("lettre.pdf", pdf)], None, None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    (citizen, v["id"].as_str().unwrap().to_owned(), v["number"].as_str().unwrap().to_owned())
}

async fn assign(app: &TestApp, clerk: &str, entry: &str, targets: Value) -> Vec<Value> {
    let (s, v) = app.send("POST", &format!("/api/v1/entries/{entry}/assignments"), clerk, Some(json!({"assignments": targets}))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v.as_array().unwrap().clone()
}

async fn status_for_filer(app: &TestApp, citizen: &str, entry: &str) -> String {
    let (s, v) = app.get(&format!("/api/v1/filings/{entry}"), Some(citizen)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["status"].as_str().unwrap().to_owned()
}

/// A staff user created for the test: `role` in `unit` of DEMO.
async fn staff(app: &TestApp, email: &str, role: &str, admin: i32, unit: i32) -> String {
    let c = &app.state.svc.db.conn;
    let hash = sijill_backend::domain::auth::hash_password("demo-password").await.unwrap();
    let uid = queries::insert_user(c, queries::NewUser { email, password_hash: &hash, display_name: email, lang: "fr", verified: true })
        .await
        .unwrap();
    queries::insert_role(c, uid, role, Some(admin), Some(unit)).await.unwrap();
    app.login(email).await
}

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

#[tokio::test]
async fn assign_accept_reassign_and_the_routing_slip() {
    let app = TestApp::new().await;
    let d = demo(&app).await;
    let (citizen, entry, _) = filed(&app, "Demande d'attestation").await;
    let clerk = app.login("clerk@demo.test").await;
    let agent = app.login("agent@demo.test").await;

    let (s, v) = app.send("GET", &format!("/api/v1/entries/{entry}/routing"), &clerk, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["assignments"].as_array().unwrap().len(), 0);
    assert_eq!(v["can_assign"], true);

    let made = assign(&app, &clerk, &entry, json!([
        {"unit_id": d.sp, "purpose": "action", "instructions": "Préparer la réponse", "deadline": day(10)},
        {"unit_id": d.daa, "purpose": "information"},
    ]))
    .await;
    assert_eq!(made.len(), 2);
    assert_eq!(status_for_filer(&app, &citizen, &entry).await, "assigned");

    // The agent of SP finds it in their work list, accepts it: the entry is in progress.
    let (_, work) = app.send("GET", "/api/v1/work", &agent, None).await;
    let item = work.as_array().unwrap().iter().find(|i| i["entry_id"] == entry.as_str()).expect("in the agent's work list").clone();
    assert_eq!(item["purpose"], "action");
    let sp_assignment = item["assignment_id"].as_i64().unwrap();
    let (s, v) = app.send("POST", &format!("/api/v1/assignments/{sp_assignment}/accept"), &agent, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "accepted");
    assert_eq!(status_for_filer(&app, &citizen, &entry).await, "in_progress");
    let (s, _) = app.send("POST", &format!("/api/v1/assignments/{sp_assignment}/accept"), &agent, None).await;
    assert_eq!(s, StatusCode::CONFLICT, "accepting twice");

    // The agent passes it on to the regional directorate.
    let (s, new) = app.send("POST", &format!("/api/v1/assignments/{sp_assignment}/reassign"), &agent,
        Some(json!({"unit_id": d.dr, "purpose": "action", "instructions": "Relève de votre compétence"}))).await;
    assert_eq!(s, StatusCode::OK, "{new}");
    assert_eq!(new["deadline"], day(10), "the deadline follows the reassignment");

    let (_, slip) = app.send("GET", &format!("/api/v1/entries/{entry}/routing"), &clerk, None).await;
    let lines = slip["assignments"].as_array().unwrap();
    let summary: Vec<(Value, Value)> = lines.iter().map(|l| (l["unit_code"].clone(), l["status"].clone())).collect();
    assert_eq!(summary, vec![
        (json!("SP"), json!("reassigned")),
        (json!("DAA"), json!("pending")),
        (json!("DR-CS"), json!("pending")),
    ]);
    assert_eq!(lines[0]["replaced_by"], new["id"]);
    assert_eq!(lines[0]["responded_by"], "agent");
    assert_eq!(lines[1]["purpose"], "information");
    assert_eq!(lines[2]["assigned_by"], "agent");

    // Every step is in the entry's audit trail.
    let admin = app.login("admin@demo.test").await;
    let (s, events) = app.get(&format!("/api/v1/audit?entry={entry}"), Some(&admin)).await;
    assert_eq!(s, StatusCode::OK, "{events}");
    let steps: Vec<String> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["action"].as_str().unwrap(), e["details"]["step"].as_str().or(e["details"]["to"].as_str()).unwrap_or("")))
        .collect();
    for want in ["entry.assigned assigned", "entry.status assigned", "entry.assigned accepted", "entry.status in_progress", "entry.assigned reassigned"] {
        assert!(steps.iter().any(|s| s == want), "audit has {want}: {steps:?}");
    }
}

#[tokio::test]
async fn another_units_agent_neither_sees_nor_acts() {
    let app = TestApp::new().await;
    let d = demo(&app).await;
    let (citizen, entry, _) = filed(&app, "Réclamation").await;
    let clerk = app.login("clerk@demo.test").await;
    let made = assign(&app, &clerk, &entry, json!([{"unit_id": d.sp, "purpose": "action"}])).await;
    let id = made[0]["id"].as_i64().unwrap();
    let stranger = staff(&app, "agent.dr@demo.test", "agent", d.admin, d.dr).await;

    for path in [format!("/api/v1/entries/{entry}/routing"), format!("/api/v1/entries/{entry}/drafts")] {
        let (s, _) = app.send("GET", &path, &stranger, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        let (s, _) = app.send("GET", &path, &citizen, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "the filer is not staff: {path}");
    }
    for step in ["accept", "done"] {
        let (s, _) = app.send("POST", &format!("/api/v1/assignments/{id}/{step}"), &stranger, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{step}");
    }
    let (s, _) = app.send("POST", &format!("/api/v1/assignments/{id}/reassign"), &stranger, Some(json!({"unit_id": d.dr, "purpose": "action"}))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.send("POST", &format!("/api/v1/entries/{entry}/drafts"), &stranger, Some(json!({"subject": "x", "body": "y"}))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, work) = app.send("GET", "/api/v1/work", &stranger, None).await;
    assert_eq!(work, json!([]));
    let (s, _) = app.send("GET", &format!("/api/v1/units/{}/work", d.sp), &stranger, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another unit's work list");

    // The SP agent sees it but may not impute it further (only clerks and officials).
    let agent = app.login("agent@demo.test").await;
    let (s, _) = app.send("POST", &format!("/api/v1/entries/{entry}/assignments"), &agent,
        Some(json!({"assignments": [{"unit_id": d.dr, "purpose": "information"}]}))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The official of DAA (above SP) may.
    let official = app.login("official@demo.test").await;
    let (s, v) = app.send("POST", &format!("/api/v1/entries/{entry}/assignments"), &official,
        Some(json!({"assignments": [{"unit_id": d.dr, "purpose": "information"}]}))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // Bad input is a clear 400.
    let (s, v) = app.send("POST", &format!("/api/v1/entries/{entry}/assignments"), &clerk,
        Some(json!({"assignments": [{"unit_id": d.sp, "purpose": "whatever"}]}))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"], "invalid_value");
}

#[tokio::test]
async fn work_lists_flag_overdue_and_due_soon_and_sort_by_deadline() {
    let app = TestApp::new().await;
    let d = demo(&app).await;
    let clerk = app.login("clerk@demo.test").await;
    let agent = app.login("agent@demo.test").await;
    let mut entries = Vec::new();
    for (subject, deadline) in [("Later", Some(30)), ("Undated", None), ("Overdue", Some(-2)), ("Soon", Some(1))] {
        let (_, entry, _) = filed(&app, subject).await;
        let mut t = json!({"unit_id": d.sp, "purpose": "action"});
        if let Some(o) = deadline {
            t["deadline"] = json!(day(o));
        }
        assign(&app, &clerk, &entry, json!([t])).await;
        entries.push(entry);
    }
    let (s, work) = app.send("GET", "/api/v1/work", &agent, None).await;
    assert_eq!(s, StatusCode::OK, "{work}");
    let got: Vec<(String, bool, bool)> = work
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["subject"].as_str().unwrap().to_owned(), i["overdue"].as_bool().unwrap(), i["due_soon"].as_bool().unwrap()))
        .collect();
    assert_eq!(got, vec![
        ("Overdue".to_owned(), true, false),
        ("Soon".to_owned(), false, true),
        ("Later".to_owned(), false, false),
        ("Undated".to_owned(), false, false),
    ]);
    let count = |v: &Value| v.as_array().unwrap().len();
    let (_, v) = app.send("GET", "/api/v1/work?due=overdue", &agent, None).await;
    assert_eq!(count(&v), 1);
    let (_, v) = app.send("GET", "/api/v1/work?due=soon", &agent, None).await;
    assert_eq!(count(&v), 2);
    let (_, v) = app.send("GET", "/api/v1/work?purpose=information", &agent, None).await;
    assert_eq!(count(&v), 0);
    let (_, v) = app.send("GET", &format!("/api/v1/units/{}/work?status=pending", d.sp), &clerk, None).await;
    assert_eq!(count(&v), 4, "the registry sees the unit's list");
    let (s, v) = app.send("GET", "/api/v1/work?due=yesterday", &agent, None).await;
    assert_eq!((s, v["error"].clone()), (StatusCode::BAD_REQUEST, json!("invalid_value")));
    // The official of DAA sees SP's work (a unit below theirs).
    let official = app.login("official@demo.test").await;
    let (_, v) = app.send("GET", "/api/v1/work", &official, None).await;
    assert_eq!(count(&v), 4);
}

#[tokio::test]
async fn the_daily_reminder_is_queued_once_per_user_and_day() {
    let app = TestApp::new().await;
    let d = demo(&app).await;
    let clerk = app.login("clerk@demo.test").await;
    let (_, entry, number) = filed(&app, "Rappel").await;
    assign(&app, &clerk, &entry, json!([{"unit_id": d.sp, "purpose": "action", "deadline": day(-1)}])).await;
    let (_, far, far_number) = filed(&app, "Lointain").await;
    assign(&app, &clerk, &far, json!([{"unit_id": d.sp, "purpose": "action", "deadline": day(40)}])).await;

    let svc = &app.state.svc;
    let today = Utc::now().date_naive();
    // Two runs at once (as two processes would), then a third: one e-mail per user.
    let (a, b) = tokio::join!(svc.send_daily_reminders(today), svc.send_daily_reminders(today));
    let third = svc.send_daily_reminders(today).await.unwrap();
    assert_eq!(a.unwrap() + b.unwrap() + third, 2, "only SP's staff (its agent and its head) have something due");
    let mut mails: Vec<_> = sijill_backend::db::outbox::all(&svc.db.conn).await.unwrap().into_iter().filter(|m| m.kind == "reminder").collect();
    mails.sort_by(|x, y| x.recipient.cmp(&y.recipient));
    let to: Vec<&str> = mails.iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(to, ["agent@demo.test", "head@demo.test"]);
    for m in &mails {
        assert!(m.body.contains(&number) && m.body.contains("EN RETARD"), "{}", m.body);
        assert!(!m.body.contains(&far_number), "not due yet: {}", m.body);
    }
    // Tomorrow is another day.
    assert_eq!(svc.send_daily_reminders(today + Duration::days(1)).await.unwrap(), 2);
}

#[tokio::test]
async fn draft_dispatch_answer_reaches_the_filer() {
    let app = TestApp::new().await;
    let d = demo(&app).await;
    let (citizen, entry, number) = filed(&app, "Demande d'attestation de travail").await;
    let clerk = app.login("clerk@demo.test").await;
    let agent = app.login("agent@demo.test").await;
    let made = assign(&app, &clerk, &entry, json!([{"unit_id": d.sp, "purpose": "action", "deadline": day(5)}])).await;
    let (s, _) = app.send("POST", &format!("/api/v1/assignments/{}/accept", made[0]["id"]), &agent, None).await;
    assert_eq!(s, StatusCode::OK);

    // The clerk is not in the acting unit: cannot draft.
    let (s, _) = app.send("POST", &format!("/api/v1/entries/{entry}/drafts"), &clerk, Some(json!({"subject": "x", "body": "y"}))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, draft) = app.send("POST", &format!("/api/v1/entries/{entry}/drafts"), &agent,
        Some(json!({"subject": "Votre attestation", "body": "Madame, Monsieur,\n\nVeuillez trouver votre attestation.\n\nالسلام عليكم"}))).await;
    assert_eq!(s, StatusCode::CREATED, "{draft}");
    let id = draft["id"].as_i64().unwrap();
    assert_eq!(draft["can_dispatch"], false, "an agent does not dispatch");
    assert_eq!(draft["modes"], json!(["portal", "email", "post"]));
    let (s, draft) = app.send("PUT", &format!("/api/v1/drafts/{id}"), &agent,
        Some(json!({"subject": "Votre attestation de travail", "body": "Madame, Monsieur,\n\nVeuillez trouver ci-joint votre attestation."}))).await;
    assert_eq!(s, StatusCode::OK, "{draft}");
    let (s, _) = app.send("POST", &format!("/api/v1/drafts/{id}/dispatch"), &agent, Some(json!({"mode": "portal"}))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    let (s, out) = app.send("POST", &format!("/api/v1/drafts/{id}/dispatch"), &clerk, Some(json!({"mode": "portal"}))).await;
    assert_eq!(s, StatusCode::CREATED, "{out}");
    let year = Utc::now().year();
    assert_eq!(out["number"], format!("DEMO-{year}-D-000001"));
    let c = &app.state.svc.db.conn;
    assert_eq!(register::register_numbers(c, d.admin, "D", year).await.unwrap(), vec![1]);
    let outgoing = register::by_id(c, out["outgoing_id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!((outgoing.direction.as_str(), outgoing.origin.as_str()), ("D", "outgoing"));
    assert_eq!(outgoing.in_reply_to.as_deref(), Some(entry.as_str()));
    assert_eq!(outgoing.unit_id, Some(d.sp));
    assert_eq!(outgoing.dispatch_mode.as_deref(), Some("portal"));

    // Dispatching again is refused, and nothing more is registered.
    let (s, v) = app.send("POST", &format!("/api/v1/drafts/{id}/dispatch"), &clerk, Some(json!({"mode": "portal"}))).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(register::register_numbers(c, d.admin, "D", year).await.unwrap(), vec![1]);
    let (s, _) = app.send("PUT", &format!("/api/v1/drafts/{id}"), &agent, Some(json!({"subject": "late", "body": ""}))).await;
    assert_eq!(s, StatusCode::CONFLICT, "a dispatched draft is not edited");

    // The filer sees "answered" and downloads the sealed answer; the e-mail is queued.
    assert_eq!(status_for_filer(&app, &citizen, &entry).await, "answered");
    let (s, answers) = app.get(&format!("/api/v1/filings/{entry}/answers"), Some(&citizen)).await;
    assert_eq!(s, StatusCode::OK, "{answers}");
    assert_eq!(answers[0]["number"], out["number"]);
    let url = answers[0]["pdf_url"].as_str().unwrap();
    let req = Request::get(url).header(header::AUTHORIZATION, format!("Bearer {citizen}")).body(Body::empty()).unwrap();
    let (s, headers, pdf) = app.call(req).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert!(pdf.starts_with(b"%PDF-") && pdf.windows(10).any(|w| w == b"/ByteRange"), "a sealed PDF");
    let stranger = app.login("citizen2@demo.test").await;
    let (s, _) = app.get(&format!("/api/v1/filings/{entry}/answers"), Some(&stranger)).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another filer");
    let mails = sijill_backend::db::outbox::all(c).await.unwrap();
    let mail = mails.iter().find(|m| m.kind == "answer").expect("answer e-mail queued");
    assert_eq!(mail.recipient, "citizen@demo.test");
    assert!(mail.subject.contains(&number), "{}", mail.subject);

    // A second answer with an attached PDF, dispatched by post by the official above SP.
    let official = app.login("official@demo.test").await;
    let (ct, body) = fixtures::multipart(&[("subject", "Complément".to_owned()), ("body", String::new())], &[("reponse.pdf", fixtures::pdf("Complement", 0))]);
    let req = Request::post(format!("/api/v1/entries/{entry}/drafts"))
        .header(header::AUTHORIZATION, format!("Bearer {agent}"))
        .header(header::CONTENT_TYPE, ct)
        .body(Body::from(body))
        .unwrap();
    let (s, second) = app.json(req).await;
    assert_eq!(s, StatusCode::CREATED, "{second}");
    assert_eq!(second["attachment"], "reponse.pdf");
    let (s, v) = app.send("POST", &format!("/api/v1/drafts/{}/dispatch", second["id"]), &official, Some(json!({"mode": "post"}))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["number"], format!("DEMO-{year}-D-000002"));
    let (s, pdf) = {
        let req = Request::get(v["pdf_url"].as_str().unwrap()).header(header::AUTHORIZATION, format!("Bearer {agent}")).body(Body::empty()).unwrap();
        let (s, _, b) = app.call(req).await;
        (s, b)
    };
    assert_eq!(s, StatusCode::OK, "the drafting unit reads its outgoing entry");
    assert!(pdf.windows(10).any(|w| w == b"Complement"), "the attached PDF was sent");
    let answers_mails = sijill_backend::db::outbox::all(c).await.unwrap().into_iter().filter(|m| m.kind == "answer").count();
    assert_eq!(answers_mails, 1, "posted answers send no e-mail");
    let (s, v) = app.send("POST", &format!("/api/v1/drafts/{}/dispatch", second["id"]), &official, Some(json!({"mode": "fax"}))).await;
    assert!(s == StatusCode::CONFLICT || s == StatusCode::BAD_REQUEST, "{v}");
}

#[tokio::test]
async fn every_routing_endpoint_is_in_the_openapi_document() {
    let app = TestApp::new().await;
    let (s, doc) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/entries/{id}/routing", "get"),
        ("/api/v1/entries/{id}/assignable", "get"),
        ("/api/v1/entries/{id}/assignments", "post"),
        ("/api/v1/assignments/{id}/accept", "post"),
        ("/api/v1/assignments/{id}/reassign", "post"),
        ("/api/v1/assignments/{id}/done", "post"),
        ("/api/v1/work", "get"),
        ("/api/v1/units/{id}/work", "get"),
        ("/api/v1/entries/{id}/drafts", "get"),
        ("/api/v1/entries/{id}/drafts", "post"),
        ("/api/v1/drafts/{id}", "get"),
        ("/api/v1/drafts/{id}", "put"),
        ("/api/v1/drafts/{id}/dispatch", "post"),
        ("/api/v1/outgoing/{id}/pdf", "get"),
        ("/api/v1/filings/{id}/answers", "get"),
        ("/api/v1/filings/{id}/answers/{answer}/pdf", "get"),
    ] {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} missing from OpenAPI");
        // Routed: without a session every one of them asks for authentication.
        let uri = path.replace("{id}", "1").replace("{answer}", "1");
        let req = Request::builder().method(method.to_uppercase().as_str()).uri(uri).body(Body::empty()).unwrap();
        let (s, _, _) = app.call(req).await;
        assert!(s == StatusCode::UNAUTHORIZED || s == StatusCode::UNSUPPORTED_MEDIA_TYPE || s == StatusCode::BAD_REQUEST, "{method} {path}: {s}");
    }
}

/// A dispatch that stopped after its outgoing entry was registered (say the process was
/// killed while sealing) is resumed with that entry: the outgoing register has no gap and
/// no second number.
#[tokio::test]
async fn an_interrupted_dispatch_resumes_without_a_second_number() {
    let app = TestApp::new().await;
    let d = demo(&app).await;
    let (citizen, entry, _) = filed(&app, "Reprise").await;
    let clerk = app.login("clerk@demo.test").await;
    let agent = app.login("agent@demo.test").await;
    assign(&app, &clerk, &entry, json!([{"unit_id": d.sp, "purpose": "action"}])).await;
    let (s, draft) = app.send("POST", &format!("/api/v1/entries/{entry}/drafts"), &agent, Some(json!({"subject": "Réponse", "body": "Texte."}))).await;
    assert_eq!(s, StatusCode::CREATED, "{draft}");
    let id = draft["id"].as_i64().unwrap() as i32;

    // The state such a stop leaves: draft claimed, outgoing entry registered, nothing else.
    let svc = &app.state.svc;
    let c = &svc.db.conn;
    let year = Utc::now().year();
    assert!(sijill_backend::db::routing::move_draft(c, id, "draft", "dispatching", None).await.unwrap());
    let outgoing = register::NewEntry {
        id: uuid::Uuid::new_v4().to_string(),
        administration_id: d.admin,
        service_id: None,
        filer_id: None,
        direction: "D",
        year,
        subject: "Réponse",
        message: "Texte.",
        idempotency_key: None,
        received_at: Utc::now(),
        documents: Vec::new(),
        details: register::EntryDetails { origin: "outgoing".into(), unit_id: Some(d.sp), in_reply_to: Some(entry.clone()), ..Default::default() },
        mail: None,
    };
    let registered = register::register(&svc.db, outgoing, move |seq| format!("DEMO-{year}-D-{seq:06}"), |_| (String::new(), String::new())).await.unwrap();
    let register::Registered::New(out) = registered else { panic!("registered") };
    assert!(sijill_backend::db::routing::move_draft(c, id, "dispatching", "dispatching", Some(&out.id)).await.unwrap());
    assert_eq!(status_for_filer(&app, &citizen, &entry).await, "assigned", "not answered yet");

    let (_, before) = app.send("GET", &format!("/api/v1/drafts/{id}"), &clerk, None).await;
    let (s, v) = app.send("POST", &format!("/api/v1/drafts/{id}/dispatch"), &clerk, Some(json!({"mode": "portal"}))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}; draft before: {before}");
    assert_eq!(v["number"], out.number.as_str());
    assert_eq!(register::register_numbers(c, d.admin, "D", year).await.unwrap(), vec![1]);
    assert_eq!(status_for_filer(&app, &citizen, &entry).await, "answered");
    let (s, _) = app.send("POST", &format!("/api/v1/drafts/{id}/dispatch"), &clerk, Some(json!({"mode": "portal"}))).await;
    assert_eq!(s, StatusCode::CONFLICT);
}
