//! The circuit page of a folder (`/parapheur/folders/{id}/circuit`): its originator starts
//! the circuit from a template or from the step rows. Without JavaScript, a click on a page
//! image (`place_{row}`) comes back here as pixel coordinates: they become a rectangle in
//! PDF points (page width / 800 px per pixel, y flipped) and the form is shown again with
//! it. The rows are also read by the templates page (`parapheur_admin`).

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sijill_frontend::i18n::parapheur_circuit::PC;
use sijill_frontend::i18n::{fill, Lang};
use sijill_frontend::islands::sig_placement::{from_click, pt, DEFAULT_SIZE};
use sijill_frontend::model::FormState;
use sijill_frontend::pages::error as error_page;
use sijill_frontend::pages::parapheur_circuit::{self as page, CircuitPage, PagePreview, StepChoices, ROWS};

use super::session::Visitor;
use super::html;
use crate::domain::auth::CurrentUser;
use crate::domain::parapheur::circuits::{CircuitSource, Placement, StepSpec};
use crate::domain::parapheur::folders::FolderView;
use crate::domain::parapheur::pages_render;
use crate::error::Error;
use crate::http::AppState;

/// Pages whose size is read for placing signatures (a longer document is placed by number
/// on its first pages only; signatures go on the first or last page in practice).
const MAX_PREVIEW_PAGES: usize = 60;

pub type Fields = Vec<(String, String)>;

pub fn sign_in_first(path: &str) -> Response {
    Redirect::to(&format!("/signin?next={}", sijill_frontend::components::shell::encode_query(path))).into_response()
}

/// The page for an error: 404 as not found, anything else explained in the user's language.
pub fn failure(v: &Visitor, e: &Error) -> Response {
    let ctx = v.ctx("/parapheur");
    let (status, msg) = e.status_and_msg();
    let body = match e {
        Error::NotFound => error_page::not_found(&ctx),
        _ => error_page::failure(&ctx, msg.text(ctx.lang)),
    };
    v.finish(html(&ctx, status, body))
}

/// A domain error as a form error ("" = the whole form), in the user's language.
pub fn domain_error(e: &Error, lang: Lang) -> (StatusCode, Vec<(String, String)>) {
    let (status, msg) = e.status_and_msg();
    (status, vec![(String::new(), msg.text(lang))])
}

pub fn get<'a>(f: &'a [(String, String)], name: &str) -> &'a str {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

/// What was typed, to show again (never the token, the button or a click's coordinates).
pub fn typed(f: &[(String, String)]) -> FormState {
    f.iter()
        .filter(|(k, _)| k != "csrf" && k != "op" && !k.starts_with("place_"))
        .fold(FormState::default(), |s, (k, v)| s.with_value(k, v))
}

