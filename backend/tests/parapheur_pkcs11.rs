//! A parapheur signature with a PKCS#11 token (a real SoftHSM2 token in a temp directory):
//! the official registers the token's key by reference, unlocks it with the token PIN, and
//! the signed document verifies at the administration's level (B-LT by default).
//! Alone in its binary because SoftHSM2 reads `SOFTHSM2_CONF` from the process environment.
//! Skips (and says so) where SoftHSM2 or pkcs11-tool is missing; scripts/install-deps.sh
//! installs both.

#[path = "api/common/mod.rs"]
mod common;
#[path = "api/parapheur_support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;

use axum::http::StatusCode;
use serde_json::json;
use support::*;

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const TOKEN: &str = "sijill-parapheur";

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

fn write_object(dir: &Path, file: &str, der: &[u8], kind: &str, label: &str, id: Option<&str>) {
    let f = dir.join(file);
    std::fs::write(&f, der).unwrap();
    let mut c = Command::new("pkcs11-tool");
    c.args(["--module", MODULE, "--token-label", TOKEN, "--login", "--pin", PIN, "--write-object"]).arg(&f).args(["--type", kind, "--label", label]);
    if let Some(id) = id {
        c.args(["--id", id]);
    }
    run(&mut c);
}

#[tokio::test]
async fn pkcs11_token_signs_a_folder() {
    let have = |t: &str| Command::new(t).arg("--help").output().is_ok();
    if !Path::new(MODULE).exists() || !have("softhsm2-util") || !have("pkcs11-tool") {
        eprintln!("SKIPPED: SoftHSM2 ({MODULE}) or pkcs11-tool (opensc) not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let tokens = tmp.path().join("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = tmp.path().join("softhsm2.conf");
    std::fs::write(&conf, format!("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n", tokens.display())).unwrap();
    // The only test in this binary: setting the variable cannot race another test.
    std::env::set_var("SOFTHSM2_CONF", &conf);
    run(Command::new("softhsm2-util").args(["--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "5678"]));
    let (key, cert, root) = issue_cert("jeton");
    write_object(tmp.path(), "k.der", &key.private_key_to_der().unwrap(), "privkey", "jeton", Some("01"));
    write_object(tmp.path(), "c.der", &cert.to_der().unwrap(), "cert", "jeton", Some("01"));
    write_object(tmp.path(), "r.der", &root.to_der().unwrap(), "cert", "root", None);

    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let official = p.staff("jeton", "official", "DAA").await;
    // Any other library is refused: the server would load it into its own process.
    let (s, e) = p.post("/api/v1/parapheur/keys", &official.token, json!({"kind": "pkcs11", "label": "x", "module": "/usr/lib/x86_64-linux-gnu/libc.so.6", "token": TOKEN, "key_label": "jeton"})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("key_source_not_allowed")), "{e}");
    let (s, k) = p.post("/api/v1/parapheur/keys", &official.token, json!({"kind": "pkcs11", "label": "jeton", "module": MODULE, "token": TOKEN, "key_label": "jeton"})).await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    assert_eq!(k["kind"], "pkcs11");
    let id = p.started(&agent, json!([at(sig("signature", &official), 1, "all")])).await;
    let (s, e) = p.act(&official, id, json!({"action": "sign", "pin": "0000"})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_pin")), "{e}");
    let (s, f) = p.act(&official, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
    let report = p.verify(&p.signed_pdf(&agent, id).await);
    assert!(report.valid, "{report:?}");
    assert_eq!(report.signatures[0].level.as_deref(), Some("B-LT"));
    assert!(report.signatures[0].signer_subject.as_deref().unwrap_or("").contains("jeton"));
}
