//! Full-text search over the register: number, subject, correspondent, message and the text
//! of attached PDFs.
//!
//! - `document_texts`: the text extracted from a stored PDF, keyed like the blob store by
//!   SHA-256 (extracted once per file, before registration; a text without an entry is
//!   harmless, like a blob without one).
//! - `search_docs`: one row per register entry, numbered in indexing (= registration) order;
//!   that number orders results "newest first" and is the full-text row id.
//! - SQLite: `search_fts`, a contentless FTS5 table (`contentless_delete=1` so an entry can
//!   be re-indexed) whose rowid is `search_docs.id`; no text is stored twice.
//! - PostgreSQL: `search_docs.tsv`, a `tsvector` built with the `simple` configuration (no
//!   stemming, so Arabic, Tifinagh and French words all match as written; accents and Arabic
//!   short vowels are removed by the application before indexing and querying), GIN index.
//!
//! The application writes these rows in the registration's own transaction
//! (`db::search_index`), not triggers: the indexed text joins the entry with its
//! correspondent and its documents' texts, and is normalised in Rust the same way for both
//! databases. Entries that existed before this migration are indexed here from their
//! subject, message and month token (`db::search_index::period_token`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000004_search"
    }
}

const SQLITE: &[&str] = &[
    "CREATE TABLE document_texts (sha256 TEXT NOT NULL PRIMARY KEY, text TEXT NOT NULL)",
    "CREATE TABLE search_docs (id INTEGER PRIMARY KEY, filing_id TEXT NOT NULL UNIQUE REFERENCES filings (id))",
    "CREATE VIRTUAL TABLE search_fts USING fts5 (body, content='', contentless_delete=1, \
     tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO search_docs (filing_id) SELECT id FROM filings ORDER BY received_at, seq",
    "INSERT INTO search_fts (rowid, body) \
     SELECT d.id, lower(f.subject || ' ' || f.message) || ' ym' || strftime('%Y%m', f.received_at) \
     FROM search_docs d JOIN filings f ON f.id = d.filing_id",
];

const POSTGRES: &[&str] = &[
    "CREATE TABLE document_texts (sha256 TEXT NOT NULL PRIMARY KEY, text TEXT NOT NULL)",
    "CREATE TABLE search_docs (id BIGSERIAL PRIMARY KEY, filing_id TEXT NOT NULL UNIQUE REFERENCES filings (id), \
     tsv tsvector NOT NULL)",
    "CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)",
    // Number prefix search (`LIKE 'DEMO-2026-A-00%'`) whatever the database's collation.
    "CREATE INDEX ix_filings_number_pattern ON filings (number text_pattern_ops)",
    "INSERT INTO search_docs (filing_id, tsv) \
     SELECT id, to_tsvector('simple', lower(subject || ' ' || message) || ' ym' || to_char(received_at AT TIME ZONE 'UTC', 'YYYYMM')) \
     FROM filings ORDER BY received_at, seq",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let sql = if m.get_database_backend() == DbBackend::Sqlite { SQLITE } else { POSTGRES };
        let c = m.get_connection();
        for s in sql {
            c.execute_unprepared(s).await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the search index is not reversible".into()))
    }
}
