//! From domain views to the frontend's page models (names in the page's language, dates as
//! Unix seconds, statuses as the frontend's enum). Pure functions, unit-tested below.

use sijill_frontend::i18n::{FilingStatus, Lang};
use sijill_frontend::model::{
    AdministrationEntry, DocumentLine, FilingLine, ReceiptView, Revocation, ServiceEntry, SignatureView, VerifyReport,
};

use crate::domain::catalogue::{self, Names};
use crate::domain::filings::FilingView;

fn name(names: &Names, ui: Lang) -> String {
    let n = names.get(ui);
    if n.trim().is_empty() { names.fr.clone() } else { n.to_owned() }
}

pub fn catalogue(entries: &[catalogue::AdministrationEntry], ui: Lang) -> Vec<AdministrationEntry> {
    entries
        .iter()
        .map(|a| AdministrationEntry {
            code: a.code.clone(),
            name: name(&a.names, ui),
            search_text: format!("{} {} {} {}", a.names.fr, a.names.ar, a.names.zgh, a.names.en),
            services: a
                .services
                .iter()
                .map(|s| ServiceEntry {
                    code: s.code.clone(),
                    name: name(&s.names, ui),
                    deadline_days: u32::try_from(s.response_days).ok().filter(|d| *d > 0),
                })
                .collect(),
        })
        .collect()
}

pub fn receipt(f: &FilingView, filer: &str, service_name: Option<String>, ui: Lang) -> ReceiptView {
    ReceiptView {
        id: f.id.clone(),
        number: f.number.clone(),
        received_at: f.received_at.timestamp(),
        administration: name(&f.administration_names, ui),
        service: service_name.or_else(|| f.service.clone()),
        filer: filer.to_owned(),
        subject: f.subject.clone(),
        status: FilingStatus::from_name(&f.status),
        documents: f
            .documents
            .iter()
            .map(|d| DocumentLine { name: d.name.clone(), size: d.size.max(0) as u64, sha256_hex: d.sha256.clone() })
            .collect(),
        receipt_pdf_url: f.receipt_url.clone(),
        verify_url: format!("/verify?receipt={}", f.id),
        answers: Vec::new(),
    }
}

pub fn filing_line(f: &FilingView, ui: Lang) -> FilingLine {
    FilingLine {
        id: f.id.clone(),
        number: f.number.clone(),
        received_at: f.received_at.timestamp(),
        administration: name(&f.administration_names, ui),
        subject: f.subject.clone(),
        status: FilingStatus::from_name(&f.status),
        receipt_pdf_url: f.receipt_url.clone(),
    }
}

/// "CN=Jane Doe, O=Ministry" → "Jane Doe (Ministry)": the names a reader recognises.
pub fn plain_name(dn: &str) -> String {
    let part = |key: &str| {
        dn.split(',').map(str::trim).find_map(|p| p.strip_prefix(key).map(str::trim).map(str::to_owned))
    };
    match (part("CN="), part("O=")) {
        (Some(cn), Some(o)) if o != cn => format!("{cn} ({o})"),
        (Some(cn), _) => cn,
        (None, Some(o)) => o,
        (None, None) => dn.to_owned(),
    }
}

/// Parses the verifier's times: "2026-11-25 14:05:09 UTC", RFC 3339, PDF "D:2026…", or
/// OpenSSL's "Nov 25 14:05:09 2026 GMT" (certificate validity).
pub fn parse_time(s: &str) -> Option<i64> {
    if s.trim().starts_with(|c: char| c.is_ascii_alphabetic()) && !s.trim().starts_with("D:") {
        let cleaned = s.trim().trim_end_matches(" GMT").trim_end_matches(" UTC");
        let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        return chrono::NaiveDateTime::parse_from_str(&cleaned, "%b %d %H:%M:%S %Y").ok().map(|d| d.and_utc().timestamp());
    }
    let digits: String = s.trim().trim_start_matches("D:").chars().filter(|c| c.is_ascii_digit()).take(14).collect();
    if digits.len() < 12 {
        return None;
    }
    let n = |a: usize, b: usize| digits.get(a..b).and_then(|x| x.parse::<u32>().ok());
    let date = chrono::NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(4, 6)?, n(6, 8)?)?;
    let dt = date.and_hms_opt(n(8, 10)?, n(10, 12)?, n(12, 14).unwrap_or(0))?;
    Some(dt.and_utc().timestamp())
}

