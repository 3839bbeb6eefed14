//! Database migrations (append-only: never edit one that has landed; add a new one).
//! The same migrations run on SQLite and PostgreSQL, at server start.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_init;
mod m20261125_000002_bureau;
mod m20261125_000003_audit;
mod m20261125_000004_search;
mod m20261125_000005_parapheur;
mod m20261125_000006_parapheur_more;
mod m20261125_000010_draft_attachments;
mod m20261125_000011_search_speed;
mod m20261203_000012_throttles;
mod m20261203_000020_signing_key_purpose;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_init::Migration),
            Box::new(m20261125_000002_bureau::Migration),
            Box::new(m20261125_000003_audit::Migration),
            Box::new(m20261125_000004_search::Migration),
            Box::new(m20261125_000005_parapheur::Migration),
            Box::new(m20261125_000010_draft_attachments::Migration),
            Box::new(m20261125_000006_parapheur_more::Migration),
            Box::new(m20261125_000011_search_speed::Migration),
            Box::new(m20261203_000012_throttles::Migration),
            Box::new(m20261203_000020_signing_key_purpose::Migration),
        ]
    }
}
