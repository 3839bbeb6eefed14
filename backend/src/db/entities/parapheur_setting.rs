use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The PAdES level an administration signs its folders at (default B-LT when absent).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "parapheur_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub administration_id: i32,
    /// `B-B`, `B-T`, `B-LT` or `B-LTA`.
    pub pades_level: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
