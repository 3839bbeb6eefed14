//! Queries of routing (imputation), work lists, reminders and answer drafts. State changes
//! are compare-and-set (`WHERE status IN (…)`) so two people acting on the same assignment
//! or draft at once cannot both win; callers check the affected row count.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::{assignment, daily_reminder, draft, draft_attachment, filing, unit, user_role};
use super::visibility::{self, Scope};
use crate::error::Result;

pub use super::people::{staff_of, user_by_id, users_by_ids};

/// Assignment states that still ask something of the assignee.
pub const OPEN: [&str; 2] = ["pending", "accepted"];

pub struct NewAssignmentRow<'a> {
    pub filing_id: &'a str,
    pub unit_id: Option<i32>,
    pub user_id: Option<i32>,
    pub purpose: &'a str,
    pub instructions: &'a str,
    pub deadline: Option<NaiveDate>,
    pub assigned_by: i32,
    pub at: DateTime<Utc>,
}

pub async fn insert_assignment(c: &impl ConnectionTrait, a: NewAssignmentRow<'_>) -> Result<assignment::Model> {
    Ok(assignment::ActiveModel {
        filing_id: Set(a.filing_id.to_owned()),
        unit_id: Set(a.unit_id),
        user_id: Set(a.user_id),
        purpose: Set(a.purpose.to_owned()),
        instructions: Set(a.instructions.to_owned()),
        deadline: Set(a.deadline),
        status: Set("pending".into()),
        assigned_by: Set(a.assigned_by),
        assigned_at: Set(a.at),
        responded_by: Set(None),
        responded_at: Set(None),
        replaced_by: Set(None),
        ..Default::default()
    }
    .insert(c)
    .await?)
}

pub async fn assignment_by_id(c: &impl ConnectionTrait, id: i32) -> Result<Option<assignment::Model>> {
    Ok(assignment::Entity::find_by_id(id).one(c).await?)
}

/// Every assignment of an entry in the order it was made: the routing slip.
pub async fn assignments_of(c: &impl ConnectionTrait, filing_id: &str) -> Result<Vec<assignment::Model>> {
    Ok(assignment::Entity::find()
        .filter(assignment::Column::FilingId.eq(filing_id))
        .order_by_asc(assignment::Column::AssignedAt)
        .order_by_asc(assignment::Column::Id)
        .all(c)
        .await?)
}

