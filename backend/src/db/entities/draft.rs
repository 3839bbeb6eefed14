use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An answer being written by a service to an incoming entry; dispatching it registers
/// the outgoing entry (`outgoing_id`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "drafts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub filing_id: String,
    pub administration_id: i32,
    pub unit_id: Option<i32>,
    pub author_id: i32,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// `draft`, `dispatching` or `dispatched`.
    pub status: String,
    pub outgoing_id: Option<String>,
    /// The parapheur folder whose signed documents are this answer (sent as they are).
    pub folder_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
