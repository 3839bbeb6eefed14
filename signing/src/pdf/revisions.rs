//! Finds the signatures of a file and the revision each one covers.

use super::object::Obj;
use super::reader::Document;
use super::sigfield::form_fields;
use crate::Error;

/// A signature or document timestamp as found in the file.
#[derive(Clone, Debug)]
pub struct FoundSignature {
    pub field_name: String,
    pub doc_timestamp: bool,
    pub sub_filter: String,
    pub byte_range: Vec<i64>,
    /// The /Contents value (DER, possibly zero padded).
    pub contents: Vec<u8>,
    /// /M, as written.
    pub m: Option<String>,
    pub reason: Option<String>,
    /// DocMDP permission level when this is a certification signature.
    pub docmdp: Option<i64>,
}

impl FoundSignature {
    /// Offset where the signed revision ends.
    pub fn signed_end(&self) -> Option<usize> {
        match self.byte_range.as_slice() {
            [_, _, c, d] => usize::try_from(c.checked_add(*d)?).ok(),
            _ => None,
        }
    }
}

/// All filled signature fields of the newest revision, ordered by the revision they sign.
pub fn find_signatures(doc: &Document<'_>) -> Result<Vec<FoundSignature>, Error> {
    let mut out = Vec::new();
    for (_, field, name) in form_fields(doc)? {
        let is_sig = field.name(b"FT") == Some(b"Sig")
            || field.get(b"V").is_some() && field.name(b"FT").is_none();
        if !is_sig {
            continue;
        }
        let Some(v) = field.get(b"V") else { continue };
        let Ok(sig) = doc.resolve_dict(v) else {
            continue;
        };
        if sig.get(b"ByteRange").is_none() && sig.get(b"Contents").is_none() {
            continue;
        }
        let byte_range = match sig.get(b"ByteRange").map(|b| doc.resolve(b)).transpose()? {
            Some(Obj::Array(a)) => a.iter().map(|x| x.as_int().unwrap_or(-1)).collect(),
            _ => vec![],
        };
        let contents = match sig.get(b"Contents").map(|c| doc.resolve(c)).transpose()? {
            Some(Obj::Str(s)) => s,
            _ => vec![],
        };
        let text = |k: &[u8]| sig.get(k).and_then(Obj::as_str).map(super::decode_text);
        let docmdp = sig
            .get(b"Reference")
            .and_then(Obj::as_array)
            .and_then(|refs| {
                refs.iter().find_map(|r| {
                    let r = doc.resolve_dict(r).ok()?;
                    if r.name(b"TransformMethod") != Some(b"DocMDP") {
                        return None;
                    }
                    Some(
                        r.get(b"TransformParams")
                            .and_then(|t| doc.resolve_dict(t).ok())
                            .and_then(|t| t.int(b"P"))
                            .unwrap_or(2),
                    )
                })
            });
        out.push(FoundSignature {
            field_name: name,
            doc_timestamp: sig.name(b"Type") == Some(b"DocTimeStamp")
                || sig.name(b"SubFilter") == Some(b"ETSI.RFC3161"),
            sub_filter: sig
                .name(b"SubFilter")
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_default(),
            byte_range,
            contents,
            m: text(b"M"),
            reason: text(b"Reason"),
            docmdp,
        });
    }
    out.sort_by_key(|s| s.signed_end().unwrap_or(usize::MAX));
    Ok(out)
}

/// Whether `end` is the end of a revision as [`revision_ends`] finds them (just after a
/// `%%EOF` and its end-of-line), without listing them all: a file can hold millions of
/// `%%EOF` markers, and verification asks once per signature.
pub fn is_revision_end(data: &[u8], end: usize) -> bool {
    let Some(head) = data.get(..end) else {
        return false;
    };
    let mut e = head.len();
    if head[..e].ends_with(b"\n") {
        e -= 1;
    }
    if head[..e].ends_with(b"\r") {
        e -= 1;
    }
    if !head[..e].ends_with(b"%%EOF") {
        return false;
    }
    // The end-of-line after the marker belongs to the revision: recompute it.
    let mut canonical = e;
    if data.get(canonical) == Some(&b'\r') {
        canonical += 1;
    }
    if data.get(canonical) == Some(&b'\n') {
        canonical += 1;
    }
    canonical == end
}

/// Ends of all revisions (offsets just after each `%%EOF` and its end-of-line).
pub fn revision_ends(data: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut i = 0;
    while let Some(p) = data[i..].windows(5).position(|w| w == b"%%EOF") {
        let mut e = i + p + 5;
        if data.get(e) == Some(&b'\r') {
            e += 1;
        }
        if data.get(e) == Some(&b'\n') {
            e += 1;
        }
        ends.push(e);
        i = i + p + 5;
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_ends_agree_with_the_list() {
        let data = b"%PDF-1.7\n%%EOF\r\nabc%%EOF%%EOF\rx%%EOF\n\n%%EOF";
        let ends = revision_ends(data);
        for end in 0..=data.len() + 1 {
            assert_eq!(is_revision_end(data, end), ends.contains(&end), "{end}");
        }
    }
}
