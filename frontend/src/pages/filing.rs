//! The filing form: addressee, subject, message, attachments. A plain multipart POST to
//! `/file`; the hidden `idempotency_key` (fresh per rendered form) makes a double submit
//! return the same filing.

use crate::components::{csrf_field, document, error_summary, text_field, textarea, FieldSpec, TextArea};
use crate::i18n::{Lang, F, T};
use crate::islands::UploadPreview;
use crate::model::{AdministrationEntry, FormState, PageCtx, UploadLimits};
use leptos::prelude::*;

/// The addressee select's value: `ADMIN` for the administration's central registry or
/// `ADMIN/SERVICE` for one of its services. One control keeps the pair consistent without
/// JavaScript.
pub fn parse_addressee(value: &str) -> (String, Option<String>) {
    match value.split_once('/') {
        Some((adm, svc)) if !svc.is_empty() => (adm.to_owned(), Some(svc.to_owned())),
        Some((adm, _)) => (adm.to_owned(), None),
        None => (value.to_owned(), None),
    }
}

fn addressee_select(lang: Lang, admins: &[AdministrationEntry], state: &FormState) -> impl IntoView {
    let selected = state.value("administration");
    let error = state.error("administration").map(|e| e.text(lang));
    let groups = admins
        .iter()
        .map(|a| {
            let mut options = vec![(a.code.clone(), F::AnyService.text(lang).to_owned())];
            options.extend(a.services.iter().map(|s| (format!("{}/{}", a.code, s.code), s.name.clone())));
            let options = options
                .into_iter()
                .map(|(value, label)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{label}</option> }
                })
                .collect::<Vec<_>>();
            view! { <optgroup label=a.name.clone()>{options}</optgroup> }
        })
        .collect::<Vec<_>>();
    let described = error.is_some().then_some("field-administration-error");
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for="field-administration">
                {F::Addressee.text(lang)} " " <span class="req">{T::Required.text(lang)}</span>
            </label>
            {error.clone().map(|e| view! { <p class="error" id="field-administration-error">{e}</p> })}
            <select id="field-administration" name="administration" required aria-describedby=described
                aria-invalid=error.is_some().then_some("true")>
                <option value="" selected=selected.is_empty()>{F::ChooseAdministration.text(lang)}</option>
                {groups}
            </select>
        </div>
    }
}

pub fn render(
    ctx: &PageCtx,
    admins: &[AdministrationEntry],
    limits: UploadLimits,
    state: &FormState,
    idempotency_key: &str,
) -> String {
    let lang = ctx.lang;
    let message_error = state.error("message").map(|e| e.text(lang));
    let documents_error = state.error("documents").map(|e| e.text(lang));
    let body = view! {
        <h1>{F::FileTitle.text(lang)}</h1>
        <p class="lead">{F::FileIntro.text(lang)}</p>
        {error_summary(lang, state, &[
            ("administration", F::Addressee.text(lang)),
            ("subject", F::Subject.text(lang)),
            ("message", F::Message.text(lang)),
            ("documents", F::Documents.text(lang)),
        ])}
        <form method="post" action="/file" enctype="multipart/form-data" class="stack" novalidate>
            {csrf_field(ctx)}
            <input type="hidden" name="idempotency_key" value=idempotency_key.to_owned()/>
            {addressee_select(lang, admins, state)}
            {text_field(lang, FieldSpec { name: "subject", label: F::Subject.text(lang), kind: "text",
                autocomplete: "off", required: true, hint: None }, state)}
            <div class="field" class:field-error=message_error.is_some()>
                <label for="field-message">{F::Message.text(lang)}</label>
                {message_error.clone().map(|e| view! { <p class="error" id="field-message-error">{e}</p> })}
                {textarea(TextArea {
                    id: "field-message".into(), name: "message", rows: 8, required: false,
                    described_by: message_error.is_some().then(|| "field-message-error".into()),
                    value: state.value("message"),
                })}
            </div>
            <UploadPreview lang=lang limits=limits error=documents_error/>
            <p class="hint">{F::SendOnce.text(lang)}</p>
            <button type="submit">{F::Send.text(lang)}</button>
        </form>
    };
    document(ctx, F::FileTitle.text(lang), body)
}
