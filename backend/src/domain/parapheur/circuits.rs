//! Circuits: the steps a folder goes through, from an administrator's template or built ad
//! hoc by the originator. Steps sharing a `position` run in parallel (`mode` all-of or
//! one-of); positions run in ascending order.

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use super::msg::PMsg;
use super::{CIRCUIT_STARTED, FOLDER, SETTINGS_CHANGED, TEMPLATE_CREATED};
use crate::db::entities::unit;
use crate::db::parapheur as q;
use crate::domain::audit::{self, AuditEvent};
use crate::domain::auth::{CurrentUser, Role};
use crate::domain::authz::{allowed, Action};
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::folders::FolderView;

/// Where a signature goes: one-based page and rectangle in PDF points from the bottom left.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Placement {
    pub page: i32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// One step: a person (`user_id`) or a role in a unit (`role` + `unit_id`).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StepSpec {
    /// Steps with the same position run in parallel.
    pub position: i32,
    /// `visa` or `signature`.
    pub kind: String,
    /// `all` (default) or `one`: how a parallel group completes.
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub user_id: Option<i32>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub unit_id: Option<i32>,
    /// Signature steps: a visible signature there; absent = invisible signature.
    #[serde(default)]
    pub placement: Option<Placement>,
}

/// A circuit from a template or given in full.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CircuitSource {
    pub template_id: Option<i32>,
    pub steps: Option<Vec<StepSpec>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TemplateView {
    pub id: i32,
    pub name: String,
    pub steps: Vec<StepSpec>,
}

fn bad(why: &str) -> Error {
    Error::BadRequest(Msg::Parapheur(PMsg::BadCircuit(why.to_owned())))
}

/// Checks a circuit against the administration (assignees exist there) and returns it with
/// positions renumbered 1..n in order.
async fn validate(c: &impl ConnectionTrait, administration_id: i32, steps: &[StepSpec]) -> Result<Vec<StepSpec>> {
    if steps.is_empty() || steps.len() > 50 {
        return Err(bad("1 to 50 steps"));
    }
    let mut positions: Vec<i32> = steps.iter().map(|s| s.position).collect();
    positions.sort_unstable();
    positions.dedup();
    let mut out = Vec::new();
    for s in steps {
        if !matches!(s.kind.as_str(), "visa" | "signature") {
            return Err(bad("kind is visa or signature"));
        }
        let mode = s.mode.clone().unwrap_or_else(|| "all".into());
        if !matches!(mode.as_str(), "all" | "one") {
            return Err(bad("mode is all or one"));
        }
        let group_modes = steps.iter().filter(|o| o.position == s.position).map(|o| o.mode.clone().unwrap_or_else(|| "all".into()));
        if group_modes.into_iter().any(|m| m != mode) {
            return Err(bad("steps of one position share one mode"));
        }
        match (s.user_id, &s.role, s.unit_id) {
            (Some(u), None, None) => {
                let roles = q::roles_of(c, &[u]).await?;
                if !roles.iter().any(|r| r.role != "filer" && r.administration_id == Some(administration_id)) {
                    return Err(bad("the assignee is not staff of this administration"));
                }
            }
            (None, Some(role), Some(unit_id)) => {
                if Role::parse(role).is_none_or(|r| r == Role::Filer) {
                    return Err(bad("unknown role"));
                }
                let u = <unit::Entity as sea_orm::EntityTrait>::find_by_id(unit_id).one(c).await?;
                if u.is_none_or(|u| u.administration_id != administration_id) {
                    return Err(bad("unknown unit"));
                }
            }
            _ => return Err(bad("each step names a user, or a role and a unit")),
        }
        if let Some(p) = s.placement {
            let finite = [p.x, p.y, p.width, p.height].iter().all(|v| v.is_finite() && *v >= 0.0);
            if s.kind != "signature" || p.page < 1 || !finite || p.width < 10.0 || p.height < 10.0 {
                return Err(bad("a placement is for a signature step, on a page ≥ 1, at least 10×10 points"));
            }
        }
        let position = positions.iter().position(|p| *p == s.position).expect("listed") as i32 + 1;
        out.push(StepSpec { position, mode: Some(mode), ..s.clone() });
    }
    Ok(out)
}

