//! Inter-administration exchange: mail a staff member of one administration sends to
//! another through the API (`POST /api/v1/correspondence`). It is registered in the
//! recipient's incoming register (origin `api`) with the sending administration as
//! correspondent, added to the recipient's address book on first use.

use chrono::Utc;

use super::attachments::NewDocument;
use super::auth::CurrentUser;
use super::authz::{self, Action};
use super::filings::INCOMING;
use super::intake::{check_key, check_text, entry_id, level, parse_date, trimmed, Entry, Registration};
use super::Services;
use crate::db::{correspondents as book, queries, register};
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Mail sent by a staff member of one administration to another, through the API.
#[derive(Debug, Clone, Default)]
pub struct AdministrationMail {
    /// The recipient administration's code.
    pub administration: String,
    /// The sending administration's code, for staff of several.
    pub sender: Option<String>,
    pub subject: String,
    pub message: String,
    /// The sender's own reference for the letter.
    pub reference: Option<String>,
    pub letter_date: Option<String>,
    pub confidentiality: Option<String>,
    pub documents: Vec<NewDocument>,
}

impl Services {
    /// Registers mail from another administration in the recipient's incoming register,
    /// with the sending administration as correspondent (added to the recipient's address
    /// book on first use). The caller must be staff of the sending administration.
    pub async fn receive_from_administration(&self, user: &CurrentUser, input: AdministrationMail, key: Option<&str>) -> Result<Registration> {
        check_key(key)?;
        let c = &self.db.conn;
        let sender_code = trimmed(input.sender);
        let mut senders = Vec::new();
        for a in user.roles.iter().filter_map(|g| g.administration_id) {
            if authz::allowed(user, Action::SendToAdministration { from_administration_id: a }) && !senders.contains(&a) {
                senders.push(a);
            }
        }
        if senders.is_empty() {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let sender = match sender_code {
            Some(code) => {
                let a = queries::administration_by_code(c, &code).await?.ok_or(Error::BadRequest(Msg::UnknownAdministration(code.clone())))?;
                if !senders.contains(&a.id) {
                    return Err(Error::Forbidden(Msg::Forbidden));
                }
                a
            }
            None => queries::administration_by_id(c, senders[0]).await?.ok_or(Error::NotFound)?,
        };
        let code = input.administration.trim();
        if code.is_empty() {
            return Err(Error::BadRequest(Msg::MissingField("administration")));
        }
        let admin = queries::administration_by_code(c, code).await?.ok_or_else(|| Error::BadRequest(Msg::UnknownAdministration(code.to_owned())))?;
        if admin.id == sender.id {
            return Err(Error::BadRequest(Msg::InvalidValue("administration")));
        }
        let id = entry_id("api", user.id, key);
        if let Some(r) = self.replay(&id, key).await? {
            return Ok(r);
        }
        let subject = check_text(&input.subject, &input.message)?;
        let confidentiality = level(input.confidentiality)?;
        let letter_date = parse_date(input.letter_date, "letter_date")?;
        let reference = trimmed(input.reference);
        if reference.as_ref().is_some_and(|r| r.chars().count() > 100) {
            return Err(Error::BadRequest(Msg::FieldTooLong("reference", 100)));
        }
        // No column for the sender's reference: it heads the message, where clerks read it.
        let message = match &reference {
            Some(r) => format!("Réf. {r}\n\n{}", input.message),
            None => input.message.clone(),
        };
        let stored = self.store(input.documents, false).await?;
        let (correspondent_id, created) = {
            let name = sender.name_fr.clone();
            match book::by_kind_and_name(c, admin.id, "administration", &name).await? {
                Some(m) => (m.id, None),
                None => {
                    let f = book::Fields { kind: "administration".into(), name, email: None, phone: None, address: Some(sender.code.clone()) };
                    match self.insert_correspondent(admin.id, f).await {
                        Ok(m) => (m.id, Some(m.id)),
                        Err(e) => {
                            stored.discard(&self.storage);
                            return Err(e);
                        }
                    }
                }
            }
        };
        let details = register::EntryDetails {
            origin: "api".into(),
            correspondent_id: Some(correspondent_id),
            letter_date,
            confidentiality: confidentiality.as_str().into(),
            registered_by: Some(user.id),
            ..Default::default()
        };
        let e = Entry { id, admin: &admin, filer_id: None, direction: INCOMING, subject: &subject, message: &message, key, received_at: Utc::now(), details };
        self.register_entry(e, stored, created).await
    }
}
