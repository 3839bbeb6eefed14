//! A minimal DER reader and writer: just enough ASN.1 for CMS SignedData, ESS attributes,
//! RFC 3161 tokens and the certificate fields we need. Every read is bounds-checked.

use crate::Error;

/// One TLV: its tag, its content, and the full encoding (tag + length + content).
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

/// Reads consecutive TLVs from a byte slice.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }
    /// Reads the next TLV, whatever its tag.
    pub fn next(&mut self) -> Result<Tlv<'a>, Error> {
        let start = self.pos;
        let d = self.data;
        let tag = *d
            .get(start)
            .ok_or_else(|| Error::asn1("unexpected end of data"))?;
        if tag & 0x1f == 0x1f {
            return Err(Error::asn1("multi-byte tags are not supported"));
        }
        let l0 = *d
            .get(start + 1)
            .ok_or_else(|| Error::asn1("missing length"))?;
        let (len, hdr) = if l0 < 0x80 {
            (l0 as usize, 2)
        } else {
            let n = (l0 & 0x7f) as usize;
            if n == 0 || n > 4 {
                return Err(Error::asn1("indefinite or oversized length"));
            }
            let bytes = d
                .get(start + 2..start + 2 + n)
                .ok_or_else(|| Error::asn1("truncated length"))?;
            (
                bytes.iter().fold(0usize, |a, &b| a << 8 | b as usize),
                2 + n,
            )
        };
        let end = (start + hdr)
            .checked_add(len)
            .filter(|e| *e <= d.len())
            .ok_or_else(|| Error::asn1("length exceeds data"))?;
        self.pos = end;
        Ok(Tlv {
            tag,
            content: &d[start + hdr..end],
            raw: &d[start..end],
        })
    }
    /// Reads the next TLV and checks its tag.
    pub fn expect(&mut self, tag: u8) -> Result<Tlv<'a>, Error> {
        let t = self.next()?;
        if t.tag != tag {
            return Err(Error::asn1(format!(
                "expected tag {tag:#04x}, found {:#04x}",
                t.tag
            )));
        }
        Ok(t)
    }
    /// Reads the next TLV only if it carries `tag`.
    pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>, Error> {
        if self.data.get(self.pos) == Some(&tag) {
            self.next().map(Some)
        } else {
            Ok(None)
        }
    }
}

impl<'a> Tlv<'a> {
    pub fn reader(&self) -> Reader<'a> {
        Reader::new(self.content)
    }
    pub fn children(&self) -> Result<Vec<Tlv<'a>>, Error> {
        let mut r = self.reader();
        let mut v = Vec::new();
        while !r.is_empty() {
            v.push(r.next()?);
        }
        Ok(v)
    }
}

/// Parses exactly one TLV covering all of `data`.
pub fn parse(data: &[u8]) -> Result<Tlv<'_>, Error> {
    let mut r = Reader::new(data);
    let t = r.next()?;
    Ok(t)
}

// ---- writing ----

pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A DER SET OF: elements sorted by their encodings.
pub fn set_of(mut parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.sort();
    tlv(0x31, &parts.concat())
}

pub fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

pub fn small_int(v: u8) -> Vec<u8> {
    if v < 0x80 {
        vec![0x02, 1, v]
    } else {
        vec![0x02, 2, 0, v]
    }
}

/// Encodes an OBJECT IDENTIFIER from its arcs.
pub fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut body = Vec::new();
    let first = arcs[0] * 40 + arcs.get(1).copied().unwrap_or(0);
    for (i, &a) in std::iter::once(&first)
        .chain(arcs.iter().skip(2))
        .enumerate()
    {
        let _ = i;
        let mut tmp = vec![(a & 0x7f) as u8];
        let mut v = a >> 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        tmp.reverse();
        body.extend(tmp);
    }
    tlv(0x06, &body)
}

/// Renders an OID's content bytes as dotted text (for messages).
pub fn oid_text(content: &[u8]) -> String {
    let mut arcs = Vec::new();
    let mut v: u64 = 0;
    for &b in content {
        v = (v << 7) | (b & 0x7f) as u64;
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (v / 40).min(2);
                arcs.push(first);
                arcs.push(v - first * 40);
            } else {
                arcs.push(v);
            }
            v = 0;
        }
    }
    arcs.iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oid_round_trip_and_long_lengths() {
        let o = oid(&[1, 2, 840, 113549, 1, 9, 16, 2, 47]);
        assert_eq!(oid_text(&o[2..]), "1.2.840.113549.1.9.16.2.47");
        let big = tlv(0x04, &vec![7u8; 70_000]);
        let t = parse(&big).unwrap();
        assert_eq!(t.content.len(), 70_000);
        assert!(parse(&big[..big.len() - 1]).is_err());
        assert!(parse(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err());
    }
}
