//! The e-parapheur: folders (main documents and annexes) travelling through a circuit of
//! visa and signature steps, their history and annotations, circuit templates managed by
//! administrators, delegations for a period, the officials' signing keys, and the PAdES
//! level of each administration.
//!
//! A circuit is the rows of `circuit_steps` of one folder: steps sharing a `position` form
//! one group (sequential groups one after the other; a group of several steps runs in
//! parallel, completed when all of them act (`mode` = `all`) or when one does (`one`)).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000005_parapheur"
    }
}

fn col(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
}
fn text(name: &str) -> ColumnDef {
    col(name).string().not_null().take()
}
fn text_null(name: &str) -> ColumnDef {
    col(name).string().null().take()
}
fn long_text(name: &str) -> ColumnDef {
    col(name).text().not_null().take()
}
fn long_text_null(name: &str) -> ColumnDef {
    col(name).text().null().take()
}
fn int(name: &str) -> ColumnDef {
    col(name).integer().not_null().take()
}
fn int_null(name: &str) -> ColumnDef {
    col(name).integer().null().take()
}
fn real_null(name: &str) -> ColumnDef {
    col(name).double().null().take()
}
fn ts(name: &str) -> ColumnDef {
    col(name).timestamp_with_time_zone().not_null().take()
}
fn ts_null(name: &str) -> ColumnDef {
    col(name).timestamp_with_time_zone().null().take()
}
fn blob_null(name: &str) -> ColumnDef {
    col(name).binary().null().take()
}
fn id(table: &str) -> TableCreateStatement {
    Table::create()
        .table(Alias::new(table))
        .col(col("id").integer().not_null().auto_increment().primary_key())
        .to_owned()
}
fn fk(from: &str, column: &str, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{column}"))
        .from(Alias::new(from), Alias::new(column))
        .to(Alias::new(to), Alias::new("id"))
        .to_owned()
}
fn index(table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!("ix_{table}_{}", cols.join("_"))).table(Alias::new(table));
    for c in cols {
        i.col(Alias::new(*c));
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One row per administration that changed the default level (B-LT).
        m.create_table(
            Table::create()
                .table(Alias::new("parapheur_settings"))
                .col(col("administration_id").integer().not_null().primary_key())
                .col(text("pades_level"))
                .foreign_key(&mut fk("parapheur_settings", "administration_id", "administrations"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            id("folders")
                .col(int("administration_id"))
                .col(text("title"))
                .col(int("originator_id"))
                .col(int_null("unit_id"))
                // draft | in_progress | completed | rejected
                .col(text("status"))
                // The position of the group now expected to act (in_progress only).
                .col(int_null("current_position"))
                // The register entry this folder answers (filings.id).
                .col(text_null("entry_id"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .foreign_key(&mut fk("folders", "administration_id", "administrations"))
                .foreign_key(&mut fk("folders", "originator_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("folders", &["administration_id", "status"])).await?;
        m.create_table(
            id("folder_documents")
                .col(int("folder_id"))
                // main | annex
                .col(text("role"))
                .col(int("position"))
                .col(text("name"))
                .col(col("size").big_integer().not_null())
                // The uploaded file, and the current version (signed so far) in storage.
                .col(text("original_sha256"))
                .col(text("sha256"))
                .col(int("signatures"))
                .foreign_key(&mut fk("folder_documents", "folder_id", "folders"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("folder_documents", &["folder_id"])).await?;
        m.create_table(
            id("circuit_steps")
                .col(int("folder_id"))
                .col(int("position"))
                // visa | signature
                .col(text("kind"))
                // all | one (same for every step of a position)
                .col(text("mode"))
                .col(int_null("assignee_user_id"))
                .col(text_null("assignee_role"))
                .col(int_null("assignee_unit_id"))
                .col(int_null("sig_page"))
                .col(real_null("sig_x"))
                .col(real_null("sig_y"))
                .col(real_null("sig_width"))
                .col(real_null("sig_height"))
                // waiting | pending | done | skipped | rejected
                .col(text("status"))
                .col(int_null("acted_by"))
                .col(int_null("acting_for"))
                .col(ts_null("acted_at"))
                .col(long_text_null("reason"))
                .foreign_key(&mut fk("circuit_steps", "folder_id", "folders"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("circuit_steps", &["folder_id", "position"])).await?;
        m.create_index(index("circuit_steps", &["assignee_user_id", "status"])).await?;
        m.create_table(
            id("circuit_templates")
                .col(int("administration_id"))
                .col(text("name"))
                // JSON array of steps (see domain::parapheur::circuits::StepSpec).
                .col(long_text("steps"))
                .col(int("created_by"))
                .col(ts("created_at"))
                .foreign_key(&mut fk("circuit_templates", "administration_id", "administrations"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            id("folder_annotations")
                .col(int("folder_id"))
                .col(int("author_id"))
                // public | private (to the author)
                .col(text("visibility"))
                .col(long_text("body"))
                .col(ts("created_at"))
                .foreign_key(&mut fk("folder_annotations", "folder_id", "folders"))
                .to_owned(),
        )
        .await?;
        // The folder's history, step by step (the audit log holds the same facts, chained).
        m.create_table(
            id("folder_events")
                .col(int("folder_id"))
                .col(ts("at"))
                .col(int("actor_id"))
                .col(int_null("acting_for"))
                .col(text("action"))
                .col(int_null("step_id"))
                .col(long_text("details"))
                .foreign_key(&mut fk("folder_events", "folder_id", "folders"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("folder_events", &["folder_id"])).await?;
        m.create_table(
            id("delegations")
                .col(int("administration_id"))
                .col(int("delegator_id"))
                .col(int("delegate_id"))
                .col(ts("starts_at"))
                .col(ts("ends_at"))
                .col(ts("created_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk("delegations", "delegator_id", "users"))
                .foreign_key(&mut fk("delegations", "delegate_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("delegations", &["delegate_id"])).await?;
        m.create_table(
            id("signing_keys")
                .col(int("user_id"))
                // pkcs12 | pkcs11 | csc
                .col(text("kind"))
                .col(text("label"))
                // PKCS#12: AES-256-GCM ciphertext (nonce first) under `parapheur.key_encryption_key`.
                .col(blob_null("p12_encrypted"))
                // The signer's certificate (DER), for display and checks without unlocking.
                .col(blob_null("certificate"))
                .col(text_null("pkcs11_module"))
                .col(text_null("pkcs11_token"))
                // The key's label on that token.
                .col(text_null("pkcs11_label"))
                .col(text_null("csc_endpoint"))
                .col(text_null("csc_credential_id"))
                .col(col("active").boolean().not_null())
                .col(ts("created_at"))
                .foreign_key(&mut fk("signing_keys", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("signing_keys", &["user_id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "signing_keys",
            "delegations",
            "folder_events",
            "folder_annotations",
            "circuit_templates",
            "circuit_steps",
            "folder_documents",
            "folders",
            "parapheur_settings",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
