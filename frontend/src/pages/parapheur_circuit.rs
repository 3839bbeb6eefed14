//! The circuit form of a folder (`/parapheur/folders/{id}/circuit`): start from a template,
//! or build the steps in a fixed number of rows (blank rows ignored), each a visa or a
//! signature for a person or a role in a unit, with an order number (same order = parallel,
//! all-of or one-of) and, for signatures, the placement on the page (island
//! `SigPlacement`). The step rows are shared with the templates page (`parapheur_admin`).
//!
//! Field names: `template_id`; per row r: `pos_r`, `kind_r`, `mode_r`, `user_r`, `role_r`,
//! `unit_r`, `page_r`, `x_r`, `y_r`, `w_r`, `h_r` (points), `shown_r` (page shown), and the
//! image `place_r` (its click sends `place_r.x`, `place_r.y`). `op`: `start`, `template`,
//! `load` or `refresh`.

use crate::components::{csrf_field, document};
use crate::i18n::parapheur_circuit::PC;
use crate::i18n::{fill, Lang};
use crate::islands::SigPlacement;
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

/// (value, label) of a select option.
pub type Choice = (String, String);

/// Number of step rows of the forms.
pub const ROWS: usize = 6;

/// Who steps may name.
#[derive(Clone, Debug, Default)]
pub struct StepChoices {
    pub people: Vec<Choice>,
    pub units: Vec<Choice>,
}

/// The first main document's pages, to place signatures on.
#[derive(Clone, Debug)]
pub struct PagePreview {
    /// `/parapheur/folders/{id}/documents/{doc}/pages/` (the page number and `.png` follow).
    pub base: String,
    /// (width, height) in points of each page.
    pub sizes: Vec<(f64, f64)>,
}

/// Everything the circuit page shows besides the typed values.
#[derive(Clone, Debug)]
pub struct CircuitPage {
    pub folder_id: i32,
    pub title: String,
    pub templates: Vec<Choice>,
    pub choices: StepChoices,
    pub preview: Option<PagePreview>,
    /// (field, message): `pos_2`, `placement_1`, `template_id`, "" for the whole form.
    pub errors: Vec<(String, String)>,
    pub notice: Option<String>,
    /// An administrator (the navigation shows the templates).
    pub admin: bool,
}

/// The parapheur pages' own navigation (the staff navigation has "Parapheur").
pub fn sub_nav(ctx: &PageCtx, admin: bool) -> impl IntoView {
    let lang = ctx.lang;
    let mut links = vec![("/parapheur", PC::NavInbox), ("/parapheur/keys", PC::NavKey), ("/parapheur/delegations", PC::NavDelegations)];
    if admin {
        links.push(("/parapheur/templates", PC::NavTemplates));
    }
    links.push(("/parapheur/settings", PC::NavSettings));
    let items = links
        .into_iter()
        .map(|(href, label)| {
            let current = (ctx.path == href).then_some("page");
            view! { <li><a href=href aria-current=current>{label.text(lang)}</a></li> }
        })
        .collect::<Vec<_>>();
    view! { <nav class="sub-nav" aria-label=PC::SubNav.text(lang)><ul>{items}</ul></nav> }
}

/// The errors at the top of a form, each linking to its field; focus lands here.
pub fn summary(lang: Lang, errors: &[(String, String)]) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        let items = errors
            .iter()
            .map(|(field, text)| {
                let href = match field.strip_prefix("placement_") {
                    _ if field.is_empty() => "#main".to_owned(),
                    Some(r) => format!("#placement-{r}"),
                    None => format!("#field-{field}"),
                };
                view! { <li><a href=href>{text.clone()}</a></li> }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>
                <h2>{PC::FormErrors.text(lang)}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

fn error_of<'a>(errors: &'a [(String, String)], field: &str) -> Option<&'a str> {
    errors.iter().find(|(f, _)| f == field).map(|(_, t)| t.as_str())
}

/// A labelled select; `placeholder` is an empty first option.
pub fn select(lang: Lang, name: String, label: &'static str, options: &[Choice], selected: &str, placeholder: Option<&'static str>, errors: &[(String, String)]) -> impl IntoView {
    let id = format!("field-{name}");
    let err_id = format!("{id}-error");
    let error = error_of(errors, &name).map(str::to_owned);
    let _ = lang;
    let opts = options
        .iter()
        .map(|(v, t)| view! { <option value=v.clone() selected=v == selected>{t.clone()}</option> })
        .collect::<Vec<_>>();
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })}
            <select id=id name=name aria-describedby=error.is_some().then(|| err_id.clone()) aria-invalid=error.is_some().then_some("true")>
                {placeholder.map(|p| view! { <option value="" selected=selected.is_empty()>{p}</option> })}
                {opts}
            </select>
        </div>
    }
}

