//! The intake forms: paper mail (`/bureau/paper`) and internal mail (`/bureau/internal`).
//! Plain multipart POSTs with the CSRF token and a fresh idempotency key (a double submit
//! registers once). Field names are the API's (`/api/v1/bureau/paper`), so tests and the
//! e2e flow can fill either.

use super::bureau_model::{Choice, IntakeChoices};
use crate::components::{self, csrf_field, document, error_summary, text_field, FieldSpec, TextArea};
use crate::i18n::{Lang, B, T};
use crate::islands::CorrespondentSearch;
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

/// A labelled select with its error; `placeholder` is an empty first option.
pub fn select_field(lang: Lang, name: &'static str, label: &'static str, choices: &[Choice], state: &FormState, placeholder: Option<B>, required: bool) -> impl IntoView {
    let id = format!("field-{name}");
    let err_id = format!("{id}-error");
    let error = state.error(name).map(|e| e.text(lang));
    let selected = state.value(name);
    let options = choices
        .iter()
        .map(|(value, text)| view! { <option value=value.clone() selected=*value == selected>{text.clone()}</option> })
        .collect::<Vec<_>>();
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>
                {label}
                {required.then(|| view! { " " <span class="req">{T::Required.text(lang)}</span> })}
            </label>
            {error.clone().map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })}
            <select id=id name=name required=required aria-describedby=error.is_some().then(|| err_id.clone())
                aria-invalid=error.is_some().then_some("true")>
                {placeholder.map(|p| view! { <option value="" selected=selected.is_empty()>{p.text(lang)}</option> })}
                {options}
            </select>
        </div>
    }
}

fn textarea(lang: Lang, name: &'static str, label: &'static str, state: &FormState) -> impl IntoView {
    let id = format!("field-{name}");
    let error = state.error(name).map(|e| e.text(lang));
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="error" id=format!("field-{name}-error")>{e}</p> })}
            {components::textarea(TextArea {
                id, name, rows: 5, required: false,
                described_by: error.is_some().then(|| format!("field-{name}-error")),
                value: state.value(name),
            })}
        </div>
    }
}

fn field(name: &'static str, label: &'static str, kind: &'static str, required: bool, hint: Option<&'static str>) -> FieldSpec {
    FieldSpec { name, label, kind, autocomplete: "off", required, hint }
}

fn files(lang: Lang, label: &'static str, state: &FormState) -> impl IntoView {
    let error = state.error("documents").map(|e| e.text(lang));
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for="field-documents">{label}</label>
            <p class="hint" id="field-documents-hint">{B::ScanHint.text(lang)}</p>
            {error.clone().map(|e| view! { <p class="error" id="field-documents-error">{e}</p> })}
            <input id="field-documents" name="documents" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby=if error.is_some() { "field-documents-hint field-documents-error" } else { "field-documents-hint" }
                aria-invalid=error.is_some().then_some("true")/>
        </div>
    }
}

fn levels(lang: Lang) -> Vec<Choice> {
    [("normal", B::ConfNormal), ("confidential", B::ConfConfidential), ("secret", B::ConfSecret)].iter().map(|(v, b)| (v.to_string(), b.text(lang).to_owned())).collect()
}

fn priorities(lang: Lang) -> Vec<Choice> {
    [("normal", B::PriorityNormal), ("urgent", B::PriorityUrgent), ("low", B::PriorityLow)].iter().map(|(v, b)| (v.to_string(), b.text(lang).to_owned())).collect()
}

/// The labels of the error summary, by field name.
fn labels(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![
        ("correspondent", B::Correspondent.text(lang)),
        ("correspondent_id", B::Correspondent.text(lang)),
        ("correspondent_name", B::Name.text(lang)),
        ("correspondent_email", B::Email.text(lang)),
        ("letter_date", B::LetterDate.text(lang)),
        ("received_date", B::ReceivedDate.text(lang)),
        ("subject", B::Subject.text(lang)),
        ("message", B::Summary.text(lang)),
        ("category", B::Category.text(lang)),
        ("confidentiality", B::Confidentiality.text(lang)),
        ("priority", B::Priority.text(lang)),
        ("deadline", B::Deadline.text(lang)),
        ("unit_id", B::AddressedUnit.text(lang)),
        ("to_unit_id", B::ToUnit.text(lang)),
        ("from_unit_id", B::FromUnit.text(lang)),
        ("filer_email", B::FilerEmail.text(lang)),
        ("documents", B::Scan.text(lang)),
    ]
}

