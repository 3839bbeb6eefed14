//! Test fixtures built in code: a PKI (root, intermediate, signer, TSA, CRLs) and PDFs of
//! several shapes (classic xref table, xref stream with object streams, several pages).
#![allow(dead_code)]

pub mod pdfs;

use openssl::asn1::{Asn1Integer, Asn1Time};
use openssl::bn::BigNum;
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkcs12::Pkcs12;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::x509::extension::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectKeyIdentifier,
};
use openssl::x509::{X509Name, X509};
use sijill_signing::revocation::{RevocationData, RevocationSource};
use std::sync::atomic::{AtomicU32, Ordering};

static SERIAL: AtomicU32 = AtomicU32::new(1000);

pub fn rsa(bits: u32) -> PKey<Private> {
    PKey::from_rsa(Rsa::generate(bits).unwrap()).unwrap()
}

pub fn ec(nid: Nid) -> PKey<Private> {
    PKey::from_ec_key(EcKey::generate(&EcGroup::from_curve_name(nid).unwrap()).unwrap()).unwrap()
}

pub enum Role {
    Ca,
    Signer,
    Tsa,
}

pub fn cert(
    cn: &str,
    key: &PKey<Private>,
    issuer: Option<(&X509, &PKey<Private>)>,
    role: Role,
) -> X509 {
    let mut name = X509Name::builder().unwrap();
    name.append_entry_by_text("C", "MA").unwrap();
    name.append_entry_by_text("O", "Sijill Test").unwrap();
    name.append_entry_by_text("CN", cn).unwrap();
    let name = name.build();
    let mut b = X509::builder().unwrap();
    b.set_version(2).unwrap();
    let serial = BigNum::from_u32(SERIAL.fetch_add(1, Ordering::SeqCst)).unwrap();
    b.set_serial_number(&Asn1Integer::from_bn(&serial).unwrap())
        .unwrap();
    b.set_subject_name(&name).unwrap();
    b.set_issuer_name(issuer.map(|i| i.0.subject_name()).unwrap_or(&name))
        .unwrap();
    b.set_pubkey(key).unwrap();
    b.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    b.set_not_after(&Asn1Time::days_from_now(365).unwrap())
        .unwrap();
    let ski = SubjectKeyIdentifier::new()
        .build(&b.x509v3_context(issuer.map(|i| &**i.0), None))
        .unwrap();
    b.append_extension(ski).unwrap();
    match role {
        Role::Ca => {
            b.append_extension(BasicConstraints::new().critical().ca().build().unwrap())
                .unwrap();
            b.append_extension(
                KeyUsage::new()
                    .critical()
                    .key_cert_sign()
                    .crl_sign()
                    .build()
                    .unwrap(),
            )
            .unwrap();
        }
        Role::Signer => {
            b.append_extension(
                KeyUsage::new()
                    .critical()
                    .digital_signature()
                    .non_repudiation()
                    .build()
                    .unwrap(),
            )
            .unwrap();
        }
        Role::Tsa => {
            b.append_extension(
                KeyUsage::new()
                    .critical()
                    .digital_signature()
                    .build()
                    .unwrap(),
            )
            .unwrap();
            b.append_extension(
                ExtendedKeyUsage::new()
                    .critical()
                    .time_stamping()
                    .build()
                    .unwrap(),
            )
            .unwrap();
        }
    }
    let signing_key = issuer.map(|i| i.1).unwrap_or(key);
    b.sign(signing_key, MessageDigest::sha256()).unwrap();
    b.build()
}

/// Root → intermediate → signer (and a TSA under the root).
pub struct Pki {
    pub root: X509,
    pub root_key: PKey<Private>,
    pub inter: X509,
    pub inter_key: PKey<Private>,
    pub signer: X509,
    pub signer_key: PKey<Private>,
    pub tsa: X509,
    pub tsa_key: PKey<Private>,
}

impl Pki {
    pub fn new(signer_key: PKey<Private>) -> Pki {
        let root_key = rsa(2048);
        let root = cert("Test Root", &root_key, None, Role::Ca);
        let inter_key = rsa(2048);
        let inter = cert(
            "Test Intermediate",
            &inter_key,
            Some((&root, &root_key)),
            Role::Ca,
        );
        let signer = cert(
            "Amina Signer",
            &signer_key,
            Some((&inter, &inter_key)),
            Role::Signer,
        );
        let tsa_key = rsa(2048);
        let tsa = cert("Test TSA", &tsa_key, Some((&root, &root_key)), Role::Tsa);
        Pki {
            root,
            root_key,
            inter,
            inter_key,
            signer,
            signer_key,
            tsa,
            tsa_key,
        }
    }

