//! Intake besides the portal through the real router: paper mail with its scan, internal
//! mail, mail from another administration, the address book, the clerk's queue and
//! confidentiality (SQLite; PostgreSQL with scripts/with-postgres.sh).

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Datelike;
use common::{fixtures, TestApp};
use serde_json::{json, Value};
use sijill_backend::db::{queries, seed as ins};

const NAMES: [&str; 4] = ["Ministère voisin", "الوزارة المجاورة", "ⵜⴰⵎⴰⵡⴰⵙⵜ", "Neighbouring ministry"];

fn year() -> i32 {
    chrono::Utc::now().year()
}

async fn post_form(app: &TestApp, path: &str, token: &str, fields: &[(&str, &str)], docs: &[(&str, Vec<u8>)], key: Option<&str>, lang: Option<&str>) -> (StatusCode, Value) {
    let fields: Vec<(&str, String)> = fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    let (ct, body) = fixtures::multipart(&fields, docs);
    let mut r = Request::post(path).header(header::CONTENT_TYPE, ct).header(header::AUTHORIZATION, format!("Bearer {token}"));
    if let Some(k) = key {
        r = r.header("Idempotency-Key", k);
    }
    if let Some(l) = lang {
        r = r.header(header::ACCEPT_LANGUAGE, l);
    }
    app.json(r.body(Body::from(body)).unwrap()).await
}

async fn send_json(app: &TestApp, method: &str, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
    let r = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body.to_string()))
        .unwrap();
    app.json(r).await
}

async fn user_id(app: &TestApp, email: &str) -> i32 {
    queries::user_by_email(&app.state.svc.db.conn, email).await.unwrap().unwrap().id
}

async fn unit_id(app: &TestApp, code: &str) -> i32 {
    let demo = queries::administration_by_code(&app.state.svc.db.conn, "DEMO").await.unwrap().unwrap();
    queries::units_of(&app.state.svc.db.conn, demo.id).await.unwrap().into_iter().find(|u| u.code == code).unwrap().id
}

/// Another administration `VOISIN` with one clerk, `clerk@voisin.test`.
async fn neighbour(app: &TestApp) -> String {
    let c = &app.state.svc.db.conn;
    let a = ins::insert_administration(c, "VOISIN", "VSN", NAMES).await.unwrap();
    let hash = sijill_backend::domain::auth::hash_password("demo-password").await.unwrap();
    let u = queries::insert_user(c, queries::NewUser { email: "clerk@voisin.test", password_hash: &hash, display_name: "Clerc voisin", lang: "fr", verified: true }).await.unwrap();
    queries::insert_role(c, u, "clerk", Some(a), None).await.unwrap();
    app.login("clerk@voisin.test").await
}

fn paper_fields<'a>(subject: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("correspondent_name", "Société Atlas SARL"),
        ("correspondent_kind", "organisation"),
        ("letter_date", "2026-11-02"),
        ("subject", subject),
        ("message", "Lettre reçue par la poste."),
        ("category", "Demande"),
        ("priority", "urgent"),
        ("deadline", "2026-12-31"),
    ];
    f.extend_from_slice(extra);
    f
}

