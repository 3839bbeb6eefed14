//! Routing pages: the work lists (`/work`, `/work/units/{id}`), an entry's routing slip with
//! its forms (`/bureau/entries/{id}/routing`) and their POSTs (assign, accept, reassign,
//! done, draft, edit, dispatch), each redirecting back to the slip (POST-redirect-GET) or
//! showing it again with the error. `panel` is public so the bureau's entry page can show
//! the same block.

use std::collections::HashMap;

use axum::extract::{Form, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use sijill_frontend::i18n::{fill, FilingStatus, Lang, R};
use sijill_frontend::model::{AnswerLine, FormState};
use sijill_frontend::pages::routing_slip::{self, Choice, DraftLine, RoutingPanel, SlipLine};
use sijill_frontend::pages::routing_work::{self, WorkFilterState, WorkLine};
use sijill_frontend::pages::error as error_page;

use super::session::Visitor;
use super::html;
use crate::domain::answers::DispatchInput;
use crate::domain::auth::CurrentUser;
use crate::domain::catalogue::Names;
use crate::domain::routing::{AssignmentView, NewAssignment};
use crate::domain::worklists::{WorkFilter, WorkItem};
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::i18n::Msg;

fn sign_in_first(path: &str) -> Response {
    Redirect::to(&format!("/signin?next={}", sijill_frontend::components::shell::encode_query(path))).into_response()
}

fn failure(v: &Visitor, e: &Error) -> Response {
    let ctx = v.ctx("/work");
    let (status, msg) = e.status_and_msg();
    let body = match e {
        Error::NotFound => error_page::not_found(&ctx),
        _ => error_page::failure(&ctx, msg.text(ctx.lang)),
    };
    v.finish(html(&ctx, status, body))
}

fn name(n: &Names, lang: Lang) -> String {
    let s = n.get(lang);
    if s.trim().is_empty() { n.fr.clone() } else { s.to_owned() }
}

fn midnight(d: Option<NaiveDate>) -> Option<i64> {
    d.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc().timestamp())
}

/// The slip block of an entry, in the page's language.
pub async fn panel(state: &AppState, user: &CurrentUser, entry_id: &str, lang: Lang) -> Result<RoutingPanel> {
    let svc = &state.svc;
    let slip = svc.routing_slip(user, entry_id).await?;
    let choices = svc.assignable(user, entry_id).await?;
    let drafts = svc.drafts(user, entry_id).await?;
    let (entry, _) = svc.staff_entry(user, entry_id).await?;
    let can_draft = entry.direction == "A"
        && crate::domain::authz::allowed(user, crate::domain::authz::Action::DraftAnswer {
            administration_id: entry.administration_id,
            member_of_acting_unit: slip.assignments.iter().any(|a| a.purpose == "action" && a.status != "reassigned" && a.can_handle),
        });
    let assignee = |a: &AssignmentView| match (&a.unit_names, &a.user_name) {
        (Some(n), _) => name(n, lang),
        (None, Some(u)) => u.clone(),
        _ => String::new(),
    };
    Ok(RoutingPanel {
        entry_id: slip.entry_id.clone(),
        number: slip.number.clone(),
        subject: slip.subject.clone(),
        entry_status: FilingStatus::from_name(&slip.status),
        lines: slip
            .assignments
            .iter()
            .map(|a| SlipLine {
                id: a.id,
                assignee: assignee(a),
                purpose: a.purpose.clone(),
                instructions: a.instructions.clone(),
                deadline: midnight(a.deadline),
                status: a.status.clone(),
                assigned_by: a.assigned_by.clone(),
                assigned_at: a.assigned_at.timestamp(),
                responded_by: a.responded_by.clone(),
                replaced_by: a.replaced_by,
                can_handle: a.can_handle,
                can_reassign: a.can_reassign,
            })
            .collect(),
        can_assign: slip.can_assign,
        units: choices.units.iter().map(|u| Choice { value: u.id.to_string(), label: name(&u.names, lang) }).collect(),
        people: choices.people.iter().map(|p| Choice { value: p.id.to_string(), label: p.name.clone() }).collect(),
        can_draft,
        drafts: drafts
            .into_iter()
            .map(|d| DraftLine {
                id: d.id,
                author: d.author,
                subject: d.subject,
                body: d.body,
                status: d.status,
                attachment: d.attachment,
                outgoing_pdf_url: d.outgoing_id.as_ref().map(|o| format!("/api/v1/outgoing/{o}/pdf")),
                outgoing_number: d.outgoing_number,
                can_edit: d.can_edit,
                can_dispatch: d.can_dispatch,
                modes: d.modes,
            })
            .collect(),
        notice: None,
        error: None,
    })
}

/// The routing block of the bureau's entry page (`None` when the caller may not see it).
pub async fn slot(state: &AppState, user: &CurrentUser, entry_id: &str, ctx: &sijill_frontend::model::PageCtx) -> Option<sijill_frontend::pages::bureau_entry::RoutingSlot> {
    match panel(state, user, entry_id, ctx.lang).await {
        Ok(p) => Some(routing_slip::slot(ctx, &p)),
        Err(e) => {
            tracing::warn!(entry = entry_id, error = %e, "routing slip not shown");
            None
        }
    }
}

