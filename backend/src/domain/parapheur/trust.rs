//! Where the parapheur's signatures get their timestamps and revocation data.
//!
//! Development (and tests): the development PKI's in-process timestamp authority, and a
//! revocation source that issues a fresh, empty CRL signed by the development root, so
//! B-LT and B-LTA work offline for certificates issued by that root. Production: the
//! configured timestamp service (`pki.tsa_url`) and the certificates' own OCSP / CRL
//! services.

use std::sync::Arc;

use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::x509::X509;
use sijill_signing::revocation::{OnlineRevocation, RevocationData, RevocationSource};
use sijill_signing::tsa::{HttpTsaClient, TimestampSource};

use crate::config::Config;
use crate::error::{Error, Result};

pub struct SigningTrust {
    pub tsa: Arc<dyn TimestampSource>,
    pub revocation: Arc<dyn RevocationSource>,
    /// DER of the roots signatures are checked against (development: the dev root).
    pub trust_anchors: Vec<Vec<u8>>,
}

impl SigningTrust {
    pub async fn load(config: &Config) -> Result<SigningTrust> {
        if !config.is_dev() {
            return Ok(SigningTrust {
                tsa: Arc::new(HttpTsaClient::new(config.pki.tsa_url.clone())),
                revocation: Arc::new(OnlineRevocation::new()),
                trust_anchors: read_anchors(&config.pki.trust_anchors)?,
            });
        }
        let dir = config.pki.dir.clone();
        tokio::task::spawn_blocking(move || -> std::result::Result<SigningTrust, sijill_signing::Error> {
            let pki = sijill_signing::devpki::DevPki::load_or_create(&dir, "Administration de démonstration")?;
            let tsa = pki.timestamp_authority()?;
            let crl = DevCrl { root: pki.root().clone(), key: pki.root_key().clone() };
            Ok(SigningTrust { tsa: Arc::new(tsa), revocation: Arc::new(crl), trust_anchors: vec![pki.root_der()] })
        })
        .await
        .map_err(Error::internal)?
        .map_err(|e| Error::internal(format!("development PKI under pki.dir: {e}")))
    }
}

impl SigningTrust {
    /// Does `cert` (DER, with the intermediates `chain` offers) chain to one of the trust
    /// anchors? Only such a key may sign an administration's answer; without anchors,
    /// none does.
    pub fn chains_to_anchors(&self, cert: &[u8], chain: &[Vec<u8>]) -> bool {
        use sijill_signing::verify::checks::{chain_ok, trust_store};
        if self.trust_anchors.is_empty() {
            return false;
        }
        let Ok(store) = trust_store(&self.trust_anchors) else { return false };
        let Ok(cert) = X509::from_der(cert) else { return false };
        let pool: Vec<X509> = chain.iter().filter_map(|c| X509::from_der(c).ok()).collect();
        matches!(chain_ok(&store, &cert, &pool), Ok(Ok(())))
    }
}

/// The DER of each `pki.trust_anchors` file (PEM or DER).
fn read_anchors(paths: &[std::path::PathBuf]) -> Result<Vec<Vec<u8>>> {
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).map_err(|e| Error::internal(format!("pki.trust_anchors: cannot read {}: {e}", p.display())))?;
            match X509::from_pem(&bytes) {
                Ok(c) => c.to_der().map_err(Error::internal),
                Err(_) => Ok(bytes),
            }
        })
        .collect()
}

/// Issues an empty CRL (nothing revoked, valid a week) for certificates of the dev root.
struct DevCrl {
    root: X509,
    key: PKey<Private>,
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

fn utc_time(unix: i64) -> Vec<u8> {
    let (y, mo, d, h, mi, s) = sijill_signing::pdf::civil(unix);
    der_tlv(0x17, format!("{:02}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z", y % 100).as_bytes())
}

impl DevCrl {
    fn crl(&self) -> std::result::Result<Vec<u8>, sijill_signing::Error> {
        let err = |e: openssl::error::ErrorStack| sijill_signing::Error::Revocation(e.to_string());
        // sha256WithRSAEncryption, NULL parameters.
        let alg = der_tlv(0x30, &[&[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b][..], &[0x05, 0x00]].concat());
        let now = chrono::Utc::now().timestamp();
        let mut tbs = vec![0x02, 0x01, 0x01]; // version v2
        tbs.extend(&alg);
        tbs.extend(self.root.subject_name().to_der().map_err(err)?);
        tbs.extend(utc_time(now - 60));
        tbs.extend(utc_time(now + 7 * 86_400));
        let tbs = der_tlv(0x30, &tbs);
        let mut s = openssl::sign::Signer::new(MessageDigest::sha256(), &self.key).map_err(err)?;
        let sig = s.sign_oneshot_to_vec(&tbs).map_err(err)?;
        let mut bits = vec![0];
        bits.extend(sig);
        Ok(der_tlv(0x30, &[tbs, alg, der_tlv(0x03, &bits)].concat()))
    }
}

impl RevocationSource for DevCrl {
    fn fetch(&self, _cert: &[u8], issuer: &[u8]) -> std::result::Result<RevocationData, sijill_signing::Error> {
        let root = self.root.to_der().map_err(|e| sijill_signing::Error::Revocation(e.to_string()))?;
        if issuer != root.as_slice() {
            return Err(sijill_signing::Error::Revocation("not issued by the development root".into()));
        }
        Ok(RevocationData { ocsp_responses: vec![], crls: vec![self.crl()?] })
    }
}
