//! Verification of every signature and document timestamp in a PDF: byte-range coverage,
//! digest, CMS signature, PAdES attribute profile, chain to the given trust anchors,
//! revocation (DSS or online), timestamps, level reached, and later modifications.

pub mod changes;
pub mod checks;
pub mod report;

pub use report::{Report, SignatureReport};

use crate::cades::parse::SignedData;
use crate::cades::{digest, oids};
use crate::pdf::dss::build_chain;
use crate::pdf::revisions::{find_signatures, revision_ends, FoundSignature};
use crate::pdf::Document;
use crate::revocation::RevocationSource;
use crate::Error;
use checks::{RevStatus, TokenCheck};
use openssl::x509::store::X509Store;
use openssl::x509::X509;
use std::sync::Arc;

/// What to trust and where revocation may come from.
#[derive(Clone, Default)]
pub struct VerifyOptions {
    /// Trust anchors, DER.
    pub trust_anchors: Vec<Vec<u8>>,
    /// Fetch revocation data online when the DSS has none (from `revocation`, or from the
    /// certificates' AIA / CRL distribution points when that is `None`).
    pub online: bool,
    pub revocation: Option<Arc<dyn RevocationSource>>,
}

/// Validation material from the newest DSS.
#[derive(Default)]
struct Dss {
    certs: Vec<Vec<u8>>,
    ocsps: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
}

fn read_dss(doc: &Document<'_>) -> Dss {
    let mut out = Dss::default();
    let Ok(cat) = doc.catalog() else { return out };
    let Some(dss) = cat.get(b"DSS").and_then(|d| doc.resolve_dict(d).ok()) else { return out };
    for (key, list) in [(&b"Certs"[..], &mut out.certs), (b"OCSPs", &mut out.ocsps), (b"CRLs", &mut out.crls)] {
        let Some(arr) = dss.get(key).and_then(|a| doc.resolve(a).ok()) else { continue };
        for item in arr.as_array().cloned().unwrap_or_default() {
            if let Ok(crate::pdf::Obj::Stream(d, raw)) = doc.resolve(&item) {
                if let Ok(data) = crate::pdf::filters::decode_stream(&d, &raw) {
                    list.push(data);
                }
            }
        }
    }
    out
}

fn has_dss(data: &[u8]) -> bool {
    Document::open(data).ok().and_then(|d| d.catalog().ok()).is_some_and(|c| c.get(b"DSS").is_some())
}

/// Verifies every signature of `input`.
pub fn verify_pdf(input: &[u8], opts: &VerifyOptions) -> Result<Report, Error> {
    let doc = Document::open(input)?;
    let store = checks::trust_store(&opts.trust_anchors)?;
    let found = find_signatures(&doc)?;
    let ends = revision_ends(input);
    let dss = read_dss(&doc);
    let dss_x509: Vec<X509> = dss.certs.iter().filter_map(|c| X509::from_der(c).ok()).collect();
    let mut report = Report::default();
    // Valid document timestamps: (the end of the revision they cover, time).
    let mut doc_ts: Vec<(usize, bool)> = Vec::new();
    let mut entries = Vec::new();
    for f in &found {
        let mut r = SignatureReport {
            field_name: f.field_name.clone(),
            sub_filter: f.sub_filter.clone(),
            signing_time: f.m.as_deref().map(pdf_date_text),
            reason: f.reason.clone(),
            revocation: "not checked".into(),
            ..Default::default()
        };
        r.kind = if f.doc_timestamp {
            "document timestamp"
        } else if f.docmdp.is_some() {
            "certification signature"
        } else {
            "signature"
        }
        .into();
        let end = check_byte_range(input, f, &ends, &mut r);
        if f.doc_timestamp {
            verify_doc_timestamp(input, f, &store, &dss_x509, &mut r);
            if let Some(e) = end {
                doc_ts.push((e, r.integrity_ok && r.signature_ok && r.chain_trusted));
            }
        } else {
            verify_cms(input, f, &store, &dss, &dss_x509, opts, &mut r);
        }
        if let Some(e) = end {
            if e < input.len() {
                let signed = Document::open(&input[..e]);
                match signed {
                    Ok(signed) => {
                        let (allowed, bad) = changes::diff(&signed, &doc, f.docmdp.is_some());
                        r.modified_after_signing = !bad.is_empty();
                        for b in &bad {
                            r.problems.push(format!("changed after signing: {b}"));
                        }
                        r.modifications = allowed.into_iter().chain(bad).collect();
                        if f.docmdp == Some(1) && !r.modifications.is_empty() {
                            r.problems.push("the certification forbids any change, but the document was changed".into());
                            r.modified_after_signing = true;
                        }
                    }
                    Err(e) => r.problems.push(format!("the signed revision cannot be read: {e}")),
                }
            }
        }
        entries.push((end, r));
    }
    // Levels need the document timestamps and DSS seen after each signature.
    for (end, r) in entries.iter_mut() {
        if r.kind == "document timestamp" {
            r.level = None;
        } else if r.attributes_ok && r.integrity_ok && r.signature_ok {
            let e = end.unwrap_or(usize::MAX);
            let later_ts = doc_ts.iter().filter(|(te, ok)| *ok && *te > e).map(|(te, _)| *te).collect::<Vec<_>>();
            let t = r.timestamp_ok == Some(true) || !later_ts.is_empty();
            let lt = t && r.revocation.starts_with("good") && r.revocation.contains("DSS");
            let lta = lt && later_ts.iter().any(|te| has_dss(&input[..*te]));
            r.level = Some(if lta { "B-LTA" } else if lt { "B-LT" } else if t { "B-T" } else { "B-B" }.into());
        }
        r.valid = r.byte_range_ok
            && r.integrity_ok
            && r.signature_ok
            && r.chain_trusted
            && r.timestamp_ok != Some(false)
            && !r.revocation.starts_with("revoked")
            && !r.modified_after_signing;
    }
    report.signatures = entries.into_iter().map(|(_, r)| r).collect();
    if report.signatures.is_empty() {
        report.problems.push("the document has no signatures".into());
    }
    report.valid = !report.signatures.is_empty() && report.signatures.iter().all(|s| s.valid);
    Ok(report)
}

