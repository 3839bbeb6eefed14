//! The bureau d'ordre pages: the clerk's queue (`/bureau`), an entry (`/bureau/entries/{id}`)
//! and the intake forms (`/bureau/paper`, `/bureau/internal`). Handlers read the request, ask
//! one domain service, hand plain data to a `sijill_frontend` page. The address book and
//! clearances pages are in `bureau_admin`.

use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sijill_frontend::i18n::{fill, FormError, Lang, B};
use sijill_frontend::model::FormState;
use sijill_frontend::pages::bureau_model::{Choice, CorrespondentLine, DocumentLink, EntryPage, IntakeChoices, QueueFilters, QueueLine, QueueView};
use sijill_frontend::pages::{bureau_entry, bureau_forms, bureau_queue, error as error_page};

use super::errors::form_error;
use super::session::Visitor;
use super::html;
use crate::domain::auth::CurrentUser;
use crate::domain::authz::{self, Action};
use crate::domain::bureau::{EntryLine, EntryView, UnitRef};
use crate::domain::correspondents::CorrespondentView;
use crate::error::Error;
use crate::http::intake::{internal_mail, paper_mail, read_form, FormData, QueueQuery};
use crate::http::AppState;
use crate::i18n::Msg;

/// Staff pages send visitors to sign in first, then back.
pub fn sign_in_first(path: &str) -> Response {
    Redirect::to(&format!("/signin?next={}", sijill_frontend::components::shell::encode_query(path))).into_response()
}

/// The page for an error: 404 as not found, 403 as "staff only", anything else explained.
pub fn failure(v: &Visitor, e: &Error) -> Response {
    let ctx = v.ctx("/bureau");
    let (status, _) = e.status_and_msg();
    let body = match e {
        Error::NotFound => error_page::not_found(&ctx),
        Error::Forbidden(Msg::Forbidden) => error_page::failure(&ctx, B::NotStaff.text(ctx.lang).to_owned()),
        _ => error_page::failure(&ctx, form_error(e).1.text(ctx.lang)),
    };
    v.finish(html(&ctx, status, body))
}

/// The form field a domain error belongs to, for the bureau forms' own messages.
pub fn field_error(e: &Error) -> (&'static str, FormError) {
    match e {
        Error::BadRequest(Msg::InvalidValue(f)) => (f, FormError::Invalid),
        Error::BadRequest(Msg::MissingField("correspondent")) => ("correspondent_id", FormError::Required),
        Error::BadRequest(Msg::UnknownAdministration(_)) => ("", FormError::UnknownAdministration),
        Error::Forbidden(Msg::ClearanceRequired) => ("confidentiality", FormError::ClearanceRequired),
        _ => form_error(e),
    }
}

fn unit_name(u: &UnitRef, lang: Lang) -> String {
    let n = u.names.get(lang);
    if n.trim().is_empty() { u.names.fr.clone() } else { n.to_owned() }
}

fn line(e: &EntryLine, lang: Lang) -> QueueLine {
    QueueLine {
        id: e.id.clone(),
        number: e.number.clone(),
        direction: e.direction.clone(),
        origin: e.origin.clone(),
        status: e.status.clone(),
        subject: e.subject.clone(),
        received_at: e.received_at.timestamp(),
        from: e.from.clone(),
        unit: e.unit.as_ref().map(|u| unit_name(u, lang)),
        confidentiality: e.confidentiality.clone(),
        priority: e.priority.clone(),
        deadline: e.deadline.map(|d| d.to_string()),
    }
}

pub fn correspondent_line(c: &CorrespondentView) -> CorrespondentLine {
    CorrespondentLine { id: c.id, kind: c.kind.clone(), name: c.name.clone(), email: c.email.clone(), phone: c.phone.clone(), address: c.address.clone() }
}

fn entry_page(e: &EntryView, lang: Lang) -> EntryPage {
    EntryPage {
        line: line(&e.line, lang),
        administration: e.administration.clone(),
        message: e.message.clone(),
        category: e.category.clone(),
        letter_date: e.letter_date.map(|d| d.to_string()),
        correspondent: e.correspondent.as_ref().map(correspondent_line),
        filer: e.filer.clone(),
        from_unit: e.from_unit.as_ref().map(|u| unit_name(u, lang)),
        in_reply_to: e.in_reply_to.clone(),
        registered_by: e.registered_by.clone(),
        documents: e
            .documents
            .iter()
            .map(|d| DocumentLink { name: d.name.clone(), size: d.size.max(0) as u64, sha256_hex: d.sha256.clone(), url: d.url.clone() })
            .collect(),
    }
}

