//! Account pages: sign-up, "check your e-mail", the verification landing, sign-in, and the
//! account page (who is signed in, "sign out everywhere").

use crate::components::{csrf_field, document, error_summary, text_field, FieldSpec};
use crate::i18n::T;
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

pub fn signup(ctx: &PageCtx, state: &FormState) -> String {
    let lang = ctx.lang;
    let body = view! {
        <h1>{T::SignUpTitle.text(lang)}</h1>
        <p class="lead">{T::SignUpIntro.text(lang)}</p>
        {error_summary(lang, state, &[("name", T::FullName.text(lang)), ("email", T::Email.text(lang)), ("password", T::Password.text(lang))])}
        <form method="post" action="/signup" class="stack" novalidate>
            {csrf_field(ctx)}
            {text_field(lang, FieldSpec { name: "name", label: T::FullName.text(lang), kind: "text",
                autocomplete: "name", required: true, hint: None }, state)}
            {text_field(lang, FieldSpec { name: "email", label: T::Email.text(lang), kind: "email",
                autocomplete: "email", required: true, hint: None }, state)}
            {text_field(lang, FieldSpec { name: "password", label: T::Password.text(lang), kind: "password",
                autocomplete: "new-password", required: true, hint: Some(T::PasswordHint.text(lang)) }, state)}
            <button type="submit">{T::SignUpButton.text(lang)}</button>
        </form>
        <p>{T::HaveAccount.text(lang)} " " <a href="/signin">{T::NavSignIn.text(lang)}</a></p>
    };
    document(ctx, T::SignUpTitle.text(lang), body)
}

pub fn signup_sent(ctx: &PageCtx) -> String {
    let lang = ctx.lang;
    let body = view! {
        <h1>{T::SignUpSentTitle.text(lang)}</h1>
        <p class="notice" role="status">{T::SignUpSentBody.text(lang)}</p>
        <p><a href="/signin">{T::NavSignIn.text(lang)}</a></p>
    };
    document(ctx, T::SignUpSentTitle.text(lang), body)
}

/// Landing page of the e-mail verification link.
pub fn email_verified(ctx: &PageCtx, ok: bool) -> String {
    let lang = ctx.lang;
    let (title, text) = if ok {
        (T::VerifiedTitle, T::VerifiedBody)
    } else {
        (T::VerifyFailedTitle, T::VerifyFailedBody)
    };
    let body = view! {
        <h1>{title.text(lang)}</h1>
        <p class=if ok { "notice" } else { "notice bad" } role="status">{text.text(lang)}</p>
        <p>
            <a class="button" href="/signin">{T::NavSignIn.text(lang)}</a>
            {(!ok).then(|| view! { " " <a href="/signup">{T::NavSignUp.text(lang)}</a> })}
        </p>
    };
    document(ctx, title.text(lang), body)
}

/// Sign-in form. `next` is where to go afterwards (a local path); `notice` explains why the
/// reader was sent here (e.g. "sign in to file").
pub fn signin(ctx: &PageCtx, state: &FormState, next: &str, notice: Option<T>) -> String {
    let lang = ctx.lang;
    let body = view! {
        <h1>{T::SignInTitle.text(lang)}</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n.text(lang)}</p> })}
        {error_summary(lang, state, &[("email", T::Email.text(lang)), ("password", T::Password.text(lang))])}
        <form method="post" action="/signin" class="stack" novalidate>
            {csrf_field(ctx)}
            <input type="hidden" name="next" value=next.to_owned()/>
            {text_field(lang, FieldSpec { name: "email", label: T::Email.text(lang), kind: "email",
                autocomplete: "username", required: true, hint: None }, state)}
            {text_field(lang, FieldSpec { name: "password", label: T::Password.text(lang), kind: "password",
                autocomplete: "current-password", required: true, hint: None }, state)}
            <button type="submit">{T::SignInButton.text(lang)}</button>
        </form>
        <p>{T::NoAccount.text(lang)} " " <a href="/signup">{T::NavSignUp.text(lang)}</a></p>
    };
    document(ctx, T::SignInTitle.text(lang), body)
}

/// The signed-in user's account page, with the "sign out everywhere" button.
pub fn account(ctx: &PageCtx, name: &str, email: &str) -> String {
    let lang = ctx.lang;
    let body = view! {
        <h1>{T::AccountTitle.text(lang)}</h1>
        <dl>
            <dt>{T::FullName.text(lang)}</dt><dd>{name.to_owned()}</dd>
            <dt>{T::Email.text(lang)}</dt><dd>{email.to_owned()}</dd>
        </dl>
        <form method="post" action="/account/signout-everywhere" class="stack">
            {csrf_field(ctx)}
            <p id="signout-everywhere-hint">{T::SignOutEverywhereHint.text(lang)}</p>
            <button type="submit" aria-describedby="signout-everywhere-hint">{T::SignOutEverywhere.text(lang)}</button>
        </form>
    };
    document(ctx, T::AccountTitle.text(lang), body)
}
