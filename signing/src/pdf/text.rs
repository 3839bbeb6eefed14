//! Multilingual text for PDF content streams: French, English, Arabic (right-to-left,
//! joined letters) and Amazigh in Tifinagh on the same page or the same line.
//!
//! Text is reordered (bidi), given a font per run from a fallback chain ([`FontSet`]),
//! shaped, and drawn by glyph ID through Type0 fonts. A [`TextWriter`] remembers which glyphs
//! a document used; [`TextWriter::finish`] embeds only those (font subsets, with widths and a
//! /ToUnicode map so `pdftotext`, search and copy-paste give the text back).
//!
//! The same writer serves a new document ([`super::compose::Composer`]) and a signature
//! appearance in an incremental update: [`TextWriter::finish`] hands the font objects to any
//! [`ObjectSink`] and returns the /Font resources for the Form XObject.
//!
//! ```no_run
//! use sijill_signing::pdf::text::{Align, FontSet, TextWriter};
//! # fn main() -> Result<(), sijill_signing::Error> {
//! let mut w = TextWriter::new(FontSet::system_default()?);
//! // Content operators for a 200 × 50 pt form: right-aligned, mixed Arabic and Latin.
//! let ops: Vec<u8> = w.line(196.0, 30.0, 10.0, "وقعه: Amina El Idrissi", Align::Right);
//! let mut objects: Vec<Vec<u8>> = Vec::new();
//! let fonts = w.finish(&mut |body: Vec<u8>| {
//!     objects.push(body); // e.g. `let id = inc.alloc(); inc.add_raw(id, 0, &body); id`
//!     objects.len() as u32 + 100
//! })?;
//! // Form XObject: /Resources << /Font {fonts.to_dict()} >>, content `ops`.
//! # let _ = (ops, fonts.to_dict()); Ok(()) }
//! ```

mod draw;
mod embed;
mod fonts;
mod shape;

use unicode_bidi::{bidi_class, BidiClass};

use crate::Error;
use embed::UsedFont;
pub use embed::{FontResources, ObjectSink};
pub use fonts::{Font, FontSet, NOTO_DIR};
use shape::shape_line;

pub(crate) use draw::num;
pub(crate) use embed::{deflate, stream, text_string};

/// Base direction of a line or paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// From the first strong letter (Arabic → right-to-left), left-to-right if none.
    #[default]
    Auto,
    /// Left-to-right (French, English, Tifinagh).
    Ltr,
    /// Right-to-left (Arabic).
    Rtl,
}

/// Horizontal alignment relative to the anchor `x` of a line (or the box of a paragraph).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    /// The line starts at the anchor.
    Left,
    /// The line is centred on the anchor.
    Center,
    /// The line ends at the anchor.
    Right,
    /// Left for left-to-right text, right for right-to-left text.
    #[default]
    Start,
    /// Right for left-to-right text, left for right-to-left text.
    End,
}

/// How a piece of text looks. Build with [`TextStyle::new`] and the chained setters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// Font size in points.
    pub size: f32,
    /// Where the anchor is (see [`Align`]).
    pub align: Align,
    /// Base direction for the bidi algorithm.
    pub direction: Direction,
    /// Use the writer's bold font set.
    pub bold: bool,
    /// Fill colour, RGB components in 0..=1.
    pub color: [f32; 3],
    /// Distance between baselines of wrapped lines, as a multiple of `size`.
    pub leading: f32,
}

impl TextStyle {
    /// Black, regular, start-aligned, automatic direction, leading 1.3.
    pub fn new(size: f32) -> TextStyle {
        TextStyle {
            size,
            align: Align::Start,
            direction: Direction::Auto,
            bold: false,
            color: [0.0; 3],
            leading: 1.3,
        }
    }
    /// Sets the alignment.
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    /// Sets the base direction (a left-to-right table cell holding an Arabic file name).
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }
    /// Uses the bold font set.
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    /// Sets the fill colour (RGB, 0..=1).
    pub fn color(mut self, r: f32, g: f32, b: f32) -> Self {
        self.color = [r, g, b];
        self
    }
    /// Sets the distance between wrapped lines, as a multiple of the size.
    pub fn leading(mut self, leading: f32) -> Self {
        self.leading = leading;
        self
    }
}

