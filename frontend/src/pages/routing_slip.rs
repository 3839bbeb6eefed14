//! The routing slip (fiche de circulation) of an entry with its forms: assign (clerks,
//! officials), accept / mark done / reassign (assignees), draft the answer (agents of the
//! acting unit) and dispatch it (clerks, the unit's official). `section` is the block the
//! bureau's entry page includes; `render` is the stand-alone page
//! `/bureau/entries/{id}/routing`. Plain POST forms, each back to this page.

use crate::components::{csrf_field, data_table, document, error_summary, textarea, TextArea};
use crate::i18n::routing::{assignment_status, mode, purpose};
use crate::i18n::{fill, format_date, format_datetime, FilingStatus, Lang, R, T};
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

/// The "My work" link of the staff navigation.
pub fn nav(ctx: &PageCtx) -> Option<AnyView> {
    ctx.staff.then(|| {
        let current = ctx.path.starts_with("/work").then_some("page");
        view! { <li><a href="/work" aria-current=current>{R::NavWork.text(ctx.lang)}</a></li> }.into_any()
    })
}

/// A choice of a select (`value`, `label`).
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// One line of the slip, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct SlipLine {
    pub id: i32,
    pub assignee: String,
    pub purpose: String,
    pub instructions: String,
    /// Midnight UTC of the deadline, Unix seconds.
    pub deadline: Option<i64>,
    pub status: String,
    pub assigned_by: String,
    pub assigned_at: i64,
    pub responded_by: Option<String>,
    pub replaced_by: Option<i32>,
    pub can_handle: bool,
    pub can_reassign: bool,
}

/// An answer draft.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftLine {
    pub id: i32,
    pub author: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attachment: Option<String>,
    pub outgoing_number: Option<String>,
    pub outgoing_pdf_url: Option<String>,
    pub can_edit: bool,
    pub can_dispatch: bool,
    pub modes: Vec<String>,
}

/// Everything the slip block shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutingPanel {
    pub entry_id: String,
    pub number: String,
    pub subject: String,
    pub entry_status: FilingStatus,
    pub lines: Vec<SlipLine>,
    pub can_assign: bool,
    pub units: Vec<Choice>,
    pub people: Vec<Choice>,
    pub can_draft: bool,
    pub drafts: Vec<DraftLine>,
    /// A sentence confirming the last step (after a redirect).
    pub notice: Option<String>,
    /// Why the last step was refused (the page is shown again with it).
    pub error: Option<String>,
}

fn select(lang: Lang, id: String, name: &'static str, label: &'static str, empty: &'static str, choices: &[Choice]) -> impl IntoView {
    let options = choices.iter().map(|c| view! { <option value=c.value.clone()>{c.label.clone()}</option> }).collect::<Vec<_>>();
    let _ = lang;
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{empty}</option>
                {options}
            </select>
        </div>
    }
}

fn purpose_field(lang: Lang, suffix: &str) -> impl IntoView {
    let legend = R::Purpose.text(lang);
    let a = format!("purpose-action{suffix}");
    let i = format!("purpose-information{suffix}");
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            <input type="radio" id=a.clone() name="purpose" value="action" checked/>
            <label for=a>{R::PurposeAction.text(lang)}</label>
            " "
            <input type="radio" id=i.clone() name="purpose" value="information"/>
            <label for=i>{R::PurposeInformation.text(lang)}</label>
        </fieldset>
    }
}

fn instructions_field(lang: Lang, suffix: &str) -> impl IntoView {
    let id = format!("field-instructions{suffix}");
    view! {
        <div class="field">
            <label for=id.clone()>{R::Instructions.text(lang)}</label>
            {textarea(TextArea { id, name: "instructions", rows: 3, required: false, described_by: None, value: String::new() })}
        </div>
    }
}

