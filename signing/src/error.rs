//! The crate's one error type. Each variant names the problem in words an operator can act on.

/// Everything that can go wrong while reading, signing or verifying a PDF.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the PDF is encrypted; decrypt it before signing")]
    Encrypted,
    #[error("the PDF is malformed: {0}")]
    Malformed(String),
    #[error("the file is not a PDF (no %PDF header)")]
    NotPdf,
    #[error("unsupported PDF feature: {0}")]
    Unsupported(String),
    #[error("the signature ({needed} bytes) does not fit the reserved space ({reserved} bytes)")]
    PlaceholderTooSmall { needed: usize, reserved: usize },
    #[error("malformed CMS/ASN.1 data: {0}")]
    Asn1(String),
    #[error("key or certificate problem: {0}")]
    Key(String),
    #[error("wrong password for the PKCS#12 file, or the file is damaged")]
    BadPassword,
    #[error("the signing key cannot do this: {0}")]
    KeyUnsupported(String),
    #[error("timestamp authority: {0}")]
    Timestamp(String),
    #[error("revocation data: {0}")]
    Revocation(String),
    #[error("invalid option: {0}")]
    InvalidOption(String),
    #[error("signature field {0:?} already exists and is signed")]
    FieldAlreadySigned(String),
    #[error("PKCS#11 token: {0}")]
    Pkcs11(String),
    #[error("remote signing service: {0}")]
    Csc(String),
    #[error("network: {0}")]
    Http(String),
    #[error("font problem: {0}")]
    Font(String),
    #[error("image problem: {0}")]
    Image(String),
    #[error("I/O error on {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// An untrusted file asked for more than [`Limits`](crate::pdf::budget::Limits) allow.
    #[error("the PDF exceeds the {limit} limit ({max}) set for untrusted files")]
    Limit {
        limit: crate::pdf::budget::Limit,
        max: u64,
    },
    /// The caller cancelled the work (see [`Cancel`](crate::pdf::budget::Cancel)).
    #[error("the work was cancelled")]
    Cancelled,
    #[error("cryptography error: {0}")]
    Crypto(#[from] openssl::error::ErrorStack),
}

impl Error {
    pub(crate) fn malformed(msg: impl Into<String>) -> Self {
        Error::Malformed(msg.into())
    }
    pub(crate) fn asn1(msg: impl Into<String>) -> Self {
        Error::Asn1(msg.into())
    }
}
