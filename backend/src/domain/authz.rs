//! Every access decision of the domain, in one place, so it can be read and tested as a
//! table of role × action.

use super::auth::{CurrentUser, Role};
use crate::db::entities::filing;
use crate::db::visibility::Scope;

/// What a user tries to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// File correspondence to an administration (needs a verified e-mail).
    CreateFiling,
    /// Read a filing, its documents and its receipt in the filer's space.
    ReadOwnFiling { filer_id: Option<i32> },
    /// Read the audit events of an administration's register entries (its admins only).
    ReadAudit { administration_id: i32 },
    /// Create a parapheur folder: staff of the administration (not filers).
    CreateFolder { administration_id: i32 },
    /// Read and annotate a folder: a participant (originator, assignee, delegate of one)
    /// who is staff there, or an administrator of the administration.
    ReadFolder { administration_id: i32, participant: bool },
    /// Start or restart a folder's circuit: its originator, still staff there.
    StartCircuit { administration_id: i32, originator: bool },
    /// Approve, sign, reject or return at a step: its assignee or their delegate, staff there.
    ActOnStep { administration_id: i32, assignee: bool },
    /// Sign a folder that answers a register entry (the administration's answer): staff
    /// signing with the authority of an official heading the answering unit or a unit
    /// above it (their own, or that of the official they are the delegate of).
    SignAnswer { administration_id: i32, official_of_answering_unit: bool },
    /// Circuit templates and the PAdES level: administrators of the administration.
    ManageParapheur { administration_id: i32 },
    /// Delegate one's steps for a period: agents, officials and administrators there.
    Delegate { administration_id: i32 },
    /// Register paper mail, keep the address book: registry staff (clerks, administrators).
    RegisterMail { administration_id: i32 },
    /// Send internal mail from `from_unit_id`: staff holding a role in that unit.
    SendInternalMail { administration_id: i32, from_unit_id: i32 },
    /// Send mail to another administration through the API: its staff, in its name.
    SendToAdministration { from_administration_id: i32 },
    /// Grant or revoke confidential/secret clearances: the administration's administrators.
    ManageClearances { administration_id: i32 },
    /// Assign (impute) an entry: registry staff of its administration, or an official
    /// heading a unit the entry is assigned to (passing it down their tree).
    AssignEntry { administration_id: i32, heads_assigned_unit: bool },
    /// Accept, mark done or pass on an assignment: its assignee (the person, or staff of the
    /// unit or of a unit above it); registry staff may also pass it on (misrouted mail).
    HandleAssignment { administration_id: i32, assignee: bool, reassign: bool },
    /// Draft or edit an answer: an agent or official of a unit holding the entry for action.
    DraftAnswer { administration_id: i32, member_of_acting_unit: bool },
    /// Dispatch an answer: registry staff, or an official heading the drafting unit.
    DispatchAnswer { administration_id: i32, heads_drafting_unit: bool },
}

/// Is `user` allowed to do `action`? Filers (and anyone signed in: staff can also file as
/// private persons) reach only their own filings; registry staff work on filings through
/// the bureau d'ordre, not through the filer's space.
pub fn allowed(user: &CurrentUser, action: Action) -> bool {
    match action {
        Action::CreateFiling => user.email_verified,
        Action::ReadOwnFiling { filer_id } => filer_id == Some(user.id),
        Action::ReadAudit { administration_id } => {
            user.roles.iter().any(|g| g.role == Role::Admin && g.administration_id == Some(administration_id))
        }
        Action::CreateFolder { administration_id } => is_staff_of(user, administration_id),
        Action::ReadFolder { administration_id, participant } => {
            (participant && is_staff_of(user, administration_id)) || holds_in(user, &[Role::Admin], administration_id)
        }
        Action::StartCircuit { administration_id, originator } => originator && is_staff_of(user, administration_id),
        Action::ActOnStep { administration_id, assignee } => assignee && is_staff_of(user, administration_id),
        Action::SignAnswer { administration_id, official_of_answering_unit } => {
            official_of_answering_unit && is_staff_of(user, administration_id)
        }
        Action::ManageParapheur { administration_id } => holds_in(user, &[Role::Admin], administration_id),
        Action::Delegate { administration_id } => {
            holds_in(user, &[Role::Agent, Role::Official, Role::Admin], administration_id)
        }
        Action::RegisterMail { administration_id } => is_registry_of(user, administration_id),
        Action::SendInternalMail { administration_id, from_unit_id } => user.roles.iter().any(|g| {
            g.role != Role::Filer && g.administration_id == Some(administration_id) && g.unit_id == Some(from_unit_id)
        }),
        Action::SendToAdministration { from_administration_id } => is_staff_of(user, from_administration_id),
        Action::ManageClearances { administration_id } => {
            user.roles.iter().any(|g| g.role == Role::Admin && g.administration_id == Some(administration_id))
        }
        Action::AssignEntry { administration_id, heads_assigned_unit } => {
            is_registry_of(user, administration_id) || (heads_assigned_unit && holds(user, Role::Official, administration_id))
        }
        Action::HandleAssignment { administration_id, assignee, reassign } => {
            (assignee && is_staff_of(user, administration_id)) || (reassign && is_registry_of(user, administration_id))
        }
        Action::DraftAnswer { administration_id, member_of_acting_unit } => {
            member_of_acting_unit
                && (holds(user, Role::Agent, administration_id) || holds(user, Role::Official, administration_id))
        }
        Action::DispatchAnswer { administration_id, heads_drafting_unit } => {
            is_registry_of(user, administration_id) || (heads_drafting_unit && holds(user, Role::Official, administration_id))
        }
    }
}