fn unit_choices(units: &[UnitRef], lang: Lang) -> Vec<Choice> {
    units.iter().map(|u| (u.id.to_string(), unit_name(u, lang))).collect()
}

/// The queue's query as typed (all text, so a bad value shows an error, not a 400 page).
#[derive(Debug, Default, Deserialize)]
pub struct QueueParams {
    #[serde(default)]
    direction: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    origin: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: String,
}

pub async fn queue(State(state): State<AppState>, v: Visitor, Query(p): Query<QueueParams>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau") };
    let scope = match state.svc.staff_scope(&user, None).await {
        Ok(s) => s,
        Err(e) => return failure(&v, &e),
    };
    let opt = |s: &String| Some(s.clone()).filter(|s| !s.trim().is_empty());
    let q = QueueQuery { administration: None, direction: opt(&p.direction), status: opt(&p.status), origin: opt(&p.origin), unit: opt(&p.unit), from: opt(&p.from), to: opt(&p.to), page: None };
    let page = p.page.trim().parse::<u64>().unwrap_or(0);
    let (filter, notice) = match q.filter() {
        Ok(f) => (f, None),
        Err(e) => (Default::default(), Some(field_error(&e).1.text(v.lang))),
    };
    let (found, units) = match (state.svc.queue(&scope, &filter, page).await, state.svc.units(scope.administration_id).await) {
        (Ok(f), Ok(u)) => (f, u),
        (Err(e), _) | (_, Err(e)) => return failure(&v, &e),
    };
    let admin = crate::db::queries::administration_by_id(&state.svc.db.conn, scope.administration_id).await.ok().flatten();
    let a = scope.administration_id;
    let view = QueueView {
        administration: admin.map(|a| a.code).unwrap_or_default(),
        filters: QueueFilters { direction: p.direction, status: p.status, origin: p.origin, unit: p.unit, from: p.from, to: p.to },
        units: unit_choices(&units, v.lang),
        lines: found.entries.iter().map(|e| line(e, v.lang)).collect(),
        total: found.total,
        page,
        pages: found.total.div_ceil(found.per_page).max(1),
        registry: authz::allowed(&user, Action::RegisterMail { administration_id: a }),
        can_send_internal: !own_units(&user, a).is_empty(),
        can_manage_clearances: authz::allowed(&user, Action::ManageClearances { administration_id: a }),
    };
    let ctx = v.ctx("/bureau");
    v.finish(html(&ctx, StatusCode::OK, bureau_queue::render(&ctx, &view, notice)))
}

/// The units `user` may send internal mail from in `administration_id`.
fn own_units(user: &CurrentUser, administration_id: i32) -> Vec<i32> {
    user.roles
        .iter()
        .filter_map(|g| g.unit_id.filter(|&u| authz::allowed(user, Action::SendInternalMail { administration_id, from_unit_id: u })))
        .collect()
}

#[derive(Deserialize)]
pub struct NewQuery {
    new: Option<String>,
}

pub async fn entry(State(state): State<AppState>, v: Visitor, Path(id): Path<String>, Query(q): Query<NewQuery>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/bureau/entries/{id}")) };
    let e = match state.svc.entry(&user, &id).await {
        Ok(e) => e,
        Err(e) => return failure(&v, &e),
    };
    let notice = q.new.is_some().then(|| fill(B::Registered.text(v.lang), "number", &e.line.number));
    let page = entry_page(&e, v.lang);
    let ctx = v.ctx("/bureau");
    let routing = super::routing::slot(&state, &user, &id, &ctx).await;
    v.finish(html(&ctx, StatusCode::OK, bureau_entry::render(&ctx, &page, notice, routing)))
}

#[derive(Deserialize)]
pub struct PaperQuery {
    q: Option<String>,
}

/// Everything the intake forms offer; `query` filters the address book.
async fn choices(state: &AppState, user: &CurrentUser, lang: Lang, query: &str) -> Result<(i32, IntakeChoices), Error> {
    let scope = state.svc.staff_scope(user, None).await?;
    let a = scope.administration_id;
    let units = state.svc.units(a).await?;
    let people = state.svc.address_book(user, a, query, 100).await?;
    let own = own_units(user, a);
    Ok((a, IntakeChoices {
        correspondents: people.iter().map(|c| (c.id.to_string(), match &c.email { Some(e) => format!("{} <{e}>", c.name), None => c.name.clone() })).collect(),
        own_units: units.iter().filter(|u| own.contains(&u.id)).map(|u| (u.id.to_string(), unit_name(u, lang))).collect(),
        units: unit_choices(&units, lang),
        today: chrono::Utc::now().date_naive().to_string(),
    }))
}