/// The paper mail form. `query`: the address-book search typed (no-JS search reloads the
/// page with `?q=`); `choices.correspondents` are its results.
pub fn paper(ctx: &PageCtx, choices: &IntakeChoices, state: &FormState, query: &str, idempotency_key: &str) -> String {
    let lang = ctx.lang;
    let mut state = state.clone();
    if state.value("received_date").is_empty() {
        state = state.with_value("received_date", choices.today.clone());
    }
    let kinds: Vec<Choice> = [("person", B::KindPerson), ("organisation", B::KindOrganisation), ("administration", B::KindAdministration)]
        .iter()
        .map(|(v, b)| (v.to_string(), b.text(lang).to_owned()))
        .collect();
    let st = &state;
    let body = view! {
        <h1>{B::RegisterPaper.text(lang)}</h1>
        <p class="lead">{B::PaperIntro.text(lang)}</p>
        {error_summary(lang, st, &labels(lang))}
        <CorrespondentSearch lang=lang query=query.to_owned()/>
        <form method="post" action="/bureau/paper" enctype="multipart/form-data" class="stack" novalidate>
            {csrf_field(ctx)}
            <input type="hidden" name="idempotency_key" value=idempotency_key.to_owned()/>
            <fieldset>
                <legend>{B::Correspondent.text(lang)}</legend>
                {select_field(lang, "correspondent_id", B::Correspondent.text(lang), &choices.correspondents, st, Some(B::ChooseCorrespondent), false)}
                <fieldset>
                    <legend>{B::NewCorrespondent.text(lang)}</legend>
                    {text_field(lang, field("correspondent_name", B::Name.text(lang), "text", false, None), st)}
                    {select_field(lang, "correspondent_kind", B::Kind.text(lang), &kinds, st, None, false)}
                    {text_field(lang, field("correspondent_email", B::Email.text(lang), "email", false, None), st)}
                    {text_field(lang, field("correspondent_phone", B::Phone.text(lang), "tel", false, None), st)}
                    {text_field(lang, field("correspondent_address", B::Address.text(lang), "text", false, None), st)}
                </fieldset>
            </fieldset>
            {text_field(lang, field("letter_date", B::LetterDate.text(lang), "date", false, None), st)}
            {text_field(lang, field("received_date", B::ReceivedDate.text(lang), "date", true, None), st)}
            {text_field(lang, field("subject", B::Subject.text(lang), "text", true, None), st)}
            {textarea(lang, "message", B::Summary.text(lang), st)}
            {text_field(lang, field("category", B::Category.text(lang), "text", false, None), st)}
            {select_field(lang, "confidentiality", B::Confidentiality.text(lang), &levels(lang), st, None, false)}
            {select_field(lang, "priority", B::Priority.text(lang), &priorities(lang), st, None, false)}
            {text_field(lang, field("deadline", B::Deadline.text(lang), "date", false, None), st)}
            {select_field(lang, "unit_id", B::AddressedUnit.text(lang), &choices.units, st, Some(B::NoUnit), false)}
            {text_field(lang, field("filer_email", B::FilerEmail.text(lang), "email", false, Some(B::FilerEmailHint.text(lang))), st)}
            {files(lang, B::Scan.text(lang), st)}
            <button type="submit">{B::RegisterButton.text(lang)}</button>
        </form>
    };
    document(ctx, B::RegisterPaper.text(lang), body)
}

/// The internal mail form: from one of the user's units to another unit.
pub fn internal(ctx: &PageCtx, choices: &IntakeChoices, state: &FormState, idempotency_key: &str) -> String {
    let lang = ctx.lang;
    let st = state;
    let from = (choices.own_units.len() > 1).then(|| select_field(lang, "from_unit_id", B::FromUnit.text(lang), &choices.own_units, st, None, true));
    let body = view! {
        <h1>{B::SendInternal.text(lang)}</h1>
        <p class="lead">{B::InternalIntro.text(lang)}</p>
        {error_summary(lang, st, &labels(lang))}
        <form method="post" action="/bureau/internal" enctype="multipart/form-data" class="stack" novalidate>
            {csrf_field(ctx)}
            <input type="hidden" name="idempotency_key" value=idempotency_key.to_owned()/>
            {from}
            {select_field(lang, "to_unit_id", B::ToUnit.text(lang), &choices.units, st, Some(B::ChooseUnit), true)}
            {text_field(lang, field("subject", B::Subject.text(lang), "text", true, None), st)}
            {textarea(lang, "message", B::Message.text(lang), st)}
            {select_field(lang, "confidentiality", B::Confidentiality.text(lang), &levels(lang), st, None, false)}
            {select_field(lang, "priority", B::Priority.text(lang), &priorities(lang), st, None, false)}
            {text_field(lang, field("deadline", B::Deadline.text(lang), "date", false, None), st)}
            {files(lang, B::Attachments.text(lang), st)}
            <button type="submit">{B::SendButton.text(lang)}</button>
        </form>
    };
    document(ctx, B::SendInternal.text(lang), body)
}
