//! The key page's PKCS#11 and CSC forms as a browser without JavaScript posts them: what a
//! person can correct comes back on the page in their language (400; a stale form 403),
//! nothing is registered; a CSC credential and a real SoftHSM2 token register through the
//! same domain function as the API, the page then shows the key's kind, and the token signs
//! a folder with its PIN (never stored). One test: SoftHSM2 reads `SOFTHSM2_CONF` from the
//! process environment, which must not change while another test reads it. The SoftHSM2
//! part skips (and says so) where SoftHSM2 or pkcs11-tool is missing.

#[path = "api/common/mod.rs"]
mod common;
#[path = "api/parapheur_support/mod.rs"]
mod parapheur_support;

use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use parapheur_support::{at, issue_cert, sig, Parapheur, Staff, PIN};
use serde_json::json;

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const TOKEN: &str = "sijill-page-token";

/// Posts a url-encoded form with the session cookie; (status, Location, body).
async fn post(p: &Parapheur, path: &str, who: &Staff, lang: &str, fields: &[(&str, &str)]) -> (StatusCode, String, String) {
    let body = fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
    let r = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::COOKIE, format!("sijill_session={}", who.token))
        .header(header::ACCEPT_LANGUAGE, lang)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let (s, h, b) = p.app.call(r).await;
    let location = h.get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (s, location, String::from_utf8_lossy(&b).into_owned())
}

