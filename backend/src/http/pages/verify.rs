//! Public verification page: GET shows the upload form (or, from a receipt's QR link
//! `/verify?receipt={id}`, the verification of that stored receipt, for anyone holding the
//! link); a multipart POST verifies the uploaded PDF. The file is not kept.

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
    let Some(id) = q.receipt.as_deref().filter(|id| !id.is_empty()) else {
        return page(&v, None, &FormState::default(), StatusCode::OK);
    };
    // A receipt's QR link: public, the random filing id in the link is the capability.
    match state.svc.verify_receipt(id).await {
        Ok((number, json)) => page(&v, Some(&convert::report(&json, number, true)), &FormState::default(), StatusCode::OK),
        Err(crate::error::Error::NotFound) => {
            let ctx = v.ctx("/verify");
            v.finish(html(&ctx, StatusCode::NOT_FOUND, sijill_frontend::pages::error::not_found(&ctx)))
        }
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
            let res = page(&v, None, &FormState::default().with_error(field, err), e.status_and_msg().0);
            crate::http::error::with_retry_after(&e, res)
        }
    }
}
