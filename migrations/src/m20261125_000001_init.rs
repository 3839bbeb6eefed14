//! Administrations, units, catalogue services, users and roles, sessions, e-mail
//! verification tokens, the incoming register (counters, filings, documents) and the outbox.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_init"
    }
}

fn id(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(ColumnDef::new(Alias::new("id")).integer().not_null().auto_increment().primary_key())
}
fn text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().not_null().take()
}
fn text_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().null().take()
}
fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().not_null().take()
}
fn int_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().null().take()
}
fn big(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).big_integer().not_null().take()
}
fn ts(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).timestamp_with_time_zone().not_null().take()
}
fn ts_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).timestamp_with_time_zone().null().take()
}
fn fk(from: &str, col: &str, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(Alias::new(from), Alias::new(col))
        .to(Alias::new(to), Alias::new("id"))
        .to_owned()
}
fn names(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(text("name_fr")).col(text("name_ar")).col(text("name_zgh")).col(text("name_en"))
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            names(id(Table::create().table(Alias::new("administrations"))))
                .col(text("code").unique_key().take())
                .col(text("number_prefix"))
                .col(ts("created_at"))
                .to_owned(),
            names(id(Table::create().table(Alias::new("units"))))
                .col(int("administration_id"))
                .col(int_null("parent_id"))
                .col(text("code"))
                .foreign_key(&mut fk("units", "administration_id", "administrations"))
                .foreign_key(&mut fk("units", "parent_id", "units"))
                .to_owned(),
            names(id(Table::create().table(Alias::new("services"))))
                .col(int("administration_id"))
                .col(int_null("unit_id"))
                .col(text("code"))
                .col(text("audience"))
                .col(int("response_days"))
                .foreign_key(&mut fk("services", "administration_id", "administrations"))
                .foreign_key(&mut fk("services", "unit_id", "units"))
                .to_owned(),
            id(Table::create().table(Alias::new("users")))
                .col(text("email").unique_key().take())
                .col(text("password_hash"))
                .col(text("display_name"))
                .col(text("lang"))
                .col(ts_null("email_verified_at"))
                .col(ts("created_at"))
                .to_owned(),
            id(Table::create().table(Alias::new("user_roles")))
                .col(int("user_id"))
                .col(text("role"))
                .col(int_null("administration_id"))
                .col(int_null("unit_id"))
                .foreign_key(&mut fk("user_roles", "user_id", "users"))
                .foreign_key(&mut fk("user_roles", "administration_id", "administrations"))
                .foreign_key(&mut fk("user_roles", "unit_id", "units"))
                .to_owned(),
            Table::create()
                .table(Alias::new("sessions"))
                .col(text("token_hash").primary_key().take())
                .col(int("user_id"))
                .col(text("kind"))
                .col(ts("created_at"))
                .col(ts("expires_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users"))
                .to_owned(),
            Table::create()
                .table(Alias::new("email_verifications"))
                .col(text("token_hash").primary_key().take())
                .col(int("user_id"))
                .col(ts("expires_at"))
                .col(ts_null("used_at"))
                .foreign_key(&mut fk("email_verifications", "user_id", "users"))
                .to_owned(),
            Table::create()
                .table(Alias::new("register_counters"))
                .col(int("administration_id"))
                .col(text("direction"))
                .col(int("year"))
                .col(big("last_number"))
                .primary_key(
                    Index::create()
                        .col(Alias::new("administration_id"))
                        .col(Alias::new("direction"))
                        .col(Alias::new("year")),
                )
                .foreign_key(&mut fk("register_counters", "administration_id", "administrations"))
                .to_owned(),
            Table::create()
                .table(Alias::new("filings"))
                .col(text("id").primary_key().take())
                .col(int("administration_id"))
                .col(int_null("service_id"))
                .col(int("filer_id"))
                .col(text("direction"))
                .col(int("year"))
                .col(big("seq"))
                .col(text("number").unique_key().take())
                .col(text("subject"))
                .col(ColumnDef::new(Alias::new("message")).text().not_null())
                .col(text("status"))
                .col(text_null("idempotency_key"))
                .col(text_null("receipt_sha256"))
                .col(ts("received_at"))
                .foreign_key(&mut fk("filings", "administration_id", "administrations"))
                .foreign_key(&mut fk("filings", "service_id", "services"))
                .foreign_key(&mut fk("filings", "filer_id", "users"))
                .to_owned(),
            id(Table::create().table(Alias::new("documents")))
                .col(text("filing_id"))
                .col(int("position"))
                .col(text("name"))
                .col(text("content_type"))
                .col(big("size"))
                .col(text("sha256"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_documents_filing_id")
                        .from(Alias::new("documents"), Alias::new("filing_id"))
                        .to(Alias::new("filings"), Alias::new("id")),
                )
                .to_owned(),
            id(Table::create().table(Alias::new("outbox")))
                .col(text("kind"))
                .col(text("recipient"))
                .col(text("subject"))
                .col(ColumnDef::new(Alias::new("body")).text().not_null())
                .col(text_null("filing_id"))
                .col(int("attempts"))
                .col(ts("next_attempt_at"))
                .col(ts_null("locked_until"))
                .col(ts_null("sent_at"))
                .col(ColumnDef::new(Alias::new("last_error")).text().null())
                .col(ts("created_at"))
                .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        for i in [
            index("units", &["administration_id", "code"], true),
            index("services", &["administration_id", "code"], true),
            index("user_roles", &["user_id"], false),
            index("sessions", &["user_id"], false),
            index("filings", &["administration_id", "direction", "year", "seq"], true),
            index("filings", &["filer_id", "idempotency_key"], true),
            index("filings", &["filer_id", "received_at"], false),
            index("documents", &["filing_id"], false),
            index("outbox", &["sent_at", "next_attempt_at"], false),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the initial schema is not reversible".into()))
    }
}
