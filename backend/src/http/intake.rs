//! The bureau d'ordre over JSON: intake (paper mail, internal mail, mail from another
//! administration), the clerk's queue and entries, document downloads, the address book of
//! correspondents and clearances. Handlers parse, call one domain service, map the result.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use super::query::Query;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::AppState;
use crate::config::Filings as Limits;
use crate::db::bureau::QueueFilter;
use crate::domain::bureau::{EntryView, QueuePage, StaffClearance};
use crate::domain::correspondents::{CorrespondentInput, CorrespondentView};
use crate::domain::exchange::AdministrationMail;
use crate::domain::intake::{self, InternalMail, PaperMail, Registration};
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/correspondence", post(correspondence))
        .route("/api/v1/bureau/paper", post(paper))
        .route("/api/v1/bureau/internal", post(internal))
        .route("/api/v1/bureau/entries", get(queue))
        .route("/api/v1/bureau/entries/{id}", get(entry))
        .route("/bureau/entries/{id}/documents/{n}", get(document))
        .route("/api/v1/correspondents", get(search_correspondents).post(create_correspondent))
        .route("/api/v1/correspondents/{id}", put(update_correspondent))
        .route("/api/v1/clearances", get(clearances))
        .route("/api/v1/clearances/{user_id}", put(set_clearance))
}

pub use super::multipart::FormData;

/// The file fields of the bureau's forms.
const FILE_FIELDS: &[&str] = &["documents", "documents[]", "scan"];

/// Reads a bureau form (see `multipart::read_form`). Shared with the page handlers.
pub async fn read_form(mp: Multipart, limits: &Limits) -> Result<FormData> {
    super::multipart::read_form(mp, limits, FILE_FIELDS).await
}

async fn form_of(state: &AppState, req: Request) -> Result<FormData> {
    let mp = Multipart::from_request(req, state).await.map_err(|_| Error::BadRequest(Msg::MissingField("documents")))?;
    read_form(mp, &state.config().filings).await
}

/// The `Idempotency-Key` header, else the form's `idempotency_key` field.
pub fn idempotency_key(headers: &HeaderMap, form: &FormData) -> Result<Option<String>> {
    match headers.get("idempotency-key").map(|v| v.to_str().map(str::to_owned)) {
        Some(Ok(k)) => Ok(Some(k)),
        Some(Err(_)) => Err(Error::BadRequest(Msg::BadIdempotencyKey)),
        None => Ok(form.get("idempotency_key").filter(|k| !k.is_empty())),
    }
}

pub fn paper_mail(f: FormData) -> PaperMail {
    let new_name = f.text("correspondent_name");
    PaperMail {
        administration: f.get("administration"),
        correspondent_id: f.get("correspondent_id"),
        new_correspondent: (!new_name.trim().is_empty()).then(|| CorrespondentInput {
            kind: f.get("correspondent_kind"),
            name: new_name,
            email: f.get("correspondent_email"),
            phone: f.get("correspondent_phone"),
            address: f.get("correspondent_address"),
        }),
        letter_date: f.get("letter_date"),
        received_date: f.get("received_date"),
        subject: f.text("subject"),
        message: f.text("message"),
        category: f.get("category"),
        confidentiality: f.get("confidentiality"),
        priority: f.get("priority"),
        deadline: f.get("deadline"),
        unit_id: f.get("unit_id"),
        filer_email: f.get("filer_email"),
        documents: f.documents,
    }
}

pub fn internal_mail(f: FormData) -> InternalMail {
    InternalMail {
        administration: f.get("administration"),
        from_unit_id: f.get("from_unit_id"),
        to_unit_id: f.text("to_unit_id"),
        subject: f.text("subject"),
        message: f.text("message"),
        confidentiality: f.get("confidentiality"),
        priority: f.get("priority"),
        deadline: f.get("deadline"),
        documents: f.documents,
    }
}

fn created(r: Registration) -> Response {
    let status = if r.replayed { StatusCode::OK } else { StatusCode::CREATED };
    let location = format!("/api/v1/bureau/entries/{}", r.id);
    (status, [(header::LOCATION, location)], Json(r)).into_response()
}

/// Multipart form of mail from another administration (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CorrespondenceForm {
    /// The recipient administration's code, e.g. `DEMO`.
    administration: String,
    /// The sending administration's code (only for staff of several).
    sender: Option<String>,
    subject: String,
    message: String,
    /// The sender's own reference for the letter.
    reference: Option<String>,
    /// `YYYY-MM-DD`.
    letter_date: Option<String>,
    /// `normal` (default), `confidential` or `secret`.
    confidentiality: Option<String>,
    /// One or more files: PDF, JPEG or PNG.
    #[schema(value_type = Vec<String>, format = Binary)]
    documents: Vec<Vec<u8>>,
}