/// Turns text into content-stream operators and collects the glyphs used, per font, for
/// one document (or one appearance stream).
pub struct TextWriter {
    regular: FontSet,
    bold: FontSet,
    used: Vec<UsedFont>,
}

impl TextWriter {
    /// A writer drawing with `fonts` (also used for bold until [`TextWriter::with_bold`]).
    pub fn new(fonts: FontSet) -> TextWriter {
        TextWriter { bold: fonts.clone(), regular: fonts, used: Vec::new() }
    }

    /// Sets the font chain used for [`TextStyle::bold`] text.
    pub fn with_bold(mut self, bold: FontSet) -> TextWriter {
        self.bold = bold;
        self
    }

    fn set(&self, bold: bool) -> &FontSet {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Width in points of `text` on one line in `style`.
    pub fn measure(&self, text: &str, style: &TextStyle) -> f32 {
        shape_line(self.set(style.bold), text, style.direction).width * style.size
    }

    /// One line of text with its alignment anchor at `x` and baseline at `y` (points, PDF
    /// user space): content operators to append to a page or form content stream.
    pub fn line(&mut self, x: f32, y: f32, size: f32, text: &str, align: Align) -> Vec<u8> {
        self.line_styled(x, y, text, &TextStyle::new(size).align(align))
    }

    /// Like [`TextWriter::line`], with a full [`TextStyle`].
    pub fn line_styled(&mut self, x: f32, y: f32, text: &str, style: &TextStyle) -> Vec<u8> {
        self.line_measured(x, y, text, style).0
    }

    /// Like [`TextWriter::line_styled`], also returning the width drawn in points.
    pub fn line_measured(&mut self, x: f32, y: f32, text: &str, style: &TextStyle) -> (Vec<u8>, f32) {
        let shaped = shape_line(self.set(style.bold), text, style.direction);
        let width = shaped.width * style.size;
        let left = match resolve(style.align, shaped.rtl) {
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
            _ => x,
        };
        (self.draw(&shaped, style, left, y), width)
    }

    /// Breaks `text` into lines no wider than `width` points: at spaces, at explicit
    /// newlines, and inside a word only when the word alone is too wide.
    pub fn wrap(&self, text: &str, width: f32, style: &TextStyle) -> Vec<String> {
        let set = self.set(style.bold);
        let w = |s: &str| shape_line(set, s, style.direction).width * style.size;
        let space = w(" ");
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut cur = String::new();
            let mut cur_w = 0.0;
            for word in para.split_whitespace() {
                let ww = w(word);
                if !cur.is_empty() && cur_w + space + ww <= width {
                    cur.push(' ');
                    cur.push_str(word);
                    cur_w += space + ww;
                    continue;
                }
                if !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                }
                if ww <= width {
                    cur = word.to_string();
                    cur_w = ww;
                } else {
                    // Hashes and URLs have no spaces: cut them by characters.
                    for c in word.chars() {
                        let cw = w(c.encode_utf8(&mut [0; 4]));
                        if !cur.is_empty() && cur_w + cw > width {
                            lines.push(std::mem::take(&mut cur));
                            cur_w = 0.0;
                        }
                        cur.push(c);
                        cur_w += cw;
                    }
                }
            }
            lines.push(cur);
        }
        lines
    }

    /// A wrapped paragraph in the box from `x` to `x + width`, first baseline at `y`.
    /// Returns the operators and the y of the baseline after the last line.
    pub fn paragraph(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        text: &str,
        style: &TextStyle,
    ) -> (Vec<u8>, f32) {
        // Every line of a paragraph keeps the paragraph's direction, even a line that holds
        // only Latin words inside Arabic text.
        let mut style = *style;
        if style.direction == Direction::Auto {
            style.direction = base_direction(text);
        }
        let rtl = style.direction == Direction::Rtl;
        let anchor = match resolve(style.align, rtl) {
            Align::Right => x + width,
            Align::Center => x + width / 2.0,
            _ => x,
        };
        let mut ops = Vec::new();
        let mut y = y;
        for line in self.wrap(text, width, &style) {
            ops.extend(self.line_styled(anchor, y, &line, &style));
            y -= style.size * style.leading;
        }
        (ops, y)
    }

    /// Whether no text was drawn yet (then [`TextWriter::finish`] writes nothing).
    pub fn is_empty(&self) -> bool {
        self.used.is_empty()
    }

    /// Embeds the used fonts (subsets, with widths and /ToUnicode) through `sink` and
    /// returns the /Font resources for the content drawn by this writer.
    pub fn finish(self, sink: &mut dyn ObjectSink) -> Result<FontResources, Error> {
        let mut res = Vec::with_capacity(self.used.len());
        for used in &self.used {
            let id = used.write(sink)?;
            res.push((used.res_name.clone(), id));
        }
        Ok(FontResources(res))
    }

    /// The writer's record for a font, created on first use.
    fn used_font(&mut self, bold: bool, font_idx: usize) -> usize {
        let font = &self.set(bold).fonts[font_idx];
        if let Some(i) = self.used.iter().position(|u| u.font.id == font.id) {
            return i;
        }
        let name = format!("SjF{}", self.used.len() + 1);
        self.used.push(UsedFont::new(font.clone(), name));
        self.used.len() - 1
    }

}

