//! Reads the last revision of a PDF lazily: the cross-reference chain (classic tables,
//! xref streams, hybrid files) is parsed once, objects only when asked for. Large files
//! are never turned into a whole object model. Everything is read under a [`Budget`].

use super::budget::Budget;
use super::filters::decode_stream;
use super::object::{Dict, Obj, Parser};
use crate::Error;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

/// Where an object lives, per the cross-reference data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    Offset(usize, u16),
    InStream(u32, u32),
    Free,
}

/// One parsed object stream: (object number, absolute offset in `data`) and decoded data.
struct ObjStm {
    index: Vec<(u32, usize)>,
    data: Vec<u8>,
}

/// A PDF opened for reading its newest revision.
pub struct Document<'a> {
    pub data: &'a [u8],
    pub xref: HashMap<u32, Entry>,
    pub trailer: Dict,
    /// Offset of the newest cross-reference section (the `startxref` value).
    pub startxref: usize,
    /// Whether the newest section is an xref stream (then ours must be one too).
    pub xref_stream: bool,
    /// Header version, e.g. "1.7" or "2.0".
    pub version: String,
    stm_cache: RefCell<HashMap<u32, Rc<ObjStm>>>,
    pub(super) budget: Arc<Budget>,
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

impl<'a> Document<'a> {
    /// Opens `data` under the default [`Limits`](super::Limits).
    pub fn open(data: &'a [u8]) -> Result<Self, Error> {
        Self::open_with(data, Arc::new(Budget::default()))
    }

    /// Opens `data` under `budget`, which may be shared with other documents read for the
    /// same request (verification opens every signed revision under one budget).
    pub fn open_with(data: &'a [u8], budget: Arc<Budget>) -> Result<Self, Error> {
        budget.check()?;
        let head = &data[..data.len().min(1024)];
        let hpos = head
            .windows(5)
            .position(|w| w == b"%PDF-")
            .ok_or(Error::NotPdf)?;
        let version: String = head[hpos + 5..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'.')
            .map(|&c| c as char)
            .collect();
        let tail_start = data.len().saturating_sub(2048);
        let sx = find_last(&data[tail_start..], b"startxref").ok_or_else(|| {
            Error::malformed("no `startxref` at the end of the file (truncated?)")
        })?;
        let mut p = Parser::new(data, tail_start + sx + 9);
        let startxref = p
            .parse_uint()
            .ok_or_else(|| Error::malformed("`startxref` is not followed by an offset"))?
            as usize;
        let mut doc = Document {
            data,
            xref: HashMap::new(),
            trailer: Dict::new(),
            startxref,
            xref_stream: false,
            version,
            stm_cache: RefCell::new(HashMap::new()),
            budget,
        };
        doc.read_xref_chain()?;
        if doc.trailer.get(b"Encrypt").is_some() {
            return Err(Error::Encrypted);
        }
        if doc.trailer.get(b"Root").and_then(Obj::as_ref).is_none() {
            return Err(Error::malformed(
                "the trailer has no /Root catalog reference",
            ));
        }
        Ok(doc)
    }

    /// The budget this document is read under.
    pub fn budget(&self) -> &Arc<Budget> {
        &self.budget
    }

    /// Highest object number + 1 (the next free number for an incremental update).
    pub fn next_id(&self) -> u32 {
        let size = self
            .trailer
            .int(b"Size")
            .unwrap_or(0)
            .clamp(0, u32::MAX as i64) as u32;
        let max = self
            .xref
            .keys()
            .copied()
            .max()
            .map(|m| m.saturating_add(1))
            .unwrap_or(0);
        size.max(max).max(1)
    }

    /// Fetches object `id` (newest revision).
    pub fn get(&self, id: u32) -> Result<Obj, Error> {
        match self.xref.get(&id) {
            None | Some(Entry::Free) => Ok(Obj::Null),
            Some(Entry::Offset(off, _)) => {
                let (_, obj) = parse_indirect(self.data, *off, |r| self.length_of(r))?;
                Ok(obj)
            }
            Some(Entry::InStream(stm, idx)) => self.get_in_stream(*stm, *idx, id),
        }
    }

    fn length_of(&self, id: u32) -> Option<i64> {
        match self.xref.get(&id) {
            Some(Entry::Offset(off, _)) => parse_indirect(self.data, *off, |_| None)
                .ok()
                .and_then(|(_, o)| o.as_int()),
            _ => None,
        }
    }