    pub fn p12(&self, password: &str) -> Vec<u8> {
        let mut ca = openssl::stack::Stack::new().unwrap();
        ca.push(self.inter.clone()).unwrap();
        ca.push(self.root.clone()).unwrap();
        Pkcs12::builder()
            .name("signer")
            .pkey(&self.signer_key)
            .cert(&self.signer)
            .ca(ca)
            .build2(password)
            .unwrap()
            .to_der()
            .unwrap()
    }

    pub fn root_der(&self) -> Vec<u8> {
        self.root.to_der().unwrap()
    }

    pub fn tsa_source(&self) -> sijill_signing::tsa::TimestampAuthority {
        sijill_signing::tsa::TimestampAuthority::new(
            &self.tsa.to_der().unwrap(),
            self.tsa_key.clone(),
            &[self.root.to_der().unwrap()],
        )
        .unwrap()
    }

    /// Writes root.pem, signer.p12 and its password file into `dir` (for manual checks).
    pub fn write_files(&self, dir: &std::path::Path) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("root.pem"), self.root.to_pem().unwrap()).unwrap();
        std::fs::write(dir.join("signer.p12"), self.p12("secret")).unwrap();
        std::fs::write(dir.join("password"), "secret\n").unwrap();
    }
}

/// CRLs signed by each issuer: a real (hand-encoded) revocation source.
pub struct CrlSource {
    pub issuers: Vec<(X509, PKey<Private>)>,
    /// Serial numbers (DER INTEGER content) to list as revoked.
    pub revoked: Vec<Vec<u8>>,
}

fn der_tlv(tag: u8, c: &[u8]) -> Vec<u8> {
    let mut o = vec![tag];
    let n = c.len();
    if n < 128 {
        o.push(n as u8);
    } else if n < 256 {
        o.extend([0x81, n as u8]);
    } else {
        o.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    o.extend_from_slice(c);
    o
}

impl CrlSource {
    pub fn crl(&self, issuer: &X509, key: &PKey<Private>) -> Vec<u8> {
        let alg = der_tlv(
            0x30,
            &[
                &[
                    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
                ][..],
                &[0x05, 0x00],
            ]
            .concat(),
        );
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let t = |s: i64| {
            let a = Asn1Time::from_unix(s).unwrap();
            // Asn1Time prints "Nov 25 12:00:00 2026 GMT"; encode our own UTCTime instead.
            let _ = a;
            let (y, mo, d, h, mi, se) = sijill_signing::pdf::civil(s);
            der_tlv(
                0x17,
                format!("{:02}{mo:02}{d:02}{h:02}{mi:02}{se:02}Z", y % 100).as_bytes(),
            )
        };
        let mut revoked = Vec::new();
        for s in &self.revoked {
            revoked.extend(der_tlv(0x30, &[der_tlv(0x02, s), t(now - 3600)].concat()));
        }
        let mut tbs = vec![0x02, 0x01, 0x01];
        tbs.extend(&alg);
        tbs.extend(issuer.subject_name().to_der().unwrap());
        tbs.extend(t(now - 60));
        tbs.extend(t(now + 7 * 86400));
        if !revoked.is_empty() {
            tbs.extend(der_tlv(0x30, &revoked));
        }
        let tbs = der_tlv(0x30, &tbs);
        let mut s = openssl::sign::Signer::new(MessageDigest::sha256(), key).unwrap();
        let sig = s.sign_oneshot_to_vec(&tbs).unwrap();
        let mut bits = vec![0];
        bits.extend(sig);
        der_tlv(0x30, &[tbs, alg, der_tlv(0x03, &bits)].concat())
    }
}

impl RevocationSource for CrlSource {
    fn fetch(&self, _cert: &[u8], issuer: &[u8]) -> Result<RevocationData, sijill_signing::Error> {
        let issuer = X509::from_der(issuer).unwrap();
        for (c, k) in &self.issuers {
            if c.to_der().unwrap() == issuer.to_der().unwrap() {
                return Ok(RevocationData {
                    ocsp_responses: vec![],
                    crls: vec![self.crl(c, k)],
                });
            }
        }
        Err(sijill_signing::Error::Revocation("unknown issuer".into()))
    }
}
