//! PostgreSQL's part of a register search (see `search`): how the full-text index rows are
//! joined to the register, and a date range searched in windows of index rows.
//!
//! Results are ordered by `search_docs.id` (registration order). A GIN index gives the
//! matching rows in no order, so sorting them means reading every match; walking the
//! `id` order instead reads rows until a page is full, which is quick for a common word
//! but reads everything newer than a date range first. A search within a short date range
//! therefore runs over windows of the range's index rows, newest first and growing: a
//! common word fills its page from the first window, a rare one has its few matches
//! collected from the next ones. Each window keeps the exact order, so the pages are the
//! same as one query over the whole range would give. Without a date range PostgreSQL's
//! own choice (walk newest first for a common word, collect a rare one's matches) is kept.

use sea_orm::sea_query::{Alias, Expr, JoinType, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend, QuerySelect, Statement};

use super::entities::filing;
use super::search::{docs, select, Filter};
use super::visibility::Scope;
use crate::error::Result;

/// Index rows in the first window (registry staff, others); each next one is `GROWTH`
/// times larger, and after `WINDOWS` of them the rest is one window.
const FIRST: i64 = 512;
const FIRST_UNITS: i64 = 4096;
const GROWTH: i64 = 8;
const WINDOWS: usize = 4;
/// Date ranges over at most this many months are searched in windows; a wider one as one
/// query (finding its bounds would read too much of the index).
pub(super) const RANGE_MONTHS: usize = 3;

/// The index rows of the matching entries, joined to the register (whose `visible` and
/// other conditions are already on `s`), newest registered first.
///
/// Words and month tokens go to the GIN index, the exact date range to the btree on
/// `search_docs (received_at, id)` (migration m20261125_000011_search_speed), a window to
/// the primary key: PostgreSQL intersects them before reading a row. The rows are then
/// collected and sorted in a subquery (`OFFSET 0` keeps it from being merged into the
/// outer query, where PostgreSQL would walk the whole register newest first, assuming
/// matches spread evenly) and the register is read for the newest ones only, until a
/// page is full.
pub(super) fn docs_join(s: &mut SelectStatement, f: &Filter, periods: &[String], window: Option<(i64, i64)>) {
    let mut d = Query::select();
    d.columns([Alias::new("id"), Alias::new("filing_id")]).from(docs());
    let words = f.words.join(" ");
    match (f.words.is_empty(), periods.is_empty()) {
        (true, true) => {}
        (false, true) => {
            d.and_where(Expr::cust_with_values("search_docs.tsv @@ plainto_tsquery('simple', $1)", [words]));
        }
        (true, false) => {
            d.and_where(Expr::cust_with_values("search_docs.tsv @@ to_tsquery('simple', $1)", [periods.join(" | ")]));
        }
        (false, false) => {
            d.and_where(Expr::cust_with_values(
                "search_docs.tsv @@ (plainto_tsquery('simple', $1) && to_tsquery('simple', $2))",
                [words, format!("({})", periods.join(" | "))],
            ));
        }
    }
    let at = || Expr::col((docs(), Alias::new("received_at")));
    if let Some(t) = f.from {
        d.and_where(at().gte(t));
    }
    if let Some(t) = f.until {
        d.and_where(at().lt(t));
    }
    if let Some((lo, hi)) = window {
        d.and_where(Expr::col((docs(), Alias::new("id"))).between(lo, hi));
    }
    // With a date range (a window lies inside one), collect and sort. Otherwise the
    // subquery is merged into the outer query and the planner chooses.
    if window.is_some() || !periods.is_empty() {
        d.order_by(Alias::new("id"), Order::Desc).offset(0);
    }
    let on = Expr::col((docs(), Alias::new("filing_id"))).equals((filing::Entity, filing::Column::Id));
    s.join_subquery(JoinType::InnerJoin, d.to_owned(), docs(), on);
    s.order_by((docs(), Alias::new("id")), Order::Desc);
}

/// The lowest and highest index row ids within `f`'s date range, read from the
/// `(received_at, id)` index alone (`id + 0` keeps PostgreSQL from walking the primary key
/// for min and max instead). `None`: no entry in the range.
async fn bounds(c: &impl ConnectionTrait, f: &Filter) -> Result<Option<(i64, i64)>> {
    let (Some(from), Some(until)) = (f.from, f.until) else { return Ok(None) };
    let sql = "SELECT min(id + 0) AS lo, max(id + 0) AS hi FROM search_docs WHERE received_at >= $1 AND received_at < $2";
    let row = c.query_one(Statement::from_sql_and_values(DbBackend::Postgres, sql, [from.into(), until.into()])).await?;
    let Some(row) = row else { return Ok(None) };
    let (lo, hi): (Option<i64>, Option<i64>) = (row.try_get("", "lo")?, row.try_get("", "hi")?);
    Ok(lo.zip(hi))
}

/// The windows over `lo..=hi`, newest first: `first` ids, then `GROWTH` times more each,
/// then, after `WINDOWS`, the rest.
fn windows(lo: i64, hi: i64, first: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let (mut top, mut size) = (hi, first);
    while top >= lo {
        let bottom = if out.len() == WINDOWS { lo } else { (top - size + 1).max(lo) };
        out.push((bottom, top));
        top = bottom - 1;
        size *= GROWTH;
    }
    out
}

/// A search within a date range of at most `RANGE_MONTHS` months, window by window until
/// `offset + limit` rows are found; then the page is cut from them. Staff outside the
/// registry see a fraction of the register (their units' mail): their first window is
/// wider.
pub(super) async fn in_windows(c: &impl ConnectionTrait, scope: &Scope, f: &Filter, offset: u64, limit: u64) -> Result<Vec<filing::Model>> {
    let Some((lo, hi)) = bounds(c, f).await? else { return Ok(Vec::new()) };
    let first = if scope.registry { FIRST } else { FIRST_UNITS };
    let want = (offset + limit) as usize;
    let mut found = Vec::new();
    for w in windows(lo, hi, first) {
        let rows = select(DbBackend::Postgres, scope, f, Some(w)).limit((want - found.len()) as u64).all(c).await?;
        found.extend(rows);
        if found.len() >= want {
            break;
        }
    }
    Ok(found.into_iter().skip(offset as usize).take(limit as usize).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_range_newest_first() {
        assert_eq!(windows(1, 100, 512), vec![(1, 100)]);
        assert_eq!(windows(1, 20_000, 512), vec![(19_489, 20_000), (15_393, 19_488), (1, 15_392)]);
        let w = windows(1, 1_000_000, 512);
        assert_eq!(w.len(), 5);
        assert_eq!(w[3], (700_481, 962_624));
        assert_eq!(w[4], (1, 700_480));
        assert_eq!(windows(5, 5, 4096), vec![(5, 5)]);
    }
}
