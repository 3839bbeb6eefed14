//! Routing (imputation): a clerk, or the official heading a unit that holds an entry,
//! sends it to units or people, for action or for information, with instructions and a
//! deadline; the assignee accepts it, passes it on (reassignment) or marks it done. The
//! assignments of an entry in order are its routing slip (fiche de circulation).
//!
//! The entry's status follows: registered → assigned (first assignment) → in_progress
//! (an action assignment accepted) → answered (see `answers`) or closed (every action
//! assignment done without an answer). Each change is one transaction with its audit event.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::audit::{self, AuditEvent};
use super::auth::{CurrentUser, Role};
use super::authz::{self, Action};
use super::catalogue::Names;
use super::Services;
use crate::db::entities::{assignment, filing, unit};
use crate::db::routing as q;
use crate::db::visibility::{self, Scope};
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub const MAX_INSTRUCTIONS: usize = 2_000;

/// One addressee of an imputation: a unit or a person (exactly one of the two).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewAssignment {
    pub unit_id: Option<i32>,
    pub user_id: Option<i32>,
    /// `action` or `information`.
    pub purpose: String,
    #[serde(default)]
    pub instructions: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<NaiveDate>,
}

/// One line of the routing slip.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentView {
    pub id: i32,
    pub entry_id: String,
    pub unit_id: Option<i32>,
    pub unit_code: Option<String>,
    pub unit_names: Option<Names>,
    pub user_id: Option<i32>,
    pub user_name: Option<String>,
    /// `action` or `information`.
    pub purpose: String,
    pub instructions: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<NaiveDate>,
    /// `pending`, `accepted`, `reassigned` or `done`.
    pub status: String,
    pub assigned_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub assigned_at: DateTime<Utc>,
    pub responded_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub responded_at: Option<DateTime<Utc>>,
    /// Reassigned: the assignment that replaced this one.
    pub replaced_by: Option<i32>,
    /// May the caller accept or close this assignment (they are its assignee)?
    pub can_handle: bool,
    /// May the caller pass it on (its assignee, or registry staff)?
    pub can_reassign: bool,
}

/// The routing slip (fiche de circulation) of an entry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoutingSlip {
    pub entry_id: String,
    pub number: String,
    pub subject: String,
    pub status: String,
    pub assignments: Vec<AssignmentView>,
    /// May the caller assign this entry?
    pub can_assign: bool,
}

