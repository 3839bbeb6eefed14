//! Load generator for `make bench`: sealed filings per second with a 1 MB PDF at 50
//! concurrent clients, with p50/p99 latency. Starts the real server in this process on a
//! loopback port (SQLite in a temp dir, or a fresh PostgreSQL database when
//! `SIJILL_TEST_DATABASE_URL` is set) and drives it over HTTP/1.1 keep-alive connections.
//!
//!   cargo run --release --example bench_filings -- [--clients 50] [--requests 2000] [--pdf-bytes 1048576] [--rate 200] [--text-padding 1]
//!
//! The PDF is a one-page scan (a 1 MB image); `--text-padding 1` pads the page's content
//! stream with 1 MB of comment lines instead (the worst case for text extraction).
//!
//! Without `--rate` every client sends its next filing as soon as the last is answered
//! (closed loop): that gives the most filings per second, and latency is then just
//! clients ÷ throughput. With `--rate R` filings are offered on a fixed schedule of R per
//! second (open loop, at most `--clients` in flight), and each latency is counted from the
//! filing's scheduled time, so a slow response also charges the filings queued behind it.

use std::time::{Duration, Instant};

use figment::providers::Serialized;
use sijill_backend::config::Config;
use tokio::io::BufReader;
use tokio::net::TcpStream;

#[path = "support/http_conn.rs"]
mod http_conn;
use http_conn::Conn;

struct Args {
    clients: usize,
    requests: usize,
    pdf_bytes: usize,
    rate: Option<f64>,
    text_padding: bool,
}

const USAGE: &str = "usage: bench_filings [--clients 50] [--requests 2000] [--pdf-bytes 1048576] [--rate 200] [--text-padding 1]";

fn usage(problem: &str) -> ! {
    eprintln!("bench_filings: {problem}\n{USAGE}");
    std::process::exit(2)
}

fn args() -> Args {
    let mut a = Args { clients: 50, requests: 2000, pdf_bytes: 1 << 20, rate: None, text_padding: false };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let (mut rate, mut padding) = (0usize, 0usize);
    for w in v.chunks(2) {
        let slot = match w[0].as_str() {
            "--clients" => &mut a.clients,
            "--requests" => &mut a.requests,
            "--pdf-bytes" => &mut a.pdf_bytes,
            "--rate" => &mut rate,
            "--text-padding" => &mut padding,
            other => usage(&format!("unknown option {other}")),
        };
        *slot = w.get(1).and_then(|x| x.parse().ok()).unwrap_or_else(|| usage(&format!("{} needs a whole number", w[0])));
    }
    a.rate = (rate > 0).then_some(rate as f64);
    a.text_padding = padding != 0;
    a
}

/// A one-page PDF of about `size` bytes, like a scanned letter: a page showing one
/// uncompressed greyscale image of incompressible pixels. With `text_padding` the bytes
/// are instead comment lines in the page's content stream, which everything that reads the
/// page's operators (text extraction for search) must wade through.
/// Written in each page and overwritten with the request's number, so that every filing
/// sends a different document (the server stores documents by content: the same bytes
/// each time would skip writing and syncing the upload after the first filing).
const MARK: &str = "Bench-00000000";

/// Puts `i` in the document's mark (same length: the PDF stays valid).
fn stamp(body: &mut [u8], at: usize, i: usize) {
    body[at + 6..at + 14].copy_from_slice(format!("{i:08}").as_bytes());
}

fn pdf(size: usize, text_padding: bool) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut content = format!("BT /F1 12 Tf 72 720 Td ({MARK}) Tj ET\n").into_bytes();
    let width = 1024usize;
    let height = (size.saturating_sub(1500) / width).max(1);
    let mut pixels = Vec::new();
    if text_padding {
        while content.len() < size.saturating_sub(1200) {
            content.extend_from_slice(b"% ");
            for _ in 0..78 {
                content.push(b'!' + (next() % 90) as u8);
            }
            content.push(b'\n');
        }
    } else {
        content.extend_from_slice(b"q 451 0 0 451 72 200 cm /Im1 Do Q\n");
        pixels = (0..width * height).map(|_| next() as u8).collect();
    }
    let stream = |dict: String, data: Vec<u8>| [dict.into_bytes(), b"\nstream\n".to_vec(), data, b"\nendstream".to_vec()].concat();
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>".to_vec(),
        stream(format!("<< /Length {} >>", content.len()), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let image_dict = format!("<< /Type /XObject /Subtype /Image /Width {width} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>", if text_padding { 1 } else { height }, if text_padding { 1 } else { pixels.len() });
    objs.push(stream(image_dict, if text_padding { vec![0x80] } else { pixels }));
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offs = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offs.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offs {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes());
    out
}

