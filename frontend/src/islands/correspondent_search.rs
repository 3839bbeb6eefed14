//! Correspondent search on the paper-mail form. Without JavaScript it is a GET form: the
//! page comes back with `?q=…` and the correspondent select lists the matches. Hydrated, it
//! asks `/api/v1/correspondents?q=` as the clerk types and refills that select with the
//! suggestions (first one selected), announcing the count in a status line.

use crate::i18n::{Lang, B};
use leptos::prelude::*;

#[island]
pub fn CorrespondentSearch(lang: Lang, query: String) -> impl IntoView {
    let on_input = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let q = event_target_value(&_ev);
            leptos::task::spawn_local(suggest(lang, q));
        }
    };
    view! {
        <form method="get" action="/bureau/paper" role="search" class="search">
            <label for="correspondent-q">{B::FindCorrespondent.text(lang)}</label>
            <p class="hint" id="correspondent-q-hint">{B::FindHint.text(lang)}</p>
            <div class="search-row">
                <input id="correspondent-q" name="q" type="search" value=query autocomplete="off"
                    aria-describedby="correspondent-q-hint" aria-controls="field-correspondent_id" on:input=on_input/>
                <button type="submit">{B::SearchButton.text(lang)}</button>
            </div>
            <p id="correspondent-count" class="count" role="status"></p>
        </form>
    }
}

/// Fetches the suggestions for `q` and puts them in the form's correspondent select.
#[cfg(feature = "hydrate")]
async fn suggest(lang: Lang, q: String) {
    use crate::i18n::{fill, format_number};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    #[derive(serde::Deserialize)]
    struct Suggestion {
        id: i32,
        name: String,
        email: Option<String>,
    }

    let Some(window) = web_sys::window() else { return };
    let url = format!("/api/v1/correspondents?q={}", encode(&q));
    let Ok(resp) = JsFuture::from(window.fetch_with_str(&url)).await else { return };
    let Ok(resp) = resp.dyn_into::<web_sys::Response>() else { return };
    if !resp.ok() {
        return;
    }
    let Ok(text) = resp.text() else { return };
    let Ok(text) = JsFuture::from(text).await else { return };
    let Some(text) = text.as_string() else { return };
    let Ok(found) = serde_json::from_str::<Vec<Suggestion>>(&text) else { return };
    let Some(doc) = window.document() else { return };
    // The search box may have changed while this request ran: answer only the latest.
    let current = doc
        .get_element_by_id("correspondent-q")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default();
    if current != q {
        return;
    }
    let Some(select) = doc.get_element_by_id("field-correspondent_id").and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
    let placeholder = B::ChooseCorrespondent.text(lang);
    select.set_length(0);
    let mut options = vec![(String::new(), placeholder.to_owned())];
    options.extend(found.iter().map(|s| (s.id.to_string(), match &s.email {
        Some(e) => format!("{} <{e}>", s.name),
        None => s.name.clone(),
    })));
    for (value, label) in &options {
        if let Ok(opt) = web_sys::HtmlOptionElement::new_with_text_and_value(label, value) {
            let _ = select.add_with_html_option_element(&opt);
        }
    }
    if !found.is_empty() {
        select.set_selected_index(1);
    }
    if let Some(status) = doc.get_element_by_id("correspondent-count") {
        status.set_text_content(Some(&fill(B::Suggestions.text(lang), "n", &format_number(lang, found.len() as u64))));
    }
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
#[cfg(feature = "hydrate")]
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
