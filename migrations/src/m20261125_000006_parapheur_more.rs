//! The parapheur's second part:
//! - `drafts.folder_id`: the answer a completed parapheur folder sends through the bureau
//!   d'ordre (its PDFs are the signed ones, delivered as they are, never sealed again);
//! - `parapheur_preferences`: per user, immediate e-mails or a daily digest of the folders
//!   awaiting them; `parapheur_digests` keeps the digest at most once per user and day
//!   across server processes;
//! - `sign_batches` / `sign_batch_items`: batch signing running in the background, with
//!   each folder's result (the PIN is never stored: the unlocked key lives in the task).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000006_parapheur_more"
    }
}

fn col(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new("drafts")).add_column(col("folder_id").integer().null()).to_owned()).await?;
        m.create_index(Index::create().name("ix_drafts_folder_id").table(Alias::new("drafts")).col(Alias::new("folder_id")).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Alias::new("parapheur_preferences"))
                .col(col("user_id").integer().not_null().primary_key())
                // immediate | daily
                .col(col("notifications").string().not_null())
                .col(col("updated_at").timestamp_with_time_zone().not_null())
                .foreign_key(ForeignKey::create().name("fk_parapheur_preferences_user_id").from(Alias::new("parapheur_preferences"), Alias::new("user_id")).to(Alias::new("users"), Alias::new("id")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("parapheur_digests"))
                .col(col("user_id").integer().not_null())
                .col(col("day").date().not_null())
                .col(col("sent_at").timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(Alias::new("user_id")).col(Alias::new("day")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("sign_batches"))
                .col(col("id").integer().not_null().auto_increment().primary_key())
                .col(col("user_id").integer().not_null())
                // running | done
                .col(col("status").string().not_null())
                .col(col("total").integer().not_null())
                .col(col("created_at").timestamp_with_time_zone().not_null())
                .col(col("updated_at").timestamp_with_time_zone().not_null())
                .col(col("finished_at").timestamp_with_time_zone().null())
                .foreign_key(ForeignKey::create().name("fk_sign_batches_user_id").from(Alias::new("sign_batches"), Alias::new("user_id")).to(Alias::new("users"), Alias::new("id")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("sign_batch_items"))
                .col(col("id").integer().not_null().auto_increment().primary_key())
                .col(col("batch_id").integer().not_null())
                .col(col("position").integer().not_null())
                .col(col("folder_id").integer().not_null())
                // pending | signed | failed
                .col(col("status").string().not_null())
                // The folder's status after signing.
                .col(col("folder_status").string().null())
                // Stable error code.
                .col(col("error").string().null())
                // The sentence, in the language of the user who started the batch.
                .col(col("message").text().null())
                .col(col("updated_at").timestamp_with_time_zone().not_null())
                .foreign_key(ForeignKey::create().name("fk_sign_batch_items_batch_id").from(Alias::new("sign_batch_items"), Alias::new("batch_id")).to(Alias::new("sign_batches"), Alias::new("id")))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_sign_batch_items_batch_id").table(Alias::new("sign_batch_items")).col(Alias::new("batch_id")).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["sign_batch_items", "sign_batches", "parapheur_digests", "parapheur_preferences"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("ix_drafts_folder_id").table(Alias::new("drafts")).to_owned()).await?;
        m.alter_table(Table::alter().table(Alias::new("drafts")).drop_column(Alias::new("folder_id")).to_owned()).await
    }
}
