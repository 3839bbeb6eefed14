//! The parapheur's folder pages: the inbox (`/parapheur`), a new folder (`/parapheur/new`),
//! a folder (`/parapheur/folders/{id}`) with its action forms (one POST,
//! `/parapheur/folders/{id}/actions`, back to the folder: POST-redirect-GET, or the page
//! again with the refusal in the reader's language), and the page images of its documents
//! (`/parapheur/folders/{id}/documents/{doc}/pages/{n}.png`), readable by exactly those who
//! may download the document. Page models are built in `parapheur_view`.

use std::collections::HashMap;

use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sijill_frontend::i18n::parapheur::P;
use sijill_frontend::i18n::{fill, FormError};
use sijill_frontend::model::FormState;
use sijill_frontend::pages::{parapheur_folder, parapheur_inbox};

use super::bureau::{failure, sign_in_first};
use super::session::Visitor;
use super::{html, parapheur_view};
use crate::domain::auth::CurrentUser;
use crate::domain::parapheur::actions::Act;
use crate::domain::parapheur::msg::PMsg;
use crate::domain::parapheur::pages_render::PageImage;
use crate::domain::worklists::WorkFilter;
use crate::error::Error;
use crate::http::multipart::{read_form, FormData};
use crate::http::parapheur::folder_from_form;
use crate::http::AppState;
use crate::i18n::Msg;

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

fn notice(done: Option<&str>) -> Option<P> {
    Some(match done? {
        "created" => P::Created,
        "approve" => P::DoneApproved,
        "sign" => P::DoneSigned,
        "reject" => P::DoneRejected,
        "return" => P::DoneReturned,
        "annotate" => P::DoneAnnotated,
        _ => return None,
    })
}

pub async fn inbox(State(state): State<AppState>, v: Visitor, Query(q): Query<DoneQuery>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/parapheur") };
    let scope = match state.svc.staff_scope(&user, None).await {
        Ok(s) => s,
        Err(e) => return failure(&v, &e),
    };
    match parapheur_view::inbox(&state, &user, scope.administration_id, v.lang).await {
        Ok(mut inbox) => {
            inbox.notice = notice(q.done.as_deref()).map(|p| p.text(v.lang).to_owned());
            let ctx = v.ctx("/parapheur");
            v.finish(html(&ctx, StatusCode::OK, parapheur_inbox::render(&ctx, &inbox)))
        }
        Err(e) => failure(&v, &e),
    }
}

/// Correspondence the user handles (their work list), offered as what a folder answers.
async fn answerable(state: &AppState, user: &CurrentUser) -> Vec<(String, String)> {
    match state.svc.my_work(user, &WorkFilter::default()).await {
        Ok(items) => items.into_iter().map(|i| (i.entry_id, format!("{} — {}", i.number, i.subject))).collect(),
        Err(e) => {
            tracing::warn!(error = %e, "work list not offered on the new folder form");
            Vec::new()
        }
    }
}

async fn render_new(state: &AppState, v: &Visitor, user: &CurrentUser, form: &FormState, error: Option<&Error>) -> Response {
    let mut entries = answerable(state, user).await;
    let chosen = form.value("entry_id");
    if !chosen.is_empty() && !entries.iter().any(|(id, _)| *id == chosen) {
        if let Ok((e, _)) = state.svc.staff_entry(user, &chosen).await {
            entries.insert(0, (e.id.clone(), format!("{} — {}", e.number, e.subject)));
        }
    }
    let ctx = v.ctx("/parapheur/new");
    let (status, message) = match error {
        Some(e) => {
            let (s, m) = e.status_and_msg();
            (s, Some(m.text(v.lang)))
        }
        None => (StatusCode::OK, None),
    };
    v.finish(html(&ctx, status, parapheur_inbox::new_folder(&ctx, &entries, form, message)))
}

#[derive(Deserialize)]
pub struct NewQuery {
    entry: Option<String>,
}

pub async fn new_form(State(state): State<AppState>, v: Visitor, Query(q): Query<NewQuery>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/parapheur/new") };
    let form = FormState::default().with_value("entry_id", q.entry.unwrap_or_default());
    render_new(&state, &v, &user, &form, None).await
}

/// The field a refused folder belongs to, for the form.
fn new_folder_field(e: &Error) -> (&'static str, FormError) {
    match e {
        Error::BadRequest(Msg::MissingField("title")) => ("title", FormError::Required),
        Error::BadRequest(Msg::FieldTooLong("title", max)) => ("title", FormError::TooLong { max: *max }),
        Error::BadRequest(Msg::Parapheur(PMsg::NoMainDocument)) => ("main", FormError::Required),
        Error::NotFound => ("entry_id", FormError::Invalid),
        Error::TooLarge(_) | Error::UnsupportedMedia(_) => ("main", FormError::Invalid),
        Error::Unprocessable(Msg::PdfLimit { document, .. }) => ("main", FormError::PdfTooComplex { name: document.clone() }),
        _ => ("", FormError::Unavailable),
    }
}

/// Reads the new-folder form with the shared reader (files under `main` and `annexes`,
/// limits checked while streaming).
async fn read_new(state: &AppState, req: Request) -> Result<FormData, Error> {
    let mp = Multipart::from_request(req, state).await.map_err(|_| Error::BadRequest(Msg::Parapheur(PMsg::NoMainDocument)))?;
    read_form(mp, &state.config().filings, &["main", "annexes"]).await
}

