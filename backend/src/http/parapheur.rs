//! The e-parapheur over JSON: folders, circuits, actions, history, delegations, keys,
//! templates, the administration's PAdES level, and batch signing. Thin handlers: each
//! parses, calls one `Services` method (which authorises) and maps the result.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use super::query::Query;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::multipart::{read_form, FormData};
use super::AppState;
use crate::domain::parapheur::actions::{Act, BatchResult};
use crate::domain::parapheur::circuits::{CircuitSource, Placement, StepSpec, TemplateView};
use crate::domain::parapheur::delegation::{AnnotationView, DelegationView, History, HistoryLine};
use crate::domain::parapheur::folders::{DocumentView, FolderView, NewFolder, StepView};
use crate::domain::parapheur::keys::{KeyPurpose, KeyView, NewKey};
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// The parapheur's part of `/api/v1/openapi.json` (merged in `openapi.rs`).
#[derive(OpenApi)]
#[openapi(
    paths(create_folder, list_folders, show_folder, document, start_circuit, act, history, batch_sign,
        create_delegation, list_delegations, register_key, my_key, create_template, list_templates, set_settings),
    components(schemas(FolderView, DocumentView, StepView, StepSpec, Placement, CircuitSource, TemplateView, History,
        HistoryLine, AnnotationView, DelegationView, KeyView, KeyPurpose, BatchResult))
)]
pub struct ParapheurApi;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/parapheur/folders", post(create_folder).get(list_folders))
        .route("/api/v1/parapheur/folders/{id}", get(show_folder))
        .route("/api/v1/parapheur/folders/{id}/documents/{doc}", get(document))
        .route("/api/v1/parapheur/folders/{id}/circuit", post(start_circuit))
        .route("/api/v1/parapheur/folders/{id}/actions", post(act))
        .route("/api/v1/parapheur/folders/{id}/history", get(history))
        .route("/api/v1/parapheur/batch-sign", post(batch_sign))
        .route("/api/v1/parapheur/delegations", post(create_delegation).get(list_delegations))
        .route("/api/v1/parapheur/keys", post(register_key).get(my_key))
        .route("/api/v1/parapheur/templates", post(create_template).get(list_templates))
        .route("/api/v1/parapheur/settings", put(set_settings))
}

/// Multipart form of a new folder (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FolderForm {
    administration_id: i32,
    title: String,
    unit_id: Option<i32>,
    /// The register entry this folder answers.
    entry_id: Option<String>,
    /// Main documents (PDF; office documents only when a converter is configured).
    #[schema(value_type = Vec<String>, format = Binary)]
    main: Vec<Vec<u8>>,
    /// Annexes (PDF, JPEG or PNG).
    #[schema(value_type = Vec<String>, format = Binary)]
    annexes: Vec<Vec<u8>>,
}

/// A new folder from its multipart form: `main` and `annexes` files, and the fields.
pub fn folder_from_form(form: &FormData) -> Result<NewFolder> {
    let int = |field: &'static str| -> Result<Option<i32>> {
        let t = form.text(field);
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<i32>().map(Some).map_err(|_| Error::BadRequest(Msg::InvalidValue(field)))
    };
    let entry_id = form.text("entry_id").trim().to_owned();
    Ok(NewFolder {
        administration_id: int("administration_id")?.unwrap_or(0),
        title: form.text("title"),
        unit_id: int("unit_id")?,
        entry_id: (!entry_id.is_empty()).then_some(entry_id),
        main: form.files("main"),
        annexes: form.files("annexes"),
    })
}

/// Creates a draft folder with its main documents and annexes.
#[utoipa::path(post, path = "/api/v1/parapheur/folders", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body(content = FolderForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FolderView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "Not staff there, a unit that is not one of the caller's (`not_your_unit`), or answering an entry the caller's unit does not hold for action", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, description = "a PDF passes a limit set for untrusted files (the message names it)", body = ErrorBody)))]
pub async fn create_folder(State(state): State<AppState>, Authenticated(user): Authenticated, req: Request) -> Result<Response> {
    let mp = Multipart::from_request(req, &state).await.map_err(|_| Error::BadRequest(Msg::MissingField("main")))?;
    let form = read_form(mp, &state.config().filings, &["main", "annexes"]).await?;
    let f = state.svc.create_folder(&user, folder_from_form(&form)?).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/parapheur/folders/{}", f.id))], Json(f)).into_response())
}

#[derive(Deserialize, IntoParams)]
pub struct AdministrationQuery {
    pub administration_id: i32,
}

