use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "filings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub administration_id: i32,
    pub service_id: Option<i32>,
    pub filer_id: i32,
    /// `A` incoming (arrivée), `D` outgoing (départ), `I` internal.
    pub direction: String,
    pub year: i32,
    pub seq: i64,
    pub number: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub status: String,
    pub idempotency_key: Option<String>,
    pub receipt_sha256: Option<String>,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