/// A unit or person an entry can be assigned to (for the assignment form).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Assignable {
    pub units: Vec<UnitOption>,
    pub people: Vec<PersonOption>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitOption {
    pub id: i32,
    pub code: String,
    pub names: Names,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonOption {
    pub id: i32,
    pub name: String,
}

pub fn unit_names(u: &unit::Model) -> Names {
    Names { fr: u.name_fr.clone(), ar: u.name_ar.clone(), zgh: u.name_zgh.clone(), en: u.name_en.clone() }
}

/// Units whose mail `user` directs in `administration_id`: the units they are official of,
/// with every unit below them.
pub(crate) async fn headed_units(svc: &Services, user: &CurrentUser, administration_id: i32) -> Result<Vec<i32>> {
    let heads: Vec<i32> = user
        .roles
        .iter()
        .filter(|g| g.role == Role::Official && g.administration_id == Some(administration_id))
        .filter_map(|g| g.unit_id)
        .collect();
    if heads.is_empty() {
        return Ok(Vec::new());
    }
    visibility::with_sub_units(&svc.db.conn, administration_id, &heads).await
}

/// Is `scope`'s user the assignee of `a`: the person, or staff of the unit (or above it)?
pub(crate) fn is_assignee(scope: &Scope, a: &assignment::Model) -> bool {
    a.user_id == Some(scope.user_id) || a.unit_id.is_some_and(|u| scope.units.contains(&u))
}

fn open(a: &assignment::Model) -> bool {
    q::OPEN.contains(&a.status.as_str())
}

fn assigned_event(f: &filing::Model, actor: i32, step: &str, a: &assignment::Model) -> AuditEvent {
    AuditEvent::new(Some(f.administration_id), Some(actor), audit::ENTRY_ASSIGNED, audit::ENTRY, &f.id).with(serde_json::json!({
        "step": step,
        "assignment": a.id,
        "unit": a.unit_id,
        "user": a.user_id,
        "purpose": a.purpose,
        "deadline": a.deadline,
        "replaced_by": a.replaced_by,
    }))
}

pub(crate) fn status_event(f: &filing::Model, actor: i32, from: &str, to: &str) -> AuditEvent {
    AuditEvent::new(Some(f.administration_id), Some(actor), audit::ENTRY_STATUS, audit::ENTRY, &f.id)
        .with(serde_json::json!({"from": from, "to": to}))
}

impl Services {
    /// Checks one addressee: a unit or a staff member of the entry's administration.
    async fn check_target(&self, f: &filing::Model, t: &NewAssignment) -> Result<()> {
        let c = &self.db.conn;
        if !matches!(t.purpose.as_str(), "action" | "information") {
            return Err(Error::BadRequest(Msg::InvalidValue("purpose")));
        }
        if t.instructions.chars().count() > MAX_INSTRUCTIONS {
            return Err(Error::BadRequest(Msg::FieldTooLong("instructions", MAX_INSTRUCTIONS)));
        }
        match (t.unit_id, t.user_id) {
            (Some(u), None) => match q::unit_by_id(c, u).await? {
                Some(unit) if unit.administration_id == f.administration_id => Ok(()),
                _ => Err(Error::BadRequest(Msg::InvalidValue("unit_id"))),
            },
            (None, Some(uid)) => {
                let staff = self.current_user(uid).await.ok().is_some_and(|u| authz::is_staff_of(&u, f.administration_id));
                if staff { Ok(()) } else { Err(Error::BadRequest(Msg::InvalidValue("user_id"))) }
            }
            (None, None) => Err(Error::BadRequest(Msg::MissingField("unit_id"))),
            (Some(_), Some(_)) => Err(Error::BadRequest(Msg::InvalidValue("user_id"))),
        }
    }

    /// May `user` assign `f`? Registry staff, or an official heading a unit that holds it.
    async fn may_assign(&self, user: &CurrentUser, f: &filing::Model, slip: &[assignment::Model]) -> Result<bool> {
        let headed = headed_units(self, user, f.administration_id).await?;
        let heads = slip.iter().any(|a| open(a) && a.unit_id.is_some_and(|u| headed.contains(&u)));
        Ok(authz::allowed(user, Action::AssignEntry { administration_id: f.administration_id, heads_assigned_unit: heads }))
    }

    /// Assigns an entry to one or more units or people, in one transaction with its audit
    /// events; the entry becomes `assigned` if it was only registered.
    pub async fn assign(&self, user: &CurrentUser, entry_id: &str, targets: Vec<NewAssignment>) -> Result<Vec<AssignmentView>> {
        let (f, _) = self.staff_entry(user, entry_id).await?;
        let slip = q::assignments_of(&self.db.conn, &f.id).await?;
        if !self.may_assign(user, &f, &slip).await? {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        if targets.is_empty() {
            return Err(Error::BadRequest(Msg::MissingField("unit_id")));
        }
        for t in &targets {
            self.check_target(&f, t).await?;
        }
        let now = Utc::now();
        let tx = self.db.write().await?;
        let mut made = Vec::new();
        let mut events = Vec::new();
        for t in &targets {
            let a = q::insert_assignment(&tx, q::NewAssignmentRow {
                filing_id: &f.id,
                unit_id: t.unit_id,
                user_id: t.user_id,
                purpose: &t.purpose,
                instructions: t.instructions.trim(),
                deadline: t.deadline,
                assigned_by: user.id,
                at: now,
            })
            .await?;
            events.push(assigned_event(&f, user.id, "assigned", &a));
            made.push(a);
        }
        if q::move_entry(&tx, &f.id, &["registered"], "assigned").await? {
            events.push(status_event(&f, user.id, "registered", "assigned"));
        }
        audit::record_many(&tx, events).await?;
        tx.commit().await?;
        tracing::info!(entry = %f.id, by = user.id, count = made.len(), "entry assigned");
        self.views(user, &f, made).await
    }

    /// Loads an assignment and its entry if `user` may see the entry (else NotFound) and
    /// may handle the assignment (accept, complete, or with `reassign` pass it on).
    async fn assignment_to_handle(&self, user: &CurrentUser, id: i32, reassign: bool) -> Result<(assignment::Model, filing::Model)> {
        let a = q::assignment_by_id(&self.db.conn, id).await?.ok_or(Error::NotFound)?;
        let (f, scope) = self.staff_entry(user, &a.filing_id).await?;
        let action = Action::HandleAssignment { administration_id: f.administration_id, assignee: is_assignee(&scope, &a), reassign };
        if !authz::allowed(user, action) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        Ok((a, f))
    }

    /// The assignee takes the assignment on; an accepted action assignment puts the entry
    /// `in_progress`.
    pub async fn accept_assignment(&self, user: &CurrentUser, id: i32) -> Result<AssignmentView> {
        let (a, f) = self.assignment_to_handle(user, id, false).await?;
        let now = Utc::now();
        let tx = self.db.write().await?;
        if !q::move_assignment(&tx, a.id, &["pending"], "accepted", user.id, now, None).await? {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        let mut events = vec![assigned_event(&f, user.id, "accepted", &a)];
        if a.purpose == "action" && q::move_entry(&tx, &f.id, &["registered", "assigned"], "in_progress").await? {
            events.push(status_event(&f, user.id, &f.status, "in_progress"));
        }
        audit::record_many(&tx, events).await?;
        tx.commit().await?;
        self.one_view(user, &f, a.id).await
    }

    /// Passes an assignment on to another unit or person: the old one is marked
    /// `reassigned` and points to the new one (`replaced_by`).
    pub async fn reassign(&self, user: &CurrentUser, id: i32, to: NewAssignment) -> Result<AssignmentView> {
        let (a, f) = self.assignment_to_handle(user, id, true).await?;
        self.check_target(&f, &to).await?;
        if to.unit_id.is_some() && to.unit_id == a.unit_id || to.user_id.is_some() && to.user_id == a.user_id {
            return Err(Error::BadRequest(Msg::InvalidValue("unit_id")));
        }
        let now = Utc::now();
        let tx = self.db.write().await?;
        let new = q::insert_assignment(&tx, q::NewAssignmentRow {
            filing_id: &f.id,
            unit_id: to.unit_id,
            user_id: to.user_id,
            purpose: &to.purpose,
            instructions: to.instructions.trim(),
            deadline: to.deadline.or(a.deadline),
            assigned_by: user.id,
            at: now,
        })
        .await?;
        if !q::move_assignment(&tx, a.id, &q::OPEN, "reassigned", user.id, now, Some(new.id)).await? {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        let old = assignment::Model { replaced_by: Some(new.id), ..a };
        audit::record_many(&tx, vec![assigned_event(&f, user.id, "reassigned", &old), assigned_event(&f, user.id, "assigned", &new)]).await?;
        tx.commit().await?;
        self.one_view(user, &f, new.id).await
    }

    /// The assignee marks the assignment done. When no action assignment is left open and
    /// the entry was not answered, the entry is `closed`.
    pub async fn complete_assignment(&self, user: &CurrentUser, id: i32) -> Result<AssignmentView> {
        let (a, f) = self.assignment_to_handle(user, id, false).await?;
        let now = Utc::now();
        let tx = self.db.write().await?;
        if !q::move_assignment(&tx, a.id, &q::OPEN, "done", user.id, now, None).await? {
            return Err(Error::Conflict(Msg::AlreadyDone));
        }
        let mut events = vec![assigned_event(&f, user.id, "done", &a)];
        let left = q::assignments_of(&tx, &f.id).await?.iter().any(|x| x.purpose == "action" && open(x));
        if !left && q::move_entry(&tx, &f.id, &["assigned", "in_progress"], "closed").await? {
            events.push(status_event(&f, user.id, &f.status, "closed"));
        }
        audit::record_many(&tx, events).await?;
        tx.commit().await?;
        self.one_view(user, &f, a.id).await
    }

    /// The routing slip of an entry the caller may see.
    pub async fn routing_slip(&self, user: &CurrentUser, entry_id: &str) -> Result<RoutingSlip> {
        let (f, _) = self.staff_entry(user, entry_id).await?;
        let slip = q::assignments_of(&self.db.conn, &f.id).await?;
        let can_assign = self.may_assign(user, &f, &slip).await?;
        let assignments = self.views(user, &f, slip).await?;
        Ok(RoutingSlip { entry_id: f.id, number: f.number, subject: f.subject, status: f.status, assignments, can_assign })
    }

    /// Units and staff of the entry's administration, for the assignment form.
    pub async fn assignable(&self, user: &CurrentUser, entry_id: &str) -> Result<Assignable> {
        let (f, _) = self.staff_entry(user, entry_id).await?;
        let c = &self.db.conn;
        let units = crate::db::queries::units_of(c, f.administration_id)
            .await?
            .iter()
            .map(|u| UnitOption { id: u.id, code: u.code.clone(), names: unit_names(u) })
            .collect();
        let mut people = Vec::new();
        for u in q::staff_of(c, f.administration_id).await? {
            people.push(PersonOption { id: u.id, name: u.display_name });
        }
        Ok(Assignable { units, people })
    }

    async fn one_view(&self, user: &CurrentUser, f: &filing::Model, id: i32) -> Result<AssignmentView> {
        let a = q::assignment_by_id(&self.db.conn, id).await?.ok_or(Error::NotFound)?;
        Ok(self.views(user, f, vec![a]).await?.remove(0))
    }

    async fn views(&self, user: &CurrentUser, f: &filing::Model, rows: Vec<assignment::Model>) -> Result<Vec<AssignmentView>> {
        let c = &self.db.conn;
        let scope = self.scope(user, f.administration_id).await?;
        let unit_ids: Vec<i32> = rows.iter().filter_map(|a| a.unit_id).collect();
        let mut user_ids: Vec<i32> = rows.iter().flat_map(|a| [a.user_id, Some(a.assigned_by), a.responded_by]).flatten().collect();
        user_ids.sort_unstable();
        user_ids.dedup();
        let units = q::units_by_ids(c, &unit_ids).await?;
        let users = q::users_by_ids(c, &user_ids).await?;
        let name = |id: i32| users.iter().find(|u| u.id == id).map(|u| u.display_name.clone()).unwrap_or_else(|| format!("#{id}"));
        Ok(rows
            .into_iter()
            .map(|a| {
                let unit = a.unit_id.and_then(|id| units.iter().find(|u| u.id == id));
                let mine = scope.as_ref().is_some_and(|s| is_assignee(s, &a));
                let can_handle = open(&a) && mine && authz::is_staff_of(user, f.administration_id);
                let can_reassign = open(&a) && (can_handle || authz::is_registry_of(user, f.administration_id));
                AssignmentView {
                    id: a.id,
                    entry_id: a.filing_id.clone(),
                    unit_id: a.unit_id,
                    unit_code: unit.map(|u| u.code.clone()),
                    unit_names: unit.map(unit_names),
                    user_id: a.user_id,
                    user_name: a.user_id.map(name),
                    purpose: a.purpose,
                    instructions: a.instructions,
                    deadline: a.deadline,
                    status: a.status,
                    assigned_by: name(a.assigned_by),
                    assigned_at: a.assigned_at,
                    responded_by: a.responded_by.map(name),
                    responded_at: a.responded_at,
                    replaced_by: a.replaced_by,
                    can_handle,
                    can_reassign,
                }
            })
            .collect())
    }
}
