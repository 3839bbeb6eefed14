//! Reading multipart forms with attachments, for every intake channel (portal filings,
//! paper and internal mail, mail from other administrations) and their pages.

use axum::extract::Multipart;
use axum::http::StatusCode;

use crate::config::Filings as Limits;
use crate::domain::attachments::NewDocument;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// A multipart form read as text fields (in the order sent) plus files.
pub struct FormData {
    pub fields: Vec<(String, String)>,
    pub documents: Vec<NewDocument>,
    /// The form field each of `documents` came from (a form may have several file inputs).
    pub document_fields: Vec<String>,
}

impl FormData {
    pub fn get(&self, name: &str) -> Option<String> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default()
    }
    /// The files sent in `field`, in the order sent.
    pub fn files(&self, field: &str) -> Vec<NewDocument> {
        self.documents.iter().zip(&self.document_fields).filter(|(_, f)| *f == field).map(|(d, _)| d.clone()).collect()
    }
}

fn multipart_error(e: axum::extract::multipart::MultipartError, limits: &Limits) -> Error {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::TooLarge(Msg::TotalTooLarge(limits.max_total_bytes))
    } else {
        Error::BadRequest(Msg::MissingField("documents"))
    }
}

/// Reads a multipart body; fields named in `file_fields` are files. Refuses as soon as a
/// document, the total or the count passes its limit, so an oversized upload is never
/// buffered whole.
pub async fn read_form(mut mp: Multipart, limits: &Limits, file_fields: &[&str]) -> Result<FormData> {
    let mut out = FormData { fields: Vec::new(), documents: Vec::new(), document_fields: Vec::new() };
    let mut total = 0usize;
    while let Some(mut field) = mp.next_field().await.map_err(|e| multipart_error(e, limits))? {
        let name = field.name().unwrap_or("").to_owned();
        if file_fields.contains(&name.as_str()) {
            let raw_name = field.file_name().unwrap_or("document").to_owned();
            // Neutralised here, at the edge, so no message, row or download carries a
            // control or bidi override character from the sender's file name.
            let file_name = crate::domain::names::file_name(&raw_name);
            // The chunks are kept as they come and joined once at the end: growing one
            // buffer copied a 1 MB upload about twice more (and reallocated it on the way).
            let (mut chunks, mut len) = (Vec::new(), 0usize);
            while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(e, limits))? {
                len += chunk.len();
                chunks.push(chunk);
                if len > limits.max_document_bytes {
                    return Err(Error::TooLarge(Msg::DocumentTooLarge(file_name, limits.max_document_bytes)));
                }
            }
            let buf = join(chunks, len);
            total += buf.len();
            if total > limits.max_total_bytes {
                return Err(Error::TooLarge(Msg::TotalTooLarge(limits.max_total_bytes)));
            }
            if buf.is_empty() && raw_name.is_empty() {
                continue; // an empty file input of an HTML form
            }
            out.documents.push(NewDocument { name: file_name, bytes: buf });
            out.document_fields.push(name);
            if out.documents.len() > limits.max_documents {
                return Err(Error::TooLarge(Msg::TooManyDocuments(limits.max_documents)));
            }
            continue;
        }
        let text = field.text().await.map_err(|e| multipart_error(e, limits))?;
        out.fields.push((name, text));
    }
    Ok(out)
}

/// The chunks of one file as one buffer: the chunk itself when there is only one, else one
/// copy into a buffer of the exact size.
fn join(mut chunks: Vec<bytes::Bytes>, len: usize) -> bytes::Bytes {
    if chunks.len() == 1 {
        return chunks.pop().unwrap_or_default();
    }
    let mut buf = bytes::BytesMut::with_capacity(len);
    chunks.iter().for_each(|c| buf.extend_from_slice(c));
    buf.freeze()
}
