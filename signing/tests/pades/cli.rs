//! The `sijill-sign` command line as scripts use it: sign, batch sign, verify (text and
//! JSON), exit codes.

use crate::common;

use common::{pdfs, Pki};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sijill-sign"))
}

#[test]
fn sign_batch_and_verify_exit_codes() {
    let dir = std::env::temp_dir().join(format!("sijill-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let pki = Pki::new(common::rsa(2048));
    pki.write_files(&dir);
    let a = dir.join("a.pdf");
    let b = dir.join("b.pdf");
    std::fs::write(&a, pdfs::classic(1, "1.7", 0)).unwrap();
    std::fs::write(&b, pdfs::xref_stream(2)).unwrap();
    let p12 = dir.join("signer.p12");
    let pw = dir.join("password");

    let st = bin()
        .args(["sign", "--p12"])
        .arg(&p12)
        .arg("--password-file")
        .arg(&pw)
        .args([
            "--reason",
            "Accusé de réception",
            "--visible",
            "1,300,40,200,50",
            "--text",
            "Amina Signer\\nBureau d'ordre",
        ])
        .arg("--input")
        .arg(&a)
        .arg("--output")
        .arg(dir.join("a-signed.pdf"))
        .status()
        .unwrap();
    assert!(st.success());

    let out = dir.join("out");
    let st = bin()
        .args(["sign", "--p12"])
        .arg(&p12)
        .arg("--password-file")
        .arg(&pw)
        .arg("--out-dir")
        .arg(&out)
        .arg(&a)
        .arg(&b)
        .status()
        .unwrap();
    assert!(st.success());

    for f in [
        dir.join("a-signed.pdf"),
        out.join("a.pdf"),
        out.join("b.pdf"),
    ] {
        let o = bin()
            .args(["verify", "--trust"])
            .arg(dir.join("root.pem"))
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
        assert!(String::from_utf8_lossy(&o.stdout).contains("all signatures valid"));
    }
    let o = bin()
        .args(["verify", "--json", "--trust"])
        .arg(dir.join("root.pem"))
        .arg(dir.join("a-signed.pdf"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["signatures"][0]["level"], "B-B");
    assert_eq!(v["signatures"][0]["reason"], "Accusé de réception");

    // No trust anchor: the chain is not trusted, exit 1. Unsigned or not a PDF: non-zero.
    let o = bin()
        .args(["verify"])
        .arg(out.join("b.pdf"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = bin().args(["verify"]).arg(&a).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    std::fs::write(dir.join("x.pdf"), b"not a pdf").unwrap();
    let o = bin()
        .args(["verify"])
        .arg(dir.join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a PDF"));
    // Wrong password.
    std::fs::write(dir.join("bad"), "nope\n").unwrap();
    let o = bin()
        .args(["sign", "--p12"])
        .arg(&p12)
        .arg("--password-file")
        .arg(dir.join("bad"))
        .arg("--input")
        .arg(&a)
        .arg("--output")
        .arg(dir.join("z.pdf"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("password"));
    let _ = std::fs::remove_dir_all(&dir);
}
