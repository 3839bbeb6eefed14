use sea_orm::entity::prelude::*;

/// The last link of one audit chain; appends lock this row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_heads")]
pub struct Model {
    /// Administration id, or 0 for the global chain.
    #[sea_orm(primary_key, auto_increment = false)]
    pub chain: i32,
    pub seq: i64,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
