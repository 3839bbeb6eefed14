//! The officials' signing keys. A PKCS#12 keystore is checked against its PIN on upload,
//! then kept encrypted at rest (AES-256-GCM under `parapheur.key_encryption_key`, bound to
//! its owner by the associated data) and unlocked with the PIN for one signature or one
//! batch; the PIN itself is never stored. A PKCS#11 token or a CSC credential is stored by
//! reference only (module + token + key label; endpoint + credential id).

use std::sync::Arc;

use chrono::Utc;
use openssl::symm::{decrypt_aead, encrypt_aead, Cipher};
use sea_orm::Set;
use sijill_signing::signer::csc::CscAuth;
use sijill_signing::signer::{CscSigner, Pkcs11Signer, Pkcs12Signer};
use sijill_signing::cades::build::SignerTemplate;
use sijill_signing::Signer;

use super::msg::PMsg;
use crate::db::entities::signing_key;
use crate::db::parapheur as q;
use crate::domain::audit::{self, AuditEvent};
use crate::domain::auth::CurrentUser;
use crate::domain::throttle::Limit;
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Audit action: a signing key was registered.
pub const KEY_REGISTERED: &str = "parapheur.key_registered";
/// Audit subject kind for keys (`signing_keys.id`).
pub const KEY: &str = "signing_key";

/// What a key may sign. Only a `Signing` key whose certificate chains to the
/// administration's trust anchors signs an answer; a `Test` key (any certificate, e.g. a
/// self-made one for trying the parapheur) signs internal folders only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum KeyPurpose {
    Signing,
    Test,
}

impl KeyPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyPurpose::Signing => "signing",
            KeyPurpose::Test => "test",
        }
    }
    /// A stored value; anything unknown is treated as a test key (never signs an answer).
    pub fn of_stored(s: &str) -> KeyPurpose {
        if s == "signing" { KeyPurpose::Signing } else { KeyPurpose::Test }
    }
}

/// A key unlocked for one signature or one batch, with what it may sign.
#[derive(Clone)]
pub struct UnlockedKey {
    pub signer: Arc<dyn Signer>,
    pub template: Arc<SignerTemplate>,
    pub purpose: KeyPurpose,
    /// The certificate chains to the trust anchors (checked on the certificate the key
    /// signs with, so also for tokens and remote services).
    pub chain_trusted: bool,
    /// A remote (CSC) service: its failures are reported without their detail.
    pub remote: bool,
}

impl UnlockedKey {
    /// May this key sign an answer of the administration?
    pub fn check_for_answer(&self) -> Result<()> {
        if self.purpose == KeyPurpose::Test {
            return Err(Error::Forbidden(Msg::Parapheur(PMsg::TestKeyForAnswer)));
        }
        if !self.chain_trusted {
            return Err(Error::Forbidden(Msg::Parapheur(PMsg::KeyNotTrusted)));
        }
        Ok(())
    }

    /// The error a failed signature is reported with: a remote service's detail goes to
    /// the logs only (it would tell the caller what answers at an address).
    pub fn failure(&self, e: sijill_signing::Error) -> Error {
        if self.remote {
            tracing::warn!(error = %e, "remote signing service failed");
            Error::Unavailable(Msg::Parapheur(PMsg::SigningServiceUnavailable))
        } else {
            perr(PMsg::SigningFailed(e.to_string()))
        }
    }
}

/// What an official registers.
#[derive(Debug, Clone)]
pub enum NewKey {
    Pkcs12 { p12: Vec<u8>, pin: String },
    Pkcs11 { module: String, token: String, key_label: String },
    Csc { endpoint: String, credential_id: String },
}

fn perr(m: PMsg) -> Error {
    Error::BadRequest(Msg::Parapheur(m))
}

fn kek(s: &Services) -> Result<Vec<u8>> {
    hex::decode(&s.config.parapheur.key_encryption_key).map_err(|_| Error::internal("parapheur.key_encryption_key is not hex"))
}

fn aad(user_id: i32) -> Vec<u8> {
    format!("sijill-pkcs12:{user_id}").into_bytes()
}

