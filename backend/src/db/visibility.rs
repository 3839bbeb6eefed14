//! Which register entries a staff member may see, as one SQL condition for lists and
//! searches. Single-entry checks use `domain::authz::can_see`, the same rule in Rust; a
//! test (`tests/access.rs`) checks that both agree.

use sea_orm::sea_query::{Condition, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entities::{assignment, clearance, filing, unit};
use crate::error::Result;

/// How far a user may see into confidential entries of one administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Clearance {
    Normal,
    Confidential,
    Secret,
}

impl Clearance {
    pub fn parse(s: &str) -> Option<Clearance> {
        match s {
            "normal" => Some(Clearance::Normal),
            "confidential" => Some(Clearance::Confidential),
            "secret" => Some(Clearance::Secret),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Clearance::Normal => "normal",
            Clearance::Confidential => "confidential",
            Clearance::Secret => "secret",
        }
    }
    /// The entry levels this clearance opens.
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Clearance::Normal => &["normal"],
            Clearance::Confidential => &["normal", "confidential"],
            Clearance::Secret => &["normal", "confidential", "secret"],
        }
    }
    /// May a holder of this clearance see an entry of `level`? Unknown levels: no.
    pub fn opens(self, level: &str) -> bool {
        Clearance::parse(level).is_some_and(|l| l <= self)
    }
}

/// What one staff member sees of one administration's registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub administration_id: i32,
    pub user_id: i32,
    /// Registry staff (clerks, administrators) see the whole register.
    pub registry: bool,
    /// The units whose mail the user handles (officials: with their sub-units).
    pub units: Vec<i32>,
    pub clearance: Clearance,
}

/// Entries of `scope`'s administration that its user may see: within their clearance, and
/// for non-registry staff only those addressed to, sent from or assigned to their units or
/// themselves (an assignment that was later passed on still counts: the unit saw it).
pub fn visible(scope: &Scope) -> Condition {
    let mut c = Condition::all()
        .add(filing::Column::AdministrationId.eq(scope.administration_id))
        .add(filing::Column::Confidentiality.is_in(scope.clearance.levels().iter().copied()));
    if !scope.registry {
        let mut assigned = Condition::any().add(assignment::Column::UserId.eq(scope.user_id));
        if !scope.units.is_empty() {
            assigned = assigned.add(assignment::Column::UnitId.is_in(scope.units.clone()));
        }
        let sub = Query::select()
            .column(assignment::Column::FilingId)
            .from(assignment::Entity)
            .cond_where(assigned)
            .to_owned();
        let mut reach = Condition::any().add(filing::Column::Id.in_subquery(sub));
        if !scope.units.is_empty() {
            reach = reach
                .add(filing::Column::UnitId.is_in(scope.units.clone()))
                .add(filing::Column::FromUnitId.is_in(scope.units.clone()));
        }
        c = c.add(reach);
    }
    c
}

/// The highest clearance granted to `user_id` in `administration_id`.
pub async fn clearance_of(c: &impl ConnectionTrait, user_id: i32, administration_id: i32) -> Result<Clearance> {
    let rows = clearance::Entity::find()
        .filter(clearance::Column::UserId.eq(user_id))
        .filter(clearance::Column::AdministrationId.eq(administration_id))
        .all(c)
        .await?;
    Ok(rows.iter().filter_map(|r| Clearance::parse(&r.level)).max().unwrap_or(Clearance::Normal))
}

/// `roots` and every unit below them in the administration's tree.
pub async fn with_sub_units(c: &impl ConnectionTrait, administration_id: i32, roots: &[i32]) -> Result<Vec<i32>> {
    let units = unit::Entity::find().filter(unit::Column::AdministrationId.eq(administration_id)).all(c).await?;
    let mut out: Vec<i32> = roots.to_vec();
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        for u in units.iter().filter(|u| u.parent_id == Some(parent)) {
            if !out.contains(&u.id) {
                out.push(u.id);
            }
        }
        i += 1;
    }
    Ok(out)
}

/// (units, users) an entry has ever been assigned to.
pub async fn assignees(c: &impl ConnectionTrait, filing_id: &str) -> Result<(Vec<i32>, Vec<i32>)> {
    let rows = assignment::Entity::find().filter(assignment::Column::FilingId.eq(filing_id)).all(c).await?;
    Ok((rows.iter().filter_map(|a| a.unit_id).collect(), rows.iter().filter_map(|a| a.user_id).collect()))
}

/// Ids of the entries `scope` sees among `ids` (tests compare it with `authz::can_see`).
pub async fn visible_among(c: &impl ConnectionTrait, scope: &Scope, ids: &[String]) -> Result<Vec<String>> {
    Ok(filing::Entity::find()
        .filter(visible(scope))
        .filter(filing::Column::Id.is_in(ids.iter().cloned()))
        .all(c)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect())
}
