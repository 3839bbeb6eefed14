//! Hostile PDFs built by code, for tests and benches (like [`devpki`](crate::devpki), not
//! for production use): each file is small and asks a reader for far more than it should
//! give — memory (stream bombs), CPU (xref chains, signatures × changes) or pixels (tall
//! pages). [`corpus`] lists them with the [`Limit`] each must hit.
//!
//! The bombs decode to zeros: compressing 256 MiB of zeros once takes about a second,
//! so the compressed blobs are made once per process and shared.

use crate::pdf::budget::Limit;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::OnceLock;

/// What the bombs nominally decode to: four times the default budget, and each of the
/// attack's objects decoded to 512 MiB; past the budget the difference is not measured.
pub const BOMB_BYTES: usize = 256 << 20;

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}

/// zlib of `head` followed by `zeros` zero bytes, without holding the zeros.
fn zlib_padded(head: &[u8], zeros: usize) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
    e.write_all(head).expect("in memory");
    let block = vec![0u8; 1 << 20];
    let mut left = zeros;
    while left > 0 {
        let n = left.min(block.len());
        e.write_all(&block[..n]).expect("in memory");
        left -= n;
    }
    e.finish().expect("in memory")
}

/// zlib of [`BOMB_BYTES`] zeros (about 256 KB), made once.
fn zeros_once() -> &'static [u8] {
    static Z: OnceLock<Vec<u8>> = OnceLock::new();
    Z.get_or_init(|| zlib_padded(b"", BOMB_BYTES))
}

/// zlib of 40 MiB of zeros (under the default budget alone, over it twice), made once.
fn zeros_40m() -> &'static [u8] {
    static Z: OnceLock<Vec<u8>> = OnceLock::new();
    Z.get_or_init(|| zlib_padded(b"", 40 << 20))
}

/// A PDF written object by object, offsets remembered for the cross-reference data.
struct Pdf {
    out: Vec<u8>,
    offsets: BTreeMap<u32, usize>,
}

impl Pdf {
    fn new() -> Self {
        Pdf {
            out: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            offsets: BTreeMap::new(),
        }
    }

    fn obj(&mut self, id: u32, body: &str) {
        self.offsets.insert(id, self.out.len());
        self.out
            .extend_from_slice(format!("{id} 0 obj\n{body}\nendobj\n").as_bytes());
    }

    fn stream(&mut self, id: u32, dict: &str, data: &[u8]) {
        self.offsets.insert(id, self.out.len());
        self.out.extend_from_slice(
            format!("{id} 0 obj\n<<{dict} /Length {}>>\nstream\n", data.len()).as_bytes(),
        );
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// A classic section for the objects written since the last one; returns its offset.
    fn xref_table(&mut self, trailer: &str) -> usize {
        let at = self.out.len();
        let size = self.offsets.keys().max().map_or(1, |m| m + 1);
        let mut s = String::from("xref\n0 1\n0000000000 65535 f \n");
        for (id, off) in std::mem::take(&mut self.offsets) {
            s.push_str(&format!("{id} 1\n{off:010} 00000 n \n"));
        }
        s.push_str(&format!("trailer\n<</Size {size} {trailer}>>\n"));
        self.out.extend_from_slice(s.as_bytes());
        at
    }

    fn end(&mut self, startxref: usize) {
        self.out
            .extend_from_slice(format!("startxref\n{startxref}\n%%EOF\n").as_bytes());
    }
}

/// One object stream: its objects as (id, body), its /Filter and its data's encoder.
struct Stm<'a> {
    objs: Vec<(u32, String)>,
    filter: &'a str,
    encode: &'a dyn Fn(&[u8]) -> Vec<u8>,
}

/// Objects kept in object streams, with an uncompressed xref stream (W 1 4 2).
fn objstm_file(streams: Vec<Stm<'_>>, root: u32) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut rows: BTreeMap<u32, (u8, u32, u16)> = BTreeMap::new();
    let mut stm_id = 100;
    for Stm {
        objs,
        filter,
        encode,
    } in &streams
    {
        let mut head = String::new();
        let mut body = String::new();
        for (i, (id, o)) in objs.iter().enumerate() {
            head.push_str(&format!("{id} {} ", body.len()));
            body.push_str(o);
            body.push('\n');
            rows.insert(*id, (2, stm_id, i as u16));
        }
        let first = head.len();
        let data = encode(format!("{head}{body}").as_bytes());
        pdf.stream(
            stm_id,
            &format!(
                "/Type /ObjStm /N {} /First {first} /Filter {filter}",
                objs.len()
            ),
            &data,
        );
        stm_id += 1;
    }
    for (id, off) in &pdf.offsets {
        rows.insert(*id, (1, *off as u32, 0));
    }
    let xref_id = stm_id;
    let xref_off = pdf.out.len();
    rows.insert(xref_id, (1, xref_off as u32, 0));
    let size = xref_id + 1;
    let mut data = Vec::new();
    for id in 0..size {
        let (t, f2, f3) = rows.get(&id).copied().unwrap_or((0, 0, 0xffff));
        data.push(t);
        data.extend_from_slice(&f2.to_be_bytes());
        data.extend_from_slice(&f3.to_be_bytes());
    }
    pdf.stream(
        xref_id,
        &format!("/Type /XRef /Size {size} /W [1 4 2] /Root {root} 0 R"),
        &data,
    );
    pdf.end(xref_off);
    pdf.out
}

