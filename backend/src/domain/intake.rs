//! Intake besides the portal: paper mail registered by a clerk with its scan, internal mail
//! between units, and mail from another administration through the API. Each is an entry of
//! a register (incoming `A` or internal `I`) numbered like portal filings, with its
//! documents checked and stored exactly as the portal's (`attachments::check_and_store`);
//! the registration's audit event is recorded by the register in the same transaction.
//! Mail from other administrations is in `exchange`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::EntityTrait;
use serde::Serialize;

use super::attachments::{self, NewDocument};
use super::auth::CurrentUser;
use super::authz::{self, Action};
use super::correspondents::{self, CorrespondentInput};
use super::filings::{format_number, INCOMING, MAX_MESSAGE, MAX_SUBJECT};
use super::Services;
use crate::db::entities::{administration, correspondent, filing};
use crate::db::visibility::{self, Clearance};
use crate::db::{correspondents as book, queries, register};
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Direction code of the internal register.
pub const INTERNAL: &str = "I";
pub const PRIORITIES: [&str; 3] = ["low", "normal", "urgent"];

/// A paper letter as the clerk types it from the envelope; dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, Default)]
pub struct PaperMail {
    /// Administration code; may be left out by a clerk of a single administration.
    pub administration: Option<String>,
    /// A correspondent of the address book…
    pub correspondent_id: Option<String>,
    /// …or a new one, added to the address book with the letter.
    pub new_correspondent: Option<CorrespondentInput>,
    pub letter_date: Option<String>,
    pub received_date: Option<String>,
    pub subject: String,
    /// Summary or notes of the clerk.
    pub message: String,
    pub category: Option<String>,
    /// `normal` (default), `confidential` or `secret`.
    pub confidentiality: Option<String>,
    /// `low`, `normal` (default) or `urgent`.
    pub priority: Option<String>,
    pub deadline: Option<String>,
    /// The unit the letter is addressed to (id).
    pub unit_id: Option<String>,
    /// The citizen's account e-mail: links the entry (and later its answer) to their space.
    pub filer_email: Option<String>,
    pub documents: Vec<NewDocument>,
}

/// A note from one unit to another of the same administration.
#[derive(Debug, Clone, Default)]
pub struct InternalMail {
    pub administration: Option<String>,
    /// The sending unit; the sender's own unit when left out.
    pub from_unit_id: Option<String>,
    pub to_unit_id: String,
    pub subject: String,
    pub message: String,
    pub confidentiality: Option<String>,
    pub priority: Option<String>,
    pub deadline: Option<String>,
    pub documents: Vec<NewDocument>,
}

/// A registered entry: its number, and whether an idempotency key replayed an earlier one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Registration {
    pub id: String,
    /// Registration number, e.g. `DEMO-2026-A-000123`.
    pub number: String,
    pub status: String,
    #[serde(skip)]
    pub replayed: bool,
}

impl From<(filing::Model, bool)> for Registration {
    fn from((f, replayed): (filing::Model, bool)) -> Self {
        Registration { id: f.id, number: f.number, status: f.status, replayed }
    }
}

pub(super) fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

pub fn parse_date(s: Option<String>, field: &'static str) -> Result<Option<NaiveDate>> {
    match trimmed(s) {
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map(Some).map_err(|_| Error::BadRequest(Msg::InvalidValue(field))),
        None => Ok(None),
    }
}

fn parse_id(s: Option<String>, field: &'static str) -> Result<Option<i32>> {
    match trimmed(s) {
        Some(s) => s.parse().map(Some).map_err(|_| Error::BadRequest(Msg::InvalidValue(field))),
        None => Ok(None),
    }
}

/// Subject and message within their limits; the subject is returned trimmed.
pub(super) fn check_text(subject: &str, message: &str) -> Result<String> {
    let subject = subject.trim();
    if subject.is_empty() {
        return Err(Error::BadRequest(Msg::MissingField("subject")));
    }
    if subject.chars().count() > MAX_SUBJECT {
        return Err(Error::BadRequest(Msg::FieldTooLong("subject", MAX_SUBJECT)));
    }
    if message.chars().count() > MAX_MESSAGE {
        return Err(Error::BadRequest(Msg::FieldTooLong("message", MAX_MESSAGE)));
    }
    Ok(subject.to_owned())
}

