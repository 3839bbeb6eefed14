//! Who sees which register entries. Every list, search, detail page and document download
//! of the bureau d'ordre goes through `scope` (lists: `db::visibility::visible(&scope)`) or
//! `staff_entry` (one entry: `authz::can_see`).

use super::auth::{CurrentUser, Role};
use super::{authz, Services};
use crate::db::entities::filing;
use crate::db::visibility::{self, Scope};
use crate::db::register;
use crate::error::{Error, Result};
use crate::i18n::Msg;

impl Services {
    /// What `user` sees of `administration_id`'s registers; `None` if not staff there.
    pub async fn scope(&self, user: &CurrentUser, administration_id: i32) -> Result<Option<Scope>> {
        if !authz::is_staff_of(user, administration_id) {
            return Ok(None);
        }
        let c = &self.db.conn;
        let grants = user.roles.iter().filter(|g| g.administration_id == Some(administration_id));
        let (mut heads, mut members) = (Vec::new(), Vec::new());
        for g in grants {
            match (g.role, g.unit_id) {
                (Role::Official, Some(u)) => heads.push(u),
                (Role::Filer, _) | (_, None) => {}
                (_, Some(u)) => members.push(u),
            }
        }
        let mut units = visibility::with_sub_units(c, administration_id, &heads).await?;
        for u in members {
            if !units.contains(&u) {
                units.push(u);
            }
        }
        Ok(Some(Scope {
            administration_id,
            user_id: user.id,
            registry: authz::is_registry_of(user, administration_id),
            units,
            clearance: visibility::clearance_of(c, user.id, administration_id).await?,
        }))
    }

    /// The administrations where `user` is staff, with their scopes (first = primary).
    pub async fn scopes(&self, user: &CurrentUser) -> Result<Vec<Scope>> {
        let mut ids: Vec<i32> = user.roles.iter().filter(|g| g.role != Role::Filer).filter_map(|g| g.administration_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::new();
        for id in ids {
            if let Some(s) = self.scope(user, id).await? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// The scope a search, an export or the queue runs in when no administration is named:
    /// the user's first administration where they are staff. `Forbidden` for anyone who
    /// is not staff anywhere.
    pub async fn primary_scope(&self, user: &CurrentUser) -> Result<Scope> {
        self.scopes(user).await?.into_iter().next().ok_or(Error::Forbidden(Msg::Forbidden))
    }

    /// One register entry for staff work, with the user's scope; `NotFound` for anyone who
    /// may not see it (as if it did not exist).
    pub async fn staff_entry(&self, user: &CurrentUser, id: &str) -> Result<(filing::Model, Scope)> {
        let c = &self.db.conn;
        let entry = register::by_id(c, id).await?.ok_or(Error::NotFound)?;
        let scope = self.scope(user, entry.administration_id).await?.ok_or(Error::NotFound)?;
        let (units, users) = visibility::assignees(c, &entry.id).await?;
        if authz::can_see(&scope, &entry, &units, &users) {
            Ok((entry, scope))
        } else {
            Err(Error::NotFound)
        }
    }
}