/// nonce (12) ‖ ciphertext ‖ tag (16).
pub fn seal_keystore(key: &[u8], user_id: i32, p12: &[u8]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; 12];
    openssl::rand::rand_bytes(&mut nonce).map_err(Error::internal)?;
    let mut tag = [0u8; 16];
    let ct = encrypt_aead(Cipher::aes_256_gcm(), key, Some(&nonce), &aad(user_id), p12, &mut tag).map_err(Error::internal)?;
    Ok([&nonce[..], &ct, &tag].concat())
}

pub fn open_keystore(key: &[u8], user_id: i32, blob: &[u8]) -> Result<Vec<u8>> {
    if blob.len() < 28 {
        return Err(Error::internal("stored keystore is truncated"));
    }
    let (nonce, rest) = blob.split_at(12);
    let (ct, tag) = rest.split_at(rest.len() - 16);
    decrypt_aead(Cipher::aes_256_gcm(), key, Some(nonce), &aad(user_id), ct, tag)
        .map_err(|_| Error::internal("stored keystore does not decrypt with parapheur.key_encryption_key"))
}

/// Opens a PKCS#12: not a keystore → `BadKeystore`, PIN not opening it → `WrongPin`.
fn unlock_p12(p12: &[u8], pin: &str) -> Result<Pkcs12Signer> {
    let parsed = openssl::pkcs12::Pkcs12::from_der(p12).map_err(|_| perr(PMsg::BadKeystore))?;
    parsed.parse2(pin).map_err(|_| perr(PMsg::WrongPin))?;
    Pkcs12Signer::from_pkcs12_der(p12, pin).map_err(|_| perr(PMsg::BadKeystore))
}

/// A key row as shown to its owner (never the keystore).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct KeyView {
    pub id: i32,
    pub kind: String,
    pub label: String,
    /// Subject of the certificate, when known.
    pub subject: Option<String>,
    /// The certificate's validity period, when known.
    pub not_before: Option<chrono::DateTime<Utc>>,
    pub not_after: Option<chrono::DateTime<Utc>>,
    pub active: bool,
    /// `test`: a key whose certificate is not from a trusted authority; it never signs an
    /// answer of the administration.
    pub purpose: KeyPurpose,
}

fn subject_of(cert: &[u8]) -> Option<String> {
    let c = openssl::x509::X509::from_der(cert).ok()?;
    let parts: Vec<String> = c
        .subject_name()
        .entries()
        .filter_map(|e| Some(format!("{}={}", e.object().nid().short_name().ok()?, String::from_utf8_lossy(e.data().as_slice()))))
        .collect();
    Some(parts.join(", "))
}

/// (not before, not after) of a DER certificate.
fn validity_of(cert: &[u8]) -> Option<(chrono::DateTime<Utc>, chrono::DateTime<Utc>)> {
    let c = openssl::x509::X509::from_der(cert).ok()?;
    let epoch = openssl::asn1::Asn1Time::from_unix(0).ok()?;
    let at = |t: &openssl::asn1::Asn1TimeRef| {
        let d = epoch.diff(t).ok()?;
        chrono::DateTime::from_timestamp(i64::from(d.days) * 86_400 + i64::from(d.secs), 0)
    };
    Some((at(c.not_before())?, at(c.not_after())?))
}

impl KeyView {
    pub fn of(k: &signing_key::Model) -> KeyView {
        let validity = k.certificate.as_deref().and_then(validity_of);
        KeyView {
            id: k.id,
            kind: k.kind.clone(),
            label: k.label.clone(),
            subject: k.certificate.as_deref().and_then(subject_of),
            not_before: validity.map(|v| v.0),
            not_after: validity.map(|v| v.1),
            active: k.active,
            purpose: KeyPurpose::of_stored(&k.purpose),
        }
    }
}