    fn get_in_stream(&self, stm: u32, idx: u32, id: u32) -> Result<Obj, Error> {
        let cached = self.stm_cache.borrow().get(&stm).cloned();
        let os = match cached {
            Some(os) => os,
            None => {
                let Some(Entry::Offset(off, _)) = self.xref.get(&stm).copied() else {
                    return Err(Error::malformed(format!("object stream {stm} is missing")));
                };
                let (_, obj) = parse_indirect(self.data, off, |r| self.length_of(r))?;
                let Obj::Stream(d, raw) = obj else {
                    return Err(Error::malformed(format!(
                        "object {stm} is not an object stream"
                    )));
                };
                let data = decode_stream(&d, &raw, &self.budget)?;
                let n = d
                    .int(b"N")
                    .unwrap_or(0)
                    .clamp(0, self.budget.limits().max_objects as i64);
                let first = d.int(b"First").unwrap_or(0).max(0) as usize;
                let mut p = Parser::new(&data, 0);
                let mut index = Vec::new();
                for _ in 0..n {
                    let (Some(num), Some(o)) = (p.parse_uint(), p.parse_uint()) else {
                        break;
                    };
                    index.push((
                        num.min(u32::MAX as u64) as u32,
                        first.saturating_add(o as usize),
                    ));
                }
                // The index is memory built from decoded data: it counts against the budget.
                self.budget
                    .charge_decoded((index.len() * std::mem::size_of::<(u32, usize)>()) as u64)?;
                let os = Rc::new(ObjStm { index, data });
                self.stm_cache.borrow_mut().insert(stm, os.clone());
                os
            }
        };
        let pos = os
            .index
            .get(idx as usize)
            .filter(|(n, _)| *n == id)
            .or_else(|| os.index.iter().find(|(n, _)| *n == id))
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                Error::malformed(format!("object {id} not found in object stream {stm}"))
            })?;
        if pos > os.data.len() {
            return Err(Error::malformed("object stream offset out of range"));
        }
        Parser::new(&os.data, pos).parse_object()
    }

    /// Reads every object in use and walks the page tree: a file that passes opens
    /// completely (nothing truncated or damaged past the cross-reference data), within
    /// the budget. Returns the number of pages. For intake, where a file that cannot be
    /// read later (rendered, verified, signed) must be refused now.
    pub fn check_whole(&self) -> Result<usize, Error> {
        let mut ids: Vec<u32> = self
            .xref
            .iter()
            .filter(|(_, e)| **e != Entry::Free)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        for id in ids {
            // Every object: one damaged stream may be scanned to the end of the file.
            self.budget.check()?;
            self.get(id).map_err(|e| match e {
                Error::Malformed(m) => Error::Malformed(format!("object {id}: {m}")),
                other => other,
            })?;
        }
        let tail = &self.data[self.data.len().saturating_sub(1024)..];
        if find_last(tail, b"%%EOF").is_none() {
            return Err(Error::malformed(
                "no `%%EOF` at the end of the file (truncated?)",
            ));
        }
        let pages = self.pages()?.len();
        if pages == 0 {
            return Err(Error::malformed("the document has no pages"));
        }
        self.budget.check()?;
        Ok(pages)
    }

    /// Follows references (bounded) until a direct object.
    pub fn resolve(&self, obj: &Obj) -> Result<Obj, Error> {
        self.budget.check()?;
        let mut cur = obj.clone();
        for _ in 0..32 {
            match cur {
                Obj::Ref(id, _) => cur = self.get(id)?,
                other => return Ok(other),
            }
        }
        Err(Error::malformed("reference loop"))
    }

    /// Resolves `obj` and returns it as a dictionary (streams give their dictionary).
    pub fn resolve_dict(&self, obj: &Obj) -> Result<Dict, Error> {
        match self.resolve(obj)? {
            Obj::Dict(d) | Obj::Stream(d, _) => Ok(d),
            _ => Err(Error::malformed("dictionary expected")),
        }
    }

    pub fn root_id(&self) -> u32 {
        self.trailer
            .get(b"Root")
            .and_then(Obj::as_ref)
            .map(|r| r.0)
            .unwrap_or(0)
    }

    pub fn catalog(&self) -> Result<Dict, Error> {
        match self.get(self.root_id())? {
            Obj::Dict(d) => Ok(d),
            _ => Err(Error::malformed("the /Root catalog is not a dictionary")),
        }
    }

    /// Object numbers of the pages, in order (bounded walk of the page tree).
    pub fn pages(&self) -> Result<Vec<u32>, Error> {
        let cat = self.catalog()?;
        let root = cat
            .get(b"Pages")
            .and_then(Obj::as_ref)
            .ok_or_else(|| Error::malformed("catalog has no /Pages"))?;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        self.walk_pages(root.0, &mut out, &mut seen, 0)?;
        Ok(out)
    }

    /// Object number of page `index` (zero-based), skipping subtrees by their /Count so
    /// large documents are not walked page by page.
    pub fn page(&self, index: usize) -> Result<u32, Error> {
        let cat = self.catalog()?;
        let mut node = cat
            .get(b"Pages")
            .and_then(Obj::as_ref)
            .ok_or_else(|| Error::malformed("catalog has no /Pages"))?
            .0;
        let mut skip = index;
        'descend: for _ in 0..64 {
            let d = self.resolve_dict(&Obj::Ref(node, 0))?;
            let kids = match d.get(b"Kids") {
                Some(k) if d.name(b"Type") != Some(b"Page") => {
                    self.resolve(k)?.as_array().cloned().unwrap_or_default()
                }
                _ => {
                    return if skip == 0 {
                        Ok(node)
                    } else {
                        Err(Error::InvalidOption(format!(
                            "page {} does not exist",
                            index + 1
                        )))
                    };
                }
            };
            for kid in kids {
                let Some((kid, _)) = kid.as_ref() else {
                    continue;
                };
                let kd = self.resolve_dict(&Obj::Ref(kid, 0))?;
                let count = if kd.get(b"Kids").is_some() && kd.name(b"Type") != Some(b"Page") {
                    kd.int(b"Count").unwrap_or(0).max(0) as usize
                } else {
                    1
                };
                if skip < count {
                    node = kid;
                    continue 'descend;
                }
                skip -= count;
            }
            return Err(Error::InvalidOption(format!(
                "page {} does not exist",
                index + 1
            )));
        }
        Err(Error::malformed("page tree too deep"))
    }

    fn walk_pages(
        &self,
        id: u32,
        out: &mut Vec<u32>,
        seen: &mut HashSet<u32>,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > 64 || !seen.insert(id) {
            return Err(Error::malformed("page tree loop"));
        }
        let node = self.resolve_dict(&Obj::Ref(id, 0))?;
        match node.name(b"Type") {
            Some(b"Page") => out.push(id),
            _ => match node.get(b"Kids") {
                Some(k) => {
                    if let Obj::Array(kids) = self.resolve(k)? {
                        for kid in kids {
                            if let Some((kid, _)) = kid.as_ref() {
                                self.walk_pages(kid, out, seen, depth + 1)?;
                            }
                        }
                    }
                }
                None => out.push(id),
            },
        }
        Ok(())
    }
}

