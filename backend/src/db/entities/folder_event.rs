use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One line of a folder's history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "folder_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub folder_id: i32,
    pub at: DateTimeUtc,
    pub actor_id: i32,
    pub acting_for: Option<i32>,
    pub action: String,
    pub step_id: Option<i32>,
    /// JSON.
    #[sea_orm(column_type = "Text")]
    pub details: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
