//! Abuse limits (`domain::throttle`): one row per limited thing — an account's sign-ins, a
//! client address's sign-ups, a signing key's PIN — counting its recent attempts and, once
//! over the limit, until when it is locked. Kept in the database so that a lockout holds
//! across server processes and restarts.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000012_throttles"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = |n: &str| ColumnDef::new(Alias::new(n));
        m.create_table(
            Table::create()
                .table(Alias::new("throttles"))
                .col(c("scope").string().not_null())
                .col(c("subject").string().not_null())
                .col(c("attempts").integer().not_null())
                .col(c("window_started_at").timestamp_with_time_zone().not_null())
                .col(c("locked_until").timestamp_with_time_zone().null())
                .col(c("lockouts").integer().not_null())
                .col(c("updated_at").timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(Alias::new("scope")).col(Alias::new("subject")))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_throttles_updated_at").table(Alias::new("throttles")).col(Alias::new("updated_at")).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("throttles")).to_owned()).await
    }
}
