//! The audit log: concurrent appends form one linear chain per administration; the
//! registration of an entry is audited and an administrator reads it; the database refuses
//! UPDATE and DELETE; and `sijill audit verify` (the real binary) passes on an intact log
//! and names the first broken link after an attacker with database access edits or
//! deletes an event behind the triggers' back.

use crate::common;

use axum::http::StatusCode;
use common::{fixtures, TestApp};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use serde_json::json;
use sijill_backend::db::entities::audit_event;
use sijill_backend::domain::audit::{self, AuditEvent, Fault, GENESIS};

async fn demo_id(app: &TestApp) -> i32 {
    sijill_backend::db::queries::administration_by_code(&app.state.svc.db.conn, "DEMO").await.unwrap().unwrap().id
}

/// Appends one event in its own transaction, as a domain function would; `commit: false`
/// rolls it back.
async fn append(app: &TestApp, admin: Option<i32>, subject: &str, commit: bool) -> i64 {
    let db = &app.state.svc.db;
    let tx = db.write().await.unwrap();
    let ev = AuditEvent::new(admin, Some(7), audit::ENTRY_STATUS, audit::ENTRY, subject).with(json!({"to": "in_progress"}));
    let seq = audit::record(&tx, ev).await.unwrap();
    if commit {
        tx.commit().await.unwrap();
    } else {
        tx.rollback().await.unwrap();
    }
    seq
}

async fn events(app: &TestApp) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .order_by_asc(audit_event::Column::AdministrationId)
        .order_by_asc(audit_event::Column::Seq)
        .all(&app.state.svc.db.conn)
        .await
        .unwrap()
}

