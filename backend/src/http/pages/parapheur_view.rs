//! From the parapheur's domain views to the folder pages' models: names resolved (users,
//! roles in units in the page's language), dates as Unix seconds, what the reader may do
//! now. Reads only; every decision about access stays in `domain::parapheur`.

use std::collections::HashMap;

use sijill_frontend::i18n::parapheur::{role_name, step_kind, P};
use sijill_frontend::i18n::{fill, Lang};
use sijill_frontend::pages::parapheur_folder::{DocumentBlock, FolderPage, Frame, HistoryEntry, MyTurn, NoteLine, StepLine};
use sijill_frontend::pages::parapheur_inbox::{FolderLine, Inbox};

use crate::db::entities::circuit_step;
use crate::domain::auth::CurrentUser;
use crate::domain::authz::{allowed, Action};
use crate::domain::parapheur::folders::{FolderView, StepView};
use crate::domain::parapheur::Actor;
use crate::error::Result;
use crate::http::AppState;

/// Display names of users and units, looked up once per page.
struct Names<'a> {
    state: &'a AppState,
    lang: Lang,
    users: HashMap<i32, String>,
    units: HashMap<i32, String>,
}

impl<'a> Names<'a> {
    fn new(state: &'a AppState, lang: Lang) -> Self {
        Names { state, lang, users: HashMap::new(), units: HashMap::new() }
    }

    async fn user(&mut self, id: i32) -> String {
        if let Some(n) = self.users.get(&id) {
            return n.clone();
        }
        let n = crate::db::people::user_by_id(&self.state.svc.db.conn, id).await.ok().flatten().map(|u| u.display_name).unwrap_or_default();
        self.users.insert(id, n.clone());
        n
    }

    async fn unit(&mut self, id: i32) -> String {
        if let Some(n) = self.units.get(&id) {
            return n.clone();
        }
        let u = crate::db::routing::unit_by_id(&self.state.svc.db.conn, id).await.ok().flatten();
        let n = u
            .map(|u| {
                let names = crate::domain::routing::unit_names(&u);
                let s = names.get(self.lang).to_owned();
                if s.trim().is_empty() { names.fr.clone() } else { s }
            })
            .unwrap_or_default();
        self.units.insert(id, n.clone());
        n
    }

    /// A step's assignee: the person, or "role — unit".
    async fn assignee(&mut self, user: Option<i32>, role: Option<&str>, unit: Option<i32>) -> String {
        match (user, role, unit) {
            (Some(u), _, _) => self.user(u).await,
            (None, Some(r), Some(u)) => {
                let unit = self.unit(u).await;
                fill(&fill(P::RoleInUnit.text(self.lang), "role", role_name(r).text(self.lang)), "unit", &unit)
            }
            _ => String::new(),
        }
    }
}

fn step_label(lang: Lang, position: i32, kind: &str) -> String {
    fill(&fill(P::StepOf.text(lang), "n", &position.to_string()), "kind", step_kind(kind).text(lang))
}

/// The step model of a listed step (for `Actor::acting_as`, which needs only who and where).
fn step_model(folder_id: i32, s: &StepView) -> circuit_step::Model {
    circuit_step::Model {
        id: s.id, folder_id, position: s.position, kind: s.kind.clone(), mode: s.mode.clone(),
        assignee_user_id: s.assignee_user_id, assignee_role: s.assignee_role.clone(), assignee_unit_id: s.assignee_unit_id,
        sig_page: None, sig_x: None, sig_y: None, sig_width: None, sig_height: None,
        status: s.status.clone(), acted_by: s.acted_by, acting_for: s.acting_for, acted_at: s.acted_at, reason: s.reason.clone(),
    }
}

/// The pending step of the current group `actor` may act on, and for whom (own name first).
fn my_pending<'s>(f_admin: i32, current: Option<i32>, steps: impl Iterator<Item = (&'s circuit_step::Model, &'s str)>, actor: &Actor) -> Option<(String, Option<i32>, i32)> {
    let mut found = None;
    for (s, kind) in steps.filter(|(s, _)| s.status == "pending" && Some(s.position) == current) {
        match actor.acting_as(s, f_admin) {
            Some(None) => return Some((kind.to_owned(), None, s.id)),
            Some(Some(d)) if found.is_none() => found = Some((kind.to_owned(), Some(d), s.id)),
            _ => {}
        }
    }
    found
}

