use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name_fr: String,
    pub name_ar: String,
    pub name_zgh: String,
    pub name_en: String,
    pub administration_id: i32,
    pub unit_id: Option<i32>,
    pub code: String,
    /// `citizen`, `business` or `administration`.
    pub audience: String,
    /// Legal response deadline in days (law 55-19: at most 60).
    pub response_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
