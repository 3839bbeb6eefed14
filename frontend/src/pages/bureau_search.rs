//! Register search (`/bureau/search`): one plain GET form (number or words, register,
//! status, unit, dates) whose results are a table of entries linking to their pages, with
//! previous/next links; below it, for registry staff, the register export form (a GET to
//! `/bureau/registers/export`: CSV or sealed PDF book). Works without JavaScript.

use super::bureau_model::Choice;
use super::bureau_queue::select;
use crate::components::{data_table, document};
use crate::i18n::bureau::{confidentiality_label, direction_label};
use crate::i18n::search::S;
use crate::i18n::{fill, format_datetime, format_number, FilingStatus, Lang, B};
use crate::model::PageCtx;
use leptos::prelude::*;

/// The search form as typed (kept in the form and in the page links).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchForm {
    pub q: String,
    pub direction: String,
    pub status: String,
    pub unit: String,
    pub from: String,
    pub to: String,
}

impl SearchForm {
    /// The query string of this search at `page` (1-based).
    pub fn query(&self, page: u64) -> String {
        let enc = crate::components::shell::encode_query;
        format!(
            "?q={}&direction={}&status={}&unit={}&from={}&to={}&page={page}",
            enc(&self.q),
            enc(&self.direction),
            enc(&self.status),
            enc(&self.unit),
            enc(&self.from),
            enc(&self.to)
        )
    }
    pub fn is_empty(&self) -> bool {
        *self == SearchForm::default()
    }
}

/// One entry found.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchLine {
    pub id: String,
    pub number: String,
    pub direction: String,
    pub status: String,
    pub subject: String,
    pub correspondent: Option<String>,
    pub unit: Option<String>,
    pub confidentiality: String,
    /// Unix seconds.
    pub received_at: i64,
}

#[derive(Clone, Debug, Default)]
pub struct SearchView {
    pub form: SearchForm,
    pub units: Vec<Choice>,
    /// None until a search was made.
    pub lines: Option<Vec<SearchLine>>,
    pub page: u64,
    pub more: bool,
    /// The criteria were refused (shown above the form).
    pub invalid: bool,
    /// Registry staff: the export form is shown.
    pub registry: bool,
    pub year: i32,
}

fn date_input(name: &'static str, label: &str, value: &str) -> impl IntoView {
    dated(format!("field-{name}"), name, label, value)
}

fn dated(id: String, name: &'static str, label: &str, value: &str) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label.to_owned()}</label>
            <input id=id name=name type="date" value=value.to_owned()/>
        </div>
    }
}

fn directions(lang: Lang) -> Vec<Choice> {
    [("A", B::DirA), ("D", B::DirD), ("I", B::DirI)].iter().map(|(v, b)| (v.to_string(), b.text(lang).to_owned())).collect()
}

fn form(lang: Lang, v: &SearchView) -> impl IntoView {
    let f = &v.form;
    let statuses: Vec<Choice> = ["registered", "assigned", "in_progress", "answered", "closed"]
        .iter()
        .map(|s| (s.to_string(), FilingStatus::from_name(s).label().text(lang).to_owned()))
        .collect();
    view! {
        <form method="get" action="/bureau/search" class="filters" role="search" aria-labelledby="search-title">
            <div class="field">
                <label for="field-q">{S::Query.text(lang)}</label>
                <input id="field-q" name="q" type="search" value=f.q.clone() aria-describedby="q-hint" maxlength="200" autocomplete="off"/>
                <p class="hint" id="q-hint">{S::QueryHint.text(lang)}</p>
            </div>
            <div class="filter-row">
                {select(lang, "direction", B::Direction.text(lang), &directions(lang), &f.direction, Some(B::Any))}
                {select(lang, "status", B::Status.text(lang), &statuses, &f.status, Some(B::Any))}
                {select(lang, "unit", B::Unit.text(lang), &v.units, &f.unit, Some(B::Any))}
                {date_input("from", S::RegisteredFrom.text(lang), &f.from)}
                {date_input("to", S::RegisteredTo.text(lang), &f.to)}
            </div>
            <button type="submit">{S::Submit.text(lang)}</button>
        </form>
    }
}

