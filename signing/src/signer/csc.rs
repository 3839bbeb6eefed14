//! Remote signing over the Cloud Signature Consortium API (v2, and v1 servers).
//!
//! The key lives in a remote qualified signature service. We hash locally and send only
//! the hash: `credentials/authorize` (hash-pinned, so it works with SCAL2 services) then
//! `signatures/signHash`. Request bodies carry both the v1 (`hash`, `hashAlgo`) and the
//! v2 (`hashes`, `hashAlgorithmOID`) field names, so one client talks to either version;
//! the caller gives the base URL including the version prefix (`https://host/csc/v2`).

use std::time::Duration;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use openssl::ecdsa::EcdsaSig;
use serde_json::{json, Value};

use super::{ecdsa_raw_to_der, Identity, KeyAlgorithm, Signer};
use crate::tsa::{hash, http_agent_no_redirects, read_body};
use crate::{DigestAlgorithm, Error};

/// How to authenticate to the service.
#[derive(Clone, Debug)]
pub enum CscAuth {
    /// No authentication (test services, or a gateway that authenticates the client).
    None,
    /// `auth/login` with HTTP basic credentials; the returned access token is used after.
    Basic { user: String, password: String },
    /// An OAuth2 access token obtained elsewhere.
    Bearer(String),
}

/// A credential (key + certificate) on a CSC service.
pub struct CscSigner {
    agent: ureq::Agent,
    base: String,
    token: Option<String>,
    credential_id: String,
    pin: Option<String>,
    id: Identity,
}

impl std::fmt::Debug for CscSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CscSigner")
            .field("base", &self.base)
            .field("credential_id", &self.credential_id)
            .finish()
    }
}

fn b64(v: &Value, what: &str) -> Result<Vec<u8>, Error> {
    let s = v
        .as_str()
        .ok_or_else(|| Error::Csc(format!("{what} is not a string")))?;
    B64.decode(s.trim())
        .map_err(|e| Error::Csc(format!("{what} is not base64: {e}")))
}

impl CscSigner {
    /// Logs in (if asked), picks the credential (`credential_id`, or the only one listed),
    /// and reads its certificate chain and key type from `credentials/info`.
    pub fn connect(
        base_url: &str,
        auth: CscAuth,
        credential_id: Option<&str>,
    ) -> Result<Self, Error> {
        let mut s = CscSigner {
            agent: http_agent_no_redirects(Duration::from_secs(60)),
            base: base_url.trim_end_matches('/').to_string(),
            token: None,
            credential_id: String::new(),
            pin: None,
            id: Identity { cert: Vec::new(), chain: Vec::new(), alg: KeyAlgorithm::RsaPkcs1v15 },
        };
        match auth {
            CscAuth::None => {}
            CscAuth::Bearer(t) => s.token = Some(t),
            CscAuth::Basic { user, password } => {
                let basic = format!("Basic {}", B64.encode(format!("{user}:{password}")));
                let v = s.post_with("auth/login", &json!({"rememberMe": false}), Some(&basic))?;
                let t = v["access_token"]
                    .as_str()
                    .ok_or_else(|| Error::Csc("auth/login gave no access_token".into()))?;
                s.token = Some(t.to_string());
            }
        }
        s.credential_id = match credential_id {
            Some(id) => id.to_string(),
            None => {
                let v = s.post("credentials/list", &json!({"maxResults": 100}))?;
                let ids: Vec<String> = v["credentialIDs"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                match ids.as_slice() {
                    [one] => one.clone(),
                    [] => return Err(Error::Csc("the service lists no credential".into())),
                    many => {
                        return Err(Error::Csc(format!(
                            "several credentials, name one of {many:?}"
                        )))
                    }
                }
            }
        };
        let info = s.post(
            "credentials/info",
            &json!({"credentialID": s.credential_id, "certificates": "chain", "certInfo": false, "authInfo": false}),
        )?;
        let certs = info["cert"]["certificates"]
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| {
                Error::Csc(format!(
                    "credential {:?} has no certificate",
                    s.credential_id
                ))
            })?;
        let mut ders = certs
            .iter()
            .map(|c| b64(c, "certificate"))
            .collect::<Result<Vec<_>, _>>()?;
        s.id.cert = ders.remove(0);
        s.id.chain = ders;
        s.id.alg = KeyAlgorithm::of_certificate(&s.id.cert)?;
        if let Some(status) = info["key"]["status"].as_str() {
            if status != "enabled" {
                return Err(Error::Csc(format!(
                    "key of credential {:?} is {status}",
                    s.credential_id
                )));
            }
        }
        Ok(s)
    }

    /// PIN sent with `credentials/authorize` (services with explicit authorization).
    pub fn with_pin(mut self, pin: impl Into<String>) -> Self {
        self.pin = Some(pin.into());
        self
    }

    /// Signs with RSASSA-PSS (salt = digest length, MGF1 with the same digest).
    pub fn with_pss(mut self) -> Result<Self, Error> {
        self.id.alg = self.id.alg.with_pss()?;
        Ok(self)
    }

    pub fn credential_id(&self) -> &str {
        &self.credential_id
    }

    fn post(&self, method: &str, body: &Value) -> Result<Value, Error> {
        let bearer = self.token.as_ref().map(|t| format!("Bearer {t}"));
        self.post_with(method, body, bearer.as_deref())
    }

