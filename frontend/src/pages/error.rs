//! Error pages: what happened and a way back, never a stack trace.

use crate::components::document;
use crate::i18n::T;
use crate::model::PageCtx;
use leptos::prelude::*;

fn message_page(ctx: &PageCtx, title: T, body: String) -> String {
    let lang = ctx.lang;
    let view = view! {
        <h1>{title.text(lang)}</h1>
        <p>{body}</p>
        <p><a href="/">{T::BackHome.text(lang)}</a></p>
    };
    document(ctx, title.text(lang), view)
}

/// 404, also used for another filer's filing so its existence is not revealed.
pub fn not_found(ctx: &PageCtx) -> String {
    message_page(ctx, T::NotFoundTitle, T::NotFoundBody.text(ctx.lang).to_owned())
}

/// Any other failure, with a translated explanation chosen by the handler.
pub fn failure(ctx: &PageCtx, explanation: String) -> String {
    message_page(ctx, T::ErrorTitle, explanation)
}
