//! Dispatching an answer (see `answers` for drafting): registers the OUTGOING entry
//! (register D, `in_reply_to` the incoming one) with the answer PDF — the attached one, or
//! a letter composed from the text, sealed with the administration's seal; or, for a
//! signed parapheur folder (`drafts.folder_id`), its signed PDFs as they are — sends it
//! (filer's space + e-mail, e-mail only, or marked printed and posted), and the incoming
//! entry becomes `answered`.
//!
//! A draft is claimed (`draft` → `dispatching`) before the outgoing entry is registered, so
//! two dispatches of one draft cannot both register; the register's number is taken in
//! its own transaction (see `db::registrar`), then one transaction records the document,
//! the dispatch, the statuses, the e-mail and the audit events. A draft may carry its
//! outgoing id before the entry exists (a folder's answer): registering under that id
//! keeps a retry to one number.

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ActiveModelTrait, Set};

use super::answer_layout::{self, AnswerLetter};
use super::answers::{DispatchInput, Dispatched, ENTRY_DISPATCHED, OUTGOING};
use super::audit::{self, AuditEvent};
use super::auth::CurrentUser;
use super::catalogue::Names;
use super::routing::{status_event, unit_names};
use super::Services;
use crate::db::entities::{document, draft, filing};
use crate::db::routing as q;
use crate::db::{queries, register};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

impl Services {
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
        let tx = self.db.write().await?;
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
