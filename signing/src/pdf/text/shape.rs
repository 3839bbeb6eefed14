//! One line of text to positioned glyphs: bidi reordering (UAX #9, `unicode-bidi`), a font
//! per run from the fallback chain, then OpenType shaping (`rustybuzz`) so Arabic letters
//! take their joined forms and marks sit on their bases.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use rustybuzz::{BufferFlags, UnicodeBuffer};
use unicode_bidi::{bidi_class, BidiClass, Level, ParagraphBidiInfo};

use super::{Direction, FontSet};

/// A glyph placed on the line, in visual (left-to-right drawing) order.
#[derive(Clone, Debug)]
pub(crate) struct Glyph {
    /// Index of the font in the set.
    pub font: usize,
    /// Glyph ID in the original font.
    pub gid: u16,
    /// Advance, x and y offsets in ems (multiply by the font size for points).
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Bytes of the line's text that this glyph's cluster stands for.
    pub cluster: Range<usize>,
    /// Whether the glyph belongs to a right-to-left run.
    pub rtl: bool,
}

/// A shaped line: glyphs in visual order and the total width in ems.
#[derive(Clone, Debug, Default)]
pub(crate) struct ShapedLine {
    pub text: String,
    pub glyphs: Vec<Glyph>,
    pub width: f32,
    /// The resolved paragraph direction (decides what `Align::Start` means).
    pub rtl: bool,
}

/// Control characters would shape to boxes; a line shows them as spaces.
/// ASCII controls are one byte, as is the space, so byte offsets stay valid.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_control() { ' ' } else { c }).collect()
}

/// Shaped lines by font chain (its fonts' ids), direction and text. Documents made by the
/// hundred (receipts) repeat most of their words and labels; shaping them again cost about
/// as much as the rest of the layout. Bounded: emptied when full.
type ShapeKey = (Vec<u64>, u8, String);
static SHAPED: Mutex<Option<HashMap<ShapeKey, Arc<ShapedLine>>>> = Mutex::new(None);
const SHAPED_MAX: usize = 4096;
/// Longer texts (whole paragraphs) are rarely drawn twice: not kept.
const SHAPED_MAX_TEXT: usize = 160;

/// Shapes `text` as one line in the given base direction (the same result for the same
/// fonts, direction and text, so it is kept and shared).
pub(crate) fn shape_line(set: &FontSet, text: &str, dir: Direction) -> Arc<ShapedLine> {
    if text.len() > SHAPED_MAX_TEXT {
        return Arc::new(shape_uncached(set, text, dir));
    }
    let dir_code = match dir {
        Direction::Auto => 0,
        Direction::Ltr => 1,
        Direction::Rtl => 2,
    };
    let key: ShapeKey = (set.fonts.iter().map(|f| f.id).collect(), dir_code, text.to_owned());
    if let Some(hit) = SHAPED.lock().unwrap_or_else(|p| p.into_inner()).as_ref().and_then(|m| m.get(&key)) {
        return hit.clone();
    }
    let shaped = Arc::new(shape_uncached(set, text, dir));
    let mut cache = SHAPED.lock().unwrap_or_else(|p| p.into_inner());
    let map = cache.get_or_insert_with(HashMap::new);
    if map.len() >= SHAPED_MAX {
        map.clear();
    }
    map.insert(key, shaped.clone());
    shaped
}

fn shape_uncached(set: &FontSet, text: &str, dir: Direction) -> ShapedLine {
    let text = clean(text);
    if text.is_empty() {
        return ShapedLine { rtl: dir == Direction::Rtl, text, ..Default::default() };
    }
    let level = match dir {
        Direction::Auto => None,
        Direction::Ltr => Some(Level::ltr()),
        Direction::Rtl => Some(Level::rtl()),
    };
    let bidi = ParagraphBidiInfo::new(&text, level);
    let rtl = bidi.paragraph_level.is_rtl();
    let (levels, runs) = bidi.visual_runs(0..text.len());
    let mut glyphs = Vec::with_capacity(text.len());
    for run in runs {
        let run_rtl = levels[run.start].is_rtl();
        let mut pieces = font_runs(set, &text, run);
        if run_rtl {
            pieces.reverse();
        }
        for (font, range) in pieces {
            shape_piece(set, font, &text, range, run_rtl, &mut glyphs);
        }
    }
    let width = glyphs.iter().map(|g| g.advance).sum();
    ShapedLine { text, glyphs, width, rtl }
}

