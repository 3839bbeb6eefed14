//! The answer letter composed from a draft's text when no PDF is attached, drawn with
//! `sijill_signing::pdf::compose::Composer` like the receipt (shaped Arabic and Tifinagh):
//! the administration's names, the outgoing number and date, the reference of the letter
//! it answers, the addressee, the subject and the body, then the sending unit.

use chrono::{DateTime, Utc};
use sijill_signing::pdf::text::{Align, TextStyle};

use super::catalogue::Names;
use super::letterhead::{composer, letterhead};
use crate::error::{Error, Result};

/// What the letter says.
#[derive(Debug, Clone)]
pub struct AnswerLetter {
    pub administration: Names,
    pub unit: Option<Names>,
    pub number: String,
    pub date: DateTime<Utc>,
    pub in_reply_to: String,
    pub received_at: DateTime<Utc>,
    pub addressee: Option<String>,
    pub subject: String,
    pub body: String,
}

const L: f32 = 56.0;
const R: f32 = 539.0;
const TOP: f32 = 800.0;
const BOTTOM: f32 = 70.0;

fn err(e: sijill_signing::Error) -> Error {
    Error::internal(format!("answer layout: {e}"))
}

/// Draws the letter (unsealed); several pages when the body is long.
pub fn compose(d: &AnswerLetter) -> Result<Vec<u8>> {
    let mut c = composer("answer", format!("Réponse {}", d.number), &d.administration, d.subject.clone())?;
    c.page();
    let mut y = letterhead(&mut c, &d.administration, d.unit.as_ref(), L, R, TOP);
    y -= 28.0;
    let rows: [(&str, &str, String); 3] = [
        ("N° de départ", "رقم الصادر", d.number.clone()),
        ("Date", "التاريخ", d.date.format("%Y-%m-%d").to_string()),
        (
            "Réf. : votre courrier",
            "المرجع: مراسلتكم",
            format!("{} ({})", d.in_reply_to, d.received_at.format("%Y-%m-%d")),
        ),
    ];
    for (fr, ar, value) in rows {
        c.text_styled(L, y, fr, &TextStyle::new(10.0).bold());
        c.text(R, y, 10.0, ar, Align::Right);
        c.text(L + 140.0, y, 10.0, &value, Align::Left);
        y -= 16.0;
    }
    if let Some(a) = &d.addressee {
        y -= 8.0;
        c.text_styled(L, y, "À", &TextStyle::new(10.0).bold());
        y = c.paragraph(L + 140.0, y, R - L - 200.0, a, &TextStyle::new(10.0)) - 4.0;
    }
    y -= 16.0;
    c.text_styled(L, y, "Objet :", &TextStyle::new(11.0).bold());
    y = c.paragraph(L + 60.0, y, R - L - 60.0, &d.subject, &TextStyle::new(11.0).bold()) - 18.0;
    let style = TextStyle::new(11.0);
    for para in d.body.lines() {
        if para.trim().is_empty() {
            y -= 8.0;
            continue;
        }
        for line in c.wrap(para, R - L, &style) {
            if y < BOTTOM {
                c.page();
                y = TOP;
            }
            c.text_styled(L, y, &line, &style);
            y -= 15.0;
        }
        y -= 4.0;
    }
    c.finish().map_err(err)
}
