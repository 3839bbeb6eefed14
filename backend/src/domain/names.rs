//! Names people type and others read: of persons, correspondents, units and files. A name
//! is shown in lists, receipts, registers and download prompts, so characters that hide
//! text or reorder it on screen are kept out: C0 and C1 controls, and the bidirectional
//! embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). With U+202E a file
//! `facture<U+202E>fdp.exe` is displayed as `factureexe.pdf`.
//!
//! Names are refused with a message (the person retypes them); file names, which come
//! from the sender's disk and cannot be retyped, are neutralised.

use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Controls and the bidi formatting characters that change the order text is shown in.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Direction marks (LRM, RLM, ALM) reorder no letter and help mixed Arabic and Latin
/// names display; in a file name they only help disguise the extension.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A name as a person typed it: trimmed, not empty, at most `max` characters, nothing
/// hidden. `field` names the form field in errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub fn parse(field: &'static str, raw: &str, max: usize) -> Result<Name> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(Error::BadRequest(Msg::MissingField(field)));
        }
        if name.chars().any(is_hidden) {
            return Err(Error::BadRequest(Msg::HiddenCharacters(field)));
        }
        if name.chars().count() > max {
            return Err(Error::BadRequest(Msg::FieldTooLong(field, max)));
        }
        Ok(Name(name.to_owned()))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A file name for display and download: no path, nothing hidden, no direction marks,
/// at most 200 characters; `document` when nothing is left.
pub fn file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let s: String = base.chars().filter(|&c| !is_hidden(c) && !is_mark(c)).take(200).collect();
    match s.trim() {
        "" => "document".into(),
        t => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_overrides_or_controls_are_refused() {
        for bad in ["Amina\u{202E}", "\u{2066}Atlas\u{2069}", "Ali\u{0}", "Ali\u{85}x", "A\nB", "x\u{202A}y"] {
            let r = Name::parse("correspondent_name", bad, 200);
            assert!(matches!(r, Err(Error::BadRequest(Msg::HiddenCharacters("correspondent_name")))), "{bad:?}: {r:?}");
        }
        // Arabic, Tifinagh, a mark between scripts: fine.
        for good in ["أمينة العلوي", "ⴰⵎⵉⵏⴰ", "Atlas\u{200F} أطلس", "  Société Atlas  "] {
            assert!(Name::parse("correspondent_name", good, 200).is_ok(), "{good:?}");
        }
        assert!(matches!(Name::parse("n", "  ", 10), Err(Error::BadRequest(Msg::MissingField("n")))));
        assert!(matches!(Name::parse("n", "abcdef", 5), Err(Error::BadRequest(Msg::FieldTooLong("n", 5)))));
    }

    #[test]
    fn file_names_are_neutralised() {
        assert_eq!(file_name("facture\u{202E}fdp.exe"), "facturefdp.exe");
        assert_eq!(file_name("\u{2067}a\u{200F}.pdf\u{2069}"), "a.pdf");
        assert_eq!(file_name("../a\u{1b}[31m.pdf"), "a[31m.pdf");
        assert_eq!(file_name("\u{202E}"), "document");
        assert_eq!(file_name("lettre ⵜⴰⴱⵔⴰⵜ.pdf"), "lettre ⵜⴰⴱⵔⴰⵜ.pdf");
    }
}
