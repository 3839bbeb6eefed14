//! The throttles table (rules in `domain::throttle`).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, Set};

use super::entities::throttle::{self, Column, Entity};
use crate::error::{Error, Result};

/// The row of (`scope`, `subject`), created if absent, locked until the transaction ends:
/// the upsert is a write, so on PostgreSQL it takes the row's lock and on SQLite the
/// database's write lock. Concurrent attempts on one subject are thus counted one after
/// the other, never lost.
pub async fn lock(c: &impl ConnectionTrait, scope: &str, subject: &str, now: DateTime<Utc>) -> Result<throttle::Model> {
    let q = Query::insert()
        .into_table(Entity)
        .columns([Column::Scope, Column::Subject, Column::Attempts, Column::WindowStartedAt, Column::Lockouts, Column::UpdatedAt])
        .values_panic([scope.into(), subject.into(), 0.into(), now.into(), 0.into(), now.into()])
        .on_conflict(OnConflict::columns([Column::Scope, Column::Subject]).value(Column::Attempts, Expr::col((Entity, Column::Attempts))).to_owned())
        .returning_all()
        .to_owned();
    let row = c.query_one(c.get_database_backend().build(&q)).await?.ok_or_else(|| Error::internal("throttle upsert returned no row"))?;
    Ok(throttle::Model::from_query_result(&row, "")?)
}

pub async fn save(c: &impl ConnectionTrait, m: &throttle::Model) -> Result<()> {
    throttle::ActiveModel {
        scope: Set(m.scope.clone()),
        subject: Set(m.subject.clone()),
        attempts: Set(m.attempts),
        window_started_at: Set(m.window_started_at),
        locked_until: Set(m.locked_until),
        lockouts: Set(m.lockouts),
        updated_at: Set(m.updated_at),
    }
    .update(c)
    .await?;
    Ok(())
}

pub async fn delete(c: &impl ConnectionTrait, scope: &str, subject: &str) -> Result<()> {
    Entity::delete_many().filter(Column::Scope.eq(scope)).filter(Column::Subject.eq(subject)).exec(c).await?;
    Ok(())
}

pub async fn find(c: &impl ConnectionTrait, scope: &str, subject: &str) -> Result<Option<throttle::Model>> {
    Ok(Entity::find_by_id((scope.to_owned(), subject.to_owned())).one(c).await?)
}

/// Forgets rows untouched since `before` and not locked now.
pub async fn purge(c: &impl ConnectionTrait, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<u64> {
    let res = Entity::delete_many()
        .filter(Column::UpdatedAt.lt(before))
        .filter(Condition::any().add(Column::LockedUntil.is_null()).add(Column::LockedUntil.lt(now)))
        .exec(c)
        .await?;
    Ok(res.rows_affected)
}
