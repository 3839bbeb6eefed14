//! Who a circuit step may name: the administration's staff (by name) and its units (for a
//! role in a unit). The circuit and template forms list them.

use crate::db::people;
use crate::domain::authz::{allowed, Action};
use crate::domain::bureau::UnitRef;
use crate::domain::auth::CurrentUser;
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// A staff member a step can be assigned to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Person {
    pub id: i32,
    pub name: String,
}

/// The choices of a circuit form.
#[derive(Debug, Clone)]
pub struct Assignees {
    pub people: Vec<Person>,
    pub units: Vec<UnitRef>,
}

impl Services {
    /// The administration's staff and units, for its staff (who build circuits).
    pub async fn circuit_assignees(&self, user: &CurrentUser, administration_id: i32) -> Result<Assignees> {
        if !allowed(user, Action::CreateFolder { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let staff = people::staff_of(&self.db.conn, administration_id).await?;
        Ok(Assignees {
            people: staff.into_iter().map(|u| Person { id: u.id, name: u.display_name }).collect(),
            units: self.units(administration_id).await?,
        })
    }
}