/// Splits one bidi run (logical order) into pieces that each use one font. Letters take the
/// first font that has them; spaces, digits, punctuation and marks stay with their
/// neighbours when those fonts have them, so a word is never split mid-way.
fn font_runs(set: &FontSet, text: &str, run: Range<usize>) -> Vec<(usize, Range<usize>)> {
    let chars: Vec<(usize, char)> =
        text[run.clone()].char_indices().map(|(i, c)| (run.start + i, c)).collect();
    let strong = |c: char| matches!(bidi_class(c), BidiClass::L | BidiClass::R | BidiClass::AL);
    let mut fonts: Vec<Option<usize>> =
        chars.iter().map(|&(_, c)| if strong(c) { set.first_covering(c) } else { None }).collect();
    let covers = |f: usize, c: char| set.fonts[f].covers(c);
    for i in 0..chars.len() {
        let c = chars[i].1;
        if strong(c) && fonts[i].is_some() {
            continue;
        }
        let prev = if i > 0 { fonts[i - 1] } else { None };
        // Format characters (ZWJ, ZWNJ...) steer joining: keep them inside their word.
        let format = bidi_class(c) == BidiClass::BN;
        let chosen = match prev {
            Some(p) if format || covers(p, c) => Some(p),
            _ => {
                let next = (i + 1..chars.len()).find_map(|j| fonts[j].filter(|_| strong(chars[j].1)));
                match next {
                    Some(n) if format || covers(n, c) => Some(n),
                    _ => set.first_covering(c),
                }
            }
        };
        if chosen.is_none() && !c.is_whitespace() {
            tracing::debug!(character = %c.escape_unicode(), "no font in the set draws this character");
        }
        fonts[i] = chosen.or(prev).or(Some(0));
    }
    let mut out: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let f = fonts[i].unwrap_or(0);
        match out.last_mut() {
            Some((lf, r)) if *lf == f => r.end = pos + c.len_utf8(),
            _ => out.push((f, pos..pos + c.len_utf8())),
        }
    }
    out
}

/// Shapes one single-font, single-direction piece and appends its glyphs in visual order.
fn shape_piece(
    set: &FontSet,
    font_idx: usize,
    text: &str,
    range: Range<usize>,
    rtl: bool,
    out: &mut Vec<Glyph>,
) {
    let font = &set.fonts[font_idx];
    let mut buf = UnicodeBuffer::new();
    buf.push_str(&text[range.clone()]);
    buf.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let mut flags = BufferFlags::empty();
    if range.start == 0 {
        flags |= BufferFlags::BEGINNING_OF_TEXT;
    }
    if range.end == text.len() {
        flags |= BufferFlags::END_OF_TEXT;
    }
    buf.set_flags(flags);
    buf.guess_segment_properties();
    let plan = font.plan(buf.direction(), Some(buf.script()));
    let shaped = rustybuzz::shape_with_plan(font.face(), &plan, buf);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    // Cluster values are byte offsets into the piece; a cluster ends where the next begins.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let upem = font.units_per_em;
    for (info, pos) in infos.iter().zip(positions) {
        let start = info.cluster as usize;
        let end = match starts.binary_search(&start) {
            Ok(k) if k + 1 < starts.len() => starts[k + 1],
            _ => range.len(),
        };
        out.push(Glyph {
            font: font_idx,
            gid: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance as f32 / upem,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
            cluster: range.start + start..range.start + end,
            rtl,
        });
    }
}
