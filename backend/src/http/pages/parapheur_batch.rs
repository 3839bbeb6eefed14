//! Batch signing from the browser: the inbox's batch form (`POST /parapheur/batch`:
//! repeated `folder`, `pin`, `csrf`) starts a background batch and redirects to its
//! progress page (`/parapheur/batches/{id}`): the state at load time, kept current by an
//! island when JavaScript runs (never a self-reloading page).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use sijill_frontend::pages::parapheur_batch::{self, BatchLine, BatchPage};

use sijill_frontend::pages::error as error_page;

use super::bureau::{failure, sign_in_first};
use super::html;
use super::session::Visitor;
use crate::error::Error;
use crate::http::AppState;
use crate::i18n::Msg;

/// The page for a refusal, with the domain's own sentence (a wrong PIN, no key…).
fn problem(v: &Visitor, e: &Error) -> Response {
    if matches!(e, Error::NotFound | Error::Internal(_) | Error::Db(_)) {
        return failure(v, e);
    }
    let ctx = v.ctx("/parapheur");
    let (status, msg) = e.status_and_msg();
    crate::http::error::with_retry_after(e, v.finish(html(&ctx, status, error_page::failure(&ctx, msg.text(v.lang)))))
}

/// Starts the batch; a wrong PIN, no folder ticked or a bad token is explained on a page.
pub async fn start(State(state): State<AppState>, v: Visitor, Form(fields): Form<Vec<(String, String)>>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/parapheur") };
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str()).unwrap_or("");
    if !v.csrf_ok(get("csrf")) {
        return problem(&v, &Error::BadRequest(Msg::Csrf));
    }
    // Counted before anything is parsed (the domain checks again, duplicates included).
    let max = crate::domain::parapheur::batch::MAX_BATCH;
    if fields.iter().filter(|(n, _)| n == "folder").nth(max).is_some() {
        return problem(&v, &Error::BadRequest(Msg::Parapheur(crate::domain::parapheur::msg::PMsg::TooManyFolders(max))));
    }
    let mut folders = Vec::new();
    for (_, value) in fields.iter().filter(|(n, _)| n == "folder") {
        match value.trim().parse::<i32>() {
            Ok(id) => folders.push(id),
            Err(_) => return problem(&v, &Error::BadRequest(Msg::InvalidValue("folder"))),
        }
    }
    if folders.is_empty() {
        return problem(&v, &Error::BadRequest(Msg::MissingField("folder")));
    }
    match state.svc.start_batch(&user, &folders, get("pin")).await {
        Ok(b) => v.finish(Redirect::to(&format!("/parapheur/batches/{}", b.id)).into_response()),
        Err(e) => problem(&v, &e),
    }
}

/// The progress page (only for the user who started the batch).
pub async fn show(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>) -> Response {
    let path = format!("/parapheur/batches/{id}");
    let Some(user) = v.user.clone() else { return sign_in_first(&path) };
    let b = match state.svc.batch_view(&user, id).await {
        Ok(b) => b,
        Err(e) => return failure(&v, &e),
    };
    let page = BatchPage {
        id: b.id,
        status: b.status,
        total: b.total,
        processed: b.processed,
        signed: b.signed,
        failed: b.failed,
        lines: b
            .items
            .into_iter()
            .map(|i| BatchLine { folder_id: i.folder_id, title: i.title, status: i.status, folder_status: i.folder_status, message: i.message })
            .collect(),
    };
    let ctx = v.ctx(&path);
    v.finish(html(&ctx, StatusCode::OK, parapheur_batch::render(&ctx, &page)))
}