/// The verifier's JSON report (signing::verify::Report) as the page's verdicts. Missing
/// fields count as failed checks, never as passed ones.
pub fn report(json: &serde_json::Value, document: String, from_receipt: bool) -> VerifyReport {
    let sigs = json.get("signatures").and_then(|s| s.as_array()).cloned().unwrap_or_default();
    let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    let flag = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_bool()).unwrap_or(false);
    let signatures = sigs
        .iter()
        .map(|s| {
            let revocation = text(s, "revocation").unwrap_or_default().to_lowercase();
            let usages: Vec<String> = s
                .get("key_usage")
                .and_then(|k| k.as_array())
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_lowercase)).collect())
                .unwrap_or_default();
            let for_signing = usages.is_empty()
                || usages.iter().any(|u| u.contains("nonrepudiation") || u.contains("non repudiation") || u.contains("contentcommitment") || u.contains("digitalsignature") || u.contains("digital signature") || u.contains("content commitment") || u.contains("non-repudiation"));
            let valid = flag(s, "valid");
            SignatureView {
                signer: text(s, "signer_subject").map(|d| plain_name(&d)).unwrap_or_else(|| "?".into()),
                issuer: text(s, "signer_issuer").map(|d| plain_name(&d)).unwrap_or_else(|| "?".into()),
                cert_valid_from: text(s, "not_before").as_deref().and_then(parse_time),
                cert_valid_to: text(s, "not_after").as_deref().and_then(parse_time),
                signed_at: text(s, "signing_time").as_deref().and_then(parse_time),
                timestamp_at: if s.get("timestamp_ok").and_then(|t| t.as_bool()) == Some(true) {
                    text(s, "timestamp_time").as_deref().and_then(parse_time)
                } else {
                    None
                },
                level: text(s, "level").map(|l| format!("PAdES {l}")).unwrap_or_else(|| text(s, "sub_filter").unwrap_or_default()),
                intact: flag(s, "byte_range_ok") && flag(s, "integrity_ok") && flag(s, "signature_ok"),
                // Allowed later changes (validation data, further signatures) keep it valid.
                modified_after: flag(s, "modified_after_signing") && !valid,
                trusted: flag(s, "chain_trusted"),
                revocation: if revocation.starts_with("good") {
                    Revocation::Good
                } else if revocation.starts_with("revoked") {
                    Revocation::Revoked
                } else {
                    Revocation::Unknown
                },
                for_signing,
            }
        })
        .collect();
    VerifyReport { document, from_receipt, signatures }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_report() {
        assert_eq!(parse_time("2026-11-25 14:05:09 UTC"), Some(1_795_615_509));
        assert_eq!(parse_time("D:20261125140509Z"), Some(1_795_615_509));
        assert_eq!(parse_time("soon"), None);
        assert_eq!(parse_time("Nov 25 14:05:09 2026 GMT"), Some(1_795_615_509));
        assert_eq!(parse_time("Aug  1 20:26:00 2414 GMT").is_some(), true);
        assert_eq!(plain_name("O=Ministère, CN=Sijill Root"), "Sijill Root (Ministère)");
        assert_eq!(plain_name("O=Demo, CN=Demo"), "Demo");
        let json = serde_json::json!({"valid": true, "signatures": [{
            "signer_subject": "CN=Cachet DEMO", "signer_issuer": "CN=Root", "level": "B-T",
            "byte_range_ok": true, "integrity_ok": true, "signature_ok": true, "chain_trusted": true,
            "timestamp_ok": true, "timestamp_time": "2026-11-25 14:05:09 UTC",
            "revocation": "good (OCSP)", "modified_after_signing": false, "key_usage": ["digitalSignature", "nonRepudiation"],
            "valid": true }]});
        let r = report(&json, "x.pdf".into(), false);
        assert_eq!(r.signatures.len(), 1);
        assert_eq!(r.signatures[0].verdict(), sijill_frontend::model::Verdict::Valid);
        assert_eq!(r.signatures[0].timestamp_at, Some(1_795_615_509));
        let empty = report(&serde_json::json!({"signatures": [{}]}), "y.pdf".into(), false);
        assert_eq!(empty.signatures[0].verdict(), sijill_frontend::model::Verdict::Invalid);
    }
}
