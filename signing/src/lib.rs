//! PAdES baseline signing and verification (ETSI EN 319 142-1).
//!
//! Layers, as in pyHanko: [`pdf`] reads files and appends incremental updates, [`cades`]
//! builds and parses CMS SignedData, [`tsa`] and [`revocation`] talk to trust services,
//! [`sign`] and [`verify`] hold the PAdES policy (levels B-B, B-T, B-LT, B-LTA).
//! This crate knows nothing of HTTP servers or databases.
//!
//! ```no_run
//! use sijill_signing::signer::Pkcs12Signer;
//! use sijill_signing::{sign_pdf, verify_pdf, Level, SignOptions, VerifyOptions};
//! # fn main() -> Result<(), sijill_signing::Error> {
//! let signer = Pkcs12Signer::from_file("seal.p12", "password")?; // load once, sign many
//! let pdf = std::fs::read("in.pdf").unwrap();
//! let signed = sign_pdf(&pdf, &signer, &SignOptions { level: Level::BB, ..Default::default() })?;
//! let root = std::fs::read("root.der").unwrap();
//! let report = verify_pdf(&signed, &VerifyOptions { trust_anchors: vec![root], ..Default::default() })?;
//! assert!(report.valid);
//! println!("{}", serde_json::to_string(&report).unwrap());
//! # Ok(()) }
//! ```
//!
//! Speed: the signed file is the input plus appended bytes; only the trailer, catalog,
//! form and the one page touched are parsed (lazily, through the cross-reference data),
//! the /Contents placeholder is sized once from the key and certificates (plus a margin
//! for a timestamp token), and the byte ranges are hashed in place. For batches, build a
//! [`cades::build::SignerTemplate`] once and call [`sign::sign_with_template`].

pub mod cades;
pub mod devpki;
pub mod error;
pub mod hostile;
pub mod pdf;
pub mod revocation;
pub mod sign;
pub mod signer;
pub mod tsa;
pub mod verify;

pub use error::Error;
pub use sign::{sign_pdf, Level, SignOptions, Visible};
pub use signer::{DigestAlgorithm, Identity, Signer};
pub use verify::{verify_pdf, Report, VerifyOptions};
