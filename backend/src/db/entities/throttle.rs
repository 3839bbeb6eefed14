use sea_orm::entity::prelude::*;

/// One limited thing (see `domain::throttle`): `scope` says what is limited (`signin`,
/// `signin_address`, `pin`…), `subject` which one (an e-mail, an address, `user:key`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "throttles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub scope: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject: String,
    /// Attempts counted since `window_started_at` (reset by a lockout or a success).
    pub attempts: i32,
    pub window_started_at: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
    /// Lockouts in a row; each one lasts twice as long as the one before.
    pub lockouts: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
