//! Hand-written PDFs with exact offsets: classic xref tables, xref streams with object
//! streams, PDF 2.0 headers, many pages, a big embedded stream.

use std::io::Write;

fn content(i: usize) -> Vec<u8> {
    format!("BT /F1 24 Tf 72 720 Td (Hello from page {}) Tj ET", i + 1).into_bytes()
}

/// Objects: 1 catalog, 2 pages, 3 font, then per page (page, content).
fn objects(pages: usize, filler: usize) -> Vec<Vec<u8>> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for i in 0..pages {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut c = content(i);
        if i == 0 && filler > 0 {
            // A large comment-free payload: an uncompressed content stream of spaces.
            c.extend(std::iter::repeat_n(b' ', filler));
        }
        let mut s = format!("<< /Length {} >>\nstream\n", c.len()).into_bytes();
        s.extend(c);
        s.extend(b"\nendstream");
        objs.push(s);
    }
    objs
}

/// A PDF with a classic cross-reference table.
pub fn classic(pages: usize, version: &str, filler: usize) -> Vec<u8> {
    let objs = objects(pages, filler);
    let mut out = format!("%PDF-{version}\n%\u{e2}\u{e3}\u{cf}\u{d3}\n").into_bytes();
    let mut offsets = vec![];
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    writeln!(out, "xref\n0 {}\n0000000000 65535 f\r", objs.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n\r").unwrap();
    }
    writeln!(out, "trailer\n<< /Size {} /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF", objs.len() + 1).unwrap();
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A PDF 1.7 with an xref stream (PNG-predicted) and the catalog, page tree and page
/// dictionaries inside an object stream.
pub fn xref_stream(pages: usize) -> Vec<u8> {
    let objs = objects(pages, 0);
    let n = objs.len();
    let objstm_id = n + 1;
    let xref_id = n + 2;
    // Dictionaries (no streams) go into the object stream.
    let in_stm: Vec<usize> = (0..n)
        .filter(|i| !objs[*i].windows(6).any(|w| w == b"stream"))
        .collect();
    let mut header = String::new();
    let mut body = Vec::new();
    for &i in &in_stm {
        header.push_str(&format!("{} {} ", i + 1, body.len()));
        body.extend(&objs[i]);
        body.push(b'\n');
    }
    let mut stm = header.into_bytes();
    let first = stm.len();
    stm.extend(body);
    let stm_z = deflate(&stm);

    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut entries = vec![(0u8, 0u64, 65535u16); xref_id + 1];
    for i in 0..n {
        if let Some(pos) = in_stm.iter().position(|&x| x == i) {
            entries[i + 1] = (2, objstm_id as u64, pos as u16);
        } else {
            entries[i + 1] = (1, out.len() as u64, 0);
            writeln!(out, "{} 0 obj", i + 1).unwrap();
            out.extend(&objs[i]);
            out.extend(b"\nendobj\n");
        }
    }
    entries[objstm_id] = (1, out.len() as u64, 0);
    writeln!(out, "{objstm_id} 0 obj\n<< /Type /ObjStm /N {} /First {first} /Filter /FlateDecode /Length {} >>\nstream", in_stm.len(), stm_z.len()).unwrap();
    out.extend(&stm_z);
    out.extend(b"\nendstream\nendobj\n");
    let xref_off = out.len();
    entries[xref_id] = (1, xref_off as u64, 0);
    // Rows of W [1 4 2] with the PNG Up predictor.
    let mut raw = Vec::new();
    let mut prev = [0u8; 7];
    for (t, f2, f3) in &entries {
        let mut row = [0u8; 7];
        row[0] = *t;
        row[1..5].copy_from_slice(&(*f2 as u32).to_be_bytes());
        row[5..7].copy_from_slice(&f3.to_be_bytes());
        raw.push(2);
        for k in 0..7 {
            raw.push(row[k].wrapping_sub(prev[k]));
        }
        prev = row;
    }
    let z = deflate(&raw);
    writeln!(out, "{xref_id} 0 obj\n<< /Type /XRef /Size {} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length {} >>\nstream", xref_id + 1, z.len()).unwrap();
    out.extend(&z);
    writeln!(out, "\nendstream\nendobj\nstartxref\n{xref_off}\n%%EOF").unwrap();
    out
}

/// `input` plus an incremental update that adds a page (a change signatures forbid).
pub fn add_page(input: &[u8]) -> Vec<u8> {
    let doc = sijill_signing::pdf::Document::open(input).unwrap();
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_ref()
        .unwrap()
        .0;
    let mut pages = doc
        .resolve_dict(&sijill_signing::pdf::Obj::Ref(pages_id, 0))
        .unwrap();
    let mut inc = sijill_signing::pdf::writer::Incremental::new(input, &doc);
    let page_id = inc.alloc();
    let mut kids = pages.get(b"Kids").unwrap().as_array().unwrap().clone();
    kids.push(sijill_signing::pdf::Obj::Ref(page_id, 0));
    let count = kids.len() as i64;
    pages.set(b"Kids", sijill_signing::pdf::Obj::Array(kids));
    pages.set(b"Count", sijill_signing::pdf::Obj::Int(count));
    inc.add_raw(
        page_id,
        0,
        format!("<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] >>").as_bytes(),
    );
    inc.add(pages_id, 0, &sijill_signing::pdf::Obj::Dict(pages));
    inc.finish()
}

/// `input` (classic, from [`classic`]) plus an empty visible signature field "Empty" on
/// page 1, with /SigFlags 1 as form tools write it.
pub fn with_empty_field(input: &[u8]) -> Vec<u8> {
    use sijill_signing::pdf::Obj;
    let doc = sijill_signing::pdf::Document::open(input).unwrap();
    let page_id = doc.page(0).unwrap();
    let mut page = doc.resolve_dict(&Obj::Ref(page_id, 0)).unwrap();
    let mut cat = doc.catalog().unwrap();
    let mut inc = sijill_signing::pdf::writer::Incremental::new(input, &doc);
    let field = inc.alloc();
    inc.add_raw(field, 0, format!("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Empty) /Rect [100 100 300 150] /F 4 /P {page_id} 0 R >>").as_bytes());
    let af = inc.alloc();
    inc.add_raw(
        af,
        0,
        format!("<< /Fields [{field} 0 R] /SigFlags 1 >>").as_bytes(),
    );
    page.set(b"Annots", Obj::Array(vec![Obj::Ref(field, 0)]));
    inc.add(page_id, 0, &Obj::Dict(page));
    cat.set(b"AcroForm", Obj::Ref(af, 0));
    inc.add(doc.root_id(), 0, &Obj::Dict(cat));
    inc.finish()
}