/// Checks the /ByteRange shape; returns the end of the signed revision when sound.
fn check_byte_range(input: &[u8], f: &FoundSignature, ends: &[usize], r: &mut SignatureReport) -> Option<usize> {
    let br = &f.byte_range;
    let ok = br.len() == 4
        && br[0] == 0
        && br.iter().all(|v| *v >= 0)
        && br[1] < br[2]
        && f.signed_end().is_some_and(|e| e <= input.len());
    if !ok {
        r.problems.push("the /ByteRange is malformed or points outside the file".into());
        return None;
    }
    let (b1, b2) = (br[1] as usize, br[2] as usize);
    let end = f.signed_end()?;
    let hole = &input[b1..b2];
    let hole_ok = hole.first() == Some(&b'<')
        && hole.last() == Some(&b'>')
        && hole[1..hole.len() - 1].iter().all(|c| c.is_ascii_hexdigit());
    if !hole_ok {
        r.problems.push("the unsigned gap of the byte range is not exactly the /Contents value".into());
        return None;
    }
    if !ends.contains(&end) && end != input.len() {
        r.problems.push("the signature does not cover a complete revision".into());
        return None;
    }
    r.byte_range_ok = true;
    r.covers_whole_file = input[end..].iter().all(|c| crate::pdf::object::is_white(*c));
    Some(end)
}

fn ranges_digest(input: &[u8], br: &[i64], alg: crate::DigestAlgorithm) -> Vec<u8> {
    let mut h = match openssl::hash::Hasher::new(alg.md()) {
        Ok(h) => h,
        Err(_) => return vec![],
    };
    for pair in br.chunks_exact(2) {
        let (s, l) = (pair[0].max(0) as usize, pair[1].max(0) as usize);
        if let Some(slice) = input.get(s..s.saturating_add(l)) {
            let _ = h.update(slice);
        }
    }
    h.finish().map(|d| d.to_vec()).unwrap_or_default()
}

fn describe_cert(cert: &X509, r: &mut SignatureReport) {
    r.signer_subject = Some(checks::name_text(cert.subject_name()));
    r.signer_issuer = Some(checks::name_text(cert.issuer_name()));
    r.signer_serial = cert.serial_number().to_bn().ok().and_then(|b| b.to_hex_str().ok()).map(|s| s.to_string());
    r.not_before = Some(cert.not_before().to_string());
    r.not_after = Some(cert.not_after().to_string());
    r.key_usage = cert.to_der().map(|d| checks::key_usage(&d)).unwrap_or_default();
}

