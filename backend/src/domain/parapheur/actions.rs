//! The circuit's state machine: approve (visa), sign, reject, return, annotate, and batch
//! signing. Each action is one transaction: the step's conditional update (so two people
//! acting at once cannot both win), the group's completion, the folder's state, its history
//! line and the audit event. Signing happens before the transaction (it may call the
//! timestamp and revocation services); the signed version replaces the document only if
//! nobody signed it in between.

use sea_orm::DatabaseTransaction;
use serde::Serialize;
use sijill_signing::{Level, SignOptions, Visible};

use super::folders::FolderView;
use super::keys::UnlockedKey;
use super::msg::PMsg;
use super::*;
use crate::db::entities::{circuit_step, folder};
use crate::db::parapheur as q;
use crate::db::visibility;
use crate::domain::audit::{self, AuditEvent};
use crate::domain::auth::CurrentUser;
use crate::domain::authz::{allowed, Action};
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// What a participant does to a folder.
#[derive(Debug, Clone)]
pub enum Act {
    Approve { comment: Option<String> },
    Sign { pin: String },
    Reject { reason: String },
    /// Re-open the group at `to_position` (before the current one).
    Return { to_position: i32, reason: Option<String> },
    Annotate { body: String, private: bool },
}

/// One folder's outcome in a batch.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BatchResult {
    pub folder_id: i32,
    pub ok: bool,
    /// The folder's status after signing.
    pub status: Option<String>,
    /// Stable code and sentence when it failed.
    pub error: Option<String>,
    pub message: Option<String>,
}

fn perr(m: PMsg) -> Error {
    Error::BadRequest(Msg::Parapheur(m))
}

/// The step `actor` may act on now in this folder, and for whom.
fn my_step(f: &folder::Model, steps: &[circuit_step::Model], actor: &Actor) -> Result<(circuit_step::Model, Option<i32>)> {
    if f.status != "in_progress" {
        return Err(Error::Conflict(Msg::Parapheur(PMsg::WrongFolderState(f.status.clone()))));
    }
    let mut found: Option<(circuit_step::Model, Option<i32>)> = None;
    for s in steps.iter().filter(|s| s.status == "pending" && Some(s.position) == f.current_position) {
        match actor.acting_as(s, f.administration_id) {
            Some(None) => return Ok((s.clone(), None)),
            Some(Some(d)) if found.is_none() => found = Some((s.clone(), Some(d))),
            _ => {}
        }
    }
    found.ok_or_else(|| Error::Forbidden(Msg::Parapheur(PMsg::NotYourTurn)))
}

fn lost_race() -> Error {
    Error::Conflict(Msg::Parapheur(PMsg::ConcurrentChange))
}

impl Services {
    /// Marks `step` acted and moves the folder on (next group, or completed). In `tx`.
    async fn complete_step(&self, tx: &DatabaseTransaction, f: &folder::Model, step: &circuit_step::Model, user_id: i32, acting_for: Option<i32>, reason: Option<&str>) -> Result<()> {
        if !q::act_on_step(tx, step.id, "done", user_id, acting_for, reason).await? {
            return Err(lost_race());
        }
        let pos = step.position;
        if step.mode == "one" {
            q::move_steps(tx, f.id, pos..=pos, &["pending"], "skipped").await?;
        }
        let steps = q::steps(tx, f.id).await?;
        if steps.iter().any(|s| s.position == pos && s.status == "pending") {
            return Ok(());
        }
        match steps.iter().map(|s| s.position).filter(|p| *p > pos).min() {
            Some(next) => {
                q::move_steps(tx, f.id, next..=next, &["waiting"], "pending").await?;
                super::notify::pending(tx, &self.config.server.public_url, f, next).await?;
                if !q::set_folder_state(tx, f.id, &["in_progress"], "in_progress", Some(next)).await? {
                    return Err(lost_race());
                }
            }
            None => {
                // An answer leaves signed: the signature steps of an answering folder are
                // checked when signed (`sign_folder_once`), so one done is one valid.
                if f.entry_id.is_some() && !steps.iter().any(|s| s.kind == "signature" && s.status == "done") {
                    return Err(Error::Forbidden(Msg::Parapheur(PMsg::AnswerNeedsSignature)));
                }
                if !q::set_folder_state(tx, f.id, &["in_progress"], "completed", None).await? {
                    return Err(lost_race());
                }
                q::insert_event(tx, f.id, user_id, acting_for, "completed", None, &serde_json::json!({})).await?;
                super::notify::originator(tx, &self.config.server.public_url, f, super::notify::Outcome::Completed).await?;
                super::outgoing::queue_answer(tx, f).await?;
                audit::record(tx, AuditEvent::new(Some(f.administration_id), Some(user_id), FOLDER_COMPLETED, FOLDER, &f.id.to_string())).await?;
            }
        }
        Ok(())
    }

