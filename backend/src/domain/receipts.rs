//! Receipts (accusés de réception): what they say, how they are rendered and sealed.
//!
//! The layout is drawn by a `ReceiptRenderer` and sealed by a `seal::Sealer`; both come
//! from the signing library once it is merged (TODO(signing merge): a renderer over
//! `sijill_signing::pdf::compose::Composer`). Until then receipts are not produced and
//! the download answers 503; filings are still registered.

use chrono::{DateTime, Utc};

use super::catalogue::Names;
use super::filings::DocumentView;
use super::Services;
use crate::db::entities::filing;
use crate::db::{queries, register};
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Everything printed on a receipt.
#[derive(Debug, Clone)]
pub struct ReceiptData {
    pub administration: Names,
    pub number: String,
    pub received_at: DateTime<Utc>,
    pub filer_name: String,
    pub filer_email: String,
    pub subject: String,
    pub documents: Vec<DocumentView>,
    /// Public URL of the verification page for this receipt (also in the QR code).
    pub verify_url: String,
}

/// Draws the (unsigned) receipt PDF.
pub trait ReceiptRenderer: Send + Sync {
    fn render(&self, data: &ReceiptData) -> Result<Vec<u8>>;
}

/// Stands in until the signing library (and its composer) is merged.
pub struct UnwiredRenderer;

impl ReceiptRenderer for UnwiredRenderer {
    fn render(&self, _data: &ReceiptData) -> Result<Vec<u8>> {
        Err(Error::Unavailable(Msg::SealUnavailable))
    }
}

impl Services {
    /// Renders, seals and stores the receipt of a registered filing; records its hash.
    pub async fn issue_receipt(&self, f: &filing::Model) -> Result<Vec<u8>> {
        let c = &self.db.conn;
        let admin = queries::administration_by_id(c, f.administration_id).await?.ok_or(Error::NotFound)?;
        let filer_id = f.filer_id.ok_or(Error::NotFound)?;
        let (filer, _) = queries::user_with_roles(c, filer_id).await?.ok_or(Error::NotFound)?;
        let documents = register::documents_of(c, &f.id)
            .await?
            .into_iter()
            .map(|d| DocumentView { name: d.name, content_type: d.content_type, size: d.size, sha256: d.sha256 })
            .collect();
        let data = self.receipt_data(f, Names::from(&admin), filer.display_name, filer.email, documents);
        Ok(self.seal_receipt(f, data).await?.0)
    }

    /// What the receipt of `f` says, from what the caller holds (the filing path has it
    /// all at hand and need not read it back).
    pub(crate) fn receipt_data(
        &self,
        f: &filing::Model,
        administration: Names,
        filer_name: String,
        filer_email: String,
        documents: Vec<DocumentView>,
    ) -> ReceiptData {
        ReceiptData {
            administration,
            number: f.number.clone(),
            received_at: f.received_at,
            filer_name,
            filer_email,
            subject: f.subject.clone(),
            documents,
            verify_url: format!("{}/verify?receipt={}", self.config.server.public_url.trim_end_matches('/'), f.id),
        }
    }

    /// Renders, seals and stores a receipt; records its hash. Returns the PDF and its hash.
    pub(crate) async fn seal_receipt(&self, f: &filing::Model, data: ReceiptData) -> Result<(Vec<u8>, String)> {
        let (renderer, sealer, storage) = (self.renderer.clone(), self.sealer.clone(), self.storage.clone());
        let (sealed, sha) = tokio::task::spawn_blocking(move || -> Result<_> {
            let pdf = renderer.render(&data)?;
            let sealed = sealer.seal(pdf)?;
            let (sha, _) = storage.put(&sealed)?;
            Ok((sealed, sha))
        })
        .await
        .map_err(Error::internal)??;
        register::set_receipt(&self.db, &f.id, &sha).await?;
        Ok((sealed, sha))
    }

    /// The sealed receipt of the caller's own filing (produced now if it is not yet).
    pub async fn receipt_pdf(&self, user: &super::auth::CurrentUser, id: &str) -> Result<Vec<u8>> {
        let f = self.own_filing(user, id).await?;
        match &f.receipt_sha256 {
            Some(sha) => self.storage.get(sha),
            None => self.issue_receipt(&f).await,
        }
    }

    /// The verification of a receipt reached through its QR code (`/verify?receipt=ID`):
    /// public, since the random id in the link is the capability. Returns the registration
    /// number and the report of the stored receipt; `NotFound` if there is none.
    pub async fn verify_receipt(&self, filing_id: &str) -> Result<(String, serde_json::Value)> {
        let f = register::by_id(&self.db.conn, filing_id).await?.ok_or(Error::NotFound)?;
        let sha = f.receipt_sha256.as_deref().ok_or(Error::NotFound)?;
        let pdf = self.storage.get(sha)?;
        let report = self.verify_pdf(bytes::Bytes::from(pdf)).await?;
        Ok((f.number, report))
    }

    /// Verifies the signatures of any PDF (public: no user needed). Through the gate of
    /// `pdf_work`: a few at once (else 503 `Busy`), under the file limits (else 422), and
    /// cancelled when the request is dropped.
    pub async fn verify_pdf(&self, bytes: bytes::Bytes) -> Result<serde_json::Value> {
        if !bytes.starts_with(b"%PDF-") {
            return Err(Error::BadRequest(Msg::NotAPdf));
        }
        let v = self.verifier.clone();
        let limits = self.pdf_work.limits();
        self.pdf_work.run(move |cancel| v.verify(&bytes, limits, cancel)).await
    }
}
