//! Batch signing progress (`/parapheur/batches/{id}`): n of m, a progress bar and each
//! folder's result. While the batch runs the page reloads itself every few seconds with
//! `<meta http-equiv="refresh">` (no JavaScript needed); a link turns that off, as WCAG
//! 2.2.1 asks, and another reloads by hand.

use crate::components::document;
use crate::i18n::parapheur_batch::PB;
use crate::i18n::{fill, Lang};
use crate::model::PageCtx;
use leptos::prelude::*;

/// Seconds between reloads while the batch runs.
pub const REFRESH_SECONDS: u32 = 3;

#[derive(Clone, Debug, PartialEq)]
pub struct BatchLine {
    pub folder_id: i32,
    pub title: Option<String>,
    /// `pending`, `signed` or `failed`.
    pub status: String,
    pub folder_status: Option<String>,
    /// The failure, in the reader's language.
    pub message: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BatchPage {
    pub id: i32,
    /// `running`, `done` or `interrupted`.
    pub status: String,
    pub total: i32,
    pub processed: i32,
    pub signed: i32,
    pub failed: i32,
    pub lines: Vec<BatchLine>,
    /// Reload while running (the reader may turn it off with `?refresh=0`).
    pub auto_refresh: bool,
}

fn result(lang: Lang, l: &BatchLine) -> &'static str {
    match (l.status.as_str(), l.folder_status.as_deref()) {
        ("signed", Some("completed")) => PB::SignedCompleted.text(lang),
        ("signed", Some("in_progress")) => PB::SignedNext.text(lang),
        ("signed", _) => PB::Signed.text(lang),
        ("failed", _) => PB::Failed.text(lang),
        _ => PB::Pending.text(lang),
    }
}

pub fn render(ctx: &PageCtx, b: &BatchPage) -> String {
    let lang = ctx.lang;
    let title = fill(PB::Title.text(lang), "id", &b.id.to_string());
    let (n, m) = (b.processed.to_string(), b.total.to_string());
    let summary = match b.status.as_str() {
        "done" => fill(&fill(&fill(PB::Done.text(lang), "signed", &b.signed.to_string()), "failed", &b.failed.to_string()), "m", &m),
        "interrupted" => fill(&fill(PB::Interrupted.text(lang), "n", &n), "m", &m),
        _ => fill(&fill(PB::Running.text(lang), "n", &n), "m", &m),
    };
    let running = b.status == "running";
    let path = format!("/parapheur/batches/{}", b.id);
    let refresh = (running && b.auto_refresh).then(|| {
        view! {
            <meta http-equiv="refresh" content=REFRESH_SECONDS.to_string()/>
            <p>{fill(PB::AutoRefresh.text(lang), "s", &REFRESH_SECONDS.to_string())} " "
                <a href=format!("{path}?refresh=0")>{PB::StopRefresh.text(lang)}</a></p>
        }
    });
    let manual = (running && !b.auto_refresh).then(|| view! { <p><a href=path.clone()>{PB::RefreshNow.text(lang)}</a></p> });
    let rows = b
        .lines
        .iter()
        .map(|l| {
            let name = l.title.clone().unwrap_or_else(|| fill(PB::FolderN.text(lang), "id", &l.folder_id.to_string()));
            view! {
                <tr class=format!("batch-{}", l.status)>
                    <th scope="row"><a href=format!("/parapheur/folders/{}", l.folder_id)>{name}</a></th>
                    <td><span class="status">{result(lang, l)}</span></td>
                    <td>{l.message.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        {refresh}
        <h1>{title.clone()}</h1>
        <p role="status">{summary}</p>
        <p>
            <label for="batch-progress">{PB::Progress.text(lang)}</label> " "
            <progress id="batch-progress" max=m.clone() value=n.clone()>{format!("{n} / {m}")}</progress>
        </p>
        {manual}
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{PB::Folder.text(lang)}</th>
                        <th scope="col">{PB::Result.text(lang)}</th>
                        <th scope="col">{PB::Detail.text(lang)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p><a href="/parapheur">{PB::Back.text(lang)}</a></p>
    };
    document(ctx, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(status: &str, auto_refresh: bool) -> BatchPage {
        BatchPage {
            id: 4, status: status.into(), total: 2, processed: 1, signed: 0, failed: 1, auto_refresh,
            lines: vec![
                BatchLine { folder_id: 7, title: Some("Réponse".into()), status: "failed".into(), folder_status: None, message: Some("Code PIN incorrect.".into()) },
                BatchLine { folder_id: 8, title: None, status: "pending".into(), folder_status: None, message: None },
            ],
        }
    }

    #[test]
    fn reloads_only_while_running_and_can_be_stopped() {
        let ctx = PageCtx { lang: Lang::Ar, ..Default::default() };
        let html = render(&ctx, &page("running", true));
        assert!(html.contains("http-equiv=\"refresh\"") && html.contains("?refresh=0"), "{html}");
        assert!(html.contains("عولج 1 ملف(ات) من أصل 2") && html.contains("الملف رقم 8"), "{html}");
        assert!(!render(&ctx, &page("running", false)).contains("http-equiv"));
        let done = render(&PageCtx::default(), &page("done", true));
        assert!(!done.contains("http-equiv") && done.contains("Terminé : 0 dossier(s) signé(s), 1 en échec, sur 2."), "{done}");
    }

    #[test]
    fn every_message_in_every_language() {
        for lang in Lang::ALL {
            for m in PB::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} {lang:?}");
            }
        }
    }
}