impl Services {
    /// Starts (or, after a rejection, restarts) the folder's circuit: the first group of
    /// steps becomes pending.
    pub async fn start_circuit(&self, user: &CurrentUser, folder_id: i32, src: CircuitSource) -> Result<FolderView> {
        let c = &self.db.conn;
        let f = q::folder(c, folder_id).await?.ok_or(Error::NotFound)?;
        if !allowed(user, Action::StartCircuit { administration_id: f.administration_id, originator: f.originator_id == user.id }) {
            return Err(Error::NotFound);
        }
        let specs = match (src.template_id, src.steps) {
            (Some(t), None) => {
                let t = q::template(c, t).await?.filter(|t| t.administration_id == f.administration_id).ok_or(Error::NotFound)?;
                serde_json::from_str::<Vec<StepSpec>>(&t.steps).map_err(Error::internal)?
            }
            (None, Some(steps)) => steps,
            _ => return Err(bad("give a template or steps")),
        };
        let specs = validate(c, f.administration_id, &specs).await?;
        // An answer leaves only signed (checked again at completion).
        if f.entry_id.is_some() && !specs.iter().any(|s| s.kind == "signature") {
            return Err(Error::BadRequest(Msg::Parapheur(PMsg::AnswerNeedsSignature)));
        }
        let tx = self.db.write().await?;
        if !q::set_folder_state(&tx, folder_id, &["draft", "rejected"], "in_progress", Some(1)).await? {
            return Err(Error::Conflict(Msg::Parapheur(PMsg::WrongFolderState(f.status.clone()))));
        }
        q::delete_steps(&tx, folder_id).await?;
        for s in &specs {
            q::insert_step(&tx, q::NewStep {
                folder_id,
                position: s.position,
                kind: &s.kind,
                mode: s.mode.as_deref().unwrap_or("all"),
                assignee_user_id: s.user_id,
                assignee_role: s.role.as_deref(),
                assignee_unit_id: s.unit_id,
                placement: s.placement.map(|p| (p.page, p.x, p.y, p.width, p.height)),
            })
            .await?;
        }
        q::move_steps(&tx, folder_id, 1..=1, &["waiting"], "pending").await?;
        super::notify::pending(&tx, &self.config.server.public_url, &f, 1).await?;
        let details = serde_json::json!({"template": src.template_id, "steps": specs.len()});
        q::insert_event(&tx, folder_id, user.id, None, "started", None, &details).await?;
        audit::record(&tx, AuditEvent::new(Some(f.administration_id), Some(user.id), CIRCUIT_STARTED, FOLDER, &folder_id.to_string()).with(details)).await?;
        let (f, docs, steps) = (q::folder(&tx, folder_id).await?.ok_or(Error::NotFound)?, q::documents(&tx, folder_id).await?, q::steps(&tx, folder_id).await?);
        tx.commit().await?;
        Ok(FolderView::of(&f, &docs, &steps))
    }

    /// Saves a circuit template (administrators).
    pub async fn create_template(&self, user: &CurrentUser, administration_id: i32, name: &str, steps: Vec<StepSpec>) -> Result<TemplateView> {
        if !allowed(user, Action::ManageParapheur { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::BadRequest(Msg::MissingField("name")));
        }
        let steps = validate(&self.db.conn, administration_id, &steps).await?;
        let json = serde_json::to_string(&steps).map_err(Error::internal)?;
        let tx = self.db.write().await?;
        let t = q::insert_template(&tx, administration_id, name, &json, user.id).await?;
        audit::record(&tx, AuditEvent::new(Some(administration_id), Some(user.id), TEMPLATE_CREATED, "circuit_template", &t.id.to_string())
            .with(serde_json::json!({"name": name, "steps": steps.len()}))).await?;
        tx.commit().await?;
        Ok(TemplateView { id: t.id, name: t.name, steps })
    }

    /// The administration's templates, for its staff.
    pub async fn templates(&self, user: &CurrentUser, administration_id: i32) -> Result<Vec<TemplateView>> {
        if !allowed(user, Action::CreateFolder { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let rows = q::templates(&self.db.conn, administration_id).await?;
        rows.into_iter()
            .map(|t| Ok(TemplateView { id: t.id, steps: serde_json::from_str(&t.steps).map_err(Error::internal)?, name: t.name }))
            .collect()
    }

    /// Sets the administration's PAdES level (B-B, B-T, B-LT or B-LTA).
    pub async fn set_pades_level(&self, user: &CurrentUser, administration_id: i32, level: &str) -> Result<sijill_signing::Level> {
        if !allowed(user, Action::ManageParapheur { administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let level: sijill_signing::Level = level.parse().map_err(|_| Error::BadRequest(Msg::InvalidValue("level")))?;
        let tx = self.db.write().await?;
        q::set_pades_level(&tx, administration_id, level.as_str()).await?;
        audit::record(&tx, AuditEvent::new(Some(administration_id), Some(user.id), SETTINGS_CHANGED, "administration", &administration_id.to_string())
            .with(serde_json::json!({"pades_level": level.as_str()}))).await?;
        tx.commit().await?;
        Ok(level)
    }

    /// The level signatures are made at (B-LT unless the administration chose otherwise).
    pub async fn pades_level(&self, administration_id: i32) -> Result<sijill_signing::Level> {
        match q::pades_level(&self.db.conn, administration_id).await? {
            Some(l) => l.parse().map_err(Error::internal),
            None => Ok(sijill_signing::Level::BLT),
        }
    }
}
