//! Delegation: an official lets another staff member of the same administration act on
//! their steps for a period. The delegate acts in their own name "for" the delegator: the
//! step, the history, the audit event and the signature's reason all say so.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::msg::PMsg;
use super::{DELEGATION_CREATED, DELEGATION_REVOKED, FOLDER};
use crate::db::entities::{delegation, folder_annotation, folder_event};
use crate::db::parapheur as q;
use crate::domain::audit::{self, AuditEvent};
use crate::domain::auth::CurrentUser;
use crate::domain::authz::{allowed, Action};
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::Msg;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DelegationView {
    pub id: i32,
    pub administration_id: i32,
    pub delegator_id: i32,
    pub delegate_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl DelegationView {
    fn of(d: &delegation::Model) -> Self {
        DelegationView { id: d.id, administration_id: d.administration_id, delegator_id: d.delegator_id, delegate_id: d.delegate_id, starts_at: d.starts_at, ends_at: d.ends_at, revoked_at: d.revoked_at }
    }
}

/// One line of a folder's history, with names resolved.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HistoryLine {
    pub at: DateTime<Utc>,
    pub actor_id: i32,
    pub actor_name: String,
    /// The delegator when the actor acted as their delegate.
    pub acting_for: Option<i32>,
    pub acting_for_name: Option<String>,
    /// `created`, `started`, `approved`, `signed`, `rejected`, `returned`, `annotated`, `completed`.
    pub action: String,
    pub step_id: Option<i32>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnnotationView {
    pub id: i32,
    pub author_id: i32,
    pub visibility: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct History {
    pub lines: Vec<HistoryLine>,
    /// Public annotations and the reader's own private ones.
    pub annotations: Vec<AnnotationView>,
}

impl Services {
    /// `user` delegates their steps in `administration_id` to `delegate_id` from `from` to `to`.
    pub async fn delegate(&self, user: &CurrentUser, administration_id: i32, delegate_id: i32, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<DelegationView> {
        if !allowed(user, Action::Delegate { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        if to <= from || to <= Utc::now() {
            return Err(Error::BadRequest(Msg::InvalidValue("ends_at")));
        }
        if delegate_id == user.id {
            return Err(Error::BadRequest(Msg::InvalidValue("delegate_id")));
        }
        let roles = q::roles_of(&self.db.conn, &[delegate_id]).await?;
        if !roles.iter().any(|r| r.role != "filer" && r.administration_id == Some(administration_id)) {
            return Err(Error::BadRequest(Msg::InvalidValue("delegate_id")));
        }
        let tx = self.db.write().await?;
        let d = q::insert_delegation(&tx, administration_id, user.id, delegate_id, from, to).await?;
        audit::record(&tx, AuditEvent::new(Some(administration_id), Some(user.id), DELEGATION_CREATED, "delegation", &d.id.to_string())
            .with(serde_json::json!({"delegate": delegate_id, "from": from, "to": to}))).await?;
        tx.commit().await?;
        Ok(DelegationView::of(&d))
    }

    /// Revokes a delegation (its delegator, or an administrator of its administration): in
    /// force, it ends now; not yet started, it never starts. The delegate can no longer act
    /// for the delegator from the next request on (`actor` reads delegations in force).
    pub async fn revoke_delegation(&self, user: &CurrentUser, id: i32) -> Result<DelegationView> {
        let c = &self.db.conn;
        let d = crate::db::parapheur_more::delegation(c, id).await?.ok_or(Error::NotFound)?;
        let admin = allowed(user, Action::ManageParapheur { administration_id: d.administration_id });
        if d.delegator_id != user.id && !admin {
            // Neither the delegator nor an administrator there: the delegate sees it, others do not.
            return Err(if d.delegate_id == user.id { Error::Forbidden(Msg::Forbidden) } else { Error::NotFound });
        }
        let now = Utc::now();
        let tx = self.db.write().await?;
        if !crate::db::parapheur_more::revoke_delegation(&tx, id, now).await? {
            return Err(Error::Conflict(Msg::Parapheur(PMsg::DelegationOver)));
        }
        audit::record(&tx, AuditEvent::new(Some(d.administration_id), Some(user.id), DELEGATION_REVOKED, "delegation", &id.to_string())
            .with(serde_json::json!({"delegator": d.delegator_id, "delegate": d.delegate_id, "was_in_force": d.starts_at <= now}))).await?;
        let d = crate::db::parapheur_more::delegation(&tx, id).await?.ok_or(Error::NotFound)?;
        tx.commit().await?;
        Ok(DelegationView::of(&d))
    }

    /// Delegations `user` gave or received.
    pub async fn my_delegations(&self, user: &CurrentUser) -> Result<Vec<DelegationView>> {
        Ok(q::delegations_of(&self.db.conn, user.id).await?.iter().map(DelegationView::of).collect())
    }

    /// The folder's history, step by step, and the annotations the reader may see.
    pub async fn folder_history(&self, user: &CurrentUser, folder_id: i32) -> Result<History> {
        self.readable_folder(user, folder_id).await?;
        let c = &self.db.conn;
        let events: Vec<folder_event::Model> = q::events(c, folder_id).await?;
        let mut names = std::collections::HashMap::new();
        let mut ids: Vec<i32> = events.iter().map(|e| e.actor_id).collect();
        ids.extend(events.iter().filter_map(|e| e.acting_for));
        for id in ids {
            if let std::collections::hash_map::Entry::Vacant(v) = names.entry(id) {
                v.insert(q::user(c, id).await?.map(|u| u.display_name).unwrap_or_default());
            }
        }
        let lines = events
            .into_iter()
            .map(|e| HistoryLine {
                at: e.at,
                actor_name: names.get(&e.actor_id).cloned().unwrap_or_default(),
                actor_id: e.actor_id,
                acting_for_name: e.acting_for.and_then(|d| names.get(&d).cloned()),
                acting_for: e.acting_for,
                action: e.action,
                step_id: e.step_id,
                details: serde_json::from_str(&e.details).unwrap_or_default(),
            })
            .collect();
        let annotations = q::annotations_for(c, folder_id, user.id)
            .await?
            .into_iter()
            .map(|a: folder_annotation::Model| AnnotationView { id: a.id, author_id: a.author_id, visibility: a.visibility, body: a.body, created_at: a.created_at })
            .collect();
        let _ = FOLDER;
        Ok(History { lines, annotations })
    }
}
