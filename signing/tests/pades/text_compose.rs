//! New documents with French, English, Arabic and Tifinagh text: checked the way a reader
//! would, with poppler's `pdftotext` and `pdffonts`, and rendered with `pdftoppm`.

use std::path::PathBuf;
use std::process::Command;

use sijill_signing::pdf::compose::{Composer, DocInfo, A4_WIDTH};
use sijill_signing::pdf::text::{Align, FontSet, TextStyle};

const AR: &str = "إشعار بالتوصل";
const ZGH: &str = "ⴰⵙⵖⵏ ⵏ ⵓⵙⵉⴳⴳⵍ";
const FR: &str = "Accusé de réception électronique";
const EN: &str = "Acknowledgement of receipt";
const VOWELLED: &str = "مُحَمَّد بْن عَبْدِ الله";

fn fonts() -> Option<(FontSet, FontSet)> {
    match (FontSet::system_default(), FontSet::system_bold()) {
        (Ok(r), Ok(b)) => Some((r, b)),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("SKIP: {e}");
            None
        }
    }
}

fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        eprintln!("SKIP: `{tool}` not found (Debian package poppler-utils)");
    }
    ok
}

fn receipt(regular: FontSet, bold: FontSet) -> Vec<u8> {
    let mut c = Composer::new(regular).with_bold(bold);
    c.info(DocInfo { title: FR.into(), lang: "fr".into(), creator: "Sijill tests".into(), ..Default::default() });
    c.page();
    let right = A4_WIDTH - 50.0;
    c.text_styled(50.0, 790.0, FR, &TextStyle::new(16.0).bold());
    c.text(right, 790.0, 16.0, AR, Align::Right);
    c.text(right, 766.0, 14.0, ZGH, Align::Right);
    c.text(50.0, 766.0, 12.0, EN, Align::Left);
    c.rule(50.0, 755.0, right, 755.0, 0.6);
    c.text(50.0, 735.0, 10.0, "N° d'ordre : MTNRA-2026-A-000123", Align::Left);
    // Parentheses in Arabic are drawn mirrored; the Latin ones below must still extract right.
    c.text(right, 735.0, 10.0, "رقم الترتيب (الوارد): MTNRA-2026-A-000123", Align::Right);
    c.text(A4_WIDTH / 2.0, 715.0, 10.0, "السلام عليكم — ⵜⴰⵎⴰⵣⵉⵖⵜ — Bonjour (2026)", Align::Center);
    let body = "Objet : demande de certificat administratif. Pièce jointe : lettre.pdf \
                (184 320 octets), SHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.";
    let y = c.paragraph(50.0, 690.0, 495.0, body, &TextStyle::new(10.0));
    // A vowelled name: marks sit on their letters and extract with them.
    c.text(right, 585.0, 12.0, VOWELLED, Align::Right);
    let ar_body = "تم تسجيل مراسلتكم في سجل الوارد تحت الرقم المذكور أعلاه، ويمكنكم التحقق من هذا الإشعار عبر الرابط.";
    c.paragraph(A4_WIDTH - 250.0, y - 30.0, 200.0, ar_body, &TextStyle::new(11.0));
    c.rect(50.0, y - 10.0, 250.0, 14.0, Some([0.9, 0.9, 0.9]), Some(0.5));
    c.qr(right - 110.0, 380.0, 110.0, "https://sijill.example/verify/MTNRA-2026-A-000123").unwrap();
    c.finish().unwrap()
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("text_compose");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn multilingual_receipt_extracts_and_embeds_subsets() {
    let Some((regular, bold)) = fonts() else { return };
    let pdf = receipt(regular, bold);
    let path = out_dir().join("receipt.pdf");
    std::fs::write(&path, &pdf).unwrap();
    assert!(pdf.len() < 150 * 1024, "PDF is {} bytes", pdf.len());
    if !have("pdftotext") {
        return;
    }
    let out = Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    eprintln!("--- pdftotext ---\n{text}");
    for latin in [FR, EN, "MTNRA-2026-A-000123", "9f86d081884c7d659a2feaa0c55ad015", "Bonjour (2026)", "(184 320 octets)"] {
        assert!(text.contains(latin), "missing {latin:?} in:\n{text}");
    }
    for word in AR.split(' ').chain(ZGH.split(' ')).chain(["السلام", "أعلاه", "الإشعار", VOWELLED]) {
        assert!(text.contains(word), "missing {word:?} in:\n{text}");
    }
    let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
    let listing = String::from_utf8(fonts.stdout).unwrap();
    eprintln!("--- pdffonts ---\n{listing}");
    for name in ["NotoSans-Bold", "NotoSans-Regular", "NotoSansArabic-Regular", "NotoSansTifinagh-Regular"] {
        let line = listing.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name} not in:\n{listing}"));
        let tag = &line[..7];
        assert!(tag.ends_with('+') && tag[..6].bytes().all(|b| b.is_ascii_uppercase()), "{line}");
        assert!(line.contains("CID TrueType") && line.contains("Identity-H"), "{line}");
        // emb sub uni columns: yes yes yes
        assert!(line.split_whitespace().filter(|w| *w == "yes").count() >= 3, "{line}");
    }
}

