//! Writes the fonts a [`super::TextWriter`] used as PDF objects: a Type0 font with Identity-H
//! encoding over a CIDFontType2 (CIDFontType0 for CFF outlines) drawing from an embedded *subset*
//! (`subsetter`), with widths (/W) and a /ToUnicode CMap so text stays searchable.
//!
//! Objects go to an [`ObjectSink`] as serialized bodies, so the same code serves a new
//! document and an incremental update of a signed one.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Arc, Mutex};

use subsetter::GlyphRemapper;

use super::fonts::Font;
use crate::Error;

/// Receives PDF objects in dependency order (an object only refers to objects added before
/// it) and numbers them.
///
/// Any `FnMut(Vec<u8>) -> u32` closure is a sink, e.g. for an incremental update:
/// `&mut |body: Vec<u8>| { let id = inc.alloc(); inc.add_raw(id, 0, &body); id }`.
pub trait ObjectSink {
    /// Adds one object; `body` is what goes between `N 0 obj` and `endobj` (a dictionary,
    /// or a dictionary followed by `stream … endstream`). Returns the object number; the
    /// generation is 0.
    fn add_object(&mut self, body: Vec<u8>) -> u32;
}

impl<F: FnMut(Vec<u8>) -> u32> ObjectSink for F {
    fn add_object(&mut self, body: Vec<u8>) -> u32 {
        self(body)
    }
}

/// The fonts written by [`super::TextWriter::finish`]: resource name → object number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FontResources(pub Vec<(String, u32)>);

impl FontResources {
    /// The /Font resource dictionary, serialized: `<</SjF1 12 0 R/SjF2 17 0 R>>`.
    pub fn to_dict(&self) -> Vec<u8> {
        let mut s = String::from("<<");
        for (name, id) in &self.0 {
            let _ = write!(s, "/{name} {id} 0 R");
        }
        s.push_str(">>");
        s.into_bytes()
    }
}

/// Font objects that depend only on the font and the glyphs drawn (see `UsedFont::streams`).
struct FontStreams {
    file: Vec<u8>,
    cmap: Vec<u8>,
}

/// Glyphs one document uses from one font.
pub(crate) struct UsedFont {
    pub font: Arc<Font>,
    /// Resource name in content streams (`SjF1`).
    pub res_name: String,
    /// Original glyph ID → glyph ID in the subset.
    remap: GlyphRemapper,
    /// By CID: the original glyph ID and the text it stands for. CID 0 is .notdef.
    cids: Vec<(u16, String)>,
    /// Original glyph ID → the CIDs drawn with it (one per meaning).
    by_gid: HashMap<u16, Vec<u16>>,
}

impl UsedFont {
    pub fn new(font: Arc<Font>, res_name: String) -> UsedFont {
        UsedFont {
            font,
            res_name,
            remap: GlyphRemapper::new(),
            cids: vec![(0, String::new())],
            by_gid: HashMap::from([(0, vec![0])]),
        }
    }

    /// The CID drawing original glyph `gid` with `meaning`, allocated on first use.
    pub fn cid_for(&mut self, gid: u16, meaning: &str) -> u16 {
        let known = self.by_gid.get(&gid);
        if self.font.cff {
            // CFF fonts take no CIDToGIDMap: one CID per glyph, its first meaning wins.
            if let Some(&cid) = known.and_then(|c| c.first()) {
                return cid;
            }
        }
        if let Some(&cid) = known.and_then(|c| c.iter().find(|&&c| self.cids[usize::from(c)].1 == meaning)) {
            return cid;
        }
        let Ok(cid) = u16::try_from(self.cids.len()) else {
            // 65,536 distinct glyph meanings in one document: reuse any CID of the glyph.
            return known.and_then(|c| c.first().copied()).unwrap_or(0);
        };
        self.remap.remap(gid);
        self.cids.push((gid, meaning.to_string()));
        self.by_gid.entry(gid).or_default().push(cid);
        cid
    }

