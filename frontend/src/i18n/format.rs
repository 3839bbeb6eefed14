//! Dates, numbers and sizes written the way each language writes them.
//!
//! Times are shown in UTC with the zone named, because the registry's legal time is the
//! timestamp's (UTC) and Morocco's offset changes during Ramadan.

use super::Lang;

const MONTHS_FR: [&str; 12] = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];
// Moroccan Arabic month names (as used by Moroccan administrations).
const MONTHS_AR: [&str; 12] = [
    "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
    "نونبر", "دجنبر",
];
const MONTHS_ZGH: [&str; 12] = [
    "ⵉⵏⵏⴰⵢⵔ", "ⴱⵕⴰⵢⵕ", "ⵎⴰⵕⵚ", "ⵉⴱⵔⵉⵔ", "ⵎⴰⵢⵢⵓ", "ⵢⵓⵏⵢⵓ", "ⵢⵓⵍⵢⵓⵣ", "ⵖⵓⵛⵜ", "ⵛⵓⵜⴰⵏⴱⵉⵔ",
    "ⴽⵜⵓⴱⵔ", "ⵏⵓⵡⴰⵏⴱⵉⵔ", "ⴷⵓⵊⴰⵏⴱⵉⵔ",
];

/// (year, month 1-12, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// "25 novembre 2026", "25 نونبر 2026", "25 November 2026".
pub fn format_date(lang: Lang, unix_secs: i64) -> String {
    let (y, m, d) = civil_from_days(unix_secs.div_euclid(86_400));
    let month = match lang {
        Lang::Fr => MONTHS_FR,
        Lang::En => MONTHS_EN,
        Lang::Ar => MONTHS_AR,
        Lang::Zgh => MONTHS_ZGH,
    }[(m - 1) as usize];
    format!("{d} {month} {y}")
}

/// Date and time to the minute, in UTC, e.g. "25 novembre 2026 à 14:05 UTC".
pub fn format_datetime(lang: Lang, unix_secs: i64) -> String {
    let secs = unix_secs.rem_euclid(86_400);
    let (h, min) = (secs / 3600, (secs % 3600) / 60);
    let date = format_date(lang, unix_secs);
    match lang {
        Lang::Fr => format!("{date} à {h:02}:{min:02} UTC"),
        Lang::En => format!("{date}, {h:02}:{min:02} UTC"),
        Lang::Ar => format!("{date}، {h:02}:{min:02} (UTC)"),
        Lang::Zgh => format!("{date}, {h:02}:{min:02} UTC"),
    }
}

/// Thousands separator and decimal mark per language (Morocco writes Arabic with Latin
/// digits, "1.234,5"; French uses a narrow no-break space).
fn separators(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fr | Lang::Zgh => ("\u{202F}", ","),
        Lang::Ar => (".", ","),
        Lang::En => (",", "."),
    }
}

pub fn format_number(lang: Lang, n: u64) -> String {
    let (group, _) = separators(lang);
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    out
}

/// Human file size with one decimal: "1,2 Mo", "1.2 MB", "1,2 ميغابايت".
pub fn format_bytes(lang: Lang, bytes: u64) -> String {
    let units: [&str; 3] = match lang {
        Lang::Fr | Lang::Zgh => ["o", "ko", "Mo"],
        Lang::En => ["B", "kB", "MB"],
        Lang::Ar => ["بايت", "كيلوبايت", "ميغابايت"],
    };
    if bytes < 1000 {
        return format!("{} {}", bytes, units[0]);
    }
    let (value, unit) = if bytes < 1_000_000 {
        (bytes as f64 / 1000.0, units[1])
    } else {
        (bytes as f64 / 1_000_000.0, units[2])
    };
    let tenths = (value * 10.0).round() as u64;
    let (_, decimal) = separators(lang);
    format!("{}{}{} {}", format_number(lang, tenths / 10), decimal, tenths % 10, unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        // 2026-11-25T14:05:09Z
        let t = 1_795_615_509;
        assert_eq!(format_date(Lang::Fr, t), "25 novembre 2026");
        assert_eq!(format_datetime(Lang::Fr, t), "25 novembre 2026 à 14:05 UTC");
        assert_eq!(format_datetime(Lang::En, t), "25 November 2026, 14:05 UTC");
        assert_eq!(format_date(Lang::Ar, t), "25 نونبر 2026");
        assert_eq!(format_date(Lang::Fr, 0), "1 janvier 1970");
        assert_eq!(format_date(Lang::En, 951_782_400), "29 February 2000");
    }

    #[test]
    fn numbers_and_sizes_per_language() {
        assert_eq!(format_number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(format_number(Lang::Fr, 1234), "1\u{202F}234");
        assert_eq!(format_bytes(Lang::Fr, 1_250_000), "1,3 Mo");
        assert_eq!(format_bytes(Lang::En, 1_250_000), "1.3 MB");
        assert_eq!(format_bytes(Lang::En, 512), "512 B");
        assert_eq!(format_bytes(Lang::Ar, 20_000), "20,0 كيلوبايت");
    }
}
