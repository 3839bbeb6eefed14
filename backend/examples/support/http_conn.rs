//! The benchmarks' HTTP/1.1 client over one keep-alive connection (shared by
//! `bench_filings` and `bench_hostile_verify` with `#[path]`): no client crate's pooling or
//! parsing in the figures.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Minimal HTTP/1.1 client over one keep-alive connection.
pub struct Conn(pub BufReader<TcpStream>);

impl Conn {
    /// Sends `head` and `body`; the status and the whole response body.
    pub async fn request(&mut self, head: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let s = self.0.get_mut();
        s.write_all(head.as_bytes()).await.unwrap();
        s.write_all(body).await.unwrap();
        let mut line = String::new();
        self.0.read_line(&mut line).await.unwrap();
        let status: u16 = line.split(' ').nth(1).and_then(|c| c.parse().ok()).expect("status line");
        let mut len = 0usize;
        loop {
            line.clear();
            self.0.read_line(&mut line).await.unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap();
            }
        }
        let mut buf = vec![0; len];
        self.0.read_exact(&mut buf).await.unwrap();
        (status, buf)
    }
}
