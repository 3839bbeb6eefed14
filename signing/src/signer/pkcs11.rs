//! A key on a PKCS#11 token (smart card, HSM, SoftHSM2), used through `cryptoki`.
//!
//! The key never leaves the token. We hash on our side and ask the token for the raw
//! operation (CKM_RSA_PKCS over a DigestInfo, CKM_RSA_PKCS_PSS over the hash, CKM_ECDSA
//! over the hash): those three mechanisms are the ones nearly every token implements,
//! whereas hash-and-sign mechanisms are often missing on smart cards.

use std::path::Path;
use std::sync::Mutex;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use openssl::x509::X509;

use super::{ecdsa_raw_to_der, Identity, KeyAlgorithm, Signer};
use crate::tsa::hash;
use crate::{DigestAlgorithm, Error};

/// A signing key held by a PKCS#11 token, with its certificate and chain.
pub struct Pkcs11Signer {
    // Kept alive for the session; dropping it finalizes the module.
    _ctx: Pkcs11,
    session: Mutex<Session>,
    key: ObjectHandle,
    id: Identity,
}

impl std::fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Signer")
            .field("alg", &self.id.alg)
            .finish_non_exhaustive()
    }
}

fn ck(what: &str) -> impl Fn(CkError) -> Error + '_ {
    move |e| Error::Pkcs11(format!("{what}: {e}"))
}

impl Pkcs11Signer {
    /// Loads `module_path`, finds the token labelled `token_label`, logs in with `pin`
    /// and finds the private key labelled `key_label`. The certificate is read from the
    /// token (same label, or same CKA_ID as the key); other certificates on the token
    /// that form its chain are taken as the chain.
    pub fn open(
        module_path: &Path,
        token_label: &str,
        key_label: &str,
        pin: &str,
    ) -> Result<Self, Error> {
        Self::open_inner(module_path, token_label, key_label, pin, None)
    }

    /// Like [`Self::open`] for tokens that hold only the key: the certificate (DER) and
    /// chain (DER, nearest first) are given.
    pub fn open_with_certificate(
        module_path: &Path,
        token_label: &str,
        key_label: &str,
        pin: &str,
        cert_der: Vec<u8>,
        chain: Vec<Vec<u8>>,
    ) -> Result<Self, Error> {
        Self::open_inner(
            module_path,
            token_label,
            key_label,
            pin,
            Some((cert_der, chain)),
        )
    }

    fn open_inner(
        module_path: &Path,
        token_label: &str,
        key_label: &str,
        pin: &str,
        given: Option<(Vec<u8>, Vec<Vec<u8>>)>,
    ) -> Result<Self, Error> {
        if !module_path.exists() {
            return Err(Error::Pkcs11(format!(
                "module {} not found",
                module_path.display()
            )));
        }
        let ctx = Pkcs11::new(module_path).map_err(ck("loading the module"))?;
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(ck("initializing the module")(e)),
        }
        let mut labels = Vec::new();
        let mut slot = None;
        for s in ctx.get_slots_with_token().map_err(ck("listing slots"))? {
            let label = ctx
                .get_token_info(s)
                .map_err(ck("reading token info"))?
                .label()
                .trim()
                .to_string();
            if label == token_label {
                slot = Some(s);
                break;
            }
            labels.push(label);
        }
        let slot = slot.ok_or_else(|| {
            Error::Pkcs11(format!(
                "no token labelled {token_label:?} (tokens present: {labels:?})"
            ))
        })?;
        let session = ctx.open_ro_session(slot).map_err(ck("opening a session"))?;
        match session.login(UserType::User, Some(&AuthPin::from(pin.to_string()))) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(CkError::Pkcs11(RvError::PinIncorrect, _)) => {
                return Err(Error::Pkcs11(format!(
                    "wrong PIN for token {token_label:?}"
                )))
            }
            Err(e) => return Err(ck("logging in")(e)),
        }
        let keys = session
            .find_objects(&[
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::Label(key_label.as_bytes().to_vec()),
            ])
            .map_err(ck("searching keys"))?;
        let key = *keys.first().ok_or_else(|| {
            Error::Pkcs11(format!(
                "no private key labelled {key_label:?} on token {token_label:?}"
            ))
        })?;
        let (cert, chain) = match given {
            Some(c) => c,
            None => token_certificates(&session, key, key_label)?,
        };
        let alg = KeyAlgorithm::of_certificate(&cert)?;
        Ok(Pkcs11Signer {
            _ctx: ctx,
            session: Mutex::new(session),
            key,
            id: Identity { cert, chain, alg },
        })
    }

    /// Signs with RSASSA-PSS (salt = digest length, MGF1 with the same digest).
    pub fn with_pss(mut self) -> Result<Self, Error> {
        self.id.alg = self.id.alg.with_pss()?;
        Ok(self)
    }
}

