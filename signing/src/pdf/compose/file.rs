//! The file around the objects of a new document: header, objects, classic cross-reference
//! table and trailer. Small on purpose — the signing layer appends to these files later.

use std::fmt::Write as _;

use crate::pdf::text::ObjectSink;

/// A PDF file being written object by object.
pub(crate) struct PdfFile {
    out: Vec<u8>,
    /// Byte offset of each object, by number − 1; `None` while only reserved.
    offsets: Vec<Option<usize>>,
}

impl PdfFile {
    pub fn new() -> PdfFile {
        let mut out = Vec::with_capacity(64 * 1024);
        // The binary comment line tells transfer tools the file is not text.
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfFile { out, offsets: Vec::new() }
    }

    /// Reserves an object number for an object written later (e.g. the page tree, which
    /// pages refer to before it can list them).
    pub fn reserve(&mut self) -> u32 {
        self.offsets.push(None);
        self.offsets.len() as u32
    }

    /// Writes object `id` (reserved before) with `body`.
    pub fn write(&mut self, id: u32, body: &[u8]) {
        let slot = id as usize - 1;
        self.offsets[slot] = Some(self.out.len());
        self.out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Cross-reference table and trailer; returns the whole file.
    pub fn finish(mut self, root: u32, info: u32) -> Vec<u8> {
        // A reserved object never written would break the table: make it null.
        for i in 0..self.offsets.len() {
            if self.offsets[i].is_none() {
                self.write(i as u32 + 1, b"null");
            }
        }
        let id = file_id(&self.out);
        let xref_at = self.out.len();
        let n = self.offsets.len() + 1;
        let mut s = format!("xref\n0 {n}\n0000000000 65535 f\r\n");
        for off in &self.offsets {
            let _ = write!(s, "{:010} 00000 n\r\n", off.unwrap_or(0));
        }
        let _ = write!(
            s,
            "trailer\n<</Size {n}/Root {root} 0 R/Info {info} 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref_at}\n%%EOF\n"
        );
        self.out.extend_from_slice(s.as_bytes());
        self.out
    }
}

impl ObjectSink for PdfFile {
    fn add_object(&mut self, body: Vec<u8>) -> u32 {
        let id = self.reserve();
        self.write(id, &body);
        id
    }
}

/// A file identifier derived from the content (same content, same ID): 16 bytes, hex.
fn file_id(data: &[u8]) -> String {
    let (mut a, mut b) = (0xcbf2_9ce4_8422_2325u64, 0x8422_2325_cbf2_9ce4u64);
    for chunk in data.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        let v = u64::from_le_bytes(w);
        a = (a ^ v).wrapping_mul(0x0100_0000_01b3);
        b = (b ^ v.rotate_left(29)).wrapping_mul(0x0000_0100_0000_01b3 | 1 << 63);
    }
    format!("{a:016X}{b:016X}")
}
