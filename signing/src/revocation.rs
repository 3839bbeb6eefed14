//! Revocation material for B-LT: OCSP responses and CRLs fetched from the certificates'
//! AIA and CRL distribution points over HTTP, or given by the caller.
//!
//! The checking helpers ([`check_ocsp`], [`check_crl`]) are shared with verification, so
//! that what we embed in a DSS is judged by the same rules as what we find in one.

use std::time::Duration;

use openssl::hash::MessageDigest;
use openssl::ocsp::{
    OcspCertId, OcspCertStatus, OcspFlag, OcspRequest, OcspResponse, OcspResponseStatus,
};
use openssl::stack::Stack;
use openssl::x509::store::X509StoreBuilder;
use openssl::x509::verify::X509VerifyFlags;
use openssl::x509::{CrlStatus, X509Crl, X509};

use crate::tsa::{http_agent, read_body};
use crate::Error;

/// Revocation data gathered for a chain, all DER.
#[derive(Clone, Debug, Default)]
pub struct RevocationData {
    pub ocsp_responses: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
}

/// Where revocation data comes from (online fetcher, or fixed data from the caller).
pub trait RevocationSource: Send + Sync {
    /// Revocation data for `cert` (DER) issued by `issuer` (DER).
    fn fetch(&self, cert: &[u8], issuer: &[u8]) -> Result<RevocationData, Error>;
}

/// What an OCSP response or CRL says about one certificate.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CertStatus {
    Good,
    /// `time` as printed by OpenSSL (e.g. `Nov 25 12:00:00 2026 GMT`).
    Revoked {
        time: String,
        reason: Option<i32>,
    },
    Unknown,
}

/// The outcome of [`check_ocsp`] or [`check_crl`]: the status and the validity window of
/// the evidence (`this_update` … `next_update`), as OpenSSL prints times.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RevocationInfo {
    pub status: CertStatus,
    pub this_update: String,
    pub next_update: Option<String>,
}

fn rev_err(e: impl std::fmt::Display) -> Error {
    Error::Revocation(e.to_string())
}

fn x509(der: &[u8], what: &str) -> Result<X509, Error> {
    X509::from_der(der)
        .map_err(|e| Error::Revocation(format!("unreadable {what} certificate: {e}")))
}

