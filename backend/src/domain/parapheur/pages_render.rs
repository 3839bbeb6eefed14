//! Pages of a folder's documents as images, so a reader sees the document in the page even
//! with JavaScript off (and so the circuit page can place a signature by clicking on it).
//!
//! Rendering is poppler's `pdftoppm` (a separate process: a malformed PDF can only crash
//! it, not the server), at a fixed width of [`WIDTH_PX`] unless the page is so long that
//! the image would pass `pdf.render_max_pixels` (then smaller: see [`pixel_size`]; a
//! 1 × 1000 pt page once made pdftoppm take 2.46 GB for 50 s). It runs through the gate of
//! `pdf_work` (a few at once), under `prlimit` (address space `pdf.render_memory_mb`, CPU
//! time) and is killed past `pdf.render_timeout_secs`. Images are cached
//! on disk under `storage.data_dir/pages/<sha256 of the version>/`, so each signed version
//! renders once and the cache never serves a stale version. Page counts and sizes in PDF
//! points come from lopdf (no process needed).

use std::path::{Path, PathBuf};
use std::time::Duration;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::db::parapheur as q;
use crate::domain::auth::CurrentUser;
use crate::domain::Services;
use crate::error::{Error, Result};

/// Width of every rendered page, in pixels.
pub const WIDTH_PX: u32 = 800;
/// The longest side of a page image, whatever the page's shape.
pub const MAX_SIDE_PX: u32 = 10_000;

/// Pixel size (width, height) of the image of a page of `w` × `h` points as displayed:
/// [`WIDTH_PX`] wide, or less when that would make more than `max_pixels` pixels or a
/// side longer than [`MAX_SIDE_PX`]; the ratio is kept, each side at least one pixel.
pub fn pixel_size(w: f64, h: f64, max_pixels: u64) -> (u32, u32) {
    let (w, h) = (w.abs().max(1e-3), h.abs().max(1e-3));
    let scale = (f64::from(WIDTH_PX) / w)
        .min((max_pixels as f64 / (w * h)).sqrt())
        .min(f64::from(MAX_SIDE_PX) / h)
        .min(f64::from(MAX_SIDE_PX) / w);
    // The epsilon keeps 595 × (800 / 595) at 800, not 799.
    let px = |v: f64| ((v * scale + 1e-6).floor() as u32).clamp(1, MAX_SIDE_PX);
    (px(w), px(h))
}

fn parse(pdf: &[u8]) -> Result<Document> {
    Document::load_mem(pdf).map_err(|e| Error::internal(format!("stored PDF does not parse: {e}")))
}

/// Number of pages of a PDF.
pub fn page_count(pdf: &[u8]) -> Result<usize> {
    Ok(parse(pdf)?.get_pages().len())
}

/// A page box (`MediaBox`, possibly inherited from the page tree) as (width, height).
fn inherited_box(doc: &Document, mut id: ObjectId) -> Option<(f64, f64)> {
    for _ in 0..32 {
        let dict: &Dictionary = doc.get_dictionary(id).ok()?;
        if let Ok(b) = dict.get(b"MediaBox") {
            let b = match b {
                Object::Reference(r) => doc.get_object(*r).ok()?,
                o => o,
            };
            let nums: Vec<f64> = b.as_array().ok()?.iter().filter_map(|o| match o {
                Object::Integer(i) => Some(*i as f64),
                Object::Real(r) => Some(*r as f64),
                _ => None,
            }).collect();
            if nums.len() == 4 {
                return Some(((nums[2] - nums[0]).abs(), (nums[3] - nums[1]).abs()));
            }
            return None;
        }
        id = dict.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// Size of page `page` (1-based) in PDF points, as displayed (a /Rotate of 90 or 270 swaps
/// width and height). `None` when the page does not exist.
pub fn page_size_pt(pdf: &[u8], page: usize) -> Result<Option<(f64, f64)>> {
    Ok(geometry(&parse(pdf)?, page).map(|g| g.0))
}

/// (displayed width, height) and whether the page is turned a quarter (/Rotate 90 or 270,
/// possibly inherited).
fn geometry(doc: &Document, page: usize) -> Option<((f64, f64), bool)> {
    let &id = doc.get_pages().get(&(page as u32))?;
    let (w, h) = inherited_box(doc, id).unwrap_or((612.0, 792.0));
    let mut rotate = 0;
    let mut at = Some(id);
    for _ in 0..32 {
        let Some(d) = at.and_then(|i| doc.get_dictionary(i).ok()) else { break };
        if let Some(r) = d.get(b"Rotate").ok().and_then(|o| o.as_i64().ok()) {
            rotate = r;
            break;
        }
        at = d.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
    }
    let quarter = rotate.rem_euclid(180) == 90;
    Some((if quarter { (h, w) } else { (w, h) }, quarter))
}

/// A page image, or why there is none.
#[derive(Debug)]
pub enum PageImage {
    Png(Vec<u8>),
    /// An annex that is itself an image (JPEG or PNG): its one "page", as stored.
    Original { bytes: Vec<u8>, content_type: &'static str },
    /// The page number is not in 1..=pages.
    OutOfRange { pages: usize },
}

/// Renders page `page` of the PDF at `input` to `out` (PNG of `size` pixels as shown).
/// pdftoppm scales before it rotates, so a page turned a quarter gets the sides swapped.
/// Under `prlimit` (address space and CPU time from `cfg`), killed past its timeout.
async fn render(input: &Path, page: usize, quarter: bool, size: (u32, u32), cfg: &crate::config::Pdf, out: &Path) -> Result<()> {
    let prefix = out.with_extension("");
    let (x, y) = if quarter { (size.1, size.0) } else { size };
    let timeout = Duration::from_secs(cfg.render_timeout_secs);
    let mut cmd = tokio::process::Command::new("prlimit");
    cmd.arg(format!("--as={}", cfg.render_memory_mb << 20))
        .arg(format!("--cpu={}", cfg.render_timeout_secs))
        .args(["--", "pdftoppm", "-png", "-singlefile", "-scale-to-x", &x.to_string(), "-scale-to-y", &y.to_string()])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(input)
        .arg(&prefix)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    let run = cmd.output();
    let output = match tokio::time::timeout(timeout, run).await {
        Ok(Ok(o)) => o,
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::internal("prlimit not found: install util-linux (scripts/install-deps.sh run)"))
        }
        Ok(Err(e)) => return Err(e.into()),
        Err(_) => return Err(Error::internal(format!("pdftoppm took more than {}s", timeout.as_secs()))),
    };
    if output.status.code() == Some(127) || String::from_utf8_lossy(&output.stderr).contains("failed to execute") {
        return Err(Error::internal("pdftoppm not found: install poppler-utils (scripts/install-deps.sh run)"));
    }
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        return Err(Error::internal(format!("pdftoppm failed: {}", err.trim())));
    }
    Ok(())
}