/// Mail from another administration (inter-administration exchange): registered in the
/// recipient's incoming register with the sender as correspondent. The caller must be
/// staff of the sending administration. 201, or 200 replaying an `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/correspondence", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a re-submit return the same entry")),
    request_body(content = CorrespondenceForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Registration), (status = 200, body = Registration, description = "replay"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, description = "a PDF passes a limit set for untrusted files (the message names it)", body = ErrorBody)))]
pub async fn correspondence(State(state): State<AppState>, Authenticated(user): Authenticated, headers: HeaderMap, req: Request) -> Result<Response> {
    let f = form_of(&state, req).await?;
    let key = idempotency_key(&headers, &f)?;
    let mail = AdministrationMail {
        administration: f.text("administration"),
        sender: f.get("sender"),
        subject: f.text("subject"),
        message: f.text("message"),
        reference: f.get("reference"),
        letter_date: f.get("letter_date"),
        confidentiality: f.get("confidentiality"),
        documents: f.documents,
    };
    Ok(created(state.svc.receive_from_administration(&user, mail, key.as_deref()).await?))
}

/// Multipart form of paper mail (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PaperForm {
    administration: Option<String>,
    /// A correspondent of the address book, or `correspondent_name` (+ `correspondent_kind`,
    /// `correspondent_email`, `correspondent_phone`, `correspondent_address`) for a new one.
    correspondent_id: Option<i32>,
    correspondent_name: Option<String>,
    letter_date: Option<String>,
    received_date: Option<String>,
    subject: String,
    message: Option<String>,
    category: Option<String>,
    confidentiality: Option<String>,
    /// `low`, `normal` or `urgent`.
    priority: Option<String>,
    deadline: Option<String>,
    unit_id: Option<i32>,
    /// Links the entry to this citizen's account when one is verified with this address.
    filer_email: Option<String>,
    /// The scan: PDF, JPEG or PNG.
    #[schema(value_type = Vec<String>, format = Binary)]
    documents: Vec<Vec<u8>>,
}

/// A paper letter registered by a clerk with its scan, in the incoming register.
#[utoipa::path(post, path = "/api/v1/bureau/paper", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body(content = PaperForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Registration), (status = 200, body = Registration), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, description = "a PDF passes a limit set for untrusted files (the message names it)", body = ErrorBody)))]
pub async fn paper(State(state): State<AppState>, Authenticated(user): Authenticated, headers: HeaderMap, req: Request) -> Result<Response> {
    let f = form_of(&state, req).await?;
    let key = idempotency_key(&headers, &f)?;
    Ok(created(state.svc.register_paper_mail(&user, paper_mail(f), key.as_deref()).await?))
}

/// Multipart form of internal mail (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct InternalForm {
    from_unit_id: Option<i32>,
    to_unit_id: i32,
    subject: String,
    message: Option<String>,
    confidentiality: Option<String>,
    priority: Option<String>,
    deadline: Option<String>,
    #[schema(value_type = Vec<String>, format = Binary)]
    documents: Vec<Vec<u8>>,
}

