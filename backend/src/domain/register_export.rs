//! Export of a register for a period (registry staff): CSV for spreadsheets, or a printable
//! PDF book sealed with the administration's seal (`register_book`).
//!
//! The export is the register itself, so it lists EVERY entry of the period in number
//! order, gap-free, whatever the exporting clerk's clearance: an entry above their
//! clearance keeps its number, date, direction, unit and status, and its subject and
//! correspondent read "[confidential]".

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use super::auth::CurrentUser;
use super::catalogue::Names;
use super::search::parse_day;
use super::Services;
use crate::db::entities::filing;
use crate::db::queries;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// What replaces the subject and correspondent of an entry the user is not cleared for.
pub const MASKED: &str = "[confidential]";
/// Bounds on one export (a year of a busy administration fits; more: split the period).
pub const MAX_CSV_ENTRIES: u64 = 200_000;
pub const MAX_PDF_ENTRIES: u64 = 20_000;

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ExportParams {
    /// `A` incoming, `D` outgoing, `I` internal.
    pub direction: Option<String>,
    /// The register's year (default: this year unless `from`/`to` are given).
    pub year: Option<String>,
    /// Registered on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Registered on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
    /// `csv` (default) or `pdf`.
    pub format: Option<String>,
}

/// One line of the register as exported.
#[derive(Debug, Clone)]
pub struct ExportLine {
    pub number: String,
    pub received_at: DateTime<Utc>,
    pub direction: String,
    pub correspondent: String,
    pub subject: String,
    pub unit: String,
    pub status: String,
    pub confidentiality: String,
}

/// Everything the PDF book prints.
#[derive(Debug, Clone)]
pub struct RegisterBook {
    pub administration: Names,
    pub direction: String,
    /// Human period, e.g. `2026` or `2026-01-01 — 2026-03-31`.
    pub period: String,
    pub generated_at: DateTime<Utc>,
    pub generated_by: String,
    pub lines: Vec<ExportLine>,
}

