//! Serves the development PKI's timestamp authority over HTTP on loopback, so external
//! validators (pyHanko, `openssl ts`) can be pointed at it. Used by the validator tests.
//!
//! `cargo run -p sijill-signing --example dev_tsa -- DIR PORT` (PORT 0 picks a free one;
//! the chosen URL is printed on the first line of stdout).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

use sijill_signing::devpki::DevPki;
use sijill_signing::tsa::TimestampAuthority;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).ok_or("usage: dev_tsa DIR [PORT]")?;
    let port: u16 = args.get(2).map(|p| p.parse()).transpose()?.unwrap_or(0);
    let pki = DevPki::load_or_create(std::path::Path::new(dir), "Sijill Development")?;
    let tsa = Arc::new(pki.timestamp_authority()?);
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("http://{}/", listener.local_addr()?);
    std::io::stdout().flush()?;
    for stream in listener.incoming() {
        let tsa = tsa.clone();
        if let Ok(s) = stream {
            std::thread::spawn(move || {
                if let Err(e) = handle(s, &tsa) {
                    eprintln!("dev_tsa: {e}");
                }
            });
        }
    }
    Ok(())
}

fn handle(stream: TcpStream, tsa: &TimestampAuthority) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut len = 0usize;
        loop {
            let mut h = String::new();
            reader.read_line(&mut h)?;
            if h.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; len.min(1 << 16)];
        reader.read_exact(&mut body)?;
        let (status, resp) = match tsa.respond(&body) {
            Ok(r) => ("200 OK", r),
            Err(e) => ("500 Internal Server Error", e.to_string().into_bytes()),
        };
        write!(
            out,
            "HTTP/1.1 {status}\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\n\r\n",
            resp.len()
        )?;
        out.write_all(&resp)?;
        out.flush()?;
    }
}
