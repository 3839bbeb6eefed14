use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The PDF attached to an answer draft (stored content-addressed like documents).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "draft_attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub draft_id: i32,
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
