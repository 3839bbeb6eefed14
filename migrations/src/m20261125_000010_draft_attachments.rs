//! An answer draft may carry a PDF written elsewhere (signed on paper and scanned, or
//! produced by another tool); dispatching then sends that PDF instead of one composed from
//! the draft's text. One optional attachment per draft, replaced on edit.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000010_draft_attachments"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = |n: &str| ColumnDef::new(Alias::new(n));
        m.create_table(
            Table::create()
                .table(Alias::new("draft_attachments"))
                .col(c("draft_id").integer().not_null().primary_key())
                .col(c("name").string().not_null())
                .col(c("size").big_integer().not_null())
                .col(c("sha256").string().not_null())
                .col(c("created_at").timestamp_with_time_zone().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_draft_attachments_draft_id")
                        .from(Alias::new("draft_attachments"), Alias::new("draft_id"))
                        .to(Alias::new("drafts"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("draft_attachments")).to_owned()).await
    }
}
