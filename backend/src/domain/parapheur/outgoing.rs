//! A completed folder that answers a register entry goes to the bureau d'ordre as outgoing
//! mail (PRODUCT.md §2, §3: "signed through the parapheur, registered in the outgoing
//! register, dispatched").
//!
//! In the completion's transaction the answer is queued: a draft of the entry carrying the
//! folder (`drafts.folder_id`) and a pre-chosen outgoing entry id. Right after the commit
//! it is delivered through the same path as the clerk's dispatch (`domain::answers`):
//! registered in the outgoing register (linked to the incoming entry) under that id, with
//! the folder's signed PDFs as they are — never sealed again, so every official's
//! signature stays intact — then, when the entry has a filer, sent to the filer's space
//! and by e-mail (outbox), the entry becoming "answered". Without a filer (paper mail) the
//! outgoing entry waits for the clerk to choose e-mail or post on the entry page.
//!
//! Nothing is lost: if the process stops or the database fails before delivery, the job
//! (`jobs::folder_answers`) finds the draft still `dispatching` and finishes it; the
//! pre-chosen id keeps the registration to one number.

use chrono::{Duration, Utc};
use sea_orm::DatabaseTransaction;

use crate::db::entities::{draft, folder};
use crate::db::register::{self, NewDocumentRow};
use crate::db::{parapheur as q, parapheur_more as more, queries};
use crate::domain::Services;
use crate::error::{Error, Result};

/// In the completion's transaction: queues the answer when the folder answers an incoming entry.
pub(crate) async fn queue_answer(tx: &DatabaseTransaction, f: &folder::Model) -> Result<()> {
    let Some(entry_id) = &f.entry_id else { return Ok(()) };
    let Some(entry) = register::by_id(tx, entry_id).await? else { return Ok(()) };
    if entry.direction != "A" {
        return Ok(());
    }
    let d = more::insert_folder_answer(tx, f, &entry, &uuid::Uuid::new_v4().to_string()).await?;
    tracing::info!(folder = f.id, entry = %entry.id, draft = d.id, "signed answer queued for the bureau d'ordre");
    Ok(())
}

impl Services {
    /// The folder's documents as the outgoing entry's: the signed main documents first
    /// (the first one is the answer the filer downloads and the e-mail carries), then annexes.
    pub(crate) async fn folder_answer_documents(&self, folder_id: i32) -> Result<Vec<NewDocumentRow>> {
        let mut docs = q::documents(&self.db.conn, folder_id).await?;
        docs.sort_by_key(|d| (d.role != "main", d.position));
        Ok(docs
            .into_iter()
            .map(|d| NewDocumentRow {
                content_type: if d.name.to_ascii_lowercase().ends_with(".pdf") || d.role == "main" { "application/pdf".into() } else { "application/octet-stream".into() },
                name: d.name,
                size: d.size,
                sha256: d.sha256,
            })
            .collect())
    }

    /// After a folder's completion committed: delivers its answer now. A failure is logged
    /// and left to the job; the signature itself has succeeded.
    pub(crate) async fn deliver_folder_answers(&self, folder_id: i32) {
        let pending = match more::undelivered_answers(&self.db.conn, Some(folder_id), None).await {
            Ok(p) => p,
            Err(e) => return tracing::warn!(folder = folder_id, error = %e, "folder answer: lookup failed; the job retries"),
        };
        for d in pending {
            if let Err(e) = self.deliver_folder_answer(&d).await {
                tracing::warn!(folder = folder_id, draft = d.id, error = %e, "folder answer not delivered yet; the job retries");
            }
        }
    }

    /// Registers the answer (once) and, when the entry has a filer, dispatches it to their
    /// space and by e-mail. Returns whether it was dispatched.
    async fn deliver_folder_answer(&self, d: &draft::Model) -> Result<bool> {
        let c = &self.db.conn;
        let folder_id = d.folder_id.ok_or_else(|| Error::internal("not a folder answer"))?;
        let entry = register::by_id(c, &d.filing_id).await?.ok_or(Error::NotFound)?;
        let admin = queries::administration_by_id(c, entry.administration_id).await?.ok_or(Error::NotFound)?;
        // Registered in the name of the official whose signature the answer carries (the one
        // signed for, under a delegation), who must hold the dispatch right; else, the
        // clerk dispatches it from the entry's page.
        let actor = more::last_signatory(c, folder_id).await?.ok_or_else(|| Error::Forbidden(crate::i18n::Msg::Parapheur(super::msg::PMsg::AnswerNeedsSignature)))?;
        let user = self.current_user(actor).await?;
        if !self.may_dispatch(&user, d, &entry).await? {
            return Err(Error::Forbidden(crate::i18n::Msg::Forbidden));
        }
        let documents = self.folder_answer_documents(folder_id).await?;
        let out = self.outgoing_for(&user, d, &entry, &admin, documents).await?;
        if entry.filer_id.is_none() {
            tracing::info!(folder = folder_id, outgoing = %out.number, "signed answer registered; awaiting the clerk's dispatch mode");
            return Ok(false);
        }
        let addressee = self.reply_address(&entry).await?;
        self.finish_dispatch(&user, d, &entry, &admin, out, addressee, "portal").await?;
        Ok(true)
    }

    /// The job's pass: answers of completed folders left undelivered for a while (the
    /// process stopped, the database failed). Returns how many were dispatched.
    pub async fn resume_folder_answers(&self) -> Result<usize> {
        let c = &self.db.conn;
        let mut done = 0;
        for d in more::undelivered_answers(c, None, Some(Utc::now() - Duration::minutes(2))).await? {
            let registered = match &d.outgoing_id {
                Some(o) => register::by_id(c, o).await?.is_some(),
                None => false,
            };
            let has_filer = register::by_id(c, &d.filing_id).await?.is_some_and(|e| e.filer_id.is_some());
            if registered && !has_filer {
                continue; // awaiting the clerk's dispatch mode
            }
            more::touch_draft(c, d.id).await?;
            match self.deliver_folder_answer(&d).await {
                Ok(true) => done += 1,
                Ok(false) => {}
                Err(e) => tracing::warn!(draft = d.id, error = %e, "folder answer still not delivered"),
            }
        }
        Ok(done)
    }
}
