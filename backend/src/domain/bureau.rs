//! The clerk's side of the register: the queue of entries (filtered, paginated), one entry
//! with its correspondent and documents, document downloads (audited for confidential
//! mail), and the clearances administrators grant. Every read goes through the access
//! module (`scope` / `staff_entry`), so lists and pages never show what the user may not see.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::auth::CurrentUser;
use super::authz::{self, Action};
use super::catalogue::Names;
use super::correspondents::CorrespondentView;
use super::Services;
use crate::db::bureau::{self as q, QueueFilter};
use crate::db::entities::{filing, unit};
use crate::db::visibility::{Clearance, Scope};
use crate::db::{correspondents as book, queries, register};
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub const PER_PAGE: u64 = 50;
/// The deepest queue page (zero-based): 500,000 entries back; past it, filter by date.
pub const MAX_QUEUE_PAGE: u64 = 9_999;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnitRef {
    pub id: i32,
    pub code: String,
    pub names: Names,
}

fn unit_ref(u: &unit::Model) -> UnitRef {
    UnitRef { id: u.id, code: u.code.clone(), names: Names { fr: u.name_fr.clone(), ar: u.name_ar.clone(), zgh: u.name_zgh.clone(), en: u.name_en.clone() } }
}

/// A line of the clerk's queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryLine {
    pub id: String,
    pub number: String,
    /// `A` incoming, `D` outgoing, `I` internal.
    pub direction: String,
    /// `portal`, `paper`, `internal`, `api` or `outgoing`.
    pub origin: String,
    pub status: String,
    pub subject: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: DateTime<Utc>,
    pub confidentiality: String,
    pub priority: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<NaiveDate>,
    /// Correspondent's name, or the filer's for portal filings.
    pub from: Option<String>,
    pub unit: Option<UnitRef>,
}

/// One page of the queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueuePage {
    pub entries: Vec<EntryLine>,
    pub total: u64,
    /// Zero-based.
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryDocument {
    /// Position, as in `/bureau/entries/{id}/documents/{n}`.
    pub n: i32,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub url: String,
}

/// Everything the entry page shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    #[serde(flatten)]
    pub line: EntryLine,
    pub administration: String,
    pub message: String,
    pub category: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub letter_date: Option<NaiveDate>,
    pub correspondent: Option<CorrespondentView>,
    /// The citizen's account the entry belongs to (portal filings, linked paper mail).
    pub filer: Option<String>,
    pub from_unit: Option<UnitRef>,
    pub in_reply_to: Option<String>,
    pub registered_by: Option<String>,
    pub documents: Vec<EntryDocument>,
}

/// A staff member and their clearance, for the administrators' page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffClearance {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    /// `normal` (none granted), `confidential` or `secret`.
    pub clearance: String,
}