fn pairs(lang: Lang, items: &[(&str, PC)]) -> Vec<Choice> {
    items.iter().map(|(v, m)| (v.to_string(), m.text(lang).to_owned())).collect()
}

/// The roles a step may name in a unit.
pub fn roles(lang: Lang) -> Vec<Choice> {
    pairs(lang, &[("official", PC::RoleOfficial), ("agent", PC::RoleAgent), ("clerk", PC::RoleClerk), ("admin", PC::RoleAdmin)])
}

/// One step row.
fn row(lang: Lang, r: usize, choices: &StepChoices, state: &FormState, errors: &[(String, String)], preview: Option<&PagePreview>) -> impl IntoView {
    let v = |name: &str| state.value(&format!("{name}_{r}"));
    let or = |s: String, d: &str| if s.is_empty() { d.to_owned() } else { s };
    let pos_name = format!("pos_{r}");
    let pos_err = error_of(errors, &pos_name).map(str::to_owned);
    let kinds = pairs(lang, &[("visa", PC::KindVisa), ("signature", PC::KindSignature)]);
    let modes = pairs(lang, &[("all", PC::ModeAll), ("one", PC::ModeOne)]);
    let placement_error = error_of(errors, &format!("placement_{r}")).map(str::to_owned);
    let open = v("kind") == "signature" || !v("x").is_empty() || placement_error.is_some();
    view! {
        <fieldset class="step-row" id=format!("step-{r}")>
            <legend>{fill(PC::StepN.text(lang), "n", &(r + 1).to_string())}</legend>
            <div class="step-grid">
                <div class="field" class:field-error=pos_err.is_some()>
                    <label for=format!("field-{pos_name}")>{PC::Position.text(lang)}</label>
                    {pos_err.clone().map(|e| view! { <p class="error" id=format!("field-{pos_name}-error")>{e}</p> })}
                    <input id=format!("field-{pos_name}") name=pos_name.clone() type="number" min="1" max="50" value=or(v("pos"), &(r + 1).to_string())
                        aria-describedby=pos_err.is_some().then(|| format!("field-{pos_name}-error")) aria-invalid=pos_err.is_some().then_some("true")/>
                </div>
                {select(lang, format!("kind_{r}"), PC::Kind.text(lang), &kinds, &or(v("kind"), "visa"), None, errors)}
                {select(lang, format!("mode_{r}"), PC::Mode.text(lang), &modes, &or(v("mode"), "all"), None, errors)}
                {select(lang, format!("user_{r}"), PC::Person.text(lang), &choices.people, &v("user"), Some(PC::NoPerson.text(lang)), errors)}
                {select(lang, format!("role_{r}"), PC::Role.text(lang), &roles(lang), &v("role"), Some(PC::NoRole.text(lang)), errors)}
                {select(lang, format!("unit_{r}"), PC::InUnit.text(lang), &choices.units, &v("unit"), Some(PC::NoUnit.text(lang)), errors)}
            </div>
            // Open for signature steps (and placed or wrong rectangles); a native disclosure without JS.
            <details class="placement-details" open=open>
                <summary>{PC::PlacementLegend.text(lang)}</summary>
                <SigPlacement row=r lang=lang base=preview.map(|p| p.base.clone()) sizes=preview.map(|p| p.sizes.clone()).unwrap_or_default()
                    page=v("page") x=v("x") y=v("y") w=v("w") h=v("h") error=placement_error/>
            </details>
        </fieldset>
    }
}

/// The step rows (fieldset), for the circuit and template forms.
pub fn step_rows(lang: Lang, choices: &StepChoices, state: &FormState, errors: &[(String, String)], preview: Option<&PagePreview>) -> impl IntoView {
    let rows = (0..ROWS).map(|r| row(lang, r, choices, state, errors, preview)).collect::<Vec<_>>();
    view! {
        <fieldset class="steps-fieldset">
            <legend>{PC::StepsLegend.text(lang)}</legend>
            <p class="hint">{PC::StepsHint.text(lang)}</p>
            {rows}
        </fieldset>
    }
}

