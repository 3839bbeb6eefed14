//! Routing over JSON: assignments (imputation) and the routing slip, work lists, answer
//! drafts and their dispatch, and the answers a filer received. Handlers parse, call one
//! domain service, map the result.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use super::query::Query;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::multipart::read_form;
use super::AppState;
use crate::domain::answer_access::AnswerView;
use crate::domain::answers::{DispatchInput, Dispatched, DraftInput, DraftView};
use crate::domain::attachments::NewDocument;
use crate::domain::routing::{Assignable, AssignmentView, NewAssignment, RoutingSlip};
use crate::domain::worklists::{WorkFilter, WorkItem};
use crate::error::{Error, Result};
use crate::i18n::Msg;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/entries/{id}/routing", get(slip))
        .route("/api/v1/entries/{id}/assignable", get(assignable))
        .route("/api/v1/entries/{id}/assignments", post(assign))
        .route("/api/v1/assignments/{id}/accept", post(accept))
        .route("/api/v1/assignments/{id}/reassign", post(reassign))
        .route("/api/v1/assignments/{id}/done", post(done))
        .route("/api/v1/work", get(my_work))
        .route("/api/v1/units/{id}/work", get(unit_work))
        .route("/api/v1/entries/{id}/drafts", get(drafts).post(create_draft))
        .route("/api/v1/drafts/{id}", get(draft).put(update_draft))
        .route("/api/v1/drafts/{id}/dispatch", post(dispatch))
        .route("/api/v1/outgoing/{id}/pdf", get(outgoing_pdf))
        .route("/api/v1/filings/{id}/answers", get(answers))
        .route("/api/v1/filings/{id}/answers/{answer}/pdf", get(answer_pdf))
}

/// Body of an imputation: one or more addressees.
#[derive(Deserialize, ToSchema)]
pub struct AssignRequest {
    pub assignments: Vec<NewAssignment>,
}

/// Multipart form of a draft (documentation only): `subject`, `body` and an optional PDF.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct DraftForm {
    subject: String,
    body: String,
    /// The answer as a PDF (else a letter is composed from the text at dispatch).
    #[schema(value_type = Option<String>, format = Binary)]
    documents: Option<Vec<u8>>,
}

/// Reads a draft from JSON or from a multipart form (fields + optional `documents` PDF).
pub async fn read_draft(state: &AppState, req: Request) -> Result<(DraftInput, Option<NewDocument>, Option<String>)> {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        let Json(input) = Json::<DraftInput>::from_request(req, state)
            .await
            .map_err(|_| Error::BadRequest(Msg::MissingField("subject")))?;
        return Ok((input, None, None));
    }
    let mp = Multipart::from_request(req, state).await.map_err(|_| Error::BadRequest(Msg::MissingField("subject")))?;
    let form = read_form(mp, &state.config().filings, &["documents", "pdf"]).await?;
    let doc = form.documents.iter().find(|d| !d.bytes.is_empty()).map(|d| NewDocument {
        name: if d.name.is_empty() { "answer.pdf".into() } else { d.name.clone() },
        bytes: d.bytes.clone(),
    });
    let (subject, body, csrf) = (form.text("subject"), form.text("body"), form.get("csrf"));
    Ok((DraftInput { subject, body }, doc, csrf))
}

fn pdf_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.pdf\"")),
        ],
        bytes,
    )
        .into_response()
}

/// The routing slip (fiche de circulation): every assignment of the entry in order.
#[utoipa::path(get, path = "/api/v1/entries/{id}/routing", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = RoutingSlip), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn slip(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Json<RoutingSlip>> {
    Ok(Json(state.svc.routing_slip(&user, &id).await?))
}

/// Units and staff the entry can be assigned to.
#[utoipa::path(get, path = "/api/v1/entries/{id}/assignable", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Assignable), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn assignable(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Json<Assignable>> {
    Ok(Json(state.svc.assignable(&user, &id).await?))
}