#[derive(Deserialize, IntoParams)]
pub struct FolderListQuery {
    pub administration_id: i32,
    /// How many completed folders to include, the most recently completed (default 50, at most 500).
    pub completed: Option<u64>,
}

/// Folders the caller (or someone they act for) originated or has a step in, newest first:
/// every open one, and the most recently completed ones (`completed`, default 50).
#[utoipa::path(get, path = "/api/v1/parapheur/folders", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(FolderListQuery), responses((status = 200, body = Vec<FolderView>), (status = 401, body = ErrorBody)))]
pub async fn list_folders(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<FolderListQuery>) -> Result<Json<Vec<FolderView>>> {
    Ok(Json(state.svc.my_folders(&user, q.administration_id, q.completed.unwrap_or(50).min(500)).await?))
}

/// One folder with its documents and steps (404 unless the caller takes part in it).
#[utoipa::path(get, path = "/api/v1/parapheur/folders/{id}", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = FolderView), (status = 404, body = ErrorBody)))]
pub async fn show_folder(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>) -> Result<Json<FolderView>> {
    Ok(Json(state.svc.folder_view(&user, id).await?))
}

/// A document's current version (with every signature applied so far).
#[utoipa::path(get, path = "/api/v1/parapheur/folders/{id}/documents/{doc}", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path), ("doc" = i32, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn document(State(state): State<AppState>, Authenticated(user): Authenticated, Path((id, doc)): Path<(i32, i32)>) -> Result<Response> {
    let (name, bytes) = state.svc.folder_document(&user, id, doc).await?;
    let ct = if bytes.starts_with(b"%PDF-") { "application/pdf" } else { "application/octet-stream" };
    let safe: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')).collect();
    Ok(([(header::CONTENT_TYPE, ct.to_owned()), (header::CONTENT_DISPOSITION, format!("inline; filename=\"{safe}\""))], bytes).into_response())
}

/// Starts the circuit (from a template or ad hoc steps); also restarts a rejected folder.
#[utoipa::path(post, path = "/api/v1/parapheur/folders/{id}/circuit", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)), request_body = CircuitSource,
    responses((status = 200, body = FolderView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn start_circuit(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>, Json(src): Json<CircuitSource>) -> Result<Json<FolderView>> {
    Ok(Json(state.svc.start_circuit(&user, id, src).await?))
}

/// An action on a folder.
#[derive(Deserialize, ToSchema)]
pub struct ActRequest {
    /// `approve`, `sign`, `reject`, `return` or `annotate`.
    pub action: String,
    /// The key's PIN (`sign`).
    pub pin: Option<String>,
    /// Required for `reject`; optional for `return` and as the `approve` comment.
    pub reason: Option<String>,
    /// `return`: the position to go back to.
    pub to_position: Option<i32>,
    /// `annotate`: the text, and whether only its author sees it.
    pub body: Option<String>,
    #[serde(default)]
    pub private: bool,
}

/// Approve (visa), sign, reject (reason required), return to an earlier step, or annotate.
#[utoipa::path(post, path = "/api/v1/parapheur/folders/{id}/actions", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)), request_body = ActRequest,
    responses((status = 200, body = FolderView), (status = 400, body = ErrorBody),
        (status = 403, description = "Not the caller's step; or, on a folder answering a register entry: a signatory who is not an official of the answering unit (`not_entitled_to_sign`), a test key or a key not from a trusted authority (`test_key_for_answer`, `key_not_trusted`), completing without a signature (`answer_needs_signature`)", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 503, description = "The remote signing service failed (`signing_service_unavailable`; the detail is only logged)", body = ErrorBody)))]
pub async fn act(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>, Json(r): Json<ActRequest>) -> Result<Json<FolderView>> {
    let a = match r.action.as_str() {
        "approve" => Act::Approve { comment: r.reason },
        "sign" => Act::Sign { pin: r.pin.ok_or(Error::BadRequest(Msg::MissingField("pin")))? },
        "reject" => Act::Reject { reason: r.reason.unwrap_or_default() },
        "return" => Act::Return { to_position: r.to_position.ok_or(Error::BadRequest(Msg::MissingField("to_position")))?, reason: r.reason },
        "annotate" => Act::Annotate { body: r.body.unwrap_or_default(), private: r.private },
        _ => return Err(Error::BadRequest(Msg::InvalidValue("action"))),
    };
    Ok(Json(state.svc.act(&user, id, a).await?))
}