/// A file to download.
pub struct Exported {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Quotes a CSV field when needed (RFC 4180: comma, quote, CR or LF inside). A field a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first: a filer's subject could be
/// `=HYPERLINK(…)`) gets a leading apostrophe, which spreadsheets show as text.
fn csv_field(out: &mut String, s: &str) {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// The CSV file: UTF-8 with a byte-order mark (spreadsheets then read Arabic correctly),
/// CRLF line ends, a header row.
pub fn csv(lines: &[ExportLine]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}number,date,direction,correspondent,subject,unit,status,confidentiality\r\n");
    for l in lines {
        let date = l.received_at.format("%Y-%m-%d").to_string();
        for (i, f) in [&l.number, &date, &l.direction, &l.correspondent, &l.subject, &l.unit, &l.status, &l.confidentiality].into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

impl Services {
    /// The register of `params.direction` for the period, as CSV or as a sealed PDF book.
    /// Registry staff (clerks, administrators) only.
    pub async fn export_register(&self, user: &CurrentUser, params: &ExportParams) -> Result<Exported> {
        let scope = self.primary_scope(user).await?;
        if !scope.registry {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let direction = blank(&params.direction).map(str::to_uppercase).ok_or(Error::BadRequest(Msg::MissingField("direction")))?;
        if !super::search::DIRECTIONS.contains(&direction.as_str()) {
            return Err(Error::BadRequest(Msg::InvalidValue("direction")));
        }
        let pdf = match blank(&params.format).unwrap_or("csv") {
            "csv" => false,
            "pdf" => true,
            _ => return Err(Error::BadRequest(Msg::InvalidValue("format"))),
        };
        let day = |f: &'static str, v: Option<&str>| v.map(|s| parse_day(s, f)).transpose();
        let (from, to) = (day("from", blank(&params.from))?, day("to", blank(&params.to))?);
        let year = match blank(&params.year) {
            Some(y) => Some(y.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y)).ok_or(Error::BadRequest(Msg::InvalidValue("year")))?),
            None if from.is_none() && to.is_none() => Some(Utc::now().year()),
            None => None,
        };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                return Err(Error::BadRequest(Msg::InvalidValue("to")));
            }
        }
        let c = &self.db.conn;
        let mut q = filing::Entity::find()
            .filter(filing::Column::AdministrationId.eq(scope.administration_id))
            .filter(filing::Column::Direction.eq(direction.as_str()));
        if let Some(y) = year {
            q = q.filter(filing::Column::Year.eq(y));
        }
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
        if let Some(f) = from {
            q = q.filter(filing::Column::ReceivedAt.gte(start(f)));
        }
        if let Some(t) = to {
            let next = t.succ_opt().ok_or(Error::BadRequest(Msg::InvalidValue("to")))?;
            q = q.filter(filing::Column::ReceivedAt.lt(start(next)));
        }
        // Provisional numbers (a registration in flight) are negative: not in the book yet.
        q = q.filter(filing::Column::Seq.gt(0));
        let max = if pdf { MAX_PDF_ENTRIES } else { MAX_CSV_ENTRIES };
        if q.clone().count(c).await? > max {
            return Err(Error::BadRequest(Msg::InvalidValue("period")));
        }
        let rows = q.order_by_asc(filing::Column::Year).order_by_asc(filing::Column::Seq).all(c).await?;
        let names = self.correspondent_names(&rows).await?;
        let units: std::collections::HashMap<i32, String> = self
            .units_of(scope.administration_id)
            .await?
            .into_iter()
            .map(|u| {
                let n = Names { fr: u.name_fr, ar: u.name_ar, zgh: u.name_zgh, en: u.name_en };
                (u.id, n.get(user.lang).to_owned())
            })
            .collect();
        let lines: Vec<ExportLine> = rows
            .into_iter()
            .map(|f| {
                let open = scope.clearance.opens(&f.confidentiality);
                let correspondent = f.correspondent_id.and_then(|i| names.get(&i).cloned()).unwrap_or_default();
                ExportLine {
                    number: f.number,
                    received_at: f.received_at,
                    direction: f.direction,
                    correspondent: if open || correspondent.is_empty() { correspondent } else { MASKED.into() },
                    subject: if open { f.subject } else { MASKED.into() },
                    unit: f.unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default(),
                    status: f.status,
                    confidentiality: f.confidentiality,
                }
            })
            .collect();
        let admin = queries::administration_by_id(c, scope.administration_id).await?.ok_or(Error::NotFound)?;
        let period = match (year, from, to) {
            (Some(y), None, None) => y.to_string(),
            (y, f, t) => {
                let f = f.map(|d| d.to_string()).or(y.map(|y| format!("{y}-01-01"))).unwrap_or_default();
                let t = t.map(|d| d.to_string()).or(y.map(|y| format!("{y}-12-31"))).unwrap_or_default();
                format!("{f} — {t}")
            }
        };
        let slug = period.replace(" — ", "_");
        let base = format!("registre-{}-{direction}-{slug}", admin.code);
        if !pdf {
            return Ok(Exported { file_name: format!("{base}.csv"), content_type: "text/csv; charset=utf-8", bytes: csv(&lines) });
        }
        let book = RegisterBook {
            administration: Names::from(&admin),
            direction,
            period,
            generated_at: Utc::now(),
            generated_by: user.display_name.clone(),
            lines,
        };
        let sealer = self.sealer.clone();
        let bytes = tokio::task::spawn_blocking(move || -> Result<Vec<u8>> { sealer.seal(super::register_book::render(&book)?) })
            .await
            .map_err(Error::internal)??;
        tracing::info!(administration = scope.administration_id, user = user.id, "register book exported and sealed");
        Ok(Exported { file_name: format!("{base}.pdf"), content_type: "application/pdf", bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let l = ExportLine {
            number: "D-1".into(),
            received_at: DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
            direction: "A".into(),
            correspondent: "Atlas, \"SA\"".into(),
            subject: "=ligne 1\nligne 2".into(),
            unit: "مصلحة".into(),
            status: "registered".into(),
            confidentiality: "normal".into(),
        };
        let s = String::from_utf8(csv(&[l])).unwrap();
        assert!(s.starts_with("\u{FEFF}number,date,direction,correspondent,subject,unit,status,confidentiality\r\n"));
        assert!(s.ends_with("D-1,2026-01-01,A,\"Atlas, \"\"SA\"\"\",\"'=ligne 1\nligne 2\",مصلحة,registered,normal\r\n"), "{s}");
    }
}