/// `Start`/`End` made concrete for a direction.
fn resolve(align: Align, rtl: bool) -> Align {
    match (align, rtl) {
        (Align::Start, false) | (Align::End, true) => Align::Left,
        (Align::Start, true) | (Align::End, false) => Align::Right,
        (a, _) => a,
    }
}

/// The direction of the first strong letter (UAX #9 rules P2–P3), left-to-right if none.
pub fn base_direction(text: &str) -> Direction {
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::L => return Direction::Ltr,
            BidiClass::R | BidiClass::AL => return Direction::Rtl,
            _ => {}
        }
    }
    Direction::Ltr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let s = |v: f32| num(v).to_string();
        assert_eq!(s(0.0), "0");
        assert_eq!(s(-0.001), "0");
        assert_eq!(s(12.5), "12.5");
        assert_eq!(s(-12.345), "-12.35");
        assert_eq!(s(595.28), "595.28");
        assert_eq!(s(0.05), "0.05");
        assert_eq!(s(f32::NAN), "0");
    }

    /// Odd input — bidi controls, lone marks, joiners, emoji, controls, scripts no font has —
    /// never panics and always yields a file-safe operator stream.
    #[test]
    fn odd_text_never_panics() {
        let Ok(set) = FontSet::system_default() else { return };
        let pool: Vec<char> = "aé ،ب ل ا ً ّ ٰ ⵣ ⴰ 1 ٣ ( ) [ . \u{200D}\u{200C}\u{202E}\u{202D}\u{202C}\u{2067}\u{2069}\u{200F}\u{0301}\u{FEFF}\u{0}\t\n\r😀漢\u{10FFFD}\u{FFFF}ﷺ"
            .chars()
            .collect();
        let mut w = TextWriter::new(set);
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for len in 0..300 {
            let text: String = (0..len % 40)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    pool[(seed % pool.len() as u64) as usize]
                })
                .collect();
            let style = TextStyle::new(10.0).direction([Direction::Auto, Direction::Ltr, Direction::Rtl][len % 3]);
            let ops = w.line_styled(10.0, 10.0, &text, &style);
            assert!(ops.is_ascii() && !ops.windows(2).any(|p| p == b"\n\n"), "{text:?}");
            let _ = w.wrap(&text, 30.0, &style);
        }
        let mut sink = |_: Vec<u8>| 1u32;
        assert!(w.finish(&mut sink).is_ok());
    }

    #[test]
    fn start_alignment_follows_direction() {
        assert_eq!(resolve(Align::Start, true), Align::Right);
        assert_eq!(resolve(Align::End, true), Align::Left);
        assert_eq!(resolve(Align::Start, false), Align::Left);
        assert_eq!(base_direction("  (123) إشعار abc"), Direction::Rtl);
        assert_eq!(base_direction("ⴰⵙⵖⵏ إشعار"), Direction::Ltr);
        assert_eq!(base_direction("123"), Direction::Ltr);
    }
}
