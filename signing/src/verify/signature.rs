//! Checks of one signature: the CMS (digest, PAdES attributes, signer certificate,
//! signature value, chain, signature timestamp, revocation) or a document timestamp.

use super::checks::{self, RevStatus, TokenCheck};
use super::{ranges_digest, Dss, SignatureReport, VerifyOptions};
use crate::cades::parse::SignedData;
use crate::cades::{digest, oids};
use crate::pdf::dss::build_chain;
use crate::pdf::revisions::FoundSignature;
use crate::revocation::RevocationSource;
use openssl::x509::store::X509Store;
use openssl::x509::X509;
use std::sync::Arc;

pub(super) fn describe_cert(cert: &X509, r: &mut SignatureReport) {
    r.signer_subject = Some(checks::name_text(cert.subject_name()));
    r.signer_issuer = Some(checks::name_text(cert.issuer_name()));
    r.signer_serial = cert
        .serial_number()
        .to_bn()
        .ok()
        .and_then(|b| b.to_hex_str().ok())
        .map(|s| s.to_string());
    r.not_before = Some(cert.not_before().to_string());
    r.not_after = Some(cert.not_after().to_string());
    r.key_usage = cert
        .to_der()
        .map(|d| checks::key_usage(&d))
        .unwrap_or_default();
    r.key_usage_ok = r.key_usage.is_empty()
        || r.key_usage
            .iter()
            .any(|k| k == "digitalSignature" || k == "nonRepudiation");
}

pub(super) fn verify_doc_timestamp(
    input: &[u8],
    f: &FoundSignature,
    store: &X509Store,
    pool: &[X509],
    r: &mut SignatureReport,
) {
    if !r.byte_range_ok {
        return;
    }
    let tc: TokenCheck = checks::check_token(
        &f.contents,
        |alg| ranges_digest(input, &f.byte_range, alg),
        store,
        pool,
    );
    if let Ok(sd) = SignedData::parse(&f.contents) {
        if let Some(c) = sd
            .signers
            .first()
            .and_then(|s| sd.signer_cert(s))
            .and_then(|c| X509::from_der(c).ok())
        {
            describe_cert(&c, r);
        }
    }
    r.timestamp_time = tc.time.clone();
    r.integrity_ok = tc.imprint_ok;
    r.signature_ok = tc.signature_ok;
    r.chain_trusted = tc.trusted;
    r.timestamp_ok = Some(tc.imprint_ok && tc.signature_ok && tc.trusted);
    r.attributes_ok = true;
    r.problems.extend(tc.problems);
}