#[test]
fn renders_page_one() {
    let Some((regular, bold)) = fonts() else { return };
    if !have("pdftoppm") {
        return;
    }
    let dir = out_dir();
    let path = dir.join("render.pdf");
    std::fs::write(&path, receipt(regular, bold)).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(dir.join("page1"))
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    let png = std::fs::read(dir.join("page1.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    // Poppler reports missing glyphs or broken fonts on stderr.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.to_lowercase().contains("error"), "{err}");
    eprintln!("page 1 rendered to {}", dir.join("page1.png").display());
}

/// The verification link must come back from the printed QR code, as a phone would read it.
#[test]
fn qr_code_scans_back() {
    let Some((regular, bold)) = fonts() else { return };
    if !have("pdftoppm") {
        return;
    }
    if Command::new("zbarimg").arg("--version").output().is_err() {
        eprintln!("SKIP: `zbarimg` not found (Debian package zbar-tools)");
        return;
    }
    let dir = out_dir();
    let path = dir.join("qr.pdf");
    std::fs::write(&path, receipt(regular, bold)).unwrap();
    let png = dir.join("qr");
    let out = Command::new("pdftoppm").args(["-png", "-r", "150", "-singlefile"]).arg(&path).arg(&png).output().unwrap();
    assert!(out.status.success());
    let out = Command::new("zbarimg").args(["-q", "--raw"]).arg(png.with_extension("png")).output().unwrap();
    let decoded = String::from_utf8_lossy(&out.stdout);
    assert_eq!(decoded.trim(), "https://sijill.example/verify/MTNRA-2026-A-000123");
}

/// Right alignment uses the shaped width: the right-aligned Arabic title ends at the margin.
#[test]
fn right_aligned_arabic_ends_at_the_margin() {
    let Some((regular, _)) = fonts() else { return };
    if !have("pdftotext") {
        return;
    }
    let mut c = Composer::new(regular);
    let right = A4_WIDTH - 50.0;
    let width = c.text(right, 700.0, 16.0, AR, Align::Right);
    c.text(50.0, 650.0, 16.0, FR, Align::Left);
    let path = out_dir().join("align.pdf");
    std::fs::write(&path, c.finish().unwrap()).unwrap();
    let out = Command::new("pdftotext").args(["-bbox"]).arg(&path).arg("-").output().unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    // <word xMin="…" yMin="…" xMax="…" yMax="…">…</word>
    let attr = |line: &str, key: &str| -> f32 {
        let at = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    let words: Vec<&str> = html.lines().filter(|l| l.contains("<word")).collect();
    // The bbox listing keeps drawing order: Arabic words come out reversed.
    let ar: Vec<&&str> = words
        .iter()
        .filter(|l| AR.split(' ').any(|w| l.contains(&w.chars().rev().collect::<String>())))
        .collect();
    assert_eq!(ar.len(), 2, "{html}");
    let x_max = ar.iter().map(|l| attr(l, "xMax")).fold(0.0, f32::max);
    let x_min = ar.iter().map(|l| attr(l, "xMin")).fold(f32::MAX, f32::min);
    assert!((x_max - right).abs() < 2.0, "Arabic ends at {x_max}, margin {right}");
    assert!((x_max - x_min - width).abs() < 3.0, "drawn {} wide, measured {width}", x_max - x_min);
    let fr_min = words.iter().filter(|l| l.contains("Accusé")).map(|l| attr(l, "xMin")).next().unwrap();
    assert!((fr_min - 50.0).abs() < 2.0, "French starts at {fr_min}");
}

/// A PNG with transparency and a JPEG (made by poppler from a page) go in as images.
#[test]
fn png_and_jpeg_images() {
    let Some((regular, _)) = fonts() else { return };
    if !have("pdftoppm") || !have("pdfimages") {
        return;
    }
    let dir = out_dir();
    // 40×20 RGBA: a red bar fading out.
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, 40, 20);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        let px: Vec<u8> = (0..40 * 20).flat_map(|i| [200, 30, 30, (255 - (i % 40) * 6) as u8]).collect();
        w.write_image_data(&px).unwrap();
    }
    let src = dir.join("for-jpeg.pdf");
    let mut c = Composer::new(regular.clone());
    c.text(50.0, 800.0, 40.0, "JPEG", Align::Left);
    std::fs::write(&src, c.finish().unwrap()).unwrap();
    let out = Command::new("pdftoppm").args(["-jpeg", "-r", "20", "-singlefile"]).arg(&src).arg(dir.join("img")).output().unwrap();
    assert!(out.status.success());
    let jpeg = std::fs::read(dir.join("img.jpg")).unwrap();
    assert_eq!(Composer::image_size(&png_bytes).unwrap(), (40, 20));
    let mut c = Composer::new(regular);
    c.image(50.0, 700.0, 80.0, 40.0, &png_bytes).unwrap();
    c.image(150.0, 600.0, 120.0, 170.0, &jpeg).unwrap();
    c.page();
    c.image(50.0, 700.0, 80.0, 40.0, &png_bytes).unwrap(); // stored once, drawn twice
    let path = dir.join("images.pdf");
    std::fs::write(&path, c.finish().unwrap()).unwrap();
    let list = Command::new("pdfimages").arg("-list").arg(&path).output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    eprintln!("{list}");
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert!(rows.iter().any(|r| r.contains(" image ") && r.contains("  40 ") && r.contains("rgb")), "{list}");
    assert!(rows.iter().any(|r| r.contains(" smask ")), "{list}");
    assert!(rows.iter().any(|r| r.contains(" jpeg ")), "{list}");
    let out = Command::new("pdftoppm").args(["-png", "-r", "30"]).arg(&path).arg(dir.join("images")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Bad input gives an error naming the problem, never a panic.
#[test]
fn clear_errors() {
    let err = FontSet::from_files(&["/nonexistent/NotoSans-Regular.ttf"]).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/NotoSans-Regular.ttf") && err.contains("fonts-noto-core"), "{err}");
    let not_font = out_dir().join("not-a-font.ttf");
    std::fs::write(&not_font, b"hello").unwrap();
    let err = FontSet::from_files(&[&not_font]).unwrap_err().to_string();
    assert!(err.contains("not-a-font.ttf"), "{err}");
    let Some((regular, _)) = fonts() else { return };
    let mut c = Composer::new(regular);
    assert!(c.image(0.0, 0.0, 10.0, 10.0, b"GIF89a...").unwrap_err().to_string().contains("PNG or JPEG"));
    assert!(c.image(0.0, 0.0, 10.0, 10.0, b"\x89PNG\r\n\x1a\nbroken").is_err());
    assert!(c.image(0.0, 0.0, 10.0, 10.0, &[0xFF, 0xD8, 0xFF]).is_err());
    assert!(c.qr(0.0, 0.0, 10.0, &"x".repeat(5000)).is_err());
    // Text no font covers (Chinese here), controls and an empty line still make a valid file.
    c.text(50.0, 500.0, 10.0, "漢字\t\u{0}\n", Align::Left);
    c.text(50.0, 480.0, 10.0, "", Align::Center);
    assert!(c.finish().unwrap().starts_with(b"%PDF-1.7"));
}

/// Use (b): the same writer inside an incremental update, as a visible signature needs —
/// a Form XObject with its own /Resources, fonts added through the crate's `Incremental`.
/// The original bytes stay as they were, and the stamp's text extracts and renders.
#[test]
fn stamp_in_an_incremental_update() {
    use sijill_signing::pdf::object::{Dict, Obj};
    use sijill_signing::pdf::text::TextWriter;
    use sijill_signing::pdf::writer::Incremental;
    use sijill_signing::pdf::Document;

    let Some((regular, bold)) = fonts() else { return };
    let original = receipt(regular.clone(), bold);
    let doc = Document::open(&original).unwrap();
    let page_id = doc.pages().unwrap()[0];
    let mut inc = Incremental::new(&original, &doc);

    let (w, h): (f32, f32) = (220.0, 46.0);
    let mut text = TextWriter::new(regular);
    let mut content = b"q 0.2 0.2 0.5 RG 1 w 0.5 0.5 219 45 re S Q\n".to_vec();
    content.extend(text.line(w - 6.0, 30.0, 10.0, "وقعه: Amina El Idrissi", Align::Right));
    content.extend(text.line(w - 6.0, 12.0, 10.0, "ⵜⴰⵎⴰⵣⵉⵖⵜ — 2026-03-15", Align::Right));
    let fonts = text
        .finish(&mut |body: Vec<u8>| {
            let id = inc.alloc();
            inc.add_raw(id, 0, &body);
            id
        })
        .unwrap();
    let mut font_dict = Dict::new();
    for (name, id) in &fonts.0 {
        font_dict.set(name.as_bytes(), Obj::Ref(*id, 0));
    }
    let mut resources = Dict::new();
    resources.set(b"Font", Obj::Dict(font_dict));
    let mut form = Dict::new();
    form.set(b"Type", Obj::Name(b"XObject".to_vec()));
    form.set(b"Subtype", Obj::Name(b"Form".to_vec()));
    form.set(b"BBox", Obj::Array(vec![Obj::Int(0), Obj::Int(0), Obj::Real(w.into()), Obj::Real(h.into())]));
    form.set(b"Resources", Obj::Dict(resources));
    form.set(b"Length", Obj::Int(content.len() as i64));
    let form_id = inc.alloc();
    inc.add(form_id, 0, &Obj::Stream(form, content));

    // Page 1 gets one more content stream drawing the form, and the form in its resources.
    let draw = b"q 1 0 0 1 320 80 cm /SjStamp Do Q".to_vec();
    let mut draw_dict = Dict::new();
    draw_dict.set(b"Length", Obj::Int(draw.len() as i64));
    let draw_id = inc.alloc();
    inc.add(draw_id, 0, &Obj::Stream(draw_dict, draw));
    let Obj::Dict(mut page) = doc.get(page_id).unwrap() else { panic!("page is not a dictionary") };
    let old = page.get(b"Contents").unwrap().clone();
    page.set(b"Contents", Obj::Array(vec![old, Obj::Ref(draw_id, 0)]));
    let mut res = doc.resolve_dict(page.get(b"Resources").unwrap()).unwrap();
    let mut xobjects = Dict::new();
    xobjects.set(b"SjStamp", Obj::Ref(form_id, 0));
    res.set(b"XObject", Obj::Dict(xobjects));
    page.set(b"Resources", Obj::Dict(res));
    inc.add(page_id, 0, &Obj::Dict(page));
    let updated = inc.finish();
    assert!(updated.starts_with(&original), "the original revision must stay byte for byte");

    let path = out_dir().join("stamped.pdf");
    std::fs::write(&path, &updated).unwrap();
    if !have("pdftotext") || !have("pdftoppm") {
        return;
    }
    let out = Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for word in ["وقعه", "Amina El Idrissi", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "2026-03-15", FR] {
        assert!(text.contains(word), "missing {word:?} in:\n{text}");
    }
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-singlefile"])
        .arg(&path)
        .arg(out_dir().join("stamped"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// An OpenType font with CFF outlines (.otf) embeds as CIDFontType0 / FontFile3, and falls
/// back to Noto for the Arabic it lacks.
#[test]
fn cff_opentype_font() {
    let otf = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf";
    if !std::path::Path::new(otf).exists() {
        eprintln!("SKIP: {otf} not found (Debian package fonts-urw-base35)");
        return;
    }
    let noto_arabic = format!("{}/NotoSansArabic-Regular.ttf", sijill_signing::pdf::text::NOTO_DIR);
    let set = match FontSet::from_files(&[otf, noto_arabic.as_str()]) {
        Ok(s) => s,
        Err(e) => return eprintln!("SKIP: {e}"),
    };
    let mut c = Composer::new(set);
    c.text(50.0, 700.0, 14.0, "Nimbus Sans (CFF): Accusé de réception", Align::Left);
    c.text(545.0, 680.0, 14.0, AR, Align::Right);
    let path = out_dir().join("cff.pdf");
    std::fs::write(&path, c.finish().unwrap()).unwrap();
    if !have("pdffonts") || !have("pdftotext") || !have("pdftoppm") {
        return;
    }
    let listing = String::from_utf8(Command::new("pdffonts").arg(&path).output().unwrap().stdout).unwrap();
    let line = listing.lines().find(|l| l.contains("+NimbusSans-Regular")).unwrap_or_else(|| panic!("{listing}"));
    assert!(line.contains("CID Type 0C (OT)"), "{listing}");
    let text = String::from_utf8(Command::new("pdftotext").arg(&path).arg("-").output().unwrap().stdout).unwrap();
    assert!(text.contains("Nimbus Sans (CFF): Accusé de réception"), "{text}");
    assert!(AR.split(' ').all(|w| text.contains(w)), "{text}");
    let out = Command::new("pdftoppm").args(["-png", "-r", "60", "-singlefile"]).arg(&path).arg(out_dir().join("cff")).output().unwrap();
    assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A register book: rows flow over pages, then each page gets "page i / n".
#[test]
fn pages_and_footers() {
    let Some((regular, _)) = fonts() else { return };
    let mut c = Composer::new(regular);
    let mut y = 0.0;
    for row in 1..=120 {
        if c.page_count() == 0 || y < 60.0 {
            c.page();
            y = 780.0;
        }
        c.text(50.0, y, 9.0, &format!("MTNRA-2026-A-{row:06}"), Align::Left);
        c.text(545.0, y, 9.0, "وارد", Align::Right);
        y -= 14.0;
    }
    let n = c.page_count();
    assert_eq!(n, 3);
    for i in 0..n {
        assert!(c.goto_page(i));
        c.text(A4_WIDTH / 2.0, 30.0, 8.0, &format!("page {} / {n}", i + 1), Align::Center);
    }
    assert!(!c.goto_page(n));
    let path = out_dir().join("register.pdf");
    std::fs::write(&path, c.finish().unwrap()).unwrap();
    if !have("pdftotext") {
        return;
    }
    let page = |i: usize| {
        let i = i.to_string();
        let out = Command::new("pdftotext").args(["-f", &i, "-l", &i]).arg(&path).arg("-").output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(page(1).contains("MTNRA-2026-A-000001") && page(1).contains("page 1 / 3"));
    assert!(page(3).contains("MTNRA-2026-A-000120") && page(3).contains("page 3 / 3"));
}
