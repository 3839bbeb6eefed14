//! Keeping the search index in step with the register (see migration
//! `m20261125_000004_search` for the tables). Called inside the transaction that registers
//! or changes an entry, so an entry is searchable exactly when it is committed.
//!
//! What is indexed per entry: subject, correspondent's name, message and the texts of its
//! documents (`document_texts`, saved by [`save_document_texts`] before registration),
//! normalised by `domain::search_text::normalize`. Numbers, dates, status, unit and
//! direction are searched on the register's own columns.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue, ConnectionTrait, DbBackend, Statement, Value};

use super::entities::filing;
use crate::domain::search_text::normalize;
use crate::error::Result;

/// What one entry's index text is made of.
#[derive(Debug, Clone)]
pub struct EntryText<'a> {
    pub filing_id: &'a str,
    pub subject: &'a str,
    pub message: &'a str,
    pub correspondent_id: Option<i32>,
    pub received_at: DateTime<Utc>,
}

impl<'a> EntryText<'a> {
    /// From an entry about to be inserted (the registrar's active models).
    pub fn of_new(f: &'a filing::ActiveModel) -> Option<EntryText<'a>> {
        let ActiveValue::Set(id) = &f.id else { return None };
        let text = |v: &'a ActiveValue<String>| match v {
            ActiveValue::Set(s) | ActiveValue::Unchanged(s) => s.as_str(),
            ActiveValue::NotSet => "",
        };
        let correspondent_id = match &f.correspondent_id {
            ActiveValue::Set(c) | ActiveValue::Unchanged(c) => *c,
            ActiveValue::NotSet => None,
        };
        let received_at = match &f.received_at {
            ActiveValue::Set(t) | ActiveValue::Unchanged(t) => *t,
            ActiveValue::NotSet => Utc::now(),
        };
        Some(EntryText { filing_id: id, subject: text(&f.subject), message: text(&f.message), correspondent_id, received_at })
    }

