//! The action forms of a folder page: approve (visa), sign (with the key's PIN, at the
//! step's placement), reject (reason required), return to an earlier step, and annotate
//! (public or private). Each is a plain POST to `/parapheur/folders/{id}/actions` with an
//! `action` field, back to the folder page (POST-redirect-GET), so they work by keyboard
//! and without JavaScript.

use super::parapheur_folder::FolderPage;
use crate::components::{csrf_field, textarea, TextArea};
use crate::i18n::parapheur::P;
use crate::i18n::{fill, Lang, T};
use crate::model::PageCtx;
use leptos::prelude::*;

fn hidden_action(a: &'static str) -> impl IntoView {
    view! { <input type="hidden" name="action" value=a/> }
}

fn required_mark(lang: Lang) -> impl IntoView {
    view! { " " <span class="req">{T::Required.text(lang)}</span> }
}

fn approve_form(ctx: &PageCtx, action: &str) -> impl IntoView {
    let lang = ctx.lang;
    view! {
        <form method="post" action=action.to_owned() class="stack pf-action" id="approve-form">
            {csrf_field(ctx)}
            {hidden_action("approve")}
            <div class="field">
                <label for="approve-reason">{P::Comment.text(lang)}</label>
                {textarea(TextArea { id: "approve-reason".into(), name: "reason", rows: 2, required: false, described_by: None, value: String::new() })}
            </div>
            <button type="submit">{P::Approve.text(lang)}</button>
        </form>
    }
}

fn sign_form(ctx: &PageCtx, action: &str, needs_pin: bool, has_key: bool, page: Option<i32>) -> AnyView {
    let lang = ctx.lang;
    if !has_key {
        return view! {
            <div class="notice" id="sign-form">
                <p>{P::NoKey.text(lang)}</p>
                <p><a href="/parapheur/keys">{P::ManageKeys.text(lang)}</a></p>
            </div>
        }
        .into_any();
    }
    let place = match page {
        Some(n) => fill(P::SignVisibleAt.text(lang), "page", &n.to_string()),
        None => P::SignInvisible.text(lang).to_owned(),
    };
    view! {
        <form method="post" action=action.to_owned() class="stack pf-action" id="sign-form">
            {csrf_field(ctx)}
            {hidden_action("sign")}
            <p class="hint" id="sign-place">{place}</p>
            {needs_pin.then(|| view! {
                <div class="field">
                    <label for="sign-pin">{P::Pin.text(lang)}{required_mark(lang)}</label>
                    <input type="password" id="sign-pin" name="pin" required autocomplete="off" inputmode="numeric" aria-describedby="sign-place"/>
                </div>
            })}
            <button type="submit">{P::Sign.text(lang)}</button>
        </form>
    }
    .into_any()
}

fn reject_form(ctx: &PageCtx, action: &str) -> impl IntoView {
    let lang = ctx.lang;
    view! {
        <form method="post" action=action.to_owned() class="stack pf-action" id="reject-form">
            {csrf_field(ctx)}
            {hidden_action("reject")}
            <div class="field">
                <label for="reject-reason">{P::RejectReason.text(lang)}{required_mark(lang)}</label>
                <p class="hint" id="reject-hint">{P::RejectHint.text(lang)}</p>
                {textarea(TextArea { id: "reject-reason".into(), name: "reason", rows: 3, required: true, described_by: Some("reject-hint".into()), value: String::new() })}
            </div>
            <button type="submit" class="secondary">{P::Reject.text(lang)}</button>
        </form>
    }
}

fn return_form(ctx: &PageCtx, action: &str, choices: &[(i32, String)]) -> impl IntoView {
    let lang = ctx.lang;
    let options = choices.iter().map(|(n, label)| view! { <option value=n.to_string()>{label.clone()}</option> }).collect::<Vec<_>>();
    view! {
        <form method="post" action=action.to_owned() class="stack pf-action" id="return-form">
            {csrf_field(ctx)}
            {hidden_action("return")}
            <div class="field">
                <label for="return-to">{P::ReturnTo.text(lang)}</label>
                <select id="return-to" name="to_position">{options}</select>
            </div>
            <div class="field">
                <label for="return-reason">{P::ReturnReason.text(lang)}</label>
                {textarea(TextArea { id: "return-reason".into(), name: "reason", rows: 2, required: false, described_by: None, value: String::new() })}
            </div>
            <button type="submit" class="secondary">{P::Return.text(lang)}</button>
        </form>
    }
}

fn annotate_form(ctx: &PageCtx, action: &str) -> impl IntoView {
    let lang = ctx.lang;
    view! {
        <form method="post" action=action.to_owned() class="stack pf-action" id="annotate-form">
            {csrf_field(ctx)}
            {hidden_action("annotate")}
            <div class="field">
                <label for="note-body">{P::Note.text(lang)}{required_mark(lang)}</label>
                {textarea(TextArea { id: "note-body".into(), name: "body", rows: 3, required: true, described_by: None, value: String::new() })}
            </div>
            <fieldset class="field">
                <legend>{P::Visibility.text(lang)}</legend>
                <div>
                    <input type="radio" id="note-public" name="private" value="false" checked/>
                    " " <label for="note-public">{P::Public.text(lang)}</label>
                </div>
                <div>
                    <input type="radio" id="note-private" name="private" value="true"/>
                    " " <label for="note-private">{P::Private.text(lang)}</label>
                </div>
            </fieldset>
            <button type="submit" class="secondary">{P::AddNote.text(lang)}</button>
        </form>
    }
}