fn subject(cert: &X509) -> String {
    cert.subject_name()
        .entries()
        .map(|e| {
            format!(
                "{}={}",
                e.object().nid().short_name().unwrap_or("?"),
                String::from_utf8_lossy(e.data().as_slice())
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks an OCSP response (DER `OCSPResponse`) about `cert` issued by `issuer`.
///
/// Verifies that the response is `successful`, that it is signed by the issuer or by a
/// responder the issuer delegated (EKU OCSPSigning), and returns the status it gives for
/// `cert`. Freshness against a signing time is left to the caller (`this_update`).
pub fn check_ocsp(
    resp_der: &[u8],
    cert_der: &[u8],
    issuer_der: &[u8],
) -> Result<RevocationInfo, Error> {
    let cert = x509(cert_der, "subject")?;
    let issuer = x509(issuer_der, "issuer")?;
    let resp = OcspResponse::from_der(resp_der)
        .map_err(|e| Error::Revocation(format!("unreadable OCSP response: {e}")))?;
    if resp.status() != OcspResponseStatus::SUCCESSFUL {
        return Err(Error::Revocation(format!(
            "OCSP responder answered status {}",
            resp.status().as_raw()
        )));
    }
    let basic = resp
        .basic()
        .map_err(|e| Error::Revocation(format!("OCSP response is not basic: {e}")))?;
    // The issuer is the trust anchor here: the responder is the CA itself or a delegate
    // it certified. PARTIAL_CHAIN lets an intermediate CA anchor the check.
    let mut store = X509StoreBuilder::new().map_err(rev_err)?;
    store.add_cert(issuer.clone()).map_err(rev_err)?;
    store
        .set_flags(X509VerifyFlags::PARTIAL_CHAIN)
        .map_err(rev_err)?;
    let store = store.build();
    let mut certs = Stack::new().map_err(rev_err)?;
    certs.push(issuer.clone()).map_err(rev_err)?;
    basic
        .verify(&certs, &store, OcspFlag::empty())
        .map_err(|e| {
            Error::Revocation(format!(
                "OCSP response signature or responder not valid: {e}"
            ))
        })?;
    for md in [MessageDigest::sha1(), MessageDigest::sha256()] {
        let id = OcspCertId::from_cert(md, &cert, &issuer).map_err(rev_err)?;
        if let Some(st) = basic.find_status(&id) {
            let status = match st.status {
                OcspCertStatus::GOOD => CertStatus::Good,
                OcspCertStatus::REVOKED => CertStatus::Revoked {
                    time: st
                        .revocation_time
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    reason: Some(st.reason.as_raw()).filter(|r| *r >= 0),
                },
                _ => CertStatus::Unknown,
            };
            return Ok(RevocationInfo {
                status,
                this_update: st.this_update.to_string(),
                next_update: st.next_update().map(|t| t.to_string()),
            });
        }
    }
    Err(Error::Revocation(format!(
        "OCSP response does not mention {}",
        subject(&cert)
    )))
}

/// Checks a CRL (DER or PEM) about `cert` issued by `issuer`: the CRL must be issued and
/// signed by `issuer`; returns whether `cert` is on it.
pub fn check_crl(
    crl_data: &[u8],
    cert_der: &[u8],
    issuer_der: &[u8],
) -> Result<RevocationInfo, Error> {
    let cert = x509(cert_der, "subject")?;
    let issuer = x509(issuer_der, "issuer")?;
    let crl = X509Crl::from_der(crl_data)
        .or_else(|_| X509Crl::from_pem(crl_data))
        .map_err(|e| Error::Revocation(format!("unreadable CRL: {e}")))?;
    let same_issuer = crl
        .issuer_name()
        .try_cmp(issuer.subject_name())
        .map(|o| o.is_eq())
        .unwrap_or(false);
    if !same_issuer {
        return Err(Error::Revocation(format!(
            "CRL is not issued by {}",
            subject(&issuer)
        )));
    }
    let key = issuer.public_key().map_err(rev_err)?;
    if !crl.verify(&key).map_err(rev_err)? {
        return Err(Error::Revocation(format!(
            "CRL signature does not verify with {}'s key",
            subject(&issuer)
        )));
    }
    let status = match crl.get_by_cert(&cert) {
        CrlStatus::NotRevoked => CertStatus::Good,
        CrlStatus::Revoked(entry) => CertStatus::Revoked {
            time: entry.revocation_date().to_string(),
            reason: None,
        },
        CrlStatus::RemoveFromCrl(_) => CertStatus::Good,
    };
    Ok(RevocationInfo {
        status,
        this_update: crl.last_update().to_string(),
        next_update: crl.next_update().map(|t| t.to_string()),
    })
}

/// The OCSP responder URLs in a certificate's Authority Information Access.
pub fn ocsp_urls(cert_der: &[u8]) -> Result<Vec<String>, Error> {
    let cert = x509(cert_der, "subject")?;
    Ok(cert
        .ocsp_responders()
        .map(|s| s.iter().map(|u| u.to_string()).collect())
        .unwrap_or_default())
}

/// The http(s) URLs in a certificate's CRL distribution points.
pub fn crl_urls(cert_der: &[u8]) -> Result<Vec<String>, Error> {
    let cert = x509(cert_der, "subject")?;
    let mut urls = Vec::new();
    for dp in cert.crl_distribution_points().iter().flat_map(|s| s.iter()) {
        for name in dp
            .distpoint()
            .and_then(|n| n.fullname())
            .iter()
            .flat_map(|s| s.iter())
        {
            if let Some(uri) = name.uri().filter(|u| u.starts_with("http")) {
                urls.push(uri.to_string());
            }
        }
    }
    Ok(urls)
}

/// Fetches revocation data over HTTP: OCSP first (AIA), then CRLs (distribution points)
/// if OCSP gave nothing usable, or always when `with_crls` is set.
///
/// Every answer is checked with [`check_ocsp`] / [`check_crl`] before it is returned, so
/// a B-LT signature never embeds evidence that does not verify. A revoked status is an
/// error: signing with a revoked certificate must stop.
pub struct OnlineRevocation {
    agent: ureq::Agent,
    with_crls: bool,
}

impl Default for OnlineRevocation {
    fn default() -> Self {
        Self::new()
    }
}

impl OnlineRevocation {
    pub fn new() -> Self {
        OnlineRevocation {
            agent: http_agent(Duration::from_secs(30)),
            with_crls: false,
        }
    }

    /// Also download CRLs when OCSP already answered (bigger DSS, more evidence).
    pub fn with_crls(mut self, yes: bool) -> Self {
        self.with_crls = yes;
        self
    }

    fn ocsp(&self, url: &str, cert: &X509, issuer: &X509) -> Result<Vec<u8>, Error> {
        let mut req = OcspRequest::new().map_err(rev_err)?;
        req.add_id(OcspCertId::from_cert(MessageDigest::sha1(), cert, issuer).map_err(rev_err)?)
            .map_err(rev_err)?;
        let body = req.to_der().map_err(rev_err)?;
        let resp = self
            .agent
            .post(url)
            .set("Content-Type", "application/ocsp-request")
            .send_bytes(&body)
            .map_err(|e| Error::Http(format!("OCSP {url}: {e}")))?;
        read_body(resp, 1 << 20).map_err(|e| Error::Http(format!("OCSP {url}: {e}")))
    }

    fn crl(&self, url: &str) -> Result<Vec<u8>, Error> {
        let resp = self
            .agent
            .get(url)
            .call()
            .map_err(|e| Error::Http(format!("CRL {url}: {e}")))?;
        read_body(resp, 64 << 20).map_err(|e| Error::Http(format!("CRL {url}: {e}")))
    }
}

fn refuse_revoked(info: &RevocationInfo, cert: &X509) -> Result<(), Error> {
    if let CertStatus::Revoked { time, .. } = &info.status {
        return Err(Error::Revocation(format!(
            "certificate {} was revoked on {time}",
            subject(cert)
        )));
    }
    Ok(())
}

impl RevocationSource for OnlineRevocation {
    fn fetch(&self, cert_der: &[u8], issuer_der: &[u8]) -> Result<RevocationData, Error> {
        let cert = x509(cert_der, "subject")?;
        let issuer = x509(issuer_der, "issuer")?;
        let mut data = RevocationData::default();
        let mut problems = Vec::new();
        for url in ocsp_urls(cert_der)? {
            match self
                .ocsp(&url, &cert, &issuer)
                .and_then(|r| check_ocsp(&r, cert_der, issuer_der).map(|i| (r, i)))
            {
                Ok((resp, info)) if info.status != CertStatus::Unknown => {
                    refuse_revoked(&info, &cert)?;
                    data.ocsp_responses.push(resp);
                    break;
                }
                Ok(_) => problems.push(format!("{url}: status unknown")),
                Err(e) => problems.push(e.to_string()),
            }
        }
        if data.ocsp_responses.is_empty() || self.with_crls {
            for url in crl_urls(cert_der)? {
                match self
                    .crl(&url)
                    .and_then(|c| check_crl(&c, cert_der, issuer_der).map(|i| (c, i)))
                {
                    Ok((crl, info)) => {
                        refuse_revoked(&info, &cert)?;
                        // Store DER even when the server sent PEM.
                        let der = X509Crl::from_der(&crl)
                            .or_else(|_| X509Crl::from_pem(&crl))
                            .and_then(|c| c.to_der());
                        data.crls.push(der.map_err(rev_err)?);
                        break;
                    }
                    Err(e) => problems.push(e.to_string()),
                }
            }
        }
        if data.ocsp_responses.is_empty() && data.crls.is_empty() {
            let why = if problems.is_empty() {
                "it names no OCSP responder or CRL".to_string()
            } else {
                problems.join("; ")
            };
            return Err(Error::Revocation(format!(
                "no revocation data for {}: {why}",
                subject(&cert)
            )));
        }
        tracing::debug!(cert = %subject(&cert), ocsp = data.ocsp_responses.len(), crls = data.crls.len(), "revocation data fetched");
        Ok(data)
    }
}

/// Revocation data given by the caller (e.g. fetched earlier, or for offline signing).
/// `fetch` returns the items that verify for the asked certificate.
#[derive(Clone, Debug, Default)]
pub struct StaticRevocation {
    data: RevocationData,
}

impl StaticRevocation {
    pub fn new(data: RevocationData) -> Self {
        StaticRevocation { data }
    }
}

impl RevocationSource for StaticRevocation {
    fn fetch(&self, cert: &[u8], issuer: &[u8]) -> Result<RevocationData, Error> {
        let ocsp_responses: Vec<_> = self
            .data
            .ocsp_responses
            .iter()
            .filter(|r| check_ocsp(r, cert, issuer).is_ok())
            .cloned()
            .collect();
        let crls: Vec<_> = self
            .data
            .crls
            .iter()
            .filter(|c| check_crl(c, cert, issuer).is_ok())
            .cloned()
            .collect();
        if ocsp_responses.is_empty() && crls.is_empty() {
            return Err(Error::Revocation(format!(
                "none of the given OCSP responses or CRLs covers {}",
                subject(&x509(cert, "subject")?)
            )));
        }
        Ok(RevocationData {
            ocsp_responses,
            crls,
        })
    }
}