fn page_objects() -> Vec<(u32, String)> {
    vec![
        (1, "<</Type /Catalog /Pages 2 0 R>>".into()),
        (2, "<</Type /Pages /Kids [3 0 R] /Count 1>>".into()),
        (
            3,
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>".into(),
        ),
    ]
}

/// The finding: a doubly compressed object stream whose objects come first and
/// whose data then goes on to [`BOMB_BYTES`] of zeros (a few KB on disk).
pub fn objstm_bomb() -> Vec<u8> {
    let twice = |d: &[u8]| {
        // The objects, then zeros: compressed, then compressed again.
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(&zlib_padded(d, BOMB_BYTES)).expect("in memory");
        e.finish().expect("in memory")
    };
    objstm_file(
        vec![Stm {
            objs: page_objects(),
            filter: "[/FlateDecode /FlateDecode]",
            encode: &twice,
        }],
        1,
    )
}

/// Four object streams of 40 MiB each, every one under the budget alone, chained
/// (catalog → form → field → kid) so that reading the form decodes them all.
pub fn objstm_many() -> Vec<u8> {
    let padded = |d: &[u8]| zlib_padded(d, 40 << 20);
    let mut first = page_objects();
    first[0].1 = "<</Type /Catalog /Pages 2 0 R /AcroForm 5 0 R>>".into();
    let stm = |objs: Vec<(u32, String)>| Stm {
        objs,
        filter: "/FlateDecode",
        encode: &padded,
    };
    objstm_file(
        vec![
            stm(first),
            stm(vec![(5, "<</Fields [6 0 R]>>".into())]),
            stm(vec![(6, "<</T (a) /Kids [7 0 R]>>".into())]),
            stm(vec![(7, "<</T (b) /FT /Sig /V 8 0 R>>".into())]),
        ],
        1,
    )
}

/// An object stream compressed four times over (more filters than any producer stacks).
pub fn nested_filters() -> Vec<u8> {
    let four = |d: &[u8]| zlib(&zlib(&zlib(&zlib(d))));
    objstm_file(
        vec![Stm {
            objs: page_objects(),
            filter: "[/FlateDecode /FlateDecode /FlateDecode /FlateDecode]",
            encode: &four,
        }],
        1,
    )
}

/// A one-page file with classic cross-reference tables.
fn base(pdf: &mut Pdf) -> usize {
    for (id, o) in page_objects() {
        pdf.obj(id, &o);
    }
    pdf.xref_table("/Root 1 0 R")
}

/// `sections` classic cross-reference sections chained through /Prev, each redefining
/// the catalog (300 by default: more than the 256 allowed).
pub fn xref_chain(sections: usize) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut prev = base(&mut pdf);
    pdf.end(prev);
    for _ in 1..sections {
        pdf.obj(1, "<</Type /Catalog /Pages 2 0 R>>");
        prev = pdf.xref_table(&format!("/Root 1 0 R /Prev {prev}"));
        pdf.end(prev);
    }
    pdf.out
}

/// The CPU finding: sixteen chained xref streams, each decoding to 40 MiB (its
/// /Index uses one row), so only the total per document stops them.
pub fn xref_stream_chain() -> Vec<u8> {
    let mut pdf = Pdf::new();
    for (id, o) in page_objects() {
        pdf.obj(id, &o);
    }
    let objs = std::mem::take(&mut pdf.offsets);
    let mut prev: Option<usize> = None;
    for i in 0..16u32 {
        let at = pdf.out.len();
        let prev_key = prev.map(|p| format!(" /Prev {p}")).unwrap_or_default();
        if i == 15 {
            // The newest section: the real entries, uncompressed.
            let mut data = Vec::new();
            for id in 0..4u32 {
                let off = objs.get(&id).copied().unwrap_or(0) as u32;
                data.push(u8::from(id != 0));
                data.extend_from_slice(&off.to_be_bytes());
                data.extend_from_slice(&[0, 0]);
            }
            pdf.stream(
                200 + i,
                &format!("/Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R{prev_key}"),
                &data,
            );
        } else {
            pdf.stream(
                200 + i,
                &format!(
                    "/Type /XRef /Size 4 /Index [0 1] /W [1 4 2] /Root 1 0 R /Filter /FlateDecode{prev_key}"
                ),
                zeros_40m(),
            );
        }
        prev = Some(at);
    }
    pdf.end(prev.unwrap_or(0));
    pdf.out
}

