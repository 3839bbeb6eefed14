//! Load generator for `make bench`: 20 clients post the hostile-PDF corpus
//! (`sijill_signing::hostile`) to the public `POST /api/v1/verify` for a while, and one
//! more asks `/healthz` every 20 ms meanwhile. Prints the answers by status, the server's
//! peak RSS (this process: server and load generator; the corpus itself is a few MB) and
//! the `/healthz` latency (target: p99 under 100 ms).
//!
//!   cargo run --release --example bench_hostile_verify -- [--clients 20] [--seconds 20]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use figment::providers::Serialized;
use sijill_backend::config::Config;
use tokio::io::BufReader;
use tokio::net::TcpStream;

#[path = "support/http_conn.rs"]
mod http_conn;
use http_conn::Conn;

const USAGE: &str = "usage: bench_hostile_verify [--clients 20] [--seconds 20]";

fn args() -> (usize, u64) {
    let (mut clients, mut seconds) = (20usize, 20usize);
    let v: Vec<String> = std::env::args().skip(1).collect();
    for w in v.chunks(2) {
        let slot = match w[0].as_str() {
            "--clients" => &mut clients,
            "--seconds" => &mut seconds,
            other => {
                eprintln!("bench_hostile_verify: unknown option {other}\n{USAGE}");
                std::process::exit(2)
            }
        };
        *slot = w.get(1).and_then(|x| x.parse().ok()).unwrap_or_else(|| {
            eprintln!("bench_hostile_verify: {} needs a whole number\n{USAGE}", w[0]);
            std::process::exit(2)
        });
    }
    (clients.max(1), seconds.max(1) as u64)
}


fn multipart(doc: &[u8]) -> (String, Vec<u8>) {
    let boundary = "bench-boundary-h13";
    let mut b = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").into_bytes();
    b.extend_from_slice(doc);
    b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().trim_end_matches("kB").trim().to_owned())))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::main]
async fn main() {
    let (clients, seconds) = args();
    let dir = tempfile::tempdir().unwrap();
    let fig = Config::figment(None)
        .unwrap()
        .merge(Serialized::default("database.url", format!("sqlite://{}/bench.db", dir.path().display())))
        .merge(Serialized::default("storage.data_dir", dir.path().join("data")))
        .merge(Serialized::default("pki.dir", std::env::temp_dir().join("sijill-bench-pki")))
        .merge(Serialized::default("smtp.port", 9));
    let state = sijill_backend::app::build(Config::extract(fig).unwrap()).await.expect("server starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, sijill_backend::http::router(state)).await });
    let connect = move || async move { Conn(BufReader::new(TcpStream::connect(addr).await.unwrap())) };

    let requests: Vec<(String, Vec<u8>)> = sijill_signing::hostile::corpus()
        .into_iter()
        .map(|(_, pdf, _)| {
            let (ct, body) = multipart(&pdf);
            let head = format!("POST /api/v1/verify HTTP/1.1\r\nHost: bench\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n", body.len());
            (head, body)
        })
        .collect();
    let requests = std::sync::Arc::new(requests);
    let rss_before = peak_rss_mb();
    let until = Instant::now() + Duration::from_secs(seconds);

    let health = tokio::spawn(async move {
        let mut c = connect().await;
        let mut lat = Vec::new();
        while Instant::now() < until {
            let t = Instant::now();
            assert_eq!(c.request("GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n", b"").await.0, 200);
            lat.push(t.elapsed());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        lat
    });
    let mut tasks = Vec::new();
    for i in 0..clients {
        let requests = requests.clone();
        tasks.push(tokio::spawn(async move {
            let mut c = connect().await;
            let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
            let mut n = i;
            while Instant::now() < until {
                let (head, body) = &requests[n % requests.len()];
                let (s, _) = c.request(head, body).await;
                *seen.entry(s).or_default() += 1;
                if s == 503 {
                    // Retry-After says seconds; a bench client waits a little less.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                n += 1;
            }
            seen
        }));
    }
    let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
    for t in tasks {
        for (s, k) in t.await.unwrap() {
            *seen.entry(s).or_default() += k;
        }
    }
    let mut lat = health.await.unwrap();
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1].as_secs_f64() * 1000.0;
    println!(
        "hostile verify ({clients} clients, {seconds} s, {} files in the corpus): answers {seen:?}; peak RSS {:.0} MB (before the load {rss_before:.0} MB); /healthz p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms over {} probes (target p99 < 100 ms)",
        requests.len(),
        peak_rss_mb(),
        pct(0.5),
        pct(0.99),
        pct(1.0),
        lat.len()
    );
}
