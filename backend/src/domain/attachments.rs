//! Attachment checks: the type comes from the content (magic bytes), never the name or the
//! declared type, and the file must parse as what it claims (a PDF must open whole under
//! the limits for untrusted files, then parse with lopdf; the image header for JPEG/PNG).
//! Limits come from `[filings]` in the config.

use crate::config::Filings as Limits;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// A document as received, before any check.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// File name as given by the filer (shown back, never used as a path).
    pub name: String,
    pub bytes: bytes::Bytes,
}

/// The accepted kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
}

impl Kind {
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        }
    }
}

/// Cleans a file name for display: no path, no control or bidi override characters,
/// bounded length (see `names::file_name`).
pub fn clean_name(name: &str) -> String {
    super::names::file_name(name)
}

/// Checks count and sizes (cheap; done before parsing anything).
pub fn check_limits(docs: &[NewDocument], limits: &Limits) -> Result<()> {
    if docs.is_empty() {
        return Err(Error::BadRequest(Msg::NoDocuments));
    }
    if docs.len() > limits.max_documents {
        return Err(Error::TooLarge(Msg::TooManyDocuments(limits.max_documents)));
    }
    let mut total = 0usize;
    for d in docs {
        if d.bytes.len() > limits.max_document_bytes {
            return Err(Error::TooLarge(Msg::DocumentTooLarge(d.name.clone(), limits.max_document_bytes)));
        }
        total += d.bytes.len();
    }
    if total > limits.max_total_bytes {
        return Err(Error::TooLarge(Msg::TotalTooLarge(limits.max_total_bytes)));
    }
    Ok(())
}

/// Identifies and parses one document. CPU-bound: call from a blocking thread.
pub fn inspect(name: &str, bytes: &[u8]) -> Result<Kind> {
    inspect_parsed(name, bytes).map(|(kind, _)| kind)
}

/// Like `inspect`, also giving back the parsed PDF so its text can be read without parsing
/// the file a second time.
pub fn inspect_parsed(name: &str, bytes: &[u8]) -> Result<(Kind, Option<lopdf::Document>)> {
    let kind = if bytes.starts_with(b"%PDF-") {
        Kind::Pdf
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Kind::Png
    } else {
        return Err(Error::UnsupportedMedia(Msg::UnsupportedType(name.to_owned())));
    };
    let corrupt = || Error::UnsupportedMedia(Msg::CorruptDocument(name.to_owned()));
    match kind {
        Kind::Pdf => {
            // Our reader first, under its budget: every object read and the page tree walked,
            // so a truncated or damaged file is refused here and not found unreadable later,
            // and a hostile one stops at a limit before lopdf decodes it without one.
            // (Encrypted files, often only "protected" against printing, cannot be read
            // whole without their key: they stay with lopdf's check alone, as before.)
            let budget = std::sync::Arc::new(sijill_signing::pdf::Budget::default());
            match sijill_signing::pdf::Document::open_with(bytes, budget).and_then(|d| d.check_whole()) {
                Ok(_) | Err(sijill_signing::Error::Encrypted) => {}
                Err(e) => return Err(super::pdf_work::pdf_error(&e, Some(name))),
            }
            let doc = lopdf::Document::load_mem(bytes).map_err(|_| corrupt())?;
            if doc.get_pages().is_empty() {
                return Err(corrupt());
            }
            return Ok((kind, Some(doc)));
        }
        Kind::Jpeg | Kind::Png => {
            let want = if kind == Kind::Png { imagesize::ImageType::Png } else { imagesize::ImageType::Jpeg };
            let t = imagesize::image_type(bytes).map_err(|_| corrupt())?;
            let size = imagesize::blob_size(bytes).map_err(|_| corrupt())?;
            if t != want || size.width == 0 || size.height == 0 {
                return Err(corrupt());
            }
            if kind == Kind::Png && !bytes.windows(4).any(|w| w == b"IEND") {
                return Err(corrupt()); // truncated PNG
            }
            if kind == Kind::Jpeg && !bytes.ends_with(&[0xFF, 0xD9]) && !bytes[bytes.len().saturating_sub(64)..].windows(2).any(|w| w == [0xFF, 0xD9]) {
                return Err(corrupt()); // truncated JPEG (no end-of-image marker)
            }
        }
    }
    Ok((kind, None))
}

