//! The normal appearance of a visible signature: a bordered box with text lines.
//! Latin-1 text uses the standard Helvetica font (nothing embedded, fastest); any other
//! script (Arabic, Tifinagh...) is shaped and drawn with embedded subset fonts by
//! [`super::text::TextWriter`].

use super::object::{Dict, Obj};
use super::text::{base_direction, Align, Direction, FontSet, TextWriter};
use super::writer::Incremental;
use crate::Error;
use std::io::Write;
use std::sync::OnceLock;

/// Where and what to draw.
pub struct Appearance<'a> {
    /// Zero-based page index.
    pub page: usize,
    /// [x1 y1 x2 y2] in page space.
    pub rect: [f64; 4],
    pub lines: &'a [String],
    /// PNG or JPEG drawn at the left of the box (the text moves right of it).
    pub image: Option<&'a [u8]>,
}

fn name(s: &str) -> Obj {
    Obj::Name(s.as_bytes().to_vec())
}

/// Writes the appearance XObject (and its font) and returns its object number.
pub fn write(inc: &mut Incremental, app: &Appearance<'_>) -> Result<u32, Error> {
    let w = (app.rect[2] - app.rect[0]).abs();
    let h = (app.rect[3] - app.rect[1]).abs();
    if !(w > 0.0 && h > 0.0 && w < 20_000.0 && h < 20_000.0) {
        return Err(Error::InvalidOption(
            "the visible signature rectangle is empty or too large".into(),
        ));
    }
    let n = app.lines.len().max(1) as f64;
    let size = ((h - 4.0) / n / 1.25).clamp(4.0, 14.0);
    let mut border = format!(
        "q 0.2 0.2 0.5 RG 1 w 0.5 0.5 {:.2} {:.2} re S Q\n",
        w - 1.0,
        h - 1.0
    );
    let mut xobjects = Dict::new();
    let mut text_x = 4.0;
    if let Some(bytes) = app.image {
        let img = super::compose::image::load(bytes)?;
        let smask = img.smask.as_ref().map(|m| {
            let id = inc.alloc();
            inc.add_raw(id, 0, m);
            id
        });
        let id = inc.alloc();
        inc.add_raw(id, 0, &img.body(smask));
        // Fit the image's height into the box, keeping its aspect ratio, at most half the width.
        let ih = h - 4.0;
        let iw = (ih * img.width as f64 / img.height.max(1) as f64).min(w / 2.0);
        let ih = iw * img.height as f64 / img.width.max(1) as f64;
        border.push_str(&format!(
            "q {iw:.2} 0 0 {ih:.2} 2 {:.2} cm /Im1 Do Q\n",
            (h - ih) / 2.0
        ));
        xobjects.set(b"Im1", Obj::Ref(id, 0));
        text_x = iw + 6.0;
    }
    let latin = app
        .lines
        .iter()
        .all(|l| l.chars().all(|c| winansi(c) != b'?' || c == '?'));
    if !latin {
        if let Some(fonts) = system_fonts() {
            return write_shaped(inc, app, fonts, [w, h, size, text_x], border, xobjects);
        }
        tracing::warn!("no fonts for non-Latin signature text; drawing with Helvetica");
    }
    let font_id = inc.alloc();
    let mut font = Dict::new();
    font.set(b"Type", name("Font"));
    font.set(b"Subtype", name("Type1"));
    font.set(b"BaseFont", name("Helvetica"));
    font.set(b"Encoding", name("WinAnsiEncoding"));
    inc.add(font_id, 0, &Obj::Dict(font));

    let mut content = border.into_bytes();
    content.extend_from_slice(b"BT 0 g\n");
    let _ = writeln!(
        content,
        "/F1 {size:.2} Tf {:.2} TL {text_x:.2} {:.2} Td",
        size * 1.25,
        h - 2.0 - size
    );
    for (i, line) in app.lines.iter().enumerate() {
        if i > 0 {
            content.extend_from_slice(b"T* ");
        }
        content.push(b'(');
        for ch in line.chars() {
            let b = winansi(ch);
            if matches!(b, b'(' | b')' | b'\\') {
                content.push(b'\\');
            }
            content.push(b);
        }
        content.extend_from_slice(b") Tj\n");
    }
    content.extend_from_slice(b"ET\n");

    let mut fonts = Dict::new();
    fonts.set(b"F1", Obj::Ref(font_id, 0));
    let mut res = Dict::new();
    res.set(b"Font", Obj::Dict(fonts));
    if !xobjects.0.is_empty() {
        res.set(b"XObject", Obj::Dict(xobjects));
    }
    Ok(form(inc, w, h, res, content))
}

/// Writes the Form XObject and returns its object number.
fn form(inc: &mut Incremental, w: f64, h: f64, res: Dict, content: Vec<u8>) -> u32 {
    let mut d = Dict::new();
    d.set(b"Type", name("XObject"));
    d.set(b"Subtype", name("Form"));
    d.set(
        b"BBox",
        Obj::Array(vec![Obj::Int(0), Obj::Int(0), Obj::Real(w), Obj::Real(h)]),
    );
    d.set(b"Resources", Obj::Dict(res));
    let id = inc.alloc();
    inc.add(id, 0, &Obj::Stream(d, content));
    id
}

/// The system font chain, loaded once per process.
fn system_fonts() -> Option<&'static FontSet> {
    static FONTS: OnceLock<Option<FontSet>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            FontSet::system_default()
                .map_err(|e| tracing::warn!("fonts: {e}"))
                .ok()
        })
        .as_ref()
}

/// Draws shaped lines (each aligned to its own base direction) with embedded subset fonts.
fn write_shaped(
    inc: &mut Incremental,
    app: &Appearance<'_>,
    fonts: &FontSet,
    [w, h, size, text_x]: [f64; 4],
    border: String,
    xobjects: Dict,
) -> Result<u32, Error> {
    let mut tw = TextWriter::new(fonts.clone());
    let mut content = border.into_bytes();
    for (i, line) in app.lines.iter().enumerate() {
        let y = (h - 2.0 - size - i as f64 * size * 1.25) as f32;
        let ops = if base_direction(line) == Direction::Rtl {
            tw.line((w - 4.0) as f32, y, size as f32, line, Align::Right)
        } else {
            tw.line(text_x as f32, y, size as f32, line, Align::Left)
        };
        content.extend(ops);
    }
    let res_fonts = tw.finish(&mut |body: Vec<u8>| {
        let id = inc.alloc();
        inc.add_raw(id, 0, &body);
        id
    })?;
    let mut fd = Dict::new();
    for (name, id) in &res_fonts.0 {
        fd.set(name.as_bytes(), Obj::Ref(*id, 0));
    }
    let mut res = Dict::new();
    res.set(b"Font", Obj::Dict(fd));
    if !xobjects.0.is_empty() {
        res.set(b"XObject", Obj::Dict(xobjects));
    }
    Ok(form(inc, w, h, res, content))
}

/// Maps a character to WinAnsi (Latin-1 subset); others become '?'.
fn winansi(c: char) -> u8 {
    match c as u32 {
        0x20..=0x7e | 0xa0..=0xff => c as u32 as u8,
        _ => b'?',
    }
}
