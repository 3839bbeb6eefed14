//! Loaded fonts and fallback chains. A font file is read and parsed once (receipts are made
//! at hundreds per second), then shared through `Arc` by every document that uses it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::Face;

use crate::Error;

/// Where Debian's `fonts-noto-core` puts its TrueType files.
pub const NOTO_DIR: &str = "/usr/share/fonts/truetype/noto";

/// The default chain, regular weight: Latin (French, English), Arabic, Tifinagh.
const DEFAULT_REGULAR: &[&str] =
    &["NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansTifinagh-Regular.ttf"];
/// The default chain, bold weight. Noto has no bold Tifinagh; the regular one stands in.
const DEFAULT_BOLD: &[&str] =
    &["NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoSansTifinagh-Regular.ttf"];

self_cell::self_cell!(
    /// Font bytes together with the shaping face parsed from them.
    struct FaceCell {
        owner: Vec<u8>,
        #[covariant]
        dependent: Face,
    }
);

/// A shaping plan with the buffer properties it was made for.
type CachedPlan = (rustybuzz::Direction, Option<rustybuzz::Script>, Arc<rustybuzz::ShapePlan>);

/// One parsed font file: bytes, shaping face and the metrics a PDF font descriptor needs.
pub struct Font {
    /// Unique per loaded font in this process: identifies the font across writers.
    pub(crate) id: u64,
    cell: FaceCell,
    /// PostScript name (name ID 6), sanitised for use as a PDF name.
    pub(crate) postscript_name: String,
    pub(crate) units_per_em: f32,
    /// CFF outlines (an .otf), which PDF embeds differently from TrueType ones.
    pub(crate) cff: bool,
    /// Shaping plans are costly to build; one per (direction, script) is kept.
    plans: Mutex<Vec<CachedPlan>>,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("name", &self.postscript_name).finish()
    }
}

impl Font {
    /// Parses a TrueType/OpenType font (first face of a collection).
    pub fn from_bytes(data: Vec<u8>) -> Result<Font, Error> {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let cell = FaceCell::try_new(data, |d| {
            Face::from_slice(d, 0).ok_or_else(|| Error::Font("not a TrueType/OpenType font".into()))
        })?;
        let face = cell.borrow_dependent();
        let postscript_name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".to_string())
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>();
        let units_per_em = face.units_per_em().max(16) as f32;
        let cff = face.tables().cff.is_some();
        if face.tables().cff2.is_some() {
            return Err(Error::Font("CFF2 (variable OpenType) fonts cannot be embedded; use a TrueType or CFF font".into()));
        }
        Ok(Font {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            cell,
            postscript_name,
            units_per_em,
            cff,
            plans: Mutex::new(Vec::new()),
        })
    }

    /// The parsed face (shaping, cmap and metrics).
    pub(crate) fn face(&self) -> &Face<'_> {
        self.cell.borrow_dependent()
    }

    /// The original font file.
    pub(crate) fn data(&self) -> &[u8] {
        self.cell.borrow_owner()
    }

    /// The font's PostScript name.
    pub fn name(&self) -> &str {
        &self.postscript_name
    }

    /// Whether the font maps this character to a glyph.
    pub fn covers(&self, c: char) -> bool {
        self.face().glyph_index(c).is_some()
    }

    /// Advance of an original glyph, in thousandths of an em (PDF glyph space).
    pub(crate) fn advance_1000(&self, gid: u16) -> f32 {
        let adv = self.face().glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid)).unwrap_or(0);
        (f32::from(adv) * 1000.0 / self.units_per_em).round()
    }

    /// A cached shaping plan for these buffer properties.
    pub(crate) fn plan(
        &self,
        direction: rustybuzz::Direction,
        script: Option<rustybuzz::Script>,
    ) -> Arc<rustybuzz::ShapePlan> {
        let mut plans = self.plans.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, _, p)) = plans.iter().find(|(d, s, _)| *d == direction && *s == script) {
            return p.clone();
        }
        let plan = Arc::new(rustybuzz::ShapePlan::new(self.face(), direction, script, None, &[]));
        plans.push((direction, script, plan.clone()));
        plan
    }
}