fn results(lang: Lang, v: &SearchView, lines: &[SearchLine]) -> impl IntoView {
    let rows = lines
        .iter()
        .map(|l| {
            let conf = (l.confidentiality != "normal").then(|| view! { " " <span class="tag">{confidentiality_label(&l.confidentiality).text(lang)}</span> });
            view! {
                <tr>
                    <td><a href=format!("/bureau/entries/{}", l.id)>{l.number.clone()}</a></td>
                    <td>{format_datetime(lang, l.received_at)}</td>
                    <td>{direction_label(&l.direction).text(lang)}</td>
                    <td>{l.correspondent.clone().unwrap_or_default()}</td>
                    <td>{l.subject.clone()}{conf}</td>
                    <td>{l.unit.clone().unwrap_or_default()}</td>
                    <td>{FilingStatus::from_name(&l.status).label().text(lang)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let count = fill(S::ResultsOnPage.text(lang), "n", &format_number(lang, lines.len() as u64));
    let prev = (v.page > 1).then(|| view! { <a rel="prev" href=format!("/bureau/search{}", v.form.query(v.page - 1))>{B::Previous.text(lang)}</a> });
    let next = v.more.then(|| view! { <a rel="next" href=format!("/bureau/search{}", v.form.query(v.page + 1))>{B::Next.text(lang)}</a> });
    let page = fill(S::PageN.text(lang), "page", &format_number(lang, v.page));
    let empty = lines.is_empty();
    view! {
        <section aria-labelledby="results-title">
            <h2 id="results-title">{S::Results.text(lang)}</h2>
            <p class="count" role="status">{if empty { S::NoResults.text(lang).to_owned() } else { count }}</p>
            {(!empty).then(|| view! {
                {data_table("search-results", S::Results.text(lang).to_owned(), false, [B::Number, B::ReceivedAt, B::Direction, B::From, B::Subject, B::Unit, B::Status]
                    .iter().map(|b| b.text(lang).to_owned()).collect(), rows)}
            })}
            <nav class="pagination" aria-label=B::Pagination.text(lang)>
                {prev} " " <span>{page}</span> " " {next}
            </nav>
        </section>
    }
}

fn export_form(lang: Lang, v: &SearchView) -> impl IntoView {
    view! {
        <section aria-labelledby="export-title">
            <h2 id="export-title">{S::ExportTitle.text(lang)}</h2>
            <p>{S::ExportIntro.text(lang)}</p>
            <form method="get" action="/bureau/registers/export" class="filters">
                <div class="filter-row">
                    {select_with_id(lang, "field-export-direction", "direction", B::Direction.text(lang), &directions(lang))}
                    <div class="field">
                        <label for="field-year">{S::Year.text(lang)}</label>
                        <input id="field-year" name="year" type="number" min="1900" max="9999" placeholder=v.year.to_string() aria-describedby="year-hint"/>
                        <p class="hint" id="year-hint">{S::YearHint.text(lang)}</p>
                    </div>
                    {dated("field-export-from".into(), "from", S::RegisteredFrom.text(lang), "")}
                    {dated("field-export-to".into(), "to", S::RegisteredTo.text(lang), "")}
                </div>
                <fieldset>
                    <legend>{S::Format.text(lang)}</legend>
                    <label><input type="radio" name="format" value="csv" checked=true/> " " {S::Csv.text(lang)}</label>
                    " "
                    <label><input type="radio" name="format" value="pdf"/> " " {S::Pdf.text(lang)}</label>
                </fieldset>
                <button type="submit">{S::Download.text(lang)}</button>
            </form>
        </section>
    }
}

/// The export form's register choice (its own id: the search form has a `direction` too).
fn select_with_id(lang: Lang, id: &'static str, name: &'static str, label: &str, choices: &[Choice]) -> impl IntoView {
    let _ = lang;
    let options = choices.iter().map(|(value, text)| view! { <option value=value.clone()>{text.clone()}</option> }).collect::<Vec<_>>();
    view! {
        <div class="field">
            <label for=id>{label.to_owned()}</label>
            <select id=id name=name>{options}</select>
        </div>
    }
}

/// The staff's navigation link to the search page (added by the page shell).
pub fn nav(ctx: &PageCtx) -> Option<AnyView> {
    ctx.staff.then(|| {
        let current = (ctx.path == "/bureau/search").then_some("page");
        view! { <li><a href="/bureau/search" aria-current=current>{S::NavSearch.text(ctx.lang)}</a></li> }.into_any()
    })
}

pub fn render(ctx: &PageCtx, v: &SearchView) -> String {
    let lang = ctx.lang;
    let body = view! {
        <h1 id="search-title">{S::Title.text(lang)}</h1>
        <p class="lead">{S::Intro.text(lang)}</p>
        {v.invalid.then(|| view! { <p class="error-summary" role="alert">{S::BadQuery.text(lang)}</p> })}
        {form(lang, v)}
        {v.lines.as_ref().map(|l| results(lang, v, l))}
        {v.registry.then(|| export_form(lang, v))}
    };
    document(ctx, S::Title.text(lang), body)
}
