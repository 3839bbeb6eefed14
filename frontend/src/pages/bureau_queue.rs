//! The clerk's queue (`/bureau`): the register entries the user may see, newest first, with
//! a GET filter form (direction, status, origin, unit, dates) and page links; each line
//! links to its entry page.

use super::bureau_model::{Choice, QueueView};
use crate::components::{data_table, document};
use crate::i18n::bureau::{confidentiality_label, direction_label, origin_label, priority_label};
use crate::i18n::{fill, format_datetime, format_number, FilingStatus, Lang, B};
use crate::model::PageCtx;
use leptos::prelude::*;

/// A labelled select of the filter form.
pub fn select(lang: Lang, name: &'static str, label: &str, choices: &[Choice], selected: &str, any: Option<B>) -> impl IntoView {
    let id = format!("field-{name}");
    let options = choices
        .iter()
        .map(|(value, text)| view! { <option value=value.clone() selected=value == selected>{text.clone()}</option> })
        .collect::<Vec<_>>();
    view! {
        <div class="field">
            <label for=id.clone()>{label.to_owned()}</label>
            <select id=id name=name>
                {any.map(|a| view! { <option value="" selected=selected.is_empty()>{a.text(lang)}</option> })}
                {options}
            </select>
        </div>
    }
}

fn choices(lang: Lang, items: &[(&str, B)]) -> Vec<Choice> {
    items.iter().map(|(v, b)| (v.to_string(), b.text(lang).to_owned())).collect()
}

fn date_input(name: &'static str, label: &str, value: &str) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label.to_owned()}</label>
            <input id=id name=name type="date" value=value.to_owned()/>
        </div>
    }
}

fn filters(lang: Lang, v: &QueueView) -> impl IntoView {
    let f = &v.filters;
    let directions = choices(lang, &[("A", B::DirA), ("D", B::DirD), ("I", B::DirI)]);
    let statuses: Vec<Choice> = ["registered", "assigned", "in_progress", "answered", "closed"]
        .iter()
        .map(|s| (s.to_string(), FilingStatus::from_name(s).label().text(lang).to_owned()))
        .collect();
    let origins = choices(lang, &[("portal", B::OriginPortal), ("paper", B::OriginPaper), ("internal", B::OriginInternal), ("api", B::OriginApi), ("outgoing", B::OriginOutgoing)]);
    view! {
        <form method="get" action="/bureau" class="filters" aria-labelledby="filters-title">
            <h2 id="filters-title">{B::Filters.text(lang)}</h2>
            <div class="filter-row">
                {select(lang, "direction", B::Direction.text(lang), &directions, &f.direction, Some(B::Any))}
                {select(lang, "status", B::Status.text(lang), &statuses, &f.status, Some(B::Any))}
                {select(lang, "origin", B::Origin.text(lang), &origins, &f.origin, Some(B::Any))}
                {select(lang, "unit", B::Unit.text(lang), &v.units, &f.unit, Some(B::Any))}
                {date_input("from", B::FromDate.text(lang), &f.from)}
                {date_input("to", B::ToDate.text(lang), &f.to)}
            </div>
            <button type="submit">{B::Apply.text(lang)}</button>
        </form>
    }
}

fn pagination(lang: Lang, v: &QueueView) -> impl IntoView {
    let pages = v.pages.max(1);
    let label = fill(&fill(B::PageOf.text(lang), "page", &format_number(lang, v.page + 1)), "pages", &format_number(lang, pages));
    let prev = (v.page > 0).then(|| view! { <a rel="prev" href=format!("/bureau{}", v.filters.query(v.page - 1))>{B::Previous.text(lang)}</a> });
    let next = (v.page + 1 < pages).then(|| view! { <a rel="next" href=format!("/bureau{}", v.filters.query(v.page + 1))>{B::Next.text(lang)}</a> });
    view! {
        <nav class="pagination" aria-label=B::Pagination.text(lang)>
            {prev} " " <span>{label}</span> " " {next}
        </nav>
    }
}

/// The staff's navigation link to the register (added by the page shell).
pub fn nav(ctx: &PageCtx) -> Option<AnyView> {
    ctx.staff.then(|| {
        let current = ctx.path.starts_with("/bureau").then_some("page");
        view! { <li><a href="/bureau" aria-current=current>{B::NavBureau.text(ctx.lang)}</a></li> }.into_any()
    })
}

pub fn render(ctx: &PageCtx, v: &QueueView, notice: Option<String>) -> String {
    let lang = ctx.lang;
    let rows = v
        .lines
        .iter()
        .map(|l| {
            let conf = (l.confidentiality != "normal").then(|| view! { " " <span class="tag">{confidentiality_label(&l.confidentiality).text(lang)}</span> });
            let urgent = (l.priority == "urgent").then(|| view! { " " <span class="tag">{priority_label(&l.priority).text(lang)}</span> });
            view! {
                <tr>
                    <td><a href=format!("/bureau/entries/{}", l.id)>{l.number.clone()}</a></td>
                    <td>{format_datetime(lang, l.received_at)}</td>
                    <td>{direction_label(&l.direction).text(lang)} " · " {origin_label(&l.origin).text(lang)}</td>
                    <td>{l.from.clone().unwrap_or_default()}</td>
                    <td>{l.subject.clone()}{conf}{urgent}</td>
                    <td>{l.unit.clone().unwrap_or_default()}</td>
                    <td>{l.deadline.clone().unwrap_or_default()}</td>
                    <td>{FilingStatus::from_name(&l.status).label().text(lang)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let count = fill(B::EntriesCount.text(lang), "n", &format_number(lang, v.total));
    let empty = v.lines.is_empty();
    let actions = view! {
        <ul class="actions">
            {v.registry.then(|| view! { <li><a href="/bureau/paper">{B::RegisterPaper.text(lang)}</a></li> })}
            {v.can_send_internal.then(|| view! { <li><a href="/bureau/internal">{B::SendInternal.text(lang)}</a></li> })}
            {v.registry.then(|| view! { <li><a href="/bureau/correspondents">{B::CorrespondentsTitle.text(lang)}</a></li> })}
            {v.can_manage_clearances.then(|| view! { <li><a href="/bureau/clearances">{B::ClearancesTitle.text(lang)}</a></li> })}
        </ul>
    };
    let body = view! {
        <h1>{B::QueueTitle.text(lang)} " — " {v.administration.clone()}</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p class="lead">{B::QueueIntro.text(lang)}</p>
        {actions}
        {filters(lang, v)}
        <p class="count" role="status">{count}</p>
        {empty.then(|| view! { <p class="empty">{B::NoEntries.text(lang)}</p> })}
        {(!empty).then(|| view! {
            {data_table("register", B::QueueTitle.text(lang).to_owned(), false, [B::Number, B::ReceivedAt, B::Direction, B::From, B::Subject, B::Unit, B::Deadline, B::Status]
                .iter().map(|b| b.text(lang).to_owned()).collect(), rows)}
        })}
        {pagination(lang, v)}
    };
    document(ctx, B::QueueTitle.text(lang), body)
}
