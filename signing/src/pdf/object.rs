//! PDF objects and a bounded, panic-free parser for them (ISO 32000-2 §7.3).
//!
//! Only what signing and verification need: no content-stream semantics. Nesting depth is
//! capped so hostile files cannot overflow the stack.

pub use super::strings::decode_hex;
use crate::Error;

const MAX_DEPTH: usize = 64;

/// A PDF object. Dictionaries keep their key order so rewritten objects stay recognisable.
#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    /// A stream: its dictionary and the (still encoded) data.
    Stream(Dict, Vec<u8>),
}

/// An ordered dictionary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn new() -> Self {
        Dict(Vec::new())
    }
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn set(&mut self, key: &[u8], value: Obj) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_vec(), value)),
        }
    }
    pub fn remove(&mut self, key: &[u8]) {
        self.0.retain(|(k, _)| k != key);
    }
    pub fn name(&self, key: &[u8]) -> Option<&[u8]> {
        self.get(key).and_then(Obj::as_name)
    }
    pub fn int(&self, key: &[u8]) -> Option<i64> {
        self.get(key).and_then(Obj::as_int)
    }
}

impl Obj {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) if r.fract() == 0.0 => Some(*r as i64),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) => Some(*r),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Vec<Obj>> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_ref(&self) -> Option<(u32, u16)> {
        match self {
            Obj::Ref(n, g) => Some((*n, *g)),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&[u8]> {
        match self {
            Obj::Str(s) => Some(s),
            _ => None,
        }
    }
}

pub fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

pub fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A cursor over PDF bytes.
pub struct Parser<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Parser<'a> {
    /// A cursor at `pos` (clamped to the end: offsets from a damaged file may point past it).
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Parser {
            data,
            pos: pos.min(data.len()),
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Skips whitespace and comments.
    pub fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Reads a bare keyword or number token (regular characters up to a delimiter).
    pub fn token(&mut self) -> &'a [u8] {
        self.skip_ws();
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_white(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    pub fn expect_keyword(&mut self, kw: &[u8]) -> Result<(), Error> {
        let t = self.token();
        if t == kw {
            Ok(())
        } else {
            Err(Error::malformed(format!(
                "expected `{}` at byte {}, found `{}`",
                String::from_utf8_lossy(kw),
                self.pos,
                String::from_utf8_lossy(&t[..t.len().min(20)])
            )))
        }
    }

    pub fn parse_uint(&mut self) -> Option<u64> {
        let t = self.token();
        if t.is_empty() || t.len() > 19 || !t.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(t).ok()?.parse().ok()
    }

    /// Parses one object; `N G R` references are recognised.
    pub fn parse_object(&mut self) -> Result<Obj, Error> {
        self.parse_depth(0)
    }

    fn parse_depth(&mut self, depth: usize) -> Result<Obj, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::malformed("objects nested too deeply"));
        }
        self.skip_ws();
        let c = self
            .peek()
            .ok_or_else(|| Error::malformed("unexpected end of file in object"))?;
        match c {
            b'/' => {
                self.pos += 1;
                Ok(Obj::Name(self.name_body()))
            }
            b'(' => self.literal_string(),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let dict = self.dict_body(depth)?;
                Ok(Obj::Dict(dict))
            }
            b'<' => self.hex_string(),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        None => return Err(Error::malformed("unterminated array")),
                        _ => items.push(self.parse_depth(depth + 1)?),
                    }
                }
                Ok(Obj::Array(items))
            }
            _ => self.number_or_keyword(),
        }
    }

    fn name_body(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if is_white(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
            if c == b'#' {
                let hex = self
                    .data
                    .get(self.pos..self.pos + 2)
                    .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
                if let Some(b) = hex {
                    out.push(b);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    fn dict_body(&mut self, depth: usize) -> Result<Dict, Error> {
        let mut dict = Dict::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'>') if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Ok(dict);
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.name_body();
                    let value = self.parse_depth(depth + 1)?;
                    if value != Obj::Null {
                        dict.set(&key, value);
                    }
                }
                None => return Err(Error::malformed("unterminated dictionary")),
                Some(_) => {
                    return Err(Error::malformed(format!(
                        "dictionary key expected at byte {}",
                        self.pos
                    )))
                }
            }
        }
    }

    fn number_or_keyword(&mut self) -> Result<Obj, Error> {
        let start = self.pos;
        let t = self.token();
        if t.is_empty() {
            return Err(Error::malformed(format!(
                "unexpected character at byte {start}"
            )));
        }
        match t {
            b"true" => return Ok(Obj::Bool(true)),
            b"false" => return Ok(Obj::Bool(false)),
            b"null" => return Ok(Obj::Null),
            _ => {}
        }
        let s = std::str::from_utf8(t).map_err(|_| Error::malformed("bad token"))?;
        if let Ok(i) = s.parse::<i64>() {
            // Look ahead for `G R`.
            if i >= 0 && i <= u32::MAX as i64 {
                let save = self.pos;
                let gen = self.token();
                if !gen.is_empty()
                    && gen.len() <= 5
                    && gen.iter().all(u8::is_ascii_digit)
                    && self.token() == b"R"
                {
                    let g = std::str::from_utf8(gen)
                        .ok()
                        .and_then(|g| g.parse::<u16>().ok())
                        .unwrap_or(0);
                    return Ok(Obj::Ref(i as u32, g));
                }
                self.pos = save;
            }
            return Ok(Obj::Int(i));
        }
        if let Ok(r) = s.parse::<f64>() {
            if r.is_finite() {
                return Ok(Obj::Real(r));
            }
        }
        // PDF allows reals like "-.5" or "5." which Rust parses; anything else is an error.
        Err(Error::malformed(format!(
            "unknown token `{}` at byte {start}",
            s.chars().take(20).collect::<String>()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Result<Obj, Error> {
        Parser::new(s, 0).parse_object()
    }

    #[test]
    fn objects_refs_strings_names() {
        let o = parse(b"<< /A 1 0 R /B [1 2.5 -3 (a\\(b\\)\\101) <48 49>] /N#20x 5 /Z null >>")
            .unwrap();
        let d = o.as_dict().unwrap();
        assert_eq!(d.get(b"A"), Some(&Obj::Ref(1, 0)));
        let b = d.get(b"B").unwrap().as_array().unwrap();
        assert_eq!(b[0], Obj::Int(1));
        assert_eq!(b[1], Obj::Real(2.5));
        assert_eq!(b[3], Obj::Str(b"a(b)A".to_vec()));
        assert_eq!(b[4], Obj::Str(b"HI".to_vec()));
        assert!(d.get(b"N x").is_some());
        assert!(
            d.get(b"Z").is_none(),
            "null values are dropped like absent keys"
        );
    }

    #[test]
    fn hostile_input_is_an_error_not_a_crash() {
        assert!(parse(&[b'['; 10_000]).is_err());
        assert!(parse(b"<< /A (unterminated").is_err());
        assert!(parse(b"<< 1 2 >>").is_err());
        assert!(parse(b"").is_err());
        // Found by cargo fuzz: an object offset past the end of the file.
        let mut p = Parser::new(b"12", 40);
        assert_eq!(p.parse_uint(), None);
    }
}
