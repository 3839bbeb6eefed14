//! What the pages show: plain data the backend's page handlers fill from domain services.
//! No server types here, so the same structs serve the wasm islands.

use crate::i18n::{FilingStatus, FormError, Lang};
use serde::{Deserialize, Serialize};

/// Per-request facts every page needs: language, who is signed in, the CSRF token for
/// forms, the current path (for the language links), and whether the wasm bundle exists.
#[derive(Clone, Debug, Default)]
pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<String>,
    pub csrf: String,
    pub path: String,
    pub hydrate: bool,
    /// Staff of an administration: the navigation shows the bureau d'ordre.
    pub staff: bool,
}

/// A service of an administration in the public catalogue.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ServiceEntry {
    pub code: String,
    /// Name in the page's language (falling back to French).
    pub name: String,
    pub deadline_days: Option<u32>,
}

/// An administration in the public catalogue, named in the page's language.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AdministrationEntry {
    pub code: String,
    pub name: String,
    /// All four names, so a search in any language finds it.
    pub search_text: String,
    pub services: Vec<ServiceEntry>,
}

/// Values typed into a form, kept to refill it after an error.
#[derive(Clone, Debug, Default)]
pub struct FormState {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, FormError)>,
}

impl FormState {
    pub fn value(&self, field: &str) -> String {
        self.values.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()).unwrap_or_default()
    }
    pub fn error(&self, field: &str) -> Option<&FormError> {
        self.errors.iter().find(|(k, _)| k == field).map(|(_, e)| e)
    }
    pub fn with_value(mut self, field: &str, value: impl Into<String>) -> Self {
        self.values.push((field.to_owned(), value.into()));
        self
    }
    pub fn with_error(mut self, field: &str, error: FormError) -> Self {
        self.errors.push((field.to_owned(), error));
        self
    }
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// Limits of the filing form, from the backend's config.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct UploadLimits {
    pub max_files: u32,
    pub max_file_bytes: u64,
}

/// One document of a filing, as listed on the receipt.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentLine {
    pub name: String,
    pub size: u64,
    pub sha256_hex: String,
}

/// What the receipt page shows right after filing (and later from "My filings").
#[derive(Clone, Debug, PartialEq)]
pub struct ReceiptView {
    pub id: String,
    pub number: String,
    pub received_at: i64,
    pub administration: String,
    pub service: Option<String>,
    pub filer: String,
    pub subject: String,
    pub status: FilingStatus,
    pub documents: Vec<DocumentLine>,
    pub receipt_pdf_url: String,
    pub verify_url: String,
    /// Answers sent to the filer's space (see `pages::routing_answer`).
    pub answers: Vec<AnswerLine>,
}

/// An answer the filer received: outgoing number, date, PDF.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerLine {
    pub number: String,
    pub dispatched_at: i64,
    pub pdf_url: String,
}

/// A line of "My filings".
#[derive(Clone, Debug, PartialEq)]
pub struct FilingLine {
    pub id: String,
    pub number: String,
    pub received_at: i64,
    pub administration: String,
    pub subject: String,
    pub status: FilingStatus,
    pub receipt_pdf_url: String,
}

/// Whether the signer's certificate was revoked at signing time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revocation {
    Good,
    Revoked,
    Unknown,
}

/// One signature's verdict, in the terms a citizen can check.
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureView {
    pub signer: String,
    pub issuer: String,
    pub cert_valid_from: Option<i64>,
    pub cert_valid_to: Option<i64>,
    pub signed_at: Option<i64>,
    pub timestamp_at: Option<i64>,
    /// e.g. "PAdES B-T".
    pub level: String,
    /// The signed bytes hash to the signed digest and the signature value verifies.
    pub intact: bool,
    /// Later incremental updates exist that are not just signatures or validation data.
    pub modified_after: bool,
    pub trusted: bool,
    pub revocation: Revocation,
    /// Key usage allows signing (nonRepudiation or digitalSignature for seals).
    pub for_signing: bool,
}

impl SignatureView {
    pub fn verdict(&self) -> Verdict {
        if !self.intact || self.modified_after || self.revocation == Revocation::Revoked {
            Verdict::Invalid
        } else if self.trusted && self.for_signing {
            Verdict::Valid
        } else {
            Verdict::Indeterminate
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    Indeterminate,
}

/// The verification page's result block.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyReport {
    /// The uploaded file name, or the receipt number when opened from the QR link.
    pub document: String,
    pub from_receipt: bool,
    pub signatures: Vec<SignatureView>,
}
