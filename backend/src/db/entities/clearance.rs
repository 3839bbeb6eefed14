use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A user's right to see confidential (or also secret) entries of an administration.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "clearances")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub administration_id: i32,
    /// `confidential` or `secret` (secret includes confidential).
    pub level: String,
    pub granted_by: i32,
    pub granted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
