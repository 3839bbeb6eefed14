//! The daily digest option: a user who chooses it gets no e-mail per folder reaching their
//! step, but one e-mail a day listing the folders awaiting them — at most once a day even
//! when several passes run at once — delivered through the outbox to a real SMTP server
//! (aiosmtpd on a free port, as in tests/outbox.rs).

use crate::common;

use crate::parapheur_support as support;

use std::process::Command;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::smtp::{free_port, Smtp};
use common::TestApp;
use figment::providers::Serialized;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use sijill_backend::db::entities::user;
use sijill_backend::db::queries;
use sijill_backend::jobs::outbox::OutboxWorker;
use support::*;

/// (recipient, decoded subject, decoded text body) of every delivered message.
fn delivered(maildir: &std::path::Path) -> Vec<(String, String, String)> {
    let script = r#"
import email, email.header, email.policy, json, os, sys
out = []
d = os.path.join(sys.argv[1], "new")
for name in sorted(os.listdir(d)):
    m = email.message_from_binary_file(open(os.path.join(d, name), "rb"), policy=email.policy.default)
    body = m.get_body(preferencelist=("plain",))
    out.append([str(m["To"]), str(m["Subject"]), body.get_content() if body else ""])
print(json.dumps(out))
"#;
    let out = Command::new("python3").arg("-c").arg(script).arg(maildir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

async fn put(p: &Parapheur, token: &str, body: Value) -> (StatusCode, Value) {
    let req = Request::put("/api/v1/parapheur/preferences")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body.to_string()))
        .unwrap();
    p.app.json(req).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_digest_replaces_per_step_emails() {
    let port = free_port();
    let app = TestApp::with(|f| f.merge(Serialized::default("smtp.port", port)).merge(Serialized::default("smtp.timeout_secs", 30))).await;
    let admin_id = {
        let c = &app.state.svc.db.conn;
        let u = user::Entity::find().filter(user::Column::Email.eq("agent@demo.test")).one(c).await.unwrap().unwrap();
        queries::user_with_roles(c, u.id).await.unwrap().unwrap().1[0].administration_id.unwrap()
    };
    let p = Parapheur { app, admin_id };
    let c = &p.app.state.svc.db.conn;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let (a, b) = (p.staff("signataire-a", "official", "DAA").await, p.staff("signataire-b", "official", "DAA").await);

    // The choice: immediate by default; daily set by the user; bad values and filers refused.
    let (s, v) = p.app.get("/api/v1/parapheur/preferences", Some(&a.token)).await;
    assert_eq!((s, v["notifications"].as_str()), (StatusCode::OK, Some("immediate")), "{v}");
    let (s, e) = put(&p, &a.token, json!({"notifications": "weekly"})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_value")), "{e}");
    let citizen = p.app.login("citizen@demo.test").await;
    assert_eq!(put(&p, &citizen, json!({"notifications": "daily"})).await.0, StatusCode::FORBIDDEN);
    let (s, v) = put(&p, &a.token, json!({"notifications": "daily"})).await;
    assert_eq!((s, v["notifications"].as_str()), (StatusCode::OK, Some("daily")), "{v}");

    let x = p.started(&agent, json!([at(sig("signature", &a), 1, "all")])).await;
    let y = p.started(&agent, json!([at(sig("visa", &a), 1, "all"), at(sig("visa", &b), 2, "all")])).await;
    let z = p.started(&agent, json!([at(sig("visa", &b), 1, "all")])).await;
    let pending: Vec<String> = sijill_backend::db::outbox::all(c).await.unwrap().into_iter().filter(|m| m.kind == "parapheur_pending").map(|m| m.recipient).collect();
    assert_eq!(pending, ["signataire-b@demo.test"], "no per-step e-mail for the digest user");

    // Two passes at once (as two processes would): one digest.
    let day = chrono::Utc::now().date_naive();
    let svc = &p.app.state.svc;
    let (n1, n2) = tokio::join!(svc.send_parapheur_digests(day), svc.send_parapheur_digests(day));
    assert_eq!(n1.unwrap() + n2.unwrap(), 1, "one digest, for the user who chose it");
    assert_eq!(svc.send_parapheur_digests(day).await.unwrap(), 0, "at most once a day");

    // Delivered through the outbox to the SMTP server.
    let maildir = p.app.dir.path().join("maildir");
    let _smtp = Smtp::start(port, &maildir);
    let worker = OutboxWorker::new(svc.clone()).unwrap();
    let start = Instant::now();
    let mut sent = 0;
    while sent < 2 {
        assert!(start.elapsed() < Duration::from_secs(120), "e-mails never sent");
        sent += worker.run_once().await.unwrap();
    }
    let mails = delivered(&maildir);
    let to_a: Vec<_> = mails.iter().filter(|m| m.0.contains("signataire-a@")).collect();
    assert_eq!(to_a.len(), 1, "{mails:?}");
    let (_, subject, body) = to_a[0];
    assert_eq!(subject, "Parapheur : 2 dossier(s) vous attendent");
    assert!(body.contains(&format!("/parapheur/folders/{x}")) && body.contains(&format!("/parapheur/folders/{y}")), "{body}");
    assert!(body.contains("[signature] Réponse au courrier") && body.contains("[visa] Réponse au courrier"), "{body}");
    assert!(!body.contains(&format!("/parapheur/folders/{z}")), "only the folders awaiting them: {body}");

    // Back to immediate: the next step reaching them is e-mailed again.
    put(&p, &a.token, json!({"notifications": "immediate"})).await;
    let w = p.started(&agent, json!([at(sig("visa", &a), 1, "all")])).await;
    let pending: Vec<String> = sijill_backend::db::outbox::all(c).await.unwrap().into_iter().filter(|m| m.kind == "parapheur_pending").map(|m| m.recipient).collect();
    assert_eq!(pending, ["signataire-b@demo.test", "signataire-a@demo.test"], "folder {w}");
}
