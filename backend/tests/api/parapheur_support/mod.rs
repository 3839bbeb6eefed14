//! Shared by the parapheur test binaries: an app with staff users, PKCS#12 keys issued by
//! the development root, JSON helpers, and the independent validators.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use sijill_backend::db::entities::{unit, user};
use sijill_backend::db::queries;

use crate::common::{self, fixtures, TestApp};

pub const PIN: &str = "1234";

pub struct Parapheur {
    pub app: TestApp,
    pub admin_id: i32,
}

pub struct Staff {
    pub id: i32,
    pub token: String,
    pub name: String,
}

impl Parapheur {
    pub async fn new() -> Parapheur {
        Self::on(TestApp::new().await).await
    }

    /// On an app with its own configuration (`TestApp::with`).
    pub async fn on(app: TestApp) -> Parapheur {
        let c = &app.state.svc.db.conn;
        let u = user::Entity::find().filter(user::Column::Email.eq("agent@demo.test")).one(c).await.unwrap().unwrap();
        let roles = queries::user_with_roles(c, u.id).await.unwrap().unwrap().1;
        let admin_id = roles[0].administration_id.unwrap();
        Parapheur { app, admin_id }
    }

    pub async fn unit(&self, code: &str) -> i32 {
        let c = &self.app.state.svc.db.conn;
        unit::Entity::find().filter(unit::Column::Code.eq(code)).one(c).await.unwrap().unwrap().id
    }

    /// A staff member with `role` in unit `code` (password of the demo users).
    pub async fn staff(&self, name: &str, role: &str, unit_code: &str) -> Staff {
        let c = &self.app.state.svc.db.conn;
        let hash = user::Entity::find().filter(user::Column::Email.eq("agent@demo.test")).one(c).await.unwrap().unwrap().password_hash;
        let email = format!("{name}@demo.test");
        let id = queries::insert_user(c, queries::NewUser { email: &email, password_hash: &hash, display_name: name, lang: "fr", verified: true }).await.unwrap();
        queries::insert_role(c, id, role, Some(self.admin_id), Some(self.unit(unit_code).await)).await.unwrap();
        Staff { id, token: self.app.login(&email).await, name: name.to_owned() }
    }

    /// A staff member who also has a PKCS#12 key (issued by the development root) registered.
    pub async fn signer(&self, name: &str) -> Staff {
        let s = self.staff(name, "official", "DAA").await;
        let p12 = issue_p12(name, PIN);
        let (st, v) = self.post("/api/v1/parapheur/keys", &s.token, json!({"kind": "pkcs12", "label": "ma clé", "pin": PIN,
            "p12_base64": base64::engine::general_purpose::STANDARD.encode(&p12)})).await;
        assert_eq!(st, StatusCode::CREATED, "{v}");
        s
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body.to_string()))
            .unwrap();
        self.app.json(req).await
    }

    pub async fn folder(&self, token: &str, title: &str, main: &[(&str, Vec<u8>)]) -> (StatusCode, Value) {
        let fields = vec![("administration_id", self.admin_id.to_string()), ("title", title.to_owned())];
        let boundary = "parapheur-test-boundary";
        let ct = format!("multipart/form-data; boundary={boundary}");
        let mut body = Vec::new();
        for (k, v) in &fields {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
        }
        let annex = [("annexe.png", fixtures::png())];
        for (field, (name, bytes)) in main.iter().map(|d| ("main", d)).chain(annex.iter().map(|d| ("annexes", d))) {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post("/api/v1/parapheur/folders")
            .header(header::CONTENT_TYPE, ct)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body))
            .unwrap();
        self.app.json(req).await
    }

    /// A folder created by `by` and started with `steps`; returns its id.
    pub async fn started(&self, by: &Staff, steps: Value) -> i64 {
        let (s, f) = self.folder(&by.token, "Réponse au courrier", &[("reponse.pdf", fixtures::pdf("Reponse", 0))]).await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        let id = f["id"].as_i64().unwrap();
        let (s, f) = self.post(&format!("/api/v1/parapheur/folders/{id}/circuit"), &by.token, json!({"steps": steps})).await;
        assert_eq!(s, StatusCode::OK, "{f}");
        assert_eq!(f["status"], "in_progress");
        id
    }

    pub async fn act(&self, who: &Staff, folder: i64, body: Value) -> (StatusCode, Value) {
        self.post(&format!("/api/v1/parapheur/folders/{folder}/actions"), &who.token, body).await
    }

    pub async fn signed_pdf(&self, who: &Staff, folder: i64) -> Vec<u8> {
        let (_, f) = self.app.get(&format!("/api/v1/parapheur/folders/{folder}"), Some(&who.token)).await;
        let doc = f["documents"].as_array().unwrap().iter().find(|d| d["role"] == "main").unwrap()["id"].as_i64().unwrap();
        let req = Request::get(format!("/api/v1/parapheur/folders/{folder}/documents/{doc}"))
            .header(header::AUTHORIZATION, format!("Bearer {}", who.token))
            .body(Body::empty())
            .unwrap();
        let (s, _, pdf) = self.app.call(req).await;
        assert_eq!(s, StatusCode::OK);
        pdf
    }

    pub fn verify(&self, pdf: &[u8]) -> sijill_signing::Report {
        let opts = sijill_signing::VerifyOptions { trust_anchors: self.app.state.svc.parapheur.trust_anchors.clone(), online: false, revocation: None, ..Default::default() };
        sijill_signing::verify_pdf(pdf, &opts).expect("verifies")
    }
}

