//! Stream decoding needed to read cross-reference and object streams: FlateDecode with the
//! PNG/TIFF predictors. Every byte decoded is charged to the file's [`Budget`] before it
//! is kept, so a hostile stream (or many, or one compressed twice) stops at the budget
//! instead of exhausting memory.

use super::budget::{Budget, Limit};
use super::object::{Dict, Obj};
use crate::Error;
use std::io::Read;

/// Decoding reads this much at a time, so the budget is checked as the output grows.
const CHUNK: usize = 64 * 1024;

/// Decodes a stream's data according to its /Filter and /DecodeParms, under `budget`.
pub fn decode_stream(dict: &Dict, data: &[u8], budget: &Budget) -> Result<Vec<u8>, Error> {
    budget.check()?;
    let filters: Vec<&[u8]> = match dict.get(b"Filter") {
        None => vec![],
        Some(Obj::Name(n)) => vec![n.as_slice()],
        Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_name).collect(),
        Some(_) => return Err(Error::malformed("bad /Filter")),
    };
    budget.at_most(Limit::StreamNesting, filters.len())?;
    let parms: Vec<Option<&Dict>> = match dict.get(b"DecodeParms") {
        Some(Obj::Dict(d)) => vec![Some(d)],
        Some(Obj::Array(a)) => a.iter().map(Obj::as_dict).collect(),
        _ => vec![],
    };
    let mut out = data.to_vec();
    for (i, f) in filters.iter().enumerate() {
        out = match *f {
            b"FlateDecode" | b"Fl" => {
                let dec = inflate(&out, budget)?;
                match parms.get(i).copied().flatten() {
                    Some(p) => unpredict(p, dec)?,
                    None => dec,
                }
            }
            other => {
                return Err(Error::Unsupported(format!(
                    "stream filter /{} in a structural stream",
                    String::from_utf8_lossy(other)
                )))
            }
        };
    }
    Ok(out)
}

/// Inflates `data`, charging the output to `budget` chunk by chunk (never more than one
/// chunk past what the budget allows is held).
fn inflate(data: &[u8], budget: &Budget) -> Result<Vec<u8>, Error> {
    let mut dec = Vec::new();
    let mut reader = flate2::read::ZlibDecoder::new(data);
    let mut buf = vec![0u8; CHUNK];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                budget.charge_decoded(n as u64)?;
                dec.extend_from_slice(&buf[..n]);
                if dec.len() % (16 * CHUNK) < n {
                    budget.check()?;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // Many producers write slightly damaged zlib tails; keep what decoded.
            Err(_) if !dec.is_empty() => break,
            Err(_) => return Err(Error::malformed("cannot inflate a FlateDecode stream")),
        }
    }
    Ok(dec)
}

fn unpredict(parms: &Dict, data: Vec<u8>) -> Result<Vec<u8>, Error> {
    let predictor = parms.int(b"Predictor").unwrap_or(1);
    if predictor < 10 {
        if predictor == 2 {
            return Err(Error::Unsupported("TIFF predictor".into()));
        }
        return Ok(data);
    }
    let colors = parms.int(b"Colors").unwrap_or(1).clamp(1, 32) as usize;
    let bpc = parms.int(b"BitsPerComponent").unwrap_or(8).clamp(1, 16) as usize;
    let columns = parms.int(b"Columns").unwrap_or(1).clamp(1, 1 << 20) as usize;
    let bpp = ((colors * bpc) / 8).max(1);
    let row_len = (colors * bpc * columns).div_ceil(8);
    if row_len >= data.len() {
        // Not one whole row: nothing to decode (and no row buffer sized by the dictionary).
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        if chunk.len() < row_len + 1 {
            break;
        }
        let kind = chunk[0];
        let mut row = chunk[1..].to_vec();
        for i in 0..row_len {
            let left = if i >= bpp { row[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            row[i] = match kind {
                0 => row[i],
                1 => row[i].wrapping_add(left),
                2 => row[i].wrapping_add(up),
                3 => row[i].wrapping_add(((left as u16 + up as u16) / 2) as u8),
                4 => row[i].wrapping_add(paeth(left, up, up_left)),
                _ => return Err(Error::malformed("bad PNG predictor row type")),
            };
        }
        out.extend_from_slice(&row);
        prev = row;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = (
        (p - a as i16).abs(),
        (p - b as i16).abs(),
        (p - c as i16).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}
