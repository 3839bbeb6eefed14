//! The product's rules as plain Rust services. Page handlers and JSON handlers both call
//! `Services`; nothing here knows about HTTP.

pub mod access;
pub mod answer_access;
pub mod answer_dispatch;
pub mod answer_layout;
pub mod answers;
pub mod attachments;
pub mod auth;
pub mod audit;
pub mod authz;
pub mod bureau;
pub mod correspondents;
pub mod exchange;
pub mod mail;
pub mod names;
pub mod parapheur;
pub mod pdf_work;
pub mod catalogue;
pub mod filings;
pub mod intake;
pub mod letterhead;
pub mod receipt_layout;
pub mod receipts;
pub mod register_book;
pub mod register_export;
pub mod seal;
pub mod search;
pub mod search_text;
pub mod sealing;
pub mod routing;
pub mod seed;
pub mod throttle;
pub mod worklists;

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;
use crate::storage::Storage;

/// Every domain service, cheap to clone (all fields are shared handles).
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub config: Arc<Config>,
    pub storage: Storage,
    /// Applies the administration's seal to receipts (see `seal`).
    pub sealer: Arc<dyn seal::Sealer>,
    /// Verifies signed PDFs for the public verification page and API.
    pub verifier: Arc<dyn seal::Verifier>,
    /// Draws receipts before they are sealed.
    pub renderer: Arc<dyn receipts::ReceiptRenderer>,
    /// Timestamps and revocation data for the parapheur's signatures (see `parapheur::trust`).
    pub parapheur: Arc<parapheur::trust::SigningTrust>,
    /// The gate for verifications and page renders of untrusted PDFs (see `pdf_work`).
    pub pdf_work: Arc<pdf_work::PdfWork>,
}
