//! The verification report: one entry per signature or document timestamp, in plain words,
//! serialisable to JSON for the backend and printable as text for operators.

use serde::Serialize;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// True when every signature and timestamp is valid.
    pub valid: bool,
    pub signatures: Vec<SignatureReport>,
    /// Problems with the file as a whole.
    pub problems: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct SignatureReport {
    pub field_name: String,
    /// "signature", "certification signature" or "document timestamp".
    pub kind: String,
    pub sub_filter: String,
    pub signer_subject: Option<String>,
    pub signer_issuer: Option<String>,
    pub signer_serial: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub key_usage: Vec<String>,
    /// The key usage allows signing (digitalSignature or nonRepudiation, or no restriction).
    pub key_usage_ok: bool,
    /// Claimed signing time from the signature dictionary's /M.
    pub signing_time: Option<String>,
    /// Time asserted by the signature timestamp (or by the document timestamp itself).
    pub timestamp_time: Option<String>,
    pub reason: Option<String>,
    pub digest_algorithm: Option<String>,
    /// PAdES baseline level reached (B-B, B-T, B-LT, B-LTA), if any.
    pub level: Option<String>,
    /// The signed bytes are exactly the revision minus the /Contents hole.
    pub byte_range_ok: bool,
    /// The signature covers the whole file (no later revisions).
    pub covers_whole_file: bool,
    /// The document digest matches the signed message-digest.
    pub integrity_ok: bool,
    /// The CMS signature value verifies with the signer's key.
    pub signature_ok: bool,
    /// The signed attributes follow the PAdES profile.
    pub attributes_ok: bool,
    pub chain_trusted: bool,
    pub timestamp_ok: Option<bool>,
    /// "good", "revoked", "unknown" or "not checked", with the source.
    pub revocation: String,
    pub modified_after_signing: bool,
    /// Later changes, allowed or not, in plain words.
    pub modifications: Vec<String>,
    pub problems: Vec<String>,
    /// Remarks that do not make the signature invalid (e.g. not a PAdES baseline profile).
    pub notes: Vec<String>,
    pub valid: bool,
}

impl Report {
    /// A human-readable rendering.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        if self.signatures.is_empty() {
            s.push_str("No signatures found.\n");
        }
        for (i, r) in self.signatures.iter().enumerate() {
            s.push_str(&format!(
                "#{} {} \"{}\": {}\n",
                i + 1,
                r.kind,
                r.field_name,
                if r.valid { "VALID" } else { "INVALID" }
            ));
            let mut line = |k: &str, v: &str| s.push_str(&format!("    {k:<20} {v}\n"));
            if let Some(v) = &r.signer_subject {
                line("signer:", v);
            }
            if let Some(v) = &r.signer_issuer {
                line("issuer:", v);
            }
            if let (Some(a), Some(b)) = (&r.not_before, &r.not_after) {
                line("certificate valid:", &format!("{a} to {b}"));
            }
            if !r.key_usage.is_empty() {
                line("key usage:", &r.key_usage.join(", "));
            }
            if let Some(v) = &r.signing_time {
                line("signing time (/M):", v);
            }
            if let Some(v) = &r.timestamp_time {
                line("timestamp:", v);
            }
            line("level:", r.level.as_deref().unwrap_or("none"));
            line(
                "byte range:",
                if r.byte_range_ok {
                    if r.covers_whole_file {
                        "ok, whole file"
                    } else {
                        "ok, earlier revision"
                    }
                } else {
                    "BAD"
                },
            );
            line(
                "integrity:",
                if r.integrity_ok {
                    "ok"
                } else {
                    "DIGEST MISMATCH"
                },
            );
            line("signature:", if r.signature_ok { "ok" } else { "BAD" });
            line(
                "chain:",
                if r.chain_trusted {
                    "trusted"
                } else {
                    "NOT TRUSTED"
                },
            );
            line("revocation:", &r.revocation);
            if r.modified_after_signing {
                line("later changes:", &r.modifications.join("; "));
            }
            for p in &r.problems {
                line("problem:", p);
            }
            for n in &r.notes {
                line("note:", n);
            }
        }
        for p in &self.problems {
            s.push_str(&format!("problem: {p}\n"));
        }
        s.push_str(if self.valid {
            "Result: all signatures valid\n"
        } else {
            "Result: NOT all signatures valid\n"
        });
        s
    }
}
