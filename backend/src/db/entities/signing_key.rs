use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An official's signing key: an encrypted PKCS#12, a PKCS#11 token or a CSC credential.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "signing_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// `pkcs12`, `pkcs11` or `csc`.
    pub kind: String,
    pub label: String,
    /// AES-256-GCM (12-byte nonce first) of the PKCS#12 file; never serialised.
    #[serde(skip)]
    pub p12_encrypted: Option<Vec<u8>>,
    #[serde(skip)]
    pub certificate: Option<Vec<u8>>,
    pub pkcs11_module: Option<String>,
    /// Label of the token (slot) holding the key.
    pub pkcs11_token: Option<String>,
    pub pkcs11_label: Option<String>,
    pub csc_endpoint: Option<String>,
    pub csc_credential_id: Option<String>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// `signing` or `test` (`domain::parapheur::keys::KeyPurpose`).
    pub purpose: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