/// The content type of a JPEG or PNG (annexes may be images).
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

impl Services {
    fn pages_dir(&self, sha256: &str) -> PathBuf {
        self.config.storage.data_dir.join("pages").join(sha256)
    }

    /// The current version of a document of a folder `user` may read, with its hash.
    async fn readable_document(&self, user: &CurrentUser, folder_id: i32, document_id: i32) -> Result<(String, Vec<u8>)> {
        self.readable_folder(user, folder_id).await?;
        let docs = q::documents(&self.db.conn, folder_id).await?;
        let d = docs.into_iter().find(|d| d.id == document_id).ok_or(Error::NotFound)?;
        let bytes = self.storage.get(&d.sha256)?;
        Ok((d.sha256, bytes))
    }

    /// How many pages a readable document has (an image annex has one: itself).
    pub async fn document_pages(&self, user: &CurrentUser, folder_id: i32, document_id: i32) -> Result<usize> {
        let (sha, bytes) = self.readable_document(user, folder_id, document_id).await?;
        let cached = self.pages_dir(&sha).join("count");
        if let Some(n) = std::fs::read_to_string(&cached).ok().and_then(|s| s.trim().parse().ok()) {
            return Ok(n);
        }
        if !bytes.starts_with(b"%PDF-") {
            return Ok(usize::from(image_type(&bytes).is_some()));
        }
        let n = tokio::task::spawn_blocking(move || page_count(&bytes)).await.map_err(Error::internal)??;
        std::fs::create_dir_all(self.pages_dir(&sha))?;
        std::fs::write(&cached, n.to_string())?;
        Ok(n)
    }

    /// Page `page` (1-based) of a document's current version as a PNG, for a reader of the
    /// folder (rendered once per version, then served from the cache).
    pub async fn document_page_png(&self, user: &CurrentUser, folder_id: i32, document_id: i32, page: usize) -> Result<PageImage> {
        let pages = self.document_pages(user, folder_id, document_id).await?;
        if page == 0 || page > pages {
            return Ok(PageImage::OutOfRange { pages });
        }
        let (sha, bytes) = self.readable_document(user, folder_id, document_id).await?;
        if let Some(content_type) = image_type(&bytes) {
            return Ok(PageImage::Original { bytes, content_type });
        }
        let dir = self.pages_dir(&sha);
        let png = dir.join(format!("{page}.png"));
        if let Ok(b) = std::fs::read(&png) {
            return Ok(PageImage::Png(b));
        }
        let cfg = self.config.pdf.clone();
        let (quarter, size, bytes) = tokio::task::spawn_blocking(move || -> Result<(bool, (u32, u32), Vec<u8>)> {
            let ((w, h), quarter) = geometry(&parse(&bytes)?, page).unwrap_or(((612.0, 792.0), false));
            Ok((quarter, pixel_size(w, h, cfg.render_max_pixels), bytes))
        })
        .await
        .map_err(Error::internal)??;
        // A few renders at once; the slot is held until pdftoppm is done (or killed, when
        // the request is dropped: `kill_on_drop`).
        let _slot = self.pdf_work.slot().await?;
        std::fs::create_dir_all(&dir)?;
        // Render into a unique name, then rename: two readers at once never see half a file.
        let tmp = dir.join(format!("{}", uuid::Uuid::new_v4()));
        let input = tmp.with_extension("pdf");
        std::fs::write(&input, &bytes)?;
        let out = tmp.with_extension("png");
        let res = render(&input, page, quarter, size, &self.config.pdf, &out).await;
        let _ = std::fs::remove_file(&input);
        if let Err(e) = res {
            let _ = std::fs::remove_file(&out);
            tracing::warn!(folder = folder_id, document = document_id, page, error = %e, "page not rendered");
            return Err(e);
        }
        std::fs::rename(&out, &png)?;
        Ok(PageImage::Png(std::fs::read(&png)?))
    }

