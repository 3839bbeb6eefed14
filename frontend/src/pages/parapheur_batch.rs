//! Batch signing progress (`/parapheur/batches/{id}`): the state at load time and, while
//! the batch runs, an "Update" link; the `BatchProgress` island keeps it current in place
//! when JavaScript runs. The page never reloads itself (no `<meta http-equiv="refresh">`).

use crate::components::document;
use crate::i18n::parapheur_batch::PB;
use crate::i18n::fill;
pub use crate::islands::batch_progress::{BatchLine, BatchPage};
use crate::islands::BatchProgress;
use crate::model::PageCtx;
use leptos::prelude::*;

pub fn render(ctx: &PageCtx, b: &BatchPage) -> String {
    let lang = ctx.lang;
    let title = fill(PB::Title.text(lang), "id", &b.id.to_string());
    let body = view! {
        <h1>{title.clone()}</h1>
        <BatchProgress lang=lang batch=b.clone()/>
        <p><a href="/parapheur">{PB::Back.text(lang)}</a></p>
    };
    document(ctx, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn page(status: &str) -> BatchPage {
        BatchPage {
            id: 4, status: status.into(), total: 2, processed: 1, signed: 0, failed: 1,
            lines: vec![
                BatchLine { folder_id: 7, title: Some("Réponse".into()), status: "failed".into(), folder_status: None, message: Some("Code PIN incorrect.".into()) },
                BatchLine { folder_id: 8, title: None, status: "pending".into(), folder_status: None, message: None },
            ],
        }
    }

    #[test]
    fn never_reloads_itself_and_offers_an_update_link_while_running() {
        let ctx = PageCtx { lang: Lang::Ar, ..Default::default() };
        let html = render(&ctx, &page("running"));
        assert!(!html.contains("http-equiv"), "{html}");
        assert!(html.contains(r#"<a href="/parapheur/batches/4">تحديث</a>"#), "{html}");
        assert!(html.contains("عولج 1 ملف(ات) من أصل 2") && html.contains("الملف رقم 8"), "{html}");
        assert!(html.contains(r#"aria-live="polite""#) && html.contains("<leptos-island"), "{html}");
        let done = render(&PageCtx::default(), &page("done"));
        assert!(!done.contains("http-equiv") && !done.contains("batch-update"), "{done}");
        assert!(done.contains("Terminé : 0 dossier(s) signé(s), 1 en échec, sur 2."), "{done}");
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
