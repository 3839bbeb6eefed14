//! `/parapheur/keys`: the official's active signing key (kind, name, certificate) and three
//! ways to register one, each a plain form posting the API's field names: a PKCS#12 file
//! (multipart, `label`, `p12`, `pin`), a PKCS#11 token (`/parapheur/keys/pkcs11`: `label`,
//! `module`, `token`, `key_label`) and a remote CSC credential (`/parapheur/keys/csc`:
//! `label`, `endpoint`, `credential_id`). A PKCS#12's PIN is checked at upload; a token's or
//! a service's PIN is asked at each signature; no PIN is ever stored.
//!
//! Error keys name the field's id (`field-{key}`), so the summary links to it: `label`,
//! `p12`, `pin` (PKCS#12), `p11_label`, `module`, `token`, `key_label` (PKCS#11),
//! `csc_label`, `endpoint`, `credential_id` (CSC), "" for the whole page.

use super::parapheur_circuit::{sub_nav, summary};
use crate::components::{csrf_field, document};
use crate::i18n::parapheur_circuit::PA;
use crate::i18n::parapheur_keys::PK;
use crate::i18n::{fill, format_date};
use crate::model::{FormState, PageCtx};
use leptos::prelude::*;

/// The active key as shown to its owner.
#[derive(Clone, Debug)]
pub struct KeyInfo {
    /// `pkcs12`, `pkcs11` or `csc`.
    pub kind: String,
    pub label: String,
    pub subject: Option<String>,
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
    /// A test key: its certificate is not from a trusted authority; it never signs an answer.
    pub test: bool,
}

/// One input: `key` is its id (`field-{key}`) and error key, `name` the posted name.
struct Input {
    key: &'static str,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    hint: Option<&'static str>,
    required: bool,
}

impl Input {
    fn new(key: &'static str, name: &'static str, label: &'static str) -> Input {
        Input { key, name, label, kind: "text", hint: None, required: true }
    }
    fn kind(mut self, kind: &'static str) -> Input {
        self.kind = kind;
        self
    }
    fn hint(mut self, hint: &'static str) -> Input {
        self.hint = Some(hint);
        self
    }
    fn optional(mut self) -> Input {
        self.required = false;
        self
    }

