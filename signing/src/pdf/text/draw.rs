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
        let mut pending = 0.0f32; // TJ adjustment (thousandths of an em) not yet written
        let groups = cluster_groups(line);
        for (i, gl) in line.glyphs.iter().enumerate() {
            let used_idx = self.used_font(style.bold, gl.font);
            let cid = self.map_glyph(used_idx, line, i, groups[i].clone());
            let used = &self.used[used_idx];
            if current != Some(used_idx) || (gl.y_offset * size - rise).abs() > 0.005 {
                if open {
                    flush_adjust(&mut out, &mut pending);
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
            // TJ numbers move the pen left by n/1000 em: place the glyph at its x offset,
            // then bring the pen to the shaped advance instead of the font's own width.
            pending -= gl.x_offset * 1000.0;
            flush_adjust(&mut out, &mut pending);
            let _ = write!(out, "<{cid:04X}>");
            let natural = used.font.advance_1000(gl.gid);
            pending += gl.x_offset * 1000.0 + natural - gl.advance * 1000.0;
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
    /// drawing order). A CID is a glyph *with a meaning*: the ')' glyph drawn for a '(' in
    /// Arabic text gets another CID than the ')' of a Latin line, so each extracts right.
    fn map_glyph(&mut self, used_idx: usize, line: &ShapedLine, i: usize, group: Range<usize>) -> u16 {
        let gl = &line.glyphs[i];
        let used = &mut self.used[used_idx];
        let cluster = &line.text[gl.cluster.clone()];
        let face = used.font.face();
        let nominal = |c: char| face.glyph_index(c).map(|g| g.0);
        let meaning: Cow<'_, str> = if group.len() <= 1 {
            // One glyph for the cluster: a letter, a contextual form, or a ligature.
            Cow::Borrowed(cluster)
        } else if let Some(c) = cluster.chars().find(|&c| nominal(c) == Some(gl.gid)) {
            // Base letter and marks drawn apart: each glyph is its own character.
            Cow::Owned(c.to_string())
        } else {
            // A mark or contextual form inside a multi-glyph cluster: the first character
            // no other glyph of the cluster claims.
            let claimed: Vec<char> = line.glyphs[group]
                .iter()
                .filter_map(|o| cluster.chars().find(|&c| nominal(c) == Some(o.gid)))
                .collect();
            Cow::Owned(cluster.chars().find(|c| !claimed.contains(c)).map(String::from).unwrap_or_default())
        };
        // Extractors (poppler, pdf.js) read a right-to-left line in drawing order and then
        // reverse it character by character; a ligature such as lam-alef must therefore be
        // mapped in drawing order too, or "السلام" comes back as "السالم".
        let meaning = if gl.rtl && meaning.chars().nth(1).is_some() {
            Cow::Owned(meaning.chars().rev().collect())
        } else {
            meaning
        };
        used.cid_for(gl.gid, &meaning)
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

/// Writes a pending TJ adjustment if it is large enough to matter.
fn flush_adjust(out: &mut Vec<u8>, pending: &mut f32) {
    if pending.abs() >= 0.05 {
        let _ = write!(out, " {} ", num(*pending));
    }
    *pending = 0.0;
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
