//! Queries of the parapheur's second part: answers of completed folders (drafts carrying
//! `folder_id`), delegation revocation, notification preferences and daily digests, and
//! background batch signing.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entities::*;
use crate::error::Result;

/// The answer of a completed folder, ready to be registered as outgoing mail under the
/// pre-chosen `outgoing_id` (so a retry never registers it twice).
pub async fn insert_folder_answer(c: &impl ConnectionTrait, f: &folder::Model, entry: &filing::Model, outgoing_id: &str) -> Result<draft::Model> {
    let now = Utc::now();
    Ok(draft::ActiveModel {
        filing_id: Set(entry.id.clone()),
        administration_id: Set(entry.administration_id),
        unit_id: Set(f.unit_id.or(entry.unit_id)),
        author_id: Set(f.originator_id),
        subject: Set(f.title.clone()),
        body: Set(String::new()),
        status: Set("dispatching".into()),
        outgoing_id: Set(Some(outgoing_id.to_owned())),
        folder_id: Set(Some(f.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(c)
    .await?)
}

/// Folder answers not yet dispatched (of one folder, or all of them last touched before `before`).
pub async fn undelivered_answers(c: &impl ConnectionTrait, folder_id: Option<i32>, before: Option<DateTime<Utc>>) -> Result<Vec<draft::Model>> {
    let mut q = draft::Entity::find().filter(draft::Column::Status.eq("dispatching")).filter(draft::Column::FolderId.is_not_null());
    if let Some(f) = folder_id {
        q = q.filter(draft::Column::FolderId.eq(f));
    }
    if let Some(b) = before {
        q = q.filter(draft::Column::UpdatedAt.lt(b));
    }
    Ok(q.order_by_asc(draft::Column::Id).all(c).await?)
}

pub async fn touch_draft(c: &impl ConnectionTrait, id: i32) -> Result<()> {
    draft::Entity::update_many().col_expr(draft::Column::UpdatedAt, Expr::value(Utc::now())).filter(draft::Column::Id.eq(id)).exec(c).await?;
    Ok(())
}

/// The actor of the folder's `completed` history line.
pub async fn completed_by(c: &impl ConnectionTrait, folder_id: i32) -> Result<Option<i32>> {
    Ok(folder_event::Entity::find()
        .filter(folder_event::Column::FolderId.eq(folder_id))
        .filter(folder_event::Column::Action.eq("completed"))
        .order_by_desc(folder_event::Column::Id)
        .one(c)
        .await?
        .map(|e| e.actor_id))
}

/// Whose authority the folder's last signature was made with: the official signed for
/// (a delegate's delegator), else the signatory.
pub async fn last_signatory(c: &impl ConnectionTrait, folder_id: i32) -> Result<Option<i32>> {
    Ok(circuit_step::Entity::find()
        .filter(circuit_step::Column::FolderId.eq(folder_id))
        .filter(circuit_step::Column::Kind.eq("signature"))
        .filter(circuit_step::Column::Status.eq("done"))
        .order_by_desc(circuit_step::Column::ActedAt)
        .one(c)
        .await?
        .and_then(|s| s.acting_for.or(s.acted_by)))
}

pub async fn delegation(c: &impl ConnectionTrait, id: i32) -> Result<Option<delegation::Model>> {
    Ok(delegation::Entity::find_by_id(id).one(c).await?)
}

/// Revokes a delegation not yet revoked nor ended: it ends at `now` (or never starts).
pub async fn revoke_delegation(c: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<bool> {
    let res = delegation::Entity::update_many()
        .col_expr(delegation::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(delegation::Column::EndsAt, Expr::value(now))
        .filter(delegation::Column::Id.eq(id))
        .filter(delegation::Column::RevokedAt.is_null())
        .filter(delegation::Column::EndsAt.gt(now))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn preference(c: &impl ConnectionTrait, user_id: i32) -> Result<Option<String>> {
    Ok(parapheur_preference::Entity::find_by_id(user_id).one(c).await?.map(|p| p.notifications))
}

pub async fn set_preference(c: &impl ConnectionTrait, user_id: i32, notifications: &str) -> Result<()> {
    let row = parapheur_preference::ActiveModel { user_id: Set(user_id), notifications: Set(notifications.to_owned()), updated_at: Set(Utc::now()) };
    parapheur_preference::Entity::insert(row)
        .on_conflict(
            OnConflict::column(parapheur_preference::Column::UserId)
                .update_columns([parapheur_preference::Column::Notifications, parapheur_preference::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}

/// Users who chose the daily digest (among `among`, or all when `None`).
pub async fn digest_users(c: &impl ConnectionTrait, among: Option<&[i32]>) -> Result<Vec<i32>> {
    let mut q = parapheur_preference::Entity::find().filter(parapheur_preference::Column::Notifications.eq("daily"));
    if let Some(ids) = among {
        q = q.filter(parapheur_preference::Column::UserId.is_in(ids.iter().copied()));
    }
    Ok(q.order_by_asc(parapheur_preference::Column::UserId).all(c).await?.into_iter().map(|p| p.user_id).collect())
}

/// Records `user_id`'s digest of `day`; false if already recorded (by any process).
pub async fn claim_digest(c: &impl ConnectionTrait, user_id: i32, day: NaiveDate) -> Result<bool> {
    let row = parapheur_digest::ActiveModel { user_id: Set(user_id), day: Set(day), sent_at: Set(Utc::now()) };
    let res = parapheur_digest::Entity::insert(row)
        .on_conflict(OnConflict::columns([parapheur_digest::Column::UserId, parapheur_digest::Column::Day]).do_nothing().to_owned())
        .exec_without_returning(c)
        .await?;
    Ok(res == 1)
}

pub async fn insert_batch(c: &impl ConnectionTrait, user_id: i32, folder_ids: &[i32]) -> Result<sign_batch::Model> {
    let now = Utc::now();
    let b = sign_batch::ActiveModel {
        user_id: Set(user_id),
        status: Set("running".into()),
        total: Set(folder_ids.len() as i32),
        created_at: Set(now),
        updated_at: Set(now),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(c)
    .await?;
    let items: Vec<_> = folder_ids
        .iter()
        .enumerate()
        .map(|(i, f)| sign_batch_item::ActiveModel {
            batch_id: Set(b.id),
            position: Set(i as i32),
            folder_id: Set(*f),
            status: Set("pending".into()),
            folder_status: Set(None),
            error: Set(None),
            message: Set(None),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    sign_batch_item::Entity::insert_many(items).exec_without_returning(c).await?;
    Ok(b)
}

/// Records one folder's result in the batch.
pub async fn set_item(c: &impl ConnectionTrait, batch_id: i32, position: i32, status: &str, folder_status: Option<&str>, error: Option<(&str, &str)>) -> Result<()> {
    let now = Utc::now();
    sign_batch_item::Entity::update_many()
        .col_expr(sign_batch_item::Column::Status, Expr::value(status))
        .col_expr(sign_batch_item::Column::FolderStatus, Expr::value(folder_status.map(str::to_owned)))
        .col_expr(sign_batch_item::Column::Error, Expr::value(error.map(|e| e.0.to_owned())))
        .col_expr(sign_batch_item::Column::Message, Expr::value(error.map(|e| e.1.to_owned())))
        .col_expr(sign_batch_item::Column::UpdatedAt, Expr::value(now))
        .filter(sign_batch_item::Column::BatchId.eq(batch_id))
        .filter(sign_batch_item::Column::Position.eq(position))
        .exec(c)
        .await?;
    sign_batch::Entity::update_many().col_expr(sign_batch::Column::UpdatedAt, Expr::value(now)).filter(sign_batch::Column::Id.eq(batch_id)).exec(c).await?;
    Ok(())
}

pub async fn finish_batch(c: &impl ConnectionTrait, batch_id: i32) -> Result<()> {
    let now = Utc::now();
    sign_batch::Entity::update_many()
        .col_expr(sign_batch::Column::Status, Expr::value("done"))
        .col_expr(sign_batch::Column::UpdatedAt, Expr::value(now))
        .col_expr(sign_batch::Column::FinishedAt, Expr::value(Some(now)))
        .filter(sign_batch::Column::Id.eq(batch_id))
        .exec(c)
        .await?;
    Ok(())
}

pub async fn batch(c: &impl ConnectionTrait, id: i32) -> Result<Option<(sign_batch::Model, Vec<sign_batch_item::Model>)>> {
    let Some(b) = sign_batch::Entity::find_by_id(id).one(c).await? else { return Ok(None) };
    let items = sign_batch_item::Entity::find()
        .filter(sign_batch_item::Column::BatchId.eq(id))
        .order_by_asc(sign_batch_item::Column::Position)
        .all(c)
        .await?;
    Ok(Some((b, items)))
}
