//! CMS SignedData for PAdES (CAdES detached): building with exactly the signed attributes
//! content-type, message-digest and signing-certificate-v2 (no signing-time: the claimed
//! time goes in the signature dictionary's /M), and parsing for verification.

pub mod build;
pub mod der;
pub mod parse;

use crate::DigestAlgorithm;
use openssl::hash::MessageDigest;

/// Object identifiers used here, as arcs.
pub mod oids {
    pub const DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 1];
    pub const SIGNED_DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 2];
    pub const CONTENT_TYPE: &[u64] = &[1, 2, 840, 113549, 1, 9, 3];
    pub const MESSAGE_DIGEST: &[u64] = &[1, 2, 840, 113549, 1, 9, 4];
    pub const SIGNING_TIME: &[u64] = &[1, 2, 840, 113549, 1, 9, 5];
    pub const SIGNING_CERT_V2: &[u64] = &[1, 2, 840, 113549, 1, 9, 16, 2, 47];
    pub const SIGNING_CERT_V1: &[u64] = &[1, 2, 840, 113549, 1, 9, 16, 2, 12];
    pub const TIMESTAMP_TOKEN: &[u64] = &[1, 2, 840, 113549, 1, 9, 16, 2, 14];
    pub const TST_INFO: &[u64] = &[1, 2, 840, 113549, 1, 9, 16, 1, 4];
    pub const SHA1: &[u64] = &[1, 3, 14, 3, 2, 26];
    pub const SHA256: &[u64] = &[2, 16, 840, 1, 101, 3, 4, 2, 1];
    pub const SHA384: &[u64] = &[2, 16, 840, 1, 101, 3, 4, 2, 2];
    pub const SHA512: &[u64] = &[2, 16, 840, 1, 101, 3, 4, 2, 3];
    pub const RSA: &[u64] = &[1, 2, 840, 113549, 1, 1, 1];
    pub const RSA_SHA256: &[u64] = &[1, 2, 840, 113549, 1, 1, 11];
    pub const RSA_SHA384: &[u64] = &[1, 2, 840, 113549, 1, 1, 12];
    pub const RSA_SHA512: &[u64] = &[1, 2, 840, 113549, 1, 1, 13];
    pub const RSA_PSS: &[u64] = &[1, 2, 840, 113549, 1, 1, 10];
    pub const MGF1: &[u64] = &[1, 2, 840, 113549, 1, 1, 8];
    pub const ECDSA_SHA256: &[u64] = &[1, 2, 840, 10045, 4, 3, 2];
    pub const ECDSA_SHA384: &[u64] = &[1, 2, 840, 10045, 4, 3, 3];
    pub const ECDSA_SHA512: &[u64] = &[1, 2, 840, 10045, 4, 3, 4];
}

/// Content bytes of an encoded OID (what a parsed OID TLV's content is compared with).
pub fn oid_content(arcs: &[u64]) -> Vec<u8> {
    der::oid(arcs)[2..].to_vec()
}

impl DigestAlgorithm {
    pub fn md(self) -> MessageDigest {
        match self {
            DigestAlgorithm::Sha256 => MessageDigest::sha256(),
            DigestAlgorithm::Sha384 => MessageDigest::sha384(),
            DigestAlgorithm::Sha512 => MessageDigest::sha512(),
        }
    }
    pub fn oid(self) -> &'static [u64] {
        match self {
            DigestAlgorithm::Sha256 => oids::SHA256,
            DigestAlgorithm::Sha384 => oids::SHA384,
            DigestAlgorithm::Sha512 => oids::SHA512,
        }
    }
    pub fn len(self) -> usize {
        match self {
            DigestAlgorithm::Sha256 => 32,
            DigestAlgorithm::Sha384 => 48,
            DigestAlgorithm::Sha512 => 64,
        }
    }
    /// Recognises a digest AlgorithmIdentifier's OID content bytes.
    pub fn from_oid_content(c: &[u8]) -> Option<Self> {
        [
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha384,
            DigestAlgorithm::Sha512,
        ]
        .into_iter()
        .find(|d| oid_content(d.oid()) == c)
    }
    pub fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha256 => "SHA-256",
            DigestAlgorithm::Sha384 => "SHA-384",
            DigestAlgorithm::Sha512 => "SHA-512",
        }
    }
}

/// Hashes `data` in one call.
pub fn digest(alg: DigestAlgorithm, data: &[u8]) -> Vec<u8> {
    openssl::hash::hash(alg.md(), data)
        .map(|d| d.to_vec())
        .unwrap_or_default()
}

/// SHA-1, used only for DSS VRI keys (as ISO 32000-2 prescribes).
pub fn digest_sha1(data: &[u8]) -> Vec<u8> {
    openssl::hash::hash(MessageDigest::sha1(), data)
        .map(|d| d.to_vec())
        .unwrap_or_default()
}