/// Internal mail from one of the caller's units to another unit, in the internal register.
#[utoipa::path(post, path = "/api/v1/bureau/internal", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body(content = InternalForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Registration), (status = 200, body = Registration), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, description = "a PDF passes a limit set for untrusted files (the message names it)", body = ErrorBody)))]
pub async fn internal(State(state): State<AppState>, Authenticated(user): Authenticated, headers: HeaderMap, req: Request) -> Result<Response> {
    let f = form_of(&state, req).await?;
    let key = idempotency_key(&headers, &f)?;
    Ok(created(state.svc.send_internal_mail(&user, internal_mail(f), key.as_deref()).await?))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct QueueQuery {
    /// Administration code (staff of several); the first one otherwise.
    pub administration: Option<String>,
    /// `A`, `D` or `I`.
    pub direction: Option<String>,
    pub status: Option<String>,
    pub origin: Option<String>,
    pub unit: Option<String>,
    /// Received on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Received on or before (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Zero-based page, at most 9,999 (400 beyond).
    pub page: Option<u64>,
}

impl QueueQuery {
    pub fn filter(&self) -> Result<QueueFilter> {
        let s = |v: &Option<String>| v.as_ref().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let day = |v: &Option<String>, field| intake::parse_date(v.clone(), field);
        Ok(QueueFilter {
            direction: s(&self.direction),
            status: s(&self.status),
            origin: s(&self.origin),
            unit_id: match s(&self.unit) {
                Some(u) => Some(u.parse().map_err(|_| Error::BadRequest(Msg::InvalidValue("unit")))?),
                None => None,
            },
            from: day(&self.from, "from")?.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
            until: day(&self.to, "to")?.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
        })
    }
}

/// The register entries the caller may see (confidentiality and units respected), newest
/// first, 50 a page.
#[utoipa::path(get, path = "/api/v1/bureau/entries", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(QueueQuery),
    responses((status = 200, body = QueuePage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn queue(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<QueueQuery>) -> Result<Json<QueuePage>> {
    let scope = state.svc.staff_scope(&user, q.administration.as_deref()).await?;
    Ok(Json(state.svc.queue(&scope, &q.filter()?, q.page.unwrap_or(0)).await?))
}

/// One register entry with its correspondent and documents; 404 unless the caller may see it.
#[utoipa::path(get, path = "/api/v1/bureau/entries/{id}", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = EntryView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn entry(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Json<EntryView>> {
    Ok(Json(state.svc.entry(&user, &id).await?))
}

/// A document of an entry (downloads of confidential documents are audited).
pub async fn document(State(state): State<AppState>, Authenticated(user): Authenticated, Path((id, n)): Path<(String, i32)>) -> Result<Response> {
    let (name, content_type, bytes) = state.svc.entry_document(&user, &id, n).await?;
    // An ASCII fallback plus the UTF-8 name (RFC 6266), so Arabic or accented names survive.
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let utf8: String = name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b".-_~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{safe}\"; filename*=UTF-8''{utf8}")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SearchQuery {
    /// Part of a name or e-mail address.
    pub q: Option<String>,
    pub administration: Option<String>,
}

/// The address book, found as you type: up to 10 correspondents whose name or e-mail
/// contains `q`, those starting with it first (staff of the administration).
#[utoipa::path(get, path = "/api/v1/correspondents", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(SearchQuery),
    responses((status = 200, body = Vec<CorrespondentView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn search_correspondents(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<SearchQuery>) -> Result<Json<Vec<CorrespondentView>>> {
    let scope = state.svc.staff_scope(&user, q.administration.as_deref()).await?;
    Ok(Json(state.svc.search_correspondents(&user, scope.administration_id, q.q.as_deref().unwrap_or("")).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AdminQuery {
    pub administration: Option<String>,
}

/// Adds a correspondent to the address book (clerks and administrators).
#[utoipa::path(post, path = "/api/v1/correspondents", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(AdminQuery), request_body = CorrespondentInput,
    responses((status = 201, body = CorrespondentView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_correspondent(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<AdminQuery>, Json(input): Json<CorrespondentInput>) -> Result<Response> {
    let scope = state.svc.staff_scope(&user, q.administration.as_deref()).await?;
    let c = state.svc.create_correspondent(&user, scope.administration_id, input).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

/// Corrects a correspondent of the address book (clerks and administrators).
#[utoipa::path(put, path = "/api/v1/correspondents/{id}", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path), AdminQuery), request_body = CorrespondentInput,
    responses((status = 200, body = CorrespondentView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update_correspondent(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>, Query(q): Query<AdminQuery>, Json(input): Json<CorrespondentInput>) -> Result<Json<CorrespondentView>> {
    let scope = state.svc.staff_scope(&user, q.administration.as_deref()).await?;
    Ok(Json(state.svc.update_correspondent(&user, scope.administration_id, id, input).await?))
}

/// The staff of the administration with their clearances (its administrators only).
#[utoipa::path(get, path = "/api/v1/clearances", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(AdminQuery),
    responses((status = 200, body = Vec<StaffClearance>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn clearances(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<AdminQuery>) -> Result<Json<Vec<StaffClearance>>> {
    let scope = state.svc.staff_scope(&user, q.administration.as_deref()).await?;
    Ok(Json(state.svc.clearances(&user, scope.administration_id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ClearanceInput {
    /// `confidential`, `secret`, or `normal` to revoke.
    pub level: String,
}

/// Grants or revokes a staff member's clearance (administrators of the administration).
#[utoipa::path(put, path = "/api/v1/clearances/{user_id}", tag = "bureau", security(("bearer" = []), ("cookie" = [])),
    params(("user_id" = i32, Path), AdminQuery), request_body = ClearanceInput,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_clearance(State(state): State<AppState>, Authenticated(user): Authenticated, Path(user_id): Path<i32>, Query(q): Query<AdminQuery>, Json(input): Json<ClearanceInput>) -> Result<StatusCode> {
    let scope = state.svc.staff_scope(&user, q.administration.as_deref()).await?;
    state.svc.set_clearance(&user, scope.administration_id, user_id, &input.level).await?;
    Ok(StatusCode::NO_CONTENT)
}