/// An xref stream declaring 2,000,000 objects (one byte each, compressed to a few KB).
pub fn objects_bomb() -> Vec<u8> {
    let mut pdf = Pdf::new();
    for (id, o) in page_objects() {
        pdf.obj(id, &o);
    }
    let n = 2_000_000;
    let at = pdf.out.len();
    pdf.stream(
        9,
        &format!("/Type /XRef /Size {n} /W [1 0 0] /Root 1 0 R /Filter /FlateDecode"),
        &zlib(&vec![1u8; n]),
    );
    pdf.end(at);
    pdf.out
}

/// The [`BOMB_BYTES`] bomb as the one xref stream of a file (decoded at open).
pub fn xref_bomb() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let at = pdf.out.len();
    pdf.stream(
        1,
        "/Type /XRef /Size 1 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode",
        zeros_once(),
    );
    pdf.end(at);
    pdf.out
}

/// The K × N finding: a signed revision with `changes` filler objects, then a
/// revision with `signatures` fields that all point at the one signature dictionary (one
/// byte range) and every filler object changed, so each signature compares them all.
pub fn signatures_times_changes(signatures: usize, changes: usize) -> Vec<u8> {
    let mut pdf = Pdf::new();
    for (id, o) in page_objects() {
        pdf.obj(id, &o);
    }
    // The signature dictionary, its /ByteRange patched once the revision's end is known.
    let placeholder = "[0000000000 0000000000 0000000000 0000000000]";
    let hex = "0".repeat(2000);
    pdf.obj(
        4,
        &format!("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange {placeholder} /Contents <{hex}>>>"),
    );
    let sig_at = pdf.offsets[&4];
    for i in 0..changes as u32 {
        pdf.obj(10 + i, "<</X 1>>");
    }
    let first = pdf.xref_table("/Root 1 0 R");
    pdf.end(first);
    let end = pdf.out.len();
    let text = &pdf.out[sig_at..];
    let br_at = sig_at + find(text, placeholder.as_bytes());
    let a = sig_at + find(text, b"/Contents <") + 10;
    let b = a + hex.len() + 2;
    let br = format!("[{:010} {a:010} {b:010} {:010}]", 0, end - b);
    pdf.out[br_at..br_at + br.len()].copy_from_slice(br.as_bytes());
    // The later revision.
    let field0 = 10 + changes as u32;
    let fields: Vec<String> = (0..signatures as u32)
        .map(|i| format!("{} 0 R", field0 + i))
        .collect();
    pdf.obj(
        1,
        &format!(
            "<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [{}]>>>>",
            fields.join(" ")
        ),
    );
    for i in 0..signatures as u32 {
        pdf.obj(field0 + i, &format!("<</FT /Sig /T (s{i}) /V 4 0 R>>"));
    }
    for i in 0..changes as u32 {
        pdf.obj(10 + i, "<</X 2>>");
    }
    let second = pdf.xref_table(&format!("/Root 1 0 R /Prev {first}"));
    pdf.end(second);
    pdf.out
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .expect("written above")
}

/// A one-page file whose page is `w` × `h` points (1 × 1000 makes a 800-pixel-wide
/// rendering 800,000 pixels tall).
pub fn page_of_size(w: f64, h: f64) -> Vec<u8> {
    let mut pdf = Pdf::new();
    pdf.obj(1, "<</Type /Catalog /Pages 2 0 R>>");
    pdf.obj(2, "<</Type /Pages /Kids [3 0 R] /Count 1>>");
    pdf.obj(
        3,
        &format!("<</Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}]>>"),
    );
    let at = pdf.xref_table("/Root 1 0 R");
    pdf.end(at);
    pdf.out
}

/// A sound one-page file (the base of the hostile ones), for comparisons.
pub fn sound() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let at = base(&mut pdf);
    pdf.end(at);
    pdf.out
}

/// `pdf` cut at `keep` of its length (the end, with `startxref`, is lost).
pub fn truncated(pdf: &[u8], keep: f64) -> Vec<u8> {
    pdf[..((pdf.len() as f64 * keep) as usize).min(pdf.len())].to_vec()
}

/// The hostile files and the limit each must hit when read or verified with the
/// default limits. (Tall pages and truncations are not limits of the reader: see
/// [`page_of_size`] and [`truncated`].)
pub fn corpus() -> Vec<(&'static str, Vec<u8>, Limit)> {
    vec![
        ("objstm-bomb", objstm_bomb(), Limit::DecodedBytes),
        ("objstm-many", objstm_many(), Limit::DecodedBytes),
        ("xref-bomb", xref_bomb(), Limit::DecodedBytes),
        (
            "xref-stream-chain",
            xref_stream_chain(),
            Limit::DecodedBytes,
        ),
        ("nested-filters", nested_filters(), Limit::StreamNesting),
        ("xref-chain", xref_chain(300), Limit::XrefSections),
        ("objects-bomb", objects_bomb(), Limit::Objects),
        (
            "signatures-bomb",
            signatures_times_changes(200, 10),
            Limit::Signatures,
        ),
        (
            "signatures-x-changes",
            signatures_times_changes(60, 2000),
            Limit::ChangedObjects,
        ),
    ]
}