impl Services {
    /// Registers `user`'s key (it becomes their active key). A PKCS#12 must open with the
    /// PIN given now, so that a wrong file or PIN is caught at upload, not at signing.
    ///
    /// A PKCS#12 whose certificate does not chain to the trust anchors is accepted only as
    /// a `Test` key. A token's or a service's certificate is read at each signature, where
    /// the chain is checked before an answer is signed.
    pub async fn register_key(&self, user: &CurrentUser, label: &str, key: NewKey, purpose: KeyPurpose) -> Result<KeyView> {
        if !user.roles.iter().any(|g| g.role != crate::domain::auth::Role::Filer) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let label = label.trim();
        let label = if label.is_empty() { "clé" } else { label };
        let mut m = signing_key::ActiveModel {
            user_id: Set(user.id),
            label: Set(label.chars().take(200).collect()),
            active: Set(true),
            created_at: Set(Utc::now()),
            purpose: Set(purpose.as_str().to_owned()),
            ..Default::default()
        };
        match key {
            NewKey::Pkcs12 { p12, pin } => {
                let trust = self.parapheur.clone();
                let (cert, p12, trusted) = tokio::task::spawn_blocking(move || {
                    unlock_p12(&p12, &pin).map(|s| (s.certificate().to_vec(), p12, trust.chains_to_anchors(s.certificate(), s.chain())))
                })
                .await
                .map_err(Error::internal)??;
                if !trusted && purpose != KeyPurpose::Test {
                    return Err(perr(PMsg::KeyNotTrusted));
                }
                m.kind = Set("pkcs12".into());
                m.p12_encrypted = Set(Some(seal_keystore(&kek(self)?, user.id, &p12)?));
                m.certificate = Set(Some(cert));
            }
            NewKey::Pkcs11 { module, token, key_label } => {
                if module.trim().is_empty() || token.trim().is_empty() || key_label.trim().is_empty() {
                    return Err(Error::BadRequest(Msg::MissingField("pkcs11")));
                }
                if !self.config.parapheur.pkcs11_allowed(module.trim()) {
                    return Err(perr(PMsg::KeySourceNotAllowed(module)));
                }
                m.kind = Set("pkcs11".into());
                m.pkcs11_module = Set(Some(module));
                m.pkcs11_token = Set(Some(token));
                m.pkcs11_label = Set(Some(key_label));
            }
            NewKey::Csc { endpoint, credential_id } => {
                if !endpoint.starts_with("http") || credential_id.trim().is_empty() {
                    return Err(Error::BadRequest(Msg::InvalidValue("csc")));
                }
                // Stored as parsed: the address called is the one that was checked.
                let Some(endpoint) = self.config.parapheur.csc_allowed(&endpoint) else {
                    return Err(perr(PMsg::KeySourceNotAllowed(endpoint)));
                };
                m.kind = Set("csc".into());
                m.csc_endpoint = Set(Some(endpoint));
                m.csc_credential_id = Set(Some(credential_id));
            }
        }
        let tx = self.db.write().await?;
        let k = q::insert_key(&tx, m, user.id).await?;
        let admin = user.roles.iter().find_map(|g| g.administration_id);
        audit::record(&tx, AuditEvent::new(admin, Some(user.id), KEY_REGISTERED, KEY, &k.id.to_string())
            .with(serde_json::json!({"kind": k.kind, "label": k.label, "purpose": k.purpose}))).await?;
        tx.commit().await?;
        Ok(KeyView::of(&k))
    }

    /// `user`'s active key, unlocked with `pin`, ready to sign many documents. Every PIN
    /// entry (one signature, one batch) comes here: wrong PINs are limited per key
    /// (`throttle::Limit::Pin`; 429 while locked, the owner warned by e-mail). A CSC key's
    /// PIN goes to the remote service, which keeps its own count.
    pub async fn unlock_signer(&self, user_id: i32, pin: &str) -> Result<Arc<dyn Signer>> {
        let k = q::active_key(&self.db.conn, user_id).await?.ok_or_else(|| perr(PMsg::NoSigningKey))?;
        if k.kind == "csc" {
            return self.open_signer(k, pin).await;
        }
        let subject = format!("{user_id}:{}", k.id);
        let attempt = self.attempt(&[(Limit::Pin, &subject)]).await?;
        let res = self.open_signer(k, pin).await;
        match &res {
            Ok(_) => attempt.succeeded(self).await?,
            Err(Error::BadRequest(Msg::Parapheur(PMsg::WrongPin))) => {
                if !attempt.failed().is_empty() {
                    self.warn_of_lockout(user_id, Limit::Pin, &subject).await;
                }
            }
            Err(_) => attempt.not_counted(self).await?,
        }
        res
    }

