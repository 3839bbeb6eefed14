//! The demo administration `DEMO` and its users, created at start in development mode.
//! Production refuses it (see `config::validate`).

use sea_orm::Set;

use super::auth::hash_password;
use super::parapheur::keys::seal_keystore;
use super::Services;
use crate::db::entities::signing_key;
use crate::db::{queries, seed as ins};
use crate::error::{Error, Result};

/// Every demo user shares this password (printed at start, listed in the README).
pub const DEMO_PASSWORD: &str = "demo-password";

/// PIN of the demo signatories' keys (PKCS#12 issued by the development PKI).
pub const DEMO_KEY_PIN: &str = "123456";

/// (e-mail, role) of the demo users. `head` is the official heading the personnel service
/// (the agent's unit), `official` heads the administrative affairs division above it: the
/// parapheur's visa then signature.
pub const DEMO_USERS: [(&str, &str); 7] = [
    ("citizen@demo.test", "filer"),
    ("citizen2@demo.test", "filer"),
    ("clerk@demo.test", "clerk"),
    ("agent@demo.test", "agent"),
    ("head@demo.test", "official"),
    ("official@demo.test", "official"),
    ("admin@demo.test", "admin"),
];

impl Services {
    /// Creates `DEMO` (names in four languages, a units tree, catalogue services with their
    /// response deadlines) and the demo users, unless it exists already. Idempotent.
    pub async fn seed_demo(&self) -> Result<()> {
        let c = &self.db.conn;
        if queries::administration_by_code(c, "DEMO").await?.is_some() {
            return Ok(());
        }
        let hash = hash_password(DEMO_PASSWORD).await?;
        let tx = self.db.write().await?;
        let a = ins::insert_administration(&tx, "DEMO", "DEMO", [
            "Administration de démonstration",
            "الإدارة التجريبية",
            "ⵜⴰⵏⴱⴰⴹⵜ ⵏ ⵓⵙⵎⵓⵜⵜⴳ",
            "Demonstration administration",
        ]).await?;
        let dg = ins::insert_unit(&tx, a, None, "DG", ["Direction générale", "المديرية العامة", "ⵜⴰⵎⵀⵍⵜ ⵜⴰⵎⴰⵜⴰⵢⵜ", "General directorate"]).await?;
        let bo = ins::insert_unit(&tx, a, Some(dg), "BO", ["Bureau d'ordre central", "مكتب الضبط المركزي", "ⴰⵎⴽⵜⴰⴱ ⵏ ⵓⵙⵡⵉⵜⵜⵉ ⴰⵏⴰⵎⵎⴰⵙ", "Central registry"]).await?;
        let daa = ins::insert_unit(&tx, a, Some(dg), "DAA", ["Division des affaires administratives", "قسم الشؤون الإدارية", "ⴰⴱⵟⵟⵓ ⵏ ⵜⵖⴰⵡⵙⵉⵡⵉⵏ ⵜⵉⵏⴱⴰⴹⵉⵏ", "Administrative affairs division"]).await?;
        let sp = ins::insert_unit(&tx, a, Some(daa), "SP", ["Service du personnel", "مصلحة الموظفين", "ⵜⴰⵏⴰⴼⵓⵜ ⵏ ⵉⵎⵙⵡⵓⵔⵉⵢⵏ", "Personnel service"]).await?;
        let dr = ins::insert_unit(&tx, a, Some(dg), "DR-CS", ["Direction régionale Casablanca-Settat", "المديرية الجهوية الدار البيضاء-سطات", "ⵜⴰⵎⵀⵍⵜ ⵜⴰⵏⴳⵎⴰⵎⵜ ⵜⴰⴷⴷⴰⵔⵜ ⵜⵓⵎⵍⵉⵍⵜ-ⵙⵟⵟⴰⵜ", "Casablanca-Settat regional directorate"]).await?;
        ins::insert_service(&tx, a, Some(bo), "COURRIER", "citizen", 60, ["Courrier général", "مراسلة عامة", "ⵜⴰⵣⵔⴰⵎⵜ ⵜⴰⵎⴰⵜⴰⵢⵜ", "General correspondence"]).await?;
        ins::insert_service(&tx, a, Some(sp), "ATTESTATION", "citizen", 30, ["Demande d'attestation administrative", "طلب شهادة إدارية", "ⴰⵙⵓⵜⵔ ⵏ ⵜⴳⴰⵡⵉⵜ ⵜⴰⵏⴱⴰⴹⵜ", "Request for an administrative certificate"]).await?;
        ins::insert_service(&tx, a, Some(bo), "RECLAMATION", "citizen", 60, ["Réclamation", "شكاية", "ⴰⵙⵙⵓⵎⵔ", "Complaint"]).await?;
        ins::insert_service(&tx, a, Some(daa), "ACCES-INFO", "citizen", 20, ["Demande d'accès à l'information", "طلب الحصول على المعلومات", "ⴰⵙⵓⵜⵔ ⵏ ⵓⴽⵛⵛⵓⵎ ⵖⵔ ⵉⵏⵖⵎⵉⵙⵏ", "Access to information request"]).await?;
        ins::insert_service(&tx, a, Some(dr), "INVESTISSEMENT", "business", 30, ["Dossier d'investissement", "ملف الاستثمار", "ⴰⵙⴷⴰⵡ ⵏ ⵓⵙⵎⵔⵙ", "Investment file"]).await?;
        let mut signatories = Vec::new();
        for (email, role) in DEMO_USERS {
            let name = email.split('@').next().unwrap_or(email);
            let uid = queries::insert_user(&tx, queries::NewUser { email, password_hash: &hash, display_name: name, lang: "fr", verified: true }).await?;
            let (admin, unit) = match (email, role) {
                (_, "filer") => (None, None),
                (_, "clerk") => (Some(a), Some(bo)),
                ("head@demo.test", _) | (_, "agent") => (Some(a), Some(sp)),
                (_, "official") => (Some(a), Some(daa)),
                _ => (Some(a), None),
            };
            queries::insert_role(&tx, uid, role, admin, unit).await?;
            if role == "official" {
                signatories.push((uid, name));
            }
        }
        for (uid, name) in signatories {
            self.seed_demo_key(&tx, uid, name).await?;
        }
        tx.commit().await?;
        tracing::info!("seeded the demo administration DEMO");
        Ok(())
    }