/// Moves an assignment from one of `from` to `to`; false if someone else moved it first.
pub async fn move_assignment(
    c: &impl ConnectionTrait,
    id: i32,
    from: &[&str],
    to: &str,
    by: i32,
    at: DateTime<Utc>,
    replaced_by: Option<i32>,
) -> Result<bool> {
    let mut q = assignment::Entity::update_many()
        .col_expr(assignment::Column::Status, Expr::value(to.to_owned()))
        .col_expr(assignment::Column::RespondedBy, Expr::value(by))
        .col_expr(assignment::Column::RespondedAt, Expr::value(at));
    if let Some(r) = replaced_by {
        q = q.col_expr(assignment::Column::ReplacedBy, Expr::value(r));
    }
    let res = q
        .filter(assignment::Column::Id.eq(id))
        .filter(assignment::Column::Status.is_in(from.iter().copied()))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Moves an entry's status from one of `from` to `to`; false if it was elsewhere.
pub async fn move_entry(c: &impl ConnectionTrait, id: &str, from: &[&str], to: &str) -> Result<bool> {
    let res = filing::Entity::update_many()
        .col_expr(filing::Column::Status, Expr::value(to.to_owned()))
        .filter(filing::Column::Id.eq(id))
        .filter(filing::Column::Status.is_in(from.iter().copied()))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Open assignments (optionally filtered by status and purpose) to `user_id` or any of
/// `units`, with their entries as `scope` sees them (entries it may not see are left out).
pub async fn open_for(
    c: &impl ConnectionTrait,
    scope: &Scope,
    user_id: Option<i32>,
    units: &[i32],
    status: Option<&str>,
    purpose: Option<&str>,
) -> Result<Vec<(assignment::Model, filing::Model)>> {
    let mut who = Condition::any();
    if let Some(u) = user_id {
        who = who.add(assignment::Column::UserId.eq(u));
    }
    if !units.is_empty() {
        who = who.add(assignment::Column::UnitId.is_in(units.iter().copied()));
    }
    if user_id.is_none() && units.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = assignment::Entity::find().filter(who);
    q = match status {
        Some(s) => q.filter(assignment::Column::Status.eq(s)),
        None => q.filter(assignment::Column::Status.is_in(OPEN)),
    };
    if let Some(p) = purpose {
        q = q.filter(assignment::Column::Purpose.eq(p));
    }
    let rows = q.order_by_asc(assignment::Column::Id).all(c).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<String> = rows.iter().map(|a| a.filing_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let mut entries = Vec::new();
    for chunk in ids.chunks(500) {
        entries.extend(
            filing::Entity::find()
                .filter(visibility::visible(scope))
                .filter(filing::Column::Id.is_in(chunk.iter().cloned()))
                .all(c)
                .await?,
        );
    }
    Ok(rows
        .into_iter()
        .filter_map(|a| entries.iter().find(|f| f.id == a.filing_id).cloned().map(|f| (a, f)))
        .collect())
}

/// Every open assignment whose deadline (its own, else its entry's) is on or before `until`,
/// across administrations, with its entry: what the daily reminder talks about.
pub async fn open_due_by(c: &impl ConnectionTrait, until: NaiveDate) -> Result<Vec<(assignment::Model, filing::Model)>> {
    let rows = assignment::Entity::find().filter(assignment::Column::Status.is_in(OPEN)).all(c).await?;
    let mut out = Vec::new();
    for a in rows {
        if let Some(f) = filing::Entity::find_by_id(a.filing_id.clone()).one(c).await? {
            if a.deadline.or(f.deadline).is_some_and(|d| d <= until) {
                out.push((a, f));
            }
        }
    }
    Ok(out)
}

/// Staff (agents and officials) attached to `unit_id`.
pub async fn members_of(c: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<i32>> {
    let mut ids: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::UnitId.eq(unit_id))
        .filter(user_role::Column::Role.is_in(["agent", "official", "clerk"]))
        .all(c)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Records that `user_id` got their reminder on `day`; false if it was already recorded
/// (by this or another process): the caller then sends nothing.
pub async fn claim_reminder(c: &impl ConnectionTrait, user_id: i32, day: NaiveDate, at: DateTime<Utc>) -> Result<bool> {
    let row = daily_reminder::ActiveModel { user_id: Set(user_id), day: Set(day), sent_at: Set(at) };
    let res = daily_reminder::Entity::insert(row)
        .on_conflict(OnConflict::columns([daily_reminder::Column::UserId, daily_reminder::Column::Day]).do_nothing().to_owned())
        .exec_without_returning(c)
        .await?;
    Ok(res == 1)
}

pub async fn unit_by_id(c: &impl ConnectionTrait, id: i32) -> Result<Option<unit::Model>> {
    Ok(unit::Entity::find_by_id(id).one(c).await?)
}

pub async fn units_by_ids(c: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<unit::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(unit::Entity::find().filter(unit::Column::Id.is_in(ids.iter().copied())).all(c).await?)
}

// ---- answer drafts ----

pub async fn insert_draft(
    c: &impl ConnectionTrait,
    f: &filing::Model,
    unit_id: Option<i32>,
    author_id: i32,
    subject: &str,
    body: &str,
    at: DateTime<Utc>,
) -> Result<draft::Model> {
    Ok(draft::ActiveModel {
        filing_id: Set(f.id.clone()),
        administration_id: Set(f.administration_id),
        unit_id: Set(unit_id),
        author_id: Set(author_id),
        subject: Set(subject.to_owned()),
        body: Set(body.to_owned()),
        status: Set("draft".into()),
        outgoing_id: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(c)
    .await?)
}

pub async fn draft_by_id(c: &impl ConnectionTrait, id: i32) -> Result<Option<draft::Model>> {
    Ok(draft::Entity::find_by_id(id).one(c).await?)
}

pub async fn drafts_of(c: &impl ConnectionTrait, filing_id: &str) -> Result<Vec<draft::Model>> {
    Ok(draft::Entity::find().filter(draft::Column::FilingId.eq(filing_id)).order_by_asc(draft::Column::Id).all(c).await?)
}

/// Dispatched answers to an incoming entry (their outgoing entries), oldest first.
pub async fn answers_to(c: &impl ConnectionTrait, incoming_id: &str) -> Result<Vec<filing::Model>> {
    Ok(filing::Entity::find()
        .filter(filing::Column::InReplyTo.eq(incoming_id))
        .filter(filing::Column::DispatchedAt.is_not_null())
        .order_by_asc(filing::Column::Seq)
        .all(c)
        .await?)
}

/// Edits a draft still being written; false if it is no longer a draft.
pub async fn update_draft(c: &impl ConnectionTrait, id: i32, subject: &str, body: &str, at: DateTime<Utc>) -> Result<bool> {
    let res = draft::Entity::update_many()
        .col_expr(draft::Column::Subject, Expr::value(subject.to_owned()))
        .col_expr(draft::Column::Body, Expr::value(body.to_owned()))
        .col_expr(draft::Column::UpdatedAt, Expr::value(at))
        .filter(draft::Column::Id.eq(id))
        .filter(draft::Column::Status.eq("draft"))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Moves a draft from `from` to `to` (and records its outgoing entry); false if it was not in `from`.
pub async fn move_draft(c: &impl ConnectionTrait, id: i32, from: &str, to: &str, outgoing_id: Option<&str>) -> Result<bool> {
    let mut q = draft::Entity::update_many().col_expr(draft::Column::Status, Expr::value(to.to_owned()));
    if let Some(o) = outgoing_id {
        q = q.col_expr(draft::Column::OutgoingId, Expr::value(o.to_owned()));
    }
    let res = q.filter(draft::Column::Id.eq(id)).filter(draft::Column::Status.eq(from)).exec(c).await?;
    Ok(res.rows_affected == 1)
}

pub async fn attachment_of(c: &impl ConnectionTrait, draft_id: i32) -> Result<Option<draft_attachment::Model>> {
    Ok(draft_attachment::Entity::find_by_id(draft_id).one(c).await?)
}

/// Attaches (or replaces) the draft's PDF.
pub async fn set_attachment(c: &impl ConnectionTrait, draft_id: i32, name: &str, size: i64, sha256: &str, at: DateTime<Utc>) -> Result<()> {
    draft_attachment::Entity::delete_by_id(draft_id).exec(c).await?;
    draft_attachment::ActiveModel {
        draft_id: Set(draft_id),
        name: Set(name.to_owned()),
        size: Set(size),
        sha256: Set(sha256.to_owned()),
        created_at: Set(at),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// Marks an outgoing entry dispatched by `mode` at `at`.
pub async fn set_dispatched(c: &impl ConnectionTrait, outgoing_id: &str, mode: &str, at: DateTime<Utc>) -> Result<()> {
    filing::Entity::update_many()
        .col_expr(filing::Column::DispatchMode, Expr::value(mode.to_owned()))
        .col_expr(filing::Column::DispatchedAt, Expr::value(at))
        .filter(filing::Column::Id.eq(outgoing_id))
        .exec(c)
        .await?;
    Ok(())
}