fn holds(user: &CurrentUser, role: Role, administration_id: i32) -> bool {
    user.roles.iter().any(|g| g.role == role && g.administration_id == Some(administration_id))
}

/// May the holder of `scope` see `entry`? The rule of `db::visibility::visible` (used for
/// lists) for one entry: same administration, within clearance, and for non-registry staff
/// addressed to, sent from or assigned to one of their units or to themselves.
pub fn can_see(scope: &Scope, entry: &filing::Model, assigned_units: &[i32], assigned_users: &[i32]) -> bool {
    let in_unit = |u: Option<i32>| u.is_some_and(|u| scope.units.contains(&u));
    entry.administration_id == scope.administration_id
        && scope.clearance.opens(&entry.confidentiality)
        && (scope.registry
            || in_unit(entry.unit_id)
            || in_unit(entry.from_unit_id)
            || assigned_units.iter().any(|u| scope.units.contains(u))
            || assigned_users.contains(&scope.user_id))
}

/// Is `user` staff (any role but filer) of `administration_id`?
pub fn is_staff_of(user: &CurrentUser, administration_id: i32) -> bool {
    user.roles.iter().any(|g| g.role != Role::Filer && g.administration_id == Some(administration_id))
}

/// Does `user` hold the registry (whole-register) role in `administration_id`?
pub fn is_registry_of(user: &CurrentUser, administration_id: i32) -> bool {
    user.roles
        .iter()
        .any(|g| matches!(g.role, Role::Clerk | Role::Admin) && g.administration_id == Some(administration_id))
}

/// Does the user hold `role` (in any administration)?
pub fn has_role(user: &CurrentUser, role: Role) -> bool {
    user.roles.iter().any(|g| g.role == role)
}

