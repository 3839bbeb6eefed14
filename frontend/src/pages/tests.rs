//! Pages rendered with sample data: the HTML a citizen's browser would get.

use super::*;
use crate::i18n::{FilingStatus, FormError, Lang};
use crate::model::*;

fn ctx(lang: Lang) -> PageCtx {
    PageCtx { lang, user: Some("Amina".into()), csrf: "tok123".into(), path: "/file".into(), hydrate: false, staff: false }
}

fn admins() -> Vec<AdministrationEntry> {
    vec![AdministrationEntry {
        code: "DEMO".into(),
        name: "Administration de démonstration".into(),
        search_text: "Administration de démonstration إدارة تجريبية".into(),
        services: vec![ServiceEntry { code: "RH".into(), name: "Ressources humaines".into(), deadline_days: Some(60) }],
    }]
}

fn receipt() -> ReceiptView {
    ReceiptView {
        id: "f1".into(),
        number: "DEMO-2026-A-000001".into(),
        received_at: 1_795_615_509,
        administration: "Administration de démonstration".into(),
        service: None,
        filer: "Amina".into(),
        subject: "Demande".into(),
        status: FilingStatus::Registered,
        documents: vec![DocumentLine { name: "lettre.pdf".into(), size: 2048, sha256_hex: "ab".repeat(32) }],
        receipt_pdf_url: "/api/v1/filings/f1/receipt.pdf".into(),
        verify_url: "/verify/f1".into(),
        answers: vec![],
    }
}

#[test]
fn shell_has_lang_dir_skip_link_landmarks_and_language_links() {
    let html = home::render(&ctx(Lang::Ar));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
    assert!(html.contains(r##"href="#main""##));
    assert!(html.contains(r#"<main id="main""#));
    assert!(html.contains("/lang/zgh?next=/file"));
    assert!(html.contains("ⵜⴰⵎⴰⵣⵉⵖⵜ"));
    assert!(html.contains(r#"name="csrf" value="tok123""#));
    assert!(!html.contains("/pkg/sijill_frontend.js"), "no bundle, no script");
}

#[test]
fn hydration_script_only_when_bundle_exists() {
    let mut c = ctx(Lang::Fr);
    c.hydrate = true;
    let html = home::render(&c);
    assert!(html.contains("/pkg/sijill_frontend.js"), "{html}");
    assert!(html.contains(r#"<script type="module" src="/static/islands.js"></script>"#), "{html}");
    assert_eq!(html.matches("<script").count(), 1, "no inline script: {html}");
}

#[test]
fn catalogue_lists_services_with_deadlines_and_search_form() {
    let html = catalogue::render(&ctx(Lang::Fr), "", &admins());
    assert!(html.contains("Ressources humaines"));
    assert!(html.contains("réponse sous 60 jours"));
    assert!(html.contains(r#"method="get""#) && html.contains(r#"name="q""#));
    assert!(html.contains("leptos-island"), "search is an island: {html}");
    assert!(catalogue::matches(&admins()[0], "تجريبية"));
    assert!(catalogue::matches(&admins()[0], "ressources demo"));
    assert!(!catalogue::matches(&admins()[0], "douane"));
}

#[test]
fn filing_form_is_multipart_with_idempotency_key_and_errors() {
    let state = FormState::default()
        .with_value("subject", "Ma demande")
        .with_value("administration", "DEMO/RH")
        .with_error("documents", FormError::FileTooLarge { name: "big.pdf".into(), max_bytes: 10_000_000 });
    let limits = UploadLimits { max_files: 5, max_file_bytes: 10_000_000 };
    let html = filing::render(&ctx(Lang::Fr), &admins(), limits, &state, "key-42");
    assert!(html.contains(r#"enctype="multipart/form-data""#));
    assert!(html.contains(r#"name="idempotency_key" value="key-42""#));
    assert!(html.contains("« big.pdf » dépasse la taille maximale de 10,0 Mo."), "{html}");
    assert!(html.contains("Pièces jointes — « big.pdf »"), "the summary names the field: {html}");
    assert!(html.contains(r#"value="DEMO/RH" selected"#), "{html}");
    assert!(html.contains(r#"value="Ma demande""#));
    assert_eq!(filing::parse_addressee("DEMO/RH"), ("DEMO".into(), Some("RH".into())));
    assert_eq!(filing::parse_addressee("DEMO"), ("DEMO".into(), None));
}

#[test]
fn receipt_shows_number_date_hash_and_download() {
    let html = receipt::render(&ctx(Lang::En), &ReceiptView { service: Some("Complaints".into()), ..receipt() }, true);
    assert!(html.contains("<dt>Service</dt><dd>Complaints</dd>"), "{html}");
    assert!(html.contains("DEMO-2026-A-000001"));
    assert!(html.contains("25 November 2026, 14:05 UTC"));
    assert!(html.contains(&"ab".repeat(32)));
    assert!(html.contains("/api/v1/filings/f1/receipt.pdf"));
}

#[test]
fn my_filings_lists_status() {
    let line = FilingLine {
        id: "f1".into(),
        number: "DEMO-2026-A-000001".into(),
        received_at: 1_795_615_509,
        administration: "Demo".into(),
        subject: "Demande".into(),
        status: FilingStatus::InProgress,
        receipt_pdf_url: "/r.pdf".into(),
    };
    let html = filings::render(&ctx(Lang::Fr), &[line]);
    assert!(html.contains("En cours de traitement"));
    let empty = filings::render(&ctx(Lang::Fr), &[]);
    assert!(empty.contains("aucun courrier"));
}

#[test]
fn verification_report_in_plain_words() {
    let sig = SignatureView {
        signer: "Cachet DEMO".into(),
        issuer: "Sijill Dev Root".into(),
        cert_valid_from: Some(0),
        cert_valid_to: Some(1_900_000_000),
        signed_at: Some(1_795_615_509),
        timestamp_at: Some(1_795_615_510),
        level: "PAdES B-T".into(),
        intact: true,
        modified_after: false,
        trusted: true,
        revocation: Revocation::Good,
        for_signing: true,
    };
    let report = VerifyReport { document: "DEMO-2026-A-000001".into(), from_receipt: true, signatures: vec![sig.clone()] };
    let html = verify::render(&ctx(Lang::Fr), Some(&report), &FormState::default());
    assert!(html.contains("Signature valable"), "{html}");
    assert!(html.contains("Le contenu signé n&#x27;a pas été modifié") || html.contains("Le contenu signé n'a pas été modifié"), "{html}");
    let bad = SignatureView { intact: false, ..sig };
    assert_eq!(bad.verdict(), Verdict::Invalid);
    let ar = verify::render(&ctx(Lang::Ar), Some(&VerifyReport { signatures: vec![bad], ..report }), &FormState::default());
    assert!(ar.contains("توقيع غير صالح"));
}

#[test]
fn auth_pages_render_errors_next_to_fields() {
    let state = FormState::default().with_value("email", "x@y").with_error("email", FormError::EmailInvalid);
    let html = auth::signup(&ctx(Lang::Fr), &state);
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(html.contains("field-email-error"));
    let html = auth::signin(&ctx(Lang::Zgh), &FormState::default(), "/file", None);
    assert!(html.contains(r#"lang="zgh" dir="ltr""#));
    assert!(auth::email_verified(&ctx(Lang::En), false).contains("Link not valid"));
    assert!(error::not_found(&ctx(Lang::En)).contains("Page not found"));
}
