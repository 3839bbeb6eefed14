//! "My filings": the signed-in filer's own filings, newest first, with status and receipt.

use crate::components::document;
use crate::i18n::{fill, format_date, F};
use crate::model::{FilingLine, PageCtx};
use leptos::prelude::*;

pub fn render(ctx: &PageCtx, filings: &[FilingLine]) -> String {
    let lang = ctx.lang;
    let rows = filings
        .iter()
        .map(|f| {
            let pdf_label = format!(" — {}", fill(F::ReceiptPdfOf.text(lang), "n", &f.number));
            view! {
                <tr>
                    <th scope="row"><a href=format!("/filings/{}", f.id) dir="ltr">{f.number.clone()}</a></th>
                    <td>{format_date(lang, f.received_at)}</td>
                    <td>{f.administration.clone()}</td>
                    <td>{f.subject.clone()}</td>
                    <td><span class="status">{f.status.label().text(lang)}</span></td>
                    <td><a href=f.receipt_pdf_url.clone() download>"PDF"<span class="visually-hidden">{pdf_label}</span></a></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = if filings.is_empty() {
        view! {
            <h1>{F::MyFilingsTitle.text(lang)}</h1>
            <p>{F::NoFilings.text(lang)}</p>
            <p><a class="button" href="/file">{F::FileTitle.text(lang)}</a></p>
        }
        .into_any()
    } else {
        view! {
            <h1>{F::MyFilingsTitle.text(lang)}</h1>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{F::MyFilingsTitle.text(lang)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{F::Number.text(lang)}</th>
                            <th scope="col">{F::Date.text(lang)}</th>
                            <th scope="col">{F::Administration.text(lang)}</th>
                            <th scope="col">{F::Subject.text(lang)}</th>
                            <th scope="col">{F::Status.text(lang)}</th>
                            <th scope="col">{F::Receipt.text(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p><a class="button" href="/file">{F::FileTitle.text(lang)}</a></p>
        }
        .into_any()
    };
    document(ctx, F::MyFilingsTitle.text(lang), body)
}