fn slip_table(lang: Lang, p: &RoutingPanel) -> AnyView {
    if p.lines.is_empty() {
        return view! { <p>{R::SlipEmpty.text(lang)}</p> }.into_any();
    }
    let position = |id: i32| p.lines.iter().position(|l| l.id == id).map(|i| i + 1);
    let rows = p
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let n = (i + 1).to_string();
            let deadline = l.deadline.map(|d| format_date(lang, d)).unwrap_or_else(|| R::NoDeadline.text(lang).to_owned());
            let followed = l.responded_by.as_ref().map(|w| fill(R::RespondedBy.text(lang), "who", w));
            let replaced = l.replaced_by.and_then(position).map(|k| fill(R::ReplacedBy.text(lang), "n", &k.to_string()));
            view! {
                <tr>
                    <th scope="row">{n}</th>
                    <td>{l.assignee.clone()}</td>
                    <td>{purpose(&l.purpose).text(lang)}</td>
                    <td>{l.instructions.clone()}</td>
                    <td>{deadline}</td>
                    <td>{l.assigned_by.clone()}<br/><span class="hint">{format_datetime(lang, l.assigned_at)}</span></td>
                    <td>
                        <span class="status">{assignment_status(&l.status).text(lang)}</span>
                        {followed.map(|t| view! { <br/><span class="hint">{t}</span> })}
                        {replaced.map(|t| view! { <br/><span class="hint">{t}</span> })}
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let headers = [R::Assignee, R::Purpose, R::Instructions, R::Due, R::AssignedBy, R::Status].iter().map(|r| r.text(lang).to_owned());
    data_table("routing-slip", R::SlipTitle.text(lang).to_owned(), true, std::iter::once("#".to_owned()).chain(headers).collect(), rows).into_any()
}

fn assign_form(ctx: &PageCtx, p: &RoutingPanel) -> impl IntoView {
    let lang = ctx.lang;
    let action = format!("/bureau/entries/{}/assign", p.entry_id);
    view! {
        <form method="post" action=action class="stack" id="assign-form">
            <h3>{R::AssignTitle.text(lang)}</h3>
            {csrf_field(ctx)}
            {select(lang, "field-unit_id".into(), "unit_id", R::Unit.text(lang), R::ChooseUnit.text(lang), &p.units)}
            {select(lang, "field-user_id".into(), "user_id", R::Person.text(lang), R::ChoosePerson.text(lang), &p.people)}
            {purpose_field(lang, "")}
            {instructions_field(lang, "")}
            <div class="field">
                <label for="field-deadline">{R::DeadlineField.text(lang)}</label>
                <input type="date" id="field-deadline" name="deadline"/>
            </div>
            <button type="submit">{R::AssignButton.text(lang)}</button>
        </form>
    }
}

fn handle_forms(ctx: &PageCtx, p: &RoutingPanel) -> Vec<AnyView> {
    let lang = ctx.lang;
    p.lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.can_handle || l.can_reassign)
        .map(|(i, l)| {
            let title = fill(&fill(R::AssignmentFor.text(lang), "n", &(i + 1).to_string()), "who", &l.assignee);
            let base = format!("/bureau/assignments/{}", l.id);
            let suffix = format!("-{}", l.id);
            let accept = (l.can_handle && l.status == "pending").then(|| {
                view! {
                    <form method="post" action=format!("{base}/accept") class="inline-form">
                        {csrf_field(ctx)}
                        <button type="submit">{R::Accept.text(lang)}</button>
                    </form>
                }
            });
            let done = l.can_handle.then(|| {
                view! {
                    <form method="post" action=format!("{base}/done") class="inline-form">
                        {csrf_field(ctx)}
                        <button type="submit" class="secondary">{R::MarkDone.text(lang)}</button>
                    </form>
                }
            });
            let reassign = l.can_reassign.then(|| {
                view! {
                    <details>
                        <summary>{R::Reassign.text(lang)}</summary>
                        <form method="post" action=format!("{base}/reassign") class="stack">
                            {csrf_field(ctx)}
                            {select(lang, format!("field-unit_id{suffix}"), "unit_id", R::ReassignTo.text(lang), R::ChooseUnit.text(lang), &p.units)}
                            {select(lang, format!("field-user_id{suffix}"), "user_id", R::Person.text(lang), R::ChoosePerson.text(lang), &p.people)}
                            {purpose_field(lang, &suffix)}
                            {instructions_field(lang, &suffix)}
                            <button type="submit">{R::Reassign.text(lang)}</button>
                        </form>
                    </details>
                }
            });
            view! {
                <div class="assignment-actions">
                    <h3>{title}</h3>
                    <p class="actions">{accept}{done}</p>
                    {reassign}
                </div>
            }
            .into_any()
        })
        .collect()
}

fn draft_form(ctx: &PageCtx, action: String, d: Option<&DraftLine>, suffix: &str) -> impl IntoView {
    let lang = ctx.lang;
    let (s_id, b_id, f_id, h_id) =
        (format!("field-subject{suffix}"), format!("field-body{suffix}"), format!("field-pdf{suffix}"), format!("field-pdf{suffix}-hint"));
    let button = if d.is_some() { R::SaveDraft } else { R::NewDraft };
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="stack">
            {csrf_field(ctx)}
            <div class="field">
                <label for=s_id.clone()>{R::DraftSubject.text(lang)} " " <span class="req">{T::Required.text(lang)}</span></label>
                <input type="text" id=s_id name="subject" required value=d.map(|d| d.subject.clone()).unwrap_or_default()/>
            </div>
            <div class="field">
                <label for=b_id.clone()>{R::DraftBody.text(lang)}</label>
                {textarea(TextArea {
                    id: b_id, name: "body", rows: 10, required: false, described_by: None,
                    value: d.map(|d| d.body.clone()).unwrap_or_default(),
                })}
            </div>
            <div class="field">
                <label for=f_id.clone()>{R::DraftPdf.text(lang)}</label>
                <p class="hint" id=h_id.clone()>{R::DraftPdfHint.text(lang)}</p>
                <input type="file" id=f_id name="documents" accept="application/pdf" aria-describedby=h_id/>
            </div>
            <button type="submit">{button.text(lang)}</button>
        </form>
    }
}

