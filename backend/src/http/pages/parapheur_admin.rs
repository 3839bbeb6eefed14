//! The parapheur's settings pages (the key page is `parapheur_keys`): the official's
//! delegations (`/parapheur/delegations`), and for administrators the circuit templates
//! (`/parapheur/templates`) and the PAdES level (`/parapheur/settings`). Thin handlers over
//! the parapheur's services; forms POST-redirect-GET with `?saved=1`.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use sijill_frontend::i18n::parapheur_circuit::{PA, PC};
use sijill_frontend::i18n::{FormError, Lang};
use sijill_frontend::model::FormState;
use sijill_frontend::pages::parapheur_admin::{self as page, DelegationLine, TemplateLine};
use sijill_frontend::pages::parapheur_circuit::Choice;

use super::html;
use super::parapheur_circuit::{choices, domain_error, failure, get, parse_rows, sign_in_first, typed, Fields};
use super::session::Visitor;
use crate::domain::auth::{CurrentUser, Role};
use crate::domain::authz::{allowed, Action};
use crate::domain::parapheur::circuits::StepSpec;
use crate::error::Error;
use crate::http::AppState;

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
    revoked: Option<String>,
}

/// The administration the user works in (the first where they are staff).
fn administration(user: &CurrentUser) -> Option<i32> {
    user.roles.iter().find(|g| g.role != Role::Filer).and_then(|g| g.administration_id)
}

pub(super) fn is_admin(user: &CurrentUser) -> bool {
    administration(user).is_some_and(|a| allowed(user, Action::ManageParapheur { administration_id: a }))
}

pub(super) fn staff(v: &Visitor, path: &str) -> Result<(CurrentUser, i32), Response> {
    let user = v.user.clone().ok_or_else(|| sign_in_first(path))?;
    let a = administration(&user).ok_or_else(|| failure(v, &Error::Forbidden(crate::i18n::Msg::Forbidden)))?;
    Ok((user, a))
}

pub(super) fn saved(v: &Visitor, q: &Saved, m: PA) -> Option<String> {
    q.saved.as_ref().map(|_| m.text(v.lang).to_owned())
}

async fn delegations_page(state: &AppState, v: &Visitor, user: &CurrentUser, a: i32, form: &FormState, errors: Vec<(String, String)>, notice: Option<String>, status: StatusCode) -> Response {
    let people = match choices(state, user, a, v.lang).await {
        Ok(c) => c.people.into_iter().filter(|(id, _)| *id != user.id.to_string()).collect::<Vec<Choice>>(),
        Err(e) => return failure(v, &e),
    };
    let list = match state.svc.my_delegations(user).await {
        Ok(l) => l,
        Err(e) => return failure(v, &e),
    };
    let now = Utc::now();
    let name = |id: i32| people.iter().find(|(p, _)| *p == id.to_string()).map(|(_, n)| n.clone()).unwrap_or_else(|| format!("#{id}"));
    let line = |d: &crate::domain::parapheur::delegation::DelegationView, other: i32| DelegationLine {
        id: d.id,
        other: name(other),
        starts_at: d.starts_at.timestamp(),
        // Shown inclusive: a delegation "to the 12th" ends at the 13th, 00:00.
        ends_at: (d.ends_at - chrono::Duration::seconds(1)).timestamp(),
        state: if d.revoked_at.is_some() { "revoked" } else if d.ends_at <= now { "ended" } else if d.starts_at > now { "upcoming" } else { "active" },
    };
    let given: Vec<_> = list.iter().filter(|d| d.delegator_id == user.id).map(|d| line(d, d.delegate_id)).collect();
    let received: Vec<_> = list.iter().filter(|d| d.delegate_id == user.id).map(|d| line(d, d.delegator_id)).collect();
    let ctx = v.ctx("/parapheur/delegations");
    v.finish(html(&ctx, status, page::delegations(&ctx, is_admin(user), &people, &given, &received, form, &errors, notice)))
}

pub async fn delegations(State(state): State<AppState>, v: Visitor, Query(q): Query<Saved>) -> Response {
    let (user, a) = match staff(&v, "/parapheur/delegations") {
        Ok(u) => u,
        Err(r) => return r,
    };
    let today = Utc::now().date_naive().to_string();
    let form = FormState::default().with_value("from", today);
    let notice = saved(&v, &q, PA::DelegSaved).or_else(|| q.revoked.as_ref().map(|_| PA::DelegRevoked.text(v.lang).to_owned()));
    delegations_page(&state, &v, &user, a, &form, Vec::new(), notice, StatusCode::OK).await
}

