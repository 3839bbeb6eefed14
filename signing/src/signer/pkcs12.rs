//! A key and certificate chain loaded once from a PKCS#12 file, signing in-process with
//! OpenSSL. Loading is the slow part (key derivation), so batch signing reuses one instance.

use super::{Identity, KeyAlgorithm, Signer};
use crate::{DigestAlgorithm, Error};
use openssl::pkcs12::Pkcs12;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Padding;
use openssl::sign::{RsaPssSaltlen, Signer as OsslSigner};

pub struct Pkcs12Signer {
    key: PKey<Private>,
    id: Identity,
}

impl std::fmt::Debug for Pkcs12Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs12Signer")
            .field("alg", &self.id.alg)
            .finish_non_exhaustive()
    }
}

impl Pkcs12Signer {
    /// Opens a PKCS#12 (.p12/.pfx) file held in memory.
    pub fn from_pkcs12_der(der: &[u8], password: &str) -> Result<Self, Error> {
        let p12 = Pkcs12::from_der(der).map_err(|_| Error::Key("not a PKCS#12 file".into()))?;
        let parsed = p12.parse2(password).map_err(|_| Error::BadPassword)?;
        let key = parsed
            .pkey
            .ok_or_else(|| Error::Key("the PKCS#12 file holds no private key".into()))?;
        let cert = parsed
            .cert
            .ok_or_else(|| Error::Key("the PKCS#12 file holds no certificate".into()))?;
        let mut chain = Vec::new();
        if let Some(ca) = parsed.ca {
            for c in ca.iter() {
                let der = c.to_der()?;
                // Keep the signer's own certificate out of the chain.
                if der != cert.to_der()? {
                    chain.push(der);
                }
            }
        }
        Self::from_key(key, cert.to_der()?, chain)
    }

    /// Opens a PKCS#12 file from disk.
    pub fn from_file(path: impl AsRef<std::path::Path>, password: &str) -> Result<Self, Error> {
        let path = path.as_ref();
        let der = std::fs::read(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_pkcs12_der(&der, password)
    }

    /// Builds a signer from a key and certificates already in memory.
    pub fn from_key(key: PKey<Private>, cert: Vec<u8>, chain: Vec<Vec<u8>>) -> Result<Self, Error> {
        let x = openssl::x509::X509::from_der(&cert)?;
        if !x.public_key()?.public_eq(&key) {
            return Err(Error::Key(
                "the private key does not match the certificate".into(),
            ));
        }
        // The key matches the certificate, so the certificate tells its scheme.
        let alg = KeyAlgorithm::of_certificate(&cert)?;
        Ok(Pkcs12Signer {
            key,
            id: Identity { cert, chain, alg },
        })
    }

    /// Signs with RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys only).
    pub fn with_pss(mut self) -> Result<Self, Error> {
        self.id.alg = self.id.alg.with_pss()?;
        Ok(self)
    }
}

impl Signer for Pkcs12Signer {
    fn identity(&self) -> &Identity {
        &self.id
    }
    fn sign(&self, digest: DigestAlgorithm, data: &[u8]) -> Result<Vec<u8>, Error> {
        let mut s = OsslSigner::new(digest.md(), &self.key)?;
        if self.id.alg == KeyAlgorithm::RsaPss {
            s.set_rsa_padding(Padding::PKCS1_PSS)?;
            s.set_rsa_pss_saltlen(RsaPssSaltlen::DIGEST_LENGTH)?;
            s.set_rsa_mgf1_md(digest.md())?;
        }
        Ok(s.sign_oneshot_to_vec(data)?)
    }
}
