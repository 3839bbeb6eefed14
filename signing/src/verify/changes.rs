//! What changed after a signature: compares the signed revision with the newest one,
//! object by object. Allowed: DSS, document timestamps and further signatures (new
//! signature fields, their widgets on page /Annots, AcroForm /Fields). Anything else
//! — page content, a page added, other annotations — is reported as not allowed.

use crate::pdf::object::{Dict, Obj};
use crate::pdf::reader::{Document, Entry};
use crate::Error;

/// An object for comparison: `Null` when it cannot be read, unless the reason is a spent
/// budget or a cancellation, which stop the comparison.
fn fetch(doc: &Document<'_>, id: u32) -> Result<Obj, Error> {
    match doc.get(id) {
        Ok(o) => Ok(o),
        Err(e @ (Error::Limit { .. } | Error::Cancelled)) => Err(e),
        Err(_) => Ok(Obj::Null),
    }
}

/// Findings: (allowed changes, disallowed changes), in plain words.
///
/// With `certified` (the signature is a certification), new signature fields must be
/// invisible, as Adobe and pyHanko require under DocMDP. Each changed object examined
/// counts against the budget's `max_changed_objects` (shared by all the signatures of
/// the file); past it, or past the time limit, the comparison stops with the error.
pub fn diff(
    signed: &Document<'_>,
    newest: &Document<'_>,
    certified: bool,
) -> Result<(Vec<String>, Vec<String>), Error> {
    let budget = newest.budget().clone();
    let mut allowed = Vec::new();
    let mut bad = Vec::new();
    let mut new_objects = 0usize;
    let root = newest.root_id();
    let mut ids: Vec<u32> = newest.xref.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let new_e = newest.xref.get(&id).copied().unwrap_or(Entry::Free);
        let old_e = signed.xref.get(&id).copied().unwrap_or(Entry::Free);
        if new_e == old_e {
            continue;
        }
        budget.charge_changed()?;
        budget.check()?;
        let old = if old_e == Entry::Free {
            Obj::Null
        } else {
            fetch(signed, id)?
        };
        let new = if new_e == Entry::Free {
            Obj::Null
        } else {
            fetch(newest, id)?
        };
        if old == Obj::Null {
            new_objects += 1;
            continue;
        }
        if old == new {
            continue;
        }
        let kind = old
            .as_dict()
            .and_then(|d| d.name(b"Type"))
            .map(|t| String::from_utf8_lossy(t).into_owned());
        if new == Obj::Null {
            if matches!(kind.as_deref(), Some("XRef") | Some("ObjStm")) {
                continue;
            }
            bad.push(format!("object {id} was deleted"));
            continue;
        }
        match classify(id, root, &old, &new, newest, certified) {
            Ok(Some(what)) => allowed.push(what),
            Ok(None) => {}
            Err(what) => bad.push(what),
        }
    }
    if new_objects > 0 && bad.is_empty() && allowed.is_empty() {
        allowed.push(format!("{new_objects} objects added"));
    }
    allowed.sort();
    allowed.dedup();
    // Reading objects may have spent the budget where the error was not ours to see.
    budget.check()?;
    Ok((allowed, bad))
}

fn dict_key_changes(old: &Dict, new: &Dict) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = old
        .0
        .iter()
        .chain(new.0.iter())
        .map(|(k, _)| k.clone())
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| old.get(k) != new.get(k))
        .collect()
}

