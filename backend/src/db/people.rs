//! People: users looked up by id, and the staff of an administration (whom entries and
//! circuit steps can be assigned to).

use crate::db::entities::{user, user_role};
use crate::error::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn user_by_id(c: &impl ConnectionTrait, id: i32) -> Result<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id).one(c).await?)
}

pub async fn users_by_ids(c: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<user::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids.iter().copied())).all(c).await?)
}

/// The staff of an administration (anyone with a role there other than filer), by name.
pub async fn staff_of(c: &impl ConnectionTrait, administration_id: i32) -> Result<Vec<user::Model>> {
    let ids: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::AdministrationId.eq(administration_id))
        .filter(user_role::Column::Role.ne("filer"))
        .all(c)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .all(c)
        .await?)
}

