//! Many simultaneous submissions get the numbers 1..N: no gap, no duplicate.

use crate::common;

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

/// The incoming (A), outgoing (D) and internal (I) registers of one administration and
/// year are numbered independently, each from 1 without gaps, also when entries of all
/// three are registered at once (the domain path any direction goes through).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_direction_has_its_own_gap_free_register() {
    use chrono::Datelike;
    use sijill_backend::db::register::{self, EntryDetails, NewEntry, Registered};
    const PER_DIRECTION: usize = 15;
    let app = TestApp::new().await;
    let db = app.state.svc.db.clone();
    let admin = sijill_backend::db::queries::administration_by_code(&db.conn, "DEMO").await.unwrap().unwrap();
    let year = chrono::Utc::now().year();
    let mut tasks = Vec::new();
    for i in 0..PER_DIRECTION * 3 {
        let direction = ["A", "D", "I"][i % 3];
        let (db, admin_id) = (db.clone(), admin.id);
        tasks.push(tokio::spawn(async move {
            let origin = match direction { "A" => "paper", "D" => "outgoing", _ => "internal" };
            let entry = NewEntry {
                id: uuid::Uuid::new_v4().to_string(),
                administration_id: admin_id,
                service_id: None,
                filer_id: None,
                direction,
                year,
                subject: "Courrier",
                message: "",
                idempotency_key: None,
                received_at: chrono::Utc::now(),
                documents: Vec::new(),
                details: EntryDetails { origin: origin.into(), ..Default::default() },
                mail: None,
            };
            let dir = direction.to_owned();
            match register::register(&db, entry, move |seq| format!("DEMO-{year}-{dir}-{seq:06}"), |_| (String::new(), String::new())).await {
                Ok(Registered::New(m)) => (direction, m.seq, m.number),
                Ok(Registered::Duplicate) => panic!("no idempotency key, no duplicate"),
                Err(e) => panic!("register {direction}: {e}"),
            }
        }));
    }
    let mut got: std::collections::BTreeMap<&str, Vec<i64>> = Default::default();
    for t in tasks {
        let (direction, seq, number) = t.await.unwrap();
        assert!(number.ends_with(&format!("-{direction}-{seq:06}")), "{number}");
        got.entry(direction).or_default().push(seq);
    }
    for (direction, mut seqs) in got {
        seqs.sort();
        assert_eq!(seqs, (1..=PER_DIRECTION as i64).collect::<Vec<_>>(), "register {direction} on {}", app.backend);
        let in_db = register::register_numbers(&db.conn, admin.id, direction, year).await.unwrap();
        assert_eq!(in_db, (1..=PER_DIRECTION as i64).collect::<Vec<_>>(), "register {direction} in the database");
    }
}

/// A group of registrations that fails (here: concurrent replays of one idempotency key
/// written together) is rolled back and retried entry by entry: it consumes no number, so
/// the register stays 1..N.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_group_consumes_no_number() {
    const N: usize = 30;
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let mut tasks = Vec::new();
    for i in 0..N {
        let (state, router, token) = (app.state.clone(), app.router.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let app = TestApp { state, router, dir: tempfile::tempdir().unwrap(), backend: "" };
            // Every third filing replays the same key.
            let key = if i % 3 == 0 { "same-form".to_owned() } else { format!("form-{i}") };
            app.file(&token, &[(&format!("doc-{i}.pdf"), fixtures::pdf(&format!("Document {i}"), 0))], Some(&key)).await
        }));
    }
    let mut ids = std::collections::BTreeMap::new();
    for t in tasks {
        let (s, v) = t.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::OK, "{s} {v}");
        ids.insert(v["id"].as_str().unwrap().to_owned(), v["number"].as_str().unwrap().to_owned());
    }
    let distinct = N - N / 3 + 1;
    assert_eq!(ids.len(), distinct, "one filing per idempotency key");
    let mut seqs: Vec<i64> = ids.values().map(|n| n.rsplit('-').next().unwrap().parse().unwrap()).collect();
    seqs.sort();
    assert_eq!(seqs, (1..=distinct as i64).collect::<Vec<_>>(), "on {}", app.backend);
    assert_eq!(app.stored().await.0, distinct);
}