    fn post_with(
        &self,
        method: &str,
        body: &Value,
        authorization: Option<&str>,
    ) -> Result<Value, Error> {
        let url = format!("{}/{method}", self.base);
        let mut req = self
            .agent
            .post(&url)
            .set("Content-Type", "application/json");
        if let Some(a) = authorization {
            req = req.set("Authorization", a);
        }
        let resp = match req.send_string(&body.to_string()) {
            Ok(r) => r,
            Err(ureq::Error::Status(code, r)) => {
                let text = read_body(r, 64 << 10)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default();
                return Err(Error::Csc(format!("{method}: HTTP {code} {}", text.trim())));
            }
            Err(e) => return Err(Error::Csc(format!("{method}: {e}"))),
        };
        let bytes = read_body(resp, 16 << 20).map_err(|e| Error::Csc(format!("{method}: {e}")))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| Error::Csc(format!("{method}: answer is not JSON: {e}")))
    }
}


fn digest_oid(d: DigestAlgorithm) -> &'static str {
    match d {
        DigestAlgorithm::Sha256 => "2.16.840.1.101.3.4.2.1",
        DigestAlgorithm::Sha384 => "2.16.840.1.101.3.4.2.2",
        DigestAlgorithm::Sha512 => "2.16.840.1.101.3.4.2.3",
    }
}

/// `signAlgo` OID and, for PSS, the base64 DER `RSASSA-PSS-params`.
fn sign_algo(alg: KeyAlgorithm, d: DigestAlgorithm) -> (&'static str, Option<String>) {
    let idx = match d {
        DigestAlgorithm::Sha256 => 0,
        DigestAlgorithm::Sha384 => 1,
        DigestAlgorithm::Sha512 => 2,
    };
    match alg {
        KeyAlgorithm::RsaPkcs1v15 => (
            [
                "1.2.840.113549.1.1.11",
                "1.2.840.113549.1.1.12",
                "1.2.840.113549.1.1.13",
            ][idx],
            None,
        ),
        KeyAlgorithm::EcdsaP256 | KeyAlgorithm::EcdsaP384 => (
            [
                "1.2.840.10045.4.3.2",
                "1.2.840.10045.4.3.3",
                "1.2.840.10045.4.3.4",
            ][idx],
            None,
        ),
        KeyAlgorithm::RsaPss => {
            // SEQUENCE { [0] hashAlg, [1] MGF1(hashAlg), [2] saltLength }
            let h: [u8; 13] = [
                0x30,
                0x0b,
                0x06,
                0x09,
                0x60,
                0x86,
                0x48,
                0x01,
                0x65,
                0x03,
                0x04,
                0x02,
                (idx + 1) as u8,
            ];
            let mut mgf = vec![
                0x30, 0x18, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08,
            ];
            mgf.extend_from_slice(&h);
            let salt = [32u8, 48, 64][idx];
            let mut body = vec![0xa0, h.len() as u8];
            body.extend_from_slice(&h);
            body.extend_from_slice(&[0xa1, mgf.len() as u8]);
            body.extend_from_slice(&mgf);
            body.extend_from_slice(&[0xa2, 0x03, 0x02, 0x01, salt]);
            let mut params = vec![0x30, body.len() as u8];
            params.extend_from_slice(&body);
            ("1.2.840.113549.1.1.10", Some(B64.encode(params)))
        }
    }
}

/// Services return ECDSA signatures as DER or as raw `r || s`; we need DER.
fn ecdsa_to_der(sig: Vec<u8>) -> Result<Vec<u8>, Error> {
    if EcdsaSig::from_der(&sig).is_ok() {
        return Ok(sig);
    }
    ecdsa_raw_to_der(&sig)
}

impl Signer for CscSigner {
    fn identity(&self) -> &Identity {
        &self.id
    }
    fn sign(&self, digest: DigestAlgorithm, data: &[u8]) -> Result<Vec<u8>, Error> {
        let h = B64.encode(hash(digest, data));
        let oid = digest_oid(digest);
        let mut auth = json!({
            "credentialID": self.credential_id, "numSignatures": 1,
            "hash": [h], "hashes": [h], "hashAlgorithmOID": oid,
        });
        if let Some(pin) = &self.pin {
            auth["PIN"] = json!(pin);
        }
        let sad = self.post("credentials/authorize", &auth)?;
        let sad = sad["SAD"]
            .as_str()
            .ok_or_else(|| Error::Csc("credentials/authorize gave no SAD".into()))?;
        let (sign_algo, params) = sign_algo(self.id.alg, digest);
        let mut req = json!({
            "credentialID": self.credential_id, "SAD": sad,
            "hash": [h], "hashes": [h], "hashAlgo": oid, "hashAlgorithmOID": oid, "signAlgo": sign_algo,
        });
        if let Some(p) = params {
            req["signAlgoParams"] = json!(p);
        }
        let v = self.post("signatures/signHash", &req)?;
        let sig = v["signatures"]
            .get(0)
            .ok_or_else(|| Error::Csc("signatures/signHash gave no signature".into()))?;
        let sig = b64(sig, "signature")?;
        match self.id.alg {
            KeyAlgorithm::EcdsaP256 | KeyAlgorithm::EcdsaP384 => ecdsa_to_der(sig),
            _ => Ok(sig),
        }
    }
}
