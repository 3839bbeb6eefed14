//! Many simultaneous submissions get the numbers 1..N: no gap, no duplicate.

mod common;

use axum::http::StatusCode;
use common::{fixtures, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_submissions_are_numbered_without_gaps() {
    const N: usize = 40;
    let app = TestApp::new().await;
    let tokens = [app.login("citizen@demo.test").await, app.login("citizen2@demo.test").await];
    let mut tasks = Vec::new();
    for i in 0..N {
        let token = tokens[i % 2].clone();
        let (state, router) = (app.state.clone(), app.router.clone());
        tasks.push(tokio::spawn(async move {
            let app = TestApp { state, router, dir: tempfile::tempdir().unwrap(), backend: "" };
            app.file(&token, &[(&format!("doc-{i}.pdf"), fixtures::pdf(&format!("Document {i}"), 0))], None).await
        }));
    }
    let mut seqs = Vec::new();
    for t in tasks {
        let (s, v) = t.await.unwrap();
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let number = v["number"].as_str().unwrap();
        seqs.push(number.rsplit('-').next().unwrap().parse::<i64>().unwrap());
    }
    seqs.sort();
    assert_eq!(seqs, (1..=N as i64).collect::<Vec<_>>(), "on {}", app.backend);

    let admin = sijill_backend::db::queries::administration_by_code(&app.state.svc.db.conn, "DEMO").await.unwrap().unwrap();
    use chrono::Datelike;
    let in_db = sijill_backend::db::register::register_numbers(&app.state.svc.db.conn, admin.id, "A", chrono::Utc::now().year()).await.unwrap();
    assert_eq!(in_db, (1..=N as i64).collect::<Vec<_>>());
}