/// Runs `sijill audit verify` against the test's database; (exit code, stdout + stderr).
fn verify_cli(app: &TestApp) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sijill"))
        .args(["audit", "verify"])
        .current_dir(app.dir.path())
        .env_remove("SIJILL_CONFIG")
        .env("SIJILL__DATABASE__URL", &app.state.svc.config.database.url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run sijill audit verify");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// Simulates an attacker with direct database access: drops the append-only triggers.
async fn drop_triggers(app: &TestApp) {
    let c = &app.state.svc.db.conn;
    let sqls: &[&str] = if app.backend == "postgresql" {
        &["DROP TRIGGER audit_events_no_update_delete ON audit_events"]
    } else {
        &["DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"]
    };
    for sql in sqls {
        c.execute_unprepared(sql).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_appends_form_one_linear_chain_per_administration() {
    const N: usize = 60;
    let app = TestApp::new().await;
    let demo = demo_id(&app).await;
    let mut tasks = Vec::new();
    for i in 0..N {
        let (state, router) = (app.state.clone(), app.router.clone());
        tasks.push(tokio::spawn(async move {
            let app = TestApp { state, router, dir: tempfile::tempdir().unwrap(), backend: "" };
            // Two chains at once; every seventh append rolls back and must leave no trace.
            let chain = if i % 3 == 0 { None } else { Some(demo) };
            if i % 10 == 5 {
                // A group in one transaction, across both chains, like the registrar's.
                let db = &app.state.svc.db;
                let tx = db.write().await.unwrap();
                let group = [Some(demo), None, Some(demo)]
                    .map(|c| AuditEvent::new(c, None, audit::ENTRY_REGISTERED, audit::ENTRY, &format!("g{i}")));
                let seqs = audit::record_many(&tx, group.to_vec()).await.unwrap();
                assert_eq!(seqs[2], seqs[0] + 1, "a group's events of one chain are consecutive");
                tx.commit().await.unwrap();
                return 3;
            }
            append(&app, chain, &format!("e{i}"), i % 7 != 3).await;
            usize::from(i % 7 != 3)
        }));
    }
    let mut committed = 0;
    for t in tasks {
        committed += t.await.unwrap();
    }
    let all = events(&app).await;
    assert_eq!(all.len(), committed, "rolled-back appends leave nothing ({})", app.backend);
    for chain in [None, Some(demo)] {
        let links: Vec<_> = all.iter().filter(|e| e.administration_id == chain).collect();
        let seqs: Vec<i64> = links.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=links.len() as i64).collect::<Vec<_>>(), "chain {chain:?} has no gap or fork");
        assert_eq!(links[0].prev_hash, GENESIS);
        for w in links.windows(2) {
            assert_eq!(w[1].prev_hash, w[0].hash, "chain {chain:?} seq {} links to seq {}", w[1].seq, w[0].seq);
        }
    }
    let report = audit::verify(&app.state.svc.db.conn).await.unwrap();
    assert!(report.broken.is_none(), "{:?}", report.broken);
    assert_eq!((report.events, report.chains), (committed as u64, 2));
}

#[tokio::test]
async fn a_registration_is_audited_and_only_the_administrator_reads_it() {
    let app = TestApp::new().await;
    let citizen = app.login("citizen@demo.test").await;
    let (s, v) = app.file(&citizen, &[("lettre.pdf", fixtures::pdf("Lettre", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (id, number) = (v["id"].as_str().unwrap().to_owned(), v["number"].as_str().unwrap().to_owned());

    let admin = app.login("admin@demo.test").await;
    let (s, evs) = app.get(&format!("/api/v1/audit?entry={id}"), Some(&admin)).await;
    assert_eq!(s, StatusCode::OK, "{evs}");
    let evs = evs.as_array().unwrap();
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0]["action"], "entry.registered");
    assert_eq!(evs[0]["subject_id"], id.as_str());
    assert_eq!(evs[0]["details"]["number"], number.as_str());
    assert_eq!(evs[0]["seq"], 1);

    for who in ["clerk@demo.test", "agent@demo.test", "citizen@demo.test"] {
        let t = app.login(who).await;
        let (s, _) = app.get(&format!("/api/v1/audit?entry={id}"), Some(&t)).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{who} must not read the audit log");
    }
    assert_eq!(app.get(&format!("/api/v1/audit?entry={id}"), None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/v1/audit", Some(&admin)).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/audit?entry=no-such-entry", Some(&admin)).await.0, StatusCode::NOT_FOUND);
    let (_, doc) = app.get("/api/v1/openapi.json", None).await;
    assert!(doc["paths"]["/api/v1/audit"]["get"].is_object(), "the endpoint is in the OpenAPI document");
}

#[tokio::test]
async fn the_database_refuses_to_update_or_delete_events() {
    let app = TestApp::new().await;
    append(&app, None, "x", true).await;
    let c = &app.state.svc.db.conn;
    let upd = c.execute_unprepared("UPDATE audit_events SET details = '{}'").await;
    let err = upd.expect_err("UPDATE must be refused").to_string();
    assert!(err.contains("append-only"), "{err}");
    let del = c.execute_unprepared("DELETE FROM audit_events").await;
    assert!(del.expect_err("DELETE must be refused").to_string().contains("append-only"));
    assert_eq!(events(&app).await.len(), 1);
    let report = audit::verify(c).await.unwrap();
    assert!(report.broken.is_none());
}

#[tokio::test]
async fn verify_passes_then_names_the_edited_event() {
    let app = TestApp::new().await;
    let demo = demo_id(&app).await;
    for i in 0..5 {
        append(&app, Some(demo), &format!("e{i}"), true).await;
    }
    append(&app, None, "g", true).await;
    let (code, out) = verify_cli(&app);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("audit chain intact: 6 events in 2 chains"), "{out}");
    let last = events(&app).await.into_iter().filter(|e| e.administration_id == Some(demo)).last().unwrap();
    assert!(out.contains(&format!("administration DEMO (id {demo}): seq 5, hash {}", last.hash)), "prints each chain's end to write down: {out}");

    drop_triggers(&app).await;
    let victim = events(&app).await.into_iter().find(|e| e.administration_id == Some(demo) && e.seq == 3).unwrap();
    app.state
        .svc
        .db
        .conn
        .execute_unprepared(&format!("UPDATE audit_events SET details = '{{\"to\":\"closed\"}}' WHERE id = {}", victim.id))
        .await
        .unwrap();
    let (code, out) = verify_cli(&app);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("administration DEMO"), "{out}");
    assert!(out.contains("seq 3,"), "{out}");
    assert!(out.contains(&format!("event id {}", victim.id)), "{out}");
    assert!(out.contains("hash mismatch"), "{out}");
}

#[tokio::test]
async fn a_deleted_event_is_a_gap_and_a_cut_tail_is_missing() {
    let app = TestApp::new().await;
    let demo = demo_id(&app).await;
    for i in 0..4 {
        append(&app, Some(demo), &format!("e{i}"), true).await;
    }
    drop_triggers(&app).await;
    let c = &app.state.svc.db.conn;
    let evs = events(&app).await;
    // Cutting the last event: the head still records seq 4.
    c.execute_unprepared(&format!("DELETE FROM audit_events WHERE id = {}", evs[3].id)).await.unwrap();
    let b = audit::verify(c).await.unwrap().broken.expect("cut tail detected");
    assert_eq!((b.administration_id, b.seq, b.fault.clone()), (Some(demo), 4, Fault::Missing { head_seq: 4 }));

    // Deleting one in the middle: seq 2 is absent, seq 3 follows seq 1.
    c.execute_unprepared(&format!("DELETE FROM audit_events WHERE id = {}", evs[1].id)).await.unwrap();
    let b = audit::verify(c).await.unwrap().broken.expect("gap detected");
    assert_eq!((b.seq, b.event_id, b.fault.clone()), (2, Some(evs[2].id), Fault::Gap { expected: 2 }));
    let (code, out) = verify_cli(&app);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("seq 2,") && out.contains("gap in seq"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_registrations_each_leave_one_event_in_an_intact_chain() {
    const N: usize = 12;
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let mut tasks = Vec::new();
    for i in 0..N {
        let (state, router, token) = (app.state.clone(), app.router.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let app = TestApp { state, router, dir: tempfile::tempdir().unwrap(), backend: "" };
            app.file(&token, &[(&format!("d{i}.pdf"), fixtures::pdf(&format!("D{i}"), 0))], None).await
        }));
    }
    let mut numbers = Vec::new();
    for t in tasks {
        let (s, v) = t.await.unwrap();
        assert_eq!(s, StatusCode::CREATED, "{v}");
        numbers.push(v["number"].as_str().unwrap().to_owned());
    }
    let mut audited: Vec<String> = events(&app)
        .await
        .into_iter()
        .filter(|e| e.action == audit::ENTRY_REGISTERED)
        .map(|e| serde_json::from_str::<serde_json::Value>(&e.details).unwrap()["number"].as_str().unwrap().to_owned())
        .collect();
    numbers.sort();
    audited.sort();
    assert_eq!(audited, numbers, "one event per registration ({})", app.backend);
    let report = audit::verify(&app.state.svc.db.conn).await.unwrap();
    assert!(report.broken.is_none(), "{:?}", report.broken);
}

#[test]
fn verify_refuses_a_missing_database_instead_of_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sijill"))
        .args(["audit", "verify"])
        .current_dir(dir.path())
        .env_remove("SIJILL_CONFIG")
        .env("SIJILL__DATABASE__URL", format!("sqlite://{}", db.display()))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!db.exists(), "no empty database is left behind");
}
