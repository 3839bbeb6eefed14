#![allow(dead_code)]
//! Signing throughput for `make bench`: B-B, RSA-2048, one thread, key loaded once.
//!
//! `bench-sign make-pdfs DIR` writes the 1-page, 200-page and 15 MB sample PDFs;
//! `bench-sign run P12 PASSWORD SECONDS FILE...` prints signatures per second per file.

#[path = "../tests/pades/common/pdfs.rs"]
mod pdfs;

use sijill_signing::cades::build::SignerTemplate;
use sijill_signing::sign::sign_with_template;
use sijill_signing::signer::Pkcs12Signer;
use sijill_signing::SignOptions;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("make-pdfs") if args.len() == 3 => {
            let dir = std::path::Path::new(&args[2]);
            std::fs::create_dir_all(dir).expect("create dir");
            std::fs::write(dir.join("1page.pdf"), pdfs::classic(1, "1.7", 0)).expect("write");
            std::fs::write(dir.join("200pages.pdf"), pdfs::classic(200, "1.7", 0)).expect("write");
            std::fs::write(
                dir.join("15mb.pdf"),
                pdfs::classic(3, "1.7", 15 * 1024 * 1024),
            )
            .expect("write");
        }
        Some("run") if args.len() >= 6 => {
            let signer = Pkcs12Signer::from_file(&args[2], &args[3]).expect("load PKCS#12");
            let secs: f64 = args[4].parse().expect("seconds");
            let opts = SignOptions::default();
            let tpl = SignerTemplate::new(&signer, opts.digest).expect("template");
            for f in &args[5..] {
                let data = std::fs::read(f).expect("read input");
                let mut n = 0u64;
                let start = Instant::now();
                let mut total = 0usize;
                while start.elapsed() < Duration::from_secs_f64(secs) || n < 3 {
                    let out = sign_with_template(&data, &signer, &tpl, &opts).expect("sign");
                    total += out.len();
                    n += 1;
                }
                let el = start.elapsed().as_secs_f64();
                println!("{}\t{:.1}\t{}\t{}", f, n as f64 / el, n, total / n as usize);
            }
        }
        Some("profile") if args.len() == 5 => {
            // Where one signature's time goes (for tuning, not part of `make bench`).
            let signer = Pkcs12Signer::from_file(&args[2], &args[3]).expect("load PKCS#12");
            let data = std::fs::read(&args[4]).expect("read input");
            let n = 2000;
            let t = Instant::now();
            for _ in 0..n {
                let _ = sijill_signing::Signer::sign(
                    &signer,
                    sijill_signing::DigestAlgorithm::Sha256,
                    b"0123456789abcdef0123456789abcdef",
                )
                .expect("sign");
            }
            println!("raw sign: {:?}", t.elapsed() / n);
            let t = Instant::now();
            for _ in 0..n {
                let doc = sijill_signing::pdf::Document::open(&data).expect("open");
                let _ = doc.pages().expect("pages");
            }
            println!("open+pages: {:?}", t.elapsed() / n);
            let tpl = SignerTemplate::new(&signer, Default::default()).expect("template");
            let t = Instant::now();
            for _ in 0..n {
                let _ = sign_with_template(&data, &signer, &tpl, &SignOptions::default())
                    .expect("sign");
            }
            println!("full: {:?}", t.elapsed() / n);
        }
        _ => {
            eprintln!(
                "usage: bench-sign make-pdfs DIR | bench-sign run P12 PASSWORD SECONDS FILE..."
            );
            std::process::exit(2);
        }
    }
}
