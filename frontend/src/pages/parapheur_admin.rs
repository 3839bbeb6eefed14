//! The parapheur's settings pages (the signing key's page is `parapheur_keys`): the
//! official's delegations (`/parapheur/delegations`), and for administrators the circuit templates
//! (`/parapheur/templates`, same step rows as the circuit form) and the PAdES level
//! (`/parapheur/settings`). Plain forms, POST-redirect-GET.

use super::parapheur_circuit::{select, step_rows, sub_nav, summary, Choice, StepChoices};
use crate::components::{csrf_field, document};
use crate::i18n::parapheur_circuit::{PA, PC};
use crate::i18n::{fill, format_date, Lang};
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

/// A delegation, seen from one side (`other` is the delegate or the delegator).
#[derive(Clone, Debug)]
pub struct DelegationLine {
    pub id: i32,
    pub other: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `active`, `upcoming`, `ended` or `revoked`.
    pub state: &'static str,
}

/// A template with its steps described in words.
#[derive(Clone, Debug)]
pub struct TemplateLine {
    pub name: String,
    pub steps: Vec<String>,
}

fn notice_view(notice: Option<String>) -> impl IntoView {
    notice.map(|n| view! { <p class="notice ok" role="status">{n}</p> })
}

fn input(name: &'static str, label: &'static str, kind: &'static str, value: String, hint: Option<&'static str>, errors: &[(String, String)], required: bool) -> impl IntoView {
    let id = format!("field-{name}");
    let error = errors.iter().find(|(f, _)| f == name).map(|(_, t)| t.clone());
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(format!("{id}-hint"));
    }
    if error.is_some() {
        described.push(format!("{id}-error"));
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("field-{name}-hint")>{h}</p> })}
            {error.clone().map(|e| view! { <p class="error" id=format!("field-{name}-error")>{e}</p> })}
            <input id=id name=name type=kind value=(kind != "file").then_some(value) required=required autocomplete="off"
                accept=(kind == "file").then_some(".p12,.pfx,application/x-pkcs12") aria-describedby=described aria-invalid=error.is_some().then_some("true")/>
        </div>
    }
}