    /// Size in PDF points of a page of a document's current version (`None`: no such page).
    pub async fn document_page_size(&self, user: &CurrentUser, folder_id: i32, document_id: i32, page: usize) -> Result<Option<(f64, f64)>> {
        let (_, bytes) = self.readable_document(user, folder_id, document_id).await?;
        tokio::task::spawn_blocking(move || page_size_pt(&bytes, page)).await.map_err(Error::internal)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal PDF with an A4 page and a landscape (rotated) letter page, built with lopdf.
    fn two_pages() -> Vec<u8> {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let a4 = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id });
        let letter = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Rotate" => 90,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![a4.into(), letter.into()], "Count" => 2,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.28), Object::Real(841.89)],
        }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn counts_pages_and_reads_sizes_with_inheritance_and_rotation() {
        let pdf = two_pages();
        assert_eq!(page_count(&pdf).unwrap(), 2);
        let (w, h) = page_size_pt(&pdf, 1).unwrap().unwrap();
        assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01, "inherited A4: {w}×{h}");
        assert_eq!(page_size_pt(&pdf, 2).unwrap(), Some((792.0, 612.0)), "rotated letter");
        assert_eq!(page_size_pt(&pdf, 3).unwrap(), None);
        assert!(page_count(b"not a pdf").is_err());
    }

    #[tokio::test]
    async fn renders_a_page_at_800_pixels() {
        if std::process::Command::new("pdftoppm").arg("-v").output().is_err() {
            panic!("pdftoppm (poppler-utils) is required: scripts/install-deps.sh");
        }
        let dir = std::env::temp_dir().join(format!("sijill-render-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("in.pdf");
        std::fs::write(&input, two_pages()).unwrap();
        let out = dir.join("p.png");
        let cfg = crate::config::Pdf::default();
        render(&input, 2, true, pixel_size(792.0, 612.0, cfg.render_max_pixels), &cfg, &out).await.unwrap();
        let png = std::fs::read(&out).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!(width, WIDTH_PX);
        assert!((height as i64 - 618).abs() <= 2, "landscape page keeps its ratio: {height}");
        render(&input, 1, false, pixel_size(595.28, 841.89, cfg.render_max_pixels), &cfg, &out).await.unwrap();
        let png = std::fs::read(&out).unwrap();
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), WIDTH_PX, "portrait A4");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn long_pages_are_scaled_down_to_the_pixel_budget() {
        assert_eq!(pixel_size(595.0, 842.0, 4_000_000), (800, 1132));
        for (w, h) in [(1.0, 1000.0), (1000.0, 1.0), (14_400.0, 14_400.0), (0.0, 0.0), (3.0, 14_400.0)] {
            let (x, y) = pixel_size(w, h, 4_000_000);
            assert!(u64::from(x) * u64::from(y) <= 4_000_000, "{w}×{h}: {x}×{y}");
            assert!(x <= MAX_SIDE_PX && y <= MAX_SIDE_PX && x >= 1 && y >= 1, "{w}×{h}: {x}×{y}");
        }
    }

    #[tokio::test]
    async fn a_tall_page_renders_small_and_quickly() {
        let dir = std::env::temp_dir().join(format!("sijill-render-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("tall.pdf");
        std::fs::write(&input, sijill_signing::hostile::page_of_size(1.0, 1000.0)).unwrap();
        let out = dir.join("p.png");
        let cfg = crate::config::Pdf::default();
        let size = pixel_size(1.0, 1000.0, cfg.render_max_pixels);
        let t = std::time::Instant::now();
        render(&input, 1, false, size, &cfg, &out).await.unwrap();
        assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
        let png = std::fs::read(&out).unwrap();
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), size);
        assert!(height <= MAX_SIDE_PX);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
