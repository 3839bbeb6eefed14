//! E-mail goes through the outbox to a real SMTP server (aiosmtpd, started here on a free
//! port); while the server is down the message stays queued and is retried.

use crate::common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::smtp::{free_port, Smtp};
use common::{fixtures, TestApp};
use figment::providers::Serialized;
use sijill_backend::jobs::outbox::OutboxWorker;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_are_mailed_and_retried_while_smtp_is_down() {
    let port = free_port();
    let app = TestApp::with(|f| {
        f.merge(Serialized::default("smtp.port", port))
            .merge(Serialized::default("smtp.timeout_secs", 30))
            .merge(Serialized::default("outbox.backoff_base_ms", 1))
            .merge(Serialized::default("outbox.backoff_max_ms", 1))
    })
    .await;
    let token = app.login("citizen@demo.test").await;
    // SMTP is down: the filing still succeeds.
    let (s, v) = app.file(&token, &[("lettre.pdf", fixtures::pdf("Lettre", 0))], None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let number = v["number"].as_str().unwrap().to_owned();

    let worker = OutboxWorker::new(app.state.svc.clone()).unwrap();
    assert_eq!(worker.run_once().await.unwrap(), 0);
    let rows = sijill_backend::db::outbox::all(&app.state.svc.db.conn).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].attempts, 1);
    assert!(rows[0].sent_at.is_none());
    assert!(rows[0].last_error.as_deref().unwrap_or("").contains("smtp"), "{:?}", rows[0].last_error);

    // The server comes up: the next passes deliver it, once.
    let maildir = app.dir.path().join("maildir");
    let _smtp = Smtp::start(port, &maildir);
    let start = Instant::now();
    let mut sent = 0;
    while sent == 0 {
        assert!(start.elapsed() < Duration::from_secs(120), "the e-mail was never sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
        sent = worker.run_once().await.unwrap();
    }
    assert_eq!(worker.run_once().await.unwrap(), 0, "sent only once");
    let rows = sijill_backend::db::outbox::all(&app.state.svc.db.conn).await.unwrap();
    assert!(rows[0].sent_at.is_some());

    let (_, _, metrics) = app.call(axum::http::Request::get("/metrics").body(axum::body::Body::empty()).unwrap()).await;
    let metrics = String::from_utf8(metrics).unwrap();
    assert!(metrics.contains("sijill_filings_total 1") && metrics.contains("sijill_outbox_messages{state=\"sent\"} 1"), "{metrics}");

    let new = maildir.join("new");
    let files: Vec<_> = std::fs::read_dir(&new).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    let mail = std::fs::read_to_string(&files[0]).unwrap();
    assert!(mail.contains("To: citizen@demo.test"), "{mail}");
    assert!(mail.contains(&number), "the subject or body names the number");
    assert!(mail.contains("application/pdf") && mail.contains(&format!("receipt-{number}.pdf")), "the sealed receipt is attached");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_server_costs_one_try_per_pass_not_one_per_message() {
    let port = free_port();
    let app = TestApp::with(|f| f.merge(Serialized::default("smtp.port", port))).await;
    let token = app.login("citizen@demo.test").await;
    for i in 0..3 {
        let (s, v) = app.file(&token, &[("lettre.pdf", fixtures::pdf("Lettre", i))], None).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let worker = OutboxWorker::new(app.state.svc.clone()).unwrap();
    assert_eq!(worker.run_once().await.unwrap(), 0);
    let rows = sijill_backend::db::outbox::all(&app.state.svc.db.conn).await.unwrap();
    let attempts: Vec<i32> = rows.iter().map(|r| r.attempts).collect();
    assert_eq!(attempts, [1, 0, 0], "the first failure stops the pass");
    assert!(rows[1..].iter().all(|r| r.locked_until.is_none() && r.sent_at.is_none()), "the others are given back, still queued");

    // The next pass tries the next one (the first now waits for its backoff).
    assert_eq!(worker.run_once().await.unwrap(), 0);
    let rows = sijill_backend::db::outbox::all(&app.state.svc.db.conn).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.attempts).sum::<i32>(), 2);
}