pub(super) fn verify_cms(
    input: &[u8],
    f: &FoundSignature,
    store: &X509Store,
    dss: &Dss,
    dss_x509: &[X509],
    opts: &VerifyOptions,
    r: &mut SignatureReport,
) {
    let sd = match SignedData::parse(&f.contents) {
        Ok(sd) => sd,
        Err(e) => {
            r.problems
                .push(format!("the signature's CMS cannot be read: {e}"));
            return;
        }
    };
    let Some(si) = sd.signers.first() else {
        r.problems.push("the CMS has no signer".into());
        return;
    };
    if sd.signers.len() > 1 {
        r.problems.push("the CMS has more than one signer".into());
    }
    let Some(alg) = si.digest else {
        r.problems.push("unsupported digest algorithm".into());
        return;
    };
    r.digest_algorithm = Some(alg.name().into());
    // Integrity.
    if r.byte_range_ok {
        let d = ranges_digest(input, &f.byte_range, alg);
        r.integrity_ok = si.message_digest() == Some(d.as_slice());
        if !r.integrity_ok {
            r.problems
                .push("the document was altered: its digest does not match the signed one".into());
        }
    }
    // PAdES attribute profile.
    let mut attr_problems = Vec::new();
    if si.signed_attr(oids::CONTENT_TYPE).is_none() {
        attr_problems.push("no content-type signed attribute");
    }
    if si.message_digest().is_none() {
        attr_problems.push("no message-digest signed attribute");
    }
    if si.signed_attr(oids::SIGNING_CERT_V2).is_none()
        && si.signed_attr(oids::SIGNING_CERT_V1).is_none()
    {
        attr_problems.push("no signing-certificate(-v2) signed attribute");
    }
    if si.signed_attr(oids::SIGNING_TIME).is_some() {
        attr_problems
            .push("a signing-time signed attribute is present (PAdES puts the time in /M)");
    }
    if f.sub_filter != "ETSI.CAdES.detached" {
        attr_problems.push("SubFilter is not ETSI.CAdES.detached (not a PAdES baseline signature)");
    }
    r.attributes_ok = attr_problems.is_empty();
    r.notes.extend(
        attr_problems
            .into_iter()
            .map(|p| format!("not PAdES baseline: {p}")),
    );
    // Signer certificate and signature value.
    let Some(cert) = sd.signer_cert(si).and_then(|c| X509::from_der(c).ok()) else {
        r.problems
            .push("the signer's certificate is not in the CMS".into());
        return;
    };
    describe_cert(&cert, r);
    if !r.key_usage_ok {
        r.problems.push("the signer's certificate is not for signing (key usage lacks digitalSignature and nonRepudiation)".into());
    }
    if let (Some(a), Ok(der)) = (si.signed_attr(oids::SIGNING_CERT_V2), cert.to_der()) {
        // The first ESSCertIDv2 must hash the signer certificate.
        let matches =
            a.values
                .first()
                .and_then(|v| v.children().ok())
                .and_then(|c| c.first().copied())
                .and_then(|certs| certs.children().ok())
                .and_then(|ids| ids.first().copied())
                .map(|id| {
                    let parts = id.children().unwrap_or_default();
                    let (alg, hash) =
                        match parts.first().map(|p| p.tag) {
                            Some(0x30) => (
                                parts[0].reader().expect(0x06).ok().and_then(|o| {
                                    crate::DigestAlgorithm::from_oid_content(o.content)
                                }),
                                parts.get(1),
                            ),
                            _ => (Some(crate::DigestAlgorithm::Sha256), parts.first()),
                        };
                    alg.zip(hash)
                        .is_some_and(|(alg, h)| h.content == digest(alg, &der).as_slice())
                })
                .unwrap_or(false);
        if !matches {
            r.notes.push(
                "not PAdES baseline: signing-certificate-v2 does not match the signer certificate"
                    .into(),
            );
            r.attributes_ok = false;
        }
    }
    match checks::signature_value_ok(si, &cert) {
        Ok(true) => r.signature_ok = true,
        Ok(false) => r
            .problems
            .push("the signature value does not verify with the signer's key".into()),
        Err(e) => r
            .problems
            .push(format!("the signature cannot be checked: {e}")),
    }
    // Chain.
    let mut pool: Vec<X509> = sd
        .certs
        .iter()
        .filter_map(|c| X509::from_der(c).ok())
        .collect();
    pool.extend(dss_x509.iter().cloned());
    match checks::chain_ok(store, &cert, &pool) {
        Ok(Ok(())) => r.chain_trusted = true,
        Ok(Err(e)) => r
            .problems
            .push(format!("the signer's certificate is not trusted: {e}")),
        Err(e) => r.problems.push(format!("the chain cannot be checked: {e}")),
    }
    // Signature timestamp.
    if let Some(tok) = si
        .unsigned_attr(oids::TIMESTAMP_TOKEN)
        .and_then(|a| a.values.first())
    {
        let tc = checks::check_token(tok.raw, |a| digest(a, si.signature), store, &pool);
        r.timestamp_time = tc.time.clone();
        r.timestamp_ok = Some(tc.imprint_ok && tc.signature_ok && tc.trusted);
        r.problems.extend(tc.problems);
    }
    // Revocation of every certificate below the anchor.
    let mut der_pool: Vec<Vec<u8>> = sd.certs.iter().map(|c| c.to_vec()).collect();
    der_pool.extend(dss.certs.iter().cloned());
    let chain = build_chain(sd.signer_cert(si).unwrap_or_default(), &der_pool);
    r.revocation = revocation(&chain, dss, store, &pool, opts);
    if r.revocation.starts_with("revoked") {
        r.problems
            .push("a certificate of the chain is revoked".into());
    }
}

fn revocation(
    chain: &[Vec<u8>],
    dss: &Dss,
    store: &X509Store,
    pool: &[X509],
    opts: &VerifyOptions,
) -> String {
    let pairs: Vec<(X509, X509)> = chain
        .windows(2)
        .filter_map(|w| Some((X509::from_der(&w[0]).ok()?, X509::from_der(&w[1]).ok()?)))
        .collect();
    if pairs.is_empty() {
        return "not checked (no issuer certificate)".into();
    }
    let mut from_dss = true;
    let mut all_good = true;
    // Online without a given source: fetch from the certificates' AIA / CRL distribution points.
    let online_src: Option<Arc<dyn RevocationSource>> = match (&opts.revocation, opts.online) {
        (Some(s), _) => Some(s.clone()),
        (None, true) => Some(Arc::new(crate::revocation::OnlineRevocation::new())),
        (None, false) => None,
    };
    for (cert, issuer) in &pairs {
        let mut st = checks::revocation_status(cert, issuer, &dss.ocsps, &dss.crls, store, pool);
        if st == RevStatus::Unknown && opts.online {
            if let Some(src) = &online_src {
                if let (Ok(c), Ok(i)) = (cert.to_der(), issuer.to_der()) {
                    match src.fetch(&c, &i) {
                        Ok(d) => {
                            st = checks::revocation_status(
                                cert,
                                issuer,
                                &d.ocsp_responses,
                                &d.crls,
                                store,
                                pool,
                            );
                            from_dss = false;
                        }
                        Err(e) => return format!("unknown (online check failed: {e})"),
                    }
                }
            }
        }
        match st {
            RevStatus::Revoked => {
                return format!("revoked ({})", checks::name_text(cert.subject_name()))
            }
            RevStatus::Unknown => all_good = false,
            RevStatus::Good => {}
        }
    }
    match (all_good, from_dss) {
        (true, true) => "good (from the DSS)".into(),
        (true, false) => "good (checked online)".into(),
        (false, _) if dss.ocsps.is_empty() && dss.crls.is_empty() && !opts.online => {
            "not checked (no revocation data in the file)".into()
        }
        (false, _) => "unknown (no usable OCSP response or CRL)".into(),
    }
}