    /// Performs `act` on the folder as `user` and returns the folder after it.
    pub async fn act(&self, user: &CurrentUser, folder_id: i32, act: Act) -> Result<FolderView> {
        if let Act::Sign { pin } = &act {
            let key = self.unlock_key(user.id, pin).await?;
            self.sign_folder(user, folder_id, &key).await?;
            return self.folder_view(user, folder_id).await;
        }
        let (f, steps, actor) = self.readable_folder(user, folder_id).await?;
        let admin = Some(f.administration_id);
        let subject = folder_id.to_string();
        match act {
            Act::Annotate { body, private } => {
                let body = body.trim();
                if body.is_empty() {
                    return Err(Error::BadRequest(Msg::MissingField("body")));
                }
                let visibility = if private { "private" } else { "public" };
                let tx = self.db.write().await?;
                let id = q::insert_annotation(&tx, folder_id, user.id, visibility, body).await?;
                let details = serde_json::json!({"annotation": id, "visibility": visibility});
                if !private {
                    q::insert_event(&tx, folder_id, user.id, None, "annotated", None, &details).await?;
                }
                audit::record(&tx, AuditEvent::new(admin, Some(user.id), FOLDER_ANNOTATED, FOLDER, &subject).with(details)).await?;
                tx.commit().await?;
            }
            Act::Approve { comment } => {
                let (step, acting_for) = my_step(&f, &steps, &actor)?;
                if !allowed(user, Action::ActOnStep { administration_id: f.administration_id, assignee: true }) {
                    return Err(Error::Forbidden(Msg::Forbidden));
                }
                if step.kind != "visa" {
                    return Err(perr(PMsg::WrongStepKind));
                }
                let comment = comment.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
                let tx = self.db.write().await?;
                let details = serde_json::json!({"step": step.id, "position": step.position, "for": acting_for});
                q::insert_event(&tx, folder_id, user.id, acting_for, "approved", Some(step.id), &details).await?;
                audit::record(&tx, AuditEvent::new(admin, Some(user.id), STEP_APPROVED, FOLDER, &subject).with(details)).await?;
                self.complete_step(&tx, &f, &step, user.id, acting_for, comment.as_deref()).await?;
                tx.commit().await?;
                self.deliver_folder_answers(folder_id).await;
            }
            Act::Reject { reason } => {
                let reason = reason.trim().to_owned();
                if reason.is_empty() {
                    return Err(perr(PMsg::ReasonRequired));
                }
                let (step, acting_for) = my_step(&f, &steps, &actor)?;
                if !allowed(user, Action::ActOnStep { administration_id: f.administration_id, assignee: true }) {
                    return Err(Error::Forbidden(Msg::Forbidden));
                }
                let tx = self.db.write().await?;
                if !q::act_on_step(&tx, step.id, "rejected", user.id, acting_for, Some(&reason)).await? {
                    return Err(lost_race());
                }
                q::move_steps(&tx, folder_id, step.position..=step.position, &["pending"], "skipped").await?;
                if !q::set_folder_state(&tx, folder_id, &["in_progress"], "rejected", None).await? {
                    return Err(lost_race());
                }
                super::notify::originator(&tx, &self.config.server.public_url, &f, super::notify::Outcome::Rejected { reason: &reason }).await?;
                let details = serde_json::json!({"step": step.id, "reason": reason, "for": acting_for});
                q::insert_event(&tx, folder_id, user.id, acting_for, "rejected", Some(step.id), &details).await?;
                audit::record(&tx, AuditEvent::new(admin, Some(user.id), FOLDER_REJECTED, FOLDER, &subject).with(details)).await?;
                tx.commit().await?;
            }
            Act::Return { to_position, reason } => {
                let (step, acting_for) = my_step(&f, &steps, &actor)?;
                if !allowed(user, Action::ActOnStep { administration_id: f.administration_id, assignee: true }) {
                    return Err(Error::Forbidden(Msg::Forbidden));
                }
                if to_position < 1 || to_position >= step.position || !steps.iter().any(|s| s.position == to_position) {
                    return Err(Error::BadRequest(Msg::InvalidValue("to_position")));
                }
                let tx = self.db.write().await?;
                q::move_steps(&tx, folder_id, to_position..=step.position, &["pending", "done", "skipped"], "waiting").await?;
                q::move_steps(&tx, folder_id, to_position..=to_position, &["waiting"], "pending").await?;
                super::notify::pending(&tx, &self.config.server.public_url, &f, to_position).await?;
                if !q::set_folder_state(&tx, folder_id, &["in_progress"], "in_progress", Some(to_position)).await? {
                    return Err(lost_race());
                }
                let details = serde_json::json!({"from": step.position, "to": to_position, "reason": reason, "for": acting_for});
                q::insert_event(&tx, folder_id, user.id, acting_for, "returned", Some(step.id), &details).await?;
                audit::record(&tx, AuditEvent::new(admin, Some(user.id), FOLDER_RETURNED, FOLDER, &subject).with(details)).await?;
                tx.commit().await?;
            }
            Act::Sign { .. } => unreachable!("handled above"),
        }
        self.folder_view(user, folder_id).await
    }

