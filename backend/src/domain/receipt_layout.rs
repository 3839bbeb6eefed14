//! The receipt's layout, drawn with `sijill_signing::pdf::compose::Composer`: the
//! administration's name in the four languages, the registration number, date and time,
//! filer, subject, each document with its size and SHA-256, the verification URL and its
//! QR code. Text is shaped (Arabic joins, right-to-left; Tifinagh) by the composer.

use sijill_signing::pdf::text::{Align, TextStyle};

use super::letterhead::{composer, letterhead};
use super::receipts::{ReceiptData, ReceiptRenderer};
use crate::error::{Error, Result};

/// Renders receipts with the system Noto fonts (Latin, Arabic, Tifinagh).
pub struct ComposedReceipt;

const L: f32 = 50.0;
const R: f32 = 545.0;

fn err(e: sijill_signing::Error) -> Error {
    Error::internal(format!("receipt layout: {e}"))
}

fn human_size(n: i64) -> String {
    match n {
        n if n >= 1_048_576 => format!("{:.1} Mo", n as f64 / 1_048_576.0),
        n if n >= 1024 => format!("{:.1} Ko", n as f64 / 1024.0),
        n => format!("{n} o"),
    }
}

impl ReceiptRenderer for ComposedReceipt {
    fn render(&self, d: &ReceiptData) -> Result<Vec<u8>> {
        let mut c = composer("receipt", format!("Accusé de réception {}", d.number), &d.administration, d.subject.clone())?;
        c.page();
        let mut y = letterhead(&mut c, &d.administration, None, L, R, 800.0);
        y -= 30.0;
        c.text_styled(L, y, "Accusé de réception", &TextStyle::new(18.0).bold());
        c.text_styled(R, y, "وصل الاستلام", &TextStyle::new(18.0).bold().align(Align::Right));
        y -= 18.0;
        c.text(L, y, 10.0, "Acknowledgement of receipt", Align::Left);
        c.text(R, y, 11.0, "ⴰⵙⵖⵏ ⵏ ⵓⵙⵙⵉⴹⵏ", Align::Right);
        y -= 34.0;
        let when = d.received_at.format("%Y-%m-%d %H:%M:%S UTC").to_string();
        let rows: [(&str, &str, String); 5] = [
            ("N° d'enregistrement", "رقم التسجيل", d.number.clone()),
            ("Reçu le", "تاريخ التوصل", when),
            ("Déposant", "المودع", format!("{} <{}>", d.filer_name, d.filer_email)),
            ("Objet", "الموضوع", d.subject.clone()),
            ("Documents", "الوثائق", d.documents.len().to_string()),
        ];
        for (fr, ar, value) in rows {
            c.text_styled(L, y, fr, &TextStyle::new(10.0).bold());
            c.text(R, y, 10.0, ar, Align::Right);
            y = c.paragraph(L + 130.0, y, 270.0, &value, &TextStyle::new(10.0)) - 6.0;
        }
        y -= 8.0;
        c.rule(L, y, R, y, 0.4);
        y -= 18.0;
        for (i, doc) in d.documents.iter().enumerate() {
            if y < 170.0 {
                c.page();
                y = 800.0;
            }
            let line = format!("{}. {} — {} — {}", i + 1, doc.name, doc.content_type, human_size(doc.size));
            y = c.paragraph(L, y, R - L, &line, &TextStyle::new(9.5)) - 2.0;
            c.text(L + 12.0, y, 7.5, &format!("SHA-256 {}", doc.sha256), Align::Left);
            y -= 16.0;
        }
        let qr_y = (y - 120.0).max(60.0);
        c.qr(R - 100.0, qr_y, 100.0, &d.verify_url).map_err(err)?;
        let mut t = qr_y + 80.0;
        for line in [
            "Ce récépissé porte le cachet électronique de l'administration (PAdES) et un horodatage.",
            "Vérifiez-le à l'adresse ci-dessous ou en scannant le code QR.",
            "يحمل هذا الوصل الختم الإلكتروني للإدارة مع ختم زمني. تحقق منه عبر الرابط أو رمز QR.",
        ] {
            t = c.paragraph(L, t, R - L - 120.0, line, &TextStyle::new(8.5)) - 4.0;
        }
        c.paragraph(L, t - 4.0, R - L - 120.0, &d.verify_url, &TextStyle::new(8.5));
        c.finish().map_err(err)
    }
}