/// A PKCS#12 for `name`, issued by the shared development root.
pub fn issue_p12(name: &str, pin: &str) -> Vec<u8> {
    let (key, cert, root) = issue_cert(name);
    let mut chain = openssl::stack::Stack::new().unwrap();
    chain.push(root).unwrap();
    openssl::pkcs12::Pkcs12::builder().name(name).pkey(&key).cert(&cert).ca(chain).build2(pin).unwrap().to_der().unwrap()
}

/// An RSA key and certificate for `name` issued by the shared development root, and the root.
pub fn issue_cert(name: &str) -> (openssl::pkey::PKey<openssl::pkey::Private>, openssl::x509::X509, openssl::x509::X509) {
    use openssl::asn1::Asn1Time;
    use openssl::bn::{BigNum, MsbOption};
    use openssl::hash::MessageDigest;
    use openssl::x509::extension::{AuthorityKeyIdentifier, BasicConstraints, KeyUsage, SubjectKeyIdentifier};
    use openssl::x509::{X509Name, X509};
    let pki = sijill_signing::devpki::DevPki::load_or_create(&common::shared_pki_dir(), "Administration de démonstration").unwrap();
    let key = openssl::pkey::PKey::from_rsa(openssl::rsa::Rsa::generate(2048).unwrap()).unwrap();
    let mut n = X509Name::builder().unwrap();
    n.append_entry_by_text("CN", name).unwrap();
    n.append_entry_by_text("O", "Administration de démonstration").unwrap();
    let n = n.build();
    let mut b = X509::builder().unwrap();
    b.set_version(2).unwrap();
    let mut serial = BigNum::new().unwrap();
    serial.rand(120, MsbOption::MAYBE_ZERO, false).unwrap();
    b.set_serial_number(&serial.to_asn1_integer().unwrap()).unwrap();
    b.set_subject_name(&n).unwrap();
    b.set_issuer_name(pki.root().subject_name()).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&Asn1Time::from_unix(chrono::Utc::now().timestamp() - 86_400).unwrap()).unwrap();
    b.set_not_after(&Asn1Time::days_from_now(365).unwrap()).unwrap();
    b.append_extension(BasicConstraints::new().critical().build().unwrap()).unwrap();
    b.append_extension(KeyUsage::new().critical().digital_signature().non_repudiation().build().unwrap()).unwrap();
    let ski = SubjectKeyIdentifier::new().build(&b.x509v3_context(Some(pki.root()), None)).unwrap();
    b.append_extension(ski).unwrap();
    let aki = AuthorityKeyIdentifier::new().keyid(true).build(&b.x509v3_context(Some(pki.root()), None)).unwrap();
    b.append_extension(aki).unwrap();
    b.sign(pki.root_key(), MessageDigest::sha256()).unwrap();
    (key, b.build(), pki.root().clone())
}

pub fn sig(kind: &str, user: &Staff) -> Value {
    json!({"position": 0, "kind": kind, "user_id": user.id})
}

pub fn at(mut step: Value, position: i32, mode: &str) -> Value {
    step["position"] = json!(position);
    step["mode"] = json!(mode);
    step
}

/// pyHanko (validate, and adesverify for long-term validation from the DSS alone) and
/// pdfsig judge every signature of `pdf` (a B-LT document) valid and trusted.
pub fn independent_validators(app: &TestApp, pdf: &[u8], count: usize) {
    use std::process::Command;
    let dir = app.dir.path();
    let file = dir.join("signed.pdf");
    std::fs::write(&file, pdf).unwrap();
    let root = common::shared_pki_dir().join("root.pem");
    let out = Command::new("pyhanko")
        .args(["sign", "validate", "--no-revocation-check", "--trust-replace", "--trust"])
        .arg(&root)
        .arg(&file)
        .output()
        .expect("pyhanko is installed (requirements-test.txt)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pyhanko: {text} {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.lines().filter(|l| l.contains("INTACT:TRUSTED")).count(), count, "one line per signature: {text}");

    // Long-term validation from the embedded DSS alone (offline), as B-LT promises.
    let out = Command::new("pyhanko").args(["sign", "adesverify", "--trust-replace", "--trust"]).arg(&root).arg(&file).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pyhanko adesverify: {text} {}", String::from_utf8_lossy(&out.stderr));

    let nss = dir.join("nss");
    std::fs::create_dir_all(&nss).unwrap();
    let db = format!("sql:{}", nss.display());
    assert!(Command::new("certutil").args(["-N", "-d", &db, "--empty-password"]).status().expect("certutil (libnss3-tools)").success());
    assert!(Command::new("certutil").args(["-A", "-d", &db, "-n", "root", "-t", "CT,C,C", "-i"]).arg(&root).status().unwrap().success());
    let out = Command::new("pdfsig").args(["-nssdir", &db]).arg(&file).output().expect("pdfsig (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("Signature is Valid.").count(), count, "{text}");
    assert_eq!(text.matches("Certificate is Trusted.").count(), count, "{text}");
    assert!(!text.contains("Digest Mismatch"), "{text}");
}