/// The signer certificate (by label, else by the key's CKA_ID) and the chain found
/// among the token's other certificates.
fn token_certificates(
    session: &Session,
    key: ObjectHandle,
    label: &str,
) -> Result<(Vec<u8>, Vec<Vec<u8>>), Error> {
    let mut all = Vec::new();
    for h in session
        .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
        .map_err(ck("searching certificates"))?
    {
        let mut value = None;
        let mut cert_label = Vec::new();
        let mut id = Vec::new();
        for a in session
            .get_attributes(
                h,
                &[
                    AttributeType::Value,
                    AttributeType::Label,
                    AttributeType::Id,
                ],
            )
            .map_err(ck("reading a certificate"))?
        {
            match a {
                Attribute::Value(v) => value = Some(v),
                Attribute::Label(l) => cert_label = l,
                Attribute::Id(i) => id = i,
                _ => {}
            }
        }
        if let Some(v) = value {
            all.push((v, cert_label, id));
        }
    }
    let key_id = session
        .get_attributes(key, &[AttributeType::Id])
        .ok()
        .and_then(|attrs| {
            attrs.into_iter().find_map(|a| {
                if let Attribute::Id(i) = a {
                    Some(i)
                } else {
                    None
                }
            })
        })
        .unwrap_or_default();
    let pos = all
        .iter()
        .position(|(_, l, _)| l == label.as_bytes())
        .or_else(|| {
            all.iter()
                .position(|(_, _, i)| !key_id.is_empty() && *i == key_id)
        })
        .ok_or_else(|| {
            Error::Pkcs11(format!(
                "no certificate for key {label:?} on the token; give it to open_with_certificate"
            ))
        })?;
    let cert = all.remove(pos).0;
    // Walk issuers among the remaining certificates, stopping at a self-signed one.
    let others: Vec<X509> = all
        .iter()
        .filter_map(|(v, _, _)| X509::from_der(v).ok())
        .collect();
    let mut chain = Vec::new();
    let mut current = X509::from_der(&cert)
        .map_err(|e| Error::Key(format!("token certificate unreadable: {e}")))?;
    while chain.len() < 8 {
        if current.issued(&current) == openssl::x509::X509VerifyResult::OK {
            break;
        }
        let Some(issuer) = others
            .iter()
            .find(|c| c.issued(&current) == openssl::x509::X509VerifyResult::OK)
        else {
            break;
        };
        chain.push(issuer.to_der().map_err(Error::Crypto)?);
        current = issuer.clone();
    }
    Ok((cert, chain))
}


/// DER DigestInfo prefix for each digest (RFC 8017 §9.2, note 1).
fn digest_info_prefix(d: DigestAlgorithm) -> &'static [u8] {
    match d {
        DigestAlgorithm::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        DigestAlgorithm::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        DigestAlgorithm::Sha512 => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
    }
}


impl Signer for Pkcs11Signer {
    fn identity(&self) -> &Identity {
        &self.id
    }
    fn sign(&self, digest: DigestAlgorithm, data: &[u8]) -> Result<Vec<u8>, Error> {
        let h = hash(digest, data);
        let session = self
            .session
            .lock()
            .map_err(|_| Error::Pkcs11("session lock poisoned".into()))?;
        match self.id.alg {
            KeyAlgorithm::RsaPkcs1v15 => {
                let mut di = digest_info_prefix(digest).to_vec();
                di.extend_from_slice(&h);
                session
                    .sign(&Mechanism::RsaPkcs, self.key, &di)
                    .map_err(ck("RSA signing"))
            }
            KeyAlgorithm::RsaPss => {
                let (hash_alg, mgf) = match digest {
                    DigestAlgorithm::Sha256 => (MechanismType::SHA256, PkcsMgfType::MGF1_SHA256),
                    DigestAlgorithm::Sha384 => (MechanismType::SHA384, PkcsMgfType::MGF1_SHA384),
                    DigestAlgorithm::Sha512 => (MechanismType::SHA512, PkcsMgfType::MGF1_SHA512),
                };
                let params = PkcsPssParams {
                    hash_alg,
                    mgf,
                    s_len: (h.len() as u64).into(),
                };
                session
                    .sign(&Mechanism::RsaPkcsPss(params), self.key, &h)
                    .map_err(ck("RSA-PSS signing"))
            }
            KeyAlgorithm::EcdsaP256 | KeyAlgorithm::EcdsaP384 => {
                let raw = session
                    .sign(&Mechanism::Ecdsa, self.key, &h)
                    .map_err(ck("ECDSA signing"))?;
                ecdsa_raw_to_der(&raw)
            }
        }
    }
}