/// Documents checked and stored: their register rows and the blobs this call created (to
/// remove if the registration then fails).
pub struct Stored {
    pub rows: Vec<crate::db::register::NewDocumentRow>,
    pub created: Vec<String>,
}

impl Stored {
    /// Removes the blobs this call created (the registration did not happen).
    pub fn discard(&self, storage: &crate::storage::Storage) {
        self.created.iter().for_each(|s| storage.remove(s));
    }
}

/// Cleans the names, checks the limits, then identifies and parses every document before
/// storing any (off the async threads): on any rejection nothing is stored. Every intake
/// channel (portal, paper scan, internal, API) goes through here.
pub async fn check_and_store(storage: &crate::storage::Storage, limits: &Limits, mut docs: Vec<NewDocument>) -> Result<Stored> {
    for d in &mut docs {
        d.name = clean_name(&d.name);
    }
    check_limits(&docs, limits)?;
    let storage = storage.clone();
    tokio::task::spawn_blocking(move || -> Result<Stored> {
        // Each PDF is parsed once: for the check, then for its text (search index); only
        // the text is kept while the others are checked.
        let checked = docs
            .iter()
            .map(|d| inspect_parsed(&d.name, &d.bytes).map(|(k, pdf)| (k, pdf.map(|p| super::search_text::text_of(&p)))))
            .collect::<Result<Vec<_>>>()?;
        let mut stored = Stored { rows: Vec::new(), created: Vec::new() };
        for (d, (k, text)) in docs.iter().zip(checked) {
            let (sha, new) = match storage.put(&d.bytes) {
                Ok(x) => x,
                Err(e) => {
                    stored.discard(&storage);
                    return Err(e);
                }
            };
            if new {
                stored.created.push(sha.clone());
            }
            // Text for the search index, handed to the registration (see `search_text`).
            if let Some(text) = text {
                super::search_text::remember_text(&sha, text);
            }
            stored.rows.push(crate::db::register::NewDocumentRow {
                name: d.name.clone(),
                content_type: k.mime().into(),
                size: d.bytes.len() as i64,
                sha256: sha,
            });
        }
        Ok(stored)
    })
    .await
    .map_err(Error::internal)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_paths_and_controls() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\x\\lettre.pdf"), "lettre.pdf");
        assert_eq!(clean_name("a\u{0}b.pdf"), "ab.pdf");
        assert_eq!(clean_name(""), "document");
    }

    #[test]
    fn content_decides_not_the_name() {
        assert!(matches!(inspect("x.pdf", b"hello"), Err(Error::UnsupportedMedia(Msg::UnsupportedType(_)))));
        assert!(matches!(inspect("x.pdf", b"%PDF-1.7 garbage"), Err(Error::UnsupportedMedia(Msg::CorruptDocument(_)))));
        assert!(matches!(inspect("x.png", &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0]), Err(Error::UnsupportedMedia(Msg::CorruptDocument(_)))));
    }

    #[test]
    fn truncated_and_hostile_pdfs_are_refused() {
        use sijill_signing::hostile;
        assert_eq!(inspect("a.pdf", &hostile::sound()).unwrap(), Kind::Pdf);
        for keep in [0.5, 0.9, 0.99] {
            let cut = hostile::truncated(&hostile::sound(), keep);
            assert!(matches!(inspect("a.pdf", &cut), Err(Error::UnsupportedMedia(Msg::CorruptDocument(_)))), "{keep}");
        }
        let e = inspect("bomb.pdf", &hostile::objstm_bomb()).unwrap_err();
        assert!(
            matches!(&e, Error::Unprocessable(Msg::PdfLimit { document: Some(n), limit: "decoded_bytes" }) if n == "bomb.pdf"),
            "{e:?}"
        );
    }
}
