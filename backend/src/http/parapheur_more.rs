//! The parapheur's second JSON part: revoking a delegation, the notification preference
//! (immediate e-mails or a daily digest), and batch signing in the background with its
//! progress. Thin handlers over `Services` (which authorises).

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use utoipa::OpenApi;

use super::error::ErrorBody;
use super::extract::Authenticated;
use super::parapheur::{batch_body, BatchRequest};
use super::AppState;
use crate::domain::parapheur::batch::{BatchItemView, BatchView};
use crate::domain::parapheur::delegation::DelegationView;
use crate::domain::parapheur::digest::Preferences;
use crate::error::Result;

#[derive(OpenApi)]
#[openapi(paths(revoke_delegation, preferences, set_preferences, start_batch, batch), components(schemas(Preferences, BatchView, BatchItemView)))]
pub struct ParapheurMoreApi;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/parapheur/delegations/{id}", delete(revoke_delegation))
        .route("/api/v1/parapheur/preferences", get(preferences).put(set_preferences))
        .route("/api/v1/parapheur/batches", post(start_batch))
        .route("/api/v1/parapheur/batches/{id}", get(batch))
}

/// Revokes a delegation (its delegator or an administrator): in force, it ends now.
#[utoipa::path(delete, path = "/api/v1/parapheur/delegations/{id}", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = DelegationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke_delegation(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>) -> Result<Json<DelegationView>> {
    Ok(Json(state.svc.revoke_delegation(&user, id).await?))
}

/// The caller's notification choice.
#[utoipa::path(get, path = "/api/v1/parapheur/preferences", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    responses((status = 200, body = Preferences), (status = 401, body = ErrorBody)))]
pub async fn preferences(State(state): State<AppState>, Authenticated(user): Authenticated) -> Result<Json<Preferences>> {
    Ok(Json(state.svc.parapheur_preferences(&user).await?))
}

/// Chooses `immediate` e-mails or a `daily` digest of the folders awaiting the caller.
#[utoipa::path(put, path = "/api/v1/parapheur/preferences", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body = Preferences,
    responses((status = 200, body = Preferences), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn set_preferences(State(state): State<AppState>, Authenticated(user): Authenticated, Json(p): Json<Preferences>) -> Result<Json<Preferences>> {
    Ok(Json(state.svc.set_parapheur_preferences(&user, p).await?))
}

/// Starts signing the folders in the background with one unlock of the key (a wrong PIN
/// is refused at once); follow it at the `Location`.
#[utoipa::path(post, path = "/api/v1/parapheur/batches", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    request_body = BatchRequest,
    responses((status = 202, body = BatchView),
        (status = 400, description = "No folder, more than 500 (`too_many_folders`, refused while the body is read), a body that does not parse, or a wrong PIN", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 503, description = "The remote signing service failed (`signing_service_unavailable`)", body = ErrorBody)))]
pub async fn start_batch(State(state): State<AppState>, Authenticated(user): Authenticated, body: std::result::Result<Json<BatchRequest>, JsonRejection>) -> Result<Response> {
    let r = batch_body(body)?;
    let b = state.svc.start_batch(&user, &r.folder_ids, &r.pin).await?;
    Ok((StatusCode::ACCEPTED, [(header::LOCATION, format!("/api/v1/parapheur/batches/{}", b.id))], Json(b)).into_response())
}

/// A batch's progress: n of m, and each folder's result (only for the user who started it).
#[utoipa::path(get, path = "/api/v1/parapheur/batches/{id}", tag = "parapheur", security(("bearer" = []), ("cookie" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = BatchView), (status = 404, body = ErrorBody)))]
pub async fn batch(State(state): State<AppState>, Authenticated(user): Authenticated, Path(id): Path<i32>) -> Result<Json<BatchView>> {
    Ok(Json(state.svc.batch_view(&user, id).await?))
}
