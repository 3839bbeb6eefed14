//! Verification of every signature and document timestamp in a PDF: byte-range coverage,
//! digest, CMS signature, PAdES attribute profile, chain to the given trust anchors,
//! revocation (DSS or online), timestamps, level reached, and later modifications.

pub mod changes;
pub mod checks;
pub mod report;
mod signature;

pub use report::{Report, SignatureReport};

use crate::pdf::budget::{Budget, Cancel, Limit, Limits};
use crate::pdf::revisions::{find_signatures, is_revision_end, FoundSignature};
use crate::pdf::Document;
use crate::revocation::RevocationSource;
use crate::Error;
use openssl::x509::X509;
use std::sync::Arc;

/// What to trust, where revocation may come from, and what an untrusted file may cost.
#[derive(Clone, Default)]
pub struct VerifyOptions {
    /// Limits for the file (decoding, sections, objects, signatures, changes, time),
    /// shared by every revision the verification opens.
    pub limits: Limits,
    /// Set it to stop the verification (e.g. the request asking for it has gone); the
    /// verification then fails with [`Error::Cancelled`].
    pub cancel: Cancel,
    /// Trust anchors, DER.
    pub trust_anchors: Vec<Vec<u8>>,
    /// Fetch revocation data online when the DSS has none (from `revocation`, or from the
    /// certificates' AIA / CRL distribution points when that is `None`).
    pub online: bool,
    pub revocation: Option<Arc<dyn RevocationSource>>,
}

/// Validation material from the newest DSS.
#[derive(Default)]
pub(crate) struct Dss {
    certs: Vec<Vec<u8>>,
    ocsps: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
}

fn read_dss(doc: &Document<'_>) -> Dss {
    let mut out = Dss::default();
    let Ok(cat) = doc.catalog() else { return out };
    let Some(dss) = cat.get(b"DSS").and_then(|d| doc.resolve_dict(d).ok()) else {
        return out;
    };
    for (key, list) in [
        (&b"Certs"[..], &mut out.certs),
        (b"OCSPs", &mut out.ocsps),
        (b"CRLs", &mut out.crls),
    ] {
        let Some(arr) = dss.get(key).and_then(|a| doc.resolve(a).ok()) else {
            continue;
        };
        for item in arr.as_array().cloned().unwrap_or_default() {
            if let Ok(crate::pdf::Obj::Stream(d, raw)) = doc.resolve(&item) {
                if let Ok(data) = crate::pdf::filters::decode_stream(&d, &raw, doc.budget()) {
                    list.push(data);
                }
            }
        }
    }
    out
}

fn has_dss(data: &[u8], budget: &Arc<Budget>) -> bool {
    Document::open_with(data, budget.clone())
        .ok()
        .and_then(|d| d.catalog().ok())
        .is_some_and(|c| c.get(b"DSS").is_some())
}

