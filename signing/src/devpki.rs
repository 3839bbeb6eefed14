//! A development PKI: a root CA, the administration's seal certificate and a timestamp
//! authority certificate, created once in a directory and reused afterwards.
//!
//! `make run` and the tests need real certificates (validators reject anything else),
//! but no one should have to run a CA by hand to try Sijill. Never use these in
//! production: the keys lie unencrypted in the directory.
//!
//! Files written in `dir` (PEM and DER side by side so any tool can read them):
//! `root.pem/.der/.key.pem`, `seal.pem/.der/.key.pem`, `seal.p12` + `seal.p12.password`,
//! `tsa.pem/.der/.key.pem`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use openssl::asn1::{Asn1Integer, Asn1Time};
use openssl::bn::{BigNum, MsbOption};
use openssl::hash::MessageDigest;
use openssl::pkcs12::Pkcs12;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::stack::Stack;
use openssl::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectKeyIdentifier,
};
use openssl::x509::{X509Name, X509};

use crate::tsa::TimestampAuthority;
use crate::Error;

/// The loaded development PKI. Cheap to clone the DER; keys are openssl handles.
pub struct DevPki {
    dir: PathBuf,
    root: X509,
    root_key: PKey<Private>,
    seal: X509,
    seal_key: PKey<Private>,
    tsa: X509,
    tsa_key: PKey<Private>,
    p12_password: String,
}

fn pki_err(e: impl std::fmt::Display) -> Error {
    Error::Key(e.to_string())
}

const FILES: [&str; 11] = [
    "root.pem",
    "root.der",
    "root.key.pem",
    "seal.pem",
    "seal.der",
    "seal.key.pem",
    "seal.p12",
    "seal.p12.password",
    "tsa.pem",
    "tsa.der",
    "tsa.key.pem",
];

