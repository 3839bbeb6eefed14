//! Batch signing with progress (PRODUCT.md §3: "batch sign many folders at once, with
//! progress shown; partial failures reported per folder, the others signed").
//!
//! Starting a batch unlocks the key once (a wrong PIN is refused at once), records the
//! batch and its items, and signs in a background task; readers follow the items' results
//! (`GET /api/v1/parapheur/batches/{id}`, the page `/parapheur/batches/{id}`). The PIN is
//! never stored and the unlocked key lives only in that task: a batch cut short by a
//! server stop cannot resume (it shows as `interrupted`; its remaining folders are
//! simply not signed and can be signed again).

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::keys::UnlockedKey;
use super::msg::PMsg;
use super::{BATCH_STARTED, FOLDER};
use crate::db::{parapheur as q, parapheur_more as more};
use crate::domain::audit::{self, AuditEvent};
use crate::domain::auth::CurrentUser;
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// At most this many folders per batch.
pub const MAX_BATCH: usize = 500;
/// A running batch silent for this long lost its task (server stopped).
const SILENT: i64 = 10;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BatchItemView {
    pub folder_id: i32,
    /// Known once the folder is signed or refused for another reason than "not found".
    pub title: Option<String>,
    /// `pending`, `signed` or `failed`.
    pub status: String,
    /// The folder's status after signing (`in_progress` or `completed`).
    pub folder_status: Option<String>,
    /// Stable code and sentence when it failed.
    pub error: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BatchView {
    pub id: i32,
    /// `running`, `done` or `interrupted` (the server stopped during the batch).
    pub status: String,
    pub total: i32,
    /// How many folders have a result so far (signed or failed).
    pub processed: i32,
    pub signed: i32,
    pub failed: i32,
    pub items: Vec<BatchItemView>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// The message a folder's failure is reported with.
pub(crate) fn failure_msg(e: &Error) -> Msg {
    match e {
        Error::BadRequest(m) | Error::Forbidden(m) | Error::Conflict(m) | Error::Unavailable(m) => m.clone(),
        Error::NotFound => Msg::NotFound,
        _ => Msg::Internal,
    }
}

/// Checks the list: not empty, at most `MAX_BATCH`, each folder once (first order kept).
/// The count is checked first, on the list as sent: a long list is refused before any
/// work, and removing duplicates is linear.
pub(crate) fn checked_ids(folder_ids: &[i32]) -> Result<Vec<i32>> {
    if folder_ids.len() > MAX_BATCH {
        return Err(Error::BadRequest(Msg::Parapheur(PMsg::TooManyFolders(MAX_BATCH))));
    }
    if folder_ids.is_empty() {
        return Err(Error::BadRequest(Msg::InvalidValue("folders")));
    }
    let mut seen = HashSet::with_capacity(folder_ids.len());
    Ok(folder_ids.iter().copied().filter(|id| seen.insert(*id)).collect())
}

impl Services {
    /// Starts signing `folder_ids` in the background with one unlock of `user`'s key.
    pub async fn start_batch(&self, user: &CurrentUser, folder_ids: &[i32], pin: &str) -> Result<BatchView> {
        let ids = checked_ids(folder_ids)?;
        let key = self.unlock_key(user.id, pin).await?;
        let batch = {
            let tx = self.db.write().await?;
            let b = more::insert_batch(&tx, user.id, &ids).await?;
            let admin = user.roles.iter().find_map(|g| g.administration_id);
            audit::record(&tx, AuditEvent::new(admin, Some(user.id), BATCH_STARTED, "sign_batch", &b.id.to_string())
                .with(serde_json::json!({"folders": ids, "subject_kind": FOLDER}))).await?;
            tx.commit().await?;
            b
        };
        let (svc, owner, batch_id) = (self.clone(), user.clone(), batch.id);
        tokio::spawn(async move { svc.run_batch(owner, batch_id, ids, key).await });
        self.batch_view(user, batch_id).await
    }

    /// The batch's task: signs each folder in turn and records its result.
    async fn run_batch(&self, user: CurrentUser, batch_id: i32, ids: Vec<i32>, key: UnlockedKey) {
        for (i, id) in ids.iter().enumerate() {
            let r = self.sign_folder(&user, *id, &key).await;
            let recorded = match &r {
                Ok(status) => more::set_item(&self.db.conn, batch_id, i as i32, "signed", Some(status), None).await,
                Err(e) => {
                    tracing::info!(batch = batch_id, folder = id, error = %e, "batch signing: folder not signed");
                    let m = failure_msg(e);
                    more::set_item(&self.db.conn, batch_id, i as i32, "failed", None, Some((m.code(), &m.text(user.lang)))).await
                }
            };
            if let Err(e) = recorded {
                tracing::error!(batch = batch_id, folder = id, error = %e, "batch signing: result not recorded");
            }
        }
        if let Err(e) = more::finish_batch(&self.db.conn, batch_id).await {
            tracing::error!(batch = batch_id, error = %e, "batch signing: end not recorded");
        }
        tracing::info!(batch = batch_id, folders = ids.len(), "batch signing done");
    }

    /// A batch and its results so far, for the user who started it (404 for anyone else).
    pub async fn batch_view(&self, user: &CurrentUser, id: i32) -> Result<BatchView> {
        let c = &self.db.conn;
        let (b, items) = more::batch(c, id).await?.filter(|(b, _)| b.user_id == user.id).ok_or(Error::NotFound)?;
        let mut views = Vec::with_capacity(items.len());
        for it in items {
            let title = if it.status == "signed" || (it.status == "failed" && it.error.as_deref() != Some("not_found")) {
                q::folder(c, it.folder_id).await?.map(|f| f.title)
            } else {
                None
            };
            views.push(BatchItemView { folder_id: it.folder_id, title, status: it.status, folder_status: it.folder_status, error: it.error, message: it.message });
        }
        let count = |s: &str| views.iter().filter(|i| i.status == s).count() as i32;
        let (signed, failed) = (count("signed"), count("failed"));
        let status = if b.status == "running" && b.updated_at < Utc::now() - Duration::minutes(SILENT) { "interrupted".to_owned() } else { b.status };
        Ok(BatchView { id: b.id, status, total: b.total, processed: signed + failed, signed, failed, items: views, created_at: b.created_at, finished_at: b.finished_at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_ids_refuses_long_lists_first_and_dedups_in_linear_time() {
        assert_eq!(checked_ids(&[3, 1, 3, 2, 1]).unwrap(), vec![3, 1, 2], "each once, first order kept");
        assert!(checked_ids(&[]).is_err());
        let max: Vec<i32> = (0..MAX_BATCH as i32).collect();
        assert_eq!(checked_ids(&max).unwrap().len(), MAX_BATCH);
        let started = std::time::Instant::now();
        let many: Vec<i32> = (0..50_000).collect();
        assert!(matches!(checked_ids(&many), Err(Error::BadRequest(Msg::Parapheur(PMsg::TooManyFolders(MAX_BATCH))))));
        // The limit applies to the list as sent, duplicates included.
        assert!(checked_ids(&vec![7; MAX_BATCH + 1]).is_err());
        let distinct: Vec<i32> = (0..MAX_BATCH as i32).chain(0..MAX_BATCH as i32).collect();
        assert!(checked_ids(&distinct).is_err());
        assert!(started.elapsed() < std::time::Duration::from_millis(100), "{:?}", started.elapsed());
    }
}