/// Verifies every signature of `input`, under `opts.limits`: past one, or when
/// `opts.cancel` is set, it fails with [`Error::Limit`] or [`Error::Cancelled`].
pub fn verify_pdf(input: &[u8], opts: &VerifyOptions) -> Result<Report, Error> {
    let budget = Budget::shared(opts.limits, opts.cancel.clone());
    let doc = Document::open_with(input, budget.clone())?;
    let store = checks::trust_store(&opts.trust_anchors)?;
    let found = find_signatures(&doc)?;
    budget.at_most(Limit::Signatures, found.len())?;
    let dss = read_dss(&doc);
    budget.check()?;
    let dss_x509: Vec<X509> = dss
        .certs
        .iter()
        .filter_map(|c| X509::from_der(c).ok())
        .collect();
    let mut report = Report::default();
    // Valid document timestamps: (the end of the revision they cover, time).
    let mut doc_ts: Vec<(usize, bool)> = Vec::new();
    let mut entries = Vec::new();
    for f in &found {
        budget.check()?;
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
        let end = check_byte_range(input, f, &mut r);
        if f.doc_timestamp {
            signature::verify_doc_timestamp(input, f, &store, &dss_x509, &mut r);
            if let Some(e) = end {
                doc_ts.push((e, r.integrity_ok && r.signature_ok && r.chain_trusted));
            }
        } else {
            signature::verify_cms(input, f, &store, &dss, &dss_x509, opts, &mut r);
        }
        if let Some(e) = end {
            if e < input.len() {
                let signed = Document::open_with(&input[..e], budget.clone());
                match signed {
                    Err(e @ (Error::Limit { .. } | Error::Cancelled)) => return Err(e),
                    Ok(signed) => {
                        let (allowed, bad) = changes::diff(&signed, &doc, f.docmdp.is_some())?;
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
                    Err(e) => r
                        .problems
                        .push(format!("the signed revision cannot be read: {e}")),
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
            let later_ts = doc_ts
                .iter()
                .filter(|(te, ok)| *ok && *te > e)
                .map(|(te, _)| *te)
                .collect::<Vec<_>>();
            let t = r.timestamp_ok == Some(true) || !later_ts.is_empty();
            let lt = t && r.revocation.starts_with("good") && r.revocation.contains("DSS");
            let lta = lt && later_ts.iter().any(|te| has_dss(&input[..*te], &budget));
            r.level = Some(
                if lta {
                    "B-LTA"
                } else if lt {
                    "B-LT"
                } else if t {
                    "B-T"
                } else {
                    "B-B"
                }
                .into(),
            );
        }
        r.valid = r.byte_range_ok
            && r.integrity_ok
            && r.signature_ok
            && r.chain_trusted
            && r.key_usage_ok
            && r.timestamp_ok != Some(false)
            && !r.revocation.starts_with("revoked")
            && !r.modified_after_signing;
    }
    // A limit passed where the error was turned into a finding still fails the whole.
    budget.check()?;
    report.signatures = entries.into_iter().map(|(_, r)| r).collect();
    if report.signatures.is_empty() {
        report
            .problems
            .push("the document has no signatures".into());
    }
    report.valid = !report.signatures.is_empty() && report.signatures.iter().all(|s| s.valid);
    Ok(report)
}

/// Checks the /ByteRange shape; returns the end of the signed revision when sound.
fn check_byte_range(input: &[u8], f: &FoundSignature, r: &mut SignatureReport) -> Option<usize> {
    let br = &f.byte_range;
    let ok = br.len() == 4
        && br[0] == 0
        && br.iter().all(|v| *v >= 0)
        && br[1] < br[2]
        && f.signed_end().is_some_and(|e| e <= input.len());
    if !ok {
        r.problems
            .push("the /ByteRange is malformed or points outside the file".into());
        return None;
    }
    let (b1, b2) = (br[1] as usize, br[2] as usize);
    let end = f.signed_end()?;
    let hole = &input[b1..b2];
    let hole_ok = hole.first() == Some(&b'<')
        && hole.last() == Some(&b'>')
        && hole[1..hole.len() - 1]
            .iter()
            .all(|c| c.is_ascii_hexdigit());
    if !hole_ok {
        r.problems
            .push("the unsigned gap of the byte range is not exactly the /Contents value".into());
        return None;
    }
    if !is_revision_end(input, end) && end != input.len() {
        r.problems
            .push("the signature does not cover a complete revision".into());
        return None;
    }
    r.byte_range_ok = true;
    r.covers_whole_file = input[end..]
        .iter()
        .all(|c| crate::pdf::object::is_white(*c));
    Some(end)
}

pub(crate) fn ranges_digest(input: &[u8], br: &[i64], alg: crate::DigestAlgorithm) -> Vec<u8> {
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

/// "D:20261125123456Z" → "2026-11-25 12:34:56 UTC" (other offsets kept as written).
pub fn pdf_date_text(m: &str) -> String {
    let s = m.strip_prefix("D:").unwrap_or(m);
    if s.len() >= 14 && s.is_char_boundary(14) && s[..14].bytes().all(|b| b.is_ascii_digit()) {
        let tz = &s[14..];
        let tz = if tz.is_empty() || tz.starts_with('Z') {
            "UTC".to_string()
        } else {
            tz.replace('\'', "")
        };
        format!(
            "{}-{}-{} {}:{}:{} {}",
            &s[0..4],
            &s[4..6],
            &s[6..8],
            &s[8..10],
            &s[10..12],
            &s[12..14],
            tz
        )
    } else {
        m.to_string()
    }
}
