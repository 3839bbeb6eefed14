//! The outbox table: e-mails written in the same transaction as the change they announce,
//! sent later by `jobs::outbox`. A row is claimed with a lease (`locked_until`) so several
//! server processes never send the same e-mail twice at once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::entities::outbox;
use super::Db;
use crate::error::Result;

pub async fn enqueue(
    c: &impl ConnectionTrait,
    kind: &str,
    recipient: &str,
    subject: &str,
    body: &str,
    filing_id: Option<&str>,
) -> Result<i32> {
    let m = message(kind, recipient, subject, body, filing_id).insert(c).await?;
    Ok(m.id)
}

/// A message due now, for `enqueue` or a batch insert (the register's group registration).
pub fn message(kind: &str, recipient: &str, subject: &str, body: &str, filing_id: Option<&str>) -> outbox::ActiveModel {
    let now = Utc::now();
    outbox::ActiveModel {
        kind: Set(kind.to_owned()),
        recipient: Set(recipient.to_owned()),
        subject: Set(subject.to_owned()),
        body: Set(body.to_owned()),
        filing_id: Set(filing_id.map(str::to_owned)),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Claims up to `limit` due messages for `lease`; returns the ones this caller won. One
/// transaction under the writer lock: the outbox's writes queue behind the register's
/// instead of racing them for SQLite's lock (see `register::set_receipt`).
pub async fn claim_due(db: &Db, now: DateTime<Utc>, lease: Duration, limit: u64, max_attempts: i32) -> Result<Vec<outbox::Model>> {
    let tx = db.write().await?;
    let c = &tx;
    let due = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(outbox::Column::Attempts.lt(max_attempts))
        .filter(Condition::any().add(outbox::Column::LockedUntil.is_null()).add(outbox::Column::LockedUntil.lt(now)))
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(c)
        .await?;
    let mut won = Vec::new();
    for m in due {
        // Compare-and-set on the lease: only one process updates the row.
        let res = outbox::Entity::update_many()
            .col_expr(outbox::Column::LockedUntil, Expr::value(now + lease))
            .filter(outbox::Column::Id.eq(m.id))
            .filter(outbox::Column::SentAt.is_null())
            .filter(Condition::any().add(outbox::Column::LockedUntil.is_null()).add(outbox::Column::LockedUntil.lt(now)))
            .exec(c)
            .await?;
        if res.rows_affected == 1 {
            won.push(m);
        }
    }
    tx.commit().await?;
    Ok(won)
}

pub async fn mark_sent(db: &Db, id: i32, now: DateTime<Utc>) -> Result<()> {
    let tx = db.write().await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
        .filter(outbox::Column::Id.eq(id))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn mark_failed(db: &Db, id: i32, error: &str, next_attempt_at: DateTime<Utc>) -> Result<()> {
    let tx = db.write().await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LastError, Expr::value(error.to_owned()))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(next_attempt_at))
        .col_expr(outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
        .filter(outbox::Column::Id.eq(id))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives back claimed messages that were not tried, without counting an attempt.
pub async fn release(db: &Db, ids: &[i32]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let tx = db.write().await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::SentAt.is_null())
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Every outbox row, oldest first (for tests and the admin view).
pub async fn all(c: &impl ConnectionTrait) -> Result<Vec<outbox::Model>> {
    Ok(outbox::Entity::find().order_by_asc(outbox::Column::Id).all(c).await?)
}

/// (queued, sent, gave up after `max_attempts`) counts, for `/metrics`.
pub async fn counts(c: &impl ConnectionTrait, max_attempts: i32) -> Result<(u64, u64, u64)> {
    use sea_orm::PaginatorTrait;
    let sent = outbox::Entity::find().filter(outbox::Column::SentAt.is_not_null()).count(c).await?;
    let dead = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Attempts.gte(max_attempts))
        .count(c)
        .await?;
    let queued = outbox::Entity::find().filter(outbox::Column::SentAt.is_null()).count(c).await? - dead;
    Ok((queued, sent, dead))
}
