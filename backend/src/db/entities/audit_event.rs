use sea_orm::entity::prelude::*;

/// One link of an administration's audit chain (see `domain::audit`). Rows are never
/// updated or deleted: triggers refuse it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The chain: the administration, or NULL for the global chain.
    pub administration_id: Option<i32>,
    /// Position in the chain, from 1, without gaps.
    pub seq: i64,
    pub at: DateTimeUtc,
    pub actor_id: Option<i32>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: String,
    /// JSON text, hashed byte for byte.
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
