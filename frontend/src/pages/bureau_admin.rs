//! The address book (`/bureau/correspondents`, `/bureau/correspondents/{id}`) and the
//! clearances page (`/bureau/clearances`): plain forms, POST-redirect-GET.

use super::bureau_forms::select_field;
use super::bureau_model::{Choice, ClearanceLine, CorrespondentLine};
use crate::components::{csrf_field, document, error_summary, text_field, FieldSpec};
use crate::i18n::bureau::{confidentiality_label, kind_label};
use crate::i18n::{fill, Lang, B};
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

fn spec(name: &'static str, label: &'static str, kind: &'static str, required: bool) -> FieldSpec {
    FieldSpec { name, label, kind, autocomplete: "off", required, hint: None }
}

fn kinds(lang: Lang) -> Vec<Choice> {
    [("person", B::KindPerson), ("organisation", B::KindOrganisation), ("administration", B::KindAdministration)]
        .iter()
        .map(|(v, b)| (v.to_string(), b.text(lang).to_owned()))
        .collect()
}

/// The fields of a correspondent (named like the API's JSON fields).
fn correspondent_fields(ctx: &PageCtx, action: String, state: &FormState, submit: B) -> impl IntoView {
    let lang = ctx.lang;
    view! {
        <form method="post" action=action class="stack" novalidate>
            {csrf_field(ctx)}
            {text_field(lang, spec("name", B::Name.text(lang), "text", true), state)}
            {select_field(lang, "kind", B::Kind.text(lang), &kinds(lang), state, None, false)}
            {text_field(lang, spec("email", B::Email.text(lang), "email", false), state)}
            {text_field(lang, spec("phone", B::Phone.text(lang), "tel", false), state)}
            {text_field(lang, spec("address", B::Address.text(lang), "text", false), state)}
            <button type="submit">{submit.text(lang)}</button>
        </form>
    }
}

fn labels(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![("name", B::Name.text(lang)), ("kind", B::Kind.text(lang)), ("email", B::Email.text(lang)), ("phone", B::Phone.text(lang)), ("address", B::Address.text(lang))]
}

