use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A document of a folder; `sha256` is its current version in storage (signed so far).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "folder_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub folder_id: i32,
    /// `main` (signed) or `annex` (carried along, not signed).
    pub role: String,
    pub position: i32,
    pub name: String,
    pub size: i64,
    pub original_sha256: String,
    pub sha256: String,
    /// How many signatures the current version carries.
    pub signatures: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
