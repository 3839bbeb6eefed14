//! Correspondents: the people and organisations an administration's mail comes from or goes
//! to, kept as an address book that clerks search as they type.

use serde::{Deserialize, Serialize};

use super::auth::CurrentUser;
use super::authz::{self, Action};
use super::Services;
use crate::db::correspondents as q;
use crate::db::entities::correspondent;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// At most this many suggestions per search (a short list to pick from while typing).
pub const SEARCH_LIMIT: u64 = 10;
/// The kinds of correspondent; `administration` is also created by the API channel.
pub const KINDS: [&str; 3] = ["person", "organisation", "administration"];

/// A correspondent as the API and pages show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CorrespondentView {
    pub id: i32,
    /// `person`, `organisation` or `administration`.
    pub kind: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

impl From<correspondent::Model> for CorrespondentView {
    fn from(m: correspondent::Model) -> Self {
        CorrespondentView { id: m.id, kind: m.kind, name: m.name, email: m.email, phone: m.phone, address: m.address }
    }
}

/// What a clerk types to create or edit a correspondent.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CorrespondentInput {
    /// `person` (default), `organisation` or `administration`.
    #[serde(default)]
    pub kind: Option<String>,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

fn opt(s: Option<String>, field: &'static str, max: usize) -> Result<Option<String>> {
    match s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
        Some(s) if s.chars().count() > max => Err(Error::BadRequest(Msg::FieldTooLong(field, max))),
        other => Ok(other),
    }
}

/// Checks and normalises a correspondent's fields.
pub fn check(input: CorrespondentInput) -> Result<q::Fields> {
    let name = super::names::Name::parse("correspondent_name", &input.name, 200)?.into_inner();
    let kind = input.kind.map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).unwrap_or_else(|| "person".into());
    if !KINDS.contains(&kind.as_str()) {
        return Err(Error::BadRequest(Msg::InvalidValue("correspondent_kind")));
    }
    let email = match opt(input.email, "correspondent_email", 254)? {
        Some(e) => Some(super::auth::normalize_email(&e).map_err(|_| Error::BadRequest(Msg::InvalidValue("correspondent_email")))?),
        None => None,
    };
    Ok(q::Fields {
        kind,
        name,
        email,
        phone: opt(input.phone, "correspondent_phone", 50)?,
        address: opt(input.address, "correspondent_address", 500)?,
    })
}

impl Services {
    /// The address book of an administration where `user` is staff, filtered by `query`.
    pub async fn search_correspondents(&self, user: &CurrentUser, administration_id: i32, query: &str) -> Result<Vec<CorrespondentView>> {
        self.address_book(user, administration_id, query, SEARCH_LIMIT).await
    }

    /// Up to `limit` correspondents matching `query` (the pages list more than the API's
    /// suggestions, for the no-JavaScript select).
    pub async fn address_book(&self, user: &CurrentUser, administration_id: i32, query: &str, limit: u64) -> Result<Vec<CorrespondentView>> {
        if !authz::is_staff_of(user, administration_id) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let found = q::search(&self.db.conn, administration_id, query, limit.min(500)).await?;
        Ok(found.into_iter().map(Into::into).collect())
    }

    pub async fn correspondent(&self, user: &CurrentUser, administration_id: i32, id: i32) -> Result<CorrespondentView> {
        if !authz::is_staff_of(user, administration_id) {
            return Err(Error::NotFound);
        }
        q::get(&self.db.conn, administration_id, id).await?.map(Into::into).ok_or(Error::NotFound)
    }

    /// Adds a correspondent to the address book (registry staff).
    pub async fn create_correspondent(&self, user: &CurrentUser, administration_id: i32, input: CorrespondentInput) -> Result<CorrespondentView> {
        if !authz::allowed(user, Action::RegisterMail { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let fields = check(input)?;
        Ok(self.insert_correspondent(administration_id, fields).await?.into())
    }

    /// Adds a correspondent in a write transaction of its own.
    pub(crate) async fn insert_correspondent(&self, administration_id: i32, fields: q::Fields) -> Result<crate::db::entities::correspondent::Model> {
        let tx = self.db.write().await?;
        let m = q::insert(&tx, administration_id, fields).await?;
        tx.commit().await?;
        Ok(m)
    }

    /// Corrects a correspondent (registry staff).
    pub async fn update_correspondent(&self, user: &CurrentUser, administration_id: i32, id: i32, input: CorrespondentInput) -> Result<CorrespondentView> {
        if !authz::allowed(user, Action::RegisterMail { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let fields = check(input)?;
        let existing = q::get(&self.db.conn, administration_id, id).await?.ok_or(Error::NotFound)?;
        let tx = self.db.write().await?;
        let m = q::update(&tx, existing, fields).await?;
        tx.commit().await?;
        Ok(m.into())
    }
}
