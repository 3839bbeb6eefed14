//! A signing key is either an official's key (`signing`: its certificate must chain to the
//! administration's trust anchors before it signs an answer) or a `test` key (any
//! certificate, e.g. self-made for trying the parapheur, never accepted on an answer).
//! Keys registered before this migration are `signing`: the chain is checked again at
//! each signature of an answer, so an untrusted one still cannot sign one.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000020_signing_key_purpose"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("signing_keys"))
                .add_column(ColumnDef::new(Alias::new("purpose")).string().not_null().default("signing"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new("signing_keys")).drop_column(Alias::new("purpose")).to_owned()).await
    }
}