    /// Gives a demo signatory a PKCS#12 key (PIN [`DEMO_KEY_PIN`]) issued by the development
    /// PKI, so the parapheur can be tried, and its e2e run, without uploading a keystore.
    async fn seed_demo_key(&self, tx: &sea_orm::DatabaseTransaction, user_id: i32, name: &str) -> Result<()> {
        let dir = self.config.pki.dir.clone();
        let cn = name.to_owned();
        let p12 = tokio::task::spawn_blocking(move || demo_p12(&dir, &cn)).await.map_err(Error::internal)??;
        let kek = hex::decode(&self.config.parapheur.key_encryption_key).map_err(Error::internal)?;
        let cert = openssl::pkcs12::Pkcs12::from_der(&p12)
            .and_then(|p| p.parse2(DEMO_KEY_PIN))
            .map_err(Error::internal)?
            .cert
            .ok_or_else(|| Error::internal("demo keystore without certificate"))?
            .to_der()
            .map_err(Error::internal)?;
        let m = signing_key::ActiveModel {
            user_id: Set(user_id),
            kind: Set("pkcs12".into()),
            label: Set("clé de démonstration".into()),
            p12_encrypted: Set(Some(seal_keystore(&kek, user_id, &p12)?)),
            certificate: Set(Some(cert)),
            active: Set(true),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        };
        crate::db::parapheur::insert_key(tx, m, user_id).await?;
        Ok(())
    }
}