impl Services {
    /// The scope of `user` in the administration named by `code`, or in their first one.
    pub async fn staff_scope(&self, user: &CurrentUser, code: Option<&str>) -> Result<Scope> {
        match code.map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => {
                let a = queries::administration_by_code(&self.db.conn, code).await?.ok_or(Error::Forbidden(Msg::Forbidden))?;
                self.scope(user, a.id).await?.ok_or(Error::Forbidden(Msg::Forbidden))
            }
            None => self.primary_scope(user).await,
        }
    }

    async fn lines(&self, rows: Vec<filing::Model>, units: &[unit::Model]) -> Result<Vec<EntryLine>> {
        let c = &self.db.conn;
        let cids: Vec<i32> = rows.iter().filter_map(|f| f.correspondent_id).collect();
        let people = book::by_ids(c, cids).await?;
        let filers = q::users_by_ids(c, &rows.iter().filter_map(|f| f.filer_id).collect::<Vec<_>>()).await?;
        Ok(rows
            .into_iter()
            .map(|f| {
                let from = f
                    .correspondent_id
                    .and_then(|id| people.iter().find(|p| p.id == id).map(|p| p.name.clone()))
                    .or_else(|| f.filer_id.and_then(|id| filers.iter().find(|u| u.id == id).map(|u| u.display_name.clone())));
                EntryLine {
                    unit: f.unit_id.and_then(|id| units.iter().find(|u| u.id == id)).map(unit_ref),
                    id: f.id,
                    number: f.number,
                    direction: f.direction,
                    origin: f.origin,
                    status: f.status,
                    subject: f.subject,
                    received_at: f.received_at,
                    confidentiality: f.confidentiality,
                    priority: f.priority,
                    deadline: f.deadline,
                    from,
                }
            })
            .collect())
    }

    /// The entries of the scope's administration that its user may see, newest first.
    /// `page` is zero-based, at most `MAX_QUEUE_PAGE` (400 beyond: filter instead).
    pub async fn queue(&self, scope: &Scope, filter: &QueueFilter, page: u64) -> Result<QueuePage> {
        if page > MAX_QUEUE_PAGE {
            return Err(Error::BadRequest(Msg::InvalidValue("page")));
        }
        let c = &self.db.conn;
        let (rows, total) = q::queue(c, scope, filter, page, PER_PAGE).await?;
        let units = queries::units_of(c, scope.administration_id).await?;
        Ok(QueuePage { entries: self.lines(rows, &units).await?, total, page, per_page: PER_PAGE })
    }

    /// The units of an administration (for forms and filters).
    pub async fn units(&self, administration_id: i32) -> Result<Vec<UnitRef>> {
        Ok(queries::units_of(&self.db.conn, administration_id).await?.iter().map(unit_ref).collect())
    }

    /// One entry for staff; `NotFound` for anyone who may not see it.
    pub async fn entry(&self, user: &CurrentUser, id: &str) -> Result<EntryView> {
        let (f, _scope) = self.staff_entry(user, id).await?;
        let c = &self.db.conn;
        let units = queries::units_of(c, f.administration_id).await?;
        let admin = queries::administration_by_id(c, f.administration_id).await?.ok_or(Error::NotFound)?;
        let correspondent = match f.correspondent_id {
            Some(cid) => book::get(c, f.administration_id, cid).await?.map(CorrespondentView::from),
            None => None,
        };
        let people = q::users_by_ids(c, &[f.filer_id, f.registered_by].into_iter().flatten().collect::<Vec<_>>()).await?;
        let name_of = |id: Option<i32>| id.and_then(|id| people.iter().find(|u| u.id == id)).map(|u| format!("{} <{}>", u.display_name, u.email));
        let documents = register::documents_of(c, &f.id)
            .await?
            .into_iter()
            .map(|d| EntryDocument { url: format!("/bureau/entries/{}/documents/{}", f.id, d.position), n: d.position, name: d.name, content_type: d.content_type, size: d.size, sha256: d.sha256 })
            .collect();
        let (filer, registered_by) = (name_of(f.filer_id), name_of(f.registered_by));
        let from_unit = f.from_unit_id.and_then(|id| units.iter().find(|u| u.id == id)).map(unit_ref);
        let (message, category, letter_date, in_reply_to) = (f.message.clone(), f.category.clone(), f.letter_date, f.in_reply_to.clone());
        let line = self.lines(vec![f], &units).await?.remove(0);
        Ok(EntryView { line, administration: admin.code, message, category, letter_date, correspondent, filer, from_unit, in_reply_to, registered_by, documents })
    }

    /// A document of an entry the user may see: (name, content type, bytes). Downloading a
    /// document of a confidential or secret entry is an audit event.
    pub async fn entry_document(&self, user: &CurrentUser, id: &str, n: i32) -> Result<(String, String, Vec<u8>)> {
        let (f, _scope) = self.staff_entry(user, id).await?;
        let doc = register::documents_of(&self.db.conn, &f.id).await?.into_iter().find(|d| d.position == n).ok_or(Error::NotFound)?;
        let bytes = self.storage.get(&doc.sha256)?;
        if f.confidentiality != "normal" {
            use super::audit::{record_alone, AuditEvent, DOCUMENT_DOWNLOADED, ENTRY};
            let ev = AuditEvent::new(Some(f.administration_id), Some(user.id), DOCUMENT_DOWNLOADED, ENTRY, &f.id)
                .with(serde_json::json!({"document": doc.sha256, "name": doc.name, "confidentiality": f.confidentiality}));
            record_alone(&self.db, ev).await?;
        }
        Ok((doc.name, doc.content_type, bytes))
    }

    /// The staff of an administration with their clearances (its administrators only).
    pub async fn clearances(&self, user: &CurrentUser, administration_id: i32) -> Result<Vec<StaffClearance>> {
        if !authz::allowed(user, Action::ManageClearances { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let c = &self.db.conn;
        let granted = q::clearances_of(c, administration_id).await?;
        Ok(q::staff_of(c, administration_id)
            .await?
            .into_iter()
            .map(|u| {
                let level = granted.iter().filter(|g| g.user_id == u.id).filter_map(|g| Clearance::parse(&g.level)).max().unwrap_or(Clearance::Normal);
                StaffClearance { user_id: u.id, name: u.display_name, email: u.email, clearance: level.as_str().into() }
            })
            .collect())
    }

    /// Grants `level` (`confidential` or `secret`) to a staff member, or with `normal`
    /// revokes their clearance (administrators of the administration only).
    pub async fn set_clearance(&self, user: &CurrentUser, administration_id: i32, user_id: i32, level: &str) -> Result<()> {
        if !authz::allowed(user, Action::ManageClearances { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let level = Clearance::parse(level.trim()).ok_or(Error::BadRequest(Msg::InvalidValue("level")))?;
        // Nobody raises (or lowers) their own clearance: another administrator must.
        if user_id == user.id {
            return Err(Error::Forbidden(Msg::OwnClearance));
        }
        let c = &self.db.conn;
        if !q::staff_of(c, administration_id).await?.iter().any(|u| u.id == user_id) {
            return Err(Error::NotFound);
        }
        let tx = self.db.write().await?;
        let previous = q::clearances_of(&tx, administration_id)
            .await?
            .iter()
            .filter(|g| g.user_id == user_id)
            .filter_map(|g| Clearance::parse(&g.level))
            .max()
            .unwrap_or(Clearance::Normal);
        if previous == level {
            return Ok(());
        }
        q::set_clearance(&tx, administration_id, user_id, (level != Clearance::Normal).then_some(level.as_str()), user.id).await?;
        let action = if level > previous { super::audit::CLEARANCE_GRANTED } else { super::audit::CLEARANCE_REVOKED };
        let ev = super::audit::AuditEvent::new(Some(administration_id), Some(user.id), action, super::audit::USER, &user_id.to_string())
            .with(serde_json::json!({"level": level.as_str(), "previous": previous.as_str()}));
        super::audit::record(&tx, ev).await?;
        tx.commit().await?;
        tracing::info!(administration_id, user_id, level = level.as_str(), by = user.id, "clearance set");
        Ok(())
    }
}
