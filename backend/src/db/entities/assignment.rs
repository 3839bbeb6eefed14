use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An imputation: an entry sent to a unit or a person, for action or for information.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub filing_id: String,
    pub unit_id: Option<i32>,
    pub user_id: Option<i32>,
    /// `action` or `information`.
    pub purpose: String,
    #[sea_orm(column_type = "Text")]
    pub instructions: String,
    pub deadline: Option<Date>,
    /// `pending`, `accepted`, `reassigned` or `done`.
    pub status: String,
    pub assigned_by: i32,
    pub assigned_at: DateTimeUtc,
    pub responded_by: Option<i32>,
    pub responded_at: Option<DateTimeUtc>,
    /// Set when reassigned: the assignment that replaced this one.
    pub replaced_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
