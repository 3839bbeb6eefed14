//! The bureau d'ordre: `filings` becomes the register of every entry (portal filings,
//! paper mail, internal mail, mail from other administrations, outgoing answers), so
//! `filer_id` is now optional (only portal filings belong to a filer's account). Adds the
//! address book of correspondents, assignments (imputations), clearances for confidential
//! entries, answer drafts, the administrations' number format and the daily-reminder log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000002_bureau"
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
fn int(name: &str) -> ColumnDef {
    col(name).integer().not_null().take()
}
fn int_null(name: &str) -> ColumnDef {
    col(name).integer().null().take()
}
fn ts(name: &str) -> ColumnDef {
    col(name).timestamp_with_time_zone().not_null().take()
}
fn ts_null(name: &str) -> ColumnDef {
    col(name).timestamp_with_time_zone().null().take()
}
fn date_null(name: &str) -> ColumnDef {
    col(name).date().null().take()
}
fn with_default(name: &str, value: &str) -> ColumnDef {
    col(name).string().not_null().default(value).take()
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
fn index(table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!("ix_{table}_{}", cols.join("_"))).table(Alias::new(table));
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

/// Columns the register entries gain. All optional or defaulted, so existing portal
/// filings stay valid as they are.
fn entry_columns() -> Vec<ColumnDef> {
    vec![
        // portal | paper | internal | api | outgoing
        with_default("origin", "portal"),
        int_null("correspondent_id"),
        date_null("letter_date"),
        text_null("category"),
        // normal | confidential | secret
        with_default("confidentiality", "normal"),
        // low | normal | urgent
        with_default("priority", "normal"),
        date_null("deadline"),
        // The unit the entry is addressed to (incoming, internal) or sent from (outgoing).
        int_null("unit_id"),
        // Internal mail: the sending unit.
        int_null("from_unit_id"),
        // Outgoing: the incoming entry it answers.
        text_null("in_reply_to"),
        // Outgoing: portal (filer's space + e-mail) | email | post
        text_null("dispatch_mode"),
        ts_null("dispatched_at"),
        int_null("registered_by"),
    ]
}

/// The register table as it is after this migration (used to rebuild it on SQLite, which
/// cannot drop a NOT NULL constraint in place).
fn filings_table(name: &str) -> TableCreateStatement {
    let mut t = Table::create();
    t.table(Alias::new(name))
        .col(text("id").primary_key().take())
        .col(int("administration_id"))
        .col(int_null("service_id"))
        .col(int_null("filer_id"))
        .col(text("direction"))
        .col(int("year"))
        .col(col("seq").big_integer().not_null().take())
        .col(text("number").unique_key().take())
        .col(text("subject"))
        .col(long_text("message"))
        .col(text("status"))
        .col(text_null("idempotency_key"))
        .col(text_null("receipt_sha256"))
        .col(ts("received_at"));
    for c in entry_columns() {
        t.col(c);
    }
    t.foreign_key(&mut fk(name, "administration_id", "administrations"))
        .foreign_key(&mut fk(name, "service_id", "services"))
        .foreign_key(&mut fk(name, "filer_id", "users"))
        .to_owned()
}

const OLD_COLUMNS: &str = "id, administration_id, service_id, filer_id, direction, year, seq, number, subject, \
     message, status, idempotency_key, receipt_sha256, received_at";

/// SQLite: the documented table rebuild (create, copy, drop, rename) in one transaction.
/// `documents` references `filings`, so it is rebuilt too, pointing at the new table;
/// renaming the new table then rewrites that reference.
async fn rebuild_filings_sqlite(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let conn = m.get_connection();
    let tx = conn.begin().await?;
    let b = DbBackend::Sqlite;
    tx.execute(b.build(&filings_table("filings_new"))).await?;
    tx.execute_unprepared(&format!("INSERT INTO filings_new ({OLD_COLUMNS}) SELECT {OLD_COLUMNS} FROM filings"))
        .await?;
    let documents = id("documents_new")
        .col(text("filing_id"))
        .col(int("position"))
        .col(text("name"))
        .col(text("content_type"))
        .col(col("size").big_integer().not_null().take())
        .col(text("sha256"))
        .foreign_key(&mut fk("documents", "filing_id", "filings_new"))
        .to_owned();
    tx.execute(b.build(&documents)).await?;
    let doc_cols = "id, filing_id, position, name, content_type, size, sha256";
    tx.execute_unprepared(&format!("INSERT INTO documents_new ({doc_cols}) SELECT {doc_cols} FROM documents"))
        .await?;
    for sql in [
        "DROP TABLE documents",
        "DROP TABLE filings",
        "ALTER TABLE filings_new RENAME TO filings",
        "ALTER TABLE documents_new RENAME TO documents",
    ] {
        tx.execute_unprepared(sql).await?;
    }
    for i in [
        index("filings", &["administration_id", "direction", "year", "seq"], true),
        index("filings", &["filer_id", "idempotency_key"], true),
        index("filings", &["filer_id", "received_at"], false),
        index("documents", &["filing_id"], false),
    ] {
        tx.execute(b.build(&i)).await?;
    }
    tx.commit().await
}

async fn alter_filings_postgres(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.get_connection().execute_unprepared("ALTER TABLE filings ALTER COLUMN filer_id DROP NOT NULL").await?;
    let mut t = Table::alter();
    t.table(Alias::new("filings"));
    for c in entry_columns() {
        t.add_column(c);
    }
    m.alter_table(t.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DbBackend::Sqlite {
            rebuild_filings_sqlite(m).await?;
        } else {
            alter_filings_postgres(m).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Alias::new("administrations"))
                .add_column(with_default("number_format", "{prefix}-{year}-{dir}-{seq:06}"))
                .to_owned(),
        )
        .await?;
        let tables = [
            id("correspondents")
                .col(int("administration_id"))
                // person | organisation | administration
                .col(text("kind"))
                .col(text("name"))
                .col(text_null("email"))
                .col(text_null("phone"))
                .col(text_null("address"))
                .col(ts("created_at"))
                .foreign_key(&mut fk("correspondents", "administration_id", "administrations"))
                .to_owned(),
            id("assignments")
                .col(text("filing_id"))
                .col(int_null("unit_id"))
                .col(int_null("user_id"))
                // action | information
                .col(text("purpose"))
                .col(long_text("instructions"))
                .col(date_null("deadline"))
                // pending | accepted | reassigned | done
                .col(text("status"))
                .col(int("assigned_by"))
                .col(ts("assigned_at"))
                .col(int_null("responded_by"))
                .col(ts_null("responded_at"))
                // Reassignment: the assignment that replaced this one.
                .col(int_null("replaced_by"))
                .foreign_key(&mut fk("assignments", "filing_id", "filings"))
                .foreign_key(&mut fk("assignments", "unit_id", "units"))
                .foreign_key(&mut fk("assignments", "user_id", "users"))
                .to_owned(),
            id("clearances")
                .col(int("user_id"))
                .col(int("administration_id"))
                // confidential | secret (secret implies confidential)
                .col(text("level"))
                .col(int("granted_by"))
                .col(ts("granted_at"))
                .foreign_key(&mut fk("clearances", "user_id", "users"))
                .foreign_key(&mut fk("clearances", "administration_id", "administrations"))
                .to_owned(),
            id("drafts")
                .col(text("filing_id"))
                .col(int("administration_id"))
                .col(int_null("unit_id"))
                .col(int("author_id"))
                .col(text("subject"))
                .col(long_text("body"))
                // draft | dispatched
                .col(text("status"))
                .col(text_null("outgoing_id"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .foreign_key(&mut fk("drafts", "filing_id", "filings"))
                .foreign_key(&mut fk("drafts", "author_id", "users"))
                .to_owned(),
            Table::create()
                .table(Alias::new("daily_reminders"))
                .col(int("user_id"))
                .col(col("day").date().not_null().take())
                .col(ts("sent_at"))
                .primary_key(Index::create().col(Alias::new("user_id")).col(Alias::new("day")))
                .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        for i in [
            index("filings", &["administration_id", "received_at"], false),
            index("filings", &["administration_id", "status"], false),
            index("filings", &["in_reply_to"], false),
            index("correspondents", &["administration_id", "name"], false),
            index("assignments", &["filing_id"], false),
            index("assignments", &["unit_id", "status"], false),
            index("assignments", &["user_id", "status"], false),
            index("clearances", &["user_id", "administration_id"], true),
            index("drafts", &["filing_id"], false),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the bureau d'ordre schema is not reversible".into()))
    }
}
