//! What every document Sijill draws (receipts, answer letters, register books) starts
//! with: the fonts (Latin, Arabic and Tifinagh, shaped), the document information, and
//! the administration's names in four languages above a rule, French and English on the
//! left, Arabic and Tifinagh on the right.

use sijill_signing::pdf::compose::{Composer, DocInfo};
use sijill_signing::pdf::text::{Align, FontSet, TextStyle};

use super::catalogue::Names;
use crate::error::{Error, Result};

/// A composer with the system fonts and the document's title, author and subject.
pub fn composer(what: &str, title: String, author: &Names, subject: String) -> Result<Composer> {
    let err = |e: sijill_signing::Error| Error::internal(format!("{what} layout: {e}"));
    let mut c = Composer::new(FontSet::system_default().map_err(err)?).with_bold(FontSet::system_bold().map_err(err)?);
    c.info(DocInfo { title, author: author.fr.clone(), subject, creator: "Sijill".into(), lang: "fr".into(), ..Default::default() });
    Ok(c)
}

/// Draws the names (and the unit's, for a letter) between the margins `l` and `r` from
/// `y` down; returns the height below the rule.
pub fn letterhead(c: &mut Composer, names: &Names, unit: Option<&Names>, l: f32, r: f32, mut y: f32) -> f32 {
    c.text_styled(l, y, &names.fr, &TextStyle::new(13.0).bold());
    c.text_styled(r, y, &names.ar, &TextStyle::new(13.0).bold().align(Align::Right));
    y -= 18.0;
    c.text(l, y, 10.0, &names.en, Align::Left);
    c.text(r, y, 11.0, &names.zgh, Align::Right);
    if let Some(u) = unit {
        y -= 16.0;
        c.text(l, y, 10.0, &u.fr, Align::Left);
        c.text(r, y, 10.0, &u.ar, Align::Right);
    }
    y -= 12.0;
    c.rule(l, y, r, y, 0.8);
    y
}
