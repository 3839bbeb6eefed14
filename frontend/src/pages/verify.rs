//! Public verification: upload a PDF (multipart POST `/verify`) or open a receipt's QR link
//! (`/verify/{id}`); each signature's verdict is told in plain words.

use crate::components::{csrf_field, document, error_summary};
use crate::i18n::{fill, format_datetime, format_number, Lang, V};
use crate::model::{FormState, PageCtx, Revocation, SignatureView, Verdict, VerifyReport};
use leptos::prelude::*;

fn signature_block(lang: Lang, index: usize, s: &SignatureView) -> impl IntoView {
    let verdict = s.verdict();
    let (class, text) = match verdict {
        Verdict::Valid => ("verdict ok", V::Valid),
        Verdict::Invalid => ("verdict bad", V::Invalid),
        Verdict::Indeterminate => ("verdict warn", V::Indeterminate),
    };
    let heading_id = format!("sig-{index}");
    let labelled_by = heading_id.clone();
    let mark = |good: bool| if good { "check ok" } else { "check bad" };
    let mut checks: Vec<(&'static str, V)> = vec![
        (mark(s.intact), if s.intact { V::IntactYes } else { V::IntactNo }),
        (mark(s.trusted), if s.trusted { V::TrustedYes } else { V::TrustedNo }),
        match s.revocation {
            Revocation::Good => ("check ok", V::RevocationGood),
            Revocation::Revoked => ("check bad", V::RevocationRevoked),
            // Not a failure by itself (B-B/B-T carry no revocation data): said, not flagged.
            Revocation::Unknown => ("check unknown", V::RevocationUnknown),
        },
        (mark(s.for_signing), if s.for_signing { V::ForSigning } else { V::AuthOnly }),
    ];
    if s.modified_after {
        checks.insert(1, ("check bad", V::ModifiedAfter));
    }
    let checks = checks
        .into_iter()
        .map(|(class, msg)| view! { <li class=class>{msg.text(lang)}</li> })
        .collect::<Vec<_>>();
    let validity = match (s.cert_valid_from, s.cert_valid_to) {
        (Some(from), Some(to)) => Some(fill(
            &fill(V::CertValidity.text(lang), "from", &format_datetime(lang, from)),
            "to",
            &format_datetime(lang, to),
        )),
        _ => None,
    };
    let when = match (s.timestamp_at, s.signed_at) {
        (Some(ts), _) => view! { <dt>{V::TimestampAt.text(lang)}</dt><dd>{format_datetime(lang, ts)}</dd> }.into_any(),
        (None, Some(at)) => view! {
            <dt>{V::SignedAt.text(lang)}</dt>
            <dd>{format_datetime(lang, at)} <br/> <small>{V::NoTimestamp.text(lang)}</small></dd>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    view! {
        <article class="signature" aria-labelledby=labelled_by>
            <h3 id=heading_id>
                {fill(V::SignatureN.text(lang), "n", &format_number(lang, (index + 1) as u64))}
                " : "
                <span class=class>{text.text(lang)}</span>
            </h3>
            <dl class="facts">
                <dt>{V::Signer.text(lang)}</dt>
                <dd>{s.signer.clone()}</dd>
                <dt>{V::Issuer.text(lang)}</dt>
                <dd>{s.issuer.clone()} {validity.map(|v| view! { <br/> <small>{v}</small> })}</dd>
                {when}
                <dt>{V::Level.text(lang)}</dt>
                <dd><bdi dir="ltr">{s.level.clone()}</bdi></dd>
            </dl>
            <ul class="checks">{checks}</ul>
        </article>
    }
}

fn report_block(lang: Lang, r: &VerifyReport) -> impl IntoView {
    let title = if r.from_receipt {
        fill(V::ReceiptOf.text(lang), "n", &r.document)
    } else {
        fill(V::ReportFor.text(lang), "name", &r.document)
    };
    let summary = if r.signatures.is_empty() {
        V::NoSignatures.text(lang).to_owned()
    } else {
        fill(V::SignatureCount.text(lang), "n", &format_number(lang, r.signatures.len() as u64))
    };
    let blocks = r
        .signatures
        .iter()
        .enumerate()
        .map(|(i, s)| signature_block(lang, i, s))
        .collect::<Vec<_>>();
    view! {
        <section class="report" aria-labelledby="report-title" id="report" tabindex="-1">
            <h2 id="report-title">{V::ResultTitle.text(lang)}</h2>
            <p><strong>{title}</strong></p>
            <p role="status" class=if r.signatures.is_empty() { "notice bad" } else { "notice" }>{summary}</p>
            {blocks}
        </section>
    }
}

/// The page, with the upload form and, after a verification, the report above it.
pub fn render(ctx: &PageCtx, report: Option<&VerifyReport>, state: &FormState) -> String {
    let lang = ctx.lang;
    let file_error = state.error("file").map(|e| e.text(lang));
    let has_report = report.is_some();
    let body = view! {
        <h1>{V::VerifyTitle.text(lang)}</h1>
        {report.map(|r| report_block(lang, r))}
        {error_summary(lang, state, &[("file", V::PdfFile.text(lang))])}
        <form method="post" action="/verify" enctype="multipart/form-data" class="stack">
            {csrf_field(ctx)}
            {(has_report).then(|| view! { <h2>{V::VerifyAnother.text(lang)}</h2> })}
            <p class="lead">{V::VerifyIntro.text(lang)}</p>
            <div class="field" class:field-error=file_error.is_some()>
                <label for="field-file">{V::PdfFile.text(lang)}</label>
                {file_error.clone().map(|e| view! { <p class="error" id="field-file-error">{e}</p> })}
                <input id="field-file" name="file" type="file" accept=".pdf,application/pdf" required
                    aria-describedby=file_error.is_some().then_some("field-file-error")
                    aria-invalid=file_error.is_some().then_some("true")/>
            </div>
            <button type="submit">{V::VerifyButton.text(lang)}</button>
        </form>
    };
    document(ctx, V::VerifyTitle.text(lang), body)
}
