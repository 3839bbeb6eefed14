//! Work lists: what is waiting for a person (assigned to them or to their units) or for one
//! unit, sorted by deadline, with overdue and due-soon flags; and the daily reminder e-mail
//! listing what is due, queued through the outbox at most once per user and day (the
//! `daily_reminders` row is claimed in the same transaction as the e-mail).
//!
//! "Today" is the UTC date: deadlines are dates, and one clock for every process keeps the
//! flags and the once-a-day rule consistent.

use chrono::{Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::CurrentUser;
use super::catalogue::Names;
use super::routing::unit_names;
use super::Services;
use crate::db::entities::{assignment, filing};
use crate::db::routing as q;
use crate::db::visibility::Scope;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

/// Filters of a work list (all optional).
#[derive(Debug, Clone, Default, Deserialize, IntoParams, ToSchema)]
pub struct WorkFilter {
    /// `pending` or `accepted` (default: both).
    pub status: Option<String>,
    /// `action` or `information`.
    pub purpose: Option<String>,
    /// `overdue`, `soon` (due soon or overdue) or empty for everything.
    pub due: Option<String>,
}

/// One line of a work list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkItem {
    pub assignment_id: i32,
    pub entry_id: String,
    pub number: String,
    pub subject: String,
    /// The entry's status (`assigned`, `in_progress`, …).
    pub entry_status: String,
    /// The assignment's status (`pending` or `accepted`).
    pub status: String,
    pub purpose: String,
    pub instructions: String,
    pub unit_id: Option<i32>,
    pub unit_names: Option<Names>,
    /// Assigned to the user personally (not through a unit).
    pub personal: bool,
    /// The assignment's deadline, else the entry's.
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<NaiveDate>,
    pub overdue: bool,
    pub due_soon: bool,
    pub priority: String,
}

