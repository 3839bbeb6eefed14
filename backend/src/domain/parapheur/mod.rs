//! The e-parapheur (PRODUCT.md §3): folders of documents travelling through circuits of
//! visa and signature steps, signed in PAdES at each administration's level.
//!
//! - `folders`: creating a folder (content-checked PDFs; office files need a converter),
//!   reading it, its history.
//! - `circuits`: step specifications, templates, starting a circuit.
//! - `actions`: the state machine (approve, sign, reject, return, annotate, batch sign).
//! - `delegation`: delegating one's steps for a period.
//! - `keys`: the officials' keys (PKCS#12 encrypted at rest, PKCS#11, CSC).
//! - `trust`: where timestamps and revocation data come from.
//! - `notify`: the e-mails (outbox) when a folder reaches someone, is rejected or completes.
//!
//! State machine. A folder is `draft` until its originator starts a circuit, then
//! `in_progress` with `current_position` = the group of steps now `pending`; the others
//! are `waiting`. A step acts (`done`); an all-of group advances when none of its steps is
//! pending, a one-of group when one acts (the others become `skipped`). After the last
//! group the folder is `completed`. A rejection (reason required) sends the folder back
//! to its originator (`rejected`), who may start a new circuit; a return re-opens an
//! earlier group (the steps from there on wait again). Every change is one transaction
//! with its history line (`folder_events`) and its audit event.

pub mod actions;
pub mod batch;
pub mod assignees;
pub mod circuits;
pub mod delegation;
pub mod digest;
pub mod folders;
pub mod keys;
pub mod msg;
pub mod notify;
pub mod outgoing;
pub mod pages_render;
pub mod trust;

use crate::db::entities::{circuit_step, user_role};
use crate::domain::auth::CurrentUser;

/// Audit subject kind of folders (`folders.id`).
pub const FOLDER: &str = "folder";
pub const FOLDER_CREATED: &str = "parapheur.folder_created";
pub const CIRCUIT_STARTED: &str = "parapheur.circuit_started";
pub const STEP_APPROVED: &str = "parapheur.approved";
pub const STEP_SIGNED: &str = "parapheur.signed";
pub const FOLDER_REJECTED: &str = "parapheur.rejected";
pub const FOLDER_RETURNED: &str = "parapheur.returned";
pub const FOLDER_ANNOTATED: &str = "parapheur.annotated";
pub const FOLDER_COMPLETED: &str = "parapheur.completed";
pub const DELEGATION_CREATED: &str = "parapheur.delegation_created";
pub const DELEGATION_REVOKED: &str = "parapheur.delegation_revoked";
pub const PREFERENCES_CHANGED: &str = "parapheur.preferences_changed";
pub const BATCH_STARTED: &str = "parapheur.batch_started";
pub const SETTINGS_CHANGED: &str = "parapheur.settings_changed";
pub const TEMPLATE_CREATED: &str = "parapheur.template_created";

/// A role held somewhere, in the terms a step names its assignee.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub role: String,
    pub administration_id: Option<i32>,
    pub unit_id: Option<i32>,
}

/// Who is acting: the user, and the delegators whose delegation to them is in force.
#[derive(Debug, Clone)]
pub(crate) struct Actor {
    pub user_id: i32,
    pub grants: Vec<Grant>,
    /// (delegator id, their grants)
    pub delegators: Vec<(i32, Vec<Grant>)>,
}

impl Actor {
    pub fn grants_of(user: &CurrentUser) -> Vec<Grant> {
        user.roles
            .iter()
            .map(|g| Grant { role: g.role.as_str().to_owned(), administration_id: g.administration_id, unit_id: g.unit_id })
            .collect()
    }

    pub fn grants_from_rows(rows: &[user_role::Model], user_id: i32) -> Vec<Grant> {
        rows.iter()
            .filter(|r| r.user_id == user_id)
            .map(|r| Grant { role: r.role.clone(), administration_id: r.administration_id, unit_id: r.unit_id })
            .collect()
    }

    /// `Some(None)`: may act on `step` in their own name; `Some(Some(d))`: as delegate of
    /// `d`; `None`: may not. Their own name wins when both apply.
    pub fn acting_as(&self, step: &circuit_step::Model, administration_id: i32) -> Option<Option<i32>> {
        if assigned(step, self.user_id, &self.grants, administration_id) {
            return Some(None);
        }
        self.delegators
            .iter()
            .find(|(d, g)| assigned(step, *d, g, administration_id))
            .map(|(d, _)| Some(*d))
    }
}

/// Is `step` assigned to `user_id` (by name) or to a role in a unit they hold there?
pub(crate) fn assigned(step: &circuit_step::Model, user_id: i32, grants: &[Grant], administration_id: i32) -> bool {
    if step.assignee_user_id.is_some() {
        return step.assignee_user_id == Some(user_id);
    }
    match (&step.assignee_role, step.assignee_unit_id) {
        (Some(role), Some(unit)) => grants
            .iter()
            .any(|g| &g.role == role && g.unit_id == Some(unit) && g.administration_id == Some(administration_id)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(user: Option<i32>, role: Option<&str>, unit: Option<i32>) -> circuit_step::Model {
        circuit_step::Model {
            id: 1, folder_id: 1, position: 1, kind: "visa".into(), mode: "all".into(), assignee_user_id: user,
            assignee_role: role.map(Into::into), assignee_unit_id: unit, sig_page: None, sig_x: None, sig_y: None,
            sig_width: None, sig_height: None, status: "pending".into(), acted_by: None, acting_for: None, acted_at: None, reason: None,
        }
    }

    #[test]
    fn assignment_by_name_role_and_delegation() {
        let official = Grant { role: "official".into(), administration_id: Some(1), unit_id: Some(10) };
        let me = Actor { user_id: 2, grants: vec![], delegators: vec![(3, vec![official.clone()])] };
        assert_eq!(me.acting_as(&step(Some(2), None, None), 1), Some(None));
        assert_eq!(me.acting_as(&step(Some(3), None, None), 1), Some(Some(3)), "for the delegator");
        assert_eq!(me.acting_as(&step(None, Some("official"), Some(10)), 1), Some(Some(3)), "delegator's role");
        assert_eq!(me.acting_as(&step(None, Some("official"), Some(10)), 2), None, "other administration");
        assert_eq!(me.acting_as(&step(Some(4), None, None), 1), None);
        let holder = Actor { user_id: 5, grants: vec![official], delegators: vec![] };
        assert_eq!(holder.acting_as(&step(None, Some("official"), Some(10)), 1), Some(None));
        assert_eq!(holder.acting_as(&step(None, Some("agent"), Some(10)), 1), None);
    }
}
