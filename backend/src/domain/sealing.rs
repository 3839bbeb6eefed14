//! The seal and the verifier over `sijill_signing`: receipts are sealed in-process at
//! PAdES B-T with the administration's seal key (kept loaded) and a timestamp from the
//! timestamp authority; verification checks against the configured trust anchors, offline.

use std::sync::Arc;

use sijill_signing::cades::build::SignerTemplate;
use sijill_signing::sign::sign_with_template;
use sijill_signing::signer::Pkcs12Signer;
use sijill_signing::tsa::TimestampSource;
use sijill_signing::pdf::{Cancel, Limits};
use sijill_signing::{verify_pdf, Level, SignOptions, VerifyOptions};

use super::seal::{Sealer, Verifier};
use crate::error::{Error, Result};

/// Seals with a PKCS#12 key at PAdES B-T.
pub struct PadesSealer {
    signer: Pkcs12Signer,
    /// What the CMS takes from the seal's certificate and chain (parsed once: it is the same
    /// for every receipt, and parsing certificates cost about as much as the RSA signature).
    template: SignerTemplate,
    opts: SignOptions,
}

impl PadesSealer {
    pub fn new(signer: Pkcs12Signer, tsa: Arc<dyn TimestampSource>) -> Result<PadesSealer> {
        let opts = SignOptions {
            level: Level::BT,
            tsa: Some(tsa),
            reason: Some("Accusé de réception — cachet électronique".into()),
            field_name: Some("Seal".into()),
            ..Default::default()
        };
        let template = SignerTemplate::new(&signer, opts.digest).map_err(|e| Error::internal(format!("seal certificate: {e}")))?;
        Ok(PadesSealer { signer, template, opts })
    }
}

impl Sealer for PadesSealer {
    fn seal(&self, pdf: Vec<u8>) -> Result<Vec<u8>> {
        sign_with_template(&pdf, &self.signer, &self.template, &self.opts).map_err(|e| Error::internal(format!("sealing failed: {e}")))
    }
}

/// Verifies against fixed trust anchors (DER), without network access.
pub struct PadesVerifier {
    pub trust_anchors: Vec<Vec<u8>>,
}

impl Verifier for PadesVerifier {
    fn verify(&self, pdf: &[u8], limits: Limits, cancel: Cancel) -> Result<serde_json::Value> {
        let opts = VerifyOptions { trust_anchors: self.trust_anchors.clone(), online: false, revocation: None, limits, cancel };
        match verify_pdf(pdf, &opts) {
            Ok(report) => serde_json::to_value(report).map_err(Error::internal),
            Err(e) => {
                tracing::info!(error = %e, "uploaded file could not be verified");
                Err(super::pdf_work::pdf_error(&e, None))
            }
        }
    }
}