/// The circuit page. `state`: the values typed (or loaded from a template).
pub fn render(ctx: &PageCtx, page: &CircuitPage, state: &FormState) -> String {
    let lang = ctx.lang;
    let title = fill(PC::CircuitTitle.text(lang), "title", &page.title);
    let action = format!("/parapheur/folders/{}/circuit", page.folder_id);
    let templates = if page.templates.is_empty() {
        view! { <p class="empty">{PC::NoTemplates.text(lang)}</p> }.into_any()
    } else {
        view! {
            {select(lang, "template_id".into(), PC::Template.text(lang), &page.templates, &state.value("template_id"), Some(PC::ChooseTemplate.text(lang)), &page.errors)}
            <div class="actions">
                <button type="submit" name="op" value="template">{PC::StartWithTemplate.text(lang)}</button>
                <button type="submit" name="op" value="load" class="button secondary">{PC::LoadTemplate.text(lang)}</button>
            </div>
        }
        .into_any()
    };
    let body = view! {
        {sub_nav(ctx, page.admin)}
        <h1>{title.clone()}</h1>
        <p class="lead">{PC::CircuitIntro.text(lang)}</p>
        <p><a href=format!("/parapheur/folders/{}", page.folder_id)>{PC::BackToFolder.text(lang)}</a></p>
        {summary(lang, &page.errors)}
        {page.notice.clone().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        <form method="post" action=action class="stack circuit-form" id="circuit-form" novalidate>
            // Enter in a field refreshes the form; it never starts the circuit nor places a signature at 0,0.
            <button type="submit" name="op" value="refresh" hidden tabindex="-1">{PC::Refresh.text(lang)}</button>
            {csrf_field(ctx)}
            <fieldset>
                <legend>{PC::TemplateLegend.text(lang)}</legend>
                {templates}
            </fieldset>
            {step_rows(lang, &page.choices, state, &page.errors, page.preview.as_ref())}
            <div class="actions">
                <button type="submit" name="op" value="start" id="start-circuit">{PC::StartCircuit.text(lang)}</button>
                <button type="submit" name="op" value="refresh" class="button secondary">{PC::Refresh.text(lang)}</button>
            </div>
        </form>
    };
    document(ctx, &title, body)
}

/// The page when the circuit can no longer be chosen.
pub fn not_editable(ctx: &PageCtx, folder_id: i32, title: &str) -> String {
    let lang = ctx.lang;
    let heading = fill(PC::CircuitTitle.text(lang), "title", title);
    let body = view! {
        {sub_nav(ctx, false)}
        <h1>{heading.clone()}</h1>
        <p class="notice">{PC::NotEditable.text(lang)}</p>
        <p><a href=format!("/parapheur/folders/{folder_id}")>{PC::BackToFolder.text(lang)}</a></p>
    };
    document(ctx, &heading, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(errors: Vec<(String, String)>) -> CircuitPage {
        CircuitPage {
            folder_id: 7,
            title: "Réponse".into(),
            templates: vec![("3".into(), "Visa puis signature".into())],
            choices: StepChoices { people: vec![("5".into(), "Amina".into())], units: vec![("2".into(), "DAA".into())] },
            preview: Some(PagePreview { base: "/parapheur/folders/7/documents/9/pages/".into(), sizes: vec![(595.0, 842.0)] }),
            errors,
            notice: None,
            admin: false,
        }
    }

    #[test]
    fn rows_images_and_the_default_button_without_javascript() {
        let ctx = PageCtx { lang: Lang::Ar, csrf: "t".into(), path: "/parapheur/folders/7/circuit".into(), ..Default::default() };
        let state = FormState::default().with_value("kind_1", "signature").with_value("x_1", "100").with_value("y_1", "200")
            .with_value("w_1", "180").with_value("h_1", "60").with_value("page_1", "1");
        let html = render(&ctx, &page(vec![]), &state);
        assert!(html.contains(r#"dir="rtl""#));
        // The first submit button of the form refreshes it (Enter never starts nor places).
        let form = &html[html.find(r#"id="circuit-form""#).unwrap()..];
        let first = &form[form.find(r#"type="submit""#).unwrap()..];
        assert!(first[..first.find('>').unwrap()].contains(r#"value="refresh""#), "{first}");
        for r in 0..ROWS {
            assert!(html.contains(&format!(r#"name="place_{r}""#)), "row {r} has its page image");
            assert!(html.contains(&format!(r#"name="user_{r}""#)));
        }
        assert!(html.contains(r#"src="/parapheur/folders/7/documents/9/pages/1.png""#));
        // Row 1's frame: 100/595 from the left, (842-200-60)/842 from the top.
        assert!(html.contains("left:16.807%;top:69.121%;width:30.252%;height:7.126%"), "{html}");
    }

    #[test]
    fn errors_link_to_their_rows() {
        let ctx = PageCtx { lang: Lang::Fr, csrf: "t".into(), ..Default::default() };
        let html = render(&ctx, &page(vec![("placement_2".into(), "hors page".into()), ("pos_0".into(), "ordre".into())]), &FormState::default());
        assert!(html.contains(r##"href="#placement-2""##) && html.contains(r##"href="#field-pos_0""##));
        assert!(html.contains(r#"id="placement-error-2""#));
    }
}
