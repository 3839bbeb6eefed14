//! Group registration: the registrations waiting for one register in this process are
//! written together in one transaction that takes all their numbers at once.
//!
//! Why: numbering serialises the registrations of a register (see `numbering`). One at a
//! time, a register's throughput is one over the time its counter row is held — a few
//! round trips to the database and a commit — and that time grows when the machine is busy
//! sealing receipts. Numbering every registration that arrived meanwhile in one
//! transaction pays that cost once per group: under load groups grow by themselves, at
//! rest a group is a single entry. Across processes each group still goes through the
//! counter row, so numbers stay gap-free and unique.
//!
//! A group that fails is retried entry by entry, so one bad entry (an idempotency key
//! reused concurrently) fails alone; a rolled-back group consumes no number.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sea_orm::{DbErr, EntityTrait, SqlErr, TryIntoModel};
use tokio::sync::oneshot;

use super::entities::{document, filing, outbox};
use super::numbering::{self, RegisterKey};
use super::register::Registered;
use super::Db;
use crate::error::{Error, Result};

/// At most this many registrations per transaction (keeps statements well under the
/// databases' bound-parameter limits: 64 entries × 10 documents × 7 columns).
const MAX_GROUP: usize = 64;

/// Formats the registration number from the sequence number.
pub type NumberFormat = Box<dyn Fn(i64) -> String + Send + Sync>;
/// The (subject, body) of the registration's e-mail, from its number.
pub type MailText = Box<dyn Fn(&str) -> (String, String) + Send + Sync>;

/// One registration, ready to write: the entry with a provisional number
/// (`numbering::provisional`) and its documents.
pub(crate) struct Job {
    pub filing: filing::ActiveModel,
    pub documents: Vec<document::ActiveModel>,
    /// (kind, recipient) of the e-mail queued with the registration.
    pub mail: Option<(String, String)>,
    pub number: NumberFormat,
    pub mail_text: MailText,
    /// A unique violation then means another request with the same key won.
    pub has_idempotency_key: bool,
    pub reply: oneshot::Sender<Result<Registered>>,
}

type Key = (i32, String, i32);

#[derive(Default)]
struct Queue {
    jobs: Vec<Job>,
    /// A task is writing this register's groups; new jobs join its next group.
    leading: bool,
}

/// This process's registration queues, one per register.
#[derive(Clone, Default)]
pub struct Registrar(Arc<Mutex<HashMap<Key, Queue>>>);

impl Registrar {
    fn queues(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Queue>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `job` for register `key`; starts a writer task if none is running. The result
    /// arrives on the job's `reply`, whether or not the caller still waits for it.
    pub(crate) fn submit(&self, db: &Db, key: RegisterKey<'_>, job: Job) {
        let key = (key.administration_id, key.direction.to_owned(), key.year);
        let start = {
            let mut queues = self.queues();
            let q = queues.entry(key.clone()).or_default();
            q.jobs.push(job);
            !std::mem::replace(&mut q.leading, true)
        };
        if start {
            let (db, registrar) = (db.clone(), self.clone());
            tokio::spawn(async move {
                let mut leader = Leader { registrar, key, done: false };
                leader.run(&db).await;
            });
        }
    }
}

/// Writes groups until its queue is empty. If it panics, `Drop` lets a new writer start
/// and fails the jobs still queued (their callers get an error instead of waiting forever).
struct Leader {
    registrar: Registrar,
    key: Key,
    done: bool,
}

impl Leader {
    async fn run(&mut self, db: &Db) {
        loop {
            let jobs: Vec<Job> = {
                let mut queues = self.registrar.queues();
                let Some(q) = queues.get_mut(&self.key) else { break };
                if q.jobs.is_empty() {
                    q.leading = false;
                    break;
                }
                let n = q.jobs.len().min(MAX_GROUP);
                q.jobs.drain(..n).collect()
            };
            let key = RegisterKey { administration_id: self.key.0, direction: &self.key.1, year: self.key.2 };
            write_group(db, key, jobs).await;
        }
        self.done = true;
    }
}

impl Drop for Leader {
    fn drop(&mut self) {
        if !self.done {
            if let Some(q) = self.registrar.queues().get_mut(&self.key) {
                q.leading = false;
                q.jobs.clear();
            }
        }
    }
}

async fn write_group(db: &Db, key: RegisterKey<'_>, jobs: Vec<Job>) {
    if jobs.len() > 1 {
        match write(db, key, &jobs).await {
            Ok(models) => {
                tracing::debug!(entries = jobs.len(), "register group written");
                for (job, m) in jobs.into_iter().zip(models) {
                    let _ = job.reply.send(Ok(Registered::New(m)));
                }
                return;
            }
            Err(e) => tracing::info!(entries = jobs.len(), error = %e, "register group failed; writing its entries one by one"),
        }
    }
    for job in jobs {
        let outcome = match write(db, key, std::slice::from_ref(&job)).await {
            Ok(mut models) => Ok(Registered::New(models.remove(0))),
            Err(Error::Db(e)) if job.has_idempotency_key && is_unique_violation(&e) => Ok(Registered::Duplicate),
            Err(e) => Err(e),
        };
        let _ = job.reply.send(outcome);
    }
}

/// One transaction: the entries with provisional numbers, their documents, then (last) the
/// numbers, the e-mails that name them and the audit events; commit. The counter row is
/// always locked before the administration's audit chain head.
async fn write(db: &Db, key: RegisterKey<'_>, jobs: &[Job]) -> Result<Vec<filing::Model>> {
    let tx = db.write().await?;
    // A write first: on SQLite the transaction takes the write lock at once.
    filing::Entity::insert_many(jobs.iter().map(|j| j.filing.clone())).exec_without_returning(&tx).await?;
    let docs: Vec<document::ActiveModel> = jobs.iter().flat_map(|j| j.documents.iter().cloned()).collect();
    if !docs.is_empty() {
        document::Entity::insert_many(docs).exec_without_returning(&tx).await?;
    }
    super::search::index_registered(&tx, jobs.iter().map(|j| &j.filing)).await?;
    let first = numbering::take_numbers(&tx, key, jobs.len() as i64).await?;
    let mut models = Vec::with_capacity(jobs.len());
    for (i, j) in jobs.iter().enumerate() {
        let mut m = j.filing.clone().try_into_model()?;
        m.seq = first + i as i64;
        m.number = (j.number)(m.seq);
        models.push(m);
    }
    let numbered: Vec<(&str, i64, &str)> = models.iter().map(|m| (m.id.as_str(), m.seq, m.number.as_str())).collect();
    numbering::write_numbers(&tx, &numbered).await?;
    let mails: Vec<outbox::ActiveModel> = jobs
        .iter()
        .zip(&models)
        .filter_map(|(j, m)| {
            let (kind, to) = j.mail.as_ref()?;
            let (subject, body) = (j.mail_text)(&m.number);
            Some(super::outbox::message(kind, to, &subject, &body, Some(&m.id)))
        })
        .collect();
    if !mails.is_empty() {
        outbox::Entity::insert_many(mails).exec_without_returning(&tx).await?;
    }
    // Last, so the administration's audit chain is locked only until the commit.
    crate::domain::audit::record_many(&tx, models.iter().map(crate::domain::audit::entry_registered).collect()).await?;
    tx.commit().await?;
    Ok(models)
}

pub(crate) fn is_unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
