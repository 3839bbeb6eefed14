//! The in-process RFC 3161 authority. It builds the CMS by hand (no builder) so that each
//! token costs one RSA/ECDSA operation: the development server seals every filing at B-T.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use cmpv2::status::{PkiFailureInfoValues, PkiStatus, PkiStatusInfo};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use der::asn1::{GeneralizedTime, Int, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use openssl::pkey::{Id, PKey, Private};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::Certificate;
use x509_tsp::{Accuracy, MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use super::{
    digest_from_oid, digest_oid, hash, imprint_of, tsa_err, SigningCertificateV2, TimestampSource,
    DEV_TSA_POLICY, ECDSA_WITH, ID_CONTENT_TYPE, ID_CT_TST_INFO, ID_MESSAGE_DIGEST, ID_SIGNED_DATA,
    ID_SIGNING_CERTIFICATE_V2, RSA_ENCRYPTION,
};
use crate::{DigestAlgorithm, Error};

/// An RFC 3161 timestamp authority in the process: it answers DER `TimeStampReq`s with
/// `TimeStampResp`s signed by its key. Serial numbers are unique (start from the clock in
/// microseconds, then count up), genTime is the current time.
pub struct TimestampAuthority {
    key: PKey<Private>,
    signer_id: SignerIdentifier,
    certificates: CertificateSet,
    signing_cert_attr: Attribute,
    tsa_name: GeneralName,
    policy: ObjectIdentifier,
    serial: AtomicU64,
}

impl TimestampAuthority {
    /// `cert_der` is the TSA certificate (EKU timeStamping, critical), `key` its private
    /// key, `chain` the intermediates and root (DER) to embed when certReq is set.
    pub fn new(cert_der: &[u8], key: PKey<Private>, chain: &[Vec<u8>]) -> Result<Self, Error> {
        let cert = Certificate::from_der(cert_der).map_err(tsa_err)?;
        let mut certs = vec![CertificateChoices::Certificate(cert.clone())];
        for c in chain {
            certs.push(CertificateChoices::Certificate(
                Certificate::from_der(c).map_err(tsa_err)?,
            ));
        }
        let scv2 = SigningCertificateV2::for_certificate(&cert)?;
        let start = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_micros() as u64;
        Ok(TimestampAuthority {
            key,
            signer_id: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: cert.tbs_certificate.issuer.clone(),
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
            certificates: CertificateSet(SetOfVec::try_from(certs).map_err(tsa_err)?),
            signing_cert_attr: attribute(ID_SIGNING_CERTIFICATE_V2, &scv2)?,
            tsa_name: GeneralName::DirectoryName(cert.tbs_certificate.subject.clone()),
            policy: DEV_TSA_POLICY,
            serial: AtomicU64::new(start),
        })
    }

    /// Answers a DER `TimeStampReq`. A request we cannot read or whose hash algorithm we
    /// do not know gets a `rejection` response (as RFC 3161 asks), not an `Err`.
    pub fn respond(&self, request_der: &[u8]) -> Result<Vec<u8>, Error> {
        let req = match TimeStampReq::from_der(request_der) {
            Ok(r) => r,
            Err(_) => return rejection(PkiFailureInfoValues::BadDataFormat),
        };
        let Some(digest) = digest_from_oid(&req.message_imprint.hash_algorithm.oid) else {
            return rejection(PkiFailureInfoValues::BadAlg);
        };
        if req.message_imprint.hashed_message.as_bytes().len() != hash(digest, b"").len() {
            return rejection(PkiFailureInfoValues::BadDataFormat);
        }
        let token = self.token(req.message_imprint, req.nonce, req.cert_req)?;
        let resp = TimeStampResp {
            status: PkiStatusInfo {
                status: PkiStatus::Accepted,
                status_string: None,
                fail_info: None,
            },
            time_stamp_token: Some(token),
        };
        resp.to_der().map_err(tsa_err)
    }

    /// Signs a TSTInfo over `imprint` and returns the token as a CMS ContentInfo.
    fn token(
        &self,
        imprint: MessageImprint,
        nonce: Option<Int>,
        with_certs: bool,
    ) -> Result<ContentInfo, Error> {
        let serial = self.serial.fetch_add(1, Ordering::Relaxed);
        let tst = TstInfo {
            version: TspVersion::V1,
            policy: self.policy,
            message_imprint: imprint,
            serial_number: Int::new(&positive_be(serial)).map_err(tsa_err)?,
            gen_time: GeneralizedTime::from_system_time(SystemTime::now()).map_err(tsa_err)?,
            accuracy: Some(Accuracy {
                seconds: Some(1),
                millis: None,
                micros: None,
            }),
            ordering: false,
            nonce,
            tsa: Some(self.tsa_name.clone()),
            extensions: None,
        };
        let tst_der = tst.to_der().map_err(tsa_err)?;
        let digest = DigestAlgorithm::Sha256;
        let signed_attrs = SetOfVec::try_from(vec![
            attribute(ID_CONTENT_TYPE, &ID_CT_TST_INFO)?,
            attribute(
                ID_MESSAGE_DIGEST,
                &OctetString::new(hash(digest, &tst_der)).map_err(tsa_err)?,
            )?,
            self.signing_cert_attr.clone(),
        ])
        .map_err(tsa_err)?;
        let to_sign = signed_attrs.to_der().map_err(tsa_err)?;
        let (sig_alg, signature) = self.sign(&to_sign)?;
        let digest_alg = AlgorithmIdentifierOwned {
            oid: digest_oid(digest),
            parameters: None,
        };
        let sd = SignedData {
            version: CmsVersion::V3,
            digest_algorithms: SetOfVec::try_from(vec![digest_alg.clone()]).map_err(tsa_err)?,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: ID_CT_TST_INFO,
                econtent: Some(
                    Any::encode_from(&OctetString::new(tst_der).map_err(tsa_err)?)
                        .map_err(tsa_err)?,
                ),
            },
            certificates: with_certs.then(|| self.certificates.clone()),
            crls: None,
            signer_infos: SignerInfos(
                SetOfVec::try_from(vec![SignerInfo {
                    version: CmsVersion::V1,
                    sid: self.signer_id.clone(),
                    digest_alg,
                    signed_attrs: Some(signed_attrs),
                    signature_algorithm: sig_alg,
                    signature: OctetString::new(signature).map_err(tsa_err)?,
                    unsigned_attrs: None,
                }])
                .map_err(tsa_err)?,
            ),
        };
        Ok(ContentInfo {
            content_type: ID_SIGNED_DATA,
            content: Any::encode_from(&sd).map_err(tsa_err)?,
        })
    }

    fn sign(&self, data: &[u8]) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), Error> {
        let mut s = openssl::sign::Signer::new(openssl::hash::MessageDigest::sha256(), &self.key)
            .map_err(tsa_err)?;
        s.update(data).map_err(tsa_err)?;
        let sig = s.sign_to_vec().map_err(tsa_err)?;
        let alg = match self.key.id() {
            Id::RSA => AlgorithmIdentifierOwned {
                oid: RSA_ENCRYPTION,
                parameters: Some(Any::null()),
            },
            Id::EC => AlgorithmIdentifierOwned {
                oid: ECDSA_WITH[0],
                parameters: None,
            },
            other => {
                return Err(Error::Timestamp(format!(
                    "unsupported TSA key type {other:?}"
                )))
            }
        };
        Ok((alg, sig))
    }
}