/// The reader's turn (visa or signature, reject, return) and the annotation form.
pub fn render(ctx: &PageCtx, p: &FolderPage) -> impl IntoView {
    let lang = ctx.lang;
    let action = format!("/parapheur/folders/{}/actions", p.id);
    let turn = p.my_turn.as_ref().map(|t| {
        let heading = match &t.acting_for {
            Some(d) => fill(P::YourTurnFor.text(lang), "who", d),
            None => P::YourTurn.text(lang).to_owned(),
        };
        let main = if t.kind == "signature" {
            sign_form(ctx, &action, t.needs_pin, t.has_key, t.sign_page)
        } else {
            approve_form(ctx, &action).into_any()
        };
        let back = (!t.return_to.is_empty()).then(|| return_form(ctx, &action, &t.return_to));
        view! {
            <section aria-labelledby="turn-heading" class="pf-turn">
                <h2 id="turn-heading">{heading}</h2>
                {main}
                {reject_form(ctx, &action)}
                {back}
            </section>
        }
    });
    view! {
        {turn}
        <details class="pf-annotate">
            <summary>{P::Annotate.text(lang)}</summary>
            {annotate_form(ctx, &action)}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::super::parapheur_folder::*;
    use crate::i18n::Lang;
    use crate::model::PageCtx;

    fn page(turn: Option<MyTurn>) -> FolderPage {
        FolderPage {
            id: 7, title: "Réponse à M. Alami".into(), status: "in_progress".into(), originator: "agent".into(), created_at: 1_795_615_509,
            answers: Some(("2026-A-000001".into(), "/bureau/entries/x".into())),
            documents: vec![DocumentBlock {
                id: 3, name: "reponse.pdf".into(), role: "main".into(), size: 1234, signatures: 0,
                download_url: "/parapheur/folders/7/documents/3".into(), version: "abc".into(), pages: 2,
                my_frame: Some(Frame { page: 1, left: 0.5, top: 0.8, width: 0.3, height: 0.1 }),
            }],
            steps: vec![
                StepLine { position: 1, kind: "visa".into(), mode: "all".into(), assignee: "head".into(), status: "done".into(),
                    acted_by: Some("head".into()), acting_for: None, acted_at: Some(1_795_615_600), reason: Some("OK".into()) },
                StepLine { position: 2, kind: "signature".into(), mode: "all".into(), assignee: "official".into(), status: "pending".into(),
                    acted_by: None, acting_for: None, acted_at: None, reason: None },
            ],
            current: Some(2), my_turn: turn, can_edit_circuit: false,
            history: vec![HistoryEntry { at: 1_795_615_600, who: "head".into(), for_whom: None, action: "approved".into(), to_step: None, reason: None }],
            notes: vec![], notice: None, error: None,
        }
    }

    fn ctx(lang: Lang) -> PageCtx {
        PageCtx { lang, user: Some("official".into()), csrf: "tok".into(), path: "/parapheur/folders/7".into(), hydrate: false, staff: true }
    }

    #[test]
    fn signatory_sees_the_pin_form_and_page_images() {
        let turn = MyTurn { kind: "signature".into(), acting_for: None, needs_pin: true, has_key: true, sign_page: Some(1), return_to: vec![(1, "Étape 1 : visa".into())] };
        let html = render(&ctx(Lang::Fr), &page(Some(turn)));
        assert!(html.contains(r#"id="sign-pin""#) && html.contains(r#"value="sign""#), "{html}");
        assert!(html.contains(r#"src="/parapheur/folders/7/documents/3/pages/1.png?v=abc""#) && html.contains(r#"loading="lazy""#));
        assert!(html.contains("« reponse.pdf », page 2 sur 2"));
        assert!(html.contains("pf-frame") && html.contains("return-to") && html.contains(r#"name="reason""#));
        assert!(!html.contains("approve-form"));
    }

    #[test]
    fn reader_without_a_turn_only_annotates_and_delegate_is_named() {
        let html = render(&ctx(Lang::Ar), &page(None));
        assert!(!html.contains("sign-form") && !html.contains("reject-form") && html.contains("annotate-form"));
        assert!(html.contains(r#"dir="rtl""#));
        let turn = MyTurn { kind: "visa".into(), acting_for: Some("official".into()), needs_pin: false, has_key: false, sign_page: None, return_to: vec![] };
        let html = render(&ctx(Lang::En), &page(Some(turn)));
        assert!(html.contains("approve-form") && html.contains("for official (delegation)") && !html.contains("return-form"));
    }
}
