//! Cryptographic checks: CMS signature values, certificate chains, RFC 3161 tokens,
//! OCSP responses and CRLs. Everything returns findings instead of failing hard.

use crate::cades::parse::{SignedData, SignerInfo, TstInfo};
use crate::cades::{der, oid_content, oids};
use crate::{DigestAlgorithm, Error};
use openssl::hash::MessageDigest;
use openssl::ocsp::{OcspCertId, OcspCertStatus, OcspFlag, OcspResponse, OcspResponseStatus};
use openssl::rsa::Padding;
use openssl::sign::{RsaPssSaltlen, Verifier};
use openssl::stack::Stack;
use openssl::x509::store::{X509Store, X509StoreBuilder};
use openssl::x509::{X509Crl, X509NameRef, X509StoreContext, X509};

/// "CN=..., O=..." for a name.
pub fn name_text(n: &X509NameRef) -> String {
    n.entries()
        .map(|e| {
            let k = e.object().nid().short_name().unwrap_or("?");
            #[allow(deprecated)]
            let v = e
                .data()
                .as_utf8()
                .map(|s| s.to_string())
                .unwrap_or_else(|_| String::from_utf8_lossy(e.data().as_slice()).into_owned());
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names of the key usage bits set in a certificate.
pub fn key_usage(cert_der: &[u8]) -> Vec<String> {
    const NAMES: [&str; 9] = [
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly",
    ];
    let ku = oid_content(&[2, 5, 29, 15]);
    let find = || -> Result<Vec<String>, Error> {
        let c = der::parse(cert_der)?;
        let tbs = c.reader().expect(0x30)?;
        for t in tbs.children()? {
            if t.tag != 0xa3 {
                continue;
            }
            for ext in t.reader().expect(0x30)?.children()? {
                let mut r = ext.reader();
                if r.expect(0x06)?.content != ku.as_slice() {
                    continue;
                }
                r.optional(0x01)?;
                let val = r.expect(0x04)?;
                let bits = der::parse(val.content)?;
                let b = bits.content.get(1..).unwrap_or_default();
                return Ok((0..9)
                    .filter(|i| {
                        b.get(i / 8)
                            .is_some_and(|byte| byte & (0x80 >> (i % 8)) != 0)
                    })
                    .map(|i| NAMES[i].to_string())
                    .collect());
            }
        }
        Ok(vec![])
    };
    find().unwrap_or_default()
}

/// Verifies a SignerInfo's signature over its signed attributes with `cert`'s key.
pub fn signature_value_ok(si: &SignerInfo<'_>, cert: &X509) -> Result<bool, Error> {
    let data = si
        .signed_attrs_der
        .as_deref()
        .ok_or_else(|| Error::asn1("no signed attributes"))?;
    let key = cert.public_key()?;
    let o = |a: &[u64]| oid_content(a);
    let sig_oid = si.sig_alg_oid.to_vec();
    let md_for = |d: Option<DigestAlgorithm>| d.map(|d| d.md());
    let (md, pss) = if sig_oid == o(oids::RSA_SHA256) || sig_oid == o(oids::ECDSA_SHA256) {
        (Some(MessageDigest::sha256()), false)
    } else if sig_oid == o(oids::RSA_SHA384) || sig_oid == o(oids::ECDSA_SHA384) {
        (Some(MessageDigest::sha384()), false)
    } else if sig_oid == o(oids::RSA_SHA512) || sig_oid == o(oids::ECDSA_SHA512) {
        (Some(MessageDigest::sha512()), false)
    } else if sig_oid == o(oids::RSA_PSS) {
        // Hash from the PSS parameters ([0] hashAlgorithm), defaulting to the digest.
        let h = si
            .sig_alg_params
            .and_then(|p| p.children().ok())
            .and_then(|c| c.into_iter().find(|t| t.tag == 0xa0))
            .and_then(|t| t.reader().expect(0x30).ok())
            .and_then(|a| a.reader().expect(0x06).ok())
            .and_then(|oid| DigestAlgorithm::from_oid_content(oid.content));
        (md_for(h.or(si.digest)), true)
    } else if sig_oid == o(oids::RSA) || sig_oid == o(&[1, 2, 840, 10045, 2, 1]) {
        (md_for(si.digest), false)
    } else {
        return Err(Error::asn1(format!(
            "unsupported signature algorithm {}",
            der::oid_text(&sig_oid)
        )));
    };
    let md = md.ok_or_else(|| Error::asn1("unsupported digest algorithm"))?;
    let mut v = Verifier::new(md, &key)?;
    if pss {
        v.set_rsa_padding(Padding::PKCS1_PSS)?;
        v.set_rsa_pss_saltlen(RsaPssSaltlen::custom(-2))?;
        v.set_rsa_mgf1_md(md)?;
    }
    Ok(v.verify_oneshot(si.signature, data).unwrap_or(false))
}

/// A store of trust anchors.
pub fn trust_store(anchors: &[Vec<u8>]) -> Result<X509Store, Error> {
    let mut b = X509StoreBuilder::new()?;
    for a in anchors {
        let x = X509::from_der(a)
            .map_err(|_| Error::InvalidOption("a trust anchor is not a DER certificate".into()))?;
        b.add_cert(x)?;
    }
    Ok(b.build())
}

/// Validates `cert` up to a trust anchor with `pool` as intermediates. Returns the
/// OpenSSL verdict text when it fails.
pub fn chain_ok(
    store: &X509Store,
    cert: &X509,
    pool: &[X509],
) -> Result<Result<(), String>, Error> {
    let mut st = Stack::new()?;
    for c in pool {
        st.push(c.clone())?;
    }
    let mut ctx = X509StoreContext::new()?;
    let res = ctx.init(store, cert, &st, |c| {
        let ok = c.verify_cert()?;
        Ok(if ok {
            Ok(())
        } else {
            Err(c.error().error_string().to_string())
        })
    })?;
    Ok(res)
}

/// Outcome of checking an RFC 3161 token.
pub struct TokenCheck {
    pub time: Option<String>,
    pub imprint_ok: bool,
    pub signature_ok: bool,
    pub trusted: bool,
    pub problems: Vec<String>,
}

/// Checks a TimeStampToken against the data it should time-stamp.
pub fn check_token(
    token: &[u8],
    data_imprint: impl Fn(DigestAlgorithm) -> Vec<u8>,
    store: &X509Store,
    pool: &[X509],
) -> TokenCheck {
    let mut tc = TokenCheck {
        time: None,
        imprint_ok: false,
        signature_ok: false,
        trusted: false,
        problems: vec![],
    };
    let run = |tc: &mut TokenCheck| -> Result<(), Error> {
        let sd = SignedData::parse(token)?;
        if sd.econtent_type != oid_content(oids::TST_INFO).as_slice() {
            return Err(Error::asn1("the token does not hold a TSTInfo"));
        }
        let econtent = sd
            .econtent
            .ok_or_else(|| Error::asn1("the token has no TSTInfo content"))?;
        let tst = TstInfo::parse(econtent)?;
        tc.time = Some(generalized_to_text(&tst.gen_time));
        let alg = tst
            .imprint_alg
            .ok_or_else(|| Error::asn1("unsupported imprint algorithm"))?;
        tc.imprint_ok = data_imprint(alg) == tst.imprint;
        if !tc.imprint_ok {
            tc.problems
                .push("the timestamp does not match the data it should cover".into());
        }
        let si = sd
            .signers
            .first()
            .ok_or_else(|| Error::asn1("the token has no signer"))?;
        let cert_der = sd
            .signer_cert(si)
            .ok_or_else(|| Error::asn1("the TSA certificate is not in the token"))?;
        let cert = X509::from_der(cert_der)?;
        let md_ok = si.digest.is_some_and(|d| {
            si.message_digest() == Some(crate::cades::digest(d, econtent).as_slice())
        });
        tc.signature_ok = md_ok && signature_value_ok(si, &cert)?;
        if !tc.signature_ok {
            tc.problems
                .push("the timestamp token's signature is invalid".into());
        }
        let mut all: Vec<X509> = sd
            .certs
            .iter()
            .filter_map(|c| X509::from_der(c).ok())
            .collect();
        all.extend(pool.iter().cloned());
        match chain_ok(store, &cert, &all)? {
            Ok(()) => tc.trusted = true,
            Err(e) => tc
                .problems
                .push(format!("the timestamp authority is not trusted: {e}")),
        }
        Ok(())
    };
    if let Err(e) = run(&mut tc) {
        tc.problems.push(format!("unreadable timestamp token: {e}"));
    }
    tc
}

/// "YYYYMMDDHHMMSS[.f]Z" → "YYYY-MM-DD HH:MM:SS UTC".
pub fn generalized_to_text(g: &str) -> String {
    if g.len() >= 14 && g.is_char_boundary(14) && g[..14].bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "{}-{}-{} {}:{}:{} UTC",
            &g[0..4],
            &g[4..6],
            &g[6..8],
            &g[8..10],
            &g[10..12],
            &g[12..14]
        )
    } else {
        g.to_string()
    }
}

/// Revocation status of one certificate from the given OCSP responses and CRLs.
#[derive(Debug, PartialEq)]
pub enum RevStatus {
    Good,
    Revoked,
    Unknown,
}

pub fn revocation_status(
    cert: &X509,
    issuer: &X509,
    ocsps: &[Vec<u8>],
    crls: &[Vec<u8>],
    store: &X509Store,
    pool: &[X509],
) -> RevStatus {
    let mut certs = Stack::new().ok();
    if let Some(st) = certs.as_mut() {
        for c in pool {
            let _ = st.push(c.clone());
        }
    }
    for o in ocsps {
        let Ok(resp) = OcspResponse::from_der(o) else {
            continue;
        };
        if resp.status() != OcspResponseStatus::SUCCESSFUL {
            continue;
        }
        let Ok(basic) = resp.basic() else { continue };
        let verified = match certs.as_ref() {
            Some(st) => basic.verify(st, store, OcspFlag::empty()).is_ok(),
            None => false,
        };
        if !verified {
            continue;
        }
        for md in [MessageDigest::sha1(), MessageDigest::sha256()] {
            let Ok(id) = OcspCertId::from_cert(md, cert, issuer) else {
                continue;
            };
            if let Some(st) = basic.find_status(&id) {
                if st.status == OcspCertStatus::GOOD {
                    return RevStatus::Good;
                }
                if st.status == OcspCertStatus::REVOKED {
                    return RevStatus::Revoked;
                }
            }
        }
    }
    for c in crls {
        let Ok(crl) = X509Crl::from_der(c) else {
            continue;
        };
        let Ok(ikey) = issuer.public_key() else {
            continue;
        };
        if crl.issuer_name().try_cmp(issuer.subject_name()).ok() != Some(std::cmp::Ordering::Equal)
        {
            continue;
        }
        if !crl.verify(&ikey).unwrap_or(false) {
            continue;
        }
        return match crl.get_by_cert(cert) {
            openssl::x509::CrlStatus::NotRevoked => RevStatus::Good,
            _ => RevStatus::Revoked,
        };
    }
    RevStatus::Unknown
}
