//! The receipt page, shown at once after filing: number, date, documents with their
//! SHA-256, and the sealed PDF to download.

use crate::components::document;
use crate::i18n::{format_bytes, format_datetime, F};
use crate::model::{PageCtx, ReceiptView};
use leptos::prelude::*;

pub fn render(ctx: &PageCtx, r: &ReceiptView, just_filed: bool) -> String {
    let lang = ctx.lang;
    let docs = r
        .documents
        .iter()
        .map(|d| {
            view! {
                <tr>
                    <td>{d.name.clone()}</td>
                    <td class="num">{format_bytes(lang, d.size)}</td>
                    <td><code class="hash" dir="ltr">{d.sha256_hex.clone()}</code></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let service = r.service.clone().map(|s| {
        view! { <dt>{F::ServiceName.text(lang)}</dt><dd>{s}</dd> }
    });
    let body = view! {
        <h1>{F::ReceiptTitle.text(lang)}</h1>
        {just_filed.then(|| view! { <p class="notice ok" role="status">{F::ReceiptLead.text(lang)}</p> })}
        <dl class="facts">
            <dt>{F::Number.text(lang)}</dt>
            <dd><strong class="number" dir="ltr">{r.number.clone()}</strong></dd>
            <dt>{F::ReceivedAt.text(lang)}</dt>
            <dd>{format_datetime(lang, r.received_at)}</dd>
            <dt>{F::Administration.text(lang)}</dt>
            <dd>{r.administration.clone()}</dd>
            {service}
            <dt>{F::Filer.text(lang)}</dt>
            <dd>{r.filer.clone()}</dd>
            <dt>{F::Subject.text(lang)}</dt>
            <dd>{r.subject.clone()}</dd>
            <dt>{F::Status.text(lang)}</dt>
            <dd>{r.status.label().text(lang)}</dd>
        </dl>
        <div class="table-wrap">
            <table>
                <caption>{F::Documents.text(lang)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{F::DocumentName.text(lang)}</th>
                        <th scope="col">{F::DocumentSize.text(lang)}</th>
                        <th scope="col">{F::Fingerprint.text(lang)}</th>
                    </tr>
                </thead>
                <tbody>{docs}</tbody>
            </table>
        </div>
        <p class="actions">
            <a class="button" href=r.receipt_pdf_url.clone() download>{F::DownloadReceipt.text(lang)}</a>
            <a class="button secondary" href=r.verify_url.clone()>{F::VerifyThisReceipt.text(lang)}</a>
        </p>
        {just_filed.then(|| view! { <p class="hint">{F::ReceiptEmailed.text(lang)}</p> })}
        {super::routing_answer::section(lang, &r.answers)}
        <p><a href="/filings">{F::MyFilingsTitle.text(lang)}</a></p>
    };
    document(ctx, F::ReceiptTitle.text(lang), body)
}