    async fn open_signer(&self, k: signing_key::Model, pin: &str) -> Result<Arc<dyn Signer>> {
        let pin = pin.to_owned();
        let kek = kek(self)?;
        // Checked again here: a key registered before the administrators withdrew its module
        // or service must not be used.
        let allowed = &self.config.parapheur;
        match (k.pkcs11_module.as_deref(), k.csc_endpoint.as_deref()) {
            (Some(m), _) if k.kind == "pkcs11" && !allowed.pkcs11_allowed(m) => return Err(perr(PMsg::KeySourceNotAllowed(m.to_owned()))),
            (_, Some(e)) if k.kind == "csc" && allowed.csc_allowed(e).is_none() => return Err(perr(PMsg::KeySourceNotAllowed(e.to_owned()))),
            _ => {}
        }
        tokio::task::spawn_blocking(move || -> Result<Arc<dyn Signer>> {
            let failed = |e: sijill_signing::Error| perr(PMsg::SigningFailed(e.to_string()));
            match k.kind.as_str() {
                "pkcs12" => {
                    let blob = k.p12_encrypted.as_deref().ok_or_else(|| Error::internal("pkcs12 key without keystore"))?;
                    let p12 = open_keystore(&kek, k.user_id, blob)?;
                    Ok(Arc::new(unlock_p12(&p12, &pin)?))
                }
                "pkcs11" => {
                    let module = std::path::PathBuf::from(k.pkcs11_module.unwrap_or_default());
                    let s = Pkcs11Signer::open(&module, &k.pkcs11_token.unwrap_or_default(), &k.pkcs11_label.unwrap_or_default(), &pin)
                        .map_err(|e| match e {
                            sijill_signing::Error::Pkcs11(ref m) if m.contains("PIN") => perr(PMsg::WrongPin),
                            e => failed(e),
                        })?;
                    Ok(Arc::new(s))
                }
                "csc" => {
                    // The service's own words stay in the logs (they would make this a probe
                    // of whatever answers at an address).
                    let s = CscSigner::connect(&k.csc_endpoint.unwrap_or_default(), CscAuth::None, k.csc_credential_id.as_deref()).map_err(|e| {
                        tracing::warn!(key = k.id, error = %e, "remote signing service failed");
                        Error::Unavailable(Msg::Parapheur(PMsg::SigningServiceUnavailable))
                    })?;
                    // Services with implicit authorization take no PIN.
                    Ok(Arc::new(if pin.is_empty() { s } else { s.with_pin(pin) }))
                }
                other => Err(Error::internal(format!("unknown key kind {other}"))),
            }
        })
        .await
        .map_err(Error::internal)?
    }

    /// `user`'s active key unlocked with `pin`, with its signing template and what it may
    /// sign (see [`UnlockedKey::check_for_answer`]).
    pub async fn unlock_key(&self, user_id: i32, pin: &str) -> Result<UnlockedKey> {
        let row = q::active_key(&self.db.conn, user_id).await?.ok_or_else(|| perr(PMsg::NoSigningKey))?;
        let signer = self.unlock_signer(user_id, pin).await?;
        let trust = self.parapheur.clone();
        let remote = row.kind == "csc";
        let s = signer.clone();
        let (template, chain_trusted) = tokio::task::spawn_blocking(move || {
            let tpl = SignerTemplate::new(&*s, Default::default());
            (tpl, trust.chains_to_anchors(s.certificate(), s.chain()))
        })
        .await
        .map_err(Error::internal)?;
        let template = Arc::new(template.map_err(|e| perr(PMsg::SigningFailed(e.to_string())))?);
        Ok(UnlockedKey { signer, template, purpose: KeyPurpose::of_stored(&row.purpose), chain_trusted, remote })
    }

    /// The keys of `user`.
    pub async fn my_key(&self, user: &CurrentUser) -> Result<Option<KeyView>> {
        Ok(q::active_key(&self.db.conn, user.id).await?.as_ref().map(KeyView::of))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystore_round_trip_is_bound_to_its_owner() {
        let key = [7u8; 32];
        let blob = seal_keystore(&key, 5, b"p12 bytes").unwrap();
        assert_eq!(open_keystore(&key, 5, &blob).unwrap(), b"p12 bytes");
        assert!(open_keystore(&key, 6, &blob).is_err(), "another user's row does not decrypt");
        assert!(open_keystore(&[8u8; 32], 5, &blob).is_err(), "another key does not decrypt");
        assert!(open_keystore(&key, 5, &blob[..10]).is_err());
    }
}
