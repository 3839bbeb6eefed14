//! Search in the register for staff: one query box (a number or words) plus filters, within
//! what the user may see (`access`), newest registered first, a page at a time.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use super::auth::CurrentUser;
use super::Services;
use crate::db::entities::{correspondent, filing, unit};
use crate::db::search::{self, Filter};
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub const PAGE_SIZE: u64 = 20;
/// Deeper pages are refused: narrow the search instead (keeps every query bounded).
pub const MAX_PAGE: u64 = 250;
const MAX_WORDS: usize = 8;
pub const STATUSES: &[&str] = &["registered", "assigned", "in_progress", "answered", "closed", "dispatched"];
pub const DIRECTIONS: &[&str] = &["A", "D", "I"];

/// The search form as sent (query string of the API and of the page).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct SearchParams {
    /// A registration number (or its beginning, or a bare sequence number), or words found
    /// in the subject, the correspondent's name, the message or the attached PDFs.
    pub q: Option<String>,
    /// Registered on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Registered on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
    /// `registered`, `assigned`, `in_progress`, `answered`, `closed` or `dispatched`.
    pub status: Option<String>,
    /// `A` incoming, `D` outgoing, `I` internal.
    pub direction: Option<String>,
    /// A unit id: entries addressed to or sent from it.
    pub unit: Option<String>,
    /// 1-based page of 20 results.
    pub page: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub id: String,
    pub number: String,
    /// `A`, `D` or `I`.
    pub direction: String,
    pub status: String,
    pub subject: String,
    pub correspondent: Option<String>,
    pub unit_id: Option<i32>,
    pub confidentiality: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub page: u64,
    pub page_size: u64,
    /// True when another page follows.
    pub more: bool,
    pub hits: Vec<SearchHit>,
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A day (YYYY-MM-DD) as the instant it starts, UTC.
pub fn parse_day(s: &str, field: &'static str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Error::BadRequest(Msg::InvalidValue(field)))
}

fn start_of(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}

/// Does the query look like a registration number rather than words? One token with a
/// digit and a separator (`DEMO-2026-A-000123`, `A/12`), or only digits (`123`).
fn as_number(q: &str) -> Option<(Option<String>, Option<i64>)> {
    if q.contains(char::is_whitespace) || !q.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if q.chars().all(|c| c.is_ascii_digit()) {
        return Some((Some(q.to_owned()), q.parse().ok()));
    }
    if q.chars().any(|c| matches!(c, '-' | '/' | '.' | '_')) {
        return Some((Some(q.to_owned()), None));
    }
    None
}

/// Parses and checks the form into a database filter and a page number.
pub fn parse(p: &SearchParams) -> Result<(Filter, u64)> {
    let mut f = Filter::default();
    if let Some(q) = blank(&p.q) {
        if q.chars().count() > 200 {
            return Err(Error::BadRequest(Msg::FieldTooLong("q", 200)));
        }
        match as_number(q) {
            Some((prefix, seq)) => (f.number_prefix, f.seq) = (prefix, seq),
            None => f.words = super::search_text::terms(q, MAX_WORDS),
        }
    }
    if let Some(d) = blank(&p.from) {
        f.from = Some(start_of(parse_day(d, "from")?));
    }
    if let Some(d) = blank(&p.to) {
        f.until = Some(start_of(parse_day(d, "to")?.succ_opt().ok_or(Error::BadRequest(Msg::InvalidValue("to")))?));
    }
    if let Some(s) = blank(&p.status) {
        if s.len() > 32 || !s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(Error::BadRequest(Msg::InvalidValue("status")));
        }
        f.status = Some(s.to_owned());
    }
    if let Some(d) = blank(&p.direction) {
        let d = d.to_uppercase();
        f.direction = Some(DIRECTIONS.iter().find(|x| **x == d).ok_or(Error::BadRequest(Msg::InvalidValue("direction")))?.to_string());
    }
    if let Some(u) = blank(&p.unit) {
        f.unit = Some(u.parse().map_err(|_| Error::BadRequest(Msg::InvalidValue("unit")))?);
    }
    let page = match blank(&p.page) {
        Some(s) => s.parse::<u64>().ok().filter(|n| (1..=MAX_PAGE).contains(n)).ok_or(Error::BadRequest(Msg::InvalidValue("page")))?,
        None => 1,
    };
    Ok((f, page))
}

impl Services {
    /// One page of the register entries `user` may see that match `params`.
    pub async fn search_register(&self, user: &CurrentUser, params: &SearchParams) -> Result<SearchResults> {
        let (filter, page) = parse(params)?;
        let scope = self.primary_scope(user).await?;
        let c = &self.db.conn;
        let mut rows = search::search(c, &scope, &filter, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1).await?;
        let more = rows.len() as u64 > PAGE_SIZE;
        rows.truncate(PAGE_SIZE as usize);
        let names = self.correspondent_names(&rows).await?;
        let hits = rows
            .into_iter()
            .map(|f| SearchHit {
                correspondent: f.correspondent_id.and_then(|i| names.get(&i).cloned()),
                id: f.id,
                number: f.number,
                direction: f.direction,
                status: f.status,
                subject: f.subject,
                unit_id: f.unit_id,
                confidentiality: f.confidentiality,
                received_at: f.received_at,
            })
            .collect();
        Ok(SearchResults { page, page_size: PAGE_SIZE, more, hits })
    }

    /// Names of the entries' correspondents, by id.
    pub(crate) async fn correspondent_names(&self, rows: &[filing::Model]) -> Result<HashMap<i32, String>> {
        let ids: Vec<i32> = rows.iter().filter_map(|f| f.correspondent_id).collect();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let found = correspondent::Entity::find().filter(correspondent::Column::Id.is_in(ids)).all(&self.db.conn).await?;
        Ok(found.into_iter().map(|c| (c.id, c.name)).collect())
    }

    /// The units of an administration (for the unit filter and unit names).
    pub async fn units_of(&self, administration_id: i32) -> Result<Vec<unit::Model>> {
        Ok(unit::Entity::find().filter(unit::Column::AdministrationId.eq(administration_id)).all(&self.db.conn).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words() {
        let p = |q: &str| parse(&SearchParams { q: Some(q.into()), ..Default::default() }).unwrap().0;
        assert_eq!(p("DEMO-2026-A-0001").number_prefix.as_deref(), Some("DEMO-2026-A-0001"));
        assert_eq!(p("123").seq, Some(123));
        assert_eq!(p("permis de construire").words, vec!["permis", "de", "construire"]);
        let bad = SearchParams { from: Some("2026-13-01".into()), ..Default::default() };
        assert!(parse(&bad).is_err());
    }
}