    /// The stream objects of the embedded font file (subset, compressed) and of the
    /// /ToUnicode CMap. Subsetting and compressing were about half of a receipt's layout
    /// time, and most of a receipt's fonts draw the same glyphs every time (labels, the
    /// administration's name), so both are kept by font and glyphs (with their meanings).
    /// Bounded: emptied when full.
    fn streams(&self) -> Result<Arc<FontStreams>, Error> {
        type Key = (u64, Vec<(u16, String)>);
        static KEPT: Mutex<Option<HashMap<Key, Arc<FontStreams>>>> = Mutex::new(None);
        const KEPT_MAX: usize = 256;
        let font = &self.font;
        let key: Key = (font.id, self.cids.clone());
        if let Some(hit) = KEPT.lock().unwrap_or_else(|p| p.into_inner()).as_ref().and_then(|m| m.get(&key)) {
            return Ok(hit.clone());
        }
        let subset = subsetter::subset(font.data(), 0, &self.remap)
            .map_err(|e| Error::Font(format!("cannot subset {}: {e}", font.name())))?;
        let extra = if font.cff { "/Subtype/OpenType".to_string() } else { format!("/Length1 {}", subset.len()) };
        let made = Arc::new(FontStreams { file: stream(&extra, &subset), cmap: stream("", self.cmap().as_bytes()) });
        let mut kept = KEPT.lock().unwrap_or_else(|p| p.into_inner());
        let map = kept.get_or_insert_with(HashMap::new);
        if map.len() >= KEPT_MAX {
            map.clear();
        }
        map.insert(key, made.clone());
        Ok(made)
    }

    /// Writes the font objects and returns the Type0 font's object number.
    pub fn write(&self, sink: &mut dyn ObjectSink) -> Result<u32, Error> {
        let font = &self.font;
        let streams = self.streams()?;
        let base_font = format!("{}+{}", self.tag(), font.name());
        let face = font.face();
        let scale = |v: i16| (f32::from(v) * 1000.0 / font.units_per_em).round() as i64;
        let bbox = face.global_bounding_box();

        // TrueType outlines: FontFile2 under a CIDFontType2. CFF outlines (OpenType .otf):
        // the OpenType file as FontFile3 under a CIDFontType0, CIDs being subset glyph IDs.
        let (file_key, cid_type) = if font.cff { ("FontFile3", "CIDFontType0") } else { ("FontFile2", "CIDFontType2") };
        let file_id = sink.add_object(streams.file.clone());
        let descriptor = format!(
            // Flags 4 = symbolic: glyphs are addressed by CID, not by a standard encoding.
            "<</Type/FontDescriptor/FontName/{base_font}/Flags 4/FontBBox[{} {} {} {}]\
             /ItalicAngle {}/Ascent {}/Descent {}/CapHeight {}/StemV 80/{file_key} {file_id} 0 R>>",
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
            face.italic_angle().round() as i64,
            scale(face.ascender()),
            scale(face.descender()),
            scale(face.capital_height().unwrap_or(face.ascender())),
        );
        let descriptor_id = sink.add_object(descriptor.into_bytes());

        // CIDs are consecutive from 0, so one /W run covers them all.
        let mut widths = String::new();
        for (gid, _) in &self.cids {
            let _ = write!(widths, "{} ", font.advance_1000(*gid) as i64);
        }
        // CID → subset glyph: the identity unless a glyph carries two meanings.
        let to_gid: Vec<u16> = self.cids.iter().map(|(gid, _)| self.remap.get(*gid).unwrap_or(0)).collect();
        let identity = to_gid.iter().enumerate().all(|(cid, g)| usize::from(*g) == cid);
        let cid_to_gid = if font.cff {
            String::new()
        } else if identity {
            "/CIDToGIDMap/Identity".to_string()
        } else {
            let bytes: Vec<u8> = to_gid.iter().flat_map(|g| g.to_be_bytes()).collect();
            format!("/CIDToGIDMap {} 0 R", sink.add_object(stream("", &bytes)))
        };
        let cid_font = format!(
            "<</Type/Font/Subtype/{cid_type}/BaseFont/{base_font}\
             /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
             /FontDescriptor {descriptor_id} 0 R/DW 0/W[0[{}]]{cid_to_gid}>>",
            widths.trim_end()
        );
        let cid_id = sink.add_object(cid_font.into_bytes());
        let cmap_id = sink.add_object(streams.cmap.clone());
        let type0 = format!(
            "<</Type/Font/Subtype/Type0/BaseFont/{base_font}/Encoding/Identity-H\
             /DescendantFonts[{cid_id} 0 R]/ToUnicode {cmap_id} 0 R>>"
        );
        Ok(sink.add_object(type0.into_bytes()))
    }

