//! A parapheur folder (`/parapheur/folders/{id}`): its documents with download links and
//! every page as a server-rendered image (readable with JavaScript off), the circuit with
//! the current step and who must act, the forms for what the reader may do now
//! (`parapheur_folder_actions`), the annotations they may see and the history step by step.

use crate::components::{data_table, document};
use crate::i18n::parapheur::{event, folder_status, step_kind, step_status, P};
use crate::i18n::{fill, format_bytes, format_datetime, Lang};
use crate::model::PageCtx;
use leptos::prelude::*;

/// A visible signature's rectangle on a page, as fractions of the page (0..1 from the top
/// left), so it can be drawn over the image whatever its displayed size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub page: u32,
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocumentBlock {
    pub id: i32,
    pub name: String,
    /// `main` or `annex`.
    pub role: String,
    pub size: u64,
    pub signatures: i32,
    pub download_url: String,
    /// Names the version shown (its hash), so a browser never shows a cached image of an
    /// earlier version after a signature.
    pub version: String,
    /// Number of pages (0: no preview, e.g. an image annex).
    pub pages: u32,
    /// Where my signature goes on this document, when I am to sign it visibly.
    pub my_frame: Option<Frame>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepLine {
    pub position: i32,
    pub kind: String,
    pub mode: String,
    pub assignee: String,
    pub status: String,
    pub acted_by: Option<String>,
    pub acting_for: Option<String>,
    pub acted_at: Option<i64>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub at: i64,
    pub who: String,
    pub for_whom: Option<String>,
    pub action: String,
    /// `returned`: the step it went back to.
    pub to_step: Option<i32>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NoteLine {
    pub author: String,
    pub private: bool,
    pub body: String,
    pub at: i64,
}

/// What the reader may do now (`None` on the page when it is not their turn).
#[derive(Clone, Debug, PartialEq)]
pub struct MyTurn {
    /// `visa` or `signature`.
    pub kind: String,
    pub acting_for: Option<String>,
    /// Signature steps: the key needs a PIN (PKCS#12, PKCS#11).
    pub needs_pin: bool,
    /// Signature steps: an active key exists.
    pub has_key: bool,
    /// The visible signature's page, if placed.
    pub sign_page: Option<i32>,
    /// Earlier steps it may be returned to (position, label).
    pub return_to: Vec<(i32, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FolderPage {
    pub id: i32,
    pub title: String,
    pub status: String,
    pub originator: String,
    pub created_at: i64,
    /// (number, link) of the correspondence it answers.
    pub answers: Option<(String, String)>,
    pub documents: Vec<DocumentBlock>,
    pub steps: Vec<StepLine>,
    pub current: Option<i32>,
    pub my_turn: Option<MyTurn>,
    pub can_edit_circuit: bool,
    pub history: Vec<HistoryEntry>,
    pub notes: Vec<NoteLine>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

fn page_image(lang: Lang, folder_id: i32, d: &DocumentBlock, n: u32) -> impl IntoView {
    let src = format!("/parapheur/folders/{folder_id}/documents/{}/pages/{n}.png?v={}", d.id, d.version);
    let alt = fill(&fill(&fill(P::PageAlt.text(lang), "name", &d.name), "n", &n.to_string()), "total", &d.pages.to_string());
    let frame = d.my_frame.filter(|f| f.page == n).map(|f| {
        let style = format!(
            "left: {:.2}%; top: {:.2}%; width: {:.2}%; height: {:.2}%;",
            f.left * 100.0, f.top * 100.0, f.width * 100.0, f.height * 100.0
        );
        view! { <span class="pf-frame" style=style><span class="pf-frame-label">{P::SignHere.text(lang)}</span></span> }
    });
    view! {
        <figure class="pf-page" dir="ltr">
            <img src=src alt=alt loading="lazy" width="800"/>
            {frame}
        </figure>
    }
}

fn document_block(lang: Lang, folder_id: i32, d: &DocumentBlock) -> impl IntoView {
    let role = if d.role == "main" { P::MainDoc } else { P::Annex };
    let link = fill(&fill(P::Download.text(lang), "name", &d.name), "size", &format_bytes(lang, d.size));
    let pages = (1..=d.pages).map(|n| page_image(lang, folder_id, d, n)).collect::<Vec<_>>();
    let preview = if d.pages == 0 {
        view! { <p class="hint">{P::NoPreview.text(lang)}</p> }.into_any()
    } else {
        let summary = fill(P::ShowPages.text(lang), "n", &d.pages.to_string());
        // Main documents open by default; annexes stay folded to keep the page short.
        view! {
            <details class="pf-pages" open=d.role == "main">
                <summary>{summary}</summary>
                {pages}
            </details>
        }
        .into_any()
    };
    let (hid, hid2) = (format!("doc-{}", d.id), format!("doc-{}", d.id));
    view! {
        <section class="pf-document" aria-labelledby=hid2>
            <h3 id=hid>{role.text(lang)} " — " {d.name.clone()}</h3>
            <p>
                <a href=d.download_url.clone()>{link}</a>
                {(d.signatures > 0).then(|| view! { " · " <span>{fill(P::Signatures.text(lang), "n", &d.signatures.to_string())}</span> })}
            </p>
            {preview}
        </section>
    }
}

fn steps_table(lang: Lang, p: &FolderPage) -> AnyView {
    if p.steps.is_empty() {
        return view! { <p class="empty">{P::NoCircuit.text(lang)}</p> }.into_any();
    }
    let rows = p
        .steps
        .iter()
        .map(|s| {
            let current = p.current == Some(s.position) && s.status == "pending";
            let kind = fill(&fill(P::StepOf.text(lang), "n", &s.position.to_string()), "kind", step_kind(&s.kind).text(lang));
            let mode = (s.mode == "one").then(|| view! { <br/><span class="hint">{P::ModeOne.text(lang)}</span> });
            let acted = match (&s.acted_by, s.acted_at) {
                (Some(w), Some(t)) => {
                    let who = match &s.acting_for {
                        Some(d) => format!("{w} ({})", fill(P::ForWhom.text(lang), "who", d)),
                        None => w.clone(),
                    };
                    Some(fill(&fill(P::ActedBy.text(lang), "who", &who), "when", &format_datetime(lang, t)))
                }
                _ => None,
            };
            view! {
                <tr class:pf-current=current aria-current=current.then_some("step")>
                    <th scope="row">{kind}{mode}</th>
                    <td>{s.assignee.clone()}</td>
                    <td class="status">{step_status(&s.status).text(lang)}</td>
                    <td>{acted}{s.reason.clone().map(|r| view! { <br/><q>{r}</q> })}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let headers = [P::Step, P::WhoActs, P::Status, P::Reason].iter().map(|h| h.text(lang).to_owned()).collect();
    data_table("circuit", P::Circuit.text(lang).to_owned(), false, headers, rows).into_any()
}

fn history_table(lang: Lang, p: &FolderPage) -> impl IntoView {
    let rows = p
        .history
        .iter()
        .map(|h| {
            let what = match h.to_step {
                Some(n) if h.action == "returned" => fill(event(&h.action).text(lang), "n", &n.to_string()),
                _ => event(&h.action).text(lang).to_owned(),
            };
            view! {
                <tr>
                    <td>{format_datetime(lang, h.at)}</td>
                    <td>{h.who.clone()}{h.for_whom.as_ref().map(|d| view! { <br/><span class="hint">{fill(P::ForWhom.text(lang), "who", d)}</span> })}</td>
                    <th scope="row">{what}</th>
                    <td>{h.reason.clone()}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let headers = [P::When, P::Who, P::What, P::Reason].iter().map(|h| h.text(lang).to_owned()).collect();
    data_table("history", P::History.text(lang).to_owned(), false, headers, rows)
}

fn notes(lang: Lang, p: &FolderPage) -> AnyView {
    if p.notes.is_empty() {
        return view! { <p class="empty">{P::NoNotes.text(lang)}</p> }.into_any();
    }
    let items = p
        .notes
        .iter()
        .map(|n| {
            view! {
                <li class="pf-note">
                    <p class="hint">
                        {n.author.clone()} " · " {format_datetime(lang, n.at)}
                        {n.private.then(|| view! { " " <span class="tag">{P::PrivateTag.text(lang)}</span> })}
                    </p>
                    <p class="message">{n.body.clone()}</p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! { <ul class="pf-notes">{items}</ul> }.into_any()
}

pub fn render(ctx: &PageCtx, p: &FolderPage) -> String {
    let lang = ctx.lang;
    let docs = p.documents.iter().map(|d| document_block(lang, p.id, d)).collect::<Vec<_>>();
    let waiting: Vec<String> = p.steps.iter().filter(|s| p.current == Some(s.position) && s.status == "pending").map(|s| s.assignee.clone()).collect();
    let current = p.steps.iter().find(|s| p.current == Some(s.position)).filter(|_| !waiting.is_empty()).map(|s| {
        let step = fill(&fill(P::StepOf.text(lang), "n", &s.position.to_string()), "kind", step_kind(&s.kind).text(lang));
        fill(&fill(P::CurrentStep.text(lang), "step", &step), "who", &waiting.join(", "))
    });
    let body = view! {
        <h1>{p.title.clone()}</h1>
        {p.notice.clone().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        {p.error.clone().map(|e| view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>
                <h2>{P::ActionRefused.text(lang)}</h2>
                <p>{e}</p>
            </div>
        })}
        <dl class="facts">
            <dt>{P::Status.text(lang)}</dt><dd class="status">{folder_status(&p.status).text(lang)}</dd>
            <dt>{P::Originator.text(lang)}</dt><dd>{p.originator.clone()} " · " {format_datetime(lang, p.created_at)}</dd>
            {p.answers.clone().map(|(n, href)| view! {
                <dt>{P::InReplyTo.text(lang)}</dt>
                <dd><a href=href>{fill(P::Answers.text(lang), "number", &n)}</a></dd>
            })}
        </dl>
        {current.map(|c| view! { <p class="notice" id="current-step">{c}</p> })}
        {super::parapheur_folder_actions::render(ctx, p)}
        <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">{P::Documents.text(lang)}</h2>
            {docs}
        </section>
        <section aria-labelledby="circuit-heading">
            <h2 id="circuit-heading">{P::Circuit.text(lang)}</h2>
            {steps_table(lang, p)}
            {p.can_edit_circuit.then(|| view! {
                <p><a class="button" href=format!("/parapheur/folders/{}/circuit", p.id)>{P::EditCircuit.text(lang)}</a></p>
            })}
        </section>
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">{P::Notes.text(lang)}</h2>
            {notes(lang, p)}
        </section>
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{P::History.text(lang)}</h2>
            {history_table(lang, p)}
        </section>
    };
    document(ctx, &p.title, body)
}