fn drafts_block(ctx: &PageCtx, p: &RoutingPanel) -> impl IntoView {
    let lang = ctx.lang;
    let items = p
        .drafts
        .iter()
        .map(|d| {
            let state = match &d.outgoing_number {
                Some(n) => fill(R::DraftStatusDispatched.text(lang), "n", n),
                None => R::DraftStatusDraft.text(lang).to_owned(),
            };
            let pdf = d.outgoing_pdf_url.clone().zip(d.outgoing_number.clone()).map(|(url, n)| {
                view! { <p><a href=url download>{fill(R::DownloadOutgoing.text(lang), "n", &n)}</a></p> }
            });
            let edit = d.can_edit.then(|| {
                view! {
                    <details>
                        <summary>{R::EditDraft.text(lang)}</summary>
                        {draft_form(ctx, format!("/bureau/drafts/{}", d.id), Some(d), &format!("-{}", d.id))}
                    </details>
                }
            });
            let dispatch = d.can_dispatch.then(|| {
                let options = d
                    .modes
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let id = format!("mode-{}-{m}", d.id);
                        view! {
                            <div>
                                <input type="radio" id=id.clone() name="mode" value=m.clone() checked=i == 0/>
                                <label for=id>{mode(m).text(lang)}</label>
                            </div>
                        }
                    })
                    .collect::<Vec<_>>();
                view! {
                    <form method="post" action=format!("/bureau/drafts/{}/dispatch", d.id) class="stack dispatch-form">
                        {csrf_field(ctx)}
                        <fieldset class="field">
                            <legend>{R::DispatchMode.text(lang)}</legend>
                            {options}
                        </fieldset>
                        <button type="submit">{R::Dispatch.text(lang)}</button>
                    </form>
                }
            });
            view! {
                <article class="draft">
                    <h3>{d.subject.clone()}</h3>
                    <p class="hint">{fill(R::DraftBy.text(lang), "who", &d.author)} " — " <span class="status">{state}</span></p>
                    <p class="draft-body">{d.body.clone()}</p>
                    {d.attachment.clone().map(|a| view! { <p>{fill(R::Attached.text(lang), "name", &a)}</p> })}
                    {pdf}
                    {edit}
                    {dispatch}
                </article>
            }
        })
        .collect::<Vec<_>>();
    let new = p.can_draft.then(|| {
        view! {
            <details open=p.drafts.is_empty()>
                <summary>{R::NewDraft.text(lang)}</summary>
                {draft_form(ctx, format!("/bureau/entries/{}/drafts", p.entry_id), None, "")}
            </details>
            <p><a href=format!("/parapheur/new?entry={}", p.entry_id)>{R::ToParapheur.text(lang)}</a></p>
        }
    });
    (!items.is_empty() || p.can_draft).then(|| {
        view! {
            <section aria-labelledby="answer-title" class="answers">
                <h2 id="answer-title">{R::DraftsTitle.text(lang)}</h2>
                {items}
                {new}
            </section>
        }
    })
}

/// The slip's content without its heading: the bureau's entry page puts it under its own
/// "Fiche de circulation" heading (its `routing` slot).
pub fn slot(ctx: &PageCtx, p: &RoutingPanel) -> AnyView {
    let lang = ctx.lang;
    view! {
        <p>{R::EntryStatus.text(lang)} " : " <span class="status">{p.entry_status.label().text(lang)}</span></p>
        {slip_table(lang, p)}
        {handle_forms(ctx, p)}
        {p.can_assign.then(|| assign_form(ctx, p))}
        {drafts_block(ctx, p)}
    }
    .into_any()
}

/// The slip with its forms and heading (the stand-alone routing page).
pub fn section(ctx: &PageCtx, p: &RoutingPanel) -> AnyView {
    let lang = ctx.lang;
    view! {
        <section aria-labelledby="slip-title" class="routing">
            <h2 id="slip-title">{R::SlipTitle.text(lang)}</h2>
            {p.notice.clone().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
            {p.error.clone().map(|e| view! {
                <div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>
                    <h2>{T::FormHasErrors.text(lang)}</h2>
                    <p>{e}</p>
                </div>
            })}
            <p>{R::EntryStatus.text(lang)} " : " <span class="status" id="entry-status">{p.entry_status.label().text(lang)}</span></p>
            {slip_table(lang, p)}
            {handle_forms(ctx, p)}
            {p.can_assign.then(|| assign_form(ctx, p))}
        </section>
        {drafts_block(ctx, p)}
    }
    .into_any()
}

/// The stand-alone routing page of an entry.
pub fn render(ctx: &PageCtx, p: &RoutingPanel, form: &FormState) -> String {
    let lang = ctx.lang;
    let title = format!("{} — {}", R::SlipTitle.text(lang), p.number);
    let body = view! {
        <h1><span dir="ltr" class="number">{p.number.clone()}</span> " — " {p.subject.clone()}</h1>
        {error_summary(lang, form, &[("unit_id", R::Unit.text(lang)), ("subject", R::DraftSubject.text(lang))])}
        {section(ctx, p)}
        <p><a href="/work">{R::BackToWork.text(lang)}</a></p>
    };
    document(ctx, &title, body)
}
