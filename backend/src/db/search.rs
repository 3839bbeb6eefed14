//! Searching the register: by number, by words (full text, see `search_index`), by date,
//! status, direction and unit, always within a visibility scope, newest registered first.
//!
//! Results are ordered by `search_docs.id` (registration order) so that both databases can
//! walk the index newest first and stop after one page when a word is common, or collect
//! the few matches of a rare word and sort them. No total is counted (that would read every
//! match); a page says whether another one follows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, LikeExpr, Order, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, QueryTrait};

pub use super::search_index::{index_new, index_registered, reindex, save_document_texts, EntryText};
use super::entities::filing;
use super::visibility::{visible, Scope};
use crate::error::Result;

/// One search, already parsed (see `domain::search`).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Normalised words that must all appear (`domain::search_text::terms`).
    pub words: Vec<String>,
    /// A registration number or its beginning.
    pub number_prefix: Option<String>,
    /// A bare sequence number (`123` finds `…-000123` of any register).
    pub seq: Option<i64>,
    /// Registered at or after / before.
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub status: Option<String>,
    pub direction: Option<String>,
    pub unit: Option<i32>,
}

fn docs() -> Alias {
    Alias::new("search_docs")
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_prefix(p: &str) -> String {
    let mut s = String::with_capacity(p.len() + 1);
    for c in p.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}

/// `number` starts with `p`, in a form each database answers from an index: a LIKE over
/// `text_pattern_ops` on PostgreSQL, a binary range on SQLite (its LIKE ignores case and
/// would scan the table).
fn number_starts_with(backend: DbBackend, p: &str) -> SimpleExpr {
    let col = Expr::col((filing::Entity, filing::Column::Number));
    if backend == DbBackend::Postgres {
        col.like(LikeExpr::new(like_prefix(p)).escape('\\'))
    } else {
        col.clone().gte(p.to_owned()).and(col.lt(format!("{p}\u{10FFFF}")))
    }
}

/// Entries of `scope` matching `f`, newest registered first: `limit` rows after `offset`.
pub async fn search(c: &impl ConnectionTrait, scope: &Scope, f: &Filter, offset: u64, limit: u64) -> Result<Vec<filing::Model>> {
    let backend = c.get_database_backend();
    let mut q = filing::Entity::find().filter(visible(scope));
    if let Some(p) = &f.number_prefix {
        let mut any = number_starts_with(backend, p);
        let upper = p.to_uppercase();
        if upper != *p {
            any = any.or(number_starts_with(backend, &upper));
        }
        if let Some(n) = f.seq {
            any = any.or(filing::Column::Seq.eq(n));
        }
        q = q.filter(any);
    } else if let Some(n) = f.seq {
        q = q.filter(filing::Column::Seq.eq(n));
    }
    if let Some(d) = f.from {
        q = q.filter(filing::Column::ReceivedAt.gte(d));
    }
    if let Some(d) = f.until {
        q = q.filter(filing::Column::ReceivedAt.lt(d));
    }
    if let Some(s) = &f.status {
        q = q.filter(filing::Column::Status.eq(s.as_str()));
    }
    if let Some(d) = &f.direction {
        q = q.filter(filing::Column::Direction.eq(d.as_str()));
    }
    if let Some(u) = f.unit {
        q = q.filter(filing::Column::UnitId.eq(u).or(filing::Column::FromUnitId.eq(u)));
    }
    let s = QueryTrait::query(&mut q);
    s.inner_join(docs(), Expr::col((docs(), Alias::new("filing_id"))).equals((filing::Entity, filing::Column::Id)));
    if !f.words.is_empty() {
        if backend == DbBackend::Postgres {
            s.and_where(Expr::cust_with_values("search_docs.tsv @@ plainto_tsquery('simple', $1)", [f.words.join(" ")]));
        } else {
            // Each word quoted: FTS5 syntax characters in a word are then plain text.
            let m: Vec<String> = f.words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
            s.inner_join(Alias::new("search_fts"), Expr::cust("search_fts.rowid = search_docs.id"));
            s.and_where(Expr::cust_with_values("search_fts MATCH ?", [m.join(" ")]));
        }
    }
    s.order_by((docs(), Alias::new("id")), Order::Desc);
    Ok(q.offset(offset).limit(limit).all(c).await?)
}
