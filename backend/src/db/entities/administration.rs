use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "administrations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name_fr: String,
    pub name_ar: String,
    pub name_zgh: String,
    pub name_en: String,
    pub code: String,
    /// Prefix of registration numbers, e.g. `DEMO` in `DEMO-2026-A-000123`.
    pub number_prefix: String,
    /// Registration number pattern: `{prefix}`, `{year}`, `{dir}` (A, D, I) and `{seq:0N}`.
    pub number_format: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