    pub fn of(f: &'a filing::Model) -> EntryText<'a> {
        EntryText { filing_id: &f.id, subject: &f.subject, message: &f.message, correspondent_id: f.correspondent_id, received_at: f.received_at }
    }
}

/// The token standing for an entry's month (`ym202611`): a date range of a few months
/// becomes part of the full-text query, so the index narrows by words and dates at once
/// instead of walking every match of a common word back to the range. A user typing it
/// finds that month's entries, which is harmless.
pub fn period_token(at: DateTime<Utc>) -> String {
    format!("ym{}", at.format("%Y%m"))
}

/// The indexed text of an entry: its words normalised, then its month token.
pub fn body(subject: &str, correspondent: &str, message: &str, documents: &str, received_at: DateTime<Utc>) -> String {
    let mut b = normalize(&format!("{subject} {correspondent} {message} {documents}"));
    b.push(' ');
    b.push_str(&period_token(received_at));
    b
}

/// Rows per INSERT statement (well under SQLite's and PostgreSQL's parameter limits).
const CHUNK: usize = 500;

fn placeholders(backend: DbBackend, start: usize, n: usize) -> String {
    (0..n)
        .map(|i| match backend {
            DbBackend::Postgres => format!("${}", start + i + 1),
            _ => "?".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Saves the texts extracted from stored documents, by SHA-256 (a file already known keeps
/// its text). Call before registering the entries that carry these documents.
pub async fn save_document_texts(c: &impl ConnectionTrait, texts: &[(String, String)]) -> Result<()> {
    let b = c.get_database_backend();
    for chunk in texts.chunks(CHUNK) {
        let rows: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(b, i * 2, 2))).collect();
        let sql = format!("INSERT INTO document_texts (sha256, text) VALUES {} ON CONFLICT (sha256) DO NOTHING", rows.join(", "));
        let values: Vec<Value> = chunk.iter().flat_map(|(s, t)| [s.clone().into(), t.clone().into()]).collect();
        c.execute(Statement::from_sql_and_values(b, sql, values)).await?;
    }
    Ok(())
}

/// The index text of each entry: subject, correspondent, message, documents.
async fn bodies(c: &impl ConnectionTrait, entries: &[EntryText<'_>]) -> Result<Vec<String>> {
    let b = c.get_database_backend();
    let mut names: HashMap<i32, String> = HashMap::new();
    let ids: Vec<i32> = entries.iter().filter_map(|e| e.correspondent_id).collect();
    if !ids.is_empty() {
        let sql = format!("SELECT id, name FROM correspondents WHERE id IN ({})", placeholders(b, 0, ids.len()));
        for r in c.query_all(Statement::from_sql_and_values(b, sql, ids.iter().map(|i| Value::from(*i)))).await? {
            names.insert(r.try_get("", "id")?, r.try_get("", "name")?);
        }
    }
    // Documents' texts: saved earlier (a file seen before), or extracted by this process
    // when the documents were stored (`search_text::pending`), saved now.
    let sql = format!(
        "SELECT d.filing_id, d.sha256, t.text FROM documents d LEFT JOIN document_texts t ON t.sha256 = d.sha256 \
         WHERE d.filing_id IN ({}) ORDER BY d.filing_id, d.position",
        placeholders(b, 0, entries.len())
    );
    let values = entries.iter().map(|e| Value::from(e.filing_id.to_owned()));
    let mut found: Vec<(String, String, Option<String>)> = Vec::new();
    for r in c.query_all(Statement::from_sql_and_values(b, sql, values)).await? {
        found.push((r.try_get("", "filing_id")?, r.try_get("", "sha256")?, r.try_get("", "text")?));
    }
    let missing: Vec<String> = found.iter().filter(|(_, _, t)| t.is_none()).map(|(_, s, _)| s.clone()).collect();
    let fresh: HashMap<String, String> = if missing.is_empty() { HashMap::new() } else { crate::domain::search_text::pending(&missing).into_iter().collect() };
    if !fresh.is_empty() {
        let rows: Vec<(String, String)> = fresh.iter().map(|(s, t)| (s.clone(), t.clone())).collect();
        save_document_texts(c, &rows).await?;
    }
    let mut docs: HashMap<String, String> = HashMap::new();
    for (id, sha, text) in found {
        if let Some(t) = text.as_ref().or_else(|| fresh.get(&sha)) {
            let d = docs.entry(id).or_default();
            d.push(' ');
            d.push_str(t);
        }
    }
    Ok(entries
        .iter()
        .map(|e| {
            let name = e.correspondent_id.and_then(|i| names.get(&i)).map(String::as_str).unwrap_or("");
            let doc = docs.get(e.filing_id).map(String::as_str).unwrap_or("");
            body(e.subject, name, e.message, doc, e.received_at)
        })
        .collect())
}

/// Indexes the entries the registrar is writing in this transaction (after their documents).
pub async fn index_registered<'a>(c: &impl ConnectionTrait, filings: impl IntoIterator<Item = &'a filing::ActiveModel>) -> Result<()> {
    let entries: Vec<EntryText<'a>> = filings.into_iter().filter_map(EntryText::of_new).collect();
    index_new(c, &entries).await
}

/// Indexes entries registered in this transaction (after their documents are inserted).
pub async fn index_new(c: &impl ConnectionTrait, entries: &[EntryText<'_>]) -> Result<()> {
    for chunk in entries.chunks(CHUNK) {
        let bodies = bodies(c, chunk).await?;
        let rows: Vec<(&str, DateTime<Utc>)> = chunk.iter().map(|e| (e.filing_id, e.received_at)).collect();
        insert(c, &rows, &bodies).await?;
    }
    Ok(())
}

/// Writes index rows for new entries (id, received date), given their normalised texts.
/// The bench also uses it to index generated entries in bulk.
pub async fn insert(c: &impl ConnectionTrait, entries: &[(&str, DateTime<Utc>)], bodies: &[String]) -> Result<()> {
    let b = c.get_database_backend();
    for (entries, bodies) in entries.chunks(CHUNK).zip(bodies.chunks(CHUNK)) {
        let ids: Vec<&str> = entries.iter().map(|e| e.0).collect();
        if b == DbBackend::Postgres {
            // The received date too: a date range narrows the index scan on it (migration
            // m20261125_000011_search_speed).
            let rows: Vec<String> = (0..ids.len()).map(|i| format!("(${}, ${}, to_tsvector('simple', ${}))", 3 * i + 1, 3 * i + 2, 3 * i + 3)).collect();
            let sql = format!("INSERT INTO search_docs (filing_id, received_at, tsv) VALUES {}", rows.join(", "));
            let values: Vec<Value> =
                entries.iter().zip(bodies).flat_map(|((i, at), t)| [Value::from(*i), Value::from(*at), Value::from(t.clone())]).collect();
            c.execute(Statement::from_sql_and_values(b, sql, values)).await?;
        } else {
            let rows = vec!["(?)"; ids.len()].join(", ");
            let sql = format!("INSERT INTO search_docs (filing_id) VALUES {rows} RETURNING id, filing_id");
            let got = c.query_all(Statement::from_sql_and_values(b, sql, ids.iter().map(|i| Value::from(*i)))).await?;
            let mut rowid: HashMap<String, i64> = HashMap::with_capacity(got.len());
            for r in got {
                rowid.insert(r.try_get("", "filing_id")?, r.try_get("", "id")?);
            }
            let rows = vec!["(?, ?)"; ids.len()].join(", ");
            let sql = format!("INSERT INTO search_fts (rowid, body) VALUES {rows}");
            let values: Vec<Value> = ids.iter().zip(bodies).flat_map(|(i, t)| [Value::from(rowid.get(*i).copied()), Value::from(t.clone())]).collect();
            c.execute(Statement::from_sql_and_values(b, sql, values)).await?;
        }
    }
    Ok(())
}

/// Re-indexes an entry whose subject, message, correspondent or documents changed (it
/// keeps its place in the "newest first" order). Status, unit and dates need no re-index.
pub async fn reindex(c: &impl ConnectionTrait, entry: EntryText<'_>) -> Result<()> {
    let b = c.get_database_backend();
    let body = bodies(c, std::slice::from_ref(&entry)).await?.remove(0);
    let id = Value::from(entry.filing_id.to_owned());
    if b == DbBackend::Postgres {
        let sql = "UPDATE search_docs SET tsv = to_tsvector('simple', $1), received_at = $2 WHERE filing_id = $3";
        let res = c.execute(Statement::from_sql_and_values(b, sql, [body.clone().into(), entry.received_at.into(), id])).await?;
        if res.rows_affected() == 0 {
            insert(c, &[(entry.filing_id, entry.received_at)], &[body]).await?;
        }
        return Ok(());
    }
    let row = c.query_one(Statement::from_sql_and_values(b, "SELECT id FROM search_docs WHERE filing_id = ?", [id])).await?;
    match row {
        Some(r) => {
            let rowid: i64 = r.try_get("", "id")?;
            c.execute(Statement::from_sql_and_values(b, "DELETE FROM search_fts WHERE rowid = ?", [rowid.into()])).await?;
            c.execute(Statement::from_sql_and_values(b, "INSERT INTO search_fts (rowid, body) VALUES (?, ?)", [rowid.into(), body.into()]))
                .await?;
        }
        None => insert(c, &[(entry.filing_id, entry.received_at)], &[body]).await?,
    }
    Ok(())
}
