//! The parapheur's second part through the JSON API and the pages: revoking a delegation
//! (the delegate can no longer act), and batch signing in the background with progress
//! (a wrong PIN refused at once, partial failures reported per folder, the others signed;
//! the progress page reloading itself while it runs, in the reader's language).


use crate::parapheur_support as support;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use sijill_backend::db::entities::audit_event;
use support::*;

#[tokio::test]
async fn a_revoked_delegation_stops_the_delegate_at_once() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let chief = p.staff("directeur", "official", "DG").await;
    let deputy = p.signer("adjoint").await;
    let dg = p.unit("DG").await;
    let id = p.started(&agent, json!([{"position": 1, "kind": "signature", "role": "official", "unit_id": dg}])).await;
    let until = chrono::Utc::now() + chrono::Duration::days(7);
    let (s, d) = p.post("/api/v1/parapheur/delegations", &chief.token, json!({"administration_id": p.admin_id, "delegate_id": deputy.id, "ends_at": until})).await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let path = format!("/api/v1/parapheur/delegations/{}", d["id"]);

    // Only the delegator (or an administrator) revokes: the delegate is refused, others do not see it.
    let (s, e) = p.app.send("DELETE", &path, &deputy.token, None).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{e}");
    let (s, _) = p.app.send("DELETE", &path, &agent.token, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, r) = p.app.send("DELETE", &path, &chief.token, None).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert!(r["revoked_at"].is_string(), "{r}");
    assert!(r["ends_at"].as_str().unwrap() < until.to_rfc3339().as_str(), "ends now: {r}");

    // The delegate can no longer act for the delegator, nor see the folder.
    let (s, e) = p.act(&deputy, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{e}");
    let (_, list) = p.app.get(&format!("/api/v1/parapheur/folders?administration_id={}", p.admin_id), Some(&deputy.token)).await;
    assert_eq!(list.as_array().unwrap().len(), 0, "{list}");

    // Revoking again is a clear 409, in the caller's language; the audit has the event.
    let req = Request::delete(&path).header(header::AUTHORIZATION, format!("Bearer {}", chief.token)).header(header::ACCEPT_LANGUAGE, "ar").body(Body::empty()).unwrap();
    let (s, e) = p.app.json(req).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::CONFLICT, Some("delegation_over")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("التفويض"), "{e}");
    let events = audit_event::Entity::find().filter(audit_event::Column::Action.eq("parapheur.delegation_revoked")).all(&p.app.state.svc.db.conn).await.unwrap();
    assert_eq!(events.len(), 1);

    // An administrator may revoke a delegation of their administration.
    let (_, d2) = p.post("/api/v1/parapheur/delegations", &chief.token, json!({"administration_id": p.admin_id, "delegate_id": deputy.id, "ends_at": until})).await;
    let admin = p.app.login("admin@demo.test").await;
    let (s, r) = p.app.send("DELETE", &format!("/api/v1/parapheur/delegations/{}", d2["id"]), &admin, None).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (_, doc) = p.app.get("/api/v1/openapi.json", None).await;
    assert!(doc["paths"]["/api/v1/parapheur/delegations/{id}"]["delete"].is_object());
    assert!(doc["paths"]["/api/v1/parapheur/batches/{id}"]["get"].is_object());
}