pub async fn new_submit(State(state): State<AppState>, v: Visitor, req: Request) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/parapheur/new") };
    let f = match read_new(&state, req).await {
        Ok(f) => f,
        Err(e) => {
            let (field, err) = new_folder_field(&e);
            return render_new(&state, &v, &user, &FormState::default().with_error(field, err), Some(&e)).await;
        }
    };
    let form = FormState::default().with_value("title", f.text("title").trim()).with_value("entry_id", f.text("entry_id").trim());
    if !v.csrf_ok(&f.text("csrf")) {
        let e = Error::BadRequest(Msg::Csrf);
        return render_new(&state, &v, &user, &form.with_error("", FormError::FormExpired), Some(&e)).await;
    }
    let scope = match state.svc.staff_scope(&user, None).await {
        Ok(s) => s,
        Err(e) => return failure(&v, &e),
    };
    let mut new = match folder_from_form(&f) {
        Ok(n) => n,
        Err(e) => return render_new(&state, &v, &user, &form.with_error("", FormError::Invalid), Some(&e)).await,
    };
    // The administration and unit are the signed-in staff member's, whatever the form says.
    let a = scope.administration_id;
    new.administration_id = a;
    new.unit_id = user.roles.iter().find(|g| g.administration_id == Some(a) && g.unit_id.is_some()).and_then(|g| g.unit_id);
    match state.svc.create_folder(&user, new).await {
        Ok(folder) => v.finish(Redirect::to(&format!("/parapheur/folders/{}?done=created", folder.id)).into_response()),
        Err(e) => {
            let (field, err) = new_folder_field(&e);
            render_new(&state, &v, &user, &form.with_error(field, err), Some(&e)).await
        }
    }
}

async fn show(state: &AppState, v: &Visitor, user: &CurrentUser, id: i32, notice: Option<String>, error: Option<&Error>) -> Response {
    let mut page = match parapheur_view::folder(state, user, id, v.lang).await {
        Ok(p) => p,
        Err(e) => return failure(v, &e),
    };
    let mut status = StatusCode::OK;
    page.notice = notice;
    if let Some(e) = error {
        let (s, m) = e.status_and_msg();
        status = s;
        page.error = Some(m.text(v.lang));
    }
    let ctx = v.ctx(&format!("/parapheur/folders/{id}"));
    let res = v.finish(html(&ctx, status, parapheur_folder::render(&ctx, &page)));
    // A PIN lockout (429) says when to try again.
    match error {
        Some(e) => crate::http::error::with_retry_after(e, res),
        None => res,
    }
}

pub async fn folder(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, Query(q): Query<DoneQuery>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/parapheur/folders/{id}")) };
    let notice = notice(q.done.as_deref()).map(|p| p.text(v.lang).to_owned());
    show(&state, &v, &user, id, notice, None).await
}

/// The action a form posted, as the domain's `Act`.
fn act_of(f: &HashMap<String, String>) -> Result<(&'static str, Act), Error> {
    let text = |k: &str| f.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let opt = |k: &str| Some(text(k)).filter(|s| !s.is_empty());
    Ok(match text("action").as_str() {
        "approve" => ("approve", Act::Approve { comment: opt("reason") }),
        // PINs are taken as typed (no trimming).
        "sign" => ("sign", Act::Sign { pin: f.get("pin").cloned().unwrap_or_default() }),
        "reject" => ("reject", Act::Reject { reason: text("reason") }),
        "return" => {
            let to = text("to_position").parse::<i32>().map_err(|_| Error::BadRequest(Msg::InvalidValue("to_position")))?;
            ("return", Act::Return { to_position: to, reason: opt("reason") })
        }
        "annotate" => ("annotate", Act::Annotate { body: text("body"), private: text("private") == "true" }),
        _ => return Err(Error::BadRequest(Msg::InvalidValue("action"))),
    })
}

pub async fn act(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, axum::extract::Form(f): axum::extract::Form<HashMap<String, String>>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/parapheur/folders/{id}")) };
    if !v.csrf_ok(f.get("csrf").map(String::as_str).unwrap_or("")) {
        return show(&state, &v, &user, id, None, Some(&Error::BadRequest(Msg::Csrf))).await;
    }
    let (what, a) = match act_of(&f) {
        Ok(x) => x,
        Err(e) => return show(&state, &v, &user, id, None, Some(&e)).await,
    };
    match state.svc.act(&user, id, a).await {
        Ok(_) => v.finish(Redirect::to(&format!("/parapheur/folders/{id}?done={what}")).into_response()),
        Err(Error::NotFound) => failure(&v, &Error::NotFound),
        Err(e) => show(&state, &v, &user, id, None, Some(&e)).await,
    }
}

/// A page of a document as a PNG; a page number out of range is a 404 naming the count.
pub async fn page_image(State(state): State<AppState>, v: Visitor, Path((id, doc, file)): Path<(i32, i32, String)>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/parapheur/folders/{id}")) };
    let page = file.strip_suffix(".png").and_then(|n| n.parse::<usize>().ok());
    let result = match page {
        Some(n) => state.svc.document_page_png(&user, id, doc, n).await,
        None => Ok(PageImage::OutOfRange { pages: 0 }),
    };
    match result {
        Ok(PageImage::Png(png)) => {
            // A folder's document: kept in no cache (a shared office computer would keep it).
            ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "no-store")], png).into_response()
        }
        Ok(PageImage::Original { bytes, content_type }) => {
            ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-store")], bytes).into_response()
        }
        Ok(PageImage::OutOfRange { pages }) => {
            let msg = fill(P::BadPage.text(v.lang), "n", &pages.to_string());
            let ctx = v.ctx(&format!("/parapheur/folders/{id}"));
            v.finish(html(&ctx, StatusCode::NOT_FOUND, sijill_frontend::pages::error::failure(&ctx, msg)))
        }
        Err(e) => crate::http::error::with_retry_after(&e, failure(&v, &e)),
    }
}
