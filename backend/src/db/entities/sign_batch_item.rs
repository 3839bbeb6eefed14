use sea_orm::entity::prelude::*;

/// One folder of a batch: `pending`, then `signed` (with the folder's new status) or
/// `failed` (with a stable error code).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_batch_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub batch_id: i32,
    pub position: i32,
    pub folder_id: i32,
    pub status: String,
    pub folder_status: Option<String>,
    pub error: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub message: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
