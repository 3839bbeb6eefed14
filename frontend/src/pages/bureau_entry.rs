//! One register entry for staff (`/bureau/entries/{id}`): its mentions, correspondent,
//! documents (downloads) and, below, the routing slip and assignment forms that the routing
//! pages provide through the `routing` slot.

use super::bureau_model::EntryPage;
use crate::components::document;
use crate::i18n::bureau::{confidentiality_label, direction_label, kind_label, origin_label, priority_label};
use crate::i18n::{format_bytes, format_datetime, FilingStatus, B};
use crate::model::PageCtx;
use leptos::prelude::*;

fn fact(label: &str, value: Option<String>, lang: crate::i18n::Lang) -> impl IntoView {
    view! {
        <dt>{label.to_owned()}</dt>
        <dd>{value.filter(|v| !v.is_empty()).unwrap_or_else(|| B::NotGiven.text(lang).to_owned())}</dd>
    }
}

/// What the routing pages render under the entry (the backend has no leptos dependency of
/// its own, so it names the type through here).
pub type RoutingSlot = AnyView;

/// `notice`: shown on top (e.g. "registered under number …" right after registration).
/// `routing`: the routing slip and assignment forms (`routing_slip::section`, with its own
/// heading), under `#routing`; `None` leaves it out.
pub fn render(ctx: &PageCtx, e: &EntryPage, notice: Option<String>, routing: Option<AnyView>) -> String {
    let lang = ctx.lang;
    let l = &e.line;
    let correspondent = e.correspondent.as_ref().map(|c| {
        let mut parts = vec![format!("{} ({})", c.name, kind_label(&c.kind).text(lang))];
        parts.extend([c.email.clone(), c.phone.clone(), c.address.clone()].into_iter().flatten());
        parts.join(" · ")
    });
    let docs = e
        .documents
        .iter()
        .map(|d| {
            view! {
                <tr>
                    <td><a href=d.url.clone() download=d.name.clone()>{d.name.clone()}</a></td>
                    <td class="num">{format_bytes(lang, d.size)}</td>
                    <td><code class="hash">{d.sha256_hex.clone()}</code></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let has_docs = !e.documents.is_empty();
    let body = view! {
        <p><a href="/bureau">{B::BackToQueue.text(lang)}</a></p>
        <h1>{B::Number.text(lang)} " " <span class="number">{l.number.clone()}</span></h1>
        {notice.map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        <section aria-labelledby="details-title">
            <h2 id="details-title">{B::Details.text(lang)}</h2>
            <dl class="facts">
                {fact(B::Subject.text(lang), Some(l.subject.clone()), lang)}
                {fact(B::Direction.text(lang), Some(direction_label(&l.direction).text(lang).to_owned()), lang)}
                {fact(B::Origin.text(lang), Some(origin_label(&l.origin).text(lang).to_owned()), lang)}
                {fact(B::Status.text(lang), Some(FilingStatus::from_name(&l.status).label().text(lang).to_owned()), lang)}
                {fact(B::ReceivedAt.text(lang), Some(format_datetime(lang, l.received_at)), lang)}
                {fact(B::LetterDate.text(lang), e.letter_date.clone(), lang)}
                {fact(B::Correspondent.text(lang), correspondent.or_else(|| l.from.clone()), lang)}
                {fact(B::Filer.text(lang), e.filer.clone(), lang)}
                {fact(B::FromUnit.text(lang), e.from_unit.clone(), lang)}
                {fact(B::AddressedUnit.text(lang), l.unit.clone(), lang)}
                {fact(B::Category.text(lang), e.category.clone(), lang)}
                {fact(B::Confidentiality.text(lang), Some(confidentiality_label(&l.confidentiality).text(lang).to_owned()), lang)}
                {fact(B::Priority.text(lang), Some(priority_label(&l.priority).text(lang).to_owned()), lang)}
                {fact(B::Deadline.text(lang), l.deadline.clone(), lang)}
                {fact(B::InReplyTo.text(lang), e.in_reply_to.clone(), lang)}
                {fact(B::RegisteredBy.text(lang), e.registered_by.clone(), lang)}
            </dl>
            {(!e.message.is_empty()).then(|| view! {
                <h3>{B::Message.text(lang)}</h3>
                <p class="message">{e.message.clone()}</p>
            })}
        </section>
        <section aria-labelledby="documents-title">
            <h2 id="documents-title">{B::Documents.text(lang)}</h2>
            {has_docs.then(|| view! {
                <div class="table-wrap">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{B::Documents.text(lang)}</th>
                                <th scope="col">{crate::i18n::F::DocumentSize.text(lang)}</th>
                                <th scope="col">"SHA-256"</th>
                            </tr>
                        </thead>
                        <tbody>{docs}</tbody>
                    </table>
                </div>
            })}
        </section>
        {routing.map(|r| view! { <div id="routing">{r}</div> })}
    };
    document(ctx, &l.number, body)
}
