//! Serialises objects and appends an incremental update (ISO 32000-2 §7.5.6): the original
//! bytes are kept as they are, new and changed objects follow, then a cross-reference
//! section of the same kind as the previous one (table, or xref stream) and a trailer.

use super::object::{Dict, Obj};
use super::reader::{Document, Entry};
use std::io::Write;

/// Writes `o` in PDF syntax.
pub fn write_obj(o: &Obj, out: &mut Vec<u8>) {
    match o {
        Obj::Null => out.extend_from_slice(b"null"),
        Obj::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Obj::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Obj::Real(r) => write_real(*r, out),
        Obj::Name(n) => write_name(n, out),
        Obj::Str(s) => write_string(s, out),
        Obj::Array(a) => {
            out.push(b'[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_obj(item, out);
            }
            out.push(b']');
        }
        Obj::Dict(d) => write_dict(d, out),
        Obj::Ref(n, g) => {
            let _ = write!(out, "{n} {g} R");
        }
        Obj::Stream(d, data) => {
            let mut d = d.clone();
            d.set(b"Length", Obj::Int(data.len() as i64));
            write_dict(&d, out);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream");
        }
    }
}

pub fn write_dict(d: &Dict, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<<");
    for (k, v) in &d.0 {
        write_name(k, out);
        out.push(b' ');
        write_obj(v, out);
    }
    out.extend_from_slice(b">>");
}

fn write_real(r: f64, out: &mut Vec<u8>) {
    let s = format!("{:.4}", if r.is_finite() { r } else { 0.0 });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    out.extend_from_slice(if s.is_empty() || s == "-" {
        b"0"
    } else {
        s.as_bytes()
    });
}

pub fn write_name(n: &[u8], out: &mut Vec<u8>) {
    out.push(b'/');
    for &c in n {
        if c.is_ascii_graphic() && !super::object::is_delim(c) && c != b'#' {
            out.push(c);
        } else {
            let _ = write!(out, "#{c:02X}");
        }
    }
}

pub fn write_string(s: &[u8], out: &mut Vec<u8>) {
    if s.iter().all(|c| (0x20..0x7f).contains(c)) {
        out.push(b'(');
        for &c in s {
            if matches!(c, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(c);
        }
        out.push(b')');
    } else {
        out.push(b'<');
        for &c in s {
            let _ = write!(out, "{c:02X}");
        }
        out.push(b'>');
    }
}

/// Text string for PDF (PDFDocEncoding when ASCII, UTF-16BE with BOM otherwise).
pub fn text_string(s: &str) -> Obj {
    if s.is_ascii() {
        Obj::Str(s.as_bytes().to_vec())
    } else {
        let mut v = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_be_bytes());
        }
        Obj::Str(v)
    }
}

/// An incremental update being written after a copy of the original bytes.
pub struct Incremental {
    pub out: Vec<u8>,
    entries: Vec<(u32, u16, usize)>,
    next_id: u32,
    prev: usize,
    xref_stream: bool,
    trailer: Dict,
}