pub(super) fn level(s: Option<String>) -> Result<Clearance> {
    match trimmed(s) {
        Some(s) => Clearance::parse(&s).ok_or(Error::BadRequest(Msg::InvalidValue("confidentiality"))),
        None => Ok(Clearance::Normal),
    }
}

fn priority(s: Option<String>) -> Result<String> {
    match trimmed(s) {
        Some(p) if PRIORITIES.contains(&p.as_str()) => Ok(p),
        Some(_) => Err(Error::BadRequest(Msg::InvalidValue("priority"))),
        None => Ok("normal".into()),
    }
}

/// The entry id: random, or derived from (channel, user, idempotency key) so that a replay
/// of the same key is the same entry and the primary key refuses a concurrent double.
pub(super) fn entry_id(channel: &str, user_id: i32, key: Option<&str>) -> String {
    match key {
        Some(k) => {
            let h = crate::storage::Storage::sha256_hex(format!("sijill-entry\0{channel}\0{user_id}\0{k}").as_bytes());
            format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
        }
        None => uuid::Uuid::new_v4().to_string(),
    }
}

pub(super) fn check_key(key: Option<&str>) -> Result<()> {
    match key {
        Some(k) if k.is_empty() || k.len() > 200 || !k.bytes().all(|b| b.is_ascii_graphic()) => {
            Err(Error::BadRequest(Msg::BadIdempotencyKey))
        }
        _ => Ok(()),
    }
}

/// Everything of an entry but its text, documents and number.
pub(super) struct Entry<'a> {
    pub(super) id: String,
    pub(super) admin: &'a administration::Model,
    pub(super) filer_id: Option<i32>,
    pub(super) direction: &'static str,
    pub(super) subject: &'a str,
    pub(super) message: &'a str,
    pub(super) key: Option<&'a str>,
    pub(super) received_at: DateTime<Utc>,
    pub(super) details: register::EntryDetails,
}