    fn view(self, errors: &[(String, String)], typed: &FormState) -> impl IntoView {
        let id = format!("field-{}", self.key);
        let error = errors.iter().find(|(f, _)| f == self.key).map(|(_, t)| t.clone());
        let described: Vec<String> = [self.hint.map(|_| format!("{id}-hint")), error.as_ref().map(|_| format!("{id}-error"))].into_iter().flatten().collect();
        let described = (!described.is_empty()).then(|| described.join(" "));
        // Never shown again: a file or a PIN.
        let value = (!matches!(self.kind, "file" | "password")).then(|| typed.value(self.key));
        let dir = (self.kind == "url" || self.key == "module").then_some("ltr");
        let has_error = error.is_some();
        view! {
            <div class="field" class:field-error=has_error>
                <label for=id.clone()>{self.label}</label>
                {self.hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
                {error.map(|e| view! { <p class="error" id=format!("{id}-error")>{e}</p> })}
                <input id=id.clone() name=self.name type=self.kind value=value required=self.required autocomplete="off" dir=dir
                    accept=(self.kind == "file").then_some(".p12,.pfx,application/x-pkcs12") aria-describedby=described
                    aria-invalid=has_error.then_some("true")/>
            </div>
        }
    }
}

fn current(ctx: &PageCtx, key: Option<&KeyInfo>) -> AnyView {
    let lang = ctx.lang;
    let Some(k) = key else {
        return view! { <p class="empty" id="key-none">{PA::NoKey.text(lang)}</p> }.into_any();
    };
    let kind = match k.kind.as_str() {
        "pkcs12" => PA::KindPkcs12,
        "pkcs11" => PA::KindPkcs11,
        _ => PA::KindCsc,
    };
    let date = |t: Option<i64>| t.map(|t| format_date(lang, t)).unwrap_or_else(|| PA::Unknown.text(lang).to_owned());
    // A token's or a service's certificate is read there at each signature.
    let certificate = match &k.subject {
        Some(s) => {
            let validity = fill(&fill(PA::ValidRange.text(lang), "from", &date(k.not_before)), "to", &date(k.not_after));
            view! {
                <dt>{PA::Subject.text(lang)}</dt><dd dir="ltr">{s.clone()}</dd>
                <dt>{PA::Validity.text(lang)}</dt><dd>{validity}</dd>
            }
            .into_any()
        }
        None if k.kind == "pkcs12" => view! { <dt>{PA::Subject.text(lang)}</dt><dd>{PA::Unknown.text(lang)}</dd> }.into_any(),
        None => view! { <dt>{PK::Certificate.text(lang)}</dt><dd>{PK::CertOnDevice.text(lang)}</dd> }.into_any(),
    };
    let (purpose, purpose_text) = if k.test { ("test", PK::TestKey.text(lang)) } else { ("signing", PK::SigningKey.text(lang)) };
    view! {
        <dl class="facts" id="key-facts">
            <dt>{PA::KeyKind.text(lang)}</dt><dd id="key-kind" data-kind=k.kind.clone()>{kind.text(lang)}</dd>
            <dt>{PA::KeyLabel.text(lang)}</dt><dd>{k.label.clone()}</dd>
            <dt>{PK::Purpose.text(lang)}</dt>
            <dd id="key-purpose" data-purpose=purpose>{purpose_text}</dd>
            {certificate}
        </dl>
    }
    .into_any()
}

/// `/parapheur/keys`; `typed`: what was typed in the form that came back with errors.
pub fn keys(ctx: &PageCtx, admin: bool, key: Option<&KeyInfo>, errors: &[(String, String)], typed: &FormState, notice: Option<String>) -> String {
    let lang = ctx.lang;
    let replace = || key.is_some().then(|| view! { <p class="hint">{PA::ReplaceHint.text(lang)}</p> });
    let body = view! {
        {sub_nav(ctx, admin)}
        <h1>{PA::KeyTitle.text(lang)}</h1>
        <p class="lead">{PA::KeyIntro.text(lang)}</p>
        {summary(lang, errors)}
        {notice.map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        <h2>{PA::CurrentKey.text(lang)}</h2>
        {current(ctx, key)}
        <form method="post" action="/parapheur/keys" enctype="multipart/form-data" class="stack" id="key-pkcs12" novalidate>
            {csrf_field(ctx)}
            <fieldset>
                <legend>{PA::UploadLegend.text(lang)}</legend>
                {replace()}
                {Input::new("label", "label", PA::KeyLabel.text(lang)).optional().view(errors, typed)}
                {Input::new("p12", "p12", PA::P12File.text(lang)).kind("file").view(errors, typed)}
                {Input::new("pin", "pin", PA::P12Pin.text(lang)).kind("password").view(errors, typed)}
                <p class="field">
                    <input type="checkbox" id="field-test" name="test" value="1" aria-describedby="field-test-hint"/>
                    <label for="field-test">{PK::RegisterAsTest.text(lang)}</label>
                </p>
                <p class="hint" id="field-test-hint">{PK::RegisterAsTestHint.text(lang)}</p>
            </fieldset>
            <button type="submit">{PA::Upload.text(lang)}</button>
        </form>
        <form method="post" action="/parapheur/keys/pkcs11" class="stack" id="key-pkcs11" novalidate>
            {csrf_field(ctx)}
            <fieldset>
                <legend>{PK::Pkcs11Legend.text(lang)}</legend>
                <p class="hint">{PK::Pkcs11Hint.text(lang)}</p>
                {replace()}
                {Input::new("p11_label", "label", PA::KeyLabel.text(lang)).optional().view(errors, typed)}
                {Input::new("module", "module", PK::Module.text(lang)).hint(PK::ModuleHint.text(lang)).view(errors, typed)}
                {Input::new("token", "token", PK::Token.text(lang)).view(errors, typed)}
                {Input::new("key_label", "key_label", PK::KeyLabel.text(lang)).view(errors, typed)}
            </fieldset>
            <button type="submit">{PK::RegisterPkcs11.text(lang)}</button>
        </form>
        <form method="post" action="/parapheur/keys/csc" class="stack" id="key-csc" novalidate>
            {csrf_field(ctx)}
            <fieldset>
                <legend>{PK::CscLegend.text(lang)}</legend>
                <p class="hint">{PK::CscHint.text(lang)}</p>
                {replace()}
                {Input::new("csc_label", "label", PA::KeyLabel.text(lang)).optional().view(errors, typed)}
                {Input::new("endpoint", "endpoint", PK::Endpoint.text(lang)).kind("url").hint(PK::EndpointHint.text(lang)).view(errors, typed)}
                {Input::new("credential_id", "credential_id", PK::CredentialId.text(lang)).view(errors, typed)}
            </fieldset>
            <button type="submit">{PK::RegisterCsc.text(lang)}</button>
        </form>
    };
    document(ctx, PA::KeyTitle.text(lang), body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn three_forms_and_the_token_key_without_a_certificate() {
        let ctx = PageCtx { lang: Lang::Ar, ..Default::default() };
        let key = KeyInfo { kind: "pkcs11".into(), label: "jeton".into(), subject: None, not_before: None, not_after: None, test: false };
        let errors = vec![("module".to_owned(), PK::ModuleAbsolute.text(Lang::Ar).to_owned())];
        let typed = FormState::default().with_value("module", "softhsm.so").with_value("token", "t1");
        let html = keys(&ctx, false, Some(&key), &errors, &typed, None);
        for action in [r#"action="/parapheur/keys""#, r#"action="/parapheur/keys/pkcs11""#, r#"action="/parapheur/keys/csc""#] {
            assert!(html.contains(action), "{action}: {html}");
        }
        assert!(html.contains(r#"data-kind="pkcs11""#) && html.contains("رمز مادي PKCS#11") && html.contains(PK::CertOnDevice.text(Lang::Ar)), "{html}");
        assert!(html.contains(r##"href="#field-module""##) && html.contains(r#"id="field-module-error""#), "{html}");
        assert!(html.contains(r#"value="softhsm.so""#) && html.contains(r#"value="t1""#), "typed values kept: {html}");
        assert_eq!(html.matches(r#"name="label""#).count(), 3);
    }

    #[test]
    fn every_message_in_every_language() {
        for lang in Lang::ALL {
            for m in PK::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} {lang:?}");
            }
        }
    }

    #[test]
    fn a_test_key_says_so() {
        let ctx = PageCtx { lang: Lang::Fr, ..Default::default() };
        let key = KeyInfo { kind: "pkcs12".into(), label: "essai".into(), subject: Some("CN=Essai".into()), not_before: None, not_after: None, test: true };
        let html = keys(&ctx, false, Some(&key), &[], &FormState::default(), None);
        assert!(html.contains(r#"data-purpose="test""#) && html.contains(PK::TestKey.text(Lang::Fr)), "{html}");
        assert!(html.contains(r#"name="test""#), "the PKCS#12 form offers a test key: {html}");
    }
}
