//! The public catalogue of administrations and their services. Searching is a GET form
//! (`/catalogue?q=…`) answered by the server; the `CatalogueSearch` island also filters the
//! list as one types.

use crate::components::document;
use crate::i18n::{fill, format_number, T};
use crate::islands::CatalogueSearch;
use crate::model::{AdministrationEntry, PageCtx};
use leptos::prelude::*;

pub fn render(ctx: &PageCtx, query: &str, entries: &[AdministrationEntry]) -> String {
    let lang = ctx.lang;
    let count = fill(T::ResultsCount.text(lang), "n", &format_number(lang, entries.len() as u64));
    let items = entries
        .iter()
        .map(|a| {
            let services = a
                .services
                .iter()
                .map(|s| {
                    let deadline = s.deadline_days.map(|d| {
                        view! {
                            " — "
                            <span class="deadline">
                                {fill(T::DeadlineDays.text(lang), "n", &format_number(lang, d.into()))}
                            </span>
                        }
                    });
                    view! { <li>{s.name.clone()}{deadline}</li> }
                })
                .collect::<Vec<_>>();
            let heading_id = format!("adm-{}", a.code);
            let labelled_by = heading_id.clone();
            let search = format!(
                "{} {} {}",
                a.code,
                a.search_text,
                a.services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" ")
            )
            .to_lowercase();
            let has_services = !a.services.is_empty();
            view! {
                <li class="card" data-search=search aria-labelledby=labelled_by>
                    <h2 id=heading_id>{a.name.clone()} " " <span class="code">"(" {a.code.clone()} ")"</span></h2>
                    {has_services.then(|| view! {
                        <h3 class="sub">{T::Services.text(lang)}</h3>
                        <ul class="services">{services}</ul>
                    })}
                    <p>
                        <a href=format!("/file?addressee={}", a.code)>{T::FileHere.text(lang)}</a>
                    </p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let empty = entries.is_empty();
    let body = view! {
        <h1>{T::CatalogueTitle.text(lang)}</h1>
        <p class="lead">{T::CatalogueIntro.text(lang)}</p>
        <CatalogueSearch lang=lang query=query.to_owned()/>
        <p id="catalogue-count" class="count" role="status">{count}</p>
        {empty.then(|| view! { <p class="empty">{T::NoResults.text(lang)}</p> })}
        <ul class="catalogue" id="catalogue-list">{items}</ul>
    };
    document(ctx, T::CatalogueTitle.text(lang), body)
}

/// Whether an administration matches a search (case-insensitive, any of its names, its code
/// or a service name). Used by the page handler for the no-JavaScript search.
pub fn matches(entry: &AdministrationEntry, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    let hay = format!(
        "{} {} {} {}",
        entry.code,
        entry.name,
        entry.search_text,
        entry.services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" ")
    )
    .to_lowercase();
    q.split_whitespace().all(|w| hay.contains(w))
}
