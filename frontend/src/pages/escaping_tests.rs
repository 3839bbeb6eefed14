//! Text typed by one person and shown to another is escaped on every page, in text
//! nodes, attributes and `<textarea>`s alike (leptos leaves `<textarea>` children raw:
//! see `components::textarea`).

use super::*;
use crate::i18n::{FilingStatus, Lang};
use crate::model::*;

/// Closes the field it is printed in, whatever that field is, and runs script if it gets out.
const PAYLOAD: &str = r#"</textarea>"'><img src=x onerror=alert(1)><script>alert(2)</script>&amp;"#;

fn ctx() -> PageCtx {
    PageCtx { lang: Lang::Fr, user: Some("Agent".into()), csrf: "tok".into(), path: "/".into(), hydrate: false, staff: true }
}

/// The page never carries the payload's markup, and shows it (decoded) as text.
fn assert_escaped(html: &str) {
    for raw in ["<img", "<script>alert", "</textarea>\"", "onerror=alert(1)>"] {
        assert!(!html.contains(raw), "raw {raw:?} in the page: {html}");
    }
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "payload not shown as text: {html}");
    assert!(html.contains("&lt;/textarea&gt;"), "{html}");
    assert!(html.contains("&amp;amp;"), "an entity typed by the user stays text: {html}");
}

fn draft(body: &str) -> routing_slip::DraftLine {
    routing_slip::DraftLine {
        id: 4,
        author: PAYLOAD.into(),
        subject: PAYLOAD.into(),
        body: body.into(),
        status: "draft".into(),
        attachment: None,
        outgoing_number: None,
        outgoing_pdf_url: None,
        can_edit: true,
        can_dispatch: false,
        modes: vec![],
    }
}

#[test]
fn routing_slip_draft_body_is_escaped_in_its_textarea() {
    let panel = routing_slip::RoutingPanel {
        entry_id: "e1".into(),
        number: "DEMO-2026-A-000001".into(),
        subject: PAYLOAD.into(),
        entry_status: FilingStatus::InProgress,
        lines: vec![],
        can_assign: true,
        units: vec![],
        people: vec![],
        can_draft: true,
        drafts: vec![draft(PAYLOAD)],
        notice: None,
        error: Some(PAYLOAD.into()),
    };
    let html = routing_slip::render(&ctx(), &panel, &FormState::default());
    assert_escaped(&html);
    // The textarea holds exactly the body, behind the one newline the parser drops.
    assert!(html.contains("rows=\"10\">\n&lt;/textarea&gt;"), "{html}");
}

#[test]
fn textarea_keeps_a_leading_newline_and_entities_as_text() {
    let html = routing_slip::render(
        &ctx(),
        &routing_slip::RoutingPanel {
            entry_id: "e1".into(),
            number: "N".into(),
            subject: "s".into(),
            entry_status: FilingStatus::InProgress,
            lines: vec![],
            can_assign: false,
            units: vec![],
            people: vec![],
            can_draft: true,
            drafts: vec![draft("\nLigne 2 &lt;b&gt;")],
            notice: None,
            error: None,
        },
        &FormState::default(),
    );
    assert!(html.contains(">\n\nLigne 2 &amp;lt;b&amp;gt;</textarea>"), "{html}");
}

#[test]
fn filing_form_echoes_the_message_escaped() {
    let state = FormState::default().with_value("subject", PAYLOAD).with_value("message", PAYLOAD);
    let limits = UploadLimits { max_files: 5, max_file_bytes: 10_000_000 };
    let html = filing::render(&ctx(), &[], limits, &state, PAYLOAD);
    assert_escaped(&html);
}

#[test]
fn bureau_intake_forms_echo_every_field_escaped() {
    let choices = bureau_model::IntakeChoices {
        correspondents: vec![("7".into(), PAYLOAD.into())],
        units: vec![(PAYLOAD.into(), PAYLOAD.into())],
        own_units: vec![("1".into(), PAYLOAD.into()), ("2".into(), "B".into())],
        today: "2026-11-25".into(),
    };
    let state = FormState::default()
        .with_value("message", PAYLOAD)
        .with_value("subject", PAYLOAD)
        .with_value("correspondent_name", PAYLOAD);
    assert_escaped(&bureau_forms::paper(&ctx(), &choices, &state, PAYLOAD, "k"));
    assert_escaped(&bureau_forms::internal(&ctx(), &choices, &state, "k"));
}

/// leptos writes the children of these elements raw: a page that spells one of them in a
/// `view!` can print user text unescaped. `<textarea>` goes through
/// `components::textarea`; the shell's only `<script>` has a `src` and no children.
#[test]
fn no_raw_html_elements() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let raw = ["<text", "area", "|<scr", "ipt", "|<sty", "le", "|<nosc", "ript", "|inner", "_html"].concat();
    let mut bad = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let allowed: &[&str] = match path.strip_prefix(&root).unwrap().to_str().unwrap() {
                "components/shell.rs" => &["<scr"],
                // Tests spell the markup they look for.
                "pages/escaping_tests.rs" | "pages/tests.rs" => continue,
                _ => &[],
            };
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for word in raw.split('|') {
                    if code.contains(word) && !allowed.iter().any(|a| word.starts_with(a)) {
                        bad.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "raw-children elements or inner_html in views:\n{}", bad.join("\n"));
}