    /// Signs every main document of the folder at `user`'s pending signature step, with an
    /// unlocked signer (kept for a whole batch), then completes the step. Signatories of a
    /// parallel group may sign the same version at once; the one who commits second signs
    /// again over the new version (a few times at most) instead of failing.
    pub(super) async fn sign_folder(&self, user: &CurrentUser, folder_id: i32, key: &UnlockedKey) -> Result<String> {
        let mut attempt = 0;
        loop {
            match self.sign_folder_once(user, folder_id, key).await {
                Err(Error::Conflict(Msg::Parapheur(PMsg::ConcurrentChange))) if attempt < 3 => attempt += 1,
                Ok(status) if status == "completed" => {
                    self.deliver_folder_answers(folder_id).await;
                    return Ok(status);
                }
                r => return r,
            }
        }
    }

    async fn sign_folder_once(&self, user: &CurrentUser, folder_id: i32, key: &UnlockedKey) -> Result<String> {
        let (f, steps, actor) = self.readable_folder(user, folder_id).await?;
        let (step, acting_for) = my_step(&f, &steps, &actor)?;
        if !allowed(user, Action::ActOnStep { administration_id: f.administration_id, assignee: true }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        if step.kind != "signature" {
            return Err(perr(PMsg::WrongStepKind));
        }
        // Being named in the circuit is not enough to sign the administration's answer:
        // the signatory (or the official they sign for) heads the answering unit, with a
        // key from a trusted authority.
        if f.entry_id.is_some() {
            if !self.may_sign_answer(user, &f, &actor, acting_for).await? {
                return Err(Error::Forbidden(Msg::Parapheur(PMsg::NotEntitledToSign)));
            }
            key.check_for_answer()?;
        }
        let (signer, tpl) = (key.signer.clone(), key.template.clone());
        let failure = key.clone();
        let level = self.pades_level(f.administration_id).await?;
        let c = &self.db.conn;
        let me = q::user(c, user.id).await?.map(|u| u.display_name).unwrap_or_default();
        let delegator = match acting_for {
            Some(d) => Some(q::user(c, d).await?.map(|u| u.display_name).unwrap_or_default()),
            None => None,
        };
        // The delegate signs in their own name, "for" the delegator (PRODUCT.md §3).
        let reason = match &delegator {
            Some(d) => format!("Signé par {me} pour {d} (délégation)"),
            None => format!("Signé par {me}"),
        };
        let docs: Vec<_> = q::documents(c, folder_id).await?.into_iter().filter(|d| d.role == "main").collect();
        let mut inputs = Vec::new();
        for d in &docs {
            inputs.push(self.storage.get(&d.sha256)?);
        }
        let trust = self.parapheur.clone();
        let when = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string();
        let visible = step.sig_page.map(|page| Visible {
            page: page as usize,
            x: step.sig_x.unwrap_or(0.0),
            y: step.sig_y.unwrap_or(0.0),
            width: step.sig_width.unwrap_or(180.0),
            height: step.sig_height.unwrap_or(60.0),
            lines: [Some(me.clone()), delegator.as_ref().map(|d| format!("pour {d}")), Some(when)].into_iter().flatten().collect(),
            image: None,
        });
        let fields: Vec<String> = docs.iter().map(|d| format!("Parapheur-{}-{}", step.id, d.signatures + 1)).collect();
        let signed = tokio::task::spawn_blocking(move || -> Result<Vec<Vec<u8>>> {
            inputs
                .iter()
                .zip(fields)
                .map(|(pdf, field)| {
                    let opts = SignOptions {
                        level,
                        tsa: (level >= Level::BT).then(|| trust.tsa.clone()),
                        revocation: (level >= Level::BLT).then(|| trust.revocation.clone()),
                        reason: Some(reason.clone()),
                        field_name: Some(field),
                        visible: visible.clone(),
                        ..Default::default()
                    };
                    sijill_signing::sign::sign_with_template(pdf, &*signer, &tpl, &opts).map_err(|e| failure.failure(e))
                })
                .collect()
        })
        .await
        .map_err(Error::internal)??;
        let mut created = Vec::new();
        let mut versions = Vec::new();
        for out in &signed {
            let (sha, new) = self.storage.put(out)?;
            if new {
                created.push(sha.clone());
            }
            versions.push((sha, out.len() as i64));
        }
        let res = async {
            let tx = self.db.write().await?;
            for (d, (sha, size)) in docs.iter().zip(&versions) {
                if !q::replace_version(&tx, d.id, &d.sha256, sha, *size).await? {
                    return Err(lost_race());
                }
            }
            let details = serde_json::json!({"step": step.id, "position": step.position, "for": acting_for, "level": level.as_str(),
                "documents": versions.iter().map(|v| &v.0).collect::<Vec<_>>()});
            q::insert_event(&tx, folder_id, user.id, acting_for, "signed", Some(step.id), &details).await?;
            audit::record(&tx, AuditEvent::new(Some(f.administration_id), Some(user.id), STEP_SIGNED, FOLDER, &folder_id.to_string()).with(details)).await?;
            self.complete_step(&tx, &f, &step, user.id, acting_for, None).await?;
            let status = q::folder(&tx, folder_id).await?.map(|f| f.status).unwrap_or_default();
            tx.commit().await?;
            Ok(status)
        }
        .await;
        if res.is_err() {
            created.iter().for_each(|s| self.storage.remove(s));
        }
        res
    }

    /// For a folder answering a register entry: does the authority `user` acts with (their
    /// own, or that of the official they sign for) head the folder's unit or a unit above it?
    async fn may_sign_answer(&self, user: &CurrentUser, f: &folder::Model, actor: &super::Actor, acting_for: Option<i32>) -> Result<bool> {
        let grants: &[super::Grant] = match acting_for {
            None => &actor.grants,
            Some(d) => actor.delegators.iter().find(|(id, _)| *id == d).map(|(_, g)| g.as_slice()).unwrap_or(&[]),
        };
        let heads: Vec<i32> = grants
            .iter()
            .filter(|g| g.role == crate::domain::auth::Role::Official.as_str() && g.administration_id == Some(f.administration_id))
            .filter_map(|g| g.unit_id)
            .collect();
        let official_of_answering_unit = match f.unit_id {
            Some(unit) if !heads.is_empty() => visibility::with_sub_units(&self.db.conn, f.administration_id, &heads).await?.contains(&unit),
            _ => false,
        };
        Ok(allowed(user, Action::SignAnswer { administration_id: f.administration_id, official_of_answering_unit }))
    }

    /// Signs many folders with one unlock of the key: a folder that fails (not the user's
    /// turn, a service down…) is reported and the others are still signed.
    pub async fn batch_sign(&self, user: &CurrentUser, folder_ids: &[i32], pin: &str) -> Result<Vec<BatchResult>> {
        let folder_ids = &super::batch::checked_ids(folder_ids)?;
        let key = self.unlock_key(user.id, pin).await?;
        let mut out = Vec::new();
        for &id in folder_ids {
            let r = self.sign_folder(user, id, &key).await;
            out.push(match r {
                Ok(status) => BatchResult { folder_id: id, ok: true, status: Some(status), error: None, message: None },
                Err(e) => {
                    tracing::info!(folder = id, error = %e, "batch signing: folder not signed");
                    let msg = super::batch::failure_msg(&e);
                    BatchResult { folder_id: id, ok: false, status: None, error: Some(msg.code().to_owned()), message: Some(msg.text(user.lang)) }
                }
            });
        }
        Ok(out)
    }
}
