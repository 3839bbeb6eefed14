//! Key holders. A [`Signer`] owns a private key (PKCS#12 file, PKCS#11 token, remote CSC
//! service) and its certificate chain; the PAdES layers never see the key itself.

pub mod csc;
pub mod pkcs11;
pub mod pkcs12;

pub use csc::CscSigner;
pub use pkcs11::Pkcs11Signer;
pub use pkcs12::Pkcs12Signer;

use crate::Error;

/// Digest used for the document and signed attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum DigestAlgorithm {
    #[default]
    Sha256,
    Sha384,
    Sha512,
}

/// The signature scheme a key produces (decides the CMS `signatureAlgorithm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    RsaPkcs1v15,
    RsaPss,
    EcdsaP256,
    EcdsaP384,
}

/// Something that can sign: it holds the key, the signer certificate and its chain.
///
/// `sign` receives the DER of the signed attributes (the bytes to be signed, not a
/// digest) so that every implementation can hash them the way its interface wants
/// (PKCS#11 and CSC take either data or a pre-computed hash).
pub trait Signer: Send + Sync {
    /// DER of the signer's certificate.
    fn certificate(&self) -> &[u8];
    /// DER of the intermediates (and optionally the root), nearest first.
    fn chain(&self) -> &[Vec<u8>];
    fn key_algorithm(&self) -> KeyAlgorithm;
    /// Signs `data` with the key using `digest`; returns the raw signature value
    /// (PKCS#1 / PSS bytes, or a DER `ECDSA-Sig-Value`).
    fn sign(&self, digest: DigestAlgorithm, data: &[u8]) -> Result<Vec<u8>, Error>;
}
