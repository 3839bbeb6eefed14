//! The parapheur's inbox (`/parapheur`): folders awaiting my action (in my own name or as a
//! delegate), the folders I started, and those done recently; the "to act" table is also
//! the batch-signing form (checkboxes `folder`, one PIN). And the new-folder form
//! (`/parapheur/new`). Plain HTML forms; nothing here needs JavaScript.

use crate::components::{csrf_field, data_table, document};
use crate::i18n::parapheur::{folder_status, P};
use crate::i18n::{fill, format_date, format_datetime, Lang, T};
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

/// The "Parapheur" link of the staff navigation.
pub fn nav(ctx: &PageCtx) -> Option<AnyView> {
    ctx.staff.then(|| {
        let current = ctx.path.starts_with("/parapheur").then_some("page");
        view! { <li><a href="/parapheur" aria-current=current>{P::Nav.text(ctx.lang)}</a></li> }.into_any()
    })
}

/// One folder in a list.
#[derive(Clone, Debug, PartialEq)]
pub struct FolderLine {
    pub id: i32,
    pub title: String,
    pub status: String,
    /// "Step 2: signature", in the page's language (none for drafts).
    pub step: Option<String>,
    /// Who must act now (names, or role — unit).
    pub waiting_on: Option<String>,
    /// The delegator when I act for someone.
    pub acting_for: Option<String>,
    /// The answered entry's deadline (Unix seconds, midnight UTC).
    pub deadline: Option<i64>,
    pub updated_at: i64,
    /// My pending step is a signature: the folder may be signed in a batch.
    pub can_batch: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inbox {
    pub to_act: Vec<FolderLine>,
    pub mine: Vec<FolderLine>,
    pub done: Vec<FolderLine>,
    pub can_create: bool,
    /// Administrators of the parapheur (the sub navigation shows the templates).
    pub admin: bool,
    pub notice: Option<String>,
}

fn table(lang: Lang, id: &'static str, caption: P, lines: &[FolderLine], batch: bool) -> AnyView {
    let rows = lines
        .iter()
        .map(|l| {
            let href = format!("/parapheur/folders/{}", l.id);
            let check = batch.then(|| {
                let cid = format!("batch-{}", l.id);
                let label = fill(P::Select.text(lang), "title", &l.title);
                view! {
                    <td>
                        {l.can_batch.then(|| view! {
                            <input type="checkbox" id=cid.clone() name="folder" value=l.id.to_string() form="batch-form"/>
                            <label for=cid class="visually-hidden">{label}</label>
                        })}
                    </td>
                }
            });
            let step = l.step.clone().unwrap_or_default();
            let who = l.waiting_on.clone().map(|w| view! { <br/><span class="hint">{w}</span> });
            let for_whom = l.acting_for.as_ref().map(|d| view! { <br/><strong class="tag">{fill(P::ForWhom.text(lang), "who", d)}</strong> });
            let deadline = l.deadline.map(|d| format_date(lang, d)).unwrap_or_else(|| P::NoDeadline.text(lang).to_owned());
            view! {
                <tr>
                    {check}
                    <th scope="row"><a href=href>{l.title.clone()}</a>{for_whom}</th>
                    <td class="status">{folder_status(&l.status).text(lang)}</td>
                    <td>{step}{who}</td>
                    <td>{deadline}</td>
                    <td>{format_datetime(lang, l.updated_at)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let mut heads = Vec::new();
    if batch {
        heads.push(P::SelectColumn.text(lang).to_owned());
    }
    heads.extend([P::Title, P::Status, P::Step, P::Deadline, P::Updated].iter().map(|h| h.text(lang).to_owned()));
    data_table(id, caption.text(lang).to_owned(), false, heads, rows).into_any()
}

fn section(lang: Lang, id: &'static str, heading: P, empty: P, lines: &[FolderLine], batch: bool) -> impl IntoView {
    let (hid, hid2) = (format!("{id}-heading"), format!("{id}-heading"));
    let content = if lines.is_empty() { view! { <p class="empty">{empty.text(lang)}</p> }.into_any() } else { table(lang, id, heading, lines, batch) };
    view! {
        <section aria-labelledby=hid2>
            <h2 id=hid>{heading.text(lang)}</h2>
            {content}
        </section>
    }
}

pub fn render(ctx: &PageCtx, inbox: &Inbox) -> String {
    let lang = ctx.lang;
    let batchable = inbox.to_act.iter().any(|l| l.can_batch);
    let batch = batchable.then(|| {
        view! {
            <form method="post" action="/parapheur/batch" id="batch-form" class="stack">
                <h3>{P::BatchTitle.text(lang)}</h3>
                <p class="hint" id="batch-hint">{P::BatchHint.text(lang)}</p>
                {csrf_field(ctx)}
                <div class="field">
                    <label for="batch-pin">{P::Pin.text(lang)}</label>
                    <input type="password" id="batch-pin" name="pin" autocomplete="off" inputmode="numeric" aria-describedby="batch-hint"/>
                </div>
                <button type="submit">{P::BatchButton.text(lang)}</button>
            </form>
        }
    });
    let body = view! {
        <h1>{P::InboxTitle.text(lang)}</h1>
        {super::parapheur_circuit::sub_nav(ctx, inbox.admin)}
        {inbox.notice.clone().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        <p class="lead">{P::InboxIntro.text(lang)}</p>
        {inbox.can_create.then(|| view! { <p><a class="button" href="/parapheur/new">{P::NewFolder.text(lang)}</a></p> })}
        {section(lang, "to-act", P::ToAct, P::NothingToAct, &inbox.to_act, batchable)}
        {batch}
        {section(lang, "mine", P::Mine, P::NothingMine, &inbox.mine, false)}
        {section(lang, "done", P::Done, P::NothingDone, &inbox.done, false)}
    };
    document(ctx, P::InboxTitle.text(lang), body)
}

/// A choice of a select (`value`, `label`).
pub type Choice = (String, String);

/// The new-folder form: title, main documents, annexes, optional answered entry.
/// `message` is why the last submission was refused, in the reader's language (the fields
/// it concerns are marked in `form`).
pub fn new_folder(ctx: &PageCtx, entries: &[Choice], form: &FormState, message: Option<String>) -> String {
    let lang = ctx.lang;
    let field = form.errors.first().map(|(f, _)| f.clone()).filter(|f| !f.is_empty());
    let summary = message.map(|m| {
        let text = match &field {
            Some(f) => view! { <a href=format!("#field-{f}")>{m}</a> }.into_any(),
            None => view! { <span>{m}</span> }.into_any(),
        };
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>
                <h2>{T::FormHasErrors.text(lang)}</h2>
                <p>{text}</p>
            </div>
        }
    });
    let err = |name: &str| form.error(name).map(|e| e.text(lang));
    let described = |name: &str, hint: bool| {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("field-{name}-hint"));
        }
        if err(name).is_some() {
            ids.push(format!("field-{name}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let error_p = |name: &'static str| err(name).map(|e| view! { <p class="error" id=format!("field-{name}-error")>{e}</p> });
    let chosen = form.value("entry_id");
    let options = entries
        .iter()
        .map(|(v, l)| view! { <option value=v.clone() selected=*v == chosen>{l.clone()}</option> })
        .collect::<Vec<_>>();
    let body = view! {
        <h1>{P::NewFolder.text(lang)}</h1>
        <p class="lead">{P::NewIntro.text(lang)}</p>
        {summary}
        <form method="post" action="/parapheur/new" enctype="multipart/form-data" class="stack">
            {csrf_field(ctx)}
            <div class="field" class:field-error=err("title").is_some()>
                <label for="field-title">{P::Title.text(lang)} " " <span class="req">{T::Required.text(lang)}</span></label>
                {error_p("title")}
                <input type="text" id="field-title" name="title" required maxlength="300" value=form.value("title")
                    aria-describedby=described("title", false) aria-invalid=err("title").is_some().then_some("true")/>
            </div>
            <div class="field" class:field-error=err("main").is_some()>
                <label for="field-main">{P::MainDocs.text(lang)} " " <span class="req">{T::Required.text(lang)}</span></label>
                <p class="hint" id="field-main-hint">{P::MainDocsHint.text(lang)}</p>
                {error_p("main")}
                <input type="file" id="field-main" name="main" multiple required accept=".pdf,application/pdf"
                    aria-describedby=described("main", true) aria-invalid=err("main").is_some().then_some("true")/>
            </div>
            <div class="field" class:field-error=err("annexes").is_some()>
                <label for="field-annexes">{P::Annexes.text(lang)}</label>
                {error_p("annexes")}
                <input type="file" id="field-annexes" name="annexes" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    aria-describedby=described("annexes", false)/>
            </div>
            <div class="field" class:field-error=err("entry_id").is_some()>
                <label for="field-entry_id">{P::AnswerTo.text(lang)}</label>
                <p class="hint" id="field-entry_id-hint">{P::AnswerToHint.text(lang)}</p>
                {error_p("entry_id")}
                <select id="field-entry_id" name="entry_id" aria-describedby=described("entry_id", true)>
                    <option value="" selected=chosen.is_empty()>{P::NoEntry.text(lang)}</option>
                    {options}
                </select>
            </div>
            <button type="submit">{P::Create.text(lang)}</button>
        </form>
    };
    document(ctx, P::NewFolder.text(lang), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(lang: Lang) -> PageCtx {
        PageCtx { lang, user: Some("official".into()), csrf: "tok".into(), path: "/parapheur".into(), hydrate: false, staff: true }
    }

    fn line(id: i32, can_batch: bool) -> FolderLine {
        FolderLine {
            id, title: format!("Réponse {id}"), status: "in_progress".into(), step: Some("Étape 2 : signature".into()),
            waiting_on: Some("official".into()), acting_for: None, deadline: None, updated_at: 1_795_615_509, can_batch,
        }
    }

    #[test]
    fn inbox_offers_batch_checkboxes_only_for_signature_steps() {
        let inbox = Inbox { to_act: vec![line(1, true), line(2, false)], can_create: true, ..Default::default() };
        let html = render(&ctx(Lang::Fr), &inbox);
        assert!(html.contains(r#"action="/parapheur/batch""#) && html.contains(r#"name="pin""#), "{html}");
        assert!(html.contains(r#"id="batch-1""#) && !html.contains(r#"id="batch-2""#));
        assert!(html.contains("/parapheur/folders/2") && html.contains("/parapheur/new"));
        let empty = render(&ctx(Lang::Ar), &Inbox::default());
        assert!(empty.contains(r#"dir="rtl""#) && !empty.contains("batch-form"));
        assert!(nav(&ctx(Lang::Fr)).is_some() && nav(&PageCtx { staff: false, ..ctx(Lang::Fr) }).is_none());
    }

    #[test]
    fn new_folder_form_is_multipart_with_labelled_fields() {
        let html = new_folder(&ctx(Lang::En), &[("e1".into(), "2026-A-1 — Demande".into())], &FormState::default(), None);
        for id in ["field-title", "field-main", "field-annexes", "field-entry_id"] {
            assert!(html.contains(&format!(r#"for="{id}""#)), "{id}");
        }
        assert!(html.contains("multipart/form-data") && html.contains("2026-A-1"));
    }
}
