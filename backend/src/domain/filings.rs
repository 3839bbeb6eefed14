//! Remote filing (dépôt à distance): a filer sends correspondence with documents to an
//! administration; it is registered in the incoming register ("A" for arrivée) with the
//! next number, and a sealed receipt is produced.

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use super::attachments::{self, NewDocument};
use super::auth::CurrentUser;
use super::catalogue::Names;
use super::Services;
use crate::db::entities::{administration, filing};
use crate::db::{queries, register};
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Direction code of the incoming register.
pub const INCOMING: &str = "A";
pub const MAX_SUBJECT: usize = 200;
pub const MAX_MESSAGE: usize = 20_000;

/// What the filer submits (the form or the API's multipart body).
#[derive(Debug, Clone)]
pub struct NewFiling {
    /// Administration code from the catalogue, e.g. `DEMO`.
    pub administration: String,
    /// Optional service code of that administration.
    pub service: Option<String>,
    pub subject: String,
    pub message: String,
    pub documents: Vec<NewDocument>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    pub name: String,
    pub content_type: String,
    pub size: i64,
    /// Hex SHA-256 of the stored bytes (also printed on the receipt).
    pub sha256: String,
}

/// A filing as its filer sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FilingView {
    pub id: String,
    /// Registration number, e.g. `DEMO-2026-A-000123`.
    pub number: String,
    /// `registered`, `assigned`, `in_progress`, `answered` or `closed`.
    pub status: String,
    pub administration: String,
    pub administration_names: Names,
    pub service: Option<String>,
    pub subject: String,
    pub message: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: DateTime<Utc>,
    pub documents: Vec<DocumentView>,
    /// Path of the sealed receipt PDF.
    pub receipt_url: String,
    /// False until the receipt has been sealed (it is then produced on first download).
    pub receipt_ready: bool,
}

/// Result of `create_filing`: `replayed` is true when the idempotency key matched an
/// earlier filing, which is returned unchanged.
#[derive(Debug, Clone)]
pub struct Created {
    pub filing: FilingView,
    pub replayed: bool,
}

/// Expands an administration's number format: `{prefix}`, `{year}`, `{dir}` and `{seq}`
/// or `{seq:0N}` (zero-padded to N digits); anything else is kept as written. The default
/// format gives `PREFIX-YEAR-DIRECTION-NNNNNN`.
pub fn format_number(format: &str, prefix: &str, year: i32, direction: &str, seq: i64) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut rest = format;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        let token = &rest[start + 1..start + len];
        match token {
            "prefix" => out.push_str(prefix),
            "year" => out.push_str(&year.to_string()),
            "dir" => out.push_str(direction),
            "seq" => out.push_str(&seq.to_string()),
            t if t.starts_with("seq:0") => match t[5..].parse::<usize>() {
                Ok(w) if w <= 12 => out.push_str(&format!("{seq:0w$}")),
                _ => out.push_str(&rest[start..=start + len]),
            },
            _ => out.push_str(&rest[start..=start + len]),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

fn check_idempotency_key(key: &str) -> Result<()> {
    if key.is_empty() || key.len() > 200 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::BadRequest(Msg::BadIdempotencyKey));
    }
    Ok(())
}

impl Services {
    /// Registers a filing in one transaction (documents, register entry, receipt e-mail in
    /// the outbox), then seals its receipt. With an `idempotency_key` already used by this
    /// filer, returns that filing instead of registering a second one. Documents are checked
    /// (limits, type from content, parse) before anything is stored; on any rejection
    /// nothing is stored.
    pub async fn create_filing(&self, user: &CurrentUser, input: NewFiling, idempotency_key: Option<&str>) -> Result<Created> {
        if !super::authz::allowed(user, super::authz::Action::CreateFiling) {
            return Err(Error::Forbidden(Msg::EmailNotVerified));
        }
        let c = &self.db.conn;
        if let Some(key) = idempotency_key {
            check_idempotency_key(key)?;
            if let Some(f) = register::by_idempotency_key(c, user.id, key).await? {
                return Ok(Created { filing: self.view(f).await?, replayed: true });
            }
        }
        let subject = input.subject.trim();
        if subject.is_empty() {
            return Err(Error::BadRequest(Msg::MissingField("subject")));
        }
        if subject.chars().count() > MAX_SUBJECT {
            return Err(Error::BadRequest(Msg::FieldTooLong("subject", MAX_SUBJECT)));
        }
        if input.message.chars().count() > MAX_MESSAGE {
            return Err(Error::BadRequest(Msg::FieldTooLong("message", MAX_MESSAGE)));
        }
        let code = input.administration.trim();
        if code.is_empty() {
            return Err(Error::BadRequest(Msg::MissingField("administration")));
        }
        let admin = queries::administration_by_code(c, code)
            .await?
            .ok_or_else(|| Error::BadRequest(Msg::UnknownAdministration(code.to_owned())))?;
        let service = match input.service.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(
                queries::service_by_code(c, admin.id, s)
                    .await?
                    .ok_or_else(|| Error::BadRequest(Msg::UnknownService(s.to_owned())))?,
            ),
            None => None,
        };
        // Checked (limits, type from content, parse) and stored off the async threads;
        // nothing is written until every document passed. Shared with every intake channel.
        let attachments::Stored { rows, created } = attachments::check_and_store(&self.storage, &self.config.filings, input.documents).await?;