fn num(s: &str) -> Option<f64> {
    s.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

fn placement(f: &[(String, String)], r: usize, lang: Lang, sizes: Option<&[(f64, f64)]>) -> Result<Option<Placement>, String> {
    let vals: Vec<&str> = ["page", "x", "y", "w", "h"].iter().map(|n| get(f, &format!("{n}_{r}"))).collect();
    if vals.iter().all(|v| v.is_empty()) {
        return Ok(None);
    }
    if vals.iter().any(|v| v.is_empty()) {
        return Err(PC::ErrIncomplete.text(lang).into());
    }
    let nums: Vec<f64> = vals.iter().map(|v| num(v)).collect::<Option<_>>().ok_or_else(|| PC::ErrNumber.text(lang).to_owned())?;
    let (page, x, y, w, h) = (nums[0], nums[1], nums[2], nums[3], nums[4]);
    if page < 1.0 || page.fract() != 0.0 {
        return Err(fill(PC::ErrNoPage.text(lang), "n", vals[0]));
    }
    let page = page as usize;
    if let Some(sizes) = sizes {
        let Some(&(pw, ph)) = sizes.get(page - 1) else { return Err(fill(PC::ErrNoPage.text(lang), "n", vals[0])) };
        // A hair of tolerance: the fields show points rounded to 0.1.
        let inside = x >= 0.0 && y >= 0.0 && w >= 10.0 && h >= 10.0 && x + w <= pw + 0.05 && y + h <= ph + 0.05;
        if !inside {
            return Err(fill(&fill(PC::ErrOutside.text(lang), "w", &pt(pw)), "h", &pt(ph)));
        }
    } else if x < 0.0 || y < 0.0 || w < 10.0 || h < 10.0 {
        return Err(fill(&fill(PC::ErrOutside.text(lang), "w", "…"), "h", "…"));
    }
    Ok(Some(Placement { page: page as i32, x, y, width: w, height: h }))
}

/// The step rows as a circuit (blank rows skipped), or the errors by field.
pub fn parse_rows(f: &[(String, String)], lang: Lang, sizes: Option<&[(f64, f64)]>) -> Result<Vec<StepSpec>, Vec<(String, String)>> {
    let mut steps = Vec::new();
    let mut errors = Vec::new();
    for r in 0..ROWS {
        let field = |n: &str| get(f, &format!("{n}_{r}"));
        let (user, role, unit) = (field("user"), field("role"), field("unit"));
        if user.is_empty() && role.is_empty() && unit.is_empty() {
            continue;
        }
        let assignee = match (user.parse::<i32>().ok(), role, unit.parse::<i32>().ok()) {
            (Some(u), "", None) if unit.is_empty() => Some((Some(u), None, None)),
            (None, role, Some(u)) if user.is_empty() && !role.is_empty() => Some((None, Some(role.to_owned()), Some(u))),
            _ => None,
        };
        let Some((user_id, role, unit_id)) = assignee else {
            errors.push((format!("user_{r}"), PC::ErrAssignee.text(lang).to_owned()));
            continue;
        };
        let Some(position) = field("pos").parse::<i32>().ok().filter(|p| (1..=50).contains(p)) else {
            errors.push((format!("pos_{r}"), PC::ErrPosition.text(lang).to_owned()));
            continue;
        };
        let kind = if field("kind") == "signature" { "signature" } else { "visa" };
        let mode = if field("mode") == "one" { "one" } else { "all" };
        let placement = match placement(f, r, lang, sizes) {
            Ok(Some(_)) if kind == "visa" => Err(PC::ErrPlacementVisa.text(lang).to_owned()),
            other => other,
        };
        match placement {
            Ok(placement) => steps.push((r, StepSpec { position, kind: kind.into(), mode: Some(mode.into()), user_id, role, unit_id, placement })),
            Err(e) => errors.push((format!("placement_{r}"), e)),
        }
    }
    // One rule per parallel group: said on the row that breaks it.
    for (i, (r, s)) in steps.iter().enumerate() {
        if steps[..i].iter().any(|(_, o)| o.position == s.position && o.mode != s.mode) {
            errors.push((format!("mode_{r}"), PC::ErrMode.text(lang).to_owned()));
        }
    }
    if steps.is_empty() && errors.is_empty() {
        errors.push((String::new(), PC::ErrNoSteps.text(lang).to_owned()));
    }
    if errors.is_empty() { Ok(steps.into_iter().map(|(_, s)| s).collect()) } else { Err(errors) }
}

/// Steps (of a template, or of a rejected folder's last circuit) as row values.
pub fn rows_of(steps: &[StepSpec]) -> FormState {
    steps.iter().take(ROWS).enumerate().fold(FormState::default(), |s, (r, st)| {
        let mut s = s
            .with_value(&format!("pos_{r}"), st.position.to_string())
            .with_value(&format!("kind_{r}"), st.kind.clone())
            .with_value(&format!("mode_{r}"), st.mode.clone().unwrap_or_else(|| "all".into()))
            .with_value(&format!("user_{r}"), st.user_id.map(|u| u.to_string()).unwrap_or_default())
            .with_value(&format!("role_{r}"), st.role.clone().unwrap_or_default())
            .with_value(&format!("unit_{r}"), st.unit_id.map(|u| u.to_string()).unwrap_or_default());
        if let Some(p) = st.placement {
            for (n, v) in [("page", p.page.to_string()), ("x", pt(p.x)), ("y", pt(p.y)), ("w", pt(p.width)), ("h", pt(p.height))] {
                s = s.with_value(&format!("{n}_{r}"), v);
            }
        }
        s
    })
}

/// Who steps may name, in the page's language.
pub async fn choices(state: &AppState, user: &CurrentUser, administration_id: i32, lang: Lang) -> Result<StepChoices, Error> {
    let a = state.svc.circuit_assignees(user, administration_id).await?;
    Ok(StepChoices {
        people: a.people.iter().map(|p| (p.id.to_string(), p.name.clone())).collect(),
        units: a
            .units
            .iter()
            .map(|u| {
                let n = u.names.get(lang);
                (u.id.to_string(), if n.trim().is_empty() { u.names.fr.clone() } else { n.to_owned() })
            })
            .collect(),
    })
}

/// The first main document's page sizes (None when it cannot be read as a PDF).
async fn preview(state: &AppState, user: &CurrentUser, f: &FolderView) -> Option<PagePreview> {
    let doc = f.documents.iter().find(|d| d.role == "main")?;
    let (_, bytes) = state.svc.folder_document(user, f.id, doc.id).await.ok()?;
    let sizes = tokio::task::spawn_blocking(move || -> Option<Vec<(f64, f64)>> {
        let n = pages_render::page_count(&bytes).ok()?.min(MAX_PREVIEW_PAGES);
        (1..=n).map(|p| pages_render::page_size_pt(&bytes, p).ok().flatten()).collect()
    })
    .await
    .ok()??;
    (!sizes.is_empty()).then(|| PagePreview { base: format!("/parapheur/folders/{}/documents/{}/pages/", f.id, doc.id), sizes })
}

/// The folder, if `user` is its originator and may still choose its circuit.
async fn folder(state: &AppState, user: &CurrentUser, id: i32) -> Result<FolderView, Error> {
    let f = state.svc.folder_view(user, id).await?;
    if f.originator_id != user.id {
        return Err(Error::NotFound);
    }
    Ok(f)
}

async fn show(state: &AppState, v: &Visitor, f: &FolderView, form: &FormState, errors: Vec<(String, String)>, notice: Option<String>, status: StatusCode) -> Response {
    let Some(user) = v.user.as_ref() else { return sign_in_first(&format!("/parapheur/folders/{}/circuit", f.id)) };
    let path = format!("/parapheur/folders/{}/circuit", f.id);
    let ctx = v.ctx(&path);
    if !matches!(f.status.as_str(), "draft" | "rejected") {
        return v.finish(html(&ctx, StatusCode::CONFLICT, page::not_editable(&ctx, f.id, &f.title)));
    }
    let choices = match choices(state, user, f.administration_id, v.lang).await {
        Ok(c) => c,
        Err(e) => return failure(v, &e),
    };
    let templates = state.svc.templates(user, f.administration_id).await.unwrap_or_default();
    let p = CircuitPage {
        folder_id: f.id,
        title: f.title.clone(),
        templates: templates.iter().map(|t| (t.id.to_string(), t.name.clone())).collect(),
        choices,
        preview: preview(state, user, f).await,
        errors,
        notice,
        admin: crate::domain::authz::allowed(user, crate::domain::authz::Action::ManageParapheur { administration_id: f.administration_id }),
    };
    v.finish(html(&ctx, status, page::render(&ctx, &p, form)))
}

pub async fn form(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/parapheur/folders/{id}/circuit")) };
    let f = match folder(&state, &user, id).await {
        Ok(f) => f,
        Err(e) => return failure(&v, &e),
    };
    // A rejected folder starts again from its last circuit.
    let last: Vec<StepSpec> = f
        .steps
        .iter()
        .map(|s| StepSpec { position: s.position, kind: s.kind.clone(), mode: Some(s.mode.clone()), user_id: s.assignee_user_id, role: s.assignee_role.clone(), unit_id: s.assignee_unit_id, placement: s.placement })
        .collect();
    show(&state, &v, &f, &rows_of(&last), Vec::new(), None, StatusCode::OK).await
}

/// The row whose page image was clicked, with the click's pixel coordinates.
fn clicked(f: &[(String, String)]) -> Option<(usize, f64, f64)> {
    (0..ROWS).find_map(|r| Some((r, num(get(f, &format!("place_{r}.x")))?, num(get(f, &format!("place_{r}.y")))?)))
}

pub async fn submit(State(state): State<AppState>, v: Visitor, Path(id): Path<i32>, Form(fields): Form<Fields>) -> Response {
    let Some(user) = v.user.clone() else { return sign_in_first(&format!("/parapheur/folders/{id}/circuit")) };
    let f = match folder(&state, &user, id).await {
        Ok(f) => f,
        Err(e) => return failure(&v, &e),
    };
    let lang = v.lang;
    let mut form = typed(&fields);
    if !v.csrf_ok(get(&fields, "csrf")) {
        let expired = sijill_frontend::i18n::FormError::FormExpired.text(lang);
        return show(&state, &v, &f, &form, vec![(String::new(), expired)], None, StatusCode::FORBIDDEN).await;
    }
    let src = if let Some((r, px, py)) = clicked(&fields) {
        // A click on page `shown_r`'s image: centre the rectangle there (size kept).
        let sizes = preview(&state, &user, &f).await.map(|p| p.sizes).unwrap_or_default();
        let shown = get(&fields, &format!("shown_{r}")).parse::<usize>().unwrap_or(1);
        let Some(&(pw, ph)) = sizes.get(shown.max(1) - 1) else {
            let e = fill(PC::ErrNoPage.text(lang), "n", &shown.to_string());
            return show(&state, &v, &f, &form, vec![(format!("placement_{r}"), e)], None, StatusCode::BAD_REQUEST).await;
        };
        let size = |n: &str, d: f64| num(get(&fields, &format!("{n}_{r}"))).filter(|v| *v >= 10.0).unwrap_or(d);
        let (w, h) = (size("w", DEFAULT_SIZE.0).min(pw), size("h", DEFAULT_SIZE.1).min(ph));
        let (x, y) = from_click(px, py, w, h, pw, ph);
        form.values.retain(|(k, _)| !["page", "x", "y", "w", "h"].iter().any(|n| *k == format!("{n}_{r}")));
        for (n, val) in [("page", shown.to_string()), ("x", pt(x)), ("y", pt(y)), ("w", pt(w)), ("h", pt(h))] {
            form = form.with_value(&format!("{n}_{r}"), val);
        }
        let notice = [("n", (r + 1).to_string()), ("page", shown.to_string()), ("x", pt(x)), ("y", pt(y))]
            .iter()
            .fold(PC::Placed.text(lang).to_owned(), |t, (k, val)| fill(&t, k, val));
        return show(&state, &v, &f, &form, Vec::new(), Some(notice), StatusCode::OK).await;
    } else {
        match get(&fields, "op") {
            "template" | "load" => {
                let Some(t) = get(&fields, "template_id").parse::<i32>().ok() else {
                    let e = vec![("template_id".into(), PC::ErrChooseTemplate.text(lang).to_owned())];
                    return show(&state, &v, &f, &form, e, None, StatusCode::BAD_REQUEST).await;
                };
                if get(&fields, "op") == "load" {
                    let found = state.svc.templates(&user, f.administration_id).await.ok().and_then(|ts| ts.into_iter().find(|x| x.id == t));
                    let Some(found) = found else { return failure(&v, &Error::NotFound) };
                    let loaded = rows_of(&found.steps).with_value("template_id", t.to_string());
                    return show(&state, &v, &f, &loaded, Vec::new(), None, StatusCode::OK).await;
                }
                CircuitSource { template_id: Some(t), steps: None }
            }
            "start" => {
                let sizes = preview(&state, &user, &f).await.map(|p| p.sizes);
                match parse_rows(&fields, lang, sizes.as_deref()) {
                    Ok(steps) => CircuitSource { template_id: None, steps: Some(steps) },
                    Err(errors) => return show(&state, &v, &f, &form, errors, None, StatusCode::BAD_REQUEST).await,
                }
            }
            _ => return show(&state, &v, &f, &form, Vec::new(), None, StatusCode::OK).await,
        }
    };
    match state.svc.start_circuit(&user, id, src).await {
        Ok(_) => v.finish(Redirect::to(&format!("/parapheur/folders/{id}")).into_response()),
        Err(e) => {
            let (status, errors) = domain_error(&e, lang);
            show(&state, &v, &f, &form, errors, None, status).await
        }
    }
}
