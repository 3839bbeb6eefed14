use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One step of a folder's circuit; steps with the same `position` run in parallel.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "circuit_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub folder_id: i32,
    pub position: i32,
    /// `visa` or `signature`.
    pub kind: String,
    /// `all` or `one`: how the steps of this position complete the group.
    pub mode: String,
    pub assignee_user_id: Option<i32>,
    pub assignee_role: Option<String>,
    pub assignee_unit_id: Option<i32>,
    pub sig_page: Option<i32>,
    #[sea_orm(column_type = "Double")]
    pub sig_x: Option<f64>,
    #[sea_orm(column_type = "Double")]
    pub sig_y: Option<f64>,
    #[sea_orm(column_type = "Double")]
    pub sig_width: Option<f64>,
    #[sea_orm(column_type = "Double")]
    pub sig_height: Option<f64>,
    /// `waiting`, `pending`, `done`, `skipped` or `rejected`.
    pub status: String,
    pub acted_by: Option<i32>,
    /// The delegator when `acted_by` acted as their delegate.
    pub acting_for: Option<i32>,
    pub acted_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