/// The address book: a search (GET), the matches with edit links, and the add form.
pub fn correspondents(ctx: &PageCtx, query: &str, found: &[CorrespondentLine], state: &FormState, notice: Option<String>) -> String {
    let lang = ctx.lang;
    let rows = found
        .iter()
        .map(|c| {
            let edit = fill(B::Edit.text(lang), "name", &c.name);
            view! {
                <tr>
                    <td>{c.name.clone()}</td>
                    <td>{kind_label(&c.kind).text(lang)}</td>
                    <td>{c.email.clone().unwrap_or_default()}</td>
                    <td>{c.phone.clone().unwrap_or_default()}</td>
                    <td><a href=format!("/bureau/correspondents/{}", c.id)>{edit}</a></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let empty = found.is_empty();
    let body = view! {
        <p><a href="/bureau">{B::BackToQueue.text(lang)}</a></p>
        <h1>{B::CorrespondentsTitle.text(lang)}</h1>
        {notice.map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        <form method="get" action="/bureau/correspondents" role="search" class="search">
            <label for="q">{B::FindCorrespondent.text(lang)}</label>
            <div class="search-row">
                <input id="q" name="q" type="search" value=query.to_owned()/>
                <button type="submit">{B::SearchButton.text(lang)}</button>
            </div>
        </form>
        {empty.then(|| view! { <p class="empty">{B::NoCorrespondents.text(lang)}</p> })}
        {(!empty).then(|| view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{B::Name.text(lang)}</th>
                            <th scope="col">{B::Kind.text(lang)}</th>
                            <th scope="col">{B::Email.text(lang)}</th>
                            <th scope="col">{B::Phone.text(lang)}</th>
                            <th scope="col">{B::EditCorrespondent.text(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        <h2>{B::AddCorrespondent.text(lang)}</h2>
        {error_summary(lang, state, &labels(lang))}
        {correspondent_fields(ctx, "/bureau/correspondents".into(), state, B::AddCorrespondent)}
    };
    document(ctx, B::CorrespondentsTitle.text(lang), body)
}

/// One correspondent's edit form.
pub fn edit_correspondent(ctx: &PageCtx, id: i32, state: &FormState) -> String {
    let lang = ctx.lang;
    let body = view! {
        <p><a href="/bureau/correspondents">{B::CorrespondentsTitle.text(lang)}</a></p>
        <h1>{B::EditCorrespondent.text(lang)}</h1>
        {error_summary(lang, state, &labels(lang))}
        {correspondent_fields(ctx, format!("/bureau/correspondents/{id}"), state, B::Save)}
    };
    document(ctx, B::EditCorrespondent.text(lang), body)
}

/// The staff of the administration, each with a small form to set their clearance.
pub fn clearances(ctx: &PageCtx, staff: &[ClearanceLine], notice: Option<String>) -> String {
    let lang = ctx.lang;
    let rows = staff
        .iter()
        .map(|s| {
            let select_id = format!("level-{}", s.user_id);
            let options = ["normal", "confidential", "secret"]
                .iter()
                .map(|l| {
                    let text = if *l == "normal" { B::LevelNone.text(lang) } else { confidentiality_label(l).text(lang) };
                    view! { <option value=*l selected=*l == s.level>{text}</option> }
                })
                .collect::<Vec<_>>();
            view! {
                <tr>
                    <td>{s.name.clone()} <br/> <small>{s.email.clone()}</small></td>
                    <td>
                        <form method="post" action="/bureau/clearances" class="inline-form">
                            {csrf_field(ctx)}
                            <input type="hidden" name="user_id" value=s.user_id.to_string()/>
                            <label class="visually-hidden" for=select_id.clone()>{fill(B::Level.text(lang), "name", &s.name)}</label>
                            <select id=select_id name="level">{options}</select>
                            " "
                            <button type="submit">{B::Change.text(lang)}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        <p><a href="/bureau">{B::BackToQueue.text(lang)}</a></p>
        <h1>{B::ClearancesTitle.text(lang)}</h1>
        {notice.map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        <p class="lead">{B::ClearancesIntro.text(lang)}</p>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{B::StaffMember.text(lang)}</th>
                        <th scope="col">{B::Confidentiality.text(lang)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    };
    document(ctx, B::ClearancesTitle.text(lang), body)
}

#[cfg(test)]
mod tests {
    use super::super::bureau_model::*;
    use super::super::{bureau_entry, bureau_forms, bureau_queue};
    use crate::i18n::Lang;
    use crate::model::{FormState, PageCtx};

    fn ctx(lang: Lang) -> PageCtx {
        PageCtx { lang, user: Some("Clerc".into()), csrf: "tok".into(), path: "/bureau".into(), ..Default::default() }
    }

    fn line() -> QueueLine {
        QueueLine {
            id: "e1".into(),
            number: "DEMO-2026-A-000001".into(),
            direction: "A".into(),
            origin: "paper".into(),
            status: "registered".into(),
            subject: "Demande".into(),
            received_at: 1_795_615_509,
            from: Some("Société Atlas".into()),
            unit: Some("Service du personnel".into()),
            confidentiality: "confidential".into(),
            priority: "urgent".into(),
            deadline: Some("2026-12-31".into()),
        }
    }

    #[test]
    fn queue_lists_entries_with_filters_and_links() {
        let v = QueueView { administration: "DEMO".into(), lines: vec![line()], total: 120, page: 1, pages: 3, registry: true, ..Default::default() };
        let html = bureau_queue::render(&ctx(Lang::Ar), &v, None);
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
        assert!(html.contains(r#"href="/bureau/entries/e1""#), "{html}");
        assert!(html.contains("سري") && html.contains("مستعجلة"), "confidential and urgent tags");
        assert!(html.contains(r#"href="/bureau?page=0""#) && html.contains(r#"href="/bureau?page=2""#), "page links: {html}");
        assert!(html.contains(r#"href="/bureau/paper""#));
        assert!(!html.contains(r#"href="/bureau/clearances""#), "only administrators manage clearances");
    }

    #[test]
    fn paper_form_has_stable_field_names_labels_and_the_search_island() {
        let choices = IntakeChoices { correspondents: vec![("7".into(), "Atlas".into())], units: vec![("3".into(), "SP".into())], today: "2026-11-25".into(), ..Default::default() };
        let html = bureau_forms::paper(&ctx(Lang::Fr), &choices, &FormState::default(), "atl", "key-1");
        for name in ["correspondent_id", "correspondent_name", "letter_date", "received_date", "subject", "message", "category", "confidentiality", "priority", "deadline", "unit_id", "filer_email", "documents", "csrf", "idempotency_key"] {
            assert!(html.contains(&format!(r#"name="{name}""#)), "{name} missing");
        }
        assert!(html.contains(r#"enctype="multipart/form-data""#));
        assert!(html.contains(r#"value="2026-11-25""#), "received today by default");
        assert!(html.contains("leptos-island") && html.contains(r#"value="atl""#), "{html}");
        assert!(html.contains(r#"<label for="field-subject">"#));
    }

    #[test]
    fn entry_page_has_documents_and_the_routing_slot() {
        use leptos::prelude::*;
        let e = EntryPage {
            line: line(),
            administration: "DEMO".into(),
            message: "Texte".into(),
            category: None,
            letter_date: Some("2026-11-02".into()),
            correspondent: Some(CorrespondentLine { id: 7, kind: "organisation".into(), name: "Société Atlas".into(), ..Default::default() }),
            filer: None,
            from_unit: None,
            in_reply_to: None,
            registered_by: Some("clerk".into()),
            documents: vec![DocumentLink { name: "scan.pdf".into(), size: 2048, sha256_hex: "ab".repeat(32), url: "/bureau/entries/e1/documents/0".into() }],
        };
        let slot = view! { <p>"slip"</p> }.into_any();
        let html = bureau_entry::render(&ctx(Lang::Fr), &e, Some("ok".into()), Some(slot));
        assert!(html.contains(r#"href="/bureau/entries/e1/documents/0""#));
        assert!(html.contains("Société Atlas (Organisme)"), "{html}");
        assert!(html.contains(r#"id="routing""#) && html.contains("slip"));
        let without = bureau_entry::render(&ctx(Lang::En), &e, None, None);
        assert!(!without.contains(r#"id="routing""#));
    }
}