async fn render_paper(state: &AppState, v: &Visitor, user: &CurrentUser, form: &FormState, query: &str, status: StatusCode) -> Response {
    let c = match choices(state, user, v.lang, query).await {
        Ok((a, c)) if authz::allowed(user, Action::RegisterMail { administration_id: a }) => c,
        Ok(_) => return failure(v, &Error::Forbidden(Msg::Forbidden)),
        Err(e) => return failure(v, &e),
    };
    let ctx = v.ctx("/bureau/paper");
    let key = crate::domain::auth::new_token();
    v.finish(html(&ctx, status, bureau_forms::paper(&ctx, &c, form, query, &key)))
}

pub async fn paper_form(State(state): State<AppState>, v: Visitor, Query(q): Query<PaperQuery>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/paper") };
    render_paper(&state, &v, &user, &FormState::default(), q.q.as_deref().unwrap_or(""), StatusCode::OK).await
}

/// Refills a form with what was typed (never the files).
fn typed(f: &FormData) -> FormState {
    f.fields.iter().filter(|(k, _)| k != "csrf" && k != "idempotency_key").fold(FormState::default(), |s, (k, v)| s.with_value(k, v))
}

async fn read(state: &AppState, req: Request) -> Result<FormData, Error> {
    let mp = Multipart::from_request(req, state).await.map_err(|_| Error::BadRequest(Msg::NoDocuments))?;
    read_form(mp, &state.config().filings).await
}

pub async fn paper_submit(State(state): State<AppState>, v: Visitor, req: Request) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/paper") };
    let f = match read(&state, req).await {
        Ok(f) => f,
        Err(e) => {
            let (field, err) = field_error(&e);
            return render_paper(&state, &v, &user, &FormState::default().with_error(field, err), "", e.status_and_msg().0).await;
        }
    };
    let form = typed(&f);
    if !v.csrf_ok(&f.text("csrf")) {
        return render_paper(&state, &v, &user, &form.with_error("", FormError::FormExpired), "", StatusCode::FORBIDDEN).await;
    }
    let key = f.get("idempotency_key").filter(|k| !k.is_empty());
    match state.svc.register_paper_mail(&user, paper_mail(f), key.as_deref()).await {
        Ok(r) => v.finish(Redirect::to(&format!("/bureau/entries/{}?new=1", r.id)).into_response()),
        Err(e) => {
            let (field, err) = field_error(&e);
            render_paper(&state, &v, &user, &form.with_error(field, err), "", e.status_and_msg().0).await
        }
    }
}

async fn render_internal(state: &AppState, v: &Visitor, user: &CurrentUser, form: &FormState, status: StatusCode) -> Response {
    let c = match choices(state, user, v.lang, "").await {
        Ok((_, c)) if !c.own_units.is_empty() => c,
        Ok(_) => return failure(v, &Error::Forbidden(Msg::Forbidden)),
        Err(e) => return failure(v, &e),
    };
    let ctx = v.ctx("/bureau/internal");
    let key = crate::domain::auth::new_token();
    v.finish(html(&ctx, status, bureau_forms::internal(&ctx, &c, form, &key)))
}

pub async fn internal_form(State(state): State<AppState>, v: Visitor) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/internal") };
    render_internal(&state, &v, &user, &FormState::default(), StatusCode::OK).await
}

pub async fn internal_submit(State(state): State<AppState>, v: Visitor, req: Request) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/internal") };
    let f = match read(&state, req).await {
        Ok(f) => f,
        Err(e) => {
            let (field, err) = field_error(&e);
            return render_internal(&state, &v, &user, &FormState::default().with_error(field, err), e.status_and_msg().0).await;
        }
    };
    let form = typed(&f);
    if !v.csrf_ok(&f.text("csrf")) {
        return render_internal(&state, &v, &user, &form.with_error("", FormError::FormExpired), StatusCode::FORBIDDEN).await;
    }
    let key = f.get("idempotency_key").filter(|k| !k.is_empty());
    match state.svc.send_internal_mail(&user, internal_mail(f), key.as_deref()).await {
        Ok(r) => v.finish(Redirect::to(&format!("/bureau/entries/{}?new=1", r.id)).into_response()),
        Err(e) => {
            let (field, err) = field_error(&e);
            render_internal(&state, &v, &user, &form.with_error(field, err), e.status_and_msg().0).await
        }
    }
}