fn names(keys: &[Vec<u8>]) -> String {
    keys.iter()
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when `o` refers to a signature field or its widget.
fn is_sig_field(doc: &Document<'_>, o: &Obj) -> bool {
    let Ok(d) = doc.resolve_dict(o) else {
        return false;
    };
    if d.name(b"FT") == Some(b"Sig") {
        return true;
    }
    d.get(b"Parent")
        .and_then(|p| doc.resolve_dict(p).ok())
        .is_some_and(|p| p.name(b"FT") == Some(b"Sig"))
}

/// True when the widget `o` has a non-empty /Rect.
fn is_visible(doc: &Document<'_>, o: &Obj) -> bool {
    let Ok(d) = doc.resolve_dict(o) else {
        return false;
    };
    let r: Vec<f64> = d
        .get(b"Rect")
        .and_then(Obj::as_array)
        .map(|a| a.iter().filter_map(Obj::as_f64).collect())
        .unwrap_or_default();
    r.len() == 4 && (r[2] - r[0]).abs() > 0.0 && (r[3] - r[1]).abs() > 0.0
}

/// True when `o` is validation data (a DER stream of the DSS).
fn is_validation_stream(doc: &Document<'_>, o: &Obj) -> bool {
    matches!(doc.resolve(o), Ok(Obj::Stream(d, _)) if d.name(b"Type").is_none())
}

fn array_extended(old: &[Obj], new: &[Obj], ok: impl Fn(&Obj) -> bool) -> bool {
    new.len() >= old.len() && new.starts_with(old) && new[old.len()..].iter().all(ok)
}

fn classify(
    id: u32,
    root: u32,
    old: &Obj,
    new: &Obj,
    doc: &Document<'_>,
    certified: bool,
) -> Result<Option<String>, String> {
    match (old, new) {
        (Obj::Array(o), Obj::Array(n)) => {
            if array_extended(o, n, |x| is_sig_field(doc, x)) {
                return Ok(Some("signature fields added".into()));
            }
            if array_extended(o, n, |x| is_validation_stream(doc, x)) {
                return Ok(Some("validation data added to the DSS".into()));
            }
            Err(format!("array object {id} was changed"))
        }
        (Obj::Dict(o), Obj::Dict(n)) => {
            let changed = dict_key_changes(o, n);
            let typ = o.name(b"Type").or(n.name(b"Type"));
            if id == root {
                let bad: Vec<_> = changed
                    .iter()
                    .filter(|k| !matches!(k.as_slice(), b"DSS" | b"AcroForm" | b"Extensions"))
                    .cloned()
                    .collect();
                if !bad.is_empty() {
                    return Err(format!(
                        "the document catalog was changed ({})",
                        names(&bad)
                    ));
                }
                return Ok(Some(if changed.iter().any(|k| k == b"DSS") {
                    "validation data (DSS) added".into()
                } else {
                    "form updated for a signature".into()
                }));
            }
            match typ {
                Some(b"Page") => {
                    let bad: Vec<_> = changed
                        .iter()
                        .filter(|k| k.as_slice() != b"Annots")
                        .cloned()
                        .collect();
                    if !bad.is_empty() {
                        return Err(format!("page object {id} was changed ({})", names(&bad)));
                    }
                    let oa = o
                        .get(b"Annots")
                        .and_then(|a| doc.resolve(a).ok())
                        .and_then(|a| a.as_array().cloned())
                        .unwrap_or_default();
                    let na = n
                        .get(b"Annots")
                        .and_then(|a| doc.resolve(a).ok())
                        .and_then(|a| a.as_array().cloned())
                        .unwrap_or_default();
                    if certified
                        && array_extended(&oa, &na, |x| is_sig_field(doc, x))
                        && na[oa.len()..].iter().any(|x| is_visible(doc, x))
                    {
                        Err("a visible signature was added after the certification".into())
                    } else if array_extended(&oa, &na, |x| is_sig_field(doc, x)) {
                        Ok(Some("signature widgets added to a page".into()))
                    } else {
                        Err(format!(
                            "annotations other than signatures were changed on page object {id}"
                        ))
                    }
                }
                Some(b"Pages") => {
                    Err("the page tree was changed (pages added, removed or moved)".into())
                }
                Some(b"DSS") => Ok(Some("validation data (DSS) updated".into())),
                Some(b"XRef") | Some(b"ObjStm") => Ok(None),
                _ if o.name(b"FT") == Some(b"Sig") => {
                    let bad: Vec<_> = changed
                        .iter()
                        .filter(|k| !matches!(k.as_slice(), b"V" | b"AP" | b"Rect" | b"F" | b"P"))
                        .cloned()
                        .collect();
                    if bad.is_empty() && o.get(b"V").is_none() {
                        Ok(Some("an empty signature field was signed".into()))
                    } else {
                        Err(format!("signature field object {id} was changed"))
                    }
                }
                _ if o.get(b"Fields").is_some() || n.get(b"Fields").is_some() => {
                    let bad: Vec<_> = changed
                        .iter()
                        // SigFlags may be added, not changed (pyHanko agrees).
                        .filter(|k| {
                            !(matches!(k.as_slice(), b"Fields" | b"DR" | b"DA")
                                || k.as_slice() == b"SigFlags" && o.get(b"SigFlags").is_none())
                        })
                        .cloned()
                        .collect();
                    if !bad.is_empty() {
                        return Err(format!("the form was changed ({})", names(&bad)));
                    }
                    let of = o
                        .get(b"Fields")
                        .and_then(Obj::as_array)
                        .cloned()
                        .unwrap_or_default();
                    let nf = n
                        .get(b"Fields")
                        .and_then(Obj::as_array)
                        .cloned()
                        .unwrap_or_default();
                    if array_extended(&of, &nf, |x| is_sig_field(doc, x))
                        || changed.iter().all(|k| k != b"Fields")
                    {
                        Ok(Some("signature fields added".into()))
                    } else {
                        Err("form fields other than signatures were added or removed".into())
                    }
                }
                _ if o.get(b"VRI").is_some() || o.get(b"Certs").is_some() => {
                    Ok(Some("validation data (DSS) updated".into()))
                }
                _ => Err(format!("object {id} was changed")),
            }
        }
        (Obj::Stream(d, _), _) if matches!(d.name(b"Type"), Some(b"XRef") | Some(b"ObjStm")) => {
            Ok(None)
        }
        (Obj::Stream(..), _) => Err(format!(
            "stream object {id} (content, image or font) was changed"
        )),
        _ => Err(format!("object {id} was changed")),
    }
}
