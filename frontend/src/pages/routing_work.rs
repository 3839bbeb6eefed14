//! Work lists: `/work` (what waits for the signed-in staff member) and `/work/units/{id}`
//! (one unit), sorted by deadline, overdue and due-soon lines flagged in words (not only
//! colour), with a GET filter form that works without JavaScript.

use crate::components::{data_table, document};
use crate::i18n::routing::{assignment_status, purpose};
use crate::i18n::{format_date, FilingStatus, Lang, R};
use crate::model::PageCtx;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct WorkLine {
    pub entry_id: String,
    pub number: String,
    pub subject: String,
    pub entry_status: FilingStatus,
    pub status: String,
    pub purpose: String,
    /// The unit's name, or empty when assigned personally.
    pub assignee: String,
    pub personal: bool,
    pub deadline: Option<i64>,
    pub overdue: bool,
    pub due_soon: bool,
}

/// The filter values as submitted (empty = all).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkFilterState {
    pub status: String,
    pub purpose: String,
    pub due: String,
}

fn choice(lang: Lang, id: &'static str, label: R, current: &str, options: &[(&'static str, R)]) -> impl IntoView {
    let opts = options
        .iter()
        .map(|(v, l)| view! { <option value=*v selected=*v == current>{l.text(lang)}</option> })
        .collect::<Vec<_>>();
    view! {
        <div class="field">
            <label for=format!("filter-{id}")>{label.text(lang)}</label>
            <select id=format!("filter-{id}") name=id>
                <option value="" selected=current.is_empty()>{R::Any.text(lang)}</option>
                {opts}
            </select>
        </div>
    }
}

pub fn render(ctx: &PageCtx, title: &str, lines: &[WorkLine], filter: &WorkFilterState) -> String {
    let lang = ctx.lang;
    let rows = lines
        .iter()
        .map(|l| {
            let deadline = l.deadline.map(|d| format_date(lang, d)).unwrap_or_else(|| R::NoDeadline.text(lang).to_owned());
            let flag = if l.overdue {
                Some(view! { <strong class="tag overdue">{R::DueOverdue.text(lang)}</strong> })
            } else if l.due_soon {
                Some(view! { <strong class="tag due-soon">{R::DueSoon.text(lang)}</strong> })
            } else {
                None
            };
            let who = if l.personal { R::Personal.text(lang).to_owned() } else { l.assignee.clone() };
            view! {
                <tr class:overdue=l.overdue>
                    <th scope="row"><a href=format!("/bureau/entries/{}/routing", l.entry_id) dir="ltr">{l.number.clone()}</a></th>
                    <td>{l.subject.clone()}</td>
                    <td>{purpose(&l.purpose).text(lang)}</td>
                    <td>{who}</td>
                    <td>{deadline} " " {flag}</td>
                    <td>{assignment_status(&l.status).text(lang)}<br/><span class="hint">{l.entry_status.label().text(lang)}</span></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let table = if lines.is_empty() {
        view! { <p class="empty">{R::NoWork.text(lang)}</p> }.into_any()
    } else {
        let headers = [R::Number, R::Subject, R::Purpose, R::Assignee, R::Due, R::Status].iter().map(|r| r.text(lang).to_owned()).collect();
        data_table("work-list", title.to_owned(), false, headers, rows).into_any()
    };
    let body = view! {
        <h1>{title.to_owned()}</h1>
        <p class="lead">{R::WorkIntro.text(lang)}</p>
        <form method="get" class="filters" aria-label=R::Filters.text(lang)>
            {choice(lang, "status", R::Status, &filter.status, &[("pending", R::AssignmentPending), ("accepted", R::AssignmentAccepted)])}
            {choice(lang, "purpose", R::Purpose, &filter.purpose, &[("action", R::PurposeAction), ("information", R::PurposeInformation)])}
            {choice(lang, "due", R::Due, &filter.due, &[("overdue", R::DueOverdue), ("soon", R::DueSoonOrOverdue)])}
            <button type="submit">{R::Filter.text(lang)}</button>
        </form>
        {table}
    };
    document(ctx, title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn ctx(lang: Lang) -> PageCtx {
        PageCtx { lang, user: Some("Agent".into()), csrf: "tok".into(), path: "/work".into(), hydrate: false, staff: true }
    }

    #[test]
    fn routing_messages_exist_in_every_language() {
        for lang in Lang::ALL {
            for m in R::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn work_list_flags_in_words_and_links_to_the_slip() {
        let line = |n: &str, overdue, due_soon| WorkLine {
            entry_id: format!("id-{n}"),
            number: n.into(),
            subject: "Demande".into(),
            entry_status: FilingStatus::Assigned,
            status: "pending".into(),
            purpose: "action".into(),
            assignee: "Service du personnel".into(),
            personal: false,
            deadline: Some(1_795_615_509),
            overdue,
            due_soon,
        };
        let lines = [line("A-1", true, false), line("A-2", false, true)];
        let html = render(&ctx(Lang::Ar), R::WorkTitle.text(Lang::Ar), &lines, &WorkFilterState::default());
        assert!(html.contains(r#"dir="rtl""#));
        assert!(html.contains("متأخر") && html.contains("قريب الأجل"), "{html}");
        assert!(html.contains("/bureau/entries/id-A-1/routing"));
        let empty = render(&ctx(Lang::Fr), "x", &[], &WorkFilterState::default());
        assert!(empty.contains("Rien à traiter."));
        assert!(crate::pages::routing_slip::nav(&ctx(Lang::Fr)).is_some());
        assert!(crate::pages::routing_slip::nav(&PageCtx { staff: false, ..ctx(Lang::Fr) }).is_none());
    }
}
