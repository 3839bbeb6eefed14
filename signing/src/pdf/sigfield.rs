//! Adds a signature field and its signature dictionary as an incremental update, with a
//! zero-filled /Contents placeholder and a fixed-width /ByteRange patched afterwards.

use super::appearance::{self, Appearance};
use super::object::{Dict, Obj};
use super::reader::Document;
use super::writer::{text_string, Incremental};
use crate::{DigestAlgorithm, Error};
use std::io::Write;

const BR_PLACEHOLDER: &[u8] = b"[0 0000000000 0000000000 0000000000]";

/// What the signature dictionary and its field should hold.
pub struct SigSpec<'a> {
    pub doc_timestamp: bool,
    pub field_name: Option<&'a str>,
    /// PDF date for /M (claimed signing time).
    pub m: Option<String>,
    pub name: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub location: Option<&'a str>,
    pub contact_info: Option<&'a str>,
    /// Bytes reserved for the DER in /Contents.
    pub contents_len: usize,
    /// First signature as certification, DocMDP P=2 (form filling and signing allowed).
    pub certify: bool,
    pub appearance: Option<Appearance<'a>>,
}

/// The file with its placeholder, ready to be digested and filled.
pub struct Prepared {
    pub out: Vec<u8>,
    pub byte_range: [usize; 4],
    pub field_name: String,
}

impl Prepared {
    /// Digest of the two signed byte ranges.
    pub fn digest(&self, alg: DigestAlgorithm) -> Result<Vec<u8>, Error> {
        let [a, b, c, d] = self.byte_range;
        let mut h = openssl::hash::Hasher::new(alg.md())?;
        h.update(&self.out[a..a + b])?;
        h.update(&self.out[c..c + d])?;
        Ok(h.finish()?.to_vec())
    }

    /// Writes `der` (hex, zero padded) into /Contents and returns the signed file.
    pub fn fill(mut self, der: &[u8]) -> Result<Vec<u8>, Error> {
        let start = self.byte_range[1] + 1;
        let reserved = (self.byte_range[2] - 1 - start) / 2;
        if der.len() > reserved {
            return Err(Error::PlaceholderTooSmall {
                needed: der.len(),
                reserved,
            });
        }
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for (i, &b) in der.iter().enumerate() {
            self.out[start + 2 * i] = HEX[(b >> 4) as usize];
            self.out[start + 2 * i + 1] = HEX[(b & 15) as usize];
        }
        Ok(self.out)
    }
}

/// Fields of the AcroForm (top level and kids), as (object id, dictionary, full name).
pub fn form_fields(doc: &Document<'_>) -> Result<Vec<(u32, Dict, String)>, Error> {
    let cat = doc.catalog()?;
    let Some(af) = cat.get(b"AcroForm") else {
        return Ok(vec![]);
    };
    let af = doc.resolve_dict(af)?;
    let Some(fields) = af.get(b"Fields") else {
        return Ok(vec![]);
    };
    let mut out = Vec::new();
    let mut stack: Vec<(Obj, String, usize)> = match doc.resolve(fields)? {
        Obj::Array(a) => a.into_iter().rev().map(|o| (o, String::new(), 0)).collect(),
        _ => vec![],
    };
    while let Some((o, prefix, depth)) = stack.pop() {
        if depth > 32 || out.len() > 100_000 {
            break;
        }
        let Some((id, _)) = o.as_ref() else { continue };
        let Ok(d) = doc.resolve_dict(&o) else {
            continue;
        };
        let t = d.get(b"T").and_then(Obj::as_str).map(super::decode_text);
        let name = match (&t, prefix.is_empty()) {
            (Some(t), true) => t.clone(),
            (Some(t), false) => format!("{prefix}.{t}"),
            (None, _) => prefix.clone(),
        };
        if let Some(Obj::Array(kids)) = d.get(b"Kids").map(|k| doc.resolve(k)).transpose()? {
            for k in kids.into_iter().rev() {
                stack.push((k, name.clone(), depth + 1));
            }
        }
        out.push((id, d, name));
    }
    Ok(out)
}

