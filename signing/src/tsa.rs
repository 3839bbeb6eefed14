//! RFC 3161 timestamps: a blocking HTTP client ([`HttpTsaClient`]) and a small
//! timestamp authority ([`TimestampAuthority`]) used by the development server and tests.
//!
//! The authority is in-process on purpose: the development server seals every filing at
//! B-T, so a round trip through `openssl ts` or an HTTP hop per filing would dominate.
//! It builds the CMS by hand (no builder) so each token costs one RSA/ECDSA operation.

use std::io::Read;
use std::time::Duration;

use cmpv2::status::PkiStatus;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use const_oid::ObjectIdentifier;
use der::asn1::{Int, OctetString};
use der::{Any, Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;
use x509_tsp::{Accuracy, MessageImprint, TimeStampReq, TimeStampResp, TspVersion};

use crate::{DigestAlgorithm, Error};

mod authority;
pub use authority::TimestampAuthority;

/// Anything that returns a DER `TimeStampToken` (a CMS ContentInfo) over a message imprint.
pub trait TimestampSource: Send + Sync {
    fn timestamp(&self, digest: DigestAlgorithm, imprint: &[u8]) -> Result<Vec<u8>, Error>;
}

pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_CT_TST_INFO: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const ECDSA_WITH: [ObjectIdentifier; 3] = [
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2"),
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3"),
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4"),
];
/// Policy written into tokens of the development authority (a private, test-only arc).
pub const DEV_TSA_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.59481.1.1");

/// OID of a digest algorithm (`id-sha256` …).
pub fn digest_oid(d: DigestAlgorithm) -> ObjectIdentifier {
    match d {
        DigestAlgorithm::Sha256 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1"),
        DigestAlgorithm::Sha384 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2"),
        DigestAlgorithm::Sha512 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3"),
    }
}

/// The digest algorithm named by an OID, if it is one we support.
pub fn digest_from_oid(oid: &ObjectIdentifier) -> Option<DigestAlgorithm> {
    [
        DigestAlgorithm::Sha256,
        DigestAlgorithm::Sha384,
        DigestAlgorithm::Sha512,
    ]
    .into_iter()
    .find(|d| digest_oid(*d) == *oid)
}

/// Hashes `data` with `d` (openssl, so it uses the CPU's SHA extensions).
pub fn hash(d: DigestAlgorithm, data: &[u8]) -> Vec<u8> {
    let md = match d {
        DigestAlgorithm::Sha256 => openssl::hash::MessageDigest::sha256(),
        DigestAlgorithm::Sha384 => openssl::hash::MessageDigest::sha384(),
        DigestAlgorithm::Sha512 => openssl::hash::MessageDigest::sha512(),
    };
    openssl::hash::hash(md, data)
        .map(|d| d.to_vec())
        .unwrap_or_default()
}

/// `ESSCertIDv2` (RFC 5035); `hash_algorithm` is absent when it is SHA-256 (the DEFAULT).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// `IssuerSerial` (RFC 5035): the certificate's issuer as GeneralNames, and its serial.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct IssuerSerial {
    pub issuer: Vec<GeneralName>,
    pub serial_number: SerialNumber,
}

/// `SigningCertificateV2` (RFC 5035), value of the signing-certificate-v2 attribute.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    pub policies: Option<Vec<Any>>,
}

impl SigningCertificateV2 {
    /// The attribute value naming `cert` by its SHA-256 hash, issuer and serial.
    pub fn for_certificate(cert: &Certificate) -> Result<Self, Error> {
        let der = cert.to_der().map_err(tsa_err)?;
        Ok(SigningCertificateV2 {
            certs: vec![EssCertIdV2 {
                hash_algorithm: None,
                cert_hash: OctetString::new(hash(DigestAlgorithm::Sha256, &der))
                    .map_err(tsa_err)?,
                issuer_serial: Some(IssuerSerial {
                    issuer: vec![GeneralName::DirectoryName(
                        cert.tbs_certificate.issuer.clone(),
                    )],
                    serial_number: cert.tbs_certificate.serial_number.clone(),
                }),
            }],
            policies: None,
        })
    }
}

