//! The attachments field of the filing form. Without JavaScript it is a plain multiple file
//! input (the server checks every file). Hydrated, it lists the chosen files with their sizes
//! and warns at once about a file that is too large, of the wrong type, or one too many.

use crate::i18n::{format_bytes, fill, format_number, FormError, Lang, F, T};
use crate::model::UploadLimits;
use leptos::prelude::*;

/// Client-side warning for a chosen file; the server's check is the one that counts.
pub fn warn_for(lang: Lang, limits: UploadLimits, index: usize, name: &str, size: u64) -> Option<String> {
    let lower = name.to_lowercase();
    let known = [".pdf", ".jpg", ".jpeg", ".png"].iter().any(|ext| lower.ends_with(ext));
    if index >= limits.max_files as usize {
        Some(FormError::TooManyDocuments { max: limits.max_files as usize }.text(lang))
    } else if size == 0 {
        Some(FormError::EmptyFile { name: name.to_owned() }.text(lang))
    } else if size > limits.max_file_bytes {
        Some(FormError::FileTooLarge { name: name.to_owned(), max_bytes: limits.max_file_bytes }.text(lang))
    } else if !known {
        Some(FormError::BadFileType { name: name.to_owned() }.text(lang))
    } else {
        None
    }
}

#[island]
pub fn UploadPreview(lang: Lang, limits: UploadLimits, error: Option<String>) -> impl IntoView {
    let (files, set_files) = signal(Vec::<(String, u64)>::new());
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input: web_sys::HtmlInputElement = event_target(&_ev);
            let mut chosen = Vec::new();
            if let Some(list) = input.files() {
                for i in 0..list.length() {
                    if let Some(f) = list.get(i) {
                        chosen.push((f.name(), f.size() as u64));
                    }
                }
            }
            set_files.set(chosen);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = set_files;
    };
    let hint = fill(
        &fill(F::DocumentsHint.text(lang), "count", &format_number(lang, limits.max_files.into())),
        "size",
        &format_bytes(lang, limits.max_file_bytes),
    );
    let described = if error.is_some() {
        "field-documents-hint field-documents-error"
    } else {
        "field-documents-hint"
    };
    let invalid = error.is_some().then_some("true");
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for="field-documents">
                {F::Documents.text(lang)} " " <span class="req">{T::Required.text(lang)}</span>
            </label>
            <p class="hint" id="field-documents-hint">{hint}</p>
            {error.map(|e| view! { <p class="error" id="field-documents-error">{e}</p> })}
            <input
                id="field-documents"
                name="documents"
                type="file"
                multiple
                required
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby=described
                aria-invalid=invalid
                on:change=on_change
            />
            <ul class="file-preview" aria-live="polite">
                {move || {
                    files
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (name, size))| {
                            let warning = warn_for(lang, limits, i, &name, size);
                            let bad = warning.is_some();
                            view! {
                                <li class:warn=bad>
                                    <span class="file-name">{name}</span>
                                    " — "
                                    <span>{format_bytes(lang, size)}</span>
                                    {warning.map(|w| view! { <span class="error">" " {w}</span> })}
                                </li>
                            }
                        })
                        .collect::<Vec<_>>()
                }}
            </ul>
        </div>
    }
}