    /// Six capital letters derived from the font and its glyph set, so the same subset gets
    /// the same tag (reproducible output) and different subsets rarely collide.
    fn tag(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |b: u8| {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        };
        self.font.name().bytes().for_each(&mut eat);
        for (g, meaning) in &self.cids {
            g.to_be_bytes().into_iter().for_each(&mut eat);
            meaning.bytes().for_each(&mut eat);
        }
        (0..6).map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8)).collect()
    }

    /// The /ToUnicode CMap (Adobe technical note #5411 form).
    fn cmap(&self) -> String {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(usize, &str)> =
            self.cids.iter().map(|(_, t)| t.as_str()).enumerate().filter(|(_, t)| !t.is_empty()).collect();
        for chunk in entries.chunks(100) {
            let _ = writeln!(s, "{} beginbfchar", chunk.len());
            for (cid, text) in chunk {
                let _ = write!(s, "<{cid:04X}> <");
                for unit in text.encode_utf16() {
                    let _ = write!(s, "{unit:04X}");
                }
                s.push_str(">\n");
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }
}

/// A Flate-compressed stream object body; `extra` is more dictionary entries.
pub(crate) fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let packed = deflate(data);
    let mut body = format!("<</Length {}/Filter/FlateDecode{extra}>>\nstream\n", packed.len()).into_bytes();
    body.extend_from_slice(&packed);
    body.extend_from_slice(b"\nendstream");
    body
}

/// zlib (FlateDecode) compression into memory, at the fastest level: on font subsets it is
/// four times quicker than the default and only ~7% larger. The compressor (a few hundred
/// KB of tables) is kept per thread: allocating and clearing it for each of the ten or so
/// streams of a receipt cost more than the compression itself.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static ZLIB: std::cell::RefCell<Compress> = std::cell::RefCell::new(Compress::new(Compression::fast(), true));
    }
    ZLIB.with(|z| {
        let mut z = z.borrow_mut();
        z.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 128);
        loop {
            let consumed = z.total_in() as usize;
            let status = z.compress_vec(&data[consumed.min(data.len())..], &mut out, FlushCompress::Finish);
            match status {
                Ok(Status::StreamEnd) => return out,
                Ok(_) => out.reserve(out.capacity().max(1024)),
                // Cannot happen with a valid stream state; fall back to a fresh encoder.
                Err(_) => {
                    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), Compression::fast());
                    let _ = enc.write_all(data);
                    return enc.finish().unwrap_or_default();
                }
            }
        }
    })
}

/// A PDF text string (UTF-16BE with BOM, hex) for /ActualText and document information.
pub(crate) fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use crate::pdf::text::{Align, FontSet, TextWriter};

    /// The objects a writer embeds for one line of text.
    fn embedded(fonts: &FontSet, text: &str) -> Vec<Vec<u8>> {
        let mut w = TextWriter::new(fonts.clone());
        w.line(0.0, 0.0, 10.0, text, Align::Left);
        let mut objects = Vec::new();
        w.finish(&mut |body: Vec<u8>| {
            objects.push(body);
            objects.len() as u32
        })
        .expect("fonts embed");
        objects
    }

    #[test]
    fn kept_font_streams_follow_the_glyphs_drawn() {
        let Ok(fonts) = FontSet::system_default() else {
            eprintln!("SKIP: no system fonts (fonts-noto-core)");
            return;
        };
        let first = embedded(&fonts, "Reçu n° 12");
        // The same text again is served from what was kept, byte for byte the same.
        assert_eq!(embedded(&fonts, "Reçu n° 12"), first);
        // Other glyphs: another subset (the font file is the first object) and another map.
        let other = embedded(&fonts, "Reçu n° 13");
        assert_ne!(other[0], first[0]);
        assert_ne!(other, first);
    }
}