async fn get(p: &Parapheur, path: &str, who: &Staff, lang: &str) -> String {
    let r = Request::builder().uri(path).header(header::COOKIE, format!("sijill_session={}", who.token)).header(header::ACCEPT_LANGUAGE, lang).body(Body::empty()).unwrap();
    String::from_utf8_lossy(&p.app.call(r).await.2).into_owned()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn csrf_of(html: &str) -> String {
    let at = html.find(r#"name="csrf" value=""#).expect("csrf field");
    let rest = &html[at + 19..];
    rest[..rest.find('"').unwrap()].to_owned()
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// A SoftHSM2 token in `dir` holding a key and its certificate labelled `label`.
fn softhsm_token(dir: &Path, label: &str) {
    let tokens = dir.join("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(&conf, format!("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n", tokens.display())).unwrap();
    std::env::set_var("SOFTHSM2_CONF", &conf);
    run(Command::new("softhsm2-util").args(["--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "5678"]));
    let (key, cert, root) = issue_cert(label);
    let objects = [("k.der", key.private_key_to_der().unwrap(), "privkey", label, true), ("c.der", cert.to_der().unwrap(), "cert", label, true), ("r.der", root.to_der().unwrap(), "cert", "root", false)];
    for (file, der, kind, name, with_id) in objects {
        let f = dir.join(file);
        std::fs::write(&f, der).unwrap();
        let mut c = Command::new("pkcs11-tool");
        c.args(["--module", MODULE, "--token-label", TOKEN, "--login", "--pin", PIN, "--write-object"]).arg(&f).args(["--type", kind, "--label", name]);
        if with_id {
            c.args(["--id", "01"]);
        }
        run(&mut c);
    }
}

#[tokio::test]
async fn token_and_remote_key_forms_refuse_bad_input_then_register() {
    // The CSC service named below is the one the administrators allow, exactly.
    let p = Parapheur::on(common::TestApp::with(|f| f.merge(figment::providers::Serialized::default("parapheur.csc_services", vec!["http://127.0.0.1:9/csc"]))).await).await;
    let official = p.staff("porteur", "official", "DAA").await;
    let page = get(&p, "/parapheur/keys", &official, "fr").await;
    assert!(page.contains(r#"action="/parapheur/keys/pkcs11""#) && page.contains(r#"action="/parapheur/keys/csc""#), "{page}");
    let csrf = csrf_of(&page);

    // PKCS#11: every required field, in Arabic; a relative module path; a forged token.
    let (s, _, body) = post(&p, "/parapheur/keys/pkcs11", &official, "ar", &[("csrf", &csrf), ("label", "جهاز"), ("module", ""), ("token", ""), ("key_label", "")]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    for id in ["field-module-error", "field-token-error", "field-key_label-error"] {
        assert!(body.contains(id), "{id}: {body}");
    }
    assert!(body.contains(r#"dir="rtl""#) && body.contains(r#"value="جهاز""#), "Arabic page, the name kept: {body}");
    let (s, _, body) = post(&p, "/parapheur/keys/pkcs11", &official, "fr", &[("csrf", &csrf), ("module", "libsofthsm2.so"), ("token", TOKEN), ("key_label", "k")]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body.contains("Indiquez le chemin complet du module") && body.contains(r#"value="libsofthsm2.so""#), "{body}");
    let (s, _, _) = post(&p, "/parapheur/keys/pkcs11", &official, "fr", &[("csrf", "forged"), ("module", MODULE), ("token", TOKEN), ("key_label", "k")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a forged form registers nothing");

    // CSC: not a web address, in English; no credential id.
    let (s, _, body) = post(&p, "/parapheur/keys/csc", &official, "en", &[("csrf", &csrf), ("endpoint", "ftp://csc.example"), ("credential_id", "")]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body.contains("Give an address starting with https://") && body.contains("field-credential_id-error"), "{body}");
    let (_, k) = p.app.get("/api/v1/parapheur/keys", Some(&official.token)).await;
    assert!(k.is_null(), "nothing registered by refused forms: {k}");

    // Only the services the administrators allow (`parapheur.csc_services`) may be named.
    let (s, _, body) = post(&p, "/parapheur/keys/csc", &official, "fr", &[("csrf", &csrf), ("endpoint", "https://csc.example/csc/v2"), ("credential_id", "cred-1")]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body.contains("ne fait pas partie des modules et services de signature autorisés"), "{body}");

    // A CSC credential is stored by reference: registered without asking the service.
    let (s, location, body) = post(&p, "/parapheur/keys/csc", &official, "fr", &[("csrf", &csrf), ("label", "service"), ("endpoint", "http://127.0.0.1:9/csc/v2"), ("credential_id", "cred-1")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/parapheur/keys?saved=1"), "{body}");
    let shown = get(&p, "/parapheur/keys?saved=1", &official, "fr").await;
    assert!(shown.contains(r#"data-kind="csc""#) && shown.contains("Service de signature à distance (CSC)") && shown.contains("Clé de signature enregistrée."), "{shown}");
    assert!(shown.contains("lu sur le jeton ou le service à chaque signature"), "{shown}");

    // A real token: registered by the form, then it signs with its PIN.
    let have = |t: &str| Command::new(t).arg("--help").output().is_ok();
    if !Path::new(MODULE).exists() || !have("softhsm2-util") || !have("pkcs11-tool") {
        eprintln!("SKIPPED (SoftHSM2 part): SoftHSM2 ({MODULE}) or pkcs11-tool (opensc) not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    softhsm_token(tmp.path(), "porteur");
    let (s, location, body) = post(&p, "/parapheur/keys/pkcs11", &official, "fr", &[("csrf", &csrf), ("label", "jeton"), ("module", MODULE), ("token", TOKEN), ("key_label", "porteur")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/parapheur/keys?saved=1"), "{body}");
    let shown = get(&p, "/parapheur/keys", &official, "en").await;
    assert!(shown.contains(r#"data-kind="pkcs11""#) && shown.contains("PKCS#11 hardware token") && shown.contains("jeton"), "{shown}");
    let agent = p.staff("redacteur", "agent", "SP").await;
    let id = p.started(&agent, json!([at(sig("signature", &official), 1, "all")])).await;
    let (s, f) = p.act(&official, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, f["status"].as_str()), (StatusCode::OK, Some("completed")), "{f}");
}