impl Services {
    /// The administration a clerk registers into: the one named, or their only one.
    async fn registry_administration(&self, user: &CurrentUser, code: Option<&str>) -> Result<administration::Model> {
        let c = &self.db.conn;
        let admin = match code.map(str::trim).filter(|s| !s.is_empty()) {
            Some(code) => queries::administration_by_code(c, code)
                .await?
                .ok_or_else(|| Error::BadRequest(Msg::UnknownAdministration(code.to_owned())))?,
            None => {
                let id = user
                    .roles
                    .iter()
                    .filter_map(|g| g.administration_id)
                    .find(|&a| authz::allowed(user, Action::RegisterMail { administration_id: a }))
                    .ok_or(Error::Forbidden(Msg::Forbidden))?;
                queries::administration_by_id(c, id).await?.ok_or(Error::NotFound)?
            }
        };
        if !authz::allowed(user, Action::RegisterMail { administration_id: admin.id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        Ok(admin)
    }

    /// Confidential or secret mail is registered only by someone cleared for that level.
    async fn check_clearance(&self, user: &CurrentUser, administration_id: i32, level: Clearance) -> Result<()> {
        if level == Clearance::Normal {
            return Ok(());
        }
        let held = visibility::clearance_of(&self.db.conn, user.id, administration_id).await?;
        if held.opens(level.as_str()) {
            Ok(())
        } else {
            Err(Error::Forbidden(Msg::ClearanceRequired))
        }
    }

    async fn check_unit(&self, administration_id: i32, unit: Option<i32>, field: &'static str) -> Result<()> {
        if let Some(u) = unit {
            let units = queries::units_of(&self.db.conn, administration_id).await?;
            if !units.iter().any(|x| x.id == u) {
                return Err(Error::BadRequest(Msg::InvalidValue(field)));
            }
        }
        Ok(())
    }

    /// An earlier entry registered with the same key by the same user on the same channel.
    pub(super) async fn replay(&self, id: &str, key: Option<&str>) -> Result<Option<Registration>> {
        if key.is_none() {
            return Ok(None);
        }
        Ok(register::by_id(&self.db.conn, id).await?.map(|f| (f, true).into()))
    }

    /// Checks and stores the documents (internal mail may have none).
    pub(super) async fn store(&self, docs: Vec<NewDocument>, optional: bool) -> Result<attachments::Stored> {
        if docs.is_empty() && optional {
            return Ok(attachments::Stored { rows: Vec::new(), created: Vec::new() });
        }
        attachments::check_and_store(&self.storage, &self.config.filings, docs).await
    }

    /// Registers with the stored documents; on failure removes the blobs stored for it and
    /// the correspondent `undo` created for it.
    pub(super) async fn register_entry(&self, e: Entry<'_>, mut stored: attachments::Stored, undo: Option<i32>) -> Result<Registration> {
        let rows = std::mem::take(&mut stored.rows);
        let year = e.received_at.year().max(Utc::now().year());
        let (prefix, format, direction) = (e.admin.number_prefix.clone(), e.admin.number_format.clone(), e.direction);
        let id = e.id.clone();
        let entry = register::NewEntry {
            id: e.id,
            administration_id: e.admin.id,
            service_id: None,
            filer_id: e.filer_id,
            direction,
            year,
            subject: e.subject,
            message: e.message,
            idempotency_key: e.key,
            received_at: e.received_at,
            documents: rows,
            details: e.details,
            mail: None,
        };
        let outcome = register::register(&self.db, entry, move |seq| format_number(&format, &prefix, year, direction, seq), |_| (String::new(), String::new())).await;
        // A duplicate's blobs may be the winner's (same bytes): only a failure removes them.
        let failed = |this: &Self, remove_blobs: bool| {
            if remove_blobs {
                stored.discard(&this.storage);
            }
            if let Some(cid) = undo {
                let conn = this.db.conn.clone();
                tokio::spawn(async move {
                    let _ = correspondent::Entity::delete_by_id(cid).exec(&conn).await;
                });
            }
        };
        match outcome {
            Ok(register::Registered::New(m)) => {
                tracing::info!(entry = %m.id, number = %m.number, origin = %m.origin, "entry registered");
                Ok((m, false).into())
            }
            Ok(register::Registered::Duplicate) => {
                failed(self, false);
                let f = register::by_id(&self.db.conn, &id).await?.ok_or(Error::Conflict(Msg::BadIdempotencyKey))?;
                Ok((f, true).into())
            }
            Err(err) => {
                failed(self, true);
                Err(err)
            }
        }
    }

    /// Registers a paper letter with its scan in the incoming register.
    pub async fn register_paper_mail(&self, user: &CurrentUser, input: PaperMail, key: Option<&str>) -> Result<Registration> {
        check_key(key)?;
        let admin = self.registry_administration(user, input.administration.as_deref()).await?;
        let id = entry_id("paper", user.id, key);
        if let Some(r) = self.replay(&id, key).await? {
            return Ok(r);
        }
        let subject = check_text(&input.subject, &input.message)?;
        let confidentiality = level(input.confidentiality)?;
        self.check_clearance(user, admin.id, confidentiality).await?;
        let today = Utc::now().date_naive();
        let letter_date = parse_date(input.letter_date, "letter_date")?;
        let received = parse_date(input.received_date, "received_date")?.unwrap_or(today);
        if received > today || letter_date.is_some_and(|d| d > received) {
            return Err(Error::BadRequest(Msg::InvalidValue(if received > today { "received_date" } else { "letter_date" })));
        }
        let deadline = parse_date(input.deadline, "deadline")?;
        let unit_id = parse_id(input.unit_id, "unit_id")?;
        self.check_unit(admin.id, unit_id, "unit_id").await?;
        let category = trimmed(input.category);
        if category.as_ref().is_some_and(|c| c.chars().count() > 100) {
            return Err(Error::BadRequest(Msg::FieldTooLong("category", 100)));
        }
        let c = &self.db.conn;
        let existing = match parse_id(input.correspondent_id, "correspondent_id")? {
            Some(cid) => Some(book::get(c, admin.id, cid).await?.ok_or(Error::BadRequest(Msg::InvalidValue("correspondent_id")))?),
            None => None,
        };
        let new_fields = match (&existing, input.new_correspondent) {
            (None, Some(n)) if !n.name.trim().is_empty() => Some(correspondents::check(n)?),
            (None, _) => return Err(Error::BadRequest(Msg::MissingField("correspondent"))),
            (Some(_), _) => None,
        };
        let filer_id = match trimmed(input.filer_email) {
            Some(e) => {
                let email = super::auth::normalize_email(&e).map_err(|_| Error::BadRequest(Msg::InvalidValue("filer_email")))?;
                queries::user_by_email(c, &email).await?.filter(|u| u.email_verified_at.is_some()).map(|u| u.id)
            }
            None => None,
        };
        // Checked everything the clerk typed; then the scan; the new correspondent last.
        let stored = self.store(input.documents, false).await?;
        let (correspondent_id, created) = match (existing, new_fields) {
            (Some(m), _) => (m.id, None),
            (None, Some(f)) => {
                match self.insert_correspondent(admin.id, f).await {
                    Ok(m) => (m.id, Some(m.id)),
                    Err(e) => {
                        stored.discard(&self.storage);
                        return Err(e);
                    }
                }
            }
            (None, None) => return Err(Error::BadRequest(Msg::MissingField("correspondent"))),
        };
        let now = Utc::now();
        let received_at = if received == today { now } else { received.and_hms_opt(12, 0, 0).map(|t| t.and_utc()).unwrap_or(now) };
        let details = register::EntryDetails {
            origin: "paper".into(),
            correspondent_id: Some(correspondent_id),
            letter_date,
            category,
            confidentiality: confidentiality.as_str().into(),
            priority: priority(input.priority)?,
            deadline,
            unit_id,
            registered_by: Some(user.id),
            ..Default::default()
        };
        let e = Entry { id, admin: &admin, filer_id, direction: INCOMING, subject: &subject, message: &input.message, key, received_at, details };
        self.register_entry(e, stored, created).await
    }

    /// Registers a note from one of the sender's units to another unit of the same
    /// administration in the internal register.
    pub async fn send_internal_mail(&self, user: &CurrentUser, input: InternalMail, key: Option<&str>) -> Result<Registration> {
        check_key(key)?;
        let c = &self.db.conn;
        let from_unit = parse_id(input.from_unit_id, "from_unit_id")?;
        let grant = user
            .roles
            .iter()
            .filter(|g| g.unit_id.is_some() && from_unit.is_none_or(|u| g.unit_id == Some(u)))
            .find(|g| g.administration_id.is_some_and(|a| authz::allowed(user, Action::SendInternalMail { administration_id: a, from_unit_id: g.unit_id.unwrap_or_default() })))
            .ok_or(Error::Forbidden(Msg::Forbidden))?;
        let (admin_id, from_unit) = (grant.administration_id.unwrap_or_default(), grant.unit_id.unwrap_or_default());
        let admin = queries::administration_by_id(c, admin_id).await?.ok_or(Error::NotFound)?;
        if input.administration.as_deref().map(str::trim).is_some_and(|code| !code.is_empty() && code != admin.code) {
            return Err(Error::BadRequest(Msg::InvalidValue("administration")));
        }
        let id = entry_id("internal", user.id, key);
        if let Some(r) = self.replay(&id, key).await? {
            return Ok(r);
        }
        let subject = check_text(&input.subject, &input.message)?;
        let to_unit = parse_id(Some(input.to_unit_id), "to_unit_id")?.ok_or(Error::BadRequest(Msg::MissingField("to_unit_id")))?;
        self.check_unit(admin.id, Some(to_unit), "to_unit_id").await?;
        if to_unit == from_unit {
            return Err(Error::BadRequest(Msg::InvalidValue("to_unit_id")));
        }
        let confidentiality = level(input.confidentiality)?;
        self.check_clearance(user, admin.id, confidentiality).await?;
        let details = register::EntryDetails {
            origin: "internal".into(),
            confidentiality: confidentiality.as_str().into(),
            priority: priority(input.priority)?,
            deadline: parse_date(input.deadline, "deadline")?,
            unit_id: Some(to_unit),
            from_unit_id: Some(from_unit),
            registered_by: Some(user.id),
            ..Default::default()
        };
        let stored = self.store(input.documents, true).await?;
        let e = Entry { id, admin: &admin, filer_id: None, direction: INTERNAL, subject: &subject, message: &input.message, key, received_at: Utc::now(), details };
        self.register_entry(e, stored, None).await
    }
}
