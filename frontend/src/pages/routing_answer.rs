//! The answer block of the filer's filing page: each answer the administration sent to the
//! filer's space, with its outgoing number, date and the PDF to download.

use crate::i18n::{fill, format_date, Lang, R};
use crate::model::AnswerLine;
use leptos::prelude::*;

pub fn section(lang: Lang, answers: &[AnswerLine]) -> impl IntoView {
    (!answers.is_empty()).then(|| {
        let items = answers
            .iter()
            .map(|a| {
                let title = fill(&fill(R::AnswerNumber.text(lang), "n", &a.number), "date", &format_date(lang, a.dispatched_at));
                view! {
                    <li>
                        <p>{title}</p>
                        <p><a class="button" href=a.pdf_url.clone() download>{R::DownloadAnswer.text(lang)}</a></p>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <section aria-labelledby="answers-title" class="answers">
                <h2 id="answers-title">{R::AnswersTitle.text(lang)}</h2>
                <ul class="plain">{items}</ul>
            </section>
        }
    })
}
