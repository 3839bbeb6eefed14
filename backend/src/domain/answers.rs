//! Answers: an agent of a unit holding an incoming entry for action drafts the answer
//! (subject, body, optionally a PDF); registry staff or the unit's official dispatch it.
//! Dispatching (`answer_dispatch`) registers the outgoing entry and sends it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::attachments::{self, Kind, NewDocument};
use super::auth::CurrentUser;
use super::authz::{self, Action};
use super::catalogue::Names;
use super::routing::{headed_units, unit_names};
use super::Services;
use crate::db::entities::{draft, filing};
use crate::db::routing as q;
use crate::db::register;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

/// An outgoing entry was sent (subject: the outgoing entry).
pub const ENTRY_DISPATCHED: &str = "entry.dispatched";
pub const OUTGOING: &str = "D";
pub const MAX_BODY: usize = 20_000;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DraftInput {
    pub subject: String,
    pub body: String,
}

/// How an answer leaves: `portal` (filer's space + e-mail), `email` or `post`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DispatchInput {
    pub mode: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DraftView {
    pub id: i32,
    pub entry_id: String,
    pub unit_id: Option<i32>,
    pub unit_names: Option<Names>,
    pub author: String,
    pub subject: String,
    pub body: String,
    /// `draft`, `dispatching` or `dispatched`.
    pub status: String,
    pub attachment: Option<String>,
    pub outgoing_id: Option<String>,
    pub outgoing_number: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: DateTime<Utc>,
    pub can_edit: bool,
    pub can_dispatch: bool,
    /// Dispatch modes possible for this entry (`portal` needs a filer account).
    pub modes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dispatched {
    pub outgoing_id: String,
    /// Number in the outgoing register, e.g. `DEMO-2026-D-000001`.
    pub number: String,
    pub mode: String,
    pub pdf_url: String,
}

fn check_text(input: &DraftInput) -> Result<()> {
    let subject = input.subject.trim();
    if subject.is_empty() {
        return Err(Error::BadRequest(Msg::MissingField("subject")));
    }
    if subject.chars().count() > super::filings::MAX_SUBJECT {
        return Err(Error::BadRequest(Msg::FieldTooLong("subject", super::filings::MAX_SUBJECT)));
    }
    if input.body.chars().count() > MAX_BODY {
        return Err(Error::BadRequest(Msg::FieldTooLong("body", MAX_BODY)));
    }
    Ok(())
}

impl Services {
    /// Units of `user` that hold the entry for action (assignment not passed on).
    pub(crate) async fn acting_units(&self, user: &CurrentUser, f: &filing::Model) -> Result<Vec<i32>> {
        let Some(scope) = self.scope(user, f.administration_id).await? else { return Ok(Vec::new()) };
        Ok(q::assignments_of(&self.db.conn, &f.id)
            .await?
            .iter()
            .filter(|a| a.purpose == "action" && a.status != "reassigned")
            .filter_map(|a| a.unit_id)
            .filter(|u| scope.units.contains(u))
            .collect())
    }

    /// Checks and stores an attached answer PDF; returns (name, size, sha256).
    async fn store_answer_pdf(&self, doc: NewDocument) -> Result<(String, i64, String)> {
        let name = attachments::clean_name(&doc.name);
        if doc.bytes.len() > self.config.filings.max_document_bytes {
            return Err(Error::TooLarge(Msg::DocumentTooLarge(name, self.config.filings.max_document_bytes)));
        }
        let storage = self.storage.clone();
        tokio::task::spawn_blocking(move || -> Result<_> {
            if attachments::inspect(&name, &doc.bytes)? != Kind::Pdf {
                return Err(Error::BadRequest(Msg::NotAPdf));
            }
            let (sha, _) = storage.put(&doc.bytes)?;
            Ok((name, doc.bytes.len() as i64, sha))
        })
        .await
        .map_err(Error::internal)?
    }

    /// Starts an answer to an incoming entry.
    pub async fn create_draft(&self, user: &CurrentUser, entry_id: &str, input: DraftInput, pdf: Option<NewDocument>) -> Result<DraftView> {
        let (f, _) = self.staff_entry(user, entry_id).await?;
        let units = self.acting_units(user, &f).await?;
        let action = Action::DraftAnswer { administration_id: f.administration_id, member_of_acting_unit: !units.is_empty() };
        if !authz::allowed(user, action) || f.direction != "A" {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        check_text(&input)?;
        let stored = match pdf {
            Some(d) => Some(self.store_answer_pdf(d).await?),
            None => None,
        };
        let now = Utc::now();
        let tx = self.db.write().await?;
        let d = q::insert_draft(&tx, &f, units.first().copied(), user.id, input.subject.trim(), &input.body, now).await?;
        if let Some((name, size, sha)) = &stored {
            q::set_attachment(&tx, d.id, name, *size, sha, now).await?;
        }
        tx.commit().await?;
        self.draft_view(user, &f, d).await
    }

    /// Loads a draft with its incoming entry, if the caller may see the entry.
    pub(crate) async fn draft_for(&self, user: &CurrentUser, id: i32) -> Result<(draft::Model, filing::Model)> {
        let d = q::draft_by_id(&self.db.conn, id).await?.ok_or(Error::NotFound)?;
        let (f, _) = self.staff_entry(user, &d.filing_id).await?;
        Ok((d, f))
    }

    async fn may_edit(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model) -> Result<bool> {
        let units = self.acting_units(user, f).await?;
        let member = d.author_id == user.id || d.unit_id.is_some_and(|u| units.contains(&u));
        Ok(d.status == "draft" && authz::allowed(user, Action::DraftAnswer { administration_id: f.administration_id, member_of_acting_unit: member }))
    }

    pub(crate) async fn may_dispatch(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model) -> Result<bool> {
        let headed = headed_units(self, user, f.administration_id).await?;
        let heads = d.unit_id.is_some_and(|u| headed.contains(&u));
        Ok(authz::allowed(user, Action::DispatchAnswer { administration_id: f.administration_id, heads_drafting_unit: heads }))
    }

    /// Edits a draft (and replaces its PDF when one is given).
    pub async fn update_draft(&self, user: &CurrentUser, id: i32, input: DraftInput, pdf: Option<NewDocument>) -> Result<DraftView> {
        let (d, f) = self.draft_for(user, id).await?;
        if d.status != "draft" {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        if !self.may_edit(user, &d, &f).await? {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        check_text(&input)?;
        let stored = match pdf {
            Some(doc) => Some(self.store_answer_pdf(doc).await?),
            None => None,
        };
        let now = Utc::now();
        let tx = self.db.write().await?;
        if !q::update_draft(&tx, d.id, input.subject.trim(), &input.body, now).await? {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        if let Some((name, size, sha)) = &stored {
            q::set_attachment(&tx, d.id, name, *size, sha, now).await?;
        }
        tx.commit().await?;
        let d = q::draft_by_id(&self.db.conn, id).await?.ok_or(Error::NotFound)?;
        self.draft_view(user, &f, d).await
    }

    /// The answer drafts of an entry the caller may see.
    pub async fn drafts(&self, user: &CurrentUser, entry_id: &str) -> Result<Vec<DraftView>> {
        let (f, _) = self.staff_entry(user, entry_id).await?;
        let mut out = Vec::new();
        for d in q::drafts_of(&self.db.conn, &f.id).await? {
            out.push(self.draft_view(user, &f, d).await?);
        }
        Ok(out)
    }

    pub async fn draft(&self, user: &CurrentUser, id: i32) -> Result<DraftView> {
        let (d, f) = self.draft_for(user, id).await?;
        self.draft_view(user, &f, d).await
    }

    async fn draft_view(&self, user: &CurrentUser, f: &filing::Model, d: draft::Model) -> Result<DraftView> {
        let c = &self.db.conn;
        let can_edit = self.may_edit(user, &d, f).await?;
        let resumable = d.status == "dispatching" && d.outgoing_id.is_some();
        let can_dispatch = (d.status == "draft" || resumable) && self.may_dispatch(user, &d, f).await?;
        let unit = match d.unit_id {
            Some(u) => q::unit_by_id(c, u).await?.map(|u| unit_names(&u)),
            None => None,
        };
        let author = q::user_by_id(c, d.author_id).await?.map(|u| u.display_name).unwrap_or_default();
        let outgoing_number = match &d.outgoing_id {
            Some(o) => register::by_id(c, o).await?.map(|e| e.number),
            None => None,
        };
        let attachment = q::attachment_of(c, d.id).await?.map(|a| a.name);
        Ok(DraftView {
            id: d.id,
            entry_id: d.filing_id,
            unit_id: d.unit_id,
            unit_names: unit,
            author,
            subject: d.subject,
            body: d.body,
            status: d.status,
            attachment,
            outgoing_id: d.outgoing_id,
            outgoing_number,
            updated_at: d.updated_at,
            can_edit,
            can_dispatch,
            modes: self.modes(f).await?,
        })
    }

    /// Dispatch modes that can reach the entry's sender.
    pub(crate) async fn modes(&self, f: &filing::Model) -> Result<Vec<String>> {
        let mut m = Vec::new();
        if f.filer_id.is_some() {
            m.push("portal".to_owned());
        }
        if self.reply_address(f).await?.is_some() {
            m.push("email".to_owned());
        }
        m.push("post".to_owned());
        Ok(m)
    }

    /// (e-mail, name, language) of whoever sent the incoming entry: the filer, else the correspondent.
    pub(crate) async fn reply_address(&self, f: &filing::Model) -> Result<Option<(String, String, Lang)>> {
        if let Some(uid) = f.filer_id {
            if let Ok(u) = self.current_user(uid).await {
                return Ok(Some((u.email, u.display_name, u.lang)));
            }
        }
        if let Some(cid) = f.correspondent_id {
            use sea_orm::EntityTrait;
            let corr = crate::db::entities::correspondent::Entity::find_by_id(cid).one(&self.db.conn).await?;
            if let Some(c) = corr {
                if let Some(e) = c.email.filter(|e| !e.trim().is_empty()) {
                    return Ok(Some((e, c.name, Lang::Fr)));
                }
            }
        }
        Ok(None)
    }
}

