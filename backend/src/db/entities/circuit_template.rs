use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A reusable circuit managed by an administration's administrators.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "circuit_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub administration_id: i32,
    pub name: String,
    /// JSON array of `domain::parapheur::circuits::StepSpec`.
    #[sea_orm(column_type = "Text")]
    pub steps: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