/// Ends a delegation now (or cancels one not started yet).
pub async fn revoke(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, Form(fields): Form<Fields>) -> Response {
    let (user, a) = match staff(&v, "/parapheur/delegations") {
        Ok(u) => u,
        Err(r) => return r,
    };
    let form = FormState::default().with_value("from", Utc::now().date_naive().to_string());
    if !v.csrf_ok(get(&fields, "csrf")) {
        return delegations_page(&state, &v, &user, a, &form, vec![(String::new(), FormError::FormExpired.text(v.lang))], None, StatusCode::FORBIDDEN).await;
    }
    match state.svc.revoke_delegation(&user, id).await {
        Ok(_) => v.finish(Redirect::to("/parapheur/delegations?revoked=1").into_response()),
        Err(Error::NotFound) => failure(&v, &Error::NotFound),
        Err(e) => {
            let (status, errors) = domain_error(&e, v.lang);
            delegations_page(&state, &v, &user, a, &form, errors, None, status).await
        }
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

pub async fn delegate(State(state): State<AppState>, v: Visitor, Form(fields): Form<Fields>) -> Response {
    let (user, a) = match staff(&v, "/parapheur/delegations") {
        Ok(u) => u,
        Err(r) => return r,
    };
    let lang = v.lang;
    let form = typed(&fields);
    if !v.csrf_ok(get(&fields, "csrf")) {
        return delegations_page(&state, &v, &user, a, &form, vec![(String::new(), FormError::FormExpired.text(lang))], None, StatusCode::FORBIDDEN).await;
    }
    let mut errors = Vec::new();
    let delegate = get(&fields, "delegate_id").parse::<i32>().ok();
    if delegate.is_none() {
        errors.push(("delegate_id".into(), FormError::Required.text(lang)));
    }
    let from = if get(&fields, "from").is_empty() { Some(Utc::now().date_naive()) } else { date(get(&fields, "from")) };
    let to = date(get(&fields, "to"));
    if from.is_none() {
        errors.push(("from".into(), FormError::Invalid.text(lang)));
    }
    if to.is_none() || to < from {
        errors.push(("to".into(), FormError::Invalid.text(lang)));
    }
    let (Some(delegate), Some(from), Some(to), true) = (delegate, from, to, errors.is_empty()) else {
        return delegations_page(&state, &v, &user, a, &form, errors, None, StatusCode::BAD_REQUEST).await;
    };
    // From the start of the first day (now, if today) to the end of the last day.
    let start = from.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_else(Utc::now);
    let end = (to + chrono::Days::new(1)).and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_else(Utc::now);
    match state.svc.delegate(&user, a, delegate, start, end).await {
        Ok(_) => v.finish(Redirect::to("/parapheur/delegations?saved=1").into_response()),
        Err(e) => {
            let (status, errors) = match &e {
                Error::BadRequest(crate::i18n::Msg::InvalidValue(f)) => (StatusCode::BAD_REQUEST, vec![((if *f == "ends_at" { "to" } else { f }).to_string(), FormError::Invalid.text(lang))]),
                _ => domain_error(&e, lang),
            };
            delegations_page(&state, &v, &user, a, &form, errors, None, status).await
        }
    }
}

/// A template's steps in words: "1. Visa — Amina", "2. Signature — Responsable signataire (DAA)".
fn describe(steps: &[StepSpec], people: &[Choice], units: &[Choice], lang: Lang) -> Vec<String> {
    let roles = sijill_frontend::pages::parapheur_circuit::roles(lang);
    let find = |list: &[Choice], id: String| list.iter().find(|(v, _)| *v == id).map(|(_, n)| n.clone()).unwrap_or(id);
    steps
        .iter()
        .map(|s| {
            let kind = if s.kind == "signature" { PC::KindSignature } else { PC::KindVisa };
            let who = match (s.user_id, &s.role, s.unit_id) {
                (Some(u), _, _) => find(people, u.to_string()),
                (None, Some(r), Some(u)) => format!("{} ({})", find(&roles, r.clone()), find(units, u.to_string())),
                _ => String::new(),
            };
            let mode = if s.mode.as_deref() == Some("one") { format!(" · {}", PC::ModeOne.text(lang)) } else { String::new() };
            format!("{}. {} — {who}{mode}", s.position, kind.text(lang))
        })
        .collect()
}

async fn templates_page(state: &AppState, v: &Visitor, user: &CurrentUser, a: i32, form: &FormState, errors: Vec<(String, String)>, notice: Option<String>, status: StatusCode) -> Response {
    if !allowed(user, Action::ManageParapheur { administration_id: a }) {
        return failure(v, &Error::Forbidden(crate::i18n::Msg::Forbidden));
    }
    let (c, list) = match (choices(state, user, a, v.lang).await, state.svc.templates(user, a).await) {
        (Ok(c), Ok(l)) => (c, l),
        (Err(e), _) | (_, Err(e)) => return failure(v, &e),
    };
    let lines: Vec<TemplateLine> = list.iter().map(|t| TemplateLine { name: t.name.clone(), steps: describe(&t.steps, &c.people, &c.units, v.lang) }).collect();
    let ctx = v.ctx("/parapheur/templates");
    v.finish(html(&ctx, status, page::templates(&ctx, &lines, &c, form, &errors, notice)))
}

pub async fn templates(State(state): State<AppState>, v: Visitor, Query(q): Query<Saved>) -> Response {
    let (user, a) = match staff(&v, "/parapheur/templates") {
        Ok(u) => u,
        Err(r) => return r,
    };
    templates_page(&state, &v, &user, a, &FormState::default(), Vec::new(), saved(&v, &q, PA::TemplateSaved), StatusCode::OK).await
}

pub async fn create_template(State(state): State<AppState>, v: Visitor, Form(fields): Form<Fields>) -> Response {
    let (user, a) = match staff(&v, "/parapheur/templates") {
        Ok(u) => u,
        Err(r) => return r,
    };
    let lang = v.lang;
    let form = typed(&fields);
    if !v.csrf_ok(get(&fields, "csrf")) {
        return templates_page(&state, &v, &user, a, &form, vec![(String::new(), FormError::FormExpired.text(lang))], None, StatusCode::FORBIDDEN).await;
    }
    if get(&fields, "op") != "save" {
        return templates_page(&state, &v, &user, a, &form, Vec::new(), None, StatusCode::OK).await;
    }
    let name = get(&fields, "name");
    let steps = parse_rows(&fields, lang, None);
    let mut errors = match &steps {
        Ok(_) => Vec::new(),
        Err(e) => e.clone(),
    };
    if name.is_empty() {
        errors.insert(0, ("name".into(), FormError::Required.text(lang)));
    }
    let (Ok(steps), true) = (steps, errors.is_empty()) else {
        return templates_page(&state, &v, &user, a, &form, errors, None, StatusCode::BAD_REQUEST).await;
    };
    match state.svc.create_template(&user, a, name, steps).await {
        Ok(_) => v.finish(Redirect::to("/parapheur/templates?saved=1").into_response()),
        Err(e) => {
            let (status, errors) = domain_error(&e, lang);
            templates_page(&state, &v, &user, a, &form, errors, None, status).await
        }
    }
}

async fn settings_page(state: &AppState, v: &Visitor, user: &CurrentUser, a: i32, errors: Vec<(String, String)>, notice: Option<String>, status: StatusCode) -> Response {
    let prefs = match state.svc.parapheur_preferences(user).await {
        Ok(p) => p,
        Err(e) => return failure(v, &e),
    };
    let level = if allowed(user, Action::ManageParapheur { administration_id: a }) {
        match state.svc.pades_level(a).await {
            Ok(l) => Some(l),
            Err(e) => return failure(v, &e),
        }
    } else {
        None
    };
    let ctx = v.ctx("/parapheur/settings");
    v.finish(html(&ctx, status, page::settings(&ctx, &prefs.notifications, level.as_ref().map(|l| l.as_str()), &errors, notice)))
}

pub async fn settings(State(state): State<AppState>, v: Visitor, Query(q): Query<Saved>) -> Response {
    let (user, a) = match staff(&v, "/parapheur/settings") {
        Ok(u) => u,
        Err(r) => return r,
    };
    settings_page(&state, &v, &user, a, Vec::new(), saved(&v, &q, PA::SettingsSaved), StatusCode::OK).await
}

/// One of the two forms of the page: notifications (anyone) or the PAdES level (administrators).
pub async fn save_settings(State(state): State<AppState>, v: Visitor, Form(fields): Form<Fields>) -> Response {
    let (user, a) = match staff(&v, "/parapheur/settings") {
        Ok(u) => u,
        Err(r) => return r,
    };
    if !v.csrf_ok(get(&fields, "csrf")) {
        return settings_page(&state, &v, &user, a, vec![(String::new(), FormError::FormExpired.text(v.lang))], None, StatusCode::FORBIDDEN).await;
    }
    let (field, res) = if fields.iter().any(|(k, _)| k == "pades_level") {
        ("pades_level", state.svc.set_pades_level(&user, a, get(&fields, "pades_level")).await.map(|_| ()))
    } else {
        let p = crate::domain::parapheur::digest::Preferences { notifications: get(&fields, "notifications").to_owned() };
        ("notifications", state.svc.set_parapheur_preferences(&user, p).await.map(|_| ()))
    };
    match res {
        Ok(()) => v.finish(Redirect::to("/parapheur/settings?saved=1").into_response()),
        Err(Error::BadRequest(_)) => settings_page(&state, &v, &user, a, vec![(field.into(), FormError::Invalid.text(v.lang))], None, StatusCode::BAD_REQUEST).await,
        Err(e) => failure(&v, &e),
    }
}
