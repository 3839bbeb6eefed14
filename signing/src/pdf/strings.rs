//! String tokens: literal `( … )` strings with their escapes and balanced parentheses,
//! and hex `< … >` strings (ISO 32000-2 §7.3.4).

use super::object::{Obj, Parser};
use crate::Error;

impl Parser<'_> {
    pub(super) fn literal_string(&mut self) -> Result<Obj, Error> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut level = 1usize;
        loop {
            let c = self
                .peek()
                .ok_or_else(|| Error::malformed("unterminated string"))?;
            self.pos += 1;
            match c {
                b'(' => {
                    level += 1;
                    out.push(c);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        return Ok(Obj::Str(out));
                    }
                    out.push(c);
                }
                b'\\' => {
                    let e = self
                        .peek()
                        .ok_or_else(|| Error::malformed("unterminated string"))?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    pub(super) fn hex_string(&mut self) -> Result<Obj, Error> {
        self.pos += 1;
        let start = self.pos;
        let end = self.data[start..]
            .iter()
            .position(|&c| c == b'>')
            .map(|p| start + p)
            .ok_or_else(|| Error::malformed("unterminated hex string"))?;
        self.pos = end + 1;
        Ok(Obj::Str(decode_hex(&self.data[start..end])))
    }
}

/// Decodes hex digits, ignoring whitespace; an odd final digit counts as followed by 0.
pub fn decode_hex(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() / 2);
    let mut hi: Option<u8> = None;
    for &c in src {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}