fn verify_doc_timestamp(input: &[u8], f: &FoundSignature, store: &X509Store, pool: &[X509], r: &mut SignatureReport) {
    if !r.byte_range_ok {
        return;
    }
    let tc: TokenCheck = checks::check_token(&f.contents, |alg| ranges_digest(input, &f.byte_range, alg), store, pool);
    if let Ok(sd) = SignedData::parse(&f.contents) {
        if let Some(c) = sd.signers.first().and_then(|s| sd.signer_cert(s)).and_then(|c| X509::from_der(c).ok()) {
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

fn verify_cms(
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
            r.problems.push(format!("the signature's CMS cannot be read: {e}"));
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
            r.problems.push("the document was altered: its digest does not match the signed one".into());
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
    if si.signed_attr(oids::SIGNING_CERT_V2).is_none() && si.signed_attr(oids::SIGNING_CERT_V1).is_none() {
        attr_problems.push("no signing-certificate(-v2) signed attribute");
    }
    if si.signed_attr(oids::SIGNING_TIME).is_some() {
        attr_problems.push("a signing-time signed attribute is present (PAdES puts the time in /M)");
    }
    if f.sub_filter != "ETSI.CAdES.detached" {
        attr_problems.push("SubFilter is not ETSI.CAdES.detached (not a PAdES baseline signature)");
    }
    r.attributes_ok = attr_problems.is_empty();
    r.notes.extend(attr_problems.into_iter().map(|p| format!("not PAdES baseline: {p}")));
    // Signer certificate and signature value.
    let Some(cert) = sd.signer_cert(si).and_then(|c| X509::from_der(c).ok()) else {
        r.problems.push("the signer's certificate is not in the CMS".into());
        return;
    };
    describe_cert(&cert, r);
    if let (Some(a), Ok(der)) = (si.signed_attr(oids::SIGNING_CERT_V2), cert.to_der()) {
        // The first ESSCertIDv2 must hash the signer certificate.
        let matches = a.values.first().and_then(|v| v.children().ok()).and_then(|c| c.first().copied())
            .and_then(|certs| certs.children().ok()).and_then(|ids| ids.first().copied())
            .map(|id| {
                let parts = id.children().unwrap_or_default();
                let (alg, hash) = match parts.first().map(|p| p.tag) {
                    Some(0x30) => (parts[0].reader().expect(0x06).ok().and_then(|o| crate::DigestAlgorithm::from_oid_content(o.content)), parts.get(1)),
                    _ => (Some(crate::DigestAlgorithm::Sha256), parts.first()),
                };
                alg.zip(hash).is_some_and(|(alg, h)| h.content == digest(alg, &der).as_slice())
            })
            .unwrap_or(false);
        if !matches {
            r.notes.push("not PAdES baseline: signing-certificate-v2 does not match the signer certificate".into());
            r.attributes_ok = false;
        }
    }
    match checks::signature_value_ok(si, &cert) {
        Ok(true) => r.signature_ok = true,
        Ok(false) => r.problems.push("the signature value does not verify with the signer's key".into()),
        Err(e) => r.problems.push(format!("the signature cannot be checked: {e}")),
    }
    // Chain.
    let mut pool: Vec<X509> = sd.certs.iter().filter_map(|c| X509::from_der(c).ok()).collect();
    pool.extend(dss_x509.iter().cloned());
    match checks::chain_ok(store, &cert, &pool) {
        Ok(Ok(())) => r.chain_trusted = true,
        Ok(Err(e)) => r.problems.push(format!("the signer's certificate is not trusted: {e}")),
        Err(e) => r.problems.push(format!("the chain cannot be checked: {e}")),
    }
    // Signature timestamp.
    if let Some(tok) = si.unsigned_attr(oids::TIMESTAMP_TOKEN).and_then(|a| a.values.first()) {
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
        r.problems.push("a certificate of the chain is revoked".into());
    }
}

fn revocation(chain: &[Vec<u8>], dss: &Dss, store: &X509Store, pool: &[X509], opts: &VerifyOptions) -> String {
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
                            st = checks::revocation_status(cert, issuer, &d.ocsp_responses, &d.crls, store, pool);
                            from_dss = false;
                        }
                        Err(e) => return format!("unknown (online check failed: {e})"),
                    }
                }
            }
        }
        match st {
            RevStatus::Revoked => return format!("revoked ({})", checks::name_text(cert.subject_name())),
            RevStatus::Unknown => all_good = false,
            RevStatus::Good => {}
        }
    }
    match (all_good, from_dss) {
        (true, true) => "good (from the DSS)".into(),
        (true, false) => "good (checked online)".into(),
        (false, _) if dss.ocsps.is_empty() && dss.crls.is_empty() && !opts.online => "not checked (no revocation data in the file)".into(),
        (false, _) => "unknown (no usable OCSP response or CRL)".into(),
    }
}

/// "D:20261125123456Z" → "2026-11-25 12:34:56 UTC" (other offsets kept as written).
pub fn pdf_date_text(m: &str) -> String {
    let s = m.strip_prefix("D:").unwrap_or(m);
    if s.len() >= 14 && s.is_char_boundary(14) && s[..14].bytes().all(|b| b.is_ascii_digit()) {
        let tz = &s[14..];
        let tz = if tz.is_empty() || tz.starts_with('Z') { "UTC".to_string() } else { tz.replace('\'', "") };
        format!("{}-{}-{} {}:{}:{} {}", &s[0..4], &s[4..6], &s[6..8], &s[8..10], &s[10..12], &s[12..14], tz)
    } else {
        m.to_string()
    }
}
