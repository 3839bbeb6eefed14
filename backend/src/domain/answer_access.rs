//! Reading answers once dispatched: the filer sees and downloads the answers sent to their
//! space; staff who may see the outgoing entry download its PDF; the e-mail that announces
//! an answer (the outbox attaches the PDF).

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::CurrentUser;
use super::Services;
use crate::db::register;
use crate::db::routing as q;
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// An answer as its filer sees it in "My filings".
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnswerView {
    pub id: String,
    pub number: String,
    pub subject: String,
    #[schema(value_type = String, format = DateTime)]
    pub dispatched_at: DateTime<Utc>,
    pub pdf_url: String,
}

impl Services {
    /// The answers a filer received to one of their filings (sent to their space).
    pub async fn answers_for_filer(&self, user: &CurrentUser, filing_id: &str) -> Result<Vec<AnswerView>> {
        let f = self.own_filing(user, filing_id).await?;
        Ok(q::answers_to(&self.db.conn, &f.id)
            .await?
            .into_iter()
            .filter(|a| a.dispatch_mode.as_deref() == Some("portal"))
            .map(|a| AnswerView {
                pdf_url: format!("/api/v1/filings/{}/answers/{}/pdf", f.id, a.id),
                dispatched_at: a.dispatched_at.unwrap_or(a.received_at),
                id: a.id,
                number: a.number,
                subject: a.subject,
            })
            .collect())
    }

    /// The answer PDF, for the filer of the entry it answers: (number, bytes).
    pub async fn answer_pdf_for_filer(&self, user: &CurrentUser, filing_id: &str, answer_id: &str) -> Result<(String, Vec<u8>)> {
        let answers = self.answers_for_filer(user, filing_id).await?;
        let a = answers.iter().find(|a| a.id == answer_id).ok_or(Error::NotFound)?;
        self.first_document(&a.id, &a.number).await
    }

    /// The PDF of an outgoing entry, for staff who may see it.
    pub async fn outgoing_pdf(&self, user: &CurrentUser, outgoing_id: &str) -> Result<(String, Vec<u8>)> {
        let (e, _) = self.staff_entry(user, outgoing_id).await?;
        self.first_document(&e.id, &e.number).await
    }

    async fn first_document(&self, entry_id: &str, number: &str) -> Result<(String, Vec<u8>)> {
        let docs = register::documents_of(&self.db.conn, entry_id).await?;
        let doc = docs.first().ok_or(Error::NotFound)?;
        Ok((number.to_owned(), self.storage.get(&doc.sha256)?))
    }
}

/// Subject and body of the e-mail announcing an answer (the PDF is attached by the outbox).
pub fn answer_email(lang: Lang, incoming: &str, outgoing: &str, administration: &str, link: Option<&str>) -> (String, String) {
    let link = link.map(|l| format!("\n{l}\n")).unwrap_or_default();
    match lang {
        Lang::Fr => (format!("Réponse à votre courrier {incoming}"),
            format!("{administration} a répondu à votre courrier {incoming} (réponse n° {outgoing}).\nLa réponse est jointe à ce message.{link}")),
        Lang::Ar => (format!("جواب على مراسلتكم {incoming}"),
            format!("أجابت {administration} على مراسلتكم {incoming} (الجواب رقم {outgoing}).\nالجواب مرفق بهذه الرسالة.{link}")),
        Lang::Zgh => (format!("ⴰⵔⴰⵔ ⵖⴼ ⵜⴱⵔⴰⵜ ⵏⵏⴽ {incoming}"),
            format!("{administration} ⵜⵔⴰⵔ ⵖⴼ ⵜⴱⵔⴰⵜ ⵏⵏⴽ {incoming} ({outgoing}).{link}")),
        Lang::En => (format!("Answer to your correspondence {incoming}"),
            format!("{administration} has answered your correspondence {incoming} (answer no. {outgoing}).\nThe answer is attached to this message.{link}")),
    }
}