/// The answers a filer received, for the filing page (none on error: the page still shows).
pub async fn answer_lines(state: &AppState, user: &CurrentUser, filing_id: &str) -> Vec<AnswerLine> {
    match state.svc.answers_for_filer(user, filing_id).await {
        Ok(a) => a.into_iter().map(|a| AnswerLine { number: a.number, dispatched_at: a.dispatched_at.timestamp(), pdf_url: a.pdf_url }).collect(),
        Err(e) => {
            tracing::warn!(filing = filing_id, error = %e, "answers not listed");
            Vec::new()
        }
    }
}

fn work_lines(items: Vec<WorkItem>, lang: Lang) -> Vec<WorkLine> {
    items
        .into_iter()
        .map(|i| WorkLine {
            entry_id: i.entry_id,
            number: i.number,
            subject: i.subject,
            entry_status: FilingStatus::from_name(&i.entry_status),
            status: i.status,
            purpose: i.purpose,
            assignee: i.unit_names.as_ref().map(|n| name(n, lang)).unwrap_or_default(),
            personal: i.personal,
            deadline: midnight(i.deadline),
            overdue: i.overdue,
            due_soon: i.due_soon,
        })
        .collect()
}

fn filter_state(f: &WorkFilter) -> WorkFilterState {
    WorkFilterState {
        status: f.status.clone().unwrap_or_default(),
        purpose: f.purpose.clone().unwrap_or_default(),
        due: f.due.clone().unwrap_or_default(),
    }
}

pub async fn my_work(State(state): State<AppState>, v: Visitor, Query(f): Query<WorkFilter>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/work") };
    match state.svc.my_work(&user, &f).await {
        Ok(items) => {
            let ctx = v.ctx("/work");
            let page = routing_work::render(&ctx, R::WorkTitle.text(ctx.lang), &work_lines(items, v.lang), &filter_state(&f));
            v.finish(html(&ctx, StatusCode::OK, page))
        }
        Err(e) => failure(&v, &e),
    }
}

pub async fn unit_work(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, Query(f): Query<WorkFilter>) -> Response {
    let path = format!("/work/units/{id}");
    let Some(user) = v.user.clone() else { return sign_in_first(&path) };
    let unit = crate::db::routing::unit_by_id(&state.svc.db.conn, id).await.ok().flatten();
    match (state.svc.unit_work(&user, id, &f).await, unit) {
        (Ok(items), Some(u)) => {
            let ctx = v.ctx(&path);
            let title = fill(R::UnitWorkTitle.text(ctx.lang), "unit", &name(&crate::domain::routing::unit_names(&u), v.lang));
            let page = routing_work::render(&ctx, &title, &work_lines(items, v.lang), &filter_state(&f));
            v.finish(html(&ctx, StatusCode::OK, page))
        }
        (Err(e), _) => failure(&v, &e),
        (Ok(_), None) => failure(&v, &Error::NotFound),
    }
}

async fn show(state: &AppState, v: &Visitor, entry_id: &str, notice: Option<String>, error: Option<&Error>) -> Response {
    let Some(user) = v.user.as_ref() else { return sign_in_first(&format!("/bureau/entries/{entry_id}/routing")) };
    let mut p = match panel(state, user, entry_id, v.lang).await {
        Ok(p) => p,
        Err(e) => return failure(v, &e),
    };
    p.notice = notice;
    let form = FormState::default();
    let mut status = StatusCode::OK;
    if let Some(e) = error {
        let (s, msg) = e.status_and_msg();
        status = s;
        p.notice = None;
        p.error = Some(msg.text(v.lang));
    }
    let ctx = v.ctx(&format!("/bureau/entries/{entry_id}/routing"));
    v.finish(html(&ctx, status, routing_slip::render(&ctx, &p, &form)))
}

#[derive(serde::Deserialize)]
pub struct SlipQuery {
    done: Option<String>,
}

pub async fn slip_page(State(state): State<AppState>, v: Visitor, Path(id): Path<String>, Query(q): Query<SlipQuery>) -> Response {
    let notice = q.done.as_deref().map(|d| match d.strip_prefix("dispatched:") {
        Some(n) => fill(R::Dispatched.text(v.lang), "n", n),
        None => R::Saved.text(v.lang).to_owned(),
    });
    show(&state, &v, &id, notice, None).await
}

fn back(entry_id: &str, done: &str) -> Response {
    Redirect::to(&format!("/bureau/entries/{entry_id}/routing?done={done}")).into_response()
}

type Fields = HashMap<String, String>;

