//! The audit log: `audit_events`, one hash chain per administration (plus one global chain
//! where `administration_id` is NULL), and `audit_heads`, the last link of each chain
//! (`chain` = administration id, 0 for the global chain). The head row is what appends lock
//! on, and it lets `sijill audit verify` notice events cut off the end of a chain. Append-only: triggers refuse UPDATE and DELETE (and
//! TRUNCATE on PostgreSQL) so that even a bug in the application cannot rewrite history;
//! someone with direct database access can still drop the triggers, which is what the hash
//! chain (`sijill audit verify`) is for.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000003_audit"
    }
}

const TABLE: &str = "audit_events";

fn col(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
}

/// PostgreSQL: one function raising for any write other than INSERT, and one moving the
/// chain's head hash to each new event (so an append is two statements: bump the head,
/// insert the event — fewer round trips while the head is locked).
const PG_TRIGGERS: &[&str] = &[
    "CREATE FUNCTION audit_events_set_head() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       UPDATE audit_heads SET hash = NEW.hash
        WHERE chain = COALESCE(NEW.administration_id, 0) AND seq = NEW.seq;
       RETURN NULL;
     END $$",
    "CREATE TRIGGER audit_events_set_head AFTER INSERT ON audit_events
     FOR EACH ROW EXECUTE FUNCTION audit_events_set_head()",
    "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
     END $$",
    "CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
     FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
     FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()",
];

const SQLITE_TRIGGERS: &[&str] = &[
    "CREATE TRIGGER audit_events_set_head AFTER INSERT ON audit_events
     BEGIN
       UPDATE audit_heads SET hash = NEW.hash
        WHERE chain = COALESCE(NEW.administration_id, 0) AND seq = NEW.seq;
     END",
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Alias::new(TABLE))
                .col(col("id").big_integer().not_null().auto_increment().primary_key())
                .col(col("administration_id").integer().null())
                .col(col("seq").big_integer().not_null())
                .col(col("at").timestamp_with_time_zone().not_null())
                .col(col("actor_id").integer().null())
                .col(col("action").string().not_null())
                .col(col("subject_kind").string().not_null())
                .col(col("subject_id").string().not_null())
                // Text, not jsonb: the hash covers the exact bytes stored.
                .col(col("details").text().not_null())
                .col(col("prev_hash").string().not_null())
                .col(col("hash").string().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_audit_events_administration_id")
                        .from(Alias::new(TABLE), Alias::new("administration_id"))
                        .to(Alias::new("administrations"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("audit_heads"))
                .col(col("chain").integer().not_null().primary_key())
                .col(col("seq").big_integer().not_null())
                .col(col("hash").string().not_null())
                .to_owned(),
        )
        .await?;
        // One position per chain. NULLs are distinct in a unique index, so the global chain
        // gets its own partial index (same syntax on SQLite and PostgreSQL).
        m.create_index(
            Index::create()
                .name("ux_audit_events_chain_seq")
                .table(Alias::new(TABLE))
                .col(Alias::new("administration_id"))
                .col(Alias::new("seq"))
                .unique()
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_audit_events_global_seq ON audit_events (seq) WHERE administration_id IS NULL",
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_events_subject")
                .table(Alias::new(TABLE))
                .col(Alias::new("subject_kind"))
                .col(Alias::new("subject_id"))
                .to_owned(),
        )
        .await?;
        let triggers = match m.get_database_backend() {
            DbBackend::Postgres => PG_TRIGGERS,
            DbBackend::Sqlite => SQLITE_TRIGGERS,
            DbBackend::MySql => return Err(DbErr::Migration("MySQL is not supported".into())),
        };
        for sql in triggers {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the audit log is not reversible".into()))
    }
}