        let documents: Vec<DocumentView> = rows
            .iter()
            .map(|r| DocumentView { name: r.name.clone(), content_type: r.content_type.clone(), size: r.size, sha256: r.sha256.clone() })
            .collect();
        let now = Utc::now();
        let id = uuid::Uuid::new_v4().to_string();
        let admin_name = Names::from(&admin).get(user.lang).to_owned();
        let link = format!("{}/filings/{id}", self.config.server.public_url.trim_end_matches('/'));
        let (prefix, format) = (admin.number_prefix.clone(), admin.number_format.clone());
        let year = now.year();
        let entry = register::NewEntry {
            id: id.clone(),
            administration_id: admin.id,
            service_id: service.as_ref().map(|s| s.id),
            filer_id: Some(user.id),
            direction: INCOMING,
            year,
            subject,
            message: &input.message,
            idempotency_key,
            received_at: now,
            documents: rows,
            details: register::EntryDetails::default(),
            mail: Some(("receipt", &user.email)),
        };
        let lang = user.lang;
        let outcome = register::register(
            &self.db,
            entry,
            move |seq| format_number(&format, &prefix, year, INCOMING, seq),
            move |number| super::mail::receipt_email(lang, number, &admin_name, &link),
        )
        .await;
        let mut model = match outcome {
            Ok(register::Registered::New(m)) => m,
            Ok(register::Registered::Duplicate) => {
                let key = idempotency_key.unwrap_or_default();
                let f = register::by_idempotency_key(c, user.id, key).await?.ok_or(Error::NotFound)?;
                return Ok(Created { filing: self.view(f).await?, replayed: true });
            }
            Err(e) => {
                created.iter().for_each(|s| self.storage.remove(s));
                return Err(e);
            }
        };
        tracing::info!(filing = %model.id, number = %model.number, filer = user.id, "filing registered");
        // Everything the receipt and the answer show is at hand: nothing is read back.
        let data = self.receipt_data(&model, Names::from(&admin), user.display_name.clone(), user.email.clone(), documents.clone());
        match self.seal_receipt(&model, data).await {
            Ok((_, sha)) => model.receipt_sha256 = Some(sha),
            // The filing is durably registered; the receipt is produced again on download.
            Err(e) => tracing::error!(filing = %model.id, error = %e, "receipt not sealed yet"),
        }
        Ok(Created { filing: filing_view(model, &admin, service.map(|s| s.code), documents), replayed: false })
    }

    /// The filer's own filings, newest first.
    pub async fn list_my_filings(&self, user: &CurrentUser) -> Result<Vec<FilingView>> {
        let mut out = Vec::new();
        for f in register::of_filer(&self.db.conn, user.id).await? {
            out.push(self.view(f).await?);
        }
        Ok(out)
    }

    /// One filing, only for its filer: anyone else gets `NotFound`, as if it did not exist.
    pub async fn get_filing(&self, user: &CurrentUser, id: &str) -> Result<FilingView> {
        let f = self.own_filing(user, id).await?;
        self.view(f).await
    }

    pub(crate) async fn own_filing(&self, user: &CurrentUser, id: &str) -> Result<filing::Model> {
        match register::by_id(&self.db.conn, id).await? {
            Some(f) if super::authz::allowed(user, super::authz::Action::ReadOwnFiling { filer_id: f.filer_id }) => Ok(f),
            _ => Err(Error::NotFound),
        }
    }

    pub(crate) async fn view(&self, f: filing::Model) -> Result<FilingView> {
        let c = &self.db.conn;
        let admin = queries::administration_by_id(c, f.administration_id).await?.ok_or(Error::NotFound)?;
        let service = match f.service_id {
            Some(s) => queries::service_by_id(c, s).await?.map(|s| s.code),
            None => None,
        };
        let documents = register::documents_of(c, &f.id)
            .await?
            .into_iter()
            .map(|d| DocumentView { name: d.name, content_type: d.content_type, size: d.size, sha256: d.sha256 })
            .collect();
        Ok(filing_view(f, &admin, service, documents))
    }
}

fn filing_view(f: filing::Model, admin: &administration::Model, service: Option<String>, documents: Vec<DocumentView>) -> FilingView {
    FilingView {
        receipt_url: format!("/api/v1/filings/{}/receipt.pdf", f.id),
        receipt_ready: f.receipt_sha256.is_some(),
        id: f.id,
        number: f.number,
        status: f.status,
        administration: admin.code.clone(),
        administration_names: Names::from(admin),
        service,
        subject: f.subject,
        message: f.message,
        received_at: f.received_at,
        documents,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn number_format() {
        let default = "{prefix}-{year}-{dir}-{seq:06}";
        assert_eq!(super::format_number(default, "DEMO", 2026, "A", 123), "DEMO-2026-A-000123");
        assert_eq!(super::format_number("{dir}/{seq}/{year}", "X", 2026, "D", 7), "D/7/2026");
        assert_eq!(super::format_number("{prefix}{seq:03}{oops}", "R", 2026, "I", 1234), "R1234{oops}");
        assert_eq!(super::format_number("{seq:099}-{", "R", 2026, "I", 5), "{seq:099}-{");
    }
}
