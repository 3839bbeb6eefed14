//! Attachment checks: the type comes from the content (magic bytes), never the name or the
//! declared type, and the file must parse as what it claims (lopdf for PDF, the image
//! header for JPEG/PNG). Limits come from `[filings]` in the config.

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

/// Cleans a file name for display: no path, no control characters, bounded length.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let s: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if s.trim().is_empty() {
        "document".into()
    } else {
        s.trim().to_string()
    }
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
            let doc = lopdf::Document::load_mem(bytes).map_err(|_| corrupt())?;
            if doc.get_pages().is_empty() {
                return Err(corrupt());
            }
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
    Ok(kind)
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
}
