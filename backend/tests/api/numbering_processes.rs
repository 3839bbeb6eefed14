//! Several real server processes (`sijill serve`) on one database: filings sent to all of
//! them at once get the numbers 1..N of the register, with no gap and no duplicate.
//!
//! On PostgreSQL when `SIJILL_TEST_DATABASE_URL` is set (scripts/with-postgres.sh), else on
//! one SQLite file shared by the processes. Each process has its own loopback port; they
//! share the database, the document storage and the development PKI, as a deployment with
//! several processes behind a load balancer would.

use crate::common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Datelike;
use common::fixtures;
use serde_json::Value;

const PROCESSES: usize = 3;
const FILINGS: usize = 60;

/// A `sijill serve` child, killed when dropped (also when the test fails).
struct Server {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(url: &str, dir: &Path, i: usize) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = dir.join(format!("server-{i}.log"));
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_sijill"))
            .arg("serve")
            .env("SIJILL__MODE", "development")
            .env("SIJILL__DATABASE__URL", url)
            .env("SIJILL__DATABASE__MAX_CONNECTIONS", "8")
            .env("SIJILL__SERVER__BIND", format!("127.0.0.1:{port}"))
            .env("SIJILL__SERVER__PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("SIJILL__STORAGE__DATA_DIR", dir.join("data"))
            .env("SIJILL__PKI__DIR", common::shared_pki_dir())
            .env("SIJILL__SMTP__PORT", "9") // no SMTP: the receipts' e-mails stay queued
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start sijill serve");
        Server { child, port, log }
    }

    /// Waits (generously: a busy machine, a first start creating the PKI) for `/healthz`.
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("server exited with {status}:\n{}", std::fs::read_to_string(&self.log).unwrap_or_default());
            }
            if let Ok((200, _)) = request(self.port, "GET", "/healthz", &[], &[]) {
                return;
            }
            assert!(Instant::now() < deadline, "server not ready:\n{}", std::fs::read_to_string(&self.log).unwrap_or_default());
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// One HTTP/1.1 request on its own connection (`Connection: close`); returns the status and
/// the body (the server answers with a Content-Length, read to the end of the stream).
fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(300)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    let mut resp = Vec::new();
    s.read_to_end(&mut resp)?;
    let split = resp.windows(4).position(|w| w == b"\r\n\r\n").ok_or(std::io::ErrorKind::InvalidData)?;
    let status = std::str::from_utf8(&resp[..split])
        .ok()
        .and_then(|h| h.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    Ok((status, resp[split + 4..].to_vec()))
}

fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

fn login(port: u16, email: &str) -> String {
    let body = serde_json::json!({"email": email, "password": "demo-password"}).to_string();
    let (s, b) = request(port, "POST", "/api/v1/auth/login", &[("Content-Type", "application/json")], body.as_bytes()).unwrap();
    assert_eq!(s, 200, "login {email}: {}", json(&b));
    json(&b)["token"].as_str().expect("token").to_owned()
}

/// A fresh database: a new PostgreSQL database, or a SQLite file in `dir`.
async fn fresh_database(dir: &Path) -> (String, &'static str) {
    match std::env::var("SIJILL_TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            use sqlx::Connection;
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            let mut c = sqlx::PgConnection::connect(&admin_url).await.expect("connect to test PostgreSQL");
            sqlx::Executor::execute(&mut c, format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_owned()).expect("url with a database");
            (format!("{base}/{name}"), "postgresql")
        }
        _ => (format!("sqlite://{}/sijill.db", dir.display()), "sqlite"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_server_processes_number_without_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let (url, backend) = fresh_database(dir.path()).await;
    if backend == "sqlite" {
        println!("note: SIJILL_TEST_DATABASE_URL is unset; the processes share one SQLite file (scripts/with-postgres.sh runs this on PostgreSQL)");
    }

    // The first process migrates and seeds the demo administration; the others then find
    // both done.
    let mut servers = vec![Server::start(&url, dir.path(), 0)];
    servers[0].wait_ready();
    for i in 1..PROCESSES {
        servers.push(Server::start(&url, dir.path(), i));
    }
    for s in &mut servers[1..] {
        s.wait_ready();
    }
    let ports: Vec<u16> = servers.iter().map(|s| s.port).collect();
    let tokens = [login(ports[0], "citizen@demo.test"), login(ports[1 % PROCESSES], "citizen2@demo.test")];

    // Every filing on its own thread, all released at once, spread over the processes.
    let start = std::sync::Arc::new(std::sync::Barrier::new(FILINGS));
    let mut threads = Vec::new();
    for i in 0..FILINGS {
        let (port, token, start) = (ports[i % PROCESSES], tokens[i % 2].clone(), start.clone());
        threads.push(std::thread::spawn(move || {
            let fields = [
                ("administration", "DEMO".to_owned()),
                ("service", "COURRIER".to_owned()),
                ("subject", format!("Demande {i}")),
                ("message", "Plusieurs processus.".to_owned()),
            ];
            let (ct, body) = fixtures::multipart(&fields, &[(&format!("doc-{i}.pdf"), fixtures::pdf(&format!("Document {i}"), 0))]);
            let auth = format!("Bearer {token}");
            start.wait();
            let (s, b) = request(port, "POST", "/api/v1/filings", &[("Content-Type", &ct), ("Authorization", &auth)], &body)
                .expect("filing request");
            (s, json(&b))
        }));
    }
    let mut seqs = Vec::new();
    let mut numbers = Vec::new();
    for t in threads {
        let (s, v) = tokio::task::spawn_blocking(move || t.join().unwrap()).await.unwrap();
        assert_eq!(s, 201, "{v}");
        let number = v["number"].as_str().expect("number").to_owned();
        seqs.push(number.rsplit('-').next().unwrap().parse::<i64>().unwrap());
        numbers.push(number);
    }
    seqs.sort();
    assert_eq!(seqs, (1..=FILINGS as i64).collect::<Vec<_>>(), "numbers handed out by {PROCESSES} processes on {backend}");
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), FILINGS, "duplicate registration numbers on {backend}");

    // What the register holds, read back from the database itself.
    let conn = sea_orm::Database::connect(&url).await.unwrap();
    let admin = sijill_backend::db::queries::administration_by_code(&conn, "DEMO").await.unwrap().unwrap();
    let year = chrono::Utc::now().year();
    let in_db = sijill_backend::db::register::register_numbers(&conn, admin.id, "A", year).await.unwrap();
    assert_eq!(in_db, (1..=FILINGS as i64).collect::<Vec<_>>(), "register A {year} on {backend}");
}