/// Appends the signature field, widget and signature dictionary with a placeholder.
pub fn prepare(input: &[u8], doc: &Document<'_>, spec: &SigSpec<'_>) -> Result<Prepared, Error> {
    let mut catalog = doc.catalog()?;
    let mut catalog_changed = false;
    let root_id = doc.root_id();
    let fields = form_fields(doc)?;
    let mut inc = Incremental::new(input, doc);

    let signed = fields
        .iter()
        .filter(|f| f.1.name(b"FT") == Some(b"Sig") && f.1.get(b"V").is_some())
        .count();
    if spec.certify && signed > 0 {
        return Err(Error::InvalidOption(
            "a certification signature must be the document's first signature".into(),
        ));
    }
    // A certification that allows no change (DocMDP P=1) forbids further signatures too;
    // document timestamps stay allowed (PAdES).
    if !spec.doc_timestamp {
        let p = catalog
            .get(b"Perms")
            .and_then(|p| doc.resolve_dict(p).ok())
            .and_then(|p| p.get(b"DocMDP").cloned())
            .and_then(|s| doc.resolve_dict(&s).ok())
            .and_then(|s| s.get(b"Reference").and_then(|r| doc.resolve(r).ok()))
            .and_then(|r| r.as_array().and_then(|a| a.first().cloned()))
            .and_then(|r| doc.resolve_dict(&r).ok())
            .and_then(|r| {
                r.get(b"TransformParams")
                    .and_then(|t| doc.resolve_dict(t).ok())
            })
            .and_then(|t| t.int(b"P"));
        if p == Some(1) {
            return Err(Error::InvalidOption(
                "the document is certified with no changes allowed (DocMDP P=1)".into(),
            ));
        }
    }
    // Field name: the one asked for, or the first free "SignatureN".
    let existing = spec
        .field_name
        .and_then(|n| fields.iter().find(|f| f.2 == n));
    if let Some((_, d, n)) = existing {
        if d.name(b"FT") != Some(b"Sig") {
            return Err(Error::InvalidOption(format!(
                "field {n:?} exists and is not a signature field"
            )));
        }
        if d.get(b"V").is_some() {
            return Err(Error::FieldAlreadySigned(n.clone()));
        }
    }
    let field_name = match spec.field_name {
        Some(n) => n.to_string(),
        None => {
            let prefix = if spec.doc_timestamp {
                "DocTimeStamp"
            } else {
                "Signature"
            };
            (1..)
                .map(|i| format!("{prefix}{i}"))
                .find(|n| !fields.iter().any(|f| &f.2 == n))
                .unwrap_or_default()
        }
    };

    // The signature dictionary, written by hand so the placeholder offsets are known.
    let sig_id = inc.alloc();
    let mut body = Vec::with_capacity(spec.contents_len * 2 + 512);
    if spec.doc_timestamp {
        body.extend_from_slice(b"<</Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161");
    } else {
        body.extend_from_slice(b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached");
    }
    let mut extra = Dict::new();
    if let Some(m) = &spec.m {
        extra.set(b"M", Obj::Str(m.as_bytes().to_vec()));
    }
    for (k, v) in [
        (&b"Name"[..], spec.name),
        (b"Reason", spec.reason),
        (b"Location", spec.location),
        (b"ContactInfo", spec.contact_info),
    ] {
        if let Some(v) = v {
            extra.set(k, text_string(v));
        }
    }
    if spec.certify {
        let mut tp = Dict::new();
        tp.set(b"Type", Obj::Name(b"TransformParams".to_vec()));
        tp.set(b"P", Obj::Int(2));
        tp.set(b"V", Obj::Name(b"1.2".to_vec()));
        let mut r = Dict::new();
        r.set(b"Type", Obj::Name(b"SigRef".to_vec()));
        r.set(b"TransformMethod", Obj::Name(b"DocMDP".to_vec()));
        r.set(b"TransformParams", Obj::Dict(tp));
        extra.set(b"Reference", Obj::Array(vec![Obj::Dict(r)]));
    }
    for (k, v) in &extra.0 {
        super::writer::write_name(k, &mut body);
        super::writer::write_obj(v, &mut body);
    }
    body.extend_from_slice(b"/ByteRange");
    let br_rel = body.len();
    body.extend_from_slice(BR_PLACEHOLDER);
    body.extend_from_slice(b"/Contents");
    let contents_rel = body.len();
    body.push(b'<');
    body.resize(body.len() + spec.contents_len * 2, b'0');
    body.push(b'>');
    body.extend_from_slice(b">>");
    let body_at = inc.add_raw(sig_id, 0, &body);
    let br_at = body_at + br_rel;
    let contents_at = body_at + contents_rel;
    let contents_end = contents_at + spec.contents_len * 2 + 2;

    // Page for the widget.
    let page_index = spec.appearance.as_ref().map(|a| a.page).unwrap_or(0);
    let page_id = doc.page(page_index)?;

    // The field (merged with its widget).
    let (field_id, field_gen, mut field, new_field) = match existing {
        Some((id, d, _)) => (*id, Incremental::gen_of(doc, *id), d.clone(), false),
        None => {
            let id = inc.alloc();
            let mut d = Dict::new();
            d.set(b"Type", Obj::Name(b"Annot".to_vec()));
            d.set(b"Subtype", Obj::Name(b"Widget".to_vec()));
            d.set(b"FT", Obj::Name(b"Sig".to_vec()));
            d.set(b"T", text_string(&field_name));
            d.set(b"F", Obj::Int(132));
            d.set(b"Rect", Obj::Array(vec![Obj::Int(0); 4]));
            d.set(b"P", Obj::Ref(page_id, Incremental::gen_of(doc, page_id)));
            (id, 0, d, true)
        }
    };
    field.set(b"V", Obj::Ref(sig_id, 0));
    if let Some(app) = &spec.appearance {
        let ap_id = appearance::write(&mut inc, app)?;
        field.set(
            b"Rect",
            Obj::Array(app.rect.iter().map(|v| Obj::Real(*v)).collect()),
        );
        let mut ap = Dict::new();
        ap.set(b"N", Obj::Ref(ap_id, 0));
        field.set(b"AP", Obj::Dict(ap));
    }
    inc.add(field_id, field_gen, &Obj::Dict(field));

    if new_field {
        // Page /Annots: direct array in the page, or an array object of its own.
        let mut page = doc.resolve_dict(&Obj::Ref(page_id, 0))?;
        let fref = Obj::Ref(field_id, 0);
        match page.get(b"Annots").cloned() {
            Some(Obj::Ref(aid, _)) => {
                let mut arr = doc
                    .resolve(&Obj::Ref(aid, 0))?
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                arr.push(fref.clone());
                inc.add(aid, Incremental::gen_of(doc, aid), &Obj::Array(arr));
            }
            Some(Obj::Array(mut arr)) => {
                arr.push(fref.clone());
                page.set(b"Annots", Obj::Array(arr));
                inc.add(page_id, Incremental::gen_of(doc, page_id), &Obj::Dict(page));
            }
            _ => {
                page.set(b"Annots", Obj::Array(vec![fref.clone()]));
                inc.add(page_id, Incremental::gen_of(doc, page_id), &Obj::Dict(page));
            }
        }

        // AcroForm /Fields and /SigFlags.
        let (af_id, mut af) = match catalog.get(b"AcroForm").cloned() {
            Some(Obj::Ref(id, _)) => (Some(id), doc.resolve_dict(&Obj::Ref(id, 0))?),
            Some(Obj::Dict(d)) => (None, d),
            _ => (None, Dict::new()),
        };
        match af.get(b"Fields").cloned() {
            Some(Obj::Ref(fid, _)) => {
                let mut arr = doc
                    .resolve(&Obj::Ref(fid, 0))?
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                arr.push(fref);
                inc.add(fid, Incremental::gen_of(doc, fid), &Obj::Array(arr));
            }
            Some(Obj::Array(mut arr)) => {
                arr.push(fref);
                af.set(b"Fields", Obj::Array(arr));
            }
            _ => af.set(b"Fields", Obj::Array(vec![fref])),
        }
        // SigFlags 3 (signatures exist, append only) — but never changed once signed:
        // validators count any later change to it as a modification of the form.
        if signed == 0 || af.get(b"SigFlags").is_none() {
            af.set(b"SigFlags", Obj::Int(3));
        }
        match af_id {
            Some(id) => inc.add(id, Incremental::gen_of(doc, id), &Obj::Dict(af)),
            None => {
                let id = inc.alloc();
                inc.add(id, 0, &Obj::Dict(af));
                catalog.set(b"AcroForm", Obj::Ref(id, 0));
                catalog_changed = true;
            }
        }
    }
    if !new_field && signed == 0 {
        // Filling a pre-existing empty field as the first signature: mark the form signed.
        if let Some(Obj::Ref(id, _)) = catalog.get(b"AcroForm").cloned() {
            let mut af = doc.resolve_dict(&Obj::Ref(id, 0))?;
            if af.int(b"SigFlags") != Some(3) {
                af.set(b"SigFlags", Obj::Int(3));
                inc.add(id, Incremental::gen_of(doc, id), &Obj::Dict(af));
            }
        }
    }
    if spec.certify {
        let mut perms = match catalog.get(b"Perms") {
            Some(p) => doc.resolve_dict(p)?,
            None => Dict::new(),
        };
        perms.set(b"DocMDP", Obj::Ref(sig_id, 0));
        catalog.set(b"Perms", Obj::Dict(perms));
        catalog_changed = true;
    }
    if catalog_changed {
        inc.add(
            root_id,
            Incremental::gen_of(doc, root_id),
            &Obj::Dict(catalog),
        );
    }

    let mut out = inc.finish();
    let len = out.len();
    let br = [0, contents_at, contents_end, len - contents_end];
    let mut text = Vec::new();
    let _ = write!(text, "[0 {} {} {}", br[1], br[2], br[3]);
    if text.len() + 1 > BR_PLACEHOLDER.len() {
        return Err(Error::Unsupported(
            "file too large for the byte range placeholder".into(),
        ));
    }
    text.resize(BR_PLACEHOLDER.len() - 1, b' ');
    text.push(b']');
    out[br_at..br_at + text.len()].copy_from_slice(&text);
    Ok(Prepared {
        out,
        byte_range: br,
        field_name,
    })
}
