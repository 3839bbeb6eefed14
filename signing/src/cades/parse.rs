//! Parses CMS SignedData (PAdES signatures and RFC 3161 tokens) and certificate fields.

use super::der::{self, Tlv};
use super::{oid_content, oids};
use crate::{DigestAlgorithm, Error};

/// Raw fields of an X.509 certificate needed to match and reference it.
pub struct CertInfo<'a> {
    pub serial_raw: &'a [u8],
    pub issuer_raw: &'a [u8],
    pub subject_raw: &'a [u8],
}

impl<'a> CertInfo<'a> {
    pub fn parse(cert: &'a [u8]) -> Result<Self, Error> {
        let c = der::parse(cert)?;
        let mut r = c.reader();
        let tbs = r.expect(0x30)?;
        let mut t = tbs.reader();
        t.optional(0xa0)?;
        let serial = t.expect(0x02)?;
        t.expect(0x30)?;
        let issuer = t.expect(0x30)?;
        t.expect(0x30)?;
        let subject = t.expect(0x30)?;
        Ok(CertInfo {
            serial_raw: serial.raw,
            issuer_raw: issuer.raw,
            subject_raw: subject.raw,
        })
    }
}

/// An attribute: OID content bytes and the raw encodings of its values.
pub struct Attr<'a> {
    pub oid: &'a [u8],
    pub values: Vec<Tlv<'a>>,
}

pub struct SignerInfo<'a> {
    /// issuerAndSerialNumber (issuer Name raw, serial INTEGER raw), when that form is used.
    pub issuer_serial: Option<(&'a [u8], &'a [u8])>,
    /// subjectKeyIdentifier, when that form is used.
    pub ski: Option<&'a [u8]>,
    pub digest: Option<DigestAlgorithm>,
    pub digest_oid: &'a [u8],
    /// The signed attributes re-encoded as a DER SET (what the signature covers).
    pub signed_attrs_der: Option<Vec<u8>>,
    pub signed_attrs: Vec<Attr<'a>>,
    pub sig_alg_oid: &'a [u8],
    pub sig_alg_params: Option<Tlv<'a>>,
    pub signature: &'a [u8],
    pub unsigned_attrs: Vec<Attr<'a>>,
}

impl<'a> SignerInfo<'a> {
    pub fn signed_attr(&self, arcs: &[u64]) -> Option<&Attr<'a>> {
        let o = oid_content(arcs);
        self.signed_attrs.iter().find(|a| a.oid == o.as_slice())
    }
    pub fn unsigned_attr(&self, arcs: &[u64]) -> Option<&Attr<'a>> {
        let o = oid_content(arcs);
        self.unsigned_attrs.iter().find(|a| a.oid == o.as_slice())
    }
    /// The message-digest attribute value.
    pub fn message_digest(&self) -> Option<&'a [u8]> {
        let a = self.signed_attr(oids::MESSAGE_DIGEST)?;
        a.values
            .first()
            .filter(|v| v.tag == 0x04)
            .map(|v| v.content)
    }
}

pub struct SignedData<'a> {
    pub econtent_type: &'a [u8],
    pub econtent: Option<&'a [u8]>,
    pub certs: Vec<&'a [u8]>,
    pub signers: Vec<SignerInfo<'a>>,
}