/// Polls the batch until it is done.
async fn finished(p: &Parapheur, who: &Staff, id: i64) -> Value {
    let start = Instant::now();
    loop {
        let (s, b) = p.app.get(&format!("/api/v1/parapheur/batches/{id}"), Some(&who.token)).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        assert_eq!(b["total"], 4);
        if b["status"] == "done" {
            return b;
        }
        assert_eq!(b["status"], "running", "{b}");
        assert!(start.elapsed() < Duration::from_secs(300), "batch never finished: {b}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn batch_signing_runs_in_the_background_with_per_folder_results() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let (signer, other) = (p.signer("signataire").await, p.signer("autre").await);
    let mine: Vec<i64> = {
        let mut v = Vec::new();
        for _ in 0..2 {
            v.push(p.started(&agent, json!([at(sig("signature", &signer), 1, "all"), at(sig("signature", &other), 2, "all")])).await);
        }
        v
    };
    let not_mine = p.started(&agent, json!([at(sig("signature", &other), 1, "all")])).await;
    let ids = json!([mine[0], not_mine, mine[1], 999_999]);

    let (s, e) = p.post("/api/v1/parapheur/batches", &signer.token, json!({"folder_ids": ids, "pin": "0000"})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_pin")), "a wrong PIN is refused at once: {e}");
    let (s, e) = p.post("/api/v1/parapheur/batches", &signer.token, json!({"folder_ids": [], "pin": PIN})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    let (s, b) = p.post("/api/v1/parapheur/batches", &signer.token, json!({"folder_ids": ids, "pin": PIN})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{b}");
    let id = b["id"].as_i64().unwrap();
    let (s, _) = p.app.get(&format!("/api/v1/parapheur/batches/{id}"), Some(&other.token)).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "only its owner follows a batch");

    let b = finished(&p, &signer, id).await;
    assert_eq!((b["processed"].as_i64(), b["signed"].as_i64(), b["failed"].as_i64()), (Some(4), Some(2), Some(2)), "{b}");
    let items = b["items"].as_array().unwrap();
    let result: Vec<(i64, &str, Option<&str>)> = items.iter().map(|i| (i["folder_id"].as_i64().unwrap(), i["status"].as_str().unwrap(), i["error"].as_str())).collect();
    assert_eq!(result, [(mine[0], "signed", None), (not_mine, "failed", Some("not_found")), (mine[1], "signed", None), (999_999, "failed", Some("not_found"))]);
    assert_eq!(items[0]["folder_status"], "in_progress", "on to the next signatory");
    assert_eq!(items[0]["title"], "Réponse au courrier");
    assert!(items[1]["title"].is_null(), "no title for a folder the signer may not read");
    for f in &mine {
        let report = p.verify(&p.signed_pdf(&agent, *f).await);
        assert!(report.valid && report.signatures.len() == 1, "{report:?}");
    }
    // The synchronous API still answers in one call (used by the bench).
    let (s, r) = p.post("/api/v1/parapheur/batch-sign", &other.token, json!({"folder_ids": [mine[0], mine[1], not_mine], "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert!(r.as_array().unwrap().iter().all(|x| x["ok"] == true && x["status"] == "completed"), "{r}");
}

async fn page(p: &Parapheur, method: &str, path: &str, token: &str, form: Option<String>) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut r = Request::builder().method(method).uri(path).header(header::COOKIE, format!("sijill_session={token}")).header(header::ACCEPT_LANGUAGE, "ar");
    let body = match form {
        Some(f) => {
            r = r.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            Body::from(f)
        }
        None => Body::empty(),
    };
    let (s, h, b) = p.app.call(r.body(body).unwrap()).await;
    (s, h, String::from_utf8_lossy(&b).into_owned())
}

fn csrf_of(html: &str) -> String {
    let at = html.find(r#"name="csrf" value=""#).unwrap_or_else(|| panic!("no csrf in {html}"));
    let rest = &html[at + 19..];
    rest[..rest.find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn batch_form_redirects_to_a_progress_page_with_an_update_link_while_running() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let signer = p.signer("signataire").await;
    let a = p.started(&agent, json!([at(sig("signature", &signer), 1, "all")])).await;
    let b = p.started(&agent, json!([at(sig("signature", &signer), 1, "all")])).await;
    let (_, _, home) = page(&p, "GET", "/", &signer.token, None).await;
    let csrf = csrf_of(&home);

    let (s, _, body) = page(&p, "POST", "/parapheur/batch", &signer.token, Some(format!("csrf={csrf}&folder={a}&folder={b}&pin=0000"))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body.contains("الرمز السري غير صحيح"), "the wrong PIN explained in Arabic: {body}");
    let (s, _, _) = page(&p, "POST", "/parapheur/batch", &signer.token, Some(format!("csrf=forged&folder={a}&pin={PIN}"))).await;
    assert_ne!(s, StatusCode::SEE_OTHER, "a forged token starts nothing");
    let (s, h, _) = page(&p, "POST", "/parapheur/batch", &signer.token, Some(format!("csrf={csrf}&folder={a}&folder={b}&pin={PIN}"))).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let location = h[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.starts_with("/parapheur/batches/"), "{location}");

    let start = Instant::now();
    let html = loop {
        let (s, _, html) = page(&p, "GET", &location, &signer.token, None).await;
        assert_eq!(s, StatusCode::OK, "{html}");
        if html.contains("انتهى") {
            break html;
        }
        assert!(!html.contains("http-equiv") && html.contains(&format!(r#"<a href="{location}">تحديث</a>"#)) && html.contains("من أصل 2"), "running: never reloads itself, an Update link, n of m: {html}");
        assert!(start.elapsed() < Duration::from_secs(300), "never finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(!html.contains("http-equiv") && !html.contains("batch-update"), "no reload, no Update link once done");
    assert!(html.contains("انتهى: وُقّع 2 ملف(ات)، وتعذر 0، من أصل 2.") && html.contains("موقع — اكتمل المسار"), "{html}");
    assert!(html.contains(r#"dir="rtl""#));
    let (s, _, _) = page(&p, "GET", &location, &agent.token, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another user's batch");
}

/// 50,000 folder ids from any signed-in account: refused at once (400) while the body is
/// read, on both batch routes, and past 500 even when the ids repeat.
#[tokio::test]
async fn a_batch_of_fifty_thousand_folders_is_refused_at_once() {
    let p = Parapheur::new().await;
    let citizen = p.app.login("citizen@demo.test").await;
    let ids: Vec<i32> = (1..=50_000).collect();
    for path in ["/api/v1/parapheur/batches", "/api/v1/parapheur/batch-sign"] {
        let started = Instant::now();
        let (s, e) = p.post(path, &citizen, json!({"folder_ids": ids, "pin": PIN})).await;
        assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("too_many_folders")), "{path}: {e}");
        assert!(started.elapsed() < Duration::from_secs(2), "{path}: {:?}", started.elapsed());
    }
    let (s, e) = p.post("/api/v1/parapheur/batches", &citizen, json!({"folder_ids": vec![1; 501], "pin": PIN})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("too_many_folders")), "{e}");
    let (s, e) = p.post("/api/v1/parapheur/batches", &citizen, json!({"folder_ids": "many", "pin": PIN})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_value")), "{e}");
}
