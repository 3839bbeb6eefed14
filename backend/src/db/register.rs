//! The register (registre): recording entries with their documents, numbered by
//! `numbering` (gap-free per administration × direction × year, across processes).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entities::{document, filing};
use super::numbering::{self, RegisterKey};
use super::registrar;
use super::Db;
use crate::error::{Error, Result};

pub struct NewDocumentRow {
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

/// What the bureau d'ordre records about an entry beyond the portal filing's fields.
#[derive(Debug, Clone)]
pub struct EntryDetails {
    pub origin: String,
    pub status: String,
    pub correspondent_id: Option<i32>,
    pub letter_date: Option<chrono::NaiveDate>,
    pub category: Option<String>,
    pub confidentiality: String,
    pub priority: String,
    pub deadline: Option<chrono::NaiveDate>,
    pub unit_id: Option<i32>,
    pub from_unit_id: Option<i32>,
    pub in_reply_to: Option<String>,
    pub dispatch_mode: Option<String>,
    pub dispatched_at: Option<DateTime<Utc>>,
    pub registered_by: Option<i32>,
}

impl Default for EntryDetails {
    /// A portal filing: registered, normal confidentiality and priority.
    fn default() -> Self {
        Self {
            origin: "portal".into(),
            status: "registered".into(),
            correspondent_id: None,
            letter_date: None,
            category: None,
            confidentiality: "normal".into(),
            priority: "normal".into(),
            deadline: None,
            unit_id: None,
            from_unit_id: None,
            in_reply_to: None,
            dispatch_mode: None,
            dispatched_at: None,
            registered_by: None,
        }
    }
}

pub struct NewEntry<'a> {
    pub id: String,
    pub administration_id: i32,
    pub service_id: Option<i32>,
    pub filer_id: Option<i32>,
    pub direction: &'a str,
    pub year: i32,
    pub subject: &'a str,
    pub message: &'a str,
    pub idempotency_key: Option<&'a str>,
    pub received_at: DateTime<Utc>,
    pub documents: Vec<NewDocumentRow>,
    pub details: EntryDetails,
    /// (kind, recipient) of the e-mail queued with the registration; its subject and body
    /// come from `mail_text(number)`.
    pub mail: Option<(&'a str, &'a str)>,
}

pub enum Registered {
    New(filing::Model),
    /// Another request with the same idempotency key won; nothing was written.
    Duplicate,
}

/// Registers one entry with its documents and queued e-mail in one transaction (possibly
/// shared with other registrations of the same register, see `registrar`). `number`
/// formats the registration number from the sequence number; `mail_text` gives the
/// e-mail's subject and body from the number.
pub async fn register(
    db: &Db,
    e: NewEntry<'_>,
    number: impl Fn(i64) -> String + Send + Sync + 'static,
    mail_text: impl Fn(&str) -> (String, String) + Send + Sync + 'static,
) -> Result<Registered> {
    // The registrar's writer task takes the writer lock: a caller holding it would wait
    // for itself (and every other write with it).
    if db.held_by_this_task() {
        tracing::error!(entry = %e.id, "registration asked for while holding the writer lock");
        return Err(Error::internal("registration while holding the writer lock"));
    }
    let (seq, provisional) = numbering::provisional(&e.id);
    let filing = filing::ActiveModel {
        id: Set(e.id.clone()),
        administration_id: Set(e.administration_id),
        service_id: Set(e.service_id),
        filer_id: Set(e.filer_id),
        direction: Set(e.direction.to_owned()),
        year: Set(e.year),
        seq: Set(seq),
        number: Set(provisional),
        subject: Set(e.subject.to_owned()),
        message: Set(e.message.to_owned()),
        status: Set(e.details.status),
        idempotency_key: Set(e.idempotency_key.map(str::to_owned)),
        receipt_sha256: Set(None),
        received_at: Set(e.received_at),
        origin: Set(e.details.origin),
        correspondent_id: Set(e.details.correspondent_id),
        letter_date: Set(e.details.letter_date),
        category: Set(e.details.category),
        confidentiality: Set(e.details.confidentiality),
        priority: Set(e.details.priority),
        deadline: Set(e.details.deadline),
        unit_id: Set(e.details.unit_id),
        from_unit_id: Set(e.details.from_unit_id),
        in_reply_to: Set(e.details.in_reply_to),
        dispatch_mode: Set(e.details.dispatch_mode),
        dispatched_at: Set(e.details.dispatched_at),
        registered_by: Set(e.details.registered_by),
    };
    let documents = e
        .documents
        .into_iter()
        .enumerate()
        .map(|(i, d)| document::ActiveModel {
            filing_id: Set(e.id.clone()),
            position: Set(i as i32),
            name: Set(d.name),
            content_type: Set(d.content_type),
            size: Set(d.size),
            sha256: Set(d.sha256),
            ..Default::default()
        })
        .collect();
    let (reply, outcome) = tokio::sync::oneshot::channel();
    let job = registrar::Job {
        filing,
        documents,
        mail: e.mail.map(|(kind, to)| (kind.to_owned(), to.to_owned())),
        number: Box::new(number),
        mail_text: Box::new(mail_text),
        has_idempotency_key: e.idempotency_key.is_some(),
        reply,
    };
    let key = RegisterKey { administration_id: e.administration_id, direction: e.direction, year: e.year };
    db.registrar.submit(db, key, job);
    outcome.await.map_err(|_| Error::internal("registration abandoned"))?
}