fn multipart(doc: &[u8]) -> (String, Vec<u8>) {
    let boundary = "bench-boundary-5a1e";
    let mut b = Vec::new();
    for (k, v) in [("administration", "DEMO"), ("service", "COURRIER"), ("subject", "Bench"), ("message", "Charge")] {
        b.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    b.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"doc.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
    b.extend_from_slice(doc);
    b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}


#[tokio::main]
async fn main() {
    let a = args();
    // Under `BENCH_DATA_DIR` the uploads are left for the caller to delete once all runs are
    // over: scripts/bench-filings.sh says why.
    let dir = match std::env::var_os("BENCH_DATA_DIR") {
        Some(root) => tempfile::Builder::new().prefix("bench-").disable_cleanup(true).tempdir_in(root).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    let (url, backend) = match std::env::var("SIJILL_TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => {
            use sqlx::Connection;
            let name = format!("bench_{}", uuid::Uuid::new_v4().simple());
            let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::Executor::execute(&mut c, format!("CREATE DATABASE {name}").as_str()).await.unwrap();
            (format!("{}/{name}", admin.rsplit_once('/').unwrap().0), "PostgreSQL")
        }
        _ => (format!("sqlite://{}/bench.db", dir.path().display()), "SQLite"),
    };
    let fig = Config::figment(None)
        .unwrap()
        .merge(Serialized::default("database.url", url))
        .merge(Serialized::default("database.max_connections", 32))
        .merge(Serialized::default("storage.data_dir", dir.path().join("data")))
        .merge(Serialized::default("pki.dir", std::env::temp_dir().join("sijill-bench-pki")))
        .merge(Serialized::default("smtp.port", 9)); // no SMTP: e-mails stay queued
    let config = Config::extract(fig).unwrap();
    let state = sijill_backend::app::build(config).await.expect("server starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = sijill_backend::http::router(state);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let connect = move || async move { Conn(BufReader::new(TcpStream::connect(addr).await.unwrap())) };
    let mut c = connect().await;
    let login = br#"{"email":"citizen@demo.test","password":"demo-password"}"#;
    let head = format!("POST /api/v1/auth/login HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", login.len());
    let (s, body) = c.request(&head, login).await;
    assert_eq!(s, 200, "login");
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let token = v["token"].as_str().unwrap().to_owned();

    let doc = pdf(a.pdf_bytes, a.text_padding);
    let (ct, mut body) = multipart(&doc);
    let mark_at = body.windows(MARK.len()).position(|w| w == MARK.as_bytes()).expect("the mark is in the body");
    let head = format!(
        "POST /api/v1/filings HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    // Warm-up (fonts, connections, caches).
    for i in 0..5 {
        stamp(&mut body, mark_at, 99_999_000 + i);
        assert_eq!(c.request(&head, &body).await.0, 201);
    }

    let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..a.clients {
        let (head, mut body, counter) = (head.clone(), body.clone(), counter.clone());
        let (total, rate) = (a.requests, a.rate);
        tasks.push(tokio::spawn(async move {
            let mut c = connect().await;
            let mut lat = Vec::new();
            loop {
                let i = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let t = match rate {
                    Some(r) => {
                        let due = started + Duration::from_secs_f64(i as f64 / r);
                        tokio::time::sleep_until(due.into()).await;
                        due
                    }
                    None => Instant::now(),
                };
                stamp(&mut body, mark_at, i);
                let (s, b) = c.request(&head, &body).await;
                assert_eq!(s, 201, "{}", String::from_utf8_lossy(&b));
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut lat: Vec<Duration> = Vec::new();
    for t in tasks {
        lat.extend(t.await.unwrap());
    }
    let wall = started.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1];
    let mode = match a.rate {
        Some(r) => format!("offered {r:.0}/s, at most {} in flight", a.clients),
        None => format!("{} clients, closed loop", a.clients),
    };
    println!(
        "filings ({backend}, {} KiB PDF, {mode}, {} sealed filings): {:.1} filings/s, p50 {:.0} ms, p99 {:.0} ms; CPU {:.1} ms per filing in this process (server and load generator{})",
        doc.len() / 1024,
        lat.len(),
        lat.len() as f64 / wall.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
        cpu * 1000.0 / lat.len() as f64,
        if backend == "PostgreSQL" { ", PostgreSQL's own not counted" } else { "" },
    );
}

/// User + system CPU time of this process so far (Linux `/proc/self/stat`, in clock ticks
/// of 1/100 s as on every Linux target we run on); 0 where unavailable. On a shared machine
/// it tells the cost of a filing apart from the time spent waiting for other work.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    let Some((_, rest)) = stat.rsplit_once(')') else { return 0.0 };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
