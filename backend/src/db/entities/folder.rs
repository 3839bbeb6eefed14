use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A parapheur folder: documents travelling through a circuit of visa and signature steps.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "folders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub administration_id: i32,
    pub title: String,
    pub originator_id: i32,
    pub unit_id: Option<i32>,
    /// `draft`, `in_progress`, `completed` or `rejected`.
    pub status: String,
    /// The position of the step group expected to act (while `in_progress`).
    pub current_position: Option<i32>,
    /// The register entry (filings.id) this folder answers.
    pub entry_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
