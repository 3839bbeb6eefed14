//! Form controls that carry their label, hint and error together, so every field is
//! announced with its error by screen readers (aria-describedby, aria-invalid).

use crate::i18n::{Lang, T};
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

/// The anti-forgery token every POST form carries (checked by the backend's CSRF extractor).
pub fn csrf_field(ctx: &PageCtx) -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=ctx.csrf.clone()/> }
}

/// A list of the form's errors at its top, each naming and linking to its field. Focus
/// lands here when the page is returned with errors (autofocus), so keyboard and screen
/// reader users hear it first. `labels` maps field names to their visible labels.
pub fn error_summary(lang: Lang, state: &FormState, labels: &[(&str, &str)]) -> impl IntoView {
    (!state.errors.is_empty()).then(|| {
        let items = state
            .errors
            .iter()
            .map(|(field, err)| {
                let href = if field.is_empty() { "#main".to_owned() } else { format!("#field-{field}") };
                let text = match labels.iter().find(|(name, _)| name == field) {
                    Some((_, label)) => format!("{label} — {}", err.text(lang)),
                    None => err.text(lang),
                };
                view! { <li><a href=href>{text}</a></li> }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>
                <h2>{T::FormHasErrors.text(lang)}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// Describes one input: its name, label, type and browser hints.
pub struct FieldSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub required: bool,
    pub hint: Option<&'static str>,
}

/// A labelled `<input>` with its hint and error message.
pub fn text_field(lang: Lang, spec: FieldSpec, state: &FormState) -> impl IntoView {
    let id = format!("field-{}", spec.name);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let error = state.error(spec.name).map(|e| e.text(lang));
    let mut described = Vec::new();
    if spec.hint.is_some() {
        described.push(hint_id.clone());
    }
    if error.is_some() {
        described.push(err_id.clone());
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    // Never refill passwords after an error.
    let value = if spec.kind == "password" { String::new() } else { state.value(spec.name) };
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>
                {spec.label}
                {spec.required.then(|| view! { " " <span class="req">{T::Required.text(lang)}</span> })}
            </label>
            {spec.hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.clone().map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })}
            <input
                id=id
                name=spec.name
                type=spec.kind
                autocomplete=spec.autocomplete
                required=spec.required
                value=value
                aria-describedby=described
                aria-invalid=error.is_some().then_some("true")
            />
        </div>
    }
}

/// What a `<textarea>` needs: the field's id and name, its height, and the text to show.
pub struct TextArea {
    pub id: String,
    pub name: &'static str,
    pub rows: u8,
    pub required: bool,
    pub described_by: Option<String>,
    /// The text in the field, as the user typed it (escaped here, never by the caller).
    pub value: String,
}

/// A `<textarea>` whose text is escaped.
///
/// leptos renders the children of `<textarea>` raw: tachys declares it, with `script`,
/// `style` and `noscript`, as an element whose children are not escaped. Written as
/// `<textarea>{value}</textarea>` in a `view!`, a stored `</textarea><img onerror=…>`
/// leaves the field and runs as whoever opens the page. Built here as leptos builds a
/// custom element, whose text children are escaped like any other text node. The pages'
/// source test (`pages::tests::no_raw_html_elements`) keeps `<textarea` out of `view!`s,
/// so every page goes through this function.
pub fn textarea(t: TextArea) -> impl IntoView {
    // The HTML parser drops one newline right after `<textarea>`: the leading one is ours,
    // so a text that starts with a newline keeps it.
    let text = format!("\n{}", t.value);
    leptos::html::custom("textarea")
        .attr("id", t.id)
        .attr("name", t.name)
        .attr("rows", t.rows.to_string())
        .attr("required", t.required)
        .attr("aria-describedby", t.described_by)
        .child(text)
}
