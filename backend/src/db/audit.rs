//! The audit tables' SQL (`audit_events`, `audit_heads`). The chain logic — what is hashed,
//! what a broken link is — lives in `domain::audit`; this module only moves rows.
//!
//! Appending is serialised per chain by the chain's head row: `advance_head` bumps it with
//! an upsert, which takes the row lock on PostgreSQL (held until the caller's transaction
//! ends) and the database write lock on SQLite, so two appends to one chain never read the
//! same head. Appends to different administrations do not wait for each other on
//! PostgreSQL.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entities::{audit_event as ev, audit_head as head};
use crate::error::{Error, Result};

/// `audit_heads.chain` of a chain: the administration id, 0 for the global chain.
pub fn chain_key(administration_id: Option<i32>) -> i32 {
    administration_id.unwrap_or(0)
}

/// Moves the chain's head `n` positions on and returns `(first, prev_hash)`: the position
/// the first new event takes and the hash of the event before it (`genesis` for a new
/// chain). Locks the head until the transaction ends; the caller must then `insert` the
/// `n` events in the same transaction, and an `AFTER INSERT` trigger moves the head's hash
/// to the last of them.
pub async fn advance_head(c: &impl ConnectionTrait, administration_id: Option<i32>, n: i64, genesis: &str) -> Result<(i64, String)> {
    let q = Query::insert()
        .into_table(head::Entity)
        .columns([head::Column::Chain, head::Column::Seq, head::Column::Hash])
        .values_panic([chain_key(administration_id).into(), n.into(), genesis.into()])
        .on_conflict(
            OnConflict::column(head::Column::Chain)
                .value(head::Column::Seq, Expr::col((head::Entity, head::Column::Seq)).add(n))
                .to_owned(),
        )
        .returning_all()
        .to_owned();
    let row = c
        .query_one(c.get_database_backend().build(&q))
        .await?
        .ok_or_else(|| Error::internal("audit head upsert returned no row"))?;
    Ok((row.try_get::<i64>("", "seq")? - n + 1, row.try_get::<String>("", "hash")?))
}

/// A row to insert; `hash` is already computed by the domain.
pub struct NewEvent {
    pub administration_id: Option<i32>,
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i32>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Rows per INSERT (10 columns each: well under SQLite's bound-parameter limit).
const CHUNK: usize = 500;

/// Inserts events; the head trigger moves each chain's head hash to its last event.
pub async fn insert(c: &impl ConnectionTrait, events: Vec<NewEvent>) -> Result<()> {
    let rows: Vec<ev::ActiveModel> = events
        .into_iter()
        .map(|e| ev::ActiveModel {
            administration_id: Set(e.administration_id),
            seq: Set(e.seq),
            at: Set(e.at),
            actor_id: Set(e.actor_id),
            action: Set(e.action),
            subject_kind: Set(e.subject_kind),
            subject_id: Set(e.subject_id),
            details: Set(e.details),
            prev_hash: Set(e.prev_hash),
            hash: Set(e.hash),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        ev::Entity::insert_many(chunk.to_vec()).exec_without_returning(c).await?;
    }
    Ok(())
}

/// Every chain head.
pub async fn heads(c: &impl ConnectionTrait) -> Result<Vec<head::Model>> {
    Ok(head::Entity::find().order_by_asc(head::Column::Chain).all(c).await?)
}

/// The chains that hold at least one event (`None` is the global chain).
pub async fn chains_with_events(c: &impl ConnectionTrait) -> Result<Vec<Option<i32>>> {
    Ok(ev::Entity::find()
        .select_only()
        .column(ev::Column::AdministrationId)
        .distinct()
        .into_tuple::<Option<i32>>()
        .all(c)
        .await?)
}

fn in_chain(administration_id: Option<i32>) -> sea_orm::Condition {
    match administration_id {
        Some(a) => sea_orm::Condition::all().add(ev::Column::AdministrationId.eq(a)),
        None => sea_orm::Condition::all().add(ev::Column::AdministrationId.is_null()),
    }
}

/// Up to `limit` events of a chain with `after < seq <= upto`, in chain order.
pub async fn chain_page(
    c: &impl ConnectionTrait,
    administration_id: Option<i32>,
    after: i64,
    upto: i64,
    limit: u64,
) -> Result<Vec<ev::Model>> {
    Ok(ev::Entity::find()
        .filter(in_chain(administration_id))
        .filter(ev::Column::Seq.gt(after))
        .filter(ev::Column::Seq.lte(upto))
        .order_by_asc(ev::Column::Seq)
        .limit(limit)
        .all(c)
        .await?)
}

/// The events about one subject (e.g. one register entry), oldest first.
pub async fn of_subject(c: &impl ConnectionTrait, kind: &str, id: &str) -> Result<Vec<ev::Model>> {
    Ok(ev::Entity::find()
        .filter(ev::Column::SubjectKind.eq(kind))
        .filter(ev::Column::SubjectId.eq(id))
        .order_by_asc(ev::Column::At)
        .order_by_asc(ev::Column::Id)
        .all(c)
        .await?)
}