pub(crate) fn tsa_err(e: impl std::fmt::Display) -> Error {
    Error::Timestamp(e.to_string())
}

/// A blocking HTTP agent shared by the TSA, OCSP, CRL and CSC clients (TLS via openssl).
pub(crate) fn http_agent(timeout: Duration) -> ureq::Agent {
    http_agent_with(ureq::AgentBuilder::new().timeout(timeout))
}

/// An agent that never follows a redirect: a remote signing service is called only at
/// the address its allow-list checked, not wherever it points to next.
pub(crate) fn http_agent_no_redirects(timeout: Duration) -> ureq::Agent {
    http_agent_with(ureq::AgentBuilder::new().timeout(timeout).redirects(0))
}

fn http_agent_with(mut b: ureq::AgentBuilder) -> ureq::Agent {
    if let Ok(tls) = ureq::native_tls::TlsConnector::new() {
        b = b.tls_connector(std::sync::Arc::new(tls));
    }
    b.build()
}

/// Reads a response body, refusing more than `limit` bytes (a hostile server cannot
/// make us allocate without bound).
pub(crate) fn read_body(resp: ureq::Response, limit: u64) -> Result<Vec<u8>, std::io::Error> {
    let mut body = Vec::new();
    resp.into_reader().take(limit + 1).read_to_end(&mut body)?;
    if body.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "response larger than {limit} bytes"
        )));
    }
    Ok(body)
}

/// Fetches timestamps from an RFC 3161 server over HTTP(S).
///
/// Each request carries a fresh random nonce and `certReq = true` (so the token embeds the
/// TSA certificate, which validators need); the answer is checked for status, imprint and
/// nonce before the token is returned.
pub struct HttpTsaClient {
    url: String,
    agent: ureq::Agent,
    basic_auth: Option<String>,
}

impl HttpTsaClient {
    pub fn new(url: impl Into<String>) -> Self {
        HttpTsaClient {
            url: url.into(),
            agent: http_agent(Duration::from_secs(30)),
            basic_auth: None,
        }
    }

    /// Adds HTTP basic authentication (some commercial TSAs require it).
    pub fn with_basic_auth(mut self, user: &str, password: &str) -> Self {
        use base64::Engine;
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        self.basic_auth = Some(format!("Basic {token}"));
        self
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

/// Builds a DER `TimeStampReq` with certReq set; returns it with the nonce used.
pub fn build_request(digest: DigestAlgorithm, imprint: &[u8]) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let mut nonce = [0u8; 8];
    openssl::rand::rand_bytes(&mut nonce).map_err(tsa_err)?;
    nonce[0] &= 0x7f; // positive INTEGER without a leading zero byte
    nonce[0] |= 0x01;
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: imprint_of(digest, imprint)?,
        req_policy: None,
        nonce: Some(Int::new(&nonce).map_err(tsa_err)?),
        cert_req: true,
        extensions: None,
    };
    Ok((req.to_der().map_err(tsa_err)?, nonce.to_vec()))
}

pub(crate) fn imprint_of(digest: DigestAlgorithm, imprint: &[u8]) -> Result<MessageImprint, Error> {
    Ok(MessageImprint {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: digest_oid(digest),
            parameters: Some(Any::null()),
        },
        hashed_message: OctetString::new(imprint).map_err(tsa_err)?,
    })
}