/// A signing certificate for `name` issued by the development root, in a PKCS#12 kept in
/// the PKI directory (`demo-<name>.p12`), so later seeds (each test's) reuse it.
fn demo_p12(pki_dir: &std::path::Path, name: &str) -> Result<Vec<u8>> {
    let path = pki_dir.join(format!("demo-{name}.p12"));
    if let Ok(p12) = std::fs::read(&path) {
        if openssl::pkcs12::Pkcs12::from_der(&p12).and_then(|p| p.parse2(DEMO_KEY_PIN)).is_ok() {
            return Ok(p12);
        }
    }
    let p12 = issue_demo_p12(pki_dir, name)?;
    // Written aside then renamed: tests seeding at once never read half a file.
    let tmp = pki_dir.join(format!("demo-{name}.p12.{}", uuid::Uuid::new_v4()));
    std::fs::write(&tmp, &p12)?;
    std::fs::rename(&tmp, &path)?;
    Ok(p12)
}

fn issue_demo_p12(pki_dir: &std::path::Path, name: &str) -> Result<Vec<u8>> {
    use openssl::asn1::Asn1Time;
    use openssl::bn::{BigNum, MsbOption};
    use openssl::hash::MessageDigest;
    use openssl::x509::extension::{AuthorityKeyIdentifier, BasicConstraints, KeyUsage, SubjectKeyIdentifier};
    use openssl::x509::{X509Name, X509};
    fn e(x: impl std::fmt::Display) -> Error {
        Error::internal(x)
    }
    let pki = sijill_signing::devpki::DevPki::load_or_create(pki_dir, "Administration de démonstration").map_err(e)?;
    let key = openssl::pkey::PKey::from_rsa(openssl::rsa::Rsa::generate(2048).map_err(e)?).map_err(e)?;
    let mut n = X509Name::builder().map_err(e)?;
    n.append_entry_by_text("CN", name).map_err(e)?;
    n.append_entry_by_text("O", "Administration de démonstration").map_err(e)?;
    let n = n.build();
    let mut b = X509::builder().map_err(e)?;
    b.set_version(2).map_err(e)?;
    let mut serial = BigNum::new().map_err(e)?;
    serial.rand(120, MsbOption::MAYBE_ZERO, false).map_err(e)?;
    let serial = serial.to_asn1_integer().map_err(e)?;
    b.set_serial_number(&serial).map_err(e)?;
    b.set_subject_name(&n).map_err(e)?;
    b.set_issuer_name(pki.root().subject_name()).map_err(e)?;
    b.set_pubkey(&key).map_err(e)?;
    let (from, to) = (Asn1Time::from_unix(chrono::Utc::now().timestamp() - 86_400).map_err(e)?, Asn1Time::days_from_now(365).map_err(e)?);
    b.set_not_before(&from).map_err(e)?;
    b.set_not_after(&to).map_err(e)?;
    b.append_extension(BasicConstraints::new().critical().build().map_err(e)?).map_err(e)?;
    b.append_extension(KeyUsage::new().critical().digital_signature().non_repudiation().build().map_err(e)?).map_err(e)?;
    let ski = SubjectKeyIdentifier::new().build(&b.x509v3_context(Some(pki.root()), None)).map_err(e)?;
    b.append_extension(ski).map_err(e)?;
    let aki = AuthorityKeyIdentifier::new().keyid(true).build(&b.x509v3_context(Some(pki.root()), None)).map_err(e)?;
    b.append_extension(aki).map_err(e)?;
    b.sign(pki.root_key(), MessageDigest::sha256()).map_err(e)?;
    let cert = b.build();
    let mut chain = openssl::stack::Stack::new().map_err(e)?;
    chain.push(pki.root().clone()).map_err(e)?;
    let p12 = openssl::pkcs12::Pkcs12::builder().name(name).pkey(&key).cert(&cert).ca(chain).build2(DEMO_KEY_PIN).map_err(e)?;
    p12.to_der().map_err(e)
}