fn check(filter: &WorkFilter) -> Result<()> {
    let ok = |v: &Option<String>, allowed: &[&str]| v.as_deref().is_none_or(|x| x.is_empty() || allowed.contains(&x));
    if !ok(&filter.status, &q::OPEN) {
        return Err(Error::BadRequest(Msg::InvalidValue("status")));
    }
    if !ok(&filter.purpose, &["action", "information"]) {
        return Err(Error::BadRequest(Msg::InvalidValue("purpose")));
    }
    if !ok(&filter.due, &["overdue", "soon"]) {
        return Err(Error::BadRequest(Msg::InvalidValue("due")));
    }
    Ok(())
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// The UTC date today.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

impl Services {
    fn item(&self, a: assignment::Model, f: filing::Model, units: &[crate::db::entities::unit::Model], user_id: i32, today: NaiveDate) -> WorkItem {
        let deadline = a.deadline.or(f.deadline);
        let soon = today + Duration::days(self.config.routing.due_soon_days as i64);
        let unit = a.unit_id.and_then(|id| units.iter().find(|u| u.id == id));
        WorkItem {
            assignment_id: a.id,
            entry_id: f.id,
            number: f.number,
            subject: f.subject,
            entry_status: f.status,
            status: a.status,
            purpose: a.purpose,
            instructions: a.instructions,
            unit_id: a.unit_id,
            unit_names: unit.map(unit_names),
            personal: a.user_id == Some(user_id),
            deadline,
            overdue: deadline.is_some_and(|d| d < today),
            due_soon: deadline.is_some_and(|d| d >= today && d <= soon),
            priority: f.priority,
        }
    }

    async fn work_items(&self, scope: &Scope, user_id: Option<i32>, units: &[i32], filter: &WorkFilter, today: NaiveDate) -> Result<Vec<WorkItem>> {
        check(filter)?;
        let c = &self.db.conn;
        let rows = q::open_for(c, scope, user_id, units, nonempty(&filter.status), nonempty(&filter.purpose)).await?;
        let mut unit_ids: Vec<i32> = rows.iter().filter_map(|(a, _)| a.unit_id).collect();
        unit_ids.dedup();
        let unit_models = q::units_by_ids(c, &unit_ids).await?;
        let mut items: Vec<WorkItem> =
            rows.into_iter().map(|(a, f)| self.item(a, f, &unit_models, scope.user_id, today)).collect();
        match nonempty(&filter.due) {
            Some("overdue") => items.retain(|i| i.overdue),
            Some("soon") => items.retain(|i| i.overdue || i.due_soon),
            _ => {}
        }
        // By deadline, undated last; then oldest assignment first.
        items.sort_by_key(|i| (i.deadline.is_none(), i.deadline, i.assignment_id));
        Ok(items)
    }

    /// What waits for `user`: assignments to them or to their units (officials: their units
    /// and those below), in every administration where they are staff.
    pub async fn my_work(&self, user: &CurrentUser, filter: &WorkFilter) -> Result<Vec<WorkItem>> {
        let today = today();
        let mut out = Vec::new();
        for scope in self.scopes(user).await? {
            out.extend(self.work_items(&scope, Some(user.id), &scope.units.clone(), filter, today).await?);
        }
        out.sort_by_key(|i| (i.deadline.is_none(), i.deadline, i.assignment_id));
        Ok(out)
    }

    /// What waits for one unit; for its staff (and those above it) and registry staff.
    pub async fn unit_work(&self, user: &CurrentUser, unit_id: i32, filter: &WorkFilter) -> Result<Vec<WorkItem>> {
        let unit = q::unit_by_id(&self.db.conn, unit_id).await?.ok_or(Error::NotFound)?;
        let scope = self.scope(user, unit.administration_id).await?.ok_or(Error::NotFound)?;
        if !scope.registry && !scope.units.contains(&unit_id) {
            return Err(Error::NotFound);
        }
        self.work_items(&scope, None, &[unit_id], filter, today()).await
    }

    /// Queues today's reminder e-mail for every user with open assignments that are
    /// overdue or due soon, skipping users already reminded today (by any process).
    /// Returns how many e-mails were queued. The daily job calls it; tests call it directly.
    pub async fn send_daily_reminders(&self, day: NaiveDate) -> Result<usize> {
        let c = &self.db.conn;
        let until = day + Duration::days(self.config.routing.due_soon_days as i64);
        let due = q::open_due_by(c, until).await?;
        // Who hears about each assignment: the person, or the staff of the unit.
        let mut recipients: Vec<i32> = Vec::new();
        let mut per_assignment = Vec::new();
        for (a, f) in due {
            let people = match (a.user_id, a.unit_id) {
                (Some(u), _) => vec![u],
                (None, Some(unit)) => q::members_of(c, unit).await?,
                _ => vec![],
            };
            recipients.extend(&people);
            per_assignment.push((a, f, people));
        }
        recipients.sort_unstable();
        recipients.dedup();
        let mut queued = 0;
        for uid in recipients {
            let Ok(user) = self.current_user(uid).await else { continue };
            let mut lines = Vec::new();
            for (a, f, people) in &per_assignment {
                if !people.contains(&uid) {
                    continue;
                }
                // Only what the user may see (confidential entries need a clearance).
                if self.staff_entry(&user, &f.id).await.is_err() {
                    continue;
                }
                let deadline = a.deadline.or(f.deadline).unwrap_or(day);
                lines.push((deadline, f.number.clone(), f.subject.clone(), deadline < day));
            }
            if lines.is_empty() {
                continue;
            }
            lines.sort();
            let link = format!("{}/work", self.config.server.public_url.trim_end_matches('/'));
            let (subject, body) = reminder_email(user.lang, &lines, &link);
            let tx = self.db.write().await?;
            if !q::claim_reminder(&tx, uid, day, Utc::now()).await? {
                continue;
            }
            crate::db::outbox::enqueue(&tx, "reminder", &user.email, &subject, &body, None).await?;
            tx.commit().await?;
            queued += 1;
        }
        tracing::info!(day = %day, queued, "daily reminders queued");
        Ok(queued)
    }
}

/// Subject and body of the daily reminder: one line per entry (deadline, number, subject),
/// overdue ones marked.
pub fn reminder_email(lang: Lang, lines: &[(NaiveDate, String, String, bool)], link: &str) -> (String, String) {
    let (subject, intro, late, outro) = match lang {
        Lang::Fr => ("Sijill : courriers à traiter", "Courriers qui vous sont imputés, en retard ou bientôt dus :", "EN RETARD", "Votre liste de travail :"),
        Lang::Ar => ("سجل: مراسلات للمعالجة", "المراسلات المحالة عليكم، المتأخرة أو القريبة الأجل:", "متأخر", "قائمة عملك:"),
        Lang::Zgh => ("ⵙⵉⵊⵉⵍ: ⵜⵉⴱⵔⴰⵜⵉⵏ ⵏ ⵓⵙⵎⵓⵙⵙⵓ", "ⵜⵉⴱⵔⴰⵜⵉⵏ ⵉ ⴽ ⵉⵜⵜⵓⴼⴽⴰⵏ, ⵉⵜⵜⵄⴻⵟⵟⵍⵏ ⵏⵖ ⵇⵇⵔⴱⵏⵜ:", "ⵉⵜⵜⵄⴻⵟⵟⵍ", "ⵜⴰⵍⴳⴰⵎⵜ ⵏ ⵜⵡⵓⵔⵉ ⵏⵏⴽ:"),
        Lang::En => ("Sijill: correspondence to handle", "Correspondence assigned to you, overdue or due soon:", "OVERDUE", "Your work list:"),
    };
    let mut body = format!("{intro}\n\n");
    for (deadline, number, subj, overdue) in lines {
        let flag = if *overdue { format!(" — {late}") } else { String::new() };
        body.push_str(&format!("- {deadline} {number} {subj}{flag}\n"));
    }
    body.push_str(&format!("\n{outro}\n{link}\n"));
    (subject.to_owned(), body)
}