/// The entry's deadline (midnight UTC, Unix seconds), when the folder answers one the user sees.
async fn entry_deadline(state: &AppState, user: &CurrentUser, entry: Option<&str>) -> Option<i64> {
    let (e, _) = state.svc.staff_entry(user, entry?).await.ok()?;
    e.deadline.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc().timestamp())
}

/// How many completed folders the inbox lists (the most recent).
const DONE_SHOWN: u64 = 20;

/// The inbox of `user` in `administration_id`.
pub async fn inbox(state: &AppState, user: &CurrentUser, administration_id: i32, lang: Lang) -> Result<Inbox> {
    let folders: Vec<FolderView> = state.svc.my_folders(user, administration_id, DONE_SHOWN).await?;
    let actor = state.svc.actor(user).await?;
    let mut names = Names::new(state, lang);
    let mut inbox = Inbox {
        can_create: allowed(user, Action::CreateFolder { administration_id }),
        admin: allowed(user, Action::ManageParapheur { administration_id }),
        ..Default::default()
    };
    for f in &folders {
        let models: Vec<circuit_step::Model> = f.steps.iter().map(|s| step_model(f.id, s)).collect();
        let mine = my_pending(f.administration_id, f.current_position, models.iter().map(|m| (m, m.kind.as_str())), &actor)
            .filter(|_| f.status == "in_progress");
        let mut waiting = Vec::new();
        for s in f.steps.iter().filter(|s| s.status == "pending" && Some(s.position) == f.current_position) {
            waiting.push(names.assignee(s.assignee_user_id, s.assignee_role.as_deref(), s.assignee_unit_id).await);
        }
        let kind = f.steps.iter().find(|s| Some(s.position) == f.current_position).map(|s| s.kind.as_str()).unwrap_or("visa");
        let acting_for = match mine.as_ref().and_then(|m| m.1) {
            Some(d) => Some(names.user(d).await),
            None => None,
        };
        let line = FolderLine {
            id: f.id,
            title: f.title.clone(),
            status: f.status.clone(),
            step: f.current_position.map(|p| step_label(lang, p, kind)),
            waiting_on: (!waiting.is_empty()).then(|| waiting.join(", ")),
            acting_for,
            deadline: entry_deadline(state, user, f.entry_id.as_deref()).await,
            updated_at: f.updated_at.timestamp(),
            can_batch: mine.as_ref().is_some_and(|m| m.0 == "signature"),
        };
        if f.status == "completed" {
            if inbox.done.len() < DONE_SHOWN as usize {
                inbox.done.push(line);
            }
            continue;
        }
        if mine.is_some() {
            inbox.to_act.push(line.clone());
        }
        if f.originator_id == user.id {
            inbox.mine.push(line);
        }
    }
    inbox.done.sort_by_key(|l| std::cmp::Reverse(l.updated_at));
    Ok(inbox)
}

fn reason_of(details: &serde_json::Value) -> Option<String> {
    details.get("reason").and_then(|r| r.as_str()).map(str::to_owned).filter(|r| !r.trim().is_empty())
}

