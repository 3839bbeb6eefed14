//! Searching the register: by number, by words (full text, see `search_index`), by date,
//! status, direction and unit, always within a visibility scope, newest registered first.
//!
//! Results are ordered by `search_docs.id` (registration order) so that both databases can
//! walk the index newest first and stop after one page when a word is common, or collect
//! the few matches of a rare word and sort them. No total is counted (that would read every
//! match); a page says whether another one follows.

use chrono::{DateTime, Datelike, Utc};
use sea_orm::sea_query::{Alias, Expr, JoinType, LikeExpr, Order, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, QueryTrait, TransactionTrait};

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

pub(super) fn docs() -> Alias {
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

/// At most this many months in a date range are looked up as month tokens; a wider range
/// keeps most matches anyway, and is checked on the register's dates only.
const MAX_PERIODS: usize = 24;

/// The month tokens (`search_index::period_token`) covering `f`'s date range, if it is
/// closed and at most `MAX_PERIODS` months long; the exact bounds are checked as well.
pub(super) fn periods(f: &Filter) -> Vec<String> {
    let (Some(from), Some(until)) = (f.from, f.until) else { return Vec::new() };
    if until <= from {
        return Vec::new();
    }
    let last = until - chrono::Duration::seconds(1);
    let (mut y, mut m) = (from.year(), from.month());
    let mut out = Vec::new();
    while (y, m) <= (last.year(), last.month()) {
        if out.len() == MAX_PERIODS {
            return Vec::new();
        }
        out.push(format!("ym{y:04}{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// Entries of `scope` matching `f`, newest registered first: `limit` rows after `offset`.
pub async fn search<C: ConnectionTrait + TransactionTrait>(c: &C, scope: &Scope, f: &Filter, offset: u64, limit: u64) -> Result<Vec<filing::Model>> {
    let backend = c.get_database_backend();
    if backend != DbBackend::Postgres {
        return Ok(select(backend, scope, f, None).offset(offset).limit(limit).all(c).await?);
    }
    // The best plan depends on the words and dates themselves (walk a common word newest
    // first, collect a rare one's matches): after five runs of a prepared statement
    // PostgreSQL would otherwise settle on one generic plan for every search.
    let tx = c.begin().await?;
    tx.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan").await?;
    let months = periods(f).len();
    let rows = if months == 0 || months > super::search_pg::RANGE_MONTHS {
        select(backend, scope, f, None).offset(offset).limit(limit).all(&tx).await?
    } else {
        super::search_pg::in_windows(&tx, scope, f, offset, limit).await?
    };
    tx.commit().await?;
    Ok(rows)
}

/// The search as one query; on PostgreSQL `window` keeps index rows with ids in that
/// inclusive range (`search_pg::in_windows`).
pub(super) fn select(backend: DbBackend, scope: &Scope, f: &Filter, window: Option<(i64, i64)>) -> sea_orm::Select<filing::Entity> {
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
    let periods = periods(f);
    let s = QueryTrait::query(&mut q);
    if backend == DbBackend::Sqlite && (!f.words.is_empty() || !periods.is_empty()) {
        // Walk the full-text matches newest first and stop after one page: FROM the FTS
        // table, CROSS JOINs so SQLite keeps that loop order (it would otherwise start
        // from the register and test each entry against the words).
        let mut m: Vec<String> = f.words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
        if !periods.is_empty() {
            m.push(format!("({})", periods.join(" OR ")));
        }
        s.from_clear();
        s.from(Alias::new("search_fts"));
        s.join(JoinType::CrossJoin, docs(), Expr::cust("search_docs.id = search_fts.rowid"));
        s.join(JoinType::CrossJoin, filing::Entity, Expr::col((filing::Entity, filing::Column::Id)).equals((docs(), Alias::new("filing_id"))));
        s.and_where(Expr::cust_with_values("search_fts MATCH ?", [m.join(" AND ")]));
        s.order_by((Alias::new("search_fts"), Alias::new("rowid")), Order::Desc);
    } else if backend == DbBackend::Postgres {
        super::search_pg::docs_join(s, f, &periods, window);
    } else {
        s.inner_join(docs(), Expr::col((docs(), Alias::new("filing_id"))).equals((filing::Entity, filing::Column::Id)));
        s.order_by((docs(), Alias::new("id")), Order::Desc);
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::visibility::Clearance;

    #[test]
    fn sqlite_text_search_walks_the_index_first() {
        let scope = Scope { administration_id: 1, user_id: 1, registry: true, units: vec![], clearance: Clearance::Normal };
        let f = Filter { words: vec!["permis".into()], ..Default::default() };
        let sql = select(DbBackend::Sqlite, &scope, &f, None).build(DbBackend::Sqlite).to_string();
        assert!(sql.contains(r#"FROM "search_fts" CROSS JOIN "search_docs""#), "{sql}");
        assert!(sql.contains(r#"ORDER BY "search_fts"."rowid" DESC"#), "{sql}");
    }

    #[test]
    fn postgres_date_range_narrows_the_index_rows_first() {
        use chrono::TimeZone;
        let scope = Scope { administration_id: 1, user_id: 1, registry: true, units: vec![], clearance: Clearance::Normal };
        let at = |d| Some(Utc.with_ymd_and_hms(2026, 1, d, 0, 0, 0).unwrap());
        let f = Filter { words: vec!["permis".into()], from: at(2), until: at(20), ..Default::default() };
        let sql = select(DbBackend::Postgres, &scope, &f, None).build(DbBackend::Postgres).to_string();
        assert!(sql.contains(r#""search_docs"."received_at" >= '2026-01-02"#), "{sql}");
        assert!(sql.contains(r#"ORDER BY "id" DESC OFFSET 0) AS "search_docs""#), "{sql}");
        assert!(sql.contains(r#""filings"."received_at" >= '2026-01-02"#), "{sql}");
        assert!(sql.contains(r#""filings"."administration_id" = 1"#), "{sql}");
        let words = Filter { words: vec!["permis".into()], ..Default::default() };
        let sql = select(DbBackend::Postgres, &scope, &words, None).build(DbBackend::Postgres).to_string();
        assert!(!sql.contains("OFFSET"), "{sql}");
    }

    #[test]
    fn date_ranges_become_month_tokens() {
        use chrono::TimeZone;
        let at = |y, m, d| Some(Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap());
        let f = Filter { from: at(2025, 11, 20), until: at(2026, 2, 1), ..Default::default() };
        assert_eq!(periods(&f), vec!["ym202511", "ym202512", "ym202601"]);
        assert_eq!(crate::db::search_index::period_token(at(2026, 1, 31).unwrap()), "ym202601");
        let wide = Filter { from: at(2020, 1, 1), until: at(2026, 1, 1), ..Default::default() };
        assert!(periods(&wide).is_empty());
        assert!(periods(&Filter { from: at(2020, 1, 1), ..Default::default() }).is_empty());
    }
}
