//! Notification preferences and the daily digest (PRODUCT.md §3, issue 5: "notifications
//! by e-mail … a daily digest option"). Each user chooses `immediate` (an e-mail whenever a
//! folder reaches their step, the default) or `daily`: one e-mail a day listing the folders
//! awaiting them, and no per-step e-mails (`notify::pending` skips them). Rejections and
//! completions still reach originators at once.
//!
//! The daily job (`jobs::digest`) queues the digests through the outbox; a
//! `parapheur_digests` row claimed in the e-mail's transaction keeps it at most once per
//! user and day across server processes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PREFERENCES_CHANGED;
use crate::db::{parapheur as q, parapheur_more as more};
use crate::domain::audit::{self, AuditEvent};
use crate::domain::auth::CurrentUser;
use crate::domain::Services;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Preferences {
    /// `immediate` (one e-mail per folder reaching you) or `daily` (one digest a day).
    pub notifications: String,
}

impl Services {
    pub async fn parapheur_preferences(&self, user: &CurrentUser) -> Result<Preferences> {
        let n = more::preference(&self.db.conn, user.id).await?.unwrap_or_else(|| "immediate".into());
        Ok(Preferences { notifications: n })
    }

    /// Sets the caller's choice (staff only: filers take no part in circuits).
    pub async fn set_parapheur_preferences(&self, user: &CurrentUser, p: Preferences) -> Result<Preferences> {
        let value = p.notifications.trim().to_ascii_lowercase();
        if !matches!(value.as_str(), "immediate" | "daily") {
            return Err(Error::BadRequest(Msg::InvalidValue("notifications")));
        }
        let admin = user.roles.iter().find(|g| g.role.as_str() != "filer").and_then(|g| g.administration_id);
        if admin.is_none() {
            return Err(Error::Forbidden(Msg::Forbidden));
        }
        let tx = self.db.write().await?;
        more::set_preference(&tx, user.id, &value).await?;
        audit::record(&tx, AuditEvent::new(admin, Some(user.id), PREFERENCES_CHANGED, "user", &user.id.to_string())
            .with(serde_json::json!({"notifications": value}))).await?;
        tx.commit().await?;
        Ok(Preferences { notifications: value })
    }

    /// The folders awaiting `user` now (their step, by name, role or delegation): (title, is signature).
    async fn awaiting(&self, user: &CurrentUser) -> Result<Vec<(i32, String, bool)>> {
        let actor = self.actor(user).await?;
        let mut admins: Vec<i32> = user.roles.iter().filter_map(|g| g.administration_id).collect();
        admins.sort_unstable();
        admins.dedup();
        let mut out = Vec::new();
        for admin in admins {
            for f in self.my_folders(user, admin, 0).await? {
                if f.status != "in_progress" {
                    continue;
                }
                let steps = q::steps(&self.db.conn, f.id).await?;
                if let Some(s) = steps
                    .iter()
                    .find(|s| s.status == "pending" && Some(s.position) == f.current_position && actor.acting_as(s, admin).is_some())
                {
                    out.push((f.id, f.title.clone(), s.kind == "signature"));
                }
            }
        }
        Ok(out)
    }

    /// Queues `day`'s digest for every user who chose it and has folders awaiting them,
    /// skipping users who got it already (any process). Returns how many were queued.
    pub async fn send_parapheur_digests(&self, day: NaiveDate) -> Result<usize> {
        let mut queued = 0;
        for uid in more::digest_users(&self.db.conn, None).await? {
            let Ok(user) = self.current_user(uid).await else { continue };
            let lines = self.awaiting(&user).await?;
            if lines.is_empty() {
                continue;
            }
            let (subject, body) = digest_email(user.lang, &lines, self.config.server.public_url.trim_end_matches('/'));
            let tx = self.db.write().await?;
            if !more::claim_digest(&tx, uid, day).await? {
                continue;
            }
            crate::db::outbox::enqueue(&tx, "parapheur_digest", &user.email, &subject, &body, None).await?;
            tx.commit().await?;
            queued += 1;
        }
        tracing::info!(day = %day, queued, "parapheur digests queued");
        Ok(queued)
    }
}

/// Subject and body of the digest: one line per folder (visa or signature, title, link).
pub fn digest_email(lang: Lang, lines: &[(i32, String, bool)], base: &str) -> (String, String) {
    let n = lines.len();
    let (subject, intro, sig, visa) = match lang {
        Lang::Fr => (format!("Parapheur : {n} dossier(s) vous attendent"), "Dossiers qui attendent votre action aujourd'hui :", "signature", "visa"),
        Lang::Ar => (format!("الملفات: {n} ملف(ات) بانتظاركم"), "الملفات التي تنتظر إجراءكم اليوم:", "توقيع", "تأشيرة"),
        Lang::Zgh => (format!("ⴰⵙⴷⴰⵡ: {n} ⵏ ⵉⵙⴷⴰⵡⵏ ⴽ ⵜⵜⵔⴰⵊⴰⵏ"), "ⵉⵙⴷⴰⵡⵏ ⵉ ⴽ ⵉⵜⵜⵔⴰⵊⴰⵏ ⴰⵙⵙⴰ:", "ⴰⵣⵎⴰⵎ", "ⴰⵙⵎⴰⵇⵇⵍ"),
        Lang::En => (format!("Parapheur: {n} folder(s) awaiting you"), "Folders awaiting your action today:", "signature", "approval"),
    };
    let mut body = format!("{intro}\n\n");
    for (id, title, is_sig) in lines {
        body.push_str(&format!("- [{}] {title}\n  {base}/parapheur/folders/{id}\n", if *is_sig { sig } else { visa }));
    }
    body.push_str(&format!("\n{base}/parapheur\n"));
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_lists_each_folder_with_its_link() {
        let (s, b) = digest_email(Lang::Fr, &[(7, "Réponse à M. Alami".into(), true), (9, "Note".into(), false)], "https://x.test");
        assert!(s.contains('2'), "{s}");
        assert!(b.contains("[signature] Réponse à M. Alami") && b.contains("https://x.test/parapheur/folders/7") && b.contains("[visa] Note"), "{b}");
    }
}