impl TimestampSource for TimestampAuthority {
    /// In-process timestamp: no request encoding or HTTP, same token as [`Self::respond`].
    fn timestamp(&self, digest: DigestAlgorithm, imprint: &[u8]) -> Result<Vec<u8>, Error> {
        if imprint.len() != hash(digest, b"").len() {
            return Err(Error::Timestamp(
                "imprint length does not match its digest algorithm".into(),
            ));
        }
        self.token(imprint_of(digest, imprint)?, None, true)?
            .to_der()
            .map_err(tsa_err)
    }
}

fn attribute<T: der::Tagged + der::EncodeValue>(
    oid: ObjectIdentifier,
    value: &T,
) -> Result<Attribute, Error> {
    let any = Any::encode_from(value).map_err(tsa_err)?;
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![any]).map_err(tsa_err)?,
    })
}

/// Big-endian bytes of `n` as a positive DER INTEGER body (minimal, leading 0 if needed).
fn positive_be(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(7);
    let mut v = bytes[first..].to_vec();
    if v[0] & 0x80 != 0 {
        v.insert(0, 0);
    }
    v
}

/// A `rejection` response. The failure kind is only logged: cmpv2 0.2 encodes
/// PKIFailureInfo bits wrongly, and failInfo is optional.
fn rejection(fail: PkiFailureInfoValues) -> Result<Vec<u8>, Error> {
    tracing::debug!(?fail, "timestamp request rejected");
    let resp = TimeStampResp {
        status: PkiStatusInfo {
            status: PkiStatus::Rejection,
            status_string: None,
            fail_info: None,
        },
        time_stamp_token: None,
    };
    resp.to_der().map_err(tsa_err)
}