impl DevPki {
    /// Loads the PKI from `dir`, creating it first if any file is missing. `admin_name`
    /// becomes the seal certificate's CN and O (it is only used on creation).
    pub fn load_or_create(dir: &Path, admin_name: &str) -> Result<DevPki, Error> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let _lock = DirLock::acquire(dir)?;
        if FILES.iter().all(|f| dir.join(f).is_file()) {
            match Self::load(dir) {
                Ok(pki) => return Ok(pki),
                Err(e) => tracing::warn!(
                    "development PKI in {} unreadable ({e}); recreating",
                    dir.display()
                ),
            }
        }
        tracing::info!("creating a development PKI in {}", dir.display());
        Self::create(dir, admin_name)?;
        Self::load(dir)
    }

    fn load(dir: &Path) -> Result<DevPki, Error> {
        let cert = |n: &str| -> Result<X509, Error> {
            X509::from_pem(&read(&dir.join(n))?).map_err(pki_err)
        };
        let key = |n: &str| -> Result<PKey<Private>, Error> {
            PKey::private_key_from_pem(&read(&dir.join(n))?).map_err(pki_err)
        };
        Ok(DevPki {
            dir: dir.to_path_buf(),
            root: cert("root.pem")?,
            root_key: key("root.key.pem")?,
            seal: cert("seal.pem")?,
            seal_key: key("seal.key.pem")?,
            tsa: cert("tsa.pem")?,
            tsa_key: key("tsa.key.pem")?,
            p12_password: String::from_utf8_lossy(&read(&dir.join("seal.p12.password"))?)
                .trim()
                .to_string(),
        })
    }

    fn create(dir: &Path, admin_name: &str) -> Result<(), Error> {
        let root_key = rsa_key()?;
        let root_name = name(&[("O", admin_name), ("CN", "Sijill Development Root CA")])?;
        let root = build_cert(
            &root_name,
            &root_key,
            &root_name,
            &root_key,
            None,
            3650,
            Kind::Root,
        )?;
        let seal_key = rsa_key()?;
        let seal_name = name(&[("O", admin_name), ("CN", admin_name)])?;
        let seal = build_cert(
            &seal_name,
            &seal_key,
            &root_name,
            &root_key,
            Some(&root),
            1095,
            Kind::Seal,
        )?;
        let tsa_key = rsa_key()?;
        let tsa_name = name(&[
            ("O", admin_name),
            ("CN", "Sijill Development Timestamp Authority"),
        ])?;
        let tsa = build_cert(
            &tsa_name,
            &tsa_key,
            &root_name,
            &root_key,
            Some(&root),
            1095,
            Kind::Tsa,
        )?;

        let mut pw = [0u8; 18];
        openssl::rand::rand_bytes(&mut pw).map_err(pki_err)?;
        let password: String = pw.iter().map(|b| format!("{b:02x}")).collect();
        let mut ca = Stack::new().map_err(pki_err)?;
        ca.push(root.clone()).map_err(pki_err)?;
        let p12 = Pkcs12::builder()
            .name("seal")
            .pkey(&seal_key)
            .cert(&seal)
            .ca(ca)
            .build2(&password)
            .map_err(pki_err)?;

        for (stem, cert, key) in [
            ("root", &root, &root_key),
            ("seal", &seal, &seal_key),
            ("tsa", &tsa, &tsa_key),
        ] {
            write(
                dir,
                &format!("{stem}.pem"),
                &cert.to_pem().map_err(pki_err)?,
                false,
            )?;
            write(
                dir,
                &format!("{stem}.der"),
                &cert.to_der().map_err(pki_err)?,
                false,
            )?;
            write(
                dir,
                &format!("{stem}.key.pem"),
                &key.private_key_to_pem_pkcs8().map_err(pki_err)?,
                true,
            )?;
        }
        write(dir, "seal.p12", &p12.to_der().map_err(pki_err)?, true)?;
        write(dir, "seal.p12.password", password.as_bytes(), true)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn root_der(&self) -> Vec<u8> {
        self.root.to_der().unwrap_or_default()
    }
    /// Path of the root certificate in PEM (what `--trust` and pyHanko's `--trust` take).
    pub fn root_pem_path(&self) -> PathBuf {
        self.dir.join("root.pem")
    }
    pub fn root(&self) -> &X509 {
        &self.root
    }
    pub fn root_key(&self) -> &PKey<Private> {
        &self.root_key
    }
    pub fn seal_cert_der(&self) -> Vec<u8> {
        self.seal.to_der().unwrap_or_default()
    }
    pub fn seal_cert(&self) -> &X509 {
        &self.seal
    }
    pub fn seal_key(&self) -> &PKey<Private> {
        &self.seal_key
    }
    /// Chain for the seal signer, nearest first (here just the root).
    pub fn seal_chain_der(&self) -> Vec<Vec<u8>> {
        vec![self.root_der()]
    }
    pub fn p12_path(&self) -> PathBuf {
        self.dir.join("seal.p12")
    }
    pub fn p12_password_path(&self) -> PathBuf {
        self.dir.join("seal.p12.password")
    }
    pub fn p12_password(&self) -> &str {
        &self.p12_password
    }
    pub fn tsa_cert_der(&self) -> Vec<u8> {
        self.tsa.to_der().unwrap_or_default()
    }
    pub fn tsa_key(&self) -> &PKey<Private> {
        &self.tsa_key
    }
    /// The seal as a ready [`Pkcs12Signer`](crate::signer::Pkcs12Signer) (key loaded once;
    /// keep it for every filing rather than reopening the PKCS#12 file).
    pub fn seal_signer(&self) -> Result<crate::signer::Pkcs12Signer, Error> {
        crate::signer::Pkcs12Signer::from_pkcs12_der(&read(&self.p12_path())?, &self.p12_password)
    }
    /// A ready in-process timestamp authority with the TSA certificate and the root.
    pub fn timestamp_authority(&self) -> Result<TimestampAuthority, Error> {
        TimestampAuthority::new(
            &self.tsa_cert_der(),
            self.tsa_key.clone(),
            &[self.root_der()],
        )
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Root,
    Seal,
    Tsa,
}

fn rsa_key() -> Result<PKey<Private>, Error> {
    PKey::from_rsa(Rsa::generate(2048).map_err(pki_err)?).map_err(pki_err)
}

fn name(parts: &[(&str, &str)]) -> Result<X509Name, Error> {
    let mut b = X509Name::builder().map_err(pki_err)?;
    for (k, v) in parts {
        b.append_entry_by_text(k, v).map_err(pki_err)?;
    }
    Ok(b.build())
}

fn build_cert(
    subject: &X509Name,
    key: &PKey<Private>,
    issuer: &X509Name,
    issuer_key: &PKey<Private>,
    issuer_cert: Option<&X509>,
    days: u32,
    kind: Kind,
) -> Result<X509, Error> {
    let mut b = X509::builder().map_err(pki_err)?;
    b.set_version(2).map_err(pki_err)?;
    let mut serial = BigNum::new().map_err(pki_err)?;
    serial
        .rand(127, MsbOption::MAYBE_ZERO, false)
        .map_err(pki_err)?;
    let serial = Asn1Integer::from_bn(&serial).map_err(pki_err)?;
    b.set_serial_number(&serial).map_err(pki_err)?;
    b.set_subject_name(subject).map_err(pki_err)?;
    b.set_issuer_name(issuer).map_err(pki_err)?;
    b.set_pubkey(key).map_err(pki_err)?;
    // Backdated a day so that a freshly made PKI is valid on machines with a skewed clock.
    let not_before = Asn1Time::from_unix(now_unix() - 86_400).map_err(pki_err)?;
    b.set_not_before(&not_before).map_err(pki_err)?;
    let not_after = Asn1Time::days_from_now(days).map_err(pki_err)?;
    b.set_not_after(&not_after).map_err(pki_err)?;
    match kind {
        Kind::Root => {
            b.append_extension(
                BasicConstraints::new()
                    .critical()
                    .ca()
                    .build()
                    .map_err(pki_err)?,
            )
            .map_err(pki_err)?;
            b.append_extension(
                KeyUsage::new()
                    .critical()
                    .key_cert_sign()
                    .crl_sign()
                    .build()
                    .map_err(pki_err)?,
            )
            .map_err(pki_err)?;
        }
        Kind::Seal => {
            b.append_extension(
                BasicConstraints::new()
                    .critical()
                    .build()
                    .map_err(pki_err)?,
            )
            .map_err(pki_err)?;
            b.append_extension(
                KeyUsage::new()
                    .critical()
                    .non_repudiation()
                    .digital_signature()
                    .build()
                    .map_err(pki_err)?,
            )
            .map_err(pki_err)?;
        }
        Kind::Tsa => {
            b.append_extension(
                BasicConstraints::new()
                    .critical()
                    .build()
                    .map_err(pki_err)?,
            )
            .map_err(pki_err)?;
            b.append_extension(
                KeyUsage::new()
                    .critical()
                    .digital_signature()
                    .build()
                    .map_err(pki_err)?,
            )
            .map_err(pki_err)?;
            b.append_extension(
                ExtendedKeyUsage::new()
                    .critical()
                    .time_stamping()
                    .build()
                    .map_err(pki_err)?,
            )
            .map_err(pki_err)?;
        }
    }
    let ski =
        SubjectKeyIdentifier::new().build(&b.x509v3_context(issuer_cert.map(|c| c.as_ref()), None));
    b.append_extension(ski.map_err(pki_err)?).map_err(pki_err)?;
    if let Some(ic) = issuer_cert {
        let aki = AuthorityKeyIdentifier::new()
            .keyid(true)
            .build(&b.x509v3_context(Some(ic), None));
        b.append_extension(aki.map_err(pki_err)?).map_err(pki_err)?;
    }
    b.sign(issuer_key, MessageDigest::sha256())
        .map_err(pki_err)?;
    Ok(b.build())
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(io_err(path))
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Writes atomically (temp file + rename); private files get mode 0600.
fn write(dir: &Path, name: &str, data: &[u8], private: bool) -> Result<(), Error> {
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    fs::write(&tmp, data).map_err(io_err(&tmp))?;
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600)).map_err(io_err(&tmp))?;
    }
    #[cfg(not(unix))]
    let _ = private;
    fs::rename(&tmp, dir.join(name)).map_err(io_err(&tmp))?;
    Ok(())
}

/// Serialises creation between processes (tests and `make run` may start together):
/// a lock directory, taken with `mkdir`, stale after two minutes.
struct DirLock(PathBuf);

impl DirLock {
    fn acquire(dir: &Path) -> Result<DirLock, Error> {
        let path = dir.join(".devpki.lock");
        let start = Instant::now();
        loop {
            match fs::create_dir(&path) {
                Ok(()) => return Ok(DirLock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .map(|t| t.elapsed().unwrap_or_default() > Duration::from_secs(120))
                        .unwrap_or(false);
                    if stale {
                        let _ = fs::remove_dir(&path);
                    } else if start.elapsed() > Duration::from_secs(180) {
                        return Err(Error::Key(format!("{} stays locked", path.display())));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(io_err(&path)(e)),
            }
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.0);
    }
}
