//! Answers: an agent of a unit holding an incoming entry for action drafts the answer
//! (subject, body, optionally a PDF); registry staff or the unit's official dispatch it.
//! Dispatching registers the OUTGOING entry (register D, `in_reply_to` the incoming one)
//! with the answer PDF (the attached one, or a letter composed from the text), sealed with
//! the administration's seal, sends it (filer's space + e-mail, e-mail only, or marked
//! printed and posted), and the incoming entry becomes `answered`.
//!
//! A draft is claimed (`draft` → `dispatching`) before the outgoing entry is registered, so
//! two dispatches of one draft cannot both register; the register's number is taken in
//! its own transaction (see `db::registrar`), then one transaction records the document,
//! the dispatch, the statuses, the e-mail and the audit events.

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::answer_layout::{self, AnswerLetter};
use super::attachments::{self, Kind, NewDocument};
use super::audit::{self, AuditEvent};
use super::auth::CurrentUser;
use super::authz::{self, Action};
use super::catalogue::Names;
use super::routing::{headed_units, status_event, unit_names};
use super::Services;
use crate::db::entities::{document, draft, filing};
use crate::db::routing as q;
use crate::db::{queries, register};
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
    async fn acting_units(&self, user: &CurrentUser, f: &filing::Model) -> Result<Vec<i32>> {
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
        let _w = self.db.writer().await;
        let tx = self.db.conn.begin().await?;
        let d = q::insert_draft(&tx, &f, units.first().copied(), user.id, input.subject.trim(), &input.body, now).await?;
        if let Some((name, size, sha)) = &stored {
            q::set_attachment(&tx, d.id, name, *size, sha, now).await?;
        }
        tx.commit().await?;
        drop(_w);
        self.draft_view(user, &f, d).await
    }

    /// Loads a draft with its incoming entry, if the caller may see the entry.
    async fn draft_for(&self, user: &CurrentUser, id: i32) -> Result<(draft::Model, filing::Model)> {
        let d = q::draft_by_id(&self.db.conn, id).await?.ok_or(Error::NotFound)?;
        let (f, _) = self.staff_entry(user, &d.filing_id).await?;
        Ok((d, f))
    }

    async fn may_edit(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model) -> Result<bool> {
        let units = self.acting_units(user, f).await?;
        let member = d.author_id == user.id || d.unit_id.is_some_and(|u| units.contains(&u));
        Ok(d.status == "draft" && authz::allowed(user, Action::DraftAnswer { administration_id: f.administration_id, member_of_acting_unit: member }))
    }

    async fn may_dispatch(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model) -> Result<bool> {
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
        let _w = self.db.writer().await;
        let tx = self.db.conn.begin().await?;
        if !q::update_draft(&tx, d.id, input.subject.trim(), &input.body, now).await? {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        if let Some((name, size, sha)) = &stored {
            q::set_attachment(&tx, d.id, name, *size, sha, now).await?;
        }
        tx.commit().await?;
        drop(_w);
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
    async fn modes(&self, f: &filing::Model) -> Result<Vec<String>> {
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

    /// Dispatches a draft; see the module documentation. A draft is dispatched once: any
    /// later attempt is refused with `Conflict`.
    pub async fn dispatch(&self, user: &CurrentUser, draft_id: i32, input: DispatchInput) -> Result<Dispatched> {
        let (d, f) = self.draft_for(user, draft_id).await?;
        if !self.may_dispatch(user, &d, &f).await? {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        // A dispatch interrupted after its outgoing entry was registered (the PDF could not
        // be sealed, the process stopped) is resumed with that entry, never registered twice.
        let resume = d.status == "dispatching" && d.outgoing_id.is_some();
        if d.status != "draft" && !resume {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        let mode = input.mode.trim().to_owned();
        if !self.modes(&f).await?.contains(&mode) {
            return Err(Error::BadRequest(Msg::InvalidValue("mode")));
        }
        if !resume && !q::move_draft(&self.db.conn, d.id, "draft", "dispatching", None).await? {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        match self.dispatch_claimed(user, &d, &f, &mode).await {
            Ok(out) => Ok(out),
            Err(e) => {
                tracing::error!(draft = d.id, error = %e, "dispatch failed");
                Err(e)
            }
        }
    }

    async fn dispatch_claimed(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model, mode: &str) -> Result<Dispatched> {
        let c = &self.db.conn;
        let admin = queries::administration_by_id(c, f.administration_id).await?.ok_or(Error::NotFound)?;
        // A signed parapheur folder's answer carries its signed PDFs, sent as they are.
        let documents = match d.folder_id {
            Some(folder) => self.folder_answer_documents(folder).await?,
            None => Vec::new(),
        };
        let out = self.outgoing_for(user, d, f, &admin, documents).await?;
        let addressee = self.reply_address(f).await?;
        self.finish_dispatch(user, d, f, &admin, out, addressee, mode).await
    }

    /// The outgoing entry of a claimed draft: the one already registered under its
    /// `outgoing_id`, else a new one. A draft may carry its `outgoing_id` before the entry
    /// exists (a signed parapheur folder's answer, see `parapheur::outgoing`): it is then
    /// registered under that id with `documents`, so a retry never registers it twice.
    pub(crate) async fn outgoing_for(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model, admin: &crate::db::entities::administration::Model, documents: Vec<register::NewDocumentRow>) -> Result<filing::Model> {
        if let Some(o) = &d.outgoing_id {
            if let Some(e) = register::by_id(&self.db.conn, o).await? {
                return Ok(e);
            }
        }
        self.register_outgoing(user, d, f, admin, documents).await
    }

    /// Registers the outgoing entry of a claimed draft and records it on the draft.
    async fn register_outgoing(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model, admin: &crate::db::entities::administration::Model, documents: Vec<register::NewDocumentRow>) -> Result<filing::Model> {
        let c = &self.db.conn;
        let now = Utc::now();
        let year = now.year();
        let (prefix, format) = (admin.number_prefix.clone(), admin.number_format.clone());
        let entry = register::NewEntry {
            id: d.outgoing_id.clone().unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            administration_id: f.administration_id,
            service_id: f.service_id,
            filer_id: None,
            direction: OUTGOING,
            year,
            subject: &d.subject,
            message: &d.body,
            idempotency_key: None,
            received_at: now,
            documents,
            details: register::EntryDetails {
                origin: "outgoing".into(),
                correspondent_id: f.correspondent_id,
                confidentiality: f.confidentiality.clone(),
                priority: f.priority.clone(),
                unit_id: d.unit_id,
                in_reply_to: Some(f.id.clone()),
                registered_by: Some(user.id),
                ..Default::default()
            },
            mail: None,
        };
        let registered = register::register(
            &self.db,
            entry,
            move |seq| super::filings::format_number(&format, &prefix, year, OUTGOING, seq),
            |_| (String::new(), String::new()),
        )
        .await;
        let out = match registered {
            Ok(register::Registered::New(m)) => m,
            Ok(register::Registered::Duplicate) => return Err(Error::internal("outgoing entry without key reported duplicate")),
            // Registered meanwhile under the same id (another process delivering it): use it.
            Err(e) if d.outgoing_id.is_some() => return register::by_id(c, d.outgoing_id.as_deref().unwrap_or_default()).await?.ok_or(e),
            Err(e) => {
                // Nothing was registered: the draft can be dispatched again.
                q::move_draft(c, d.id, "dispatching", "draft", None).await?;
                return Err(e);
            }
        };
        if d.outgoing_id.is_none() {
            q::move_draft(c, d.id, "dispatching", "dispatching", Some(&out.id)).await?;
        }
        Ok(out)
    }

    /// Seals and stores the answer PDF (unless the outgoing entry has its documents already:
    /// a signed folder's, sent as they are), then records the dispatch in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn finish_dispatch(&self, user: &CurrentUser, d: &draft::Model, f: &filing::Model, admin: &crate::db::entities::administration::Model, out: filing::Model, addressee: Option<(String, String, Lang)>, mode: &str) -> Result<Dispatched> {
        let c = &self.db.conn;
        let now = Utc::now();
        let sealed = if register::documents_of(c, &out.id).await?.is_empty() {
            Some(self.sealed_answer(d, f, admin, &out, addressee.as_ref().map(|a| a.1.clone()), now).await?)
        } else {
            None
        };
        let _w = self.db.writer().await;
        let tx = c.begin().await?;
        if let Some((sha, size)) = sealed {
            document::ActiveModel {
                filing_id: Set(out.id.clone()),
                position: Set(0),
                name: Set(format!("{}.pdf", out.number)),
                content_type: Set("application/pdf".into()),
                size: Set(size),
                sha256: Set(sha),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
        }
        self.record_dispatch(&tx, user, d, f, admin, &out, addressee, mode, now).await?;
        tx.commit().await?;
        tracing::info!(entry = %f.id, outgoing = %out.number, mode, "answer dispatched");
        Ok(Dispatched { pdf_url: format!("/api/v1/outgoing/{}/pdf", out.id), outgoing_id: out.id, number: out.number, mode: mode.to_owned() })
    }

    /// The answer PDF (the attached one, else a letter composed from the text), sealed and
    /// stored: (sha256, size).
    async fn sealed_answer(&self, d: &draft::Model, f: &filing::Model, admin: &crate::db::entities::administration::Model, out: &filing::Model, addressee: Option<String>, now: DateTime<Utc>) -> Result<(String, i64)> {
        let c = &self.db.conn;
        let pdf = match q::attachment_of(c, d.id).await? {
            Some(a) => self.storage.get(&a.sha256)?,
            None => {
                let unit = match d.unit_id {
                    Some(u) => q::unit_by_id(c, u).await?.map(|u| unit_names(&u)),
                    None => None,
                };
                let letter = AnswerLetter {
                    administration: Names::from(admin),
                    unit,
                    number: out.number.clone(),
                    date: now,
                    in_reply_to: f.number.clone(),
                    received_at: f.received_at,
                    addressee,
                    subject: d.subject.clone(),
                    body: d.body.clone(),
                };
                tokio::task::spawn_blocking(move || answer_layout::compose(&letter)).await.map_err(Error::internal)??
            }
        };
        let (sealer, storage) = (self.sealer.clone(), self.storage.clone());
        tokio::task::spawn_blocking(move || -> Result<_> {
            let sealed = match sealer.seal(pdf.clone()) {
                Ok(s) => s,
                Err(Error::Unavailable(_)) => pdf,
                Err(e) => return Err(e),
            };
            let (sha, _) = storage.put(&sealed)?;
            Ok((sha, sealed.len() as i64))
        })
        .await
        .map_err(Error::internal)?
    }

    /// In `tx`: the dispatch, the draft and entry statuses, the e-mail and the audit events.
    #[allow(clippy::too_many_arguments)]
    async fn record_dispatch(&self, tx: &sea_orm::DatabaseTransaction, user: &CurrentUser, d: &draft::Model, f: &filing::Model, admin: &crate::db::entities::administration::Model, out: &filing::Model, addressee: Option<(String, String, Lang)>, mode: &str, now: DateTime<Utc>) -> Result<()> {
        q::set_dispatched(tx, &out.id, mode, now).await?;
        if !q::move_draft(tx, d.id, "dispatching", "dispatched", Some(&out.id)).await? {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        let mut events = Vec::new();
        let from = register::by_id(tx, &f.id).await?.map(|e| e.status).unwrap_or_default();
        if from != "answered" && q::move_entry(tx, &f.id, &[from.as_str()], "answered").await? {
            events.push(status_event(f, user.id, &from, "answered"));
        }
        if let (Some((to, _, lang)), true) = (&addressee, mode != "post") {
            let admin_name = Names::from(admin).get(*lang).to_owned();
            let link = format!("{}/filings/{}", self.config.server.public_url.trim_end_matches('/'), f.id);
            let (subject, body) = super::answer_access::answer_email(*lang, &f.number, &out.number, &admin_name, (mode == "portal").then_some(link.as_str()));
            crate::db::outbox::enqueue(tx, "answer", to, &subject, &body, Some(&out.id)).await?;
        }
        events.push(
            AuditEvent::new(Some(f.administration_id), Some(user.id), ENTRY_DISPATCHED, audit::ENTRY, &out.id)
                .with(serde_json::json!({"number": out.number, "mode": mode, "in_reply_to": f.id, "draft": d.id})),
        );
        audit::record_many(tx, events).await?;
        Ok(())
    }
}