/// Assigns the entry to units or people, for action or information (clerks, or the
/// official heading a unit that holds it). The entry becomes `assigned`.
#[utoipa::path(post, path = "/api/v1/entries/{id}/assignments", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)), request_body = AssignRequest,
    responses((status = 201, body = Vec<AssignmentView>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn assign(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>, Json(body): Json<AssignRequest>) -> Result<Response> {
    let made = state.svc.assign(&user, &id, body.assignments).await?;
    Ok((StatusCode::CREATED, Json(made)).into_response())
}

/// The assignee accepts the assignment (an action assignment puts the entry in progress).
#[utoipa::path(post, path = "/api/v1/assignments/{id}/accept", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = AssignmentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn accept(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>) -> Result<Json<AssignmentView>> {
    Ok(Json(state.svc.accept_assignment(&user, id).await?))
}

/// Passes the assignment on to another unit or person; the old one is marked `reassigned`.
#[utoipa::path(post, path = "/api/v1/assignments/{id}/reassign", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)), request_body = NewAssignment,
    responses((status = 200, body = AssignmentView, description = "the new assignment"), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn reassign(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>, Json(body): Json<NewAssignment>) -> Result<Json<AssignmentView>> {
    Ok(Json(state.svc.reassign(&user, id, body).await?))
}

/// The assignee marks the assignment done.
#[utoipa::path(post, path = "/api/v1/assignments/{id}/done", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = AssignmentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn done(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>) -> Result<Json<AssignmentView>> {
    Ok(Json(state.svc.complete_assignment(&user, id).await?))
}

/// The caller's work list: open assignments to them or their units, by deadline, with
/// overdue and due-soon flags.
#[utoipa::path(get, path = "/api/v1/work", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(WorkFilter),
    responses((status = 200, body = Vec<WorkItem>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn my_work(State(state): State<AppState>, Authenticated(user): Authenticated, Query(f): Query<WorkFilter>) -> Result<Json<Vec<WorkItem>>> {
    Ok(Json(state.svc.my_work(&user, &f).await?))
}

/// One unit's work list (its staff, officials above it, registry staff).
#[utoipa::path(get, path = "/api/v1/units/{id}/work", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path), WorkFilter),
    responses((status = 200, body = Vec<WorkItem>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn unit_work(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>, Query(f): Query<WorkFilter>) -> Result<Json<Vec<WorkItem>>> {
    Ok(Json(state.svc.unit_work(&user, id, &f).await?))
}

/// The answer drafts of an entry.
#[utoipa::path(get, path = "/api/v1/entries/{id}/drafts", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<DraftView>), (status = 404, body = ErrorBody)))]
pub async fn drafts(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Json<Vec<DraftView>>> {
    Ok(Json(state.svc.drafts(&user, &id).await?))
}

/// Drafts an answer to an incoming entry (an agent or official of a unit holding it for
/// action): JSON `{subject, body}` or a multipart form with an optional PDF.
#[utoipa::path(post, path = "/api/v1/entries/{id}/drafts", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    request_body(content((DraftInput = "application/json"), (DraftForm = "multipart/form-data"))),
    responses((status = 201, body = DraftView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn create_draft(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>, req: Request) -> Result<Response> {
    let (input, pdf, _) = read_draft(&state, req).await?;
    let d = state.svc.create_draft(&user, &id, input, pdf).await?;
    Ok((StatusCode::CREATED, Json(d)).into_response())
}

/// One draft.
#[utoipa::path(get, path = "/api/v1/drafts/{id}", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = DraftView), (status = 404, body = ErrorBody)))]
pub async fn draft(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>) -> Result<Json<DraftView>> {
    Ok(Json(state.svc.draft(&user, id).await?))
}

/// Edits a draft not yet dispatched (a PDF in the form replaces the attached one).
#[utoipa::path(put, path = "/api/v1/drafts/{id}", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)),
    request_body(content((DraftInput = "application/json"), (DraftForm = "multipart/form-data"))),
    responses((status = 200, body = DraftView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_draft(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>, req: Request) -> Result<Json<DraftView>> {
    let (input, pdf, _) = read_draft(&state, req).await?;
    Ok(Json(state.svc.update_draft(&user, id, input, pdf).await?))
}

/// Dispatches the answer: registers the outgoing entry (register D) with the sealed PDF,
/// sends it (`portal`: filer's space + e-mail; `email`; `post`: printed and posted) and
/// marks the incoming entry `answered`. A draft is dispatched once (409 after).
#[utoipa::path(post, path = "/api/v1/drafts/{id}/dispatch", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)), request_body = DispatchInput,
    responses((status = 201, body = Dispatched), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn dispatch(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>, Json(body): Json<DispatchInput>) -> Result<Response> {
    let d = state.svc.dispatch(&user, id, body).await?;
    Ok((StatusCode::CREATED, Json(d)).into_response())
}

/// The PDF of an outgoing entry (staff who may see it).
#[utoipa::path(get, path = "/api/v1/outgoing/{id}/pdf", tag = "routing", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn outgoing_pdf(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Response> {
    let (number, pdf) = state.svc.outgoing_pdf(&user, &id).await?;
    Ok(pdf_response(&number, pdf))
}

/// The answers the caller (the filer) received to one of their filings.
#[utoipa::path(get, path = "/api/v1/filings/{id}/answers", tag = "filings", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<AnswerView>), (status = 404, body = ErrorBody)))]
pub async fn answers(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<String>) -> Result<Json<Vec<AnswerView>>> {
    Ok(Json(state.svc.answers_for_filer(&user, &id).await?))
}

/// One answer's PDF, for the filer.
#[utoipa::path(get, path = "/api/v1/filings/{id}/answers/{answer}/pdf", tag = "filings", security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path), ("answer" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn answer_pdf(State(state): State<AppState>, Authenticated(user): Authenticated, Path((id, answer)): Path<(String, String)>) -> Result<Response> {
    let (number, pdf) = state.svc.answer_pdf_for_filer(&user, &id, &answer).await?;
    Ok(pdf_response(&number, pdf))
}
