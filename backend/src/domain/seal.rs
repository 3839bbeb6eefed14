//! Ports to the signing library (`signing/`, crate `sijill_signing`): the seal applied to
//! receipts and the verifier of signed PDFs. The domain depends on these traits only.
//!
//! TODO(signing merge): implement both with `sijill_signing` (`DevPki`, `Pkcs12Signer`,
//! `sign_pdf` at PAdES B-T with the in-process TSA, `verify_pdf`). Until then the
//! `Unwired*` implementations refuse loudly; nothing pretends to sign.

use sijill_signing::pdf::{Cancel, Limits};

use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Seals a PDF with the administration's seal (PAdES). Called outside database transactions.
pub trait Sealer: Send + Sync {
    fn seal(&self, pdf: Vec<u8>) -> Result<Vec<u8>>;
}

/// Verifies every signature of a PDF and returns the report as JSON, under `limits` and
/// stopping when `cancel` is raised (see `pdf_work`).
pub trait Verifier: Send + Sync {
    fn verify(&self, pdf: &[u8], limits: Limits, cancel: Cancel) -> Result<serde_json::Value>;
}

/// Stands in until the signing library is merged: every call fails with 503.
pub struct UnwiredSealer;

impl Sealer for UnwiredSealer {
    fn seal(&self, _pdf: Vec<u8>) -> Result<Vec<u8>> {
        tracing::error!("receipt sealing requested but the signing library is not wired yet");
        Err(Error::Unavailable(Msg::SealUnavailable))
    }
}

/// Stands in until the signing library is merged: every call fails with 503.
pub struct UnwiredVerifier;

impl Verifier for UnwiredVerifier {
    fn verify(&self, _pdf: &[u8], _limits: Limits, _cancel: Cancel) -> Result<serde_json::Value> {
        tracing::error!("verification requested but the signing library is not wired yet");
        Err(Error::Unavailable(Msg::VerifierUnavailable))
    }
}
