//! Composes new PDF documents — receipts (accusés de réception), register books — with
//! multilingual text ([`super::text`]), rules, boxes, vector QR codes and images.
//!
//! Coordinates are PDF points from the bottom-left corner of an A4 page
//! ([`A4_WIDTH`] × [`A4_HEIGHT`]); `y` of text is its baseline.
//!
//! ```
//! use sijill_signing::pdf::compose::{Composer, DocInfo};
//! use sijill_signing::pdf::text::{Align, FontSet, TextStyle};
//! # fn main() -> Result<(), sijill_signing::Error> {
//! # if FontSet::system_default().is_err() { return Ok(()); } // fonts-noto-core missing
//! let mut c = Composer::new(FontSet::system_default()?).with_bold(FontSet::system_bold()?);
//! c.info(DocInfo { title: "Accusé de réception".into(), lang: "fr".into(), ..Default::default() });
//! c.page();
//! c.text_styled(50.0, 790.0, "Accusé de réception", &TextStyle::new(16.0).bold());
//! c.text(545.0, 790.0, 14.0, "إشعار بالتوصل", Align::Right);
//! c.text(545.0, 770.0, 12.0, "ⴰⵙⵖⵏ ⵏ ⵓⵙⵉⴳⴳⵍ", Align::Right);
//! c.rule(50.0, 760.0, 545.0, 760.0, 0.5);
//! let y = c.paragraph(50.0, 740.0, 495.0, "Objet : demande de certificat…", &TextStyle::new(10.0));
//! c.qr(445.0, y - 110.0, 100.0, "https://sijill.example/v/MTNRA-2026-A-000123")?;
//! let pdf: Vec<u8> = c.finish()?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok(()) }
//! ```

mod file;
pub(crate) mod image;

use std::io::Write as _;


use super::text::{num, stream, text_string, Align, FontSet, ObjectSink, TextStyle, TextWriter};
use file::PdfFile;
use crate::Error;

/// A4 width in points (210 mm).
pub const A4_WIDTH: f32 = 595.28;
/// A4 height in points (297 mm).
pub const A4_HEIGHT: f32 = 841.89;

/// Document information (the /Info dictionary) and the document language.
#[derive(Clone, Debug, Default)]
pub struct DocInfo {
    /// Shown by viewers in the window title.
    pub title: String,
    /// The person or body the document is from (e.g. the administration).
    pub author: String,
    /// What the document is about.
    pub subject: String,
    /// Search keywords, comma-separated.
    pub keywords: String,
    /// The application that made the content (e.g. "Sijill").
    pub creator: String,
    /// Creation date in PDF form (`D:20260315103000Z`); left out when empty, so the same
    /// content gives the same bytes.
    pub creation_date: String,
    /// Natural language of the document (BCP 47: "fr", "ar", "zgh", "en").
    pub lang: String,
}

#[derive(Default)]
struct Page {
    ops: Vec<u8>,
    /// Indexes into `Composer::images` drawn on this page.
    images: Vec<usize>,
}

/// Builds a new PDF, page by page. Drawing before the first [`Composer::page`] starts a page.
pub struct Composer {
    text: TextWriter,
    pages: Vec<Page>,
    /// Index of the page drawing goes to.
    current: usize,
    images: Vec<(u64, image::ImageObject)>,
    info: DocInfo,
}

impl Composer {
    /// A composer drawing text with `fonts` (regular weight; bold too until
    /// [`Composer::with_bold`]).
    pub fn new(fonts: FontSet) -> Composer {
        Composer {
            text: TextWriter::new(fonts),
            pages: Vec::new(),
            current: 0,
            images: Vec::new(),
            info: DocInfo::default(),
        }
    }

    /// Sets the font chain for bold text ([`TextStyle::bold`]).
    pub fn with_bold(mut self, bold: FontSet) -> Composer {
        self.text = self.text.with_bold(bold);
        self
    }

    /// Sets the document information and language.
    pub fn info(&mut self, info: DocInfo) {
        self.info = info;
    }

    /// Starts a new A4 page at the end; later drawing goes on it.
    pub fn page(&mut self) {
        self.pages.push(Page::default());
        self.current = self.pages.len() - 1;
    }