/// An ordered fallback chain of fonts: each character is drawn with the first font that
/// has a glyph for it. Cloning is cheap (the fonts are shared).
#[derive(Clone, Debug)]
pub struct FontSet {
    pub(crate) fonts: Vec<Arc<Font>>,
}

impl FontSet {
    /// Loads fonts from files, in fallback order. The error names every file that is missing
    /// or unreadable.
    pub fn from_files<P: AsRef<Path>>(paths: &[P]) -> Result<FontSet, Error> {
        if paths.is_empty() {
            return Err(Error::Font("a font set needs at least one font file".into()));
        }
        let mut problems = Vec::new();
        let mut fonts = Vec::new();
        for p in paths {
            let p = p.as_ref();
            match std::fs::read(p) {
                Ok(bytes) => match Font::from_bytes(bytes) {
                    Ok(f) => fonts.push(Arc::new(f)),
                    Err(e) => problems.push(format!("{}: {e}", p.display())),
                },
                Err(e) => problems.push(format!("{}: {e}", p.display())),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Font(format!(
                "cannot load fonts ({}); on Debian install the package fonts-noto-core",
                problems.join("; ")
            )));
        }
        Ok(FontSet { fonts })
    }

    /// Builds a set from already loaded fonts, in fallback order.
    pub fn from_fonts(fonts: Vec<Arc<Font>>) -> Result<FontSet, Error> {
        if fonts.is_empty() {
            return Err(Error::Font("a font set needs at least one font".into()));
        }
        Ok(FontSet { fonts })
    }

    /// Noto Sans, Noto Sans Arabic and Noto Sans Tifinagh from `fonts-noto-core`, regular
    /// weight. Loaded once per process; later calls share the same parsed fonts.
    pub fn system_default() -> Result<FontSet, Error> {
        static SET: OnceLock<FontSet> = OnceLock::new();
        cached(&SET, DEFAULT_REGULAR)
    }

    /// The bold counterpart of [`FontSet::system_default`] (Tifinagh stays regular).
    pub fn system_bold() -> Result<FontSet, Error> {
        static SET: OnceLock<FontSet> = OnceLock::new();
        cached(&SET, DEFAULT_BOLD)
    }

    /// The fonts, in fallback order.
    pub fn fonts(&self) -> &[Arc<Font>] {
        &self.fonts
    }

    /// Width in points of `text` set on one line at `size` points (after shaping and bidi).
    pub fn measure(&self, text: &str, size: f32) -> f32 {
        super::shape::shape_line(self, text, super::Direction::Auto).width * size
    }

    /// Index of the first font covering `c`.
    pub(crate) fn first_covering(&self, c: char) -> Option<usize> {
        self.fonts.iter().position(|f| f.covers(c))
    }
}

fn cached(cell: &OnceLock<FontSet>, files: &[&str]) -> Result<FontSet, Error> {
    if let Some(set) = cell.get() {
        return Ok(set.clone());
    }
    // A file in both default sets (Tifinagh) is loaded once, so a document using it in
    // regular and bold text embeds it once.
    static LOADED: Mutex<Vec<(PathBuf, Arc<Font>)>> = Mutex::new(Vec::new());
    let mut fonts = Vec::with_capacity(files.len());
    let mut missing = Vec::new();
    for f in files {
        let path = Path::new(NOTO_DIR).join(f);
        let known = LOADED.lock().unwrap_or_else(|p| p.into_inner()).iter().find(|(p, _)| *p == path).map(|(_, f)| f.clone());
        match known {
            Some(font) => fonts.push(font),
            None => match std::fs::read(&path).map_err(|e| e.to_string()).and_then(|b| Font::from_bytes(b).map_err(|e| e.to_string())) {
                Ok(font) => {
                    let font = Arc::new(font);
                    LOADED.lock().unwrap_or_else(|p| p.into_inner()).push((path, font.clone()));
                    fonts.push(font);
                }
                Err(e) => missing.push(format!("{}: {e}", path.display())),
            },
        }
    }
    if !missing.is_empty() {
        return Err(Error::Font(format!(
            "cannot load the default fonts ({}); on Debian install the package fonts-noto-core",
            missing.join("; ")
        )));
    }
    // Two threads may both load on first use; one result is kept, both are equal.
    Ok(cell.get_or_init(|| FontSet { fonts }).clone())
}

// Fonts are shared between request handlers on several threads.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<FontSet>();
};
