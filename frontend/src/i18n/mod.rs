//! Languages, translated strings and locale-aware formatting.
//!
//! Strings are compiled-in tables (one row per message, four languages per row) so a missing
//! translation is a compile error, not a blank on a citizen's screen.

/// Declares a message enum whose every variant carries its four translations
/// (French, Arabic, Amazigh in Tifinagh, English, in that order).
macro_rules! messages {
    ($(#[$meta:meta])* $name:ident { $($key:ident => [$fr:expr, $ar:expr, $zgh:expr, $en:expr $(,)?]),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                use $crate::i18n::Lang;
                match self {
                    $($name::$key => match lang {
                        Lang::Fr => $fr,
                        Lang::Ar => $ar,
                        Lang::Zgh => $zgh,
                        Lang::En => $en,
                    }),*
                }
            }
        }
    };
}

pub mod bureau;
mod common;
mod errors;
mod filing;
mod format;
pub mod routing;
pub mod parapheur;
pub mod parapheur_batch;
pub mod parapheur_circuit;
pub mod parapheur_keys;
pub mod search;
mod verify;

pub use bureau::B;
pub use common::T;
pub use errors::FormError;
pub use filing::{FilingStatus, F};
pub use routing::R;
pub use format::{format_bytes, format_date, format_datetime, format_number};
pub use verify::V;

use serde::{Deserialize, Serialize};

/// The four languages of the portal. French is the default (organic law 26-16 asks for
/// Arabic and Amazigh in Tifinagh alongside; English serves foreign filers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    Ar,
    Zgh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Fr, Lang::Ar, Lang::Zgh, Lang::En];

    /// BCP 47 tag used in `lang` attributes and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Ar => "ar",
            Lang::Zgh => "zgh",
            Lang::En => "en",
        }
    }

    /// Text direction for `<html dir>`: only Arabic is right-to-left (Tifinagh is written
    /// left-to-right in Moroccan usage).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language's own name, shown in the switcher so each reader finds theirs.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::Ar => "العربية",
            Lang::Zgh => "ⵜⴰⵎⴰⵣⵉⵖⵜ",
            Lang::En => "English",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        match primary {
            "fr" => Some(Lang::Fr),
            "ar" => Some(Lang::Ar),
            "zgh" | "ber" | "tzm" | "shi" | "rif" => Some(Lang::Zgh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// First supported language of an `Accept-Language` header, in the order the browser
    /// gives them (quality values are ignored: browsers already sort by them).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(Lang::from_code)
    }

    /// Only Arabic is written right to left; Tifinagh is left to right.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The server's choice for a request: the `lang` cookie wins (the user's explicit
    /// choice), then `Accept-Language` by quality, then French.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(l) = cookie.and_then(Lang::from_code) {
            return l;
        }
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.unwrap_or("").split(',') {
            let mut it = part.split(';');
            let Some(l) = it.next().and_then(Lang::from_code) else { continue };
            let q = it
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
                .unwrap_or(1.0);
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

/// Replaces `{name}` in a translated template; templates are ours, so a missing placeholder
/// only means the sentence does not show that value.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_accept_language_picks_first_supported() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_accept_language("de-DE,ar-MA;q=0.8,fr;q=0.5"), Some(Lang::Ar));
        assert_eq!(Lang::from_accept_language("de, it"), None);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Zgh.dir(), "ltr");
    }

    #[test]
    fn every_message_has_text_in_every_language() {
        for lang in Lang::ALL {
            for m in T::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
            for m in F::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
            for m in V::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
        }
    }
}
