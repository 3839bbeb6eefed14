//! `make bench`: server-side time to batch-sign folders with one PKCS#12 key (issue 5:
//! 100 folders at B-B and at B-T; target under 1 second at B-B). Builds the real services
//! in this process (SQLite in a temp dir, or a fresh PostgreSQL database when
//! `SIJILL_TEST_DATABASE_URL` is set; the development PKI and its in-process TSA), prepares
//! the folders through the domain API, then times `Services::batch_sign` alone: unlocking
//! the key, and per folder reading it, signing its document, storing the signed version
//! and committing the step, the history line and the audit event.
//!
//!   cargo run --release --example bench_batch_sign -- [--folders 100]

use std::time::Instant;

use figment::providers::Serialized;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use sijill_backend::config::Config;
use sijill_backend::db::entities::user;
use sijill_backend::db::{parapheur as pq, queries};
use sijill_backend::domain::attachments::NewDocument;
use sijill_backend::domain::auth::{CurrentUser, Role, RoleGrant};
use sijill_backend::domain::parapheur::circuits::{CircuitSource, StepSpec};
use sijill_backend::domain::parapheur::folders::NewFolder;
use sijill_backend::domain::parapheur::keys::{KeyPurpose, NewKey};
use sijill_backend::domain::Services;
use sijill_backend::i18n::Lang;

const PIN: &str = "bench-pin";

/// A one-page letter (about 3 KB), like an answer drafted in an office suite.
fn letter(n: usize) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let mut text = String::from("BT /F1 11 Tf 72 760 Td 14 TL\n");
    for i in 0..40 {
        text.push_str(&format!("(Lettre {n}, ligne {i} : objet de la reponse de l'administration.) '\n"));
    }
    text.push_str("ET\n");
    let content = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf");
    out
}

/// A PKCS#12 for the signatory, issued by the development root.
fn p12(pki_dir: &std::path::Path) -> Vec<u8> {
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::x509::extension::KeyUsage;
    use openssl::x509::{X509Name, X509};
    let pki = sijill_signing::devpki::DevPki::load_or_create(pki_dir, "Administration de démonstration").expect("dev PKI");
    let key = openssl::pkey::PKey::from_rsa(openssl::rsa::Rsa::generate(2048).unwrap()).unwrap();
    let mut n = X509Name::builder().unwrap();
    n.append_entry_by_text("CN", "Signataire du banc d'essai").unwrap();
    let n = n.build();
    let mut b = X509::builder().unwrap();
    b.set_version(2).unwrap();
    b.set_serial_number(&openssl::bn::BigNum::from_u32(77).unwrap().to_asn1_integer().unwrap()).unwrap();
    b.set_subject_name(&n).unwrap();
    b.set_issuer_name(pki.root().subject_name()).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&Asn1Time::from_unix(chrono::Utc::now().timestamp() - 86_400).unwrap()).unwrap();
    b.set_not_after(&Asn1Time::days_from_now(30).unwrap()).unwrap();
    b.append_extension(KeyUsage::new().critical().digital_signature().non_repudiation().build().unwrap()).unwrap();
    b.sign(pki.root_key(), MessageDigest::sha256()).unwrap();
    let cert = b.build();
    openssl::pkcs12::Pkcs12::builder().name("bench").pkey(&key).cert(&cert).build2(PIN).unwrap().to_der().unwrap()
}

async fn current(svc: &Services, email: &str) -> CurrentUser {
    let u = user::Entity::find().filter(user::Column::Email.eq(email)).one(&svc.db.conn).await.unwrap().expect("demo user");
    let (u, roles) = queries::user_with_roles(&svc.db.conn, u.id).await.unwrap().unwrap();
    CurrentUser {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        lang: Lang::Fr,
        email_verified: true,
        roles: roles
            .iter()
            .map(|r| RoleGrant { role: Role::parse(&r.role).unwrap(), administration_id: r.administration_id, unit_id: r.unit_id })
            .collect(),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut folders = 100usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, n] = args.as_slice() {
        anyhow::ensure!(flag == "--folders", "usage: bench_batch_sign [--folders N]");
        folders = n.parse()?;
    }
    let dir = tempfile::tempdir()?;
    let url = match std::env::var("SIJILL_TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            use sqlx::Connection;
            let name = format!("bench_{}", uuid::Uuid::new_v4().simple());
            let mut c = sqlx::PgConnection::connect(&admin_url).await?;
            sqlx::Executor::execute(&mut c, format!("CREATE DATABASE {name}").as_str()).await?;
            format!("{}/{name}", admin_url.rsplit_once('/').expect("url with a database").0)
        }
        _ => format!("sqlite://{}/bench.db", dir.path().display()),
    };
    let pki_dir = dir.path().join("pki");
    let fig = Config::figment(None)?
        .merge(Serialized::default("database.url", &url))
        .merge(Serialized::default("storage.data_dir", dir.path().join("data")))
        .merge(Serialized::default("pki.dir", &pki_dir));
    let state = sijill_backend::app::build(Config::extract(fig)?).await?;
    let svc = state.svc.clone();
    let agent = current(&svc, "agent@demo.test").await;
    let official = current(&svc, "official@demo.test").await;
    let admin_id = agent.roles[0].administration_id.expect("staff");
    let key = p12(&pki_dir);
    svc.register_key(&official, "bench", NewKey::Pkcs12 { p12: key, pin: PIN.into() }, KeyPurpose::Signing).await?;
    println!("batch signing, one PKCS#12 (RSA-2048) key, {folders} folders of one 1-page PDF, database {}", url.split(':').next().unwrap_or(""));
    for level in ["B-B", "B-T"] {
        pq::set_pades_level(&svc.db.conn, admin_id, level).await?;
        let mut ids = Vec::new();
        for n in 0..folders {
            let f = svc
                .create_folder(&agent, NewFolder {
                    administration_id: admin_id,
                    title: format!("Réponse {n}"),
                    unit_id: None,
                    entry_id: None,
                    main: vec![NewDocument { name: format!("reponse-{n}.pdf"), bytes: letter(n).into() }],
                    annexes: vec![],
                })
                .await?;
            let step = StepSpec { position: 1, kind: "signature".into(), mode: None, user_id: Some(official.id), role: None, unit_id: None, placement: None };
            svc.start_circuit(&agent, f.id, CircuitSource { template_id: None, steps: Some(vec![step]) }).await?;
            ids.push(f.id);
        }
        let t = Instant::now();
        let results = svc.batch_sign(&official, &ids, PIN).await?;
        let took = t.elapsed();
        let ok = results.iter().filter(|r| r.ok).count();
        anyhow::ensure!(ok == folders, "{} folders failed: {:?}", folders - ok, results.iter().find(|r| !r.ok));
        println!(
            "  {level}: {folders} folders signed in {:.3} s ({:.1} ms per folder, {:.0} folders/s){}",
            took.as_secs_f64(),
            took.as_secs_f64() * 1000.0 / folders as f64,
            folders as f64 / took.as_secs_f64(),
            if level == "B-B" { "  [target: under 1 s for 100]" } else { "" }
        );
    }
    Ok(())
}
