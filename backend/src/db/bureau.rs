//! Queries of the clerk's queue and of clearances. Which entries a user may see is decided
//! by `visibility::visible`, ANDed into every list here.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entities::{clearance, filing};
use super::visibility::{self, Scope};
use crate::error::Result;

pub use super::people::{staff_of, user_by_id, users_by_ids};

/// Filters of the queue; `None` = any.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub direction: Option<String>,
    pub status: Option<String>,
    pub origin: Option<String>,
    /// Addressed to (or sent from) this unit.
    pub unit_id: Option<i32>,
    /// Received at or after.
    pub from: Option<DateTime<Utc>>,
    /// Received before.
    pub until: Option<DateTime<Utc>>,
}

/// One page of the entries `scope` sees, newest first, and the number of matching entries.
pub async fn queue(c: &impl ConnectionTrait, scope: &Scope, f: &QueueFilter, page: u64, per_page: u64) -> Result<(Vec<filing::Model>, u64)> {
    let mut cond = Condition::all().add(visibility::visible(scope));
    if let Some(d) = &f.direction {
        cond = cond.add(filing::Column::Direction.eq(d.as_str()));
    }
    if let Some(s) = &f.status {
        cond = cond.add(filing::Column::Status.eq(s.as_str()));
    }
    if let Some(o) = &f.origin {
        cond = cond.add(filing::Column::Origin.eq(o.as_str()));
    }
    if let Some(u) = f.unit_id {
        cond = cond.add(Condition::any().add(filing::Column::UnitId.eq(u)).add(filing::Column::FromUnitId.eq(u)));
    }
    if let Some(from) = f.from {
        cond = cond.add(filing::Column::ReceivedAt.gte(from));
    }
    if let Some(until) = f.until {
        cond = cond.add(filing::Column::ReceivedAt.lt(until));
    }
    let q = filing::Entity::find().filter(cond);
    let total = q.clone().count(c).await?;
    let rows = q
        .order_by_desc(filing::Column::ReceivedAt)
        .order_by_desc(filing::Column::Seq)
        .offset(page.saturating_mul(per_page))
        .limit(per_page)
        .all(c)
        .await?;
    Ok((rows, total))
}

pub async fn clearances_of(c: &impl ConnectionTrait, administration_id: i32) -> Result<Vec<clearance::Model>> {
    Ok(clearance::Entity::find().filter(clearance::Column::AdministrationId.eq(administration_id)).all(c).await?)
}

/// Sets (or with `None` removes) a user's clearance in an administration; one row per
/// user and administration.
pub async fn set_clearance(c: &impl ConnectionTrait, administration_id: i32, user_id: i32, level: Option<&str>, granted_by: i32) -> Result<()> {
    clearance::Entity::delete_many()
        .filter(clearance::Column::AdministrationId.eq(administration_id))
        .filter(clearance::Column::UserId.eq(user_id))
        .exec(c)
        .await?;
    if let Some(level) = level {
        clearance::ActiveModel {
            user_id: Set(user_id),
            administration_id: Set(administration_id),
            level: Set(level.to_owned()),
            granted_by: Set(granted_by),
            granted_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(c)
        .await?;
    }
    Ok(())
}