/// The folder's history step by step, and the annotations the caller may read.
#[utoipa::path(get, path = "/api/v1/parapheur/folders/{id}/history", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = History), (status = 404, body = ErrorBody)))]
pub async fn history(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>) -> Result<Json<History>> {
    Ok(Json(state.svc.folder_history(&user, id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct BatchRequest {
    /// At most 500 folders; a longer list is refused (400) while the body is read.
    #[serde(deserialize_with = "bounded_ids")]
    #[schema(max_items = 500)]
    pub folder_ids: Vec<i32>,
    pub pin: String,
}

/// The parse error of a list past `MAX_BATCH`, recognised in the rejection.
const TOO_MANY_IDS: &str = "more folder ids than a batch holds";

/// Reads at most `MAX_BATCH` ids: past that the body is refused without reading (or
/// keeping) the rest.
fn bounded_ids<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<i32>, D::Error> {
    use crate::domain::parapheur::batch::MAX_BATCH;
    struct Ids;
    impl<'de> serde::de::Visitor<'de> for Ids {
        type Value = Vec<i32>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "at most {MAX_BATCH} folder ids")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Vec<i32>, A::Error> {
            let mut out = Vec::new();
            while let Some(id) = seq.next_element::<i32>()? {
                if out.len() == MAX_BATCH {
                    return Err(serde::de::Error::custom(TOO_MANY_IDS));
                }
                out.push(id);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Ids)
}

/// A batch body that does not parse (more than `MAX_BATCH` ids included) is a 400 with
/// the usual error body, not axum's plain-text 422.
pub(crate) fn batch_body(body: std::result::Result<Json<BatchRequest>, JsonRejection>) -> Result<BatchRequest> {
    use crate::domain::parapheur::{batch::MAX_BATCH, msg::PMsg};
    match body {
        Ok(Json(r)) => Ok(r),
        Err(e) if e.body_text().contains(TOO_MANY_IDS) => Err(Error::BadRequest(Msg::Parapheur(PMsg::TooManyFolders(MAX_BATCH)))),
        Err(_) => Err(Error::BadRequest(Msg::InvalidValue("folder_ids"))),
    }
}

/// Signs many folders with one unlock of the key; one result per folder (partial failures
/// are reported, the others signed).
#[utoipa::path(post, path = "/api/v1/parapheur/batch-sign", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body = BatchRequest, responses((status = 200, body = Vec<BatchResult>),
        (status = 400, description = "No folder, more than 500 (`too_many_folders`), a body that does not parse, or a wrong PIN", body = ErrorBody),
        (status = 503, description = "The remote signing service failed (`signing_service_unavailable`)", body = ErrorBody)))]
pub async fn batch_sign(State(state): State<AppState>, Authenticated(user): Authenticated, body: std::result::Result<Json<BatchRequest>, JsonRejection>) -> Result<Json<Vec<BatchResult>>> {
    let r = batch_body(body)?;
    Ok(Json(state.svc.batch_sign(&user, &r.folder_ids, &r.pin).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct DelegationRequest {
    pub administration_id: i32,
    pub delegate_id: i32,
    /// Default: now.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: DateTime<Utc>,
}

/// Delegates the caller's steps to another staff member for a period.
#[utoipa::path(post, path = "/api/v1/parapheur/delegations", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body = DelegationRequest, responses((status = 201, body = DelegationView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_delegation(State(state): State<AppState>, Authenticated(user): Authenticated, Json(r): Json<DelegationRequest>) -> Result<Response> {
    let d = state.svc.delegate(&user, r.administration_id, r.delegate_id, r.starts_at.unwrap_or_else(Utc::now), r.ends_at).await?;
    Ok((StatusCode::CREATED, Json(d)).into_response())
}

/// Delegations the caller gave or received.
#[utoipa::path(get, path = "/api/v1/parapheur/delegations", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<DelegationView>)))]
pub async fn list_delegations(State(state): State<AppState>, Authenticated(user): Authenticated) -> Result<Json<Vec<DelegationView>>> {
    Ok(Json(state.svc.my_delegations(&user).await?))
}

/// A signing key to register: a PKCS#12 (base64) with its PIN, a PKCS#11 token, or a CSC credential.
#[derive(Deserialize, ToSchema)]
pub struct KeyRequest {
    /// `pkcs12`, `pkcs11` or `csc`.
    pub kind: String,
    #[serde(default)]
    pub label: String,
    pub p12_base64: Option<String>,
    pub pin: Option<String>,
    pub module: Option<String>,
    pub token: Option<String>,
    pub key_label: Option<String>,
    pub endpoint: Option<String>,
    pub credential_id: Option<String>,
    /// Register it as a test key: any certificate is accepted, and the key never signs an
    /// answer of the administration. Without it, a PKCS#12 whose certificate does not chain
    /// to the administration's trust anchors is refused (400 `key_not_trusted`).
    #[serde(default)]
    pub test: bool,
}

/// Registers the caller's signing key (it becomes their active key); a PKCS#12 must open with the PIN.
#[utoipa::path(post, path = "/api/v1/parapheur/keys", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body = KeyRequest, responses((status = 201, body = KeyView),
        (status = 400, description = "A wrong file or PIN, a module or service not allowed, or a certificate not from a trusted authority without `test` (`key_not_trusted`)", body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn register_key(State(state): State<AppState>, Authenticated(user): Authenticated, Json(r): Json<KeyRequest>) -> Result<Response> {
    let need = |v: Option<String>, f: &'static str| v.ok_or(Error::BadRequest(Msg::MissingField(f)));
    let key = match r.kind.as_str() {
        "pkcs12" => {
            let p12 = base64::engine::general_purpose::STANDARD
                .decode(need(r.p12_base64, "p12_base64")?.trim())
                .map_err(|_| Error::BadRequest(Msg::InvalidValue("p12_base64")))?;
            NewKey::Pkcs12 { p12, pin: need(r.pin, "pin")? }
        }
        "pkcs11" => NewKey::Pkcs11 { module: need(r.module, "module")?, token: need(r.token, "token")?, key_label: need(r.key_label, "key_label")? },
        "csc" => NewKey::Csc { endpoint: need(r.endpoint, "endpoint")?, credential_id: need(r.credential_id, "credential_id")? },
        _ => return Err(Error::BadRequest(Msg::InvalidValue("kind"))),
    };
    let purpose = if r.test { KeyPurpose::Test } else { KeyPurpose::Signing };
    let k = state.svc.register_key(&user, &r.label, key, purpose).await?;
    Ok((StatusCode::CREATED, Json(k)).into_response())
}

/// The caller's active signing key, if any (never the keystore itself).
#[utoipa::path(get, path = "/api/v1/parapheur/keys", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    responses((status = 200, body = Option<KeyView>)))]
pub async fn my_key(State(state): State<AppState>, Authenticated(user): Authenticated) -> Result<Json<Option<KeyView>>> {
    Ok(Json(state.svc.my_key(&user).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct TemplateRequest {
    pub administration_id: i32,
    pub name: String,
    pub steps: Vec<StepSpec>,
}

/// Saves a circuit template (administrators of the administration).
#[utoipa::path(post, path = "/api/v1/parapheur/templates", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body = TemplateRequest, responses((status = 201, body = TemplateView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_template(State(state): State<AppState>, Authenticated(user): Authenticated, Json(r): Json<TemplateRequest>) -> Result<Response> {
    let t = state.svc.create_template(&user, r.administration_id, &r.name, r.steps).await?;
    Ok((StatusCode::CREATED, Json(t)).into_response())
}

/// The administration's circuit templates.
#[utoipa::path(get, path = "/api/v1/parapheur/templates", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(AdministrationQuery), responses((status = 200, body = Vec<TemplateView>), (status = 403, body = ErrorBody)))]
pub async fn list_templates(State(state): State<AppState>, Authenticated(user): Authenticated, Query(q): Query<AdministrationQuery>) -> Result<Json<Vec<TemplateView>>> {
    Ok(Json(state.svc.templates(&user, q.administration_id).await?))
}

#[derive(Deserialize, Serialize, ToSchema)]
pub struct Settings {
    pub administration_id: i32,
    /// `B-B`, `B-T`, `B-LT` (default) or `B-LTA`.
    pub pades_level: String,
}

/// Sets the PAdES level of the administration's signatures (administrators).
#[utoipa::path(put, path = "/api/v1/parapheur/settings", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body = Settings, responses((status = 200, body = Settings), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn set_settings(State(state): State<AppState>, Authenticated(user): Authenticated, Json(r): Json<Settings>) -> Result<Json<Settings>> {
    let level = state.svc.set_pades_level(&user, r.administration_id, &r.pades_level).await?;
    Ok(Json(Settings { administration_id: r.administration_id, pades_level: level.as_str().to_owned() }))
}
