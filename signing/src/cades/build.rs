//! Builds the detached CMS SignedData of a PAdES signature.

use super::der::{self, octets, oid, seq, set_of, small_int, tlv};
use super::{oids, parse::CertInfo};
use crate::signer::{KeyAlgorithm, Signer};
use crate::{DigestAlgorithm, Error};

/// AlgorithmIdentifier for a digest (parameters absent, RFC 5754).
pub fn digest_alg_id(d: DigestAlgorithm) -> Vec<u8> {
    seq(&[&oid(d.oid())])
}

/// AlgorithmIdentifier of the signature for a key type and digest.
pub fn signature_alg_id(k: KeyAlgorithm, d: DigestAlgorithm) -> Vec<u8> {
    match k {
        KeyAlgorithm::RsaPkcs1v15 => {
            let o = match d {
                DigestAlgorithm::Sha256 => oids::RSA_SHA256,
                DigestAlgorithm::Sha384 => oids::RSA_SHA384,
                DigestAlgorithm::Sha512 => oids::RSA_SHA512,
            };
            seq(&[&oid(o), &[0x05, 0x00]])
        }
        KeyAlgorithm::RsaPss => {
            let h = digest_alg_id(d);
            let mgf = seq(&[&oid(oids::MGF1), &h]);
            let params = seq(&[
                &tlv(0xa0, &h),
                &tlv(0xa1, &mgf),
                &tlv(0xa2, &small_int(d.len() as u8)),
            ]);
            seq(&[&oid(oids::RSA_PSS), &params])
        }
        KeyAlgorithm::EcdsaP256 | KeyAlgorithm::EcdsaP384 => {
            let o = match d {
                DigestAlgorithm::Sha256 => oids::ECDSA_SHA256,
                DigestAlgorithm::Sha384 => oids::ECDSA_SHA384,
                DigestAlgorithm::Sha512 => oids::ECDSA_SHA512,
            };
            seq(&[&oid(o)])
        }
    }
}

fn attribute(kind: &[u64], value: &[u8]) -> Vec<u8> {
    seq(&[&oid(kind), &tlv(0x31, value)])
}

/// The ESS signing-certificate-v2 attribute value for `cert`.
pub fn signing_certificate_v2(cert: &[u8], d: DigestAlgorithm) -> Result<Vec<u8>, Error> {
    let info = CertInfo::parse(cert)?;
    let hash = super::digest(d, cert);
    let issuer_serial = seq(&[&seq(&[&tlv(0xa4, info.issuer_raw)]), info.serial_raw]);
    let id = if d == DigestAlgorithm::Sha256 {
        seq(&[&octets(&hash), &issuer_serial])
    } else {
        seq(&[&digest_alg_id(d), &octets(&hash), &issuer_serial])
    };
    Ok(seq(&[&seq(&[&id])]))
}

/// The parts of a SignedData that depend only on the signer (computed once per key).
pub struct SignerTemplate {
    pub digest: DigestAlgorithm,
    key: KeyAlgorithm,
    ess_attr: Vec<u8>,
    sid: Vec<u8>,
    certs: Vec<u8>,
    /// Largest signature value the key can produce (decoding the key is slow in OpenSSL 3,
    /// so it is done once here rather than per signature).
    pub max_sig_len: usize,
}

impl SignerTemplate {
    pub fn new(signer: &dyn Signer, digest: DigestAlgorithm) -> Result<Self, Error> {
        let cert = signer.certificate();
        let info = CertInfo::parse(cert)?;
        let ess_attr = attribute(
            oids::SIGNING_CERT_V2,
            &signing_certificate_v2(cert, digest)?,
        );
        let sid = seq(&[info.issuer_raw, info.serial_raw]);
        let mut certs = cert.to_vec();
        for c in signer.chain() {
            certs.extend_from_slice(c);
        }
        let max_sig_len = openssl::x509::X509::from_der(cert)?.public_key()?.size() + 16;
        Ok(SignerTemplate {
            digest,
            key: signer.key_algorithm(),
            ess_attr,
            sid,
            certs,
            max_sig_len,
        })
    }

    /// The DER SET of signed attributes for a document digest.
    pub fn signed_attrs(&self, doc_digest: &[u8]) -> Vec<u8> {
        set_of(vec![
            attribute(oids::CONTENT_TYPE, &oid(oids::DATA)),
            attribute(oids::MESSAGE_DIGEST, &octets(doc_digest)),
            self.ess_attr.clone(),
        ])
    }

    /// Signs and returns (SignedData ContentInfo DER without unsigned attrs, signature value).
    pub fn sign(
        &self,
        signer: &dyn Signer,
        doc_digest: &[u8],
    ) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let attrs = self.signed_attrs(doc_digest);
        let sig = signer.sign(self.digest, &attrs)?;
        Ok((self.assemble(&attrs, &sig, None), sig))
    }

    /// Assembles the ContentInfo; `unsigned` is the content of the unsignedAttrs SET.
    pub fn assemble(&self, signed_attrs: &[u8], sig: &[u8], unsigned: Option<&[u8]>) -> Vec<u8> {
        let mut si_attrs = signed_attrs.to_vec();
        si_attrs[0] = 0xa0; // [0] IMPLICIT SET
        let unsigned = unsigned.map(|u| tlv(0xa1, u)).unwrap_or_default();
        let signer_info = seq(&[
            &small_int(1),
            &self.sid,
            &digest_alg_id(self.digest),
            &si_attrs,
            &signature_alg_id(self.key, self.digest),
            &octets(sig),
            &unsigned,
        ]);
        let signed_data = seq(&[
            &small_int(1),
            &tlv(0x31, &digest_alg_id(self.digest)),
            &seq(&[&oid(oids::DATA)]),
            &tlv(0xa0, &self.certs),
            &tlv(0x31, &signer_info),
        ]);
        seq(&[&oid(oids::SIGNED_DATA), &tlv(0xa0, &signed_data)])
    }

    /// Upper bound of the CMS size for this signer (before any timestamp token).
    pub fn size_estimate(&self, sig_len: usize) -> usize {
        self.certs.len() + self.ess_attr.len() + self.sid.len() + sig_len + 400
    }
}

/// Adds a signature timestamp token as the unsigned attribute of a signed CMS.
pub fn with_timestamp(
    tpl: &SignerTemplate,
    signed_attrs: &[u8],
    sig: &[u8],
    token: &[u8],
) -> Vec<u8> {
    let attr = attribute(oids::TIMESTAMP_TOKEN, token);
    tpl.assemble(signed_attrs, sig, Some(&attr))
}

pub use der::Tlv;
