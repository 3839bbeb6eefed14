use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
/// One register entry of any direction and origin; portal filings are the incoming entries
/// that belong to a filer's account.
#[sea_orm(table_name = "filings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub administration_id: i32,
    pub service_id: Option<i32>,
    /// The filer's account (portal filings only).
    pub filer_id: Option<i32>,
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
    /// `portal`, `paper`, `internal`, `api` or `outgoing`.
    pub origin: String,
    pub correspondent_id: Option<i32>,
    pub letter_date: Option<Date>,
    pub category: Option<String>,
    /// `normal`, `confidential` or `secret`.
    pub confidentiality: String,
    /// `low`, `normal` or `urgent`.
    pub priority: String,
    pub deadline: Option<Date>,
    /// Addressed unit (incoming, internal) or sending unit (outgoing).
    pub unit_id: Option<i32>,
    /// Internal mail: the sending unit.
    pub from_unit_id: Option<i32>,
    /// Outgoing: the incoming entry it answers.
    pub in_reply_to: Option<String>,
    /// Outgoing: `portal`, `email` or `post`.
    pub dispatch_mode: Option<String>,
    pub dispatched_at: Option<DateTimeUtc>,
    pub registered_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
