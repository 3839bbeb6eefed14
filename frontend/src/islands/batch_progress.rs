//! Batch signing progress (`/parapheur/batches/{id}`): n of m, a `<progress>` bar and each
//! folder's result. The server renders the state at load time with a plain "Update" link
//! (no automatic reload: `<meta http-equiv="refresh">` disorients screen-reader users and
//! fails axe's `meta-refresh`). Hydrated, the island asks
//! `GET /api/v1/parapheur/batches/{id}` (session cookie) every 1.5 s until the batch ends,
//! updates the same elements in place, and says once, through a polite live region, that
//! it has finished (never every tick).

use crate::i18n::parapheur_batch::PB;
use crate::i18n::{fill, Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Milliseconds between two questions to the server while the batch runs.
pub const POLL_MS: u64 = 1500;

/// One folder of the batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchLine {
    pub folder_id: i32,
    pub title: Option<String>,
    /// `pending`, `signed` or `failed`.
    pub status: String,
    pub folder_status: Option<String>,
    /// The failure, in the language of the user who started the batch.
    pub message: Option<String>,
}

/// The batch as the page shows it; deserializes from the API's `BatchView` too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchPage {
    pub id: i32,
    /// `running`, `done` or `interrupted`.
    pub status: String,
    pub total: i32,
    pub processed: i32,
    pub signed: i32,
    pub failed: i32,
    #[serde(alias = "items")]
    pub lines: Vec<BatchLine>,
}

impl BatchPage {
    pub fn running(&self) -> bool {
        self.status == "running"
    }

    /// "n of m processed" while running, the outcome once over.
    pub fn summary(&self, lang: Lang) -> String {
        let (n, m) = (self.processed.to_string(), self.total.to_string());
        match self.status.as_str() {
            "done" => fill(&fill(&fill(PB::Done.text(lang), "signed", &self.signed.to_string()), "failed", &self.failed.to_string()), "m", &m),
            "interrupted" => fill(&fill(PB::Interrupted.text(lang), "n", &n), "m", &m),
            _ => fill(&fill(PB::Running.text(lang), "n", &n), "m", &m),
        }
    }
}

/// A folder's result in words.
pub fn result(lang: Lang, l: &BatchLine) -> &'static str {
    match (l.status.as_str(), l.folder_status.as_deref()) {
        ("signed", Some("completed")) => PB::SignedCompleted.text(lang),
        ("signed", Some("in_progress")) => PB::SignedNext.text(lang),
        ("signed", _) => PB::Signed.text(lang),
        ("failed", _) => PB::Failed.text(lang),
        _ => PB::Pending.text(lang),
    }
}

#[island]
pub fn BatchProgress(lang: Lang, batch: BatchPage) -> impl IntoView {
    let path = format!("/parapheur/batches/{}", batch.id);
    let title = fill(PB::Title.text(lang), "id", &batch.id.to_string());
    let id = batch.id;
    let state = RwSignal::new(batch);
    let announce = RwSignal::new(String::new());
    // Hydrated and running: start polling (effects never run on the server).
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if state.get_untracked().running() {
            poll::schedule(id, lang, state, announce);
        }
        let _ = (id, announce);
    });
    let rows = move || {
        state.with(|b| {
            b.lines
                .iter()
                .map(|l| {
                    let name = l.title.clone().unwrap_or_else(|| fill(PB::FolderN.text(lang), "id", &l.folder_id.to_string()));
                    view! {
                        <tr class=format!("batch-{}", l.status) data-folder=l.folder_id.to_string()>
                            <th scope="row"><a href=format!("/parapheur/folders/{}", l.folder_id)>{name}</a></th>
                            <td><span class="status">{result(lang, l)}</span></td>
                            <td>{l.message.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let n = move || state.with(|b| b.processed.to_string());
    let m = move || state.with(|b| b.total.to_string());
    view! {
        <div id="batch-progress-block">
            <p id="batch-summary">{move || state.with(|b| b.summary(lang))}</p>
            <p>
                <label for="batch-progress">{PB::Progress.text(lang)}</label> " "
                <progress id="batch-progress" max=m value=n>{move || format!("{} / {}", n(), m())}</progress>
            </p>
            {move || state.with(|b| b.running()).then(|| view! {
                <p id="batch-update"><a href=path.clone()>{PB::RefreshNow.text(lang)}</a></p>
            })}
            <p id="batch-announce" class="visually-hidden" aria-live="polite">{move || announce.get()}</p>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{title}</caption>
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
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod poll {
    use super::{BatchPage, POLL_MS};
    use crate::i18n::Lang;
    use leptos::prelude::*;
    use std::time::Duration;

    /// Asks again in `POLL_MS`; one request at a time (the next is scheduled after the
    /// answer), so a slow server is never flooded.
    pub(super) fn schedule(id: i32, lang: Lang, state: RwSignal<BatchPage>, announce: RwSignal<String>) {
        set_timeout(move || leptos::task::spawn_local(tick(id, lang, state, announce)), Duration::from_millis(POLL_MS));
    }

    async fn tick(id: i32, lang: Lang, state: RwSignal<BatchPage>, announce: RwSignal<String>) {
        match fetch(id).await {
            Answer::Batch(b) => {
                let over = !b.running();
                if over {
                    announce.set(b.summary(lang));
                }
                state.set(b);
                if !over {
                    schedule(id, lang, state, announce);
                }
            }
            // A network hiccup: try again later.
            Answer::Retry => schedule(id, lang, state, announce),
            // Refused (signed out, not found): stop asking; the Update link still works.
            Answer::Stop => {}
        }
    }

    enum Answer {
        Batch(BatchPage),
        Retry,
        Stop,
    }

    async fn fetch(id: i32) -> Answer {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let Some(window) = web_sys::window() else { return Answer::Stop };
        let Ok(resp) = JsFuture::from(window.fetch_with_str(&format!("/api/v1/parapheur/batches/{id}"))).await else { return Answer::Retry };
        let Ok(resp) = resp.dyn_into::<web_sys::Response>() else { return Answer::Stop };
        if resp.status() >= 500 {
            return Answer::Retry;
        }
        if !resp.ok() {
            return Answer::Stop;
        }
        let Ok(text) = resp.text() else { return Answer::Retry };
        let text = JsFuture::from(text).await.ok().and_then(|t| t.as_string());
        match text.as_deref().map(serde_json::from_str::<BatchPage>) {
            Some(Ok(b)) => Answer::Batch(b),
            Some(Err(_)) => Answer::Stop,
            None => Answer::Retry,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_api_answer() {
        let json = r#"{"id":3,"status":"done","total":2,"processed":2,"signed":1,"failed":1,"created_at":"2026-11-25T19:00:00Z","finished_at":null,
            "items":[{"folder_id":7,"title":"R","status":"signed","folder_status":"completed","error":null,"message":null},
                     {"folder_id":8,"title":null,"status":"failed","folder_status":null,"error":"wrong_pin","message":"Code PIN incorrect."}]}"#;
        let b: BatchPage = serde_json::from_str(json).unwrap();
        assert_eq!(b.lines.len(), 2);
        assert!(!b.running());
        assert_eq!(b.summary(Lang::En), "Finished: 1 folder(s) signed, 1 failed, out of 2.");
        assert_eq!(result(Lang::Fr, &b.lines[0]), "Signé — circuit terminé");
    }
}