    /// Sends later drawing to page `index` (from 0), e.g. to write "page 2 of 5" footers
    /// once the page count is known. Returns false, changing nothing, if there is no such page.
    pub fn goto_page(&mut self, index: usize) -> bool {
        if index < self.pages.len() {
            self.current = index;
            true
        } else {
            false
        }
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn current(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.page();
        }
        &mut self.pages[self.current]
    }

    /// Width in points of `text` on one line in `style` (to place or right-align things).
    pub fn measure(&self, text: &str, style: &TextStyle) -> f32 {
        self.text.measure(text, style)
    }

    /// Breaks `text` into lines no wider than `width` (see [`TextWriter::wrap`]).
    pub fn wrap(&self, text: &str, width: f32, style: &TextStyle) -> Vec<String> {
        self.text.wrap(text, width, style)
    }

    /// One line of text, regular weight, black; `x` is the left edge, centre or right edge
    /// according to `align`. Returns the width drawn, in points.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str, align: Align) -> f32 {
        self.text_styled(x, y, text, &TextStyle::new(size).align(align))
    }

    /// One line of text in `style`. Returns the width drawn, in points.
    pub fn text_styled(&mut self, x: f32, y: f32, text: &str, style: &TextStyle) -> f32 {
        let (ops, width) = self.text.line_measured(x, y, text, style);
        self.current().ops.extend(ops);
        width
    }

    /// A paragraph wrapped to the box `x .. x + width`, first baseline at `y`, aligned in
    /// the box (an Arabic paragraph with `Align::Start` goes to the right edge). Returns the
    /// baseline below the last line, where the next paragraph can start.
    pub fn paragraph(&mut self, x: f32, y: f32, width: f32, text: &str, style: &TextStyle) -> f32 {
        let (ops, next) = self.text.paragraph(x, y, width, text, style);
        self.current().ops.extend(ops);
        next
    }

    /// A straight line from (x1, y1) to (x2, y2), `width` points thick, black.
    pub fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        let ops = format!(
            "q {} w 0 G {} {} m {} {} l S Q\n",
            num(width), num(x1), num(y1), num(x2), num(y2)
        );
        self.current().ops.extend_from_slice(ops.as_bytes());
    }

    /// A rectangle with its lower-left corner at (x, y): filled with `fill` (RGB 0..=1) if
    /// given, outlined `stroke` points thick if given.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<[f32; 3]>, stroke: Option<f32>) {
        let mut ops = Vec::new();
        let _ = write!(ops, "q ");
        if let Some([r, g, b]) = fill {
            let _ = write!(ops, "{} {} {} rg ", num(r), num(g), num(b));
        }
        if let Some(sw) = stroke {
            let _ = write!(ops, "{} w 0 G ", num(sw));
        }
        let paint = match (fill.is_some(), stroke.is_some()) {
            (true, true) => "B",
            (true, false) => "f",
            (false, true) => "S",
            (false, false) => "n",
        };
        let _ = writeln!(ops, "{} {} {} {} re {paint} Q", num(x), num(y), num(w), num(h));
        self.current().ops.extend(ops);
    }

    /// A QR code (error correction M) for `data`, drawn as vector squares: a `size` × `size`
    /// square with its lower-left corner at (x, y). The 4-module quiet zone is *inside* the
    /// square, so scanners read it even on a coloured background.
    ///
    /// Encoded with `fast_qr`: about seven times quicker than the `qrcode` crate here, which
    /// matters when a receipt is made on every filing.
    pub fn qr(&mut self, x: f32, y: f32, size: f32, data: &str) -> Result<(), Error> {
        let code = fast_qr::QRBuilder::new(data.as_bytes())
            .ecl(fast_qr::ECL::M)
            .build()
            .map_err(|e| Error::Image(format!("cannot encode QR code: {e}")))?;
        let n = code.size;
        let dark = |row: usize, col: usize| code.data[row * n + col].value();
        let quiet = 4;
        let m = size / (n + 2 * quiet) as f32;
        let mut ops = Vec::with_capacity(n * n * 4);
        let _ = writeln!(ops, "q 1 g {} {} {} {} re f 0 g", num(x), num(y), num(size), num(size));
        for row in 0..n {
            // Adjacent dark modules of a row become one rectangle: smaller, and no seams.
            let mut col = 0;
            while col < n {
                if !dark(row, col) {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < n && dark(row, col) {
                    col += 1;
                }
                let rx = x + (quiet + start) as f32 * m;
                let ry = y + size - (quiet + row + 1) as f32 * m;
                let _ = write!(ops, "{} {} {} {} re ", num(rx), num(ry), num((col - start) as f32 * m), num(m));
            }
        }
        ops.extend_from_slice(b"f Q\n");
        self.current().ops.extend(ops);
        Ok(())
    }

    /// A PNG or JPEG image (told apart by content) scaled into the box with its lower-left
    /// corner at (x, y), `w` × `h` points. The same bytes used again are stored once.
    pub fn image(&mut self, x: f32, y: f32, w: f32, h: f32, bytes: &[u8]) -> Result<(), Error> {
        let key = fnv(bytes);
        let idx = match self.images.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.images.push((key, image::load(bytes)?));
                self.images.len() - 1
            }
        };
        let ops = format!("q {} 0 0 {} {} {} cm /SjIm{} Do Q\n", num(w), num(h), num(x), num(y), idx + 1);
        let page = self.current();
        page.ops.extend_from_slice(ops.as_bytes());
        if !page.images.contains(&idx) {
            page.images.push(idx);
        }
        Ok(())
    }

    /// Pixel size of a PNG or JPEG image, to keep its aspect ratio when placing it.
    pub fn image_size(bytes: &[u8]) -> Result<(u32, u32), Error> {
        let img = image::load(bytes)?;
        Ok((img.width, img.height))
    }

    /// Writes the document: fonts embedded as subsets, streams compressed.
    pub fn finish(mut self) -> Result<Vec<u8>, Error> {
        if self.pages.is_empty() {
            self.page();
        }
        let mut file = PdfFile::new();
        let pages_id = file.reserve();
        let fonts = self.text.finish(&mut file)?;
        let fonts_id = file.add_object(fonts.to_dict());
        let mut image_ids = Vec::with_capacity(self.images.len());
        for (_, img) in &self.images {
            let mask = img.smask.clone().map(|m| file.add_object(m));
            image_ids.push(file.add_object(img.body(mask)));
        }
        let mut kids = String::new();
        for page in &self.pages {
            let content_id = file.add_object(stream("", &page.ops));
            let mut xobjects = String::new();
            for &i in &page.images {
                xobjects.push_str(&format!("/SjIm{} {} 0 R", i + 1, image_ids[i]));
            }
            let xobjects = if xobjects.is_empty() { xobjects } else { format!("/XObject<<{xobjects}>>") };
            let page_id = file.add_object(
                format!(
                    "<</Type/Page/Parent {pages_id} 0 R/MediaBox[0 0 {} {}]/Contents {content_id} 0 R\
                     /Resources<</Font {fonts_id} 0 R{xobjects}>>>>",
                    num(A4_WIDTH),
                    num(A4_HEIGHT)
                )
                .into_bytes(),
            );
            kids.push_str(&format!("{page_id} 0 R "));
        }
        let pages = format!("<</Type/Pages/Kids[{}]/Count {}>>", kids.trim_end(), self.pages.len());
        file.write(pages_id, pages.as_bytes());
        let mut catalog = format!("<</Type/Catalog/Pages {pages_id} 0 R");
        if !self.info.lang.is_empty() {
            catalog.push_str(&format!("/Lang{}", text_string(&self.info.lang)));
        }
        if !self.info.title.is_empty() {
            catalog.push_str("/ViewerPreferences<</DisplayDocTitle true>>");
        }
        catalog.push_str(">>");
        let root = file.add_object(catalog.into_bytes());
        let mut info = String::from("<<");
        for (key, value) in [
            ("Title", &self.info.title),
            ("Author", &self.info.author),
            ("Subject", &self.info.subject),
            ("Keywords", &self.info.keywords),
            ("Creator", &self.info.creator),
        ] {
            if !value.is_empty() {
                info.push_str(&format!("/{key}{}", text_string(value)));
            }
        }
        info.push_str("/Producer(Sijill)");
        let date = &self.info.creation_date;
        if date.starts_with("D:") && date.bytes().all(|b| b.is_ascii_alphanumeric() || b"':+-".contains(&b)) {
            info.push_str(&format!("/CreationDate({date})"));
        }
        info.push_str(">>");
        let info_id = file.add_object(info.into_bytes());
        Ok(file.finish(root, info_id))
    }
}

/// FNV-1a, to recognise an image already added.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

// Receipts are composed on blocking worker threads of an async server.
const _: fn() = || {
    fn movable<T: Send>() {}
    movable::<Composer>();
    movable::<TextWriter>();
};
