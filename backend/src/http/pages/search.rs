//! The register search page (`/bureau/search`) and the register export download
//! (`/bureau/registers/export`, the same files as the API, for a signed-in browser).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use sijill_frontend::pages::bureau_search::{self, SearchForm, SearchLine, SearchView};

use super::bureau::{failure, sign_in_first};
use super::session::Visitor;
use super::html;
use crate::domain::catalogue::Names;
use crate::domain::register_export::ExportParams;
use crate::domain::search::SearchParams;
use crate::error::Error;
use crate::http::register_export::download;
use crate::http::AppState;

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

pub async fn page(State(state): State<AppState>, v: Visitor, Query(p): Query<SearchParams>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/search") };
    let svc = &state.svc;
    let scope = match svc.primary_scope(&user).await {
        Ok(s) => s,
        Err(e) => return failure(&v, &e),
    };
    let units = match svc.units_of(scope.administration_id).await {
        Ok(u) => u,
        Err(e) => return failure(&v, &e),
    };
    let lang = v.lang;
    let unit_name = |id: i32| {
        units.iter().find(|u| u.id == id).map(|u| Names { fr: u.name_fr.clone(), ar: u.name_ar.clone(), zgh: u.name_zgh.clone(), en: u.name_en.clone() }.get(lang).to_owned())
    };
    let form = SearchForm { q: text(&p.q), direction: text(&p.direction), status: text(&p.status), unit: text(&p.unit), from: text(&p.from), to: text(&p.to) };
    let mut view = SearchView {
        units: units.iter().map(|u| (u.id.to_string(), unit_name(u.id).unwrap_or_default())).collect(),
        registry: scope.registry,
        year: chrono::Datelike::year(&chrono::Utc::now()),
        page: 1,
        ..Default::default()
    };
    let mut status = StatusCode::OK;
    if !form.is_empty() || p.page.is_some() {
        match svc.search_register(&user, &p).await {
            Ok(found) => {
                view.page = found.page;
                view.more = found.more;
                view.lines = Some(
                    found
                        .hits
                        .into_iter()
                        .map(|h| SearchLine {
                            unit: h.unit_id.and_then(unit_name),
                            id: h.id,
                            number: h.number,
                            direction: h.direction,
                            status: h.status,
                            subject: h.subject,
                            correspondent: h.correspondent,
                            confidentiality: h.confidentiality,
                            received_at: h.received_at.timestamp(),
                        })
                        .collect(),
                );
            }
            Err(Error::BadRequest(_) | Error::TooLarge(_)) => {
                view.invalid = true;
                status = StatusCode::BAD_REQUEST;
            }
            Err(e) => return failure(&v, &e),
        }
    }
    view.form = form;
    let ctx = v.ctx("/bureau/search");
    v.finish(html(&ctx, status, bureau_search::render(&ctx, &view)))
}

/// The export as a download; errors as a page (the form is on `/bureau/search`).
pub async fn export(State(state): State<AppState>, v: Visitor, Query(p): Query<ExportParams>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first("/bureau/search") };
    match state.svc.export_register(&user, &p).await {
        Ok(file) => download(file),
        Err(e) => failure(&v, &e),
    }
}
