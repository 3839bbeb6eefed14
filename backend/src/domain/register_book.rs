//! The register as a printable book (A4): a title page (administration in four languages,
//! register, period, number of entries, who exported it and when), then one line per
//! entry in number order with column headings on every page, and "page N / M" at the foot
//! of every page. Drawn with the signing library's composer like receipts
//! (`receipt_layout`); sealed afterwards by `register_export`.

use sijill_signing::pdf::compose::Composer;
use sijill_signing::pdf::text::{Align, TextStyle};

use super::letterhead::{composer, letterhead};
use super::register_export::RegisterBook;
use crate::error::{Error, Result};

const L: f32 = 36.0;
const R: f32 = 559.0;
const TOP: f32 = 800.0;
const BOTTOM: f32 = 50.0;
const ROW: f32 = 12.0;
const SIZE: f32 = 7.5;

/// (heading fr, heading ar, x offset from L, width).
const COLUMNS: [(&str, &str, f32, f32); 6] = [
    ("N°", "الرقم", 0.0, 84.0),
    ("Date", "التاريخ", 86.0, 44.0),
    ("Correspondant", "المراسل", 132.0, 104.0),
    ("Objet", "الموضوع", 238.0, 170.0),
    ("Unité", "الوحدة", 410.0, 70.0),
    ("Statut", "الحالة", 482.0, 41.0),
];

fn err(e: sijill_signing::Error) -> Error {
    Error::internal(format!("register book layout: {e}"))
}

fn register_name(direction: &str) -> (&'static str, &'static str, &'static str) {
    match direction {
        "A" => ("Registre des courriers arrivée", "سجل البريد الوارد", "Incoming mail register"),
        "D" => ("Registre des courriers départ", "سجل البريد الصادر", "Outgoing mail register"),
        _ => ("Registre du courrier interne", "سجل البريد الداخلي", "Internal mail register"),
    }
}

/// The status as the book prints it (French, as the register's columns).
fn status_label(s: &str) -> &str {
    match s {
        "registered" => "Enregistré",
        "assigned" => "Imputé",
        "in_progress" => "En cours",
        "answered" => "Répondu",
        "closed" => "Clos",
        "dispatched" => "Expédié",
        other => other,
    }
}

/// `text` cut with "…" to fit `width` points.
fn fit(c: &Composer, text: &str, width: f32, style: &TextStyle) -> String {
    let one_line: String = text.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect();
    if c.measure(&one_line, style) <= width {
        return one_line;
    }
    let chars: Vec<char> = one_line.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let s: String = chars[..mid].iter().collect::<String>() + "…";
        if c.measure(&s, style) <= width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>().trim_end().to_owned() + "…"
}

fn headings(c: &mut Composer, y: f32) -> f32 {
    let bold = TextStyle::new(SIZE).bold();
    for (fr, ar, x, w) in COLUMNS {
        c.text_styled(L + x, y, fr, &bold);
        c.text(L + x + w, y, SIZE, ar, Align::Right);
    }
    c.rule(L, y - 4.0, R, y - 4.0, 0.6);
    y - ROW - 4.0
}

fn title_page(c: &mut Composer, b: &RegisterBook) {
    let (fr, ar, en) = register_name(&b.direction);
    c.page();
    let mut y = letterhead(c, &b.administration, None, L, R, TOP);
    y -= 120.0;
    c.text_styled((L + R) / 2.0, y, fr, &TextStyle::new(22.0).bold().align(Align::Center));
    y -= 32.0;
    c.text_styled((L + R) / 2.0, y, ar, &TextStyle::new(22.0).bold().align(Align::Center));
    y -= 24.0;
    c.text((L + R) / 2.0, y, 12.0, en, Align::Center);
    y -= 60.0;
    let rows = [
        ("Période", "الفترة", b.period.clone()),
        ("Nombre d'entrées", "عدد التسجيلات", b.lines.len().to_string()),
        ("Premier numéro", "الرقم الأول", b.lines.first().map(|l| l.number.clone()).unwrap_or_else(|| "—".into())),
        ("Dernier numéro", "الرقم الأخير", b.lines.last().map(|l| l.number.clone()).unwrap_or_else(|| "—".into())),
        ("Édité le", "تاريخ الإصدار", b.generated_at.format("%Y-%m-%d %H:%M UTC").to_string()),
        ("Édité par", "أصدره", b.generated_by.clone()),
    ];
    for (fr, ar, value) in rows {
        c.text_styled(L + 60.0, y, fr, &TextStyle::new(11.0).bold());
        c.text(R - 60.0, y, 11.0, ar, Align::Right);
        c.text((L + R) / 2.0, y, 11.0, &value, Align::Center);
        y -= 22.0;
    }
    y -= 30.0;
    for line in [
        "Ce registre porte le cachet électronique de l'administration (PAdES) et un horodatage :",
        "toute modification après l'édition se voit à la vérification.",
        "يحمل هذا السجل الختم الإلكتروني للإدارة مع ختم زمني، وكل تغيير بعد إصداره يظهر عند التحقق.",
    ] {
        y = c.paragraph(L + 40.0, y, R - L - 80.0, line, &TextStyle::new(9.5)) - 4.0;
    }
}

/// Draws the book (unsigned PDF). CPU-bound: call it off the async threads.
pub fn render(b: &RegisterBook) -> Result<Vec<u8>> {
    let (fr, _, _) = register_name(&b.direction);
    let mut c = composer("register book", format!("{fr} — {}", b.period), &b.administration, format!("{fr}, {}", b.period))?;
    title_page(&mut c, b);
    let style = TextStyle::new(SIZE);
    let mut y = BOTTOM - 1.0;
    for l in &b.lines {
        if y < BOTTOM + ROW {
            c.page();
            y = headings(&mut c, TOP);
        }
        let date = l.received_at.format("%Y-%m-%d").to_string();
        let status = status_label(&l.status).to_owned();
        let cells = [&l.number, &date, &l.correspondent, &l.subject, &l.unit, &status];
        for ((_, _, x, w), text) in COLUMNS.iter().zip(cells) {
            let shown = fit(&c, text, *w, &style);
            c.text(L + x, y, SIZE, &shown, Align::Left);
        }
        y -= ROW;
    }
    if b.lines.is_empty() {
        c.page();
        let y = headings(&mut c, TOP);
        c.text(L, y, 9.0, "Aucune entrée pour cette période. — لا توجد أي تسجيلات في هذه الفترة.", Align::Left);
    }
    let total = c.page_count();
    for i in 0..total {
        c.goto_page(i);
        c.rule(L, BOTTOM - 14.0, R, BOTTOM - 14.0, 0.4);
        c.text(L, BOTTOM - 26.0, 7.5, &format!("{} — {}", b.administration.fr, b.period), Align::Left);
        c.text(R, BOTTOM - 26.0, 7.5, &format!("Page {} / {total}", i + 1), Align::Right);
    }
    c.finish().map_err(err)
}
