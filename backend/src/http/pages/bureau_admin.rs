//! The address book pages (`/bureau/correspondents`, `/bureau/correspondents/{id}`) and the
//! clearances page (`/bureau/clearances`): plain urlencoded forms, POST-redirect-GET.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use sijill_frontend::i18n::{FormError, B};
use sijill_frontend::model::FormState;
use sijill_frontend::pages::bureau_admin;
use sijill_frontend::pages::bureau_model::ClearanceLine;

use super::bureau::{correspondent_line, failure, field_error, sign_in_first};
use super::html;
use super::session::Visitor;
use crate::domain::auth::CurrentUser;
use crate::domain::correspondents::CorrespondentInput;
use crate::error::Error;
use crate::http::AppState;

#[derive(Deserialize)]
pub struct BookQuery {
    q: Option<String>,
    saved: Option<String>,
}

#[derive(Deserialize)]
pub struct CorrespondentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address: String,
}

impl CorrespondentForm {
    fn state(&self) -> FormState {
        FormState::default()
            .with_value("name", &self.name)
            .with_value("kind", &self.kind)
            .with_value("email", &self.email)
            .with_value("phone", &self.phone)
            .with_value("address", &self.address)
    }
    fn input(&self) -> CorrespondentInput {
        let o = |s: &String| Some(s.clone()).filter(|s| !s.trim().is_empty());
        CorrespondentInput { kind: o(&self.kind), name: self.name.clone(), email: o(&self.email), phone: o(&self.phone), address: o(&self.address) }
    }
}

/// The API's field names are `correspondent_*` in domain errors; the page's are bare.
fn book_error(e: &Error) -> (&'static str, FormError) {
    let (field, err) = field_error(e);
    (field.strip_prefix("correspondent_").unwrap_or(field), err)
}

async fn administration(state: &AppState, user: &CurrentUser) -> Result<i32, Error> {
    Ok(state.svc.staff_scope(user, None).await?.administration_id)
}

async fn render_book(state: &AppState, v: &Visitor, user: &CurrentUser, query: &str, form: &FormState, notice: bool, status: StatusCode) -> Response {
    let found = match administration(state, user).await {
        Ok(a) => state.svc.address_book(user, a, query, 100).await,
        Err(e) => Err(e),
    };
    let found = match found {
        Ok(f) => f,
        Err(e) => return failure(v, &e),
    };
    let lines: Vec<_> = found.iter().map(correspondent_line).collect();
    let ctx = v.ctx("/bureau/correspondents");
    let notice = notice.then(|| B::Saved.text(v.lang).to_owned());
    v.finish(html(&ctx, status, bureau_admin::correspondents(&ctx, query, &lines, form, notice)))
}

pub async fn book(State(state): State<AppState>, v: Visitor, Query(q): Query<BookQuery>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/correspondents") };
    let form = FormState::default().with_value("kind", "person");
    render_book(&state, &v, &user, q.q.as_deref().unwrap_or(""), &form, q.saved.is_some(), StatusCode::OK).await
}

pub async fn add(State(state): State<AppState>, v: Visitor, Form(f): Form<CorrespondentForm>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/correspondents") };
    if !v.csrf_ok(&f.csrf) {
        return render_book(&state, &v, &user, "", &f.state().with_error("", FormError::FormExpired), false, StatusCode::FORBIDDEN).await;
    }
    let res = match administration(&state, &user).await {
        Ok(a) => state.svc.create_correspondent(&user, a, f.input()).await,
        Err(e) => Err(e),
    };
    match res {
        Ok(c) => {
            let q = sijill_frontend::components::shell::encode_query(&c.name);
            v.finish(Redirect::to(&format!("/bureau/correspondents?q={q}&saved=1")).into_response())
        }
        Err(e) => {
            let (field, err) = book_error(&e);
            render_book(&state, &v, &user, "", &f.state().with_error(field, err), false, e.status_and_msg().0).await
        }
    }
}