pub async fn by_idempotency_key(c: &impl ConnectionTrait, filer_id: i32, key: &str) -> Result<Option<filing::Model>> {
    Ok(filing::Entity::find()
        .filter(filing::Column::FilerId.eq(filer_id))
        .filter(filing::Column::IdempotencyKey.eq(key))
        .one(c)
        .await?)
}

pub async fn by_id(c: &impl ConnectionTrait, id: &str) -> Result<Option<filing::Model>> {
    Ok(filing::Entity::find_by_id(id.to_owned()).one(c).await?)
}

pub async fn documents_of(c: &impl ConnectionTrait, filing_id: &str) -> Result<Vec<document::Model>> {
    Ok(document::Entity::find()
        .filter(document::Column::FilingId.eq(filing_id))
        .order_by_asc(document::Column::Position)
        .all(c)
        .await?)
}

/// A filer's filings, newest first.
pub async fn of_filer(c: &impl ConnectionTrait, filer_id: i32) -> Result<Vec<filing::Model>> {
    Ok(filing::Entity::find()
        .filter(filing::Column::FilerId.eq(filer_id))
        .order_by_desc(filing::Column::ReceivedAt)
        .order_by_desc(filing::Column::Seq)
        .all(c)
        .await?)
}

/// Records the sealed receipt's hash. Under the writer lock: on SQLite a write that races
/// the register's group transactions for the database lock loses to `SQLITE_BUSY` and
/// sleeps in growing steps (up to 100 ms each), which was the filings bench's p99.
pub async fn set_receipt(db: &Db, id: &str, sha256: &str) -> Result<()> {
    let tx = db.write().await?;
    filing::Entity::update_many()
        .col_expr(filing::Column::ReceiptSha256, Expr::value(sha256.to_owned()))
        .filter(filing::Column::Id.eq(id))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Every filing of a register in number order (tests check gap-freeness with it).
pub async fn register_numbers(c: &impl ConnectionTrait, administration_id: i32, direction: &str, year: i32) -> Result<Vec<i64>> {
    Ok(filing::Entity::find()
        .filter(filing::Column::AdministrationId.eq(administration_id))
        .filter(filing::Column::Direction.eq(direction))
        .filter(filing::Column::Year.eq(year))
        .order_by_asc(filing::Column::Seq)
        .all(c)
        .await?
        .into_iter()
        .map(|f| f.seq)
        .collect())
}

/// (filings, filings whose receipt is sealed), for `/metrics`.
pub async fn counts(c: &impl ConnectionTrait) -> Result<(u64, u64)> {
    use sea_orm::PaginatorTrait;
    let all = filing::Entity::find().count(c).await?;
    let sealed = filing::Entity::find().filter(filing::Column::ReceiptSha256.is_not_null()).count(c).await?;
    Ok((all, sealed))
}
