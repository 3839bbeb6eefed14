//! Creating and reading folders. Documents are checked by content like filing attachments
//! (`domain::attachments`): main documents must be PDFs; annexes may also be JPEG or PNG.
//! Office documents are converted with LibreOffice when `parapheur.libreoffice` is set,
//! and refused with a message asking for a PDF otherwise.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::msg::PMsg;
use super::{Actor, FOLDER, FOLDER_CREATED};
use crate::db::entities::{circuit_step, folder, folder_document};
use crate::db::parapheur as q;
use crate::domain::attachments::{self, Kind, NewDocument};
use crate::domain::audit::{self, AuditEvent};
use crate::domain::auth::CurrentUser;
use crate::domain::authz::{allowed, Action};
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// What the originator submits.
pub struct NewFolder {
    pub administration_id: i32,
    pub title: String,
    pub unit_id: Option<i32>,
    /// The register entry this folder answers.
    pub entry_id: Option<String>,
    pub main: Vec<NewDocument>,
    pub annexes: Vec<NewDocument>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    pub id: i32,
    /// `main` or `annex`.
    pub role: String,
    pub name: String,
    pub size: i64,
    /// SHA-256 of the current version (signed so far).
    pub sha256: String,
    pub signatures: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StepView {
    pub id: i32,
    pub position: i32,
    /// `visa` or `signature`.
    pub kind: String,
    /// `all` or `one`.
    pub mode: String,
    pub assignee_user_id: Option<i32>,
    pub assignee_role: Option<String>,
    pub assignee_unit_id: Option<i32>,
    /// `waiting`, `pending`, `done`, `skipped` or `rejected`.
    pub status: String,
    pub acted_by: Option<i32>,
    pub acting_for: Option<i32>,
    pub acted_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// Signature steps: where the visible signature goes (absent = invisible).
    pub placement: Option<super::circuits::Placement>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FolderView {
    pub id: i32,
    pub administration_id: i32,
    pub title: String,
    pub originator_id: i32,
    /// `draft`, `in_progress`, `completed` or `rejected`.
    pub status: String,
    pub current_position: Option<i32>,
    pub entry_id: Option<String>,
    pub documents: Vec<DocumentView>,
    pub steps: Vec<StepView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FolderView {
    pub fn of(f: &folder::Model, docs: &[folder_document::Model], steps: &[circuit_step::Model]) -> FolderView {
        FolderView {
            id: f.id,
            administration_id: f.administration_id,
            title: f.title.clone(),
            originator_id: f.originator_id,
            status: f.status.clone(),
            current_position: f.current_position,
            entry_id: f.entry_id.clone(),
            documents: docs
                .iter()
                .map(|d| DocumentView { id: d.id, role: d.role.clone(), name: d.name.clone(), size: d.size, sha256: d.sha256.clone(), signatures: d.signatures })
                .collect(),
            steps: steps
                .iter()
                .map(|s| StepView {
                    id: s.id, position: s.position, kind: s.kind.clone(), mode: s.mode.clone(),
                    assignee_user_id: s.assignee_user_id, assignee_role: s.assignee_role.clone(), assignee_unit_id: s.assignee_unit_id,
                    status: s.status.clone(), acted_by: s.acted_by, acting_for: s.acting_for, acted_at: s.acted_at, reason: s.reason.clone(),
                    placement: s.sig_page.map(|page| super::circuits::Placement {
                        page, x: s.sig_x.unwrap_or(0.0), y: s.sig_y.unwrap_or(0.0), width: s.sig_width.unwrap_or(180.0), height: s.sig_height.unwrap_or(60.0),
                    }),
                })
                .collect(),
            created_at: f.created_at,
            updated_at: f.updated_at,
        }
    }
}

/// Word-processor and spreadsheet files: OOXML/ODF (zip) and the old OLE formats.
fn is_office(name: &str, bytes: &[u8]) -> bool {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let office_ext = matches!(ext.as_str(), "doc" | "docx" | "odt" | "rtf" | "xls" | "xlsx" | "ods" | "ppt" | "pptx" | "odp");
    office_ext && (bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.starts_with(b"{\\rtf"))
}

/// Converts an office document to PDF with LibreOffice (headless, in a temp directory).
fn convert_office(soffice: &std::path::Path, name: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    let dir = std::env::temp_dir().join(format!("sijill-convert-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir)?;
    let ext = name.rsplit('.').next().unwrap_or("docx");
    let input = dir.join(format!("input.{ext}"));
    std::fs::write(&input, bytes)?;
    // Its own HOME: a LibreOffice profile per conversion, so conversions can run at once.
    let done = std::process::Command::new(soffice)
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&input)
        .env("HOME", &dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|child| finished_within(child, CONVERSION_TIMEOUT))
        .unwrap_or(false);
    let pdf = std::fs::read(dir.join("input.pdf"));
    let _ = std::fs::remove_dir_all(&dir);
    match pdf {
        Ok(pdf) if done && pdf.starts_with(b"%PDF-") => Ok(pdf),
        _ => Err(Error::UnsupportedMedia(Msg::CorruptDocument(name.to_owned()))),
    }
}

/// A document LibreOffice cannot convert in this time is refused rather than holding a
/// request (and a blocking thread) for ever.
const CONVERSION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Waits for `child` up to `limit`; kills it past that. True when it exited successfully.
fn finished_within(mut child: std::process::Child, limit: std::time::Duration) -> bool {
    let start = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(std::time::Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// Checks one document (blocking): returns the bytes to store (converted when needed).
fn accept(soffice: Option<&std::path::Path>, d: &NewDocument, main: bool) -> Result<Vec<u8>> {
    let bytes = if is_office(&d.name, &d.bytes) {
        match soffice {
            Some(s) => convert_office(s, &d.name, &d.bytes)?,
            None => return Err(Error::UnsupportedMedia(Msg::Parapheur(PMsg::OfficeNeedsConverter(attachments::clean_name(&d.name))))),
        }
    } else {
        d.bytes.to_vec()
    };
    let kind = attachments::inspect(&d.name, &bytes)?;
    if main && kind != Kind::Pdf {
        return Err(Error::UnsupportedMedia(Msg::NotAPdf));
    }
    Ok(bytes)
}

impl Services {
    /// Creates a draft folder with its documents, stored content-addressed.
    ///
    /// Its unit is one of the creator's. A folder answering a register entry is started by
    /// someone who may draft that answer (staff of a unit holding the entry for action),
    /// and it belongs to that unit unless the creator names another of theirs: that unit's
    /// officials are the ones who may sign it (`actions::may_sign_answer`).
    pub async fn create_folder(&self, user: &CurrentUser, mut f: NewFolder) -> Result<FolderView> {
        if !allowed(user, Action::CreateFolder { administration_id: f.administration_id }) {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let title = f.title.trim().to_owned();
        if title.is_empty() {
            return Err(Error::BadRequest(Msg::MissingField("title")));
        }
        if title.chars().count() > 300 {
            return Err(Error::BadRequest(Msg::FieldTooLong("title", 300)));
        }
        if f.main.is_empty() {
            return Err(Error::BadRequest(Msg::Parapheur(PMsg::NoMainDocument)));
        }
        let all: Vec<NewDocument> = f.main.iter().chain(f.annexes.iter()).cloned().collect();
        attachments::check_limits(&all, &self.config.filings)?;
        if let Some(unit) = f.unit_id {
            let mine = self.scope(user, f.administration_id).await?.map(|s| s.units).unwrap_or_default();
            if !mine.contains(&unit) {
                return Err(Error::Forbidden(Msg::Parapheur(PMsg::NotYourUnit)));
            }
        }
        if let Some(entry) = &f.entry_id {
            let (e, _) = self.staff_entry(user, entry).await?;
            if e.administration_id != f.administration_id {
                return Err(Error::NotFound);
            }
            let acting = self.acting_units(user, &e).await?;
            let may_draft = Action::DraftAnswer { administration_id: f.administration_id, member_of_acting_unit: !acting.is_empty() };
            if !allowed(user, may_draft) || e.direction != "A" {
                return Err(Error::Forbidden(Msg::Forbidden));
            }
            if f.unit_id.is_none() {
                f.unit_id = acting.first().copied();
            }
        }
        let n_main = f.main.len();
        let soffice = self.config.parapheur.libreoffice.clone();
        let checked = tokio::task::spawn_blocking(move || -> Result<Vec<(String, Vec<u8>, bool)>> {
            all.iter()
                .enumerate()
                .map(|(i, d)| Ok((attachments::clean_name(&d.name), accept(soffice.as_deref(), d, i < n_main)?, i < n_main)))
                .collect()
        })
        .await
        .map_err(Error::internal)??;
        let mut stored = Vec::new();
        let mut created = Vec::new();
        for (name, bytes, main) in &checked {
            let (sha, new) = self.storage.put(bytes)?;
            if new {
                created.push(sha.clone());
            }
            stored.push((name.clone(), sha, bytes.len() as i64, *main));
        }
        let res = self.insert_folder(user, &f, &title, &stored).await;
        if res.is_err() {
            created.iter().for_each(|s| self.storage.remove(s));
        }
        res
    }

    async fn insert_folder(&self, user: &CurrentUser, f: &NewFolder, title: &str, stored: &[(String, String, i64, bool)]) -> Result<FolderView> {
        let tx = self.db.write().await?;
        let folder = q::insert_folder(&tx, q::NewFolder {
            administration_id: f.administration_id,
            title,
            originator_id: user.id,
            unit_id: f.unit_id,
            entry_id: f.entry_id.as_deref(),
        })
        .await?;
        for (i, (name, sha, size, main)) in stored.iter().enumerate() {
            let role = if *main { "main" } else { "annex" };
            q::insert_document(&tx, q::NewDocument { folder_id: folder.id, role, position: i as i32 + 1, name, size: *size, sha256: sha }).await?;
        }
        let details = serde_json::json!({"title": title, "entry": f.entry_id, "documents": stored.iter().map(|d| &d.1).collect::<Vec<_>>()});
        q::insert_event(&tx, folder.id, user.id, None, "created", None, &details).await?;
        audit::record(&tx, AuditEvent::new(Some(f.administration_id), Some(user.id), FOLDER_CREATED, FOLDER, &folder.id.to_string()).with(details)).await?;
        let docs = q::documents(&tx, folder.id).await?;
        tx.commit().await?;
        Ok(FolderView::of(&folder, &docs, &[]))
    }

    /// Who `user` may act as right now (themselves and their delegators).
    pub(crate) async fn actor(&self, user: &CurrentUser) -> Result<Actor> {
        let c = &self.db.conn;
        let dels = q::active_delegations_to(c, user.id, Utc::now()).await?;
        let ids: Vec<i32> = dels.iter().map(|d| d.delegator_id).collect();
        let rows = q::roles_of(c, &ids).await?;
        let delegators = dels
            .iter()
            .filter(|d| user.roles.iter().any(|g| g.administration_id == Some(d.administration_id)))
            .map(|d| (d.delegator_id, Actor::grants_from_rows(&rows, d.delegator_id)))
            .collect();
        Ok(Actor { user_id: user.id, grants: Actor::grants_of(user), delegators })
    }

    /// The folder, if `user` may read it (NotFound otherwise, so existence is not disclosed).
    pub(crate) async fn readable_folder(&self, user: &CurrentUser, id: i32) -> Result<(folder::Model, Vec<circuit_step::Model>, Actor)> {
        let c = &self.db.conn;
        let f = q::folder(c, id).await?.ok_or(Error::NotFound)?;
        let steps = q::steps(c, id).await?;
        let actor = self.actor(user).await?;
        let participant = f.originator_id == user.id
            || steps.iter().any(|s| s.acted_by == Some(user.id) || actor.acting_as(s, f.administration_id).is_some());
        if !allowed(user, Action::ReadFolder { administration_id: f.administration_id, participant }) {
            return Err(Error::NotFound);
        }
        Ok((f, steps, actor))
    }

    pub async fn folder_view(&self, user: &CurrentUser, id: i32) -> Result<FolderView> {
        let (f, steps, _) = self.readable_folder(user, id).await?;
        let docs = q::documents(&self.db.conn, id).await?;
        Ok(FolderView::of(&f, &docs, &steps))
    }

    /// The folders `user` (or someone they act for) originated or has a step in (by name,
    /// or by a role they hold in the step's unit): all the open ones and the `done_limit`
    /// most recently completed.
    pub async fn my_folders(&self, user: &CurrentUser, administration_id: i32, done_limit: u64) -> Result<Vec<FolderView>> {
        let actor = self.actor(user).await?;
        let mut ids = vec![user.id];
        ids.extend(actor.delegators.iter().map(|d| d.0));
        let role_units: Vec<(String, i32)> = actor
            .grants
            .iter()
            .chain(actor.delegators.iter().flat_map(|d| d.1.iter()))
            .filter(|g| g.administration_id == Some(administration_id))
            .filter_map(|g| Some((g.role.clone(), g.unit_id?)))
            .collect();
        let mut out = Vec::new();
        for f in q::folders_involving(&self.db.conn, administration_id, &ids, &role_units, done_limit).await? {
            out.push(FolderView::of(&f, &q::documents(&self.db.conn, f.id).await?, &q::steps(&self.db.conn, f.id).await?));
        }
        Ok(out)
    }

    /// A document's current version (signed so far), for a reader of the folder.
    pub async fn folder_document(&self, user: &CurrentUser, folder_id: i32, document_id: i32) -> Result<(String, Vec<u8>)> {
        self.readable_folder(user, folder_id).await?;
        let docs = q::documents(&self.db.conn, folder_id).await?;
        let d = docs.into_iter().find(|d| d.id == document_id).ok_or(Error::NotFound)?;
        Ok((d.name.clone(), self.storage.get(&d.sha256)?))
    }
}