#[tokio::test]
async fn a_clerk_registers_paper_mail_with_its_scan() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk@demo.test").await;
    let scan = fixtures::pdf("Lettre papier", 0);
    let unit = unit_id(&app, "SP").await.to_string();
    let fields = paper_fields("Demande de partenariat", &[("unit_id", &unit), ("filer_email", "citizen@demo.test")]);
    let (s, v) = post_form(&app, "/api/v1/bureau/paper", &clerk, &fields, &[("scan.pdf", scan.clone()), ("annexe.png", fixtures::png())], None, None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["number"], format!("DEMO-{}-A-000001", year()));
    assert_eq!(v["status"], "registered");
    let id = v["id"].as_str().unwrap().to_owned();

    let (s, e) = app.get(&format!("/api/v1/bureau/entries/{id}"), Some(&clerk)).await;
    assert_eq!(s, StatusCode::OK, "{e}");
    assert_eq!(e["origin"], "paper");
    assert_eq!(e["direction"], "A");
    assert_eq!(e["priority"], "urgent");
    assert_eq!(e["letter_date"], "2026-11-02");
    assert_eq!(e["deadline"], "2026-12-31");
    assert_eq!(e["category"], "Demande");
    assert_eq!(e["correspondent"]["name"], "Société Atlas SARL");
    assert_eq!(e["correspondent"]["kind"], "organisation");
    assert_eq!(e["unit"]["code"], "SP");
    assert!(e["registered_by"].as_str().unwrap().contains("clerk@demo.test"));
    let docs = e["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["content_type"], "application/pdf");
    assert_eq!(docs[1]["content_type"], "image/png");
    // The scan downloads as stored.
    let r = Request::get(docs[0]["url"].as_str().unwrap()).header(header::AUTHORIZATION, format!("Bearer {clerk}")).body(Body::empty()).unwrap();
    let (s, h, body) = app.call(r).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h[header::CONTENT_TYPE], "application/pdf");
    assert!(h[header::CONTENT_DISPOSITION].to_str().unwrap().contains("filename*=UTF-8''scan.pdf"));
    assert_eq!(body, scan);

    // Linked to the citizen's account: it shows in their "My filings".
    let citizen = app.login("citizen@demo.test").await;
    let (_, mine) = app.get("/api/v1/filings", Some(&citizen)).await;
    assert_eq!(mine[0]["id"], id.as_str(), "{mine}");

    // In the clerk's queue, and the register counts on: the next portal filing is 000002.
    let (s, q) = app.get("/api/v1/bureau/entries?origin=paper", Some(&clerk)).await;
    assert_eq!(s, StatusCode::OK, "{q}");
    assert_eq!(q["total"], 1);
    assert_eq!(q["entries"][0]["from"], "Société Atlas SARL");
    let (s, f) = app.file(&citizen, &[("a.pdf", fixtures::pdf("A", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(f["number"], format!("DEMO-{}-A-000002", year()));
    let (_, q) = app.get("/api/v1/bureau/entries", Some(&clerk)).await;
    assert_eq!(q["total"], 2);
    assert_eq!(q["entries"][0]["origin"], "portal", "newest first, portal filings already registered");
    // Filters: received dates, addressed unit; a bad date is a clear 400.
    let today = chrono::Utc::now().date_naive();
    let (_, q) = app.get(&format!("/api/v1/bureau/entries?from={today}&to={today}"), Some(&clerk)).await;
    assert_eq!(q["total"], 2, "{q}");
    let (_, q) = app.get("/api/v1/bureau/entries?to=2000-01-01", Some(&clerk)).await;
    assert_eq!(q["total"], 0);
    let (_, q) = app.get(&format!("/api/v1/bureau/entries?unit={unit}"), Some(&clerk)).await;
    assert_eq!((q["total"].as_u64(), q["entries"][0]["id"].as_str()), (Some(1), Some(id.as_str())), "{q}");
    let (s, v) = app.get("/api/v1/bureau/entries?from=25/11/2026", Some(&clerk)).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_value")), "{v}");
    // Staff only.
    let (s, _) = app.get("/api/v1/bureau/entries", Some(&citizen)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The registration is in the audit log, by the clerk.
    let admin = app.login("admin@demo.test").await;
    let (_, events) = app.get(&format!("/api/v1/audit?entry={id}"), Some(&admin)).await;
    assert_eq!(events[0]["action"], "entry.registered", "{events}");
    assert_eq!(events[0]["actor_id"], user_id(&app, "clerk@demo.test").await);
}

#[tokio::test]
async fn a_bad_scan_is_refused_clearly_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk@demo.test").await;
    let fields = paper_fields("Lettre", &[]);
    let (s, v) = post_form(&app, "/api/v1/bureau/paper", &clerk, &fields, &[("scan.pdf", b"not a pdf at all".to_vec())], None, Some("ar")).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    assert_eq!(v["error"], "unsupported_type");
    assert!(v["message"].as_str().unwrap().contains("scan.pdf") && v["message"].as_str().unwrap().contains("ليس"), "{v}");
    let (s, v) = post_form(&app, "/api/v1/bureau/paper", &clerk, &fields, &[("ok.pdf", fixtures::pdf("ok", 0)), ("cut.pdf", b"%PDF-1.7 broken".to_vec())], None, None).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    assert_eq!(v["error"], "corrupt_document");
    let (s, v) = post_form(&app, "/api/v1/bureau/paper", &clerk, &fields, &[], None, None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["error"], "no_documents");
    let bad_date = paper_fields("Lettre", &[("received_date", "02/11/2026")]);
    let (s, v) = post_form(&app, "/api/v1/bureau/paper", &clerk, &bad_date, &[("a.pdf", fixtures::pdf("a", 0))], None, Some("en")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["error"], "invalid_value");
    assert!(v["message"].as_str().unwrap().contains("received_date"), "{v}");
    let (files, docs, blobs) = app.stored().await;
    assert_eq!((files, docs), (0, 0));
    assert!(blobs.is_empty(), "no blob left behind: {blobs:?}");
    let (_, book) = app.get("/api/v1/correspondents?q=atlas", Some(&clerk)).await;
    assert_eq!(book.as_array().unwrap().len(), 0, "no correspondent added by a refused letter: {book}");

    // Only registry staff register paper mail.
    let agent = app.login("agent@demo.test").await;
    let (s, _) = post_form(&app, "/api/v1/bureau/paper", &agent, &fields, &[("a.pdf", fixtures::pdf("a", 0))], None, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn mail_from_another_administration_through_the_api() {
    let app = TestApp::new().await;
    let sender = neighbour(&app).await;
    let fields = [("administration", "DEMO"), ("subject", "Transmission de dossier"), ("message", "Veuillez trouver ci-joint."), ("reference", "VSN/2026/77"), ("letter_date", "2026-11-20")];
    let doc = [("dossier.pdf", fixtures::pdf("Dossier", 0))];
    let (s, v) = post_form(&app, "/api/v1/correspondence", &sender, &fields, &doc, Some("vsn-77"), None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["number"], format!("DEMO-{}-A-000001", year()));
    let id = v["id"].as_str().unwrap().to_owned();

    // Idempotency: the same key gives the same entry, even concurrently.
    let (s, again) = post_form(&app, "/api/v1/correspondence", &sender, &fields, &doc, Some("vsn-77"), None).await;
    assert_eq!(s, StatusCode::OK, "{again}");
    assert_eq!(again["id"], id.as_str());
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let (state, router, token) = (app.state.clone(), app.router.clone(), sender.clone());
        let fields: Vec<(&'static str, &'static str)> = vec![("administration", "DEMO"), ("subject", "Deuxième envoi")];
        tasks.push(tokio::spawn(async move {
            let app = TestApp { state, router, dir: tempfile::tempdir().unwrap(), backend: "" };
            post_form(&app, "/api/v1/correspondence", &token, &fields, &[("b.pdf", fixtures::pdf("B", 0))], Some("vsn-78"), None).await
        }));
    }
    let mut ids = std::collections::BTreeSet::new();
    for t in tasks {
        let (s, v) = t.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::OK, "{s} {v}");
        ids.insert(v["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1, "one entry per key");
    assert_eq!(app.stored().await.0, 2);

    // In the recipient's register, from the sender administration (one address-book entry).
    let clerk = app.login("clerk@demo.test").await;
    let (_, e) = app.get(&format!("/api/v1/bureau/entries/{id}"), Some(&clerk)).await;
    assert_eq!(e["origin"], "api");
    assert_eq!(e["correspondent"]["kind"], "administration");
    assert_eq!(e["correspondent"]["name"], "Ministère voisin");
    assert!(e["message"].as_str().unwrap().contains("VSN/2026/77"));
    let (_, book) = app.get("/api/v1/correspondents?q=voisin", Some(&clerk)).await;
    assert_eq!(book.as_array().unwrap().len(), 1, "{book}");
    // The sender does not see the recipient's register.
    let (s, _) = app.get(&format!("/api/v1/bureau/entries/{id}"), Some(&sender)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Refused: a filer, a user of no administration, unknown recipient, bad input; nothing stored.
    let before = app.stored().await;
    let citizen = app.login("citizen@demo.test").await;
    let (s, v) = post_form(&app, "/api/v1/correspondence", &citizen, &fields, &doc, None, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(v["error"], "forbidden");
    let (s, _) = post_form(&app, "/api/v1/correspondence", "no-token", &fields, &doc, None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, v) = post_form(&app, "/api/v1/correspondence", &sender, &[("administration", "NOPE"), ("subject", "x")], &doc, None, Some("fr")).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("unknown_administration")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("NOPE"));
    let (s, v) = post_form(&app, "/api/v1/correspondence", &sender, &[("administration", "DEMO")], &doc, None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("missing_field")), "{v}");
    let (s, v) = post_form(&app, "/api/v1/correspondence", &sender, &[("administration", "DEMO"), ("subject", "x"), ("confidentiality", "top")], &doc, None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_value")), "{v}");
    let (s, v) = post_form(&app, "/api/v1/correspondence", &sender, &[("administration", "DEMO"), ("subject", "x")], &[("x.png", b"\x89PNG\r\n\x1a\nbroken".to_vec())], None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("corrupt_document")), "{v}");
    assert_eq!(app.stored().await, before);
}

#[tokio::test]
async fn the_address_book_is_found_as_you_type() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk@demo.test").await;
    for (name, email) in [("Banque Populaire", "contact@bp.ma"), ("Atlas Conseil", "info@atlas.ma"), ("Mohamed Alaoui", "m.alaoui@example.ma"), ("Agence Urbaine", "au@example.ma")] {
        let (s, v) = send_json(&app, "POST", "/api/v1/correspondents", &clerk, json!({"name": name, "email": email, "kind": "organisation"})).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let names = |v: &Value| v.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    let (_, v) = app.get("/api/v1/correspondents?q=a", Some(&clerk)).await;
    assert_eq!(names(&v)[..3], ["Agence Urbaine", "Atlas Conseil", "Banque Populaire"][..], "prefix matches first, by name: {v}");
    let (_, v) = app.get("/api/v1/correspondents?q=ALAOUI", Some(&clerk)).await;
    assert_eq!(names(&v), ["Mohamed Alaoui"]);
    let (_, v) = app.get("/api/v1/correspondents?q=bp.ma", Some(&clerk)).await;
    assert_eq!(names(&v), ["Banque Populaire"], "e-mail matches too");
    let (_, v) = app.get("/api/v1/correspondents?q=%25", Some(&clerk)).await;
    assert!(names(&v).is_empty(), "% is literal");
    let (s, v) = send_json(&app, "POST", "/api/v1/correspondents", &clerk, json!({"name": " ", "kind": "person"})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("missing_field")));
    // Edit.
    let (_, v) = app.get("/api/v1/correspondents?q=atlas", Some(&clerk)).await;
    let id = v[0]["id"].as_i64().unwrap();
    let (s, v) = send_json(&app, "PUT", &format!("/api/v1/correspondents/{id}"), &clerk, json!({"name": "Atlas Conseil SA", "kind": "organisation", "phone": "0522000000"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["phone"], "0522000000");
    // Staff only; another administration's staff sees its own book.
    let citizen = app.login("citizen@demo.test").await;
    let (s, _) = app.get("/api/v1/correspondents?q=a", Some(&citizen)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let other = neighbour(&app).await;
    let (_, v) = app.get("/api/v1/correspondents?q=a", Some(&other)).await;
    assert!(names(&v).is_empty());
    let (s, _) = send_json(&app, "PUT", &format!("/api/v1/correspondents/{id}"), &other, json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn confidential_mail_is_seen_only_with_a_clearance() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk@demo.test").await;
    let admin = app.login("admin@demo.test").await;
    let doc = [("secret.pdf", fixtures::pdf("Confidentiel", 0))];
    let conf = paper_fields("Dossier sensible", &[("confidentiality", "confidential")]);
    // An uncleared clerk may not register it.
    let (s, v) = post_form(&app, "/api/v1/bureau/paper", &clerk, &conf, &doc, None, Some("en")).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::FORBIDDEN, Some("clearance_required")), "{v}");
    assert_eq!(app.stored().await.0, 0);

    // The administrator grants the clerk confidential clearance; the clerk registers.
    let clerk_id = user_id(&app, "clerk@demo.test").await;
    let (s, v) = send_json(&app, "PUT", &format!("/api/v1/clearances/{clerk_id}"), &clerk, json!({"level": "secret"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only administrators grant: {v}");
    let (s, _) = send_json(&app, "PUT", &format!("/api/v1/clearances/{clerk_id}"), &admin, json!({"level": "confidential"})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, list) = app.get("/api/v1/clearances", Some(&admin)).await;
    assert!(list.as_array().unwrap().iter().any(|u| u["user_id"] == clerk_id && u["clearance"] == "confidential"), "{list}");
    let (s, v) = post_form(&app, "/api/v1/bureau/paper", &clerk, &conf, &doc, None, None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap().to_owned();
    let secret = paper_fields("Très secret", &[("confidentiality", "secret")]);
    let (s, _) = post_form(&app, "/api/v1/bureau/paper", &clerk, &secret, &doc, None, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "confidential does not open secret");
    let (_, normal) = post_form(&app, "/api/v1/bureau/paper", &clerk, &paper_fields("Ordinaire", &[]), &[("n.pdf", fixtures::pdf("N", 0))], None, None).await;

    // The cleared clerk downloads it (audited); the uncleared administrator neither lists,
    // reads nor downloads it.
    let path = format!("/bureau/entries/{id}/documents/0");
    let r = Request::get(&path).header(header::AUTHORIZATION, format!("Bearer {clerk}")).body(Body::empty()).unwrap();
    assert_eq!(app.call(r).await.0, StatusCode::OK);
    let (_, q) = app.get("/api/v1/bureau/entries", Some(&admin)).await;
    let ids: Vec<&str> = q["entries"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [normal["id"].as_str().unwrap()], "{q}");
    assert_eq!(q["total"], 1);
    let (s, _) = app.get(&format!("/api/v1/bureau/entries/{id}"), Some(&admin)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let r = Request::get(&path).header(header::AUTHORIZATION, format!("Bearer {admin}")).body(Body::empty()).unwrap();
    assert_eq!(app.call(r).await.0, StatusCode::NOT_FOUND);
    let (_, events) = app.get(&format!("/api/v1/audit?entry={id}"), Some(&admin)).await;
    let actions: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["entry.registered", "document.downloaded"], "{events}");

    // Revoked: the clerk loses sight of it.
    let (s, _) = send_json(&app, "PUT", &format!("/api/v1/clearances/{clerk_id}"), &admin, json!({"level": "normal"})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get(&format!("/api/v1/bureau/entries/{id}"), Some(&clerk)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = send_json(&app, "PUT", &format!("/api/v1/clearances/{clerk_id}"), &admin, json!({"level": "top"})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_value")));
}

#[tokio::test]
async fn internal_mail_goes_from_a_unit_to_another() {
    let app = TestApp::new().await;
    let agent = app.login("agent@demo.test").await; // Service du personnel (SP)
    let to = unit_id(&app, "DR-CS").await.to_string();
    let fields = [("to_unit_id", to.as_str()), ("subject", "Note de service"), ("message", "Merci de transmettre les effectifs."), ("priority", "low")];
    let (s, v) = post_form(&app, "/api/v1/bureau/internal", &agent, &fields, &[("note.pdf", fixtures::pdf("Note", 0))], None, None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["number"], format!("DEMO-{}-I-000001", year()));
    let id = v["id"].as_str().unwrap();
    let clerk = app.login("clerk@demo.test").await;
    let (_, e) = app.get(&format!("/api/v1/bureau/entries/{id}"), Some(&clerk)).await;
    assert_eq!(e["origin"], "internal");
    assert_eq!(e["direction"], "I");
    assert_eq!(e["from_unit"]["code"], "SP");
    assert_eq!(e["unit"]["code"], "DR-CS");
    assert_eq!(e["documents"].as_array().unwrap().len(), 1);
    // The sender's unit sees it in its queue; filtered by direction.
    let (_, q) = app.get("/api/v1/bureau/entries?direction=I", Some(&agent)).await;
    assert_eq!(q["total"], 1, "{q}");
    let (_, q) = app.get("/api/v1/bureau/entries?direction=A", Some(&clerk)).await;
    assert_eq!(q["total"], 0);

    // Refused: to one's own unit, to an unknown unit, from a user with no unit.
    let own = unit_id(&app, "SP").await.to_string();
    let (s, v) = post_form(&app, "/api/v1/bureau/internal", &agent, &[("to_unit_id", own.as_str()), ("subject", "x")], &[], None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_value")), "{v}");
    let (s, _) = post_form(&app, "/api/v1/bureau/internal", &agent, &[("to_unit_id", "99999"), ("subject", "x")], &[], None, None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let admin = app.login("admin@demo.test").await;
    let (s, _) = post_form(&app, "/api/v1/bureau/internal", &admin, &fields, &[], None, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the demo administrator belongs to no unit");
    assert_eq!(app.stored().await.0, 1);
}

#[tokio::test]
async fn every_bureau_endpoint_is_in_the_openapi_document() {
    let app = TestApp::new().await;
    let (_, doc) = app.get("/api/v1/openapi.json", None).await;
    for path in ["/api/v1/correspondence", "/api/v1/bureau/paper", "/api/v1/bureau/internal", "/api/v1/bureau/entries", "/api/v1/bureau/entries/{id}", "/api/v1/correspondents", "/api/v1/correspondents/{id}", "/api/v1/clearances", "/api/v1/clearances/{user_id}"] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
}

/// A page request as the signed-in browser makes it (session cookie).
async fn page(app: &TestApp, method: &str, path: &str, token: &str, body: Option<(String, Vec<u8>)>) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut r = Request::builder().method(method).uri(path).header(header::COOKIE, format!("sijill_session={token}"));
    let body = match body {
        Some((ct, b)) => {
            r = r.header(header::CONTENT_TYPE, ct);
            Body::from(b)
        }
        None => Body::empty(),
    };
    let (s, h, b) = app.call(r.body(body).unwrap()).await;
    (s, h, String::from_utf8_lossy(&b).into_owned())
}

fn hidden(html: &str, name: &str) -> String {
    let at = html.find(&format!(r#"name="{name}" value=""#)).unwrap_or_else(|| panic!("no {name} in {html}"));
    let rest = &html[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn the_clerk_registers_paper_mail_through_the_pages() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk@demo.test").await;
    let (s, _, form) = page(&app, "GET", "/bureau/paper", &clerk, None).await;
    assert_eq!(s, StatusCode::OK, "{form}");
    assert!(form.contains(r#"href="/bureau""#), "staff see the register in the navigation");
    let (csrf, key) = (hidden(&form, "csrf"), hidden(&form, "idempotency_key"));
    let unit = unit_id(&app, "SP").await.to_string();
    let fields: Vec<(&str, String)> = [
        ("csrf", csrf.as_str()), ("idempotency_key", key.as_str()), ("correspondent_name", "Fatima Zahra"), ("correspondent_kind", "person"),
        ("received_date", ""), ("subject", "Demande de stage"), ("unit_id", unit.as_str()), ("priority", "normal"), ("confidentiality", "normal"),
    ]
    .iter()
    .map(|(k, v)| (*k, v.to_string()))
    .collect();
    let scan = [("lettre.jpg", b"not an image".to_vec())];
    let (s, _, again) = page(&app, "POST", "/bureau/paper", &clerk, Some(fixtures::multipart(&fields, &scan))).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(again.contains("« lettre.jpg » n'est ni un PDF") && again.contains(r#"value="Demande de stage""#), "error and typed values: {again}");
    let (s, h, _) = page(&app, "POST", "/bureau/paper", &clerk, Some(fixtures::multipart(&fields, &[("lettre.png", fixtures::png())]))).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let location = h[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.starts_with("/bureau/entries/") && location.ends_with("?new=1"), "{location}");
    let (s, _, entry) = page(&app, "GET", &location, &clerk, None).await;
    assert_eq!(s, StatusCode::OK);
    let number = format!("DEMO-{}-A-000001", year());
    assert!(entry.contains(&format!("Courrier enregistré sous le numéro {number}.")), "{entry}");
    assert!(entry.contains("Fatima Zahra") && entry.contains("Service du personnel") && entry.contains("lettre.png"));
    // The same form sent twice registers once.
    let (s, h, _) = page(&app, "POST", "/bureau/paper", &clerk, Some(fixtures::multipart(&fields, &[("lettre.png", fixtures::png())]))).await;
    assert_eq!((s, h[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, location.as_str()));
    let (_, _, queue) = page(&app, "GET", "/bureau?origin=paper", &clerk, None).await;
    assert!(queue.contains(&number) && queue.contains("Demande de stage"), "{queue}");
    // A stale CSRF token is refused; a filer is told the register is for staff.
    let mut forged = fields.clone();
    forged[0].1 = "forged".into();
    let (s, _, _) = page(&app, "POST", "/bureau/paper", &clerk, Some(fixtures::multipart(&forged, &[("b.png", fixtures::png())]))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let citizen = app.login("citizen@demo.test").await;
    let (s, _, body) = page(&app, "GET", "/bureau", &citizen, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(body.contains("réservée au personnel") && !body.contains(r#"href="/bureau""#), "{body}");
    assert_eq!(app.stored().await.0, 1);
}