fn field(f: &Fields, k: &str) -> Option<String> {
    f.get(k).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn target(f: &Fields) -> std::result::Result<NewAssignment, Error> {
    let int = |k: &'static str| field(f, k).map(|s| s.parse::<i32>().map_err(|_| Error::BadRequest(Msg::InvalidValue(k)))).transpose();
    let deadline = field(f, "deadline")
        .map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| Error::BadRequest(Msg::InvalidValue("deadline"))))
        .transpose()?;
    Ok(NewAssignment {
        unit_id: int("unit_id")?,
        user_id: int("user_id")?,
        purpose: field(f, "purpose").unwrap_or_else(|| "action".into()),
        instructions: f.get("instructions").cloned().unwrap_or_default(),
        deadline,
    })
}

/// Runs one step for a form POST: checks the CSRF token, then `step`; redirects to the
/// entry's slip, or shows it again with the error.
async fn step<F, Fut>(state: &AppState, v: &Visitor, entry_id: Option<String>, csrf: &str, run: F) -> Response
where
    F: FnOnce(CurrentUser) -> Fut,
    Fut: std::future::Future<Output = Result<(String, String)>>,
{
    let Some(user) = v.user.clone() else { return sign_in_first("/work") };
    if !v.csrf_ok(csrf) {
        return match entry_id {
            Some(id) => show(state, v, &id, None, Some(&Error::BadRequest(Msg::Csrf))).await,
            None => failure(v, &Error::BadRequest(Msg::Csrf)),
        };
    }
    match run(user).await {
        Ok((entry, done)) => v.finish(back(&entry, &done)),
        Err(e) => match entry_id {
            Some(id) if !matches!(e, Error::NotFound) => show(state, v, &id, None, Some(&e)).await,
            _ => failure(v, &e),
        },
    }
}

pub async fn assign(State(state): State<AppState>, v: Visitor, Path(id): Path<String>, Form(f): Form<Fields>) -> Response {
    let csrf = f.get("csrf").cloned().unwrap_or_default();
    let svc = state.svc.clone();
    let entry = id.clone();
    step(&state, &v, Some(id), &csrf, |user| async move {
        svc.assign(&user, &entry, vec![target(&f)?]).await?;
        Ok((entry, "assigned".into()))
    })
    .await
}

/// The entry of an assignment (for error pages before the step runs).
async fn entry_of_assignment(state: &AppState, id: i32) -> Option<String> {
    crate::db::routing::assignment_by_id(&state.svc.db.conn, id).await.ok().flatten().map(|a| a.filing_id)
}

pub async fn handle(State(state): State<AppState>, v: Visitor, Path((id, what)): Path<(i32, String)>, Form(f): Form<Fields>) -> Response {
    let csrf = f.get("csrf").cloned().unwrap_or_default();
    let svc = state.svc.clone();
    let entry = entry_of_assignment(&state, id).await;
    step(&state, &v, entry, &csrf, |user| async move {
        let a = match what.as_str() {
            "accept" => svc.accept_assignment(&user, id).await?,
            "done" => svc.complete_assignment(&user, id).await?,
            "reassign" => svc.reassign(&user, id, target(&f)?).await?,
            _ => return Err(Error::NotFound),
        };
        Ok((a.entry_id, what))
    })
    .await
}

pub async fn new_draft(State(state): State<AppState>, v: Visitor, Path(id): Path<String>, req: Request) -> Response {
    let parsed = crate::http::routing::read_draft(&state, req).await;
    let svc = state.svc.clone();
    let entry = id.clone();
    let (input, pdf, csrf) = match parsed {
        Ok(x) => x,
        Err(e) => return show(&state, &v, &id, None, Some(&e)).await,
    };
    step(&state, &v, Some(id), csrf.as_deref().unwrap_or(""), |user| async move {
        svc.create_draft(&user, &entry, input, pdf).await?;
        Ok((entry, "drafted".into()))
    })
    .await
}

async fn entry_of_draft(state: &AppState, id: i32) -> Option<String> {
    crate::db::routing::draft_by_id(&state.svc.db.conn, id).await.ok().flatten().map(|d| d.filing_id)
}

pub async fn edit_draft(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, req: Request) -> Response {
    let entry = entry_of_draft(&state, id).await;
    let parsed = crate::http::routing::read_draft(&state, req).await;
    let svc = state.svc.clone();
    let (input, pdf, csrf) = match (parsed, &entry) {
        (Ok(x), _) => x,
        (Err(e), Some(entry)) => return show(&state, &v, entry, None, Some(&e)).await,
        (Err(e), None) => return failure(&v, &e),
    };
    step(&state, &v, entry, csrf.as_deref().unwrap_or(""), |user| async move {
        let d = svc.update_draft(&user, id, input, pdf).await?;
        Ok((d.entry_id, "saved".into()))
    })
    .await
}

pub async fn dispatch(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, Form(f): Form<Fields>) -> Response {
    let csrf = f.get("csrf").cloned().unwrap_or_default();
    let entry = entry_of_draft(&state, id).await;
    let svc = state.svc.clone();
    let back_to = entry.clone().unwrap_or_default();
    step(&state, &v, entry, &csrf, |user| async move {
        let out = svc.dispatch(&user, id, DispatchInput { mode: f.get("mode").cloned().unwrap_or_default() }).await?;
        Ok((back_to, format!("dispatched:{}", out.number)))
    })
    .await
}