impl Incremental {
    pub fn new(input: &[u8], doc: &Document<'_>) -> Self {
        let mut out = Vec::with_capacity(input.len() + 64 * 1024);
        out.extend_from_slice(input);
        if !matches!(out.last(), Some(b'\n') | Some(b'\r')) {
            out.push(b'\n');
        }
        let mut trailer = Dict::new();
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Some(v) = doc.trailer.get(key) {
                trailer.set(key, v.clone());
            }
        }
        if trailer.get(b"ID").is_none() {
            let h = super::super::cades::digest(
                crate::DigestAlgorithm::Sha256,
                &input[..input.len().min(4096)],
            );
            let id = Obj::Str(h[..16].to_vec());
            trailer.set(b"ID", Obj::Array(vec![id.clone(), id]));
        }
        Incremental {
            out,
            entries: Vec::new(),
            next_id: doc.next_id(),
            prev: doc.startxref,
            xref_stream: doc.xref_stream,
            trailer,
        }
    }

    /// Reserves a fresh object number.
    pub fn alloc(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Writes `N G obj <body> endobj`; returns the offset where the body starts.
    pub fn add_raw(&mut self, id: u32, gen: u16, body: &[u8]) -> usize {
        let off = self.out.len();
        self.entries.push((id, gen, off));
        let _ = writeln!(self.out, "{id} {gen} obj");
        let body_at = self.out.len();
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
        body_at
    }

    pub fn add(&mut self, id: u32, gen: u16, obj: &Obj) {
        let mut body = Vec::new();
        write_obj(obj, &mut body);
        self.add_raw(id, gen, &body);
    }

    /// Generation to use when rewriting object `id` of `doc`.
    pub fn gen_of(doc: &Document<'_>, id: u32) -> u16 {
        match doc.xref.get(&id) {
            Some(Entry::Offset(_, g)) => *g,
            _ => 0,
        }
    }

    /// Writes the cross-reference section and trailer; returns the complete file.
    pub fn finish(mut self) -> Vec<u8> {
        let xref_id = if self.xref_stream {
            Some(self.alloc())
        } else {
            None
        };
        let size = self.next_id;
        self.trailer.set(b"Size", Obj::Int(size as i64));
        self.trailer.set(b"Prev", Obj::Int(self.prev as i64));
        let xref_off = self.out.len();
        if let Some(xid) = xref_id {
            self.entries.push((xid, 0, xref_off));
        }
        self.entries.sort_by_key(|e| e.0);
        self.entries.dedup_by_key(|e| e.0);
        let runs = runs(&self.entries);
        match xref_id {
            None => {
                self.out.extend_from_slice(b"xref\n");
                for run in &runs {
                    let _ = writeln!(self.out, "{} {}", run[0].0, run.len());
                    for (_, g, off) in run.iter() {
                        let _ = writeln!(self.out, "{off:010} {g:05} n\r");
                    }
                }
                self.out.extend_from_slice(b"trailer\n");
                let mut t = Vec::new();
                write_dict(&self.trailer, &mut t);
                self.out.extend_from_slice(&t);
                self.out.push(b'\n');
            }
            Some(xid) => {
                let wide = if xref_off > u32::MAX as usize { 8 } else { 4 };
                let mut data = Vec::with_capacity(self.entries.len() * (3 + wide));
                let mut index = Vec::new();
                for run in &runs {
                    index.push(Obj::Int(run[0].0 as i64));
                    index.push(Obj::Int(run.len() as i64));
                    for (_, g, off) in run.iter() {
                        data.push(1);
                        data.extend_from_slice(&(*off as u64).to_be_bytes()[8 - wide..]);
                        data.extend_from_slice(&g.to_be_bytes());
                    }
                }
                let mut d = self.trailer.clone();
                d.set(b"Type", Obj::Name(b"XRef".to_vec()));
                d.set(
                    b"W",
                    Obj::Array(vec![Obj::Int(1), Obj::Int(wide as i64), Obj::Int(2)]),
                );
                d.set(b"Index", Obj::Array(index));
                let mut body = Vec::new();
                write_obj(&Obj::Stream(d, data), &mut body);
                let _ = writeln!(self.out, "{xid} 0 obj");
                self.out.extend_from_slice(&body);
                self.out.extend_from_slice(b"\nendobj\n");
            }
        }
        let _ = writeln!(self.out, "startxref\n{xref_off}\n%%EOF");
        self.out
    }
}

/// Groups sorted entries into runs of consecutive object numbers.
fn runs(entries: &[(u32, u16, usize)]) -> Vec<&[(u32, u16, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        if i == entries.len() || entries[i].0 != entries[i - 1].0 + 1 {
            if start < i {
                out.push(&entries[start..i]);
            }
            start = i;
        }
    }
    out
}
