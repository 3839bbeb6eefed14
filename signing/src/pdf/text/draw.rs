//! Shaped glyphs to content-stream operators: glyph IDs through Type0 fonts, the shaped
//! advances and offsets kept with TJ adjustments and text rise, and the /ToUnicode meaning
//! of every glyph recorded on first use.

use std::borrow::Cow;
use std::io::Write as _;
use std::ops::Range;

use super::shape::ShapedLine;
use super::{TextStyle, TextWriter};

impl TextWriter {
    /// Emits the glyphs of a shaped line starting at `left`.
    pub(super) fn draw(&mut self, line: &ShapedLine, style: &TextStyle, left: f32, y: f32) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + line.glyphs.len() * 8);
        if line.glyphs.is_empty() {
            return out;
        }
        let size = style.size;
        let [r, g, b] = style.color;
        let _ = write!(out, "q {} {} {} rg BT {} {} Td ", num(r), num(g), num(b), num(left), num(y));
        let mut current: Option<usize> = None;
        let mut rise = 0.0f32;
        let mut open = false;
        let groups = cluster_groups(line);
        // Where each glyph goes, in ems from the line start, from the shaped advances.
        let mut xs = Vec::with_capacity(line.glyphs.len());
        let mut x = 0.0f32;
        for gl in &line.glyphs {
            xs.push(x + gl.x_offset);
            x += gl.advance;
        }
        // Drawing order: visual, except that a right-to-left cluster (base letter and its
        // marks) is drawn base first, as it is read. Positions are explicit, so the order
        // does not move anything; it lets extractors attach each mark to its letter.
        let mut order: Vec<usize> = (0..line.glyphs.len()).collect();
        for g in &groups {
            if g.len() > 1 && line.glyphs[g.start].rtl && order[g.start] == g.start {
                order[g.clone()].reverse();
            }
        }
        let mut pen = 0.0f32; // where the PDF's text position is, in ems from the line start
        for &i in &order {
            let gl = &line.glyphs[i];
            let used_idx = self.used_font(style.bold, gl.font);
            let cid = self.map_glyph(used_idx, line, i, groups[i].clone());
            let used = &self.used[used_idx];
            if current != Some(used_idx) || (gl.y_offset * size - rise).abs() > 0.005 {
                if open {
                    out.extend_from_slice(b"] TJ ");
                    open = false;
                }
                if current != Some(used_idx) {
                    let _ = write!(out, "/{} {} Tf ", used.res_name, num(size));
                    current = Some(used_idx);
                }
                if (gl.y_offset * size - rise).abs() > 0.005 {
                    rise = gl.y_offset * size;
                    let _ = write!(out, "{} Ts ", num(rise));
                }
            }
            if !open {
                out.push(b'[');
                open = true;
            }
            // A TJ number n moves the pen left by n/1000 em. Tiny moves are skipped; the
            // next glyph's move makes up for them, so nothing drifts along the line.
            let shift = (xs[i] - pen) * 1000.0;
            if shift.abs() >= 0.05 {
                let _ = write!(out, " {} ", num(-shift));
                pen = xs[i];
            }
            let _ = write!(out, "<{cid:04X}>");
            pen += used.font.advance_1000(gl.gid) / 1000.0;
        }
        if open {
            out.extend_from_slice(b"] TJ ");
        }
        if rise != 0.0 {
            out.extend_from_slice(b"0 Ts ");
        }
        out.extend_from_slice(b"ET Q\n");
        out
    }

    /// The CID for glyph `i` of `line`, whose cluster spans glyphs `group` (contiguous in
    /// visual order). A CID is a glyph *with a meaning*: the ')' glyph drawn for a '(' in
    /// Arabic text gets another CID than the ')' of a Latin line, so each extracts right.
    fn map_glyph(&mut self, used_idx: usize, line: &ShapedLine, i: usize, group: Range<usize>) -> u16 {
        let gl = &line.glyphs[i];
        let cluster = line.text.get(gl.cluster.clone()).unwrap_or_default();
        // The glyph drawn first carries the whole cluster (a letter, a contextual form, a
        // ligature, or a letter with its marks); the marks drawn after it carry nothing, so
        // extractors do not split a vowelled Arabic word into letters and stray marks.
        let first = if gl.rtl { group.end - 1 } else { group.start };
        let meaning: Cow<'_, str> = if i != first {
            Cow::Borrowed("")
        } else if gl.rtl && cluster.chars().nth(1).is_some() {
            // Extractors (poppler, pdf.js) read a right-to-left line in drawing order, then
            // reverse it character by character: a lam-alef ligature or a letter with its
            // vowel must be mapped reversed too, or "السلام" comes back as "السالم".
            Cow::Owned(cluster.chars().rev().collect())
        } else {
            Cow::Borrowed(cluster)
        };
        self.used[used_idx].cid_for(gl.gid, &meaning)
    }
}

/// For each glyph, the range of glyphs drawing the same cluster with the same font.
fn cluster_groups(line: &ShapedLine) -> Vec<Range<usize>> {
    let g = &line.glyphs;
    let mut out = Vec::with_capacity(g.len());
    let mut start = 0;
    for i in 1..=g.len() {
        if i == g.len() || g[i].cluster != g[start].cluster || g[i].font != g[start].font {
            out.extend(std::iter::repeat_n(start..i, i - start));
            start = i;
        }
    }
    out
}

/// A number for a content stream: at most two decimals, no trailing zeros, written without
/// allocating (a QR code alone has hundreds).
pub(crate) fn num(v: f32) -> Num {
    Num(v)
}

/// See [`num`].
#[derive(Clone, Copy)]
pub(crate) struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0.clamp(-1e9, 1e9) } else { 0.0 };
        let hundredths = (f64::from(v) * 100.0).round() as i64;
        if hundredths < 0 {
            f.write_str("-")?;
        }
        let (int, frac) = (hundredths.abs() / 100, hundredths.abs() % 100);
        write!(f, "{int}")?;
        match frac {
            0 => Ok(()),
            _ if frac % 10 == 0 => write!(f, ".{}", frac / 10),
            _ => write!(f, ".{frac:02}"),
        }
    }
}