fn delegation_table(lang: Lang, id: &'static str, caption: PA, who: PA, lines: &[DelegationLine], revoke: Option<&PageCtx>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <h2 id=id>{caption.text(lang)}</h2><p class="empty">{PA::NoDelegations.text(lang)}</p> }.into_any();
    }
    let rows = lines
        .iter()
        .map(|d| {
            let state = match d.state {
                "active" => PA::Active,
                "upcoming" => PA::Upcoming,
                "revoked" => PA::Revoked,
                _ => PA::Ended,
            };
            let period = fill(&fill(PA::ValidRange.text(lang), "from", &format_date(lang, d.starts_at)), "to", &format_date(lang, d.ends_at));
            let form = revoke.filter(|_| matches!(d.state, "active" | "upcoming")).map(|ctx| {
                let label = fill(PA::RevokeFor.text(lang), "who", &d.other);
                view! {
                    <form method="post" action=format!("/parapheur/delegations/{}/revoke", d.id) class="inline-form">
                        {csrf_field(ctx)}
                        <button type="submit" class="button secondary" aria-label=label>{PA::Revoke.text(lang)}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{d.other.clone()}</td>
                    <td>{period}</td>
                    <td class="status">{state.text(lang)}</td>
                    {revoke.map(|_| view! { <td>{form}</td> })}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2 id=id>{caption.text(lang)}</h2>
        <div class="table-wrap">
            <table aria-labelledby=id>
                <thead>
                    <tr>
                        <th scope="col">{who.text(lang)}</th>
                        <th scope="col">{PA::Period.text(lang)}</th>
                        <th scope="col">{PA::State.text(lang)}</th>
                        {revoke.map(|_| view! { <th scope="col"><span class="visually-hidden">{PA::Revoke.text(lang)}</span></th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `/parapheur/delegations`: the form, then the delegations given (revocable while in force
/// or upcoming) and received.
pub fn delegations(ctx: &PageCtx, admin: bool, people: &[Choice], given: &[DelegationLine], received: &[DelegationLine], state: &FormState, errors: &[(String, String)], notice: Option<String>) -> String {
    let lang = ctx.lang;
    let body = view! {
        {sub_nav(ctx, admin)}
        <h1>{PA::DelegTitle.text(lang)}</h1>
        <p class="lead">{PA::DelegIntro.text(lang)}</p>
        {summary(lang, errors)}
        {notice_view(notice)}
        <form method="post" action="/parapheur/delegations" class="stack" novalidate>
            {csrf_field(ctx)}
            <fieldset>
                <legend>{PA::NewDelegation.text(lang)}</legend>
                {select(lang, "delegate_id".into(), PA::Delegate.text(lang), people, &state.value("delegate_id"), Some(PA::ChooseDelegate.text(lang)), errors)}
                {input("from", PA::From.text(lang), "date", state.value("from"), Some(PA::DateHint.text(lang)), errors, false)}
                {input("to", PA::To.text(lang), "date", state.value("to"), Some(PA::DateHint.text(lang)), errors, false)}
            </fieldset>
            <button type="submit">{PA::Delegate_.text(lang)}</button>
        </form>
        {delegation_table(lang, "given-title", PA::Given, PA::To_, given, Some(ctx))}
        {delegation_table(lang, "received-title", PA::Received, PA::By, received, None)}
    };
    document(ctx, PA::DelegTitle.text(lang), body)
}

/// `/parapheur/templates` (administrators).
pub fn templates(ctx: &PageCtx, list: &[TemplateLine], choices: &StepChoices, state: &FormState, errors: &[(String, String)], notice: Option<String>) -> String {
    let lang = ctx.lang;
    let existing = if list.is_empty() {
        view! { <p class="empty">{PA::NoTemplatesYet.text(lang)}</p> }.into_any()
    } else {
        let rows = list
            .iter()
            .map(|t| {
                let steps = t.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect::<Vec<_>>();
                view! { <tr><td>{t.name.clone()}</td><td><ol class="template-steps">{steps}</ol></td></tr> }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="table-wrap">
                <table id="templates">
                    <thead><tr><th scope="col">{PA::Name.text(lang)}</th><th scope="col">{PA::StepsCol.text(lang)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let body = view! {
        {sub_nav(ctx, true)}
        <h1>{PA::TemplatesTitle.text(lang)}</h1>
        <p class="lead">{PA::TemplatesIntro.text(lang)}</p>
        {summary(lang, errors)}
        {notice_view(notice)}
        {existing}
        <h2>{PA::NewTemplate.text(lang)}</h2>
        <form method="post" action="/parapheur/templates" class="stack circuit-form" novalidate>
            <button type="submit" name="op" value="refresh" hidden tabindex="-1">{PC::Refresh.text(lang)}</button>
            {csrf_field(ctx)}
            {input("name", PA::TemplateName.text(lang), "text", state.value("name"), None, errors, true)}
            {step_rows(lang, choices, state, errors, None)}
            <button type="submit" name="op" value="save">{PA::SaveTemplate.text(lang)}</button>
        </form>
    };
    document(ctx, PA::TemplatesTitle.text(lang), body)
}

fn radios(name: &'static str, options: &[(&'static str, PA)], checked: &str, lang: Lang) -> Vec<AnyView> {
    options
        .iter()
        .map(|(v, label)| {
            let id = format!("{name}-{}", v.to_lowercase());
            view! {
                <div class="radio">
                    <input type="radio" id=id.clone() name=name value=*v checked=*v == checked/>
                    <label for=id>{label.text(lang)}</label>
                </div>
            }
            .into_any()
        })
        .collect()
}

/// `/parapheur/settings`: the reader's e-mail notifications (each folder or a daily digest)
/// and, for administrators (`level` given), the PAdES level of the administration.
pub fn settings(ctx: &PageCtx, notifications: &str, level: Option<&str>, errors: &[(String, String)], notice: Option<String>) -> String {
    let lang = ctx.lang;
    let notif = radios("notifications", &[("immediate", PA::NotifImmediate), ("daily", PA::NotifDaily)], notifications, lang);
    let pades = level.map(|level| {
        let levels = radios("pades_level", &[("B-B", PA::LevelBB), ("B-T", PA::LevelBT), ("B-LT", PA::LevelBLT), ("B-LTA", PA::LevelBLTA)], level, lang);
        view! {
            <h2 id="pades-title">{PA::PadesLegend.text(lang)}</h2>
            <form method="post" action="/parapheur/settings" class="stack" aria-labelledby="pades-title">
                {csrf_field(ctx)}
                <fieldset id="field-pades_level" aria-describedby="pades-hint">
                    <legend>{PA::Level.text(lang)}</legend>
                    <p class="hint" id="pades-hint">{PA::SettingsIntro.text(lang)}</p>
                    {levels}
                </fieldset>
                <button type="submit">{PA::Save.text(lang)}</button>
            </form>
        }
    });
    let body = view! {
        {sub_nav(ctx, level.is_some())}
        <h1>{PA::SettingsTitle.text(lang)}</h1>
        {summary(lang, errors)}
        {notice_view(notice)}
        <h2 id="notif-title">{PA::NotifLegend.text(lang)}</h2>
        <form method="post" action="/parapheur/settings" class="stack" aria-labelledby="notif-title">
            {csrf_field(ctx)}
            <fieldset id="field-notifications">
                <legend>{PA::NotifLegend.text(lang)}</legend>
                {notif}
            </fieldset>
            <button type="submit">{PA::Save.text(lang)}</button>
        </form>
        {pades}
    };
    document(ctx, PA::SettingsTitle.text(lang), body)
}
