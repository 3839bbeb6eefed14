//! Public verification page: GET shows the upload form (or, from a receipt's QR link
//! `/verify?receipt={id}`, verifies that stored receipt for its signed-in filer); a
//! multipart POST verifies the uploaded PDF. The file is not kept.

use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use sijill_frontend::i18n::FormError;
use sijill_frontend::model::{FormState, VerifyReport};
use sijill_frontend::pages::verify as verify_page;

use super::errors::form_error;
use super::session::Visitor;
use super::{convert, html};
use crate::http::AppState;

fn page(v: &Visitor, report: Option<&VerifyReport>, form: &FormState, status: StatusCode) -> Response {
    let ctx = v.ctx("/verify");
    v.finish(html(&ctx, status, verify_page::render(&ctx, report, form)))
}

#[derive(Deserialize)]
pub struct VerifyQuery {
    receipt: Option<String>,
}

pub async fn form(State(state): State<AppState>, v: Visitor, Query(q): Query<VerifyQuery>) -> Response {
    let (Some(id), Some(user)) = (q.receipt.as_deref(), v.user.as_ref()) else {
        return page(&v, None, &FormState::default(), StatusCode::OK);
    };
    // The filer's own receipt, opened from the receipt page or its QR code.
    let result = async {
        let f = state.svc.get_filing(user, id).await?;
        let pdf = state.svc.receipt_pdf(user, id).await?;
        let json = state.svc.verify_pdf(pdf.into()).await?;
        Ok::<_, crate::error::Error>(convert::report(&json, f.number, true))
    }
    .await;
    match result {
        Ok(report) => page(&v, Some(&report), &FormState::default(), StatusCode::OK),
        Err(e) => {
            let (_, err) = form_error(&e);
            page(&v, None, &FormState::default().with_error("", err), e.status_and_msg().0)
        }
    }
}

pub async fn submit(State(state): State<AppState>, v: Visitor, req: Request) -> Response {
    let mut upload: Option<(String, bytes::Bytes)> = None;
    let mut csrf = String::new();
    if let Ok(mut mp) = Multipart::from_request(req, &state).await {
        while let Ok(Some(field)) = mp.next_field().await {
            match field.name() {
                Some("file") => {
                    let name = field.file_name().unwrap_or("document.pdf").to_owned();
                    if let Ok(bytes) = field.bytes().await {
                        if !bytes.is_empty() {
                            upload = Some((name, bytes));
                        }
                    }
                }
                Some("csrf") => csrf = field.text().await.unwrap_or_default(),
                _ => {}
            }
        }
    }
    if !v.csrf_ok(&csrf) {
        return page(&v, None, &FormState::default().with_error("", FormError::FormExpired), StatusCode::FORBIDDEN);
    }
    let Some((name, bytes)) = upload else {
        return page(&v, None, &FormState::default().with_error("file", FormError::NotPdf), StatusCode::UNPROCESSABLE_ENTITY);
    };
    match state.svc.verify_pdf(bytes).await {
        Ok(json) => page(&v, Some(&convert::report(&json, name, false)), &FormState::default(), StatusCode::OK),
        Err(e) => {
            let (field, err) = form_error(&e);
            page(&v, None, &FormState::default().with_error(field, err), e.status_and_msg().0)
        }
    }
}
