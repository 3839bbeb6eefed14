//! Every access decision of the domain, in one place, so it can be read and tested as a
//! table of role × action.

use super::auth::{CurrentUser, Role};

/// What a user tries to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// File correspondence to an administration (needs a verified e-mail).
    CreateFiling,
    /// Read a filing, its documents and its receipt in the filer's space.
    ReadOwnFiling { filer_id: Option<i32> },
    /// Read the audit events of an administration's register entries (its admins only).
    ReadAudit { administration_id: i32 },
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
    }
}

/// Does the user hold `role` (in any administration)?
pub fn has_role(user: &CurrentUser, role: Role) -> bool {
    user.roles.iter().any(|g| g.role == role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::auth::RoleGrant;
    use crate::i18n::Lang;

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
}
