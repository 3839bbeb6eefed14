//! PAdES baseline signing and verification (ETSI EN 319 142-1).
//!
//! Layers, as in pyHanko: [`pdf`] reads files and appends incremental updates, [`cades`]
//! builds and parses CMS SignedData, [`tsa`] and [`revocation`] talk to trust services,
//! [`sign`] and [`verify`] hold the PAdES policy (levels B-B, B-T, B-LT, B-LTA).
//! This crate knows nothing of HTTP servers or databases.

pub mod cades;
pub mod devpki;
pub mod error;
pub mod pdf;
pub mod revocation;
pub mod sign;
pub mod signer;
pub mod tsa;
pub mod verify;

pub use error::Error;
pub use sign::{sign_pdf, Level, SignOptions, Visible};
pub use signer::{DigestAlgorithm, Signer};
pub use verify::{verify_pdf, Report, VerifyOptions};
