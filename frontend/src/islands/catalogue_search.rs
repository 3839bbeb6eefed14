//! Catalogue search: a GET form the server answers; hydrated, it also filters the list
//! while the reader types and announces the count in the status line.

use crate::i18n::{Lang, T};
use leptos::prelude::*;

#[island]
pub fn CatalogueSearch(lang: Lang, query: String) -> impl IntoView {
    let on_input = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        filter_list(lang, &event_target_value(&_ev));
    };
    view! {
        <form method="get" action="/catalogue" role="search" class="search">
            <label for="q">{T::SearchLabel.text(lang)}</label>
            <p class="hint" id="q-hint">{T::SearchHint.text(lang)}</p>
            <div class="search-row">
                <input id="q" name="q" type="search" value=query aria-describedby="q-hint" on:input=on_input/>
                <button type="submit">{T::SearchButton.text(lang)}</button>
            </div>
        </form>
    }
}

/// Hides the catalogue cards whose `data-search` text lacks one of the typed words.
#[cfg(feature = "hydrate")]
fn filter_list(lang: Lang, query: &str) {
    use crate::i18n::{fill, format_number};
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(cards) = doc.query_selector_all("#catalogue-list [data-search]") else { return };
    let words: Vec<String> = query.to_lowercase().split_whitespace().map(str::to_owned).collect();
    let mut shown = 0u64;
    for i in 0..cards.length() {
        let Some(el) = cards.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else {
            continue;
        };
        let hay = el.get_attribute("data-search").unwrap_or_default();
        let visible = words.iter().all(|w| hay.contains(w.as_str()));
        el.set_hidden(!visible);
        shown += u64::from(visible);
    }
    if let Some(status) = doc.get_element_by_id("catalogue-count") {
        status.set_text_content(Some(&fill(T::ResultsCount.text(lang), "n", &format_number(lang, shown))));
    }
}
