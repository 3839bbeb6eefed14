//! PDF layer: a lazy reader of the newest revision ([`reader`]), objects ([`object`]),
//! the incremental writer ([`writer`]), signature fields with a patched placeholder
//! ([`sigfield`]), the DSS ([`dss`]) and visible-signature appearances ([`appearance`]).
//! Untrusted files are read under a [`budget`].

pub mod appearance;
pub mod budget;
pub mod compose;
pub mod dss;
pub mod filters;
pub mod object;
pub mod reader;
pub mod revisions;
pub mod sigfield;
pub mod strings;
pub mod text;
pub mod writer;
pub mod xref;

pub use budget::{Budget, Cancel, Limit, Limits};
pub use object::{Dict, Obj};
pub use reader::Document;

/// Formats a UNIX time as a PDF date string (`D:YYYYMMDDHHmmSSZ`, UTC).
pub fn pdf_date(unix: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(unix);
    format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z")
}

/// UNIX seconds to (year, month, day, hour, minute, second) in UTC.
pub fn civil(unix: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding≈Latin-1).
pub fn decode_text(s: &[u8]) -> String {
    if s.len() >= 2 && s[0] == 0xfe && s[1] == 0xff {
        let u: Vec<u16> = s[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&u)
    } else if s.starts_with(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(&s[3..]).into_owned()
    } else {
        s.iter().map(|&c| c as char).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pdf_dates() {
        assert_eq!(super::pdf_date(0), "D:19700101000000Z");
        assert_eq!(super::pdf_date(951_782_400), "D:20000229000000Z");
    }
}
