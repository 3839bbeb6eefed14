//! Cross-reference data: classic `xref` tables, xref streams (with PNG predictors) and
//! hybrid files (`/XRefStm`), followed through `/Prev` from the newest section back.
//! Newer sections win; loops and absurd sizes are refused, and the number of sections and
//! entries is bounded by the document's [`Budget`](super::Budget).

use super::budget::Limit;
use super::filters::decode_stream;
use super::object::{Dict, Obj, Parser};
use super::reader::{parse_indirect, Document, Entry};
use crate::Error;
use std::collections::HashSet;

impl Document<'_> {
    pub(super) fn read_xref_chain(&mut self) -> Result<(), Error> {
        let mut next = Some(self.startxref);
        let mut seen = HashSet::new();
        let mut first = true;
        let mut entries = 0usize;
        while let Some(off) = next.take() {
            self.budget.check()?;
            if seen.len() >= self.budget.limits().max_xref_sections {
                return Err(self.budget.exceeded(Limit::XrefSections));
            }
            if off >= self.data.len() || !seen.insert(off) {
                if first {
                    return Err(Error::malformed(
                        "the cross-reference offset points outside the file",
                    ));
                }
                break;
            }
            let (trailer, is_stream) =
                self.read_section(off, &mut entries).map_err(|e| match e {
                    Error::Malformed(m) => Error::Malformed(format!(
                        "damaged cross-reference section at byte {off}: {m}"
                    )),
                    other => other,
                })?;
            if first {
                self.xref_stream = is_stream;
                self.trailer = trailer.clone();
                first = false;
            }
            if let Some(x) = trailer.int(b"XRefStm") {
                if x >= 0 && (x as usize) < self.data.len() && seen.insert(x as usize) {
                    // A damaged hybrid section is skipped, a spent budget is not.
                    if let Err(e @ (Error::Limit { .. } | Error::Cancelled)) =
                        self.read_section(x as usize, &mut entries)
                    {
                        return Err(e);
                    }
                }
            }
            next = trailer.int(b"Prev").filter(|p| *p >= 0).map(|p| p as usize);
        }
        Ok(())
    }

    /// Reads one section at `off`, adding entries not already known (newer wins).
    /// `entries` counts the entries read so far (shadowed ones too) against `max_objects`.
    fn read_section(&mut self, off: usize, entries: &mut usize) -> Result<(Dict, bool), Error> {
        let max = self.budget.limits().max_objects;
        let budget = self.budget.clone();
        let count_entry = move |entries: &mut usize| -> Result<(), Error> {
            *entries += 1;
            if *entries > max {
                return Err(budget.exceeded(Limit::Objects));
            }
            if *entries & 0xffff == 0 {
                budget.check()?;
            }
            Ok(())
        };
        let mut p = Parser::new(self.data, off);
        if p.token() == b"xref" {
            loop {
                p.skip_ws();
                let save = p.pos;
                if p.token() == b"trailer" {
                    break;
                }
                p.pos = save;
                let start = p
                    .parse_uint()
                    .ok_or_else(|| Error::malformed("bad subsection header"))?;
                let count = p
                    .parse_uint()
                    .ok_or_else(|| Error::malformed("bad subsection count"))?;
                if count > 10_000_000 || start > u32::MAX as u64 {
                    return Err(Error::malformed("absurd subsection size"));
                }
                for i in 0..count {
                    count_entry(entries)?;
                    let o = p
                        .parse_uint()
                        .ok_or_else(|| Error::malformed("bad entry offset"))?;
                    let g = p
                        .parse_uint()
                        .ok_or_else(|| Error::malformed("bad entry generation"))?;
                    let kind = p.token();
                    let id = (start + i) as u32;
                    let entry = match kind {
                        b"n" => Entry::Offset(o as usize, g.min(65535) as u16),
                        b"f" => Entry::Free,
                        _ => return Err(Error::malformed("entry is neither `n` nor `f`")),
                    };
                    self.xref.entry(id).or_insert(entry);
                }
            }
            match p.parse_object()? {
                Obj::Dict(d) => Ok((d, false)),
                _ => Err(Error::malformed("trailer is not a dictionary")),
            }
        } else {
            let (_, obj) = parse_indirect(self.data, off, |_| None)?;
            let Obj::Stream(dict, raw) = obj else {
                return Err(Error::malformed("neither `xref` nor an xref stream"));
            };
            if dict.name(b"Type") != Some(b"XRef") {
                return Err(Error::malformed("stream is not /Type /XRef"));
            }
            let data = decode_stream(&dict, &raw, &self.budget)?;
            let w: Vec<usize> = dict
                .get(b"W")
                .and_then(Obj::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Obj::as_int)
                        .map(|v| v.clamp(0, 8) as usize)
                        .collect()
                })
                .unwrap_or_default();
            if w.len() != 3 || w.iter().sum::<usize>() == 0 {
                return Err(Error::malformed("bad /W in xref stream"));
            }
            let size = dict.int(b"Size").unwrap_or(0).max(0);
            let index: Vec<i64> = match dict.get(b"Index").and_then(Obj::as_array) {
                Some(a) => a.iter().filter_map(Obj::as_int).collect(),
                None => vec![0, size],
            };
            let rec = w[0] + w[1] + w[2];
            let mut rows = data.chunks_exact(rec);
            for pair in index.chunks_exact(2) {
                let (start, count) = (pair[0].max(0) as u64, pair[1].max(0) as u64);
                for i in 0..count {
                    let Some(row) = rows.next() else { break };
                    count_entry(entries)?;
                    let field = |from: usize, len: usize| {
                        row[from..from + len]
                            .iter()
                            .fold(0u64, |a, &b| a << 8 | b as u64)
                    };
                    let t = if w[0] == 0 { 1 } else { field(0, w[0]) };
                    let f2 = field(w[0], w[1]);
                    let f3 = field(w[0] + w[1], w[2]);
                    let entry = match t {
                        0 => Entry::Free,
                        1 => Entry::Offset(f2 as usize, f3.min(65535) as u16),
                        2 => Entry::InStream(
                            f2.min(u32::MAX as u64) as u32,
                            f3.min(u32::MAX as u64) as u32,
                        ),
                        _ => continue,
                    };
                    if start + i <= u32::MAX as u64 {
                        self.xref.entry((start + i) as u32).or_insert(entry);
                    }
                }
            }
            Ok((dict, true))
        }
    }
}
