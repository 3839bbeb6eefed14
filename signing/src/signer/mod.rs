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

/// What a signer shows of its key: the certificate, the chain and the signature scheme.
#[derive(Clone, Debug)]
pub struct Identity {
    pub(crate) cert: Vec<u8>,
    pub(crate) chain: Vec<Vec<u8>>,
    pub(crate) alg: KeyAlgorithm,
}

impl Identity {
    /// For key holders outside this crate; `alg` must be the scheme of `cert`'s key.
    pub fn new(cert: Vec<u8>, chain: Vec<Vec<u8>>, alg: KeyAlgorithm) -> Self {
        Identity { cert, chain, alg }
    }
}

/// Something that can sign: it holds the key, the signer certificate and its chain.
///
/// `sign` receives the DER of the signed attributes (the bytes to be signed, not a
/// digest) so that every implementation can hash them the way its interface wants
/// (PKCS#11 and CSC take either data or a pre-computed hash).
pub trait Signer: Send + Sync {
    /// The certificate side of the key, the same for every kind of key holder.
    fn identity(&self) -> &Identity;
    /// DER of the signer's certificate.
    fn certificate(&self) -> &[u8] {
        &self.identity().cert
    }
    /// DER of the intermediates (and optionally the root), nearest first.
    fn chain(&self) -> &[Vec<u8>] {
        &self.identity().chain
    }
    fn key_algorithm(&self) -> KeyAlgorithm {
        self.identity().alg
    }
    /// Signs `data` with the key using `digest`; returns the raw signature value
    /// (PKCS#1 / PSS bytes, or a DER `ECDSA-Sig-Value`).
    fn sign(&self, digest: DigestAlgorithm, data: &[u8]) -> Result<Vec<u8>, Error>;
}

impl KeyAlgorithm {
    /// The same RSA key used with RSASSA-PSS instead of PKCS#1 v1.5.
    pub(crate) fn with_pss(self) -> Result<KeyAlgorithm, Error> {
        match self {
            KeyAlgorithm::RsaPkcs1v15 | KeyAlgorithm::RsaPss => Ok(KeyAlgorithm::RsaPss),
            _ => Err(Error::KeyUnsupported("PSS needs an RSA key".into())),
        }
    }

    /// The scheme of the key certified by `cert` (DER): tokens and remote services give
    /// us the certificate, not the key, so this is how their algorithm is known.
    pub(crate) fn of_certificate(cert: &[u8]) -> Result<KeyAlgorithm, Error> {
        use openssl::{nid::Nid, pkey::Id};
        let x = openssl::x509::X509::from_der(cert)
            .map_err(|e| Error::Key(format!("certificate unreadable: {e}")))?;
        let key = x.public_key().map_err(Error::Crypto)?;
        match key.id() {
            Id::RSA => Ok(KeyAlgorithm::RsaPkcs1v15),
            Id::RSA_PSS => Ok(KeyAlgorithm::RsaPss),
            Id::EC => match key.ec_key().map_err(Error::Crypto)?.group().curve_name() {
                Some(Nid::X9_62_PRIME256V1) => Ok(KeyAlgorithm::EcdsaP256),
                Some(Nid::SECP384R1) => Ok(KeyAlgorithm::EcdsaP384),
                other => Err(Error::KeyUnsupported(format!(
                    "EC curve {other:?} (only P-256 and P-384 are supported)"
                ))),
            },
            other => Err(Error::KeyUnsupported(format!("key type {other:?}"))),
        }
    }
}

/// Raw `r || s` (PKCS#11 tokens, some CSC services) to a DER `ECDSA-Sig-Value`, which CMS wants.
pub(crate) fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>, Error> {
    if raw.is_empty() || raw.len() % 2 == 1 {
        return Err(Error::Key(format!(
            "ECDSA signature of odd length {} is not r || s",
            raw.len()
        )));
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let sig = openssl::ecdsa::EcdsaSig::from_private_components(
        openssl::bn::BigNum::from_slice(r)?,
        openssl::bn::BigNum::from_slice(s)?,
    )?;
    Ok(sig.to_der()?)
}