/// Does the user hold one of `roles` in `administration_id`?
fn holds_in(user: &CurrentUser, roles: &[Role], administration_id: i32) -> bool {
    user.roles.iter().any(|g| roles.contains(&g.role) && g.administration_id == Some(administration_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::auth::RoleGrant;
    use crate::i18n::Lang;

    /// Parapheur (issue 5): role × (participant or not) × own / other administration.
    #[test]
    fn parapheur_table() {
        for role in [Role::Filer, Role::Clerk, Role::Agent, Role::Official, Role::Admin] {
            let u = user(1, role, true);
            let staff = role != Role::Filer;
            let admin = role == Role::Admin;
            assert_eq!(allowed(&u, Action::CreateFolder { administration_id: 1 }), staff, "{role:?} creates folders");
            assert!(!allowed(&u, Action::CreateFolder { administration_id: 2 }), "{role:?} other administration");
            for yes in [true, false] {
                let r = |administration_id| Action::ReadFolder { administration_id, participant: yes };
                assert_eq!(allowed(&u, r(1)), (staff && yes) || admin, "{role:?} reads (participant {yes})");
                assert!(!allowed(&u, r(2)), "{role:?} never reads another administration's folder");
                let s = |administration_id| Action::StartCircuit { administration_id, originator: yes };
                assert_eq!(allowed(&u, s(1)), staff && yes, "{role:?} starts (originator {yes})");
                assert!(!allowed(&u, s(2)));
                let a = |administration_id| Action::ActOnStep { administration_id, assignee: yes };
                assert_eq!(allowed(&u, a(1)), staff && yes, "{role:?} acts (assignee {yes})");
                assert!(!allowed(&u, a(2)), "{role:?} never acts in another administration");
            }
            for yes in [true, false] {
                let s = |administration_id| Action::SignAnswer { administration_id, official_of_answering_unit: yes };
                assert_eq!(allowed(&u, s(1)), staff && yes, "{role:?} signs an answer (official of the answering unit {yes})");
                assert!(!allowed(&u, s(2)), "{role:?} never signs another administration's answer");
            }
            assert_eq!(allowed(&u, Action::ManageParapheur { administration_id: 1 }), admin, "{role:?} manages templates");
            assert!(!allowed(&u, Action::ManageParapheur { administration_id: 2 }));
            let delegates = matches!(role, Role::Agent | Role::Official | Role::Admin);
            assert_eq!(allowed(&u, Action::Delegate { administration_id: 1 }), delegates, "{role:?} delegates");
            assert!(!allowed(&u, Action::Delegate { administration_id: 2 }));
        }
    }

    fn user(id: i32, role: Role, verified: bool) -> CurrentUser {
        CurrentUser {
            id,
            email: format!("u{id}@demo.test"),
            display_name: format!("u{id}"),
            lang: Lang::Fr,
            email_verified: verified,
            roles: vec![RoleGrant { role, administration_id: Some(1), unit_id: None }],
        }
    }

    #[test]
    fn role_by_action_table() {
        let own = Action::ReadOwnFiling { filer_id: Some(1) };
        let others = Action::ReadOwnFiling { filer_id: Some(2) };
        for role in [Role::Filer, Role::Clerk, Role::Agent, Role::Official, Role::Admin] {
            let u = user(1, role, true);
            assert!(allowed(&u, Action::CreateFiling), "{role:?} files when verified");
            assert!(!allowed(&user(1, role, false), Action::CreateFiling), "{role:?} unverified");
            assert!(allowed(&u, own), "{role:?} reads own");
            assert!(!allowed(&u, others), "{role:?} never reads another's filing in the filer space");
            assert!(has_role(&u, role));
            let own_admin = Action::ReadAudit { administration_id: 1 };
            assert_eq!(allowed(&u, own_admin), role == Role::Admin, "{role:?} reads its administration's audit");
            assert!(!allowed(&u, Action::ReadAudit { administration_id: 2 }), "{role:?} never reads another administration's audit");
        }
    }

    fn entry(admin: i32, unit: Option<i32>, level: &str) -> filing::Model {
        use chrono::Utc;
        filing::Model {
            id: "e".into(), administration_id: admin, service_id: None, filer_id: None, direction: "A".into(),
            year: 2026, seq: 1, number: "N".into(), subject: "s".into(), message: String::new(),
            status: "registered".into(), idempotency_key: None, receipt_sha256: None, received_at: Utc::now(),
            origin: "paper".into(), correspondent_id: None, letter_date: None, category: None,
            confidentiality: level.into(), priority: "normal".into(), deadline: None, unit_id: unit,
            from_unit_id: None, in_reply_to: None, dispatch_mode: None, dispatched_at: None, registered_by: None,
        }
    }

    /// role × (own unit, other unit, other administration) × confidentiality; deny by default.
    #[test]
    fn staff_visibility_table() {
        use crate::db::visibility::{Clearance, Scope};
        const OWN: i32 = 10;
        const OTHER: i32 = 20;
        for role in [Role::Filer, Role::Clerk, Role::Agent, Role::Official, Role::Admin] {
            let mut u = user(1, role, true);
            u.roles[0].unit_id = Some(OWN);
            let staff = is_staff_of(&u, 1);
            assert_eq!(staff, role != Role::Filer, "{role:?} is staff of its administration");
            assert!(!is_staff_of(&u, 2), "{role:?} is never staff of another administration");
            let registry = is_registry_of(&u, 1);
            assert_eq!(registry, matches!(role, Role::Clerk | Role::Admin));
            for clearance in [Clearance::Normal, Clearance::Confidential, Clearance::Secret] {
                let scope = Scope { administration_id: 1, user_id: 1, registry, units: vec![OWN], clearance };
                for level in ["normal", "confidential", "secret"] {
                    let cleared = clearance.opens(level);
                    assert_eq!(can_see(&scope, &entry(1, Some(OWN), level), &[], &[]), cleared, "{role:?} own unit {level}");
                    assert_eq!(can_see(&scope, &entry(1, Some(OTHER), level), &[], &[]), cleared && registry, "{role:?} other unit {level}");
                    assert_eq!(can_see(&scope, &entry(1, Some(OTHER), level), &[OWN], &[]), cleared, "{role:?} assigned to own unit");
                    assert_eq!(can_see(&scope, &entry(1, None, level), &[], &[1]), cleared, "{role:?} assigned to them");
                    assert!(!can_see(&scope, &entry(2, Some(OWN), level), &[OWN], &[1]), "{role:?} other administration");
                }
            }
        }
        assert!(!Clearance::Secret.opens("bogus"), "unknown levels are closed");
    }

    /// Routing (issue 4): role × (own unit / other unit / other administration) for assigning,
    /// handling an assignment, drafting and dispatching answers; deny by default.
    #[test]
    fn routing_table() {
        for role in [Role::Filer, Role::Clerk, Role::Agent, Role::Official, Role::Admin] {
            let u = user(1, role, true);
            let registry = matches!(role, Role::Clerk | Role::Admin);
            let staff = role != Role::Filer;
            let (official, drafter) = (role == Role::Official, matches!(role, Role::Agent | Role::Official));
            for own in [true, false] {
                let a = |administration_id| Action::AssignEntry { administration_id, heads_assigned_unit: own };
                assert_eq!(allowed(&u, a(1)), registry || (official && own), "{role:?} assigns (own unit {own})");
                assert!(!allowed(&u, a(2)), "{role:?} never assigns in another administration");
                let h = |administration_id, reassign| Action::HandleAssignment { administration_id, assignee: own, reassign };
                assert_eq!(allowed(&u, h(1, false)), staff && own, "{role:?} accepts/closes (assignee {own})");
                assert_eq!(allowed(&u, h(1, true)), (staff && own) || registry, "{role:?} reassigns (assignee {own})");
                assert!(!allowed(&u, h(2, true)), "{role:?} never handles another administration's mail");
                let d = |administration_id| Action::DraftAnswer { administration_id, member_of_acting_unit: own };
                assert_eq!(allowed(&u, d(1)), drafter && own, "{role:?} drafts (acting unit {own})");
                assert!(!allowed(&u, d(2)), "{role:?} never drafts for another administration");
                let x = |administration_id| Action::DispatchAnswer { administration_id, heads_drafting_unit: own };
                assert_eq!(allowed(&u, x(1)), registry || (official && own), "{role:?} dispatches (drafting unit {own})");
                assert!(!allowed(&u, x(2)), "{role:?} never dispatches for another administration");
            }
        }
    }

    /// Intake (issue 4): role × own/other unit × own/other administration; deny by default.
    #[test]
    fn intake_table() {
        for role in [Role::Filer, Role::Clerk, Role::Agent, Role::Official, Role::Admin] {
            let mut u = user(1, role, true);
            u.roles[0].unit_id = (role != Role::Filer).then_some(10);
            let (registry, staff) = (matches!(role, Role::Clerk | Role::Admin), role != Role::Filer);
            assert_eq!(allowed(&u, Action::RegisterMail { administration_id: 1 }), registry, "{role:?} registers paper mail");
            assert!(!allowed(&u, Action::RegisterMail { administration_id: 2 }), "{role:?} never registers elsewhere");
            let internal = |administration_id, from_unit_id| Action::SendInternalMail { administration_id, from_unit_id };
            assert_eq!(allowed(&u, internal(1, 10)), staff, "{role:?} sends internal mail from own unit");
            assert!(!allowed(&u, internal(1, 11)), "{role:?} never sends from another unit");
            assert!(!allowed(&u, internal(2, 10)), "{role:?} never sends in another administration");
            assert_eq!(allowed(&u, Action::SendToAdministration { from_administration_id: 1 }), staff, "{role:?} sends for own administration");
            assert!(!allowed(&u, Action::SendToAdministration { from_administration_id: 2 }), "{role:?} never sends for another");
            assert_eq!(allowed(&u, Action::ManageClearances { administration_id: 1 }), role == Role::Admin, "{role:?} grants clearances");
            assert!(!allowed(&u, Action::ManageClearances { administration_id: 2 }), "{role:?} never grants elsewhere");
        }
    }
}
