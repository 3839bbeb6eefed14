//! The home page: what the portal does, in three steps, and where to start.

use crate::components::document;
use crate::i18n::T;
use crate::model::PageCtx;
use leptos::prelude::*;

pub fn render(ctx: &PageCtx) -> String {
    let lang = ctx.lang;
    let body = view! {
        <section class="hero" aria-labelledby="home-title">
            <h1 id="home-title">{T::HomeTitle.text(lang)}</h1>
            <p class="lead">{T::HomeIntro.text(lang)}</p>
            <p class="actions">
                <a class="button" href="/file">{T::NavFile.text(lang)}</a>
                <a class="button secondary" href="/catalogue">{T::NavCatalogue.text(lang)}</a>
            </p>
        </section>
        <section aria-labelledby="how-title">
            <h2 id="how-title">{T::HowItWorks.text(lang)}</h2>
            <ol class="steps">
                <li>{T::HomeStep1.text(lang)}</li>
                <li>{T::HomeStep2.text(lang)}</li>
                <li>{T::HomeStep3.text(lang)}</li>
            </ol>
            <p><a href="/verify">{T::NavVerify.text(lang)}</a></p>
        </section>
    };
    document(ctx, T::NavHome.text(lang), body)
}
