//! E-mails of the parapheur, queued in the outbox in the transaction of the change they
//! announce (so none is lost and none is sent for a change that rolled back): a folder
//! reaching someone's step (unless they chose the daily digest, see `digest`), and its
//! originator told when it is rejected or completed.

use sea_orm::ConnectionTrait;

use crate::db::entities::{folder, user};
use crate::db::{outbox, parapheur as q};
use crate::error::Result;
use crate::i18n::Lang;

/// What happened, for the originator.
pub enum Outcome<'a> {
    Rejected { reason: &'a str },
    Completed,
}

fn lang(u: &user::Model) -> Lang {
    Lang::from_code(&u.lang).unwrap_or_default()
}

fn link(public_url: &str, f: &folder::Model) -> String {
    format!("{}/parapheur/folders/{}", public_url.trim_end_matches('/'), f.id)
}

/// Tells everyone now expected to act at `position` that the folder waits for them.
pub async fn pending(c: &impl ConnectionTrait, public_url: &str, f: &folder::Model, position: i32) -> Result<()> {
    let link = link(public_url, f);
    for step in q::steps(c, f.id).await?.iter().filter(|s| s.position == position && s.status == "pending") {
        let recipients = q::step_recipients(c, step).await?;
        // Users who chose the daily digest hear about it there instead (see `digest`).
        let ids: Vec<i32> = recipients.iter().map(|u| u.id).collect();
        let digest = crate::db::parapheur_more::digest_users(c, Some(&ids)).await?;
        for u in recipients.into_iter().filter(|u| !digest.contains(&u.id)) {
            let t = &f.title;
            let (subject, body) = match (lang(&u), step.kind == "signature") {
                (Lang::Fr, sig) => (format!("Parapheur : « {t} » attend votre {}", if sig { "signature" } else { "visa" }),
                    format!("Bonjour {},\n\nLe parapheur « {t} » attend votre {}.\n{link}\n", u.display_name, if sig { "signature" } else { "visa" })),
                (Lang::Ar, sig) => (format!("ملف «{t}» بانتظار {}", if sig { "توقيعك" } else { "تأشيرتك" }),
                    format!("مرحبًا {}،\n\nالملف «{t}» بانتظار {}.\n{link}\n", u.display_name, if sig { "توقيعك" } else { "تأشيرتك" })),
                (Lang::Zgh, _) => (format!("ⴰⵙⴷⴰⵡ «{t}» ⴽ ⵉⵜⵜⵔⴰⵊⵓ"), format!("ⴰⵣⵓⵍ {},\n\nⴰⵙⴷⴰⵡ «{t}» ⴽ ⵉⵜⵜⵔⴰⵊⵓ.\n{link}\n", u.display_name)),
                (Lang::En, sig) => (format!("Folder “{t}” awaits your {}", if sig { "signature" } else { "approval" }),
                    format!("Hello {},\n\nThe folder “{t}” awaits your {}.\n{link}\n", u.display_name, if sig { "signature" } else { "approval" })),
            };
            outbox::enqueue(c, "parapheur_pending", &u.email, &subject, &body, None).await?;
        }
    }
    Ok(())
}

/// Tells the originator that the folder was rejected (with the reason) or completed.
pub async fn originator(c: &impl ConnectionTrait, public_url: &str, f: &folder::Model, outcome: Outcome<'_>) -> Result<()> {
    let Some(u) = q::user(c, f.originator_id).await? else { return Ok(()) };
    let (t, link) = (&f.title, link(public_url, f));
    let (subject, body) = match (&outcome, lang(&u)) {
        (Outcome::Rejected { reason }, Lang::Fr) => (format!("Parapheur rejeté : « {t} »"), format!("Le parapheur « {t} » a été rejeté.\nMotif : {reason}\n{link}\n")),
        (Outcome::Rejected { reason }, Lang::Ar) => (format!("رُفض الملف «{t}»"), format!("رُفض الملف «{t}».\nالسبب: {reason}\n{link}\n")),
        (Outcome::Rejected { reason }, Lang::Zgh) => (format!("ⵉⵜⵜⵓⴳⴳⵉ ⵓⵙⴷⴰⵡ «{t}»"), format!("ⵉⵜⵜⵓⴳⴳⵉ ⵓⵙⴷⴰⵡ «{t}».\n{reason}\n{link}\n")),
        (Outcome::Rejected { reason }, Lang::En) => (format!("Folder rejected: “{t}”"), format!("The folder “{t}” was rejected.\nReason: {reason}\n{link}\n")),
        (Outcome::Completed, Lang::Fr) => (format!("Parapheur terminé : « {t} »"), format!("Le parapheur « {t} » a reçu toutes ses signatures.\n{link}\n")),
        (Outcome::Completed, Lang::Ar) => (format!("اكتمل الملف «{t}»"), format!("حصل الملف «{t}» على جميع توقيعاته.\n{link}\n")),
        (Outcome::Completed, Lang::Zgh) => (format!("ⵉⴽⵎⵎⵍ ⵓⵙⴷⴰⵡ «{t}»"), format!("ⵉⴽⵎⵎⵍ ⵓⵙⴷⴰⵡ «{t}».\n{link}\n")),
        (Outcome::Completed, Lang::En) => (format!("Folder completed: “{t}”"), format!("The folder “{t}” has all its signatures.\n{link}\n")),
    };
    let kind = match outcome { Outcome::Rejected { .. } => "parapheur_rejected", Outcome::Completed => "parapheur_completed" };
    outbox::enqueue(c, kind, &u.email, &subject, &body, None).await?;
    Ok(())
}