pub async fn edit_form(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/bureau/correspondents/{id}")) };
    let c = match administration(&state, &user).await {
        Ok(a) => state.svc.correspondent(&user, a, id).await,
        Err(e) => Err(e),
    };
    let c = match c {
        Ok(c) => c,
        Err(e) => return failure(&v, &e),
    };
    let form = FormState::default()
        .with_value("name", &c.name)
        .with_value("kind", &c.kind)
        .with_value("email", c.email.unwrap_or_default())
        .with_value("phone", c.phone.unwrap_or_default())
        .with_value("address", c.address.unwrap_or_default());
    let ctx = v.ctx("/bureau/correspondents");
    v.finish(html(&ctx, StatusCode::OK, bureau_admin::edit_correspondent(&ctx, id, &form)))
}

pub async fn edit(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, Form(f): Form<CorrespondentForm>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/bureau/correspondents/{id}")) };
    let ctx = v.ctx("/bureau/correspondents");
    if !v.csrf_ok(&f.csrf) {
        let form = f.state().with_error("", FormError::FormExpired);
        return v.finish(html(&ctx, StatusCode::FORBIDDEN, bureau_admin::edit_correspondent(&ctx, id, &form)));
    }
    let res = match administration(&state, &user).await {
        Ok(a) => state.svc.update_correspondent(&user, a, id, f.input()).await,
        Err(e) => Err(e),
    };
    match res {
        Ok(c) => {
            let q = sijill_frontend::components::shell::encode_query(&c.name);
            v.finish(Redirect::to(&format!("/bureau/correspondents?q={q}&saved=1")).into_response())
        }
        Err(e @ (Error::NotFound | Error::Forbidden(_))) => failure(&v, &e),
        Err(e) => {
            let (field, err) = book_error(&e);
            let form = f.state().with_error(field, err);
            v.finish(html(&ctx, e.status_and_msg().0, bureau_admin::edit_correspondent(&ctx, id, &form)))
        }
    }
}

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

async fn render_clearances(state: &AppState, v: &Visitor, user: &CurrentUser, notice: Option<String>, status: StatusCode) -> Response {
    let staff = match administration(state, user).await {
        Ok(a) => state.svc.clearances(user, a).await,
        Err(e) => Err(e),
    };
    let staff = match staff {
        Ok(s) => s,
        Err(e) => return failure(v, &e),
    };
    let lines: Vec<ClearanceLine> = staff.into_iter().map(|s| ClearanceLine { user_id: s.user_id, name: s.name, email: s.email, level: s.clearance }).collect();
    let ctx = v.ctx("/bureau/clearances");
    v.finish(html(&ctx, status, bureau_admin::clearances(&ctx, &lines, notice)))
}

pub async fn clearances(State(state): State<AppState>, v: Visitor, Query(q): Query<SavedQuery>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/clearances") };
    let notice = q.saved.is_some().then(|| B::Saved.text(v.lang).to_owned());
    render_clearances(&state, &v, &user, notice, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct ClearanceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    level: String,
}

pub async fn set_clearance(State(state): State<AppState>, v: Visitor, Form(f): Form<ClearanceForm>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/clearances") };
    if !v.csrf_ok(&f.csrf) {
        let notice = Some(FormError::FormExpired.text(v.lang));
        return render_clearances(&state, &v, &user, notice, StatusCode::FORBIDDEN).await;
    }
    let res = match (administration(&state, &user).await, f.user_id.trim().parse::<i32>()) {
        (Ok(a), Ok(uid)) => state.svc.set_clearance(&user, a, uid, &f.level).await,
        (Err(e), _) => Err(e),
        (_, Err(_)) => Err(Error::NotFound),
    };
    match res {
        Ok(()) => v.finish(Redirect::to("/bureau/clearances?saved=1").into_response()),
        Err(e) => failure(&v, &e),
    }
}