/// Parses `N G obj <object> [stream ... endstream] endobj` at `off`.
/// `length_of` resolves an indirect /Length.
pub fn parse_indirect(
    data: &[u8],
    off: usize,
    length_of: impl Fn(u32) -> Option<i64>,
) -> Result<((u32, u16), Obj), Error> {
    let mut p = Parser::new(data, off);
    let num = p
        .parse_uint()
        .ok_or_else(|| Error::malformed(format!("no object at byte {off}")))?;
    let gen = p
        .parse_uint()
        .ok_or_else(|| Error::malformed(format!("no object at byte {off}")))?;
    p.expect_keyword(b"obj")?;
    let obj = p.parse_object()?;
    let id = (num.min(u32::MAX as u64) as u32, gen.min(65535) as u16);

    if p.token() != b"stream" {
        return Ok((id, obj));
    }
    let Obj::Dict(dict) = obj else {
        return Err(Error::malformed("stream without a dictionary"));
    };
    let mut start = p.pos;
    if data.get(start) == Some(&b'\r') {
        start += 1;
    }
    if data.get(start) == Some(&b'\n') {
        start += 1;
    }
    let declared = match dict.get(b"Length") {
        Some(Obj::Int(n)) => Some(*n),
        Some(Obj::Ref(r, _)) => length_of(*r),
        _ => None,
    };
    let fits = |n: i64| {
        let end = start.checked_add(usize::try_from(n).ok()?)?;
        let rest = data.get(end..end.checked_add(20)?.min(data.len()))?;
        let mut q = Parser::new(rest, 0);
        (q.token() == b"endstream").then_some(end)
    };
    let end = match declared.and_then(fits) {
        Some(e) => e,
        None => {
            // Wrong or missing /Length: fall back to the `endstream` keyword.
            let rel = data[start..]
                .windows(9)
                .position(|w| w == b"endstream")
                .ok_or_else(|| {
                    Error::malformed(format!("stream of object {} has no `endstream`", id.0))
                })?;
            let mut e = start + rel;
            if e > start && data[e - 1] == b'\n' {
                e -= 1;
            }
            if e > start && data[e - 1] == b'\r' {
                e -= 1;
            }
            e
        }
    };
    Ok((id, Obj::Stream(dict, data[start..end].to_vec())))
}