fn attrs(t: Tlv<'_>) -> Result<Vec<Attr<'_>>, Error> {
    let mut out = Vec::new();
    for a in t.children()? {
        let mut r = a.reader();
        let oid = r.expect(0x06)?.content;
        let values = r.expect(0x31)?.children()?;
        out.push(Attr { oid, values });
    }
    Ok(out)
}

impl<'a> SignedData<'a> {
    /// Parses a ContentInfo holding SignedData (trailing zero padding is ignored).
    pub fn parse(data: &'a [u8]) -> Result<Self, Error> {
        let ci = der::parse(data)?;
        if ci.tag != 0x30 {
            return Err(Error::asn1("ContentInfo is not a SEQUENCE"));
        }
        let mut r = ci.reader();
        let ct = r.expect(0x06)?;
        if ct.content != oid_content(oids::SIGNED_DATA).as_slice() {
            return Err(Error::asn1("the CMS is not SignedData"));
        }
        let sd = r.expect(0xa0)?.reader().expect(0x30)?;
        let mut s = sd.reader();
        s.expect(0x02)?;
        s.expect(0x31)?;
        let eci = s.expect(0x30)?;
        let mut e = eci.reader();
        let econtent_type = e.expect(0x06)?.content;
        let econtent = match e.optional(0xa0)? {
            Some(w) => Some(w.reader().expect(0x04)?.content),
            None => None,
        };
        let mut certs = Vec::new();
        if let Some(c) = s.optional(0xa0)? {
            for cert in c.children()? {
                if cert.tag == 0x30 {
                    certs.push(cert.raw);
                }
            }
        }
        s.optional(0xa1)?; // crls
        let mut signers = Vec::new();
        for si in s.expect(0x31)?.children()? {
            signers.push(parse_signer_info(si)?);
        }
        Ok(SignedData {
            econtent_type,
            econtent,
            certs,
            signers,
        })
    }

    /// Finds the certificate matching a signer identifier.
    pub fn signer_cert(&self, si: &SignerInfo<'_>) -> Option<&'a [u8]> {
        self.certs
            .iter()
            .copied()
            .find(|c| match (CertInfo::parse(c), si.issuer_serial) {
                (Ok(ci), Some((iss, ser))) => ci.issuer_raw == iss && ci.serial_raw == ser,
                (Ok(_), None) => si.ski.is_some_and(|ski| {
                    openssl::x509::X509::from_der(c)
                        .ok()
                        .and_then(|x| x.subject_key_id().map(|k| k.as_slice() == ski))
                        .unwrap_or(false)
                }),
                _ => false,
            })
    }
}

fn parse_signer_info(si: Tlv<'_>) -> Result<SignerInfo<'_>, Error> {
    let mut r = si.reader();
    r.expect(0x02)?;
    let sid = r.next()?;
    let (issuer_serial, ski) = match sid.tag {
        0x30 => {
            let mut x = sid.reader();
            let iss = x.expect(0x30)?.raw;
            let ser = x.expect(0x02)?.raw;
            (Some((iss, ser)), None)
        }
        0x80 => (None, Some(sid.content)),
        _ => return Err(Error::asn1("unknown signer identifier")),
    };
    let dalg = r.expect(0x30)?;
    let digest_oid = dalg.reader().expect(0x06)?.content;
    let (signed_attrs_der, signed_attrs) = match r.optional(0xa0)? {
        Some(t) => {
            let mut raw = t.raw.to_vec();
            raw[0] = 0x31;
            (Some(raw), attrs(t)?)
        }
        None => (None, vec![]),
    };
    let salg = r.expect(0x30)?;
    let mut sr = salg.reader();
    let sig_alg_oid = sr.expect(0x06)?.content;
    let sig_alg_params = if sr.is_empty() {
        None
    } else {
        Some(sr.next()?)
    };
    let signature = r.expect(0x04)?.content;
    let unsigned_attrs = match r.optional(0xa1)? {
        Some(t) => attrs(t)?,
        None => vec![],
    };
    Ok(SignerInfo {
        issuer_serial,
        ski,
        digest: DigestAlgorithm::from_oid_content(digest_oid),
        digest_oid,
        signed_attrs_der,
        signed_attrs,
        sig_alg_oid,
        sig_alg_params,
        signature,
        unsigned_attrs,
    })
}

/// The fields of an RFC 3161 TSTInfo that verification needs.
pub struct TstInfo {
    pub imprint_alg: Option<DigestAlgorithm>,
    pub imprint: Vec<u8>,
    /// GeneralizedTime as written, e.g. "20261125123456Z".
    pub gen_time: String,
}

impl TstInfo {
    pub fn parse(data: &[u8]) -> Result<Self, Error> {
        let t = der::parse(data)?;
        let mut r = t.reader();
        r.expect(0x02)?;
        r.expect(0x06)?;
        let mi = r.expect(0x30)?;
        let mut m = mi.reader();
        let alg = m.expect(0x30)?.reader().expect(0x06)?.content;
        let imprint = m.expect(0x04)?.content.to_vec();
        r.expect(0x02)?;
        let gt = r.expect(0x18)?;
        Ok(TstInfo {
            imprint_alg: DigestAlgorithm::from_oid_content(alg),
            imprint,
            gen_time: String::from_utf8_lossy(gt.content).into_owned(),
        })
    }
}

/// Length of the DER object at the start of `data` (to strip a /Contents zero padding).
pub fn der_len(data: &[u8]) -> Option<usize> {
    der::parse(data).ok().map(|t| t.raw.len())
}