/// The folder page of `id` for `user` (NotFound unless they may read it).
pub async fn folder(state: &AppState, user: &CurrentUser, id: i32, lang: Lang) -> Result<FolderPage> {
    let svc = &state.svc;
    let (f, steps, actor) = svc.readable_folder(user, id).await?;
    let view = svc.folder_view(user, id).await?;
    let history = svc.folder_history(user, id).await?;
    let mut names = Names::new(state, lang);
    let mine = my_pending(f.administration_id, f.current_position, steps.iter().map(|s| (s, s.kind.as_str())), &actor)
        .filter(|_| f.status == "in_progress");
    let my_step = mine.as_ref().and_then(|m| steps.iter().find(|s| s.id == m.2));
    let mut documents = Vec::new();
    for d in &view.documents {
        let pages = svc.document_pages(user, id, d.id).await.unwrap_or_else(|e| {
            tracing::warn!(folder = id, document = d.id, error = %e, "page count unavailable");
            0
        }) as u32;
        let mut my_frame = None;
        if let Some(s) = my_step.filter(|s| s.kind == "signature" && d.role == "main") {
            if let (Some(page), Some(x), Some(y), Some(w), Some(h)) = (s.sig_page, s.sig_x, s.sig_y, s.sig_width, s.sig_height) {
                if let Ok(Some((pw, ph))) = svc.document_page_size(user, id, d.id, page as usize).await {
                    my_frame = Some(Frame { page: page as u32, left: x / pw, top: 1.0 - (y + h) / ph, width: w / pw, height: h / ph });
                }
            }
        }
        documents.push(DocumentBlock {
            id: d.id,
            name: d.name.clone(),
            role: d.role.clone(),
            size: d.size.max(0) as u64,
            signatures: d.signatures,
            download_url: format!("/api/v1/parapheur/folders/{id}/documents/{}", d.id),
            version: d.sha256.chars().take(16).collect(),
            pages,
            my_frame,
        });
    }
    let mut step_lines = Vec::new();
    for s in &steps {
        step_lines.push(StepLine {
            position: s.position,
            kind: s.kind.clone(),
            mode: s.mode.clone(),
            assignee: names.assignee(s.assignee_user_id, s.assignee_role.as_deref(), s.assignee_unit_id).await,
            status: s.status.clone(),
            acted_by: match s.acted_by { Some(u) => Some(names.user(u).await), None => None },
            acting_for: match s.acting_for { Some(u) => Some(names.user(u).await), None => None },
            acted_at: s.acted_at.map(|t| t.timestamp()),
            reason: s.reason.clone(),
        });
    }
    let my_turn = match (&mine, my_step) {
        (Some((kind, acting_for, _)), Some(step)) => {
            let key = if kind == "signature" { svc.my_key(user).await? } else { None };
            let mut return_to: Vec<(i32, String)> = Vec::new();
            for s in steps.iter().filter(|s| s.position < step.position) {
                if !return_to.iter().any(|(p, _)| *p == s.position) {
                    return_to.push((s.position, step_label(lang, s.position, &s.kind)));
                }
            }
            Some(MyTurn {
                kind: kind.clone(),
                acting_for: match acting_for { Some(d) => Some(names.user(*d).await), None => None },
                needs_pin: key.as_ref().is_some_and(|k| k.kind != "csc"),
                has_key: key.is_some(),
                sign_page: step.sig_page,
                return_to,
            })
        }
        _ => None,
    };
    let answers = match &f.entry_id {
        Some(e) => svc.staff_entry(user, e).await.ok().map(|(entry, _)| (entry.number.clone(), format!("/bureau/entries/{}", entry.id))),
        None => None,
    };
    let history_lines = history
        .lines
        .iter()
        .map(|l| {
            // An approval's comment is kept on its step.
            let step_reason = l.step_id.and_then(|sid| steps.iter().find(|s| s.id == sid)).filter(|_| l.action == "approved").and_then(|s| s.reason.clone());
            HistoryEntry {
                at: l.at.timestamp(),
                who: l.actor_name.clone(),
                for_whom: l.acting_for_name.clone(),
                action: l.action.clone(),
                to_step: l.details.get("to").and_then(|v| v.as_i64()).map(|v| v as i32),
                reason: reason_of(&l.details).or(step_reason),
            }
        })
        .collect();
    let mut notes = Vec::new();
    for a in &history.annotations {
        notes.push(NoteLine { author: names.user(a.author_id).await, private: a.visibility == "private", body: a.body.clone(), at: a.created_at.timestamp() });
    }
    Ok(FolderPage {
        id,
        title: f.title.clone(),
        status: f.status.clone(),
        originator: names.user(f.originator_id).await,
        created_at: f.created_at.timestamp(),
        answers,
        documents,
        steps: step_lines,
        current: f.current_position,
        my_turn,
        can_edit_circuit: f.originator_id == user.id && matches!(f.status.as_str(), "draft" | "rejected"),
        history: history_lines,
        notes,
        notice: None,
        error: None,
    })
}