/// Checks a DER `TimeStampResp`: status granted, token present, imprint (and nonce when
/// given) as asked. Returns the DER `TimeStampToken`.
pub fn check_response(
    resp_der: &[u8],
    digest: DigestAlgorithm,
    imprint: &[u8],
    nonce: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    let resp = TimeStampResp::from_der(resp_der)
        .map_err(|e| Error::Timestamp(format!("unreadable TimeStampResp: {e}")))?;
    if !matches!(
        resp.status.status,
        PkiStatus::Accepted | PkiStatus::GrantedWithMods
    ) {
        let text = resp
            .status
            .status_string
            .as_ref()
            .map(|s| {
                s.iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default();
        return Err(Error::Timestamp(format!(
            "request refused ({:?}) {text}",
            resp.status.status
        )));
    }
    let token = resp
        .time_stamp_token
        .ok_or_else(|| Error::Timestamp("response without token".into()))?;
    let tst = token_summary(&token)?;
    if tst.hash_algorithm != digest_oid(digest) || tst.imprint != imprint {
        return Err(Error::Timestamp(
            "token is over a different message imprint".into(),
        ));
    }
    if let Some(n) = nonce {
        if tst.nonce.as_deref() != Some(n) {
            return Err(Error::Timestamp(
                "token nonce does not match the request".into(),
            ));
        }
    }
    token.to_der().map_err(tsa_err)
}

/// What a client checks in a token: the message imprint and the nonce.
#[derive(Clone, Debug)]
pub struct TokenSummary {
    pub hash_algorithm: ObjectIdentifier,
    pub imprint: Vec<u8>,
    pub nonce: Option<Vec<u8>>,
}

/// Reads the `TSTInfo` of a token (no signature check: that is the verifier's job).
///
/// Parsed field by field rather than with `x509_tsp::TstInfo` because real TSAs write
/// genTime with fractional seconds, which `der`'s GeneralizedTime refuses.
pub fn token_summary(token: &ContentInfo) -> Result<TokenSummary, Error> {
    use der::Reader;
    if token.content_type != ID_SIGNED_DATA {
        return Err(Error::Timestamp("token is not SignedData".into()));
    }
    let sd: SignedData = token.content.decode_as().map_err(tsa_err)?;
    if sd.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return Err(Error::Timestamp("token content is not TSTInfo".into()));
    }
    let content = sd
        .encap_content_info
        .econtent
        .ok_or_else(|| Error::Timestamp("token without TSTInfo".into()))?;
    let octets: OctetString = content.decode_as().map_err(tsa_err)?;
    let mut r = der::SliceReader::new(octets.as_bytes()).map_err(tsa_err)?;
    let summary = r
        .sequence(|r| {
            let _version: Int = r.decode()?;
            let _policy: ObjectIdentifier = r.decode()?;
            let mi: MessageImprint = r.decode()?;
            let _serial: Int = r.decode()?;
            let _gen_time: Any = r.decode()?;
            let _accuracy: Option<Accuracy> = r.decode()?;
            let _ordering: Option<bool> = r.decode()?;
            let nonce: Option<Int> = r.decode()?;
            while !r.is_finished() {
                let _: Any = r.decode()?;
            }
            Ok(TokenSummary {
                hash_algorithm: mi.hash_algorithm.oid,
                imprint: mi.hashed_message.as_bytes().to_vec(),
                nonce: nonce.map(|n| n.as_bytes().to_vec()),
            })
        })
        .map_err(|e| Error::Timestamp(format!("unreadable TSTInfo: {e}")))?;
    Ok(summary)
}

impl TimestampSource for HttpTsaClient {
    fn timestamp(&self, digest: DigestAlgorithm, imprint: &[u8]) -> Result<Vec<u8>, Error> {
        let (req, nonce) = build_request(digest, imprint)?;
        let mut call = self
            .agent
            .post(&self.url)
            .set("Content-Type", "application/timestamp-query");
        if let Some(auth) = &self.basic_auth {
            call = call.set("Authorization", auth);
        }
        let resp = call
            .send_bytes(&req)
            .map_err(|e| Error::Timestamp(e.to_string()))?;
        let body =
            read_body(resp, 1 << 20).map_err(|e| Error::Timestamp(format!("{}: {e}", self.url)))?;
        check_response(&body, digest, imprint, Some(&nonce))
    }
}
