//! How many receipt-like PDFs one thread composes per second (before sealing): French,
//! Arabic and Tifinagh text, a table of documents with SHA-256 digests, a QR code, five
//! subset fonts. Receipts are made on every filing, so this is on the hot path.
//!
//! `cargo run --release -p sijill-signing --example bench-compose [SECONDS] [OUT.pdf]`

use std::time::{Duration, Instant};

use sijill_signing::pdf::compose::{Composer, DocInfo, A4_HEIGHT, A4_WIDTH};
use sijill_signing::pdf::text::{Align, Direction, FontSet, TextStyle, TextWriter};

fn receipt(regular: &FontSet, bold: &FontSet, n: u64) -> Vec<u8> {
    let number = format!("DEMO-2026-A-{n:06}");
    let mut c = Composer::new(regular.clone()).with_bold(bold.clone());
    c.info(DocInfo {
        title: format!("Accusé de réception {number}"),
        creator: "Sijill".into(),
        lang: "fr".into(),
        ..Default::default()
    });
    c.page();
    let (left, right) = (50.0, A4_WIDTH - 50.0);
    let mut y = A4_HEIGHT - 60.0;
    c.text_styled(left, y, "Administration de démonstration", &TextStyle::new(14.0).bold());
    c.text_styled(right, y, "إدارة العرض التوضيحي", &TextStyle::new(14.0).bold().align(Align::Right));
    y -= 20.0;
    c.text(right, y, 11.0, "ⵜⴰⵏⴱⴰⴹⵜ ⵏ ⵓⵙⵎⴽⵜⵉ", Align::Right);
    y -= 26.0;
    // One script per title line: poppler's text extraction takes Tifinagh for a neutral
    // script and reverses it when it shares a line with Arabic (the drawing is right).
    c.text_styled(A4_WIDTH / 2.0, y, "Accusé de réception", &TextStyle::new(16.0).bold().align(Align::Center));
    y -= 20.0;
    c.text_styled(A4_WIDTH / 2.0, y, "إشعار بالتوصل", &TextStyle::new(15.0).bold().align(Align::Center));
    y -= 18.0;
    c.text(A4_WIDTH / 2.0, y, 13.0, "ⴰⵙⵖⵏ ⵏ ⵓⵙⵉⴳⴳⵍ", Align::Center);
    y -= 12.0;
    c.rule(left, y, right, y, 0.8);
    y -= 22.0;
    for (label, label_ar, value) in [
        ("Numéro d'ordre", "رقم الترتيب", number.as_str()),
        ("Reçu le", "تاريخ التوصل", "15/03/2026 10:42:17 UTC"),
        ("Déposant", "المودع", "Amina El Idrissi <amina@example.ma>"),
        ("Objet", "الموضوع", "Demande de certificat administratif"),
    ] {
        c.text(left, y, 10.0, &format!("{label} :"), Align::Left);
        c.text(left + 110.0, y, 10.0, value, Align::Left);
        c.text(right, y, 10.0, &format!("{label_ar}:"), Align::Right);
        y -= 16.0;
    }
    y -= 8.0;
    c.rect(left, y - 4.0, right - left, 16.0, Some([0.92, 0.92, 0.95]), None);
    c.text_styled(left + 4.0, y, "Document", &TextStyle::new(9.0).bold());
    c.text_styled(left + 200.0, y, "Taille", &TextStyle::new(9.0).bold());
    c.text_styled(left + 240.0, y, "SHA-256", &TextStyle::new(9.0).bold());
    y -= 18.0;
    // A file name in a left-to-right table stays left-to-right even when it is Arabic.
    let cell = TextStyle::new(9.0).direction(Direction::Ltr);
    for (name, size) in [("lettre.pdf", "184 320 o"), ("cin-recto.jpg", "912 004 o"), ("اشهاد.pdf", "33 871 o")] {
        c.text_styled(left + 4.0, y, name, &cell);
        c.text_styled(left + 200.0, y, size, &cell);
        c.text_styled(left + 240.0, y, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", &TextStyle::new(6.5));
        y -= 14.0;
    }
    y -= 10.0;
    let ar = "تم تسجيل مراسلتكم في سجل الوارد تحت الرقم المذكور أعلاه، ويمكنكم التحقق من هذا الإشعار عبر الرابط أو رمز الاستجابة السريعة.";
    let fr = "Votre correspondance est enregistrée au registre d'arrivée sous le numéro ci-dessus. \
              Vérifiez ce reçu à l'adresse ci-dessous ou avec le code QR.";
    let y_fr = c.paragraph(left, y, 250.0, fr, &TextStyle::new(9.5));
    let y_ar = c.paragraph(right - 220.0, y, 220.0, ar, &TextStyle::new(10.0));
    y = y_fr.min(y_ar) - 10.0;
    let url = format!("https://sijill.example/verify/{number}");
    c.qr(right - 100.0, y - 100.0, 100.0, &url).expect("a short URL always fits a QR code");
    c.text(left, y - 20.0, 9.0, &url, Align::Left);
    c.finish().expect("composing a receipt")
}

fn main() {
    let secs: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let (regular, bold) = match (FontSet::system_default(), FontSet::system_bold()) {
        (Ok(r), Ok(b)) => (r, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("bench-compose: {e}");
            std::process::exit(2);
        }
    };
    let sample = receipt(&regular, &bold, 123);
    if let Some(out) = std::env::args().nth(2) {
        std::fs::write(&out, &sample).expect("writing the sample receipt");
    }
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(secs) {
        std::hint::black_box(receipt(&regular, &bold, n));
        n += 1;
    }
    let per = start.elapsed().as_secs_f64() / n as f64;
    // CPU time too: on a busy machine wall time counts waiting for a core.
    let cpu = cpu_seconds().zip(cpu_start).map(|(b, a)| (b - a) / n as f64 * 1000.0);
    println!(
        "compose receipt (5 subset fonts, QR, {} bytes): {:.0} per second on one thread, {:.2} ms wall, {} CPU each",
        sample.len(),
        1.0 / per,
        per * 1000.0,
        cpu.map(|c| format!("{c:.2} ms")).unwrap_or_else(|| "?".into())
    );
    // The embedding step alone: subset four fonts, widths, ToUnicode, compress.
    let lines = ["Administration de démonstration — Accusé de réception", "إدارة العرض التوضيحي — إشعار بالتوصل",
                 "ⴰⵙⵖⵏ ⵏ ⵓⵙⵉⴳⴳⵍ", "Amina El Idrissi, DEMO-2026-A-000123, 15/03/2026 10:42:17 UTC"];
    let (mut shaping, mut embedding, mut runs) = (Duration::ZERO, Duration::ZERO, 0u32);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs.min(2)) {
        let t0 = Instant::now();
        let mut w = TextWriter::new(regular.clone()).with_bold(bold.clone());
        for (i, l) in lines.iter().enumerate() {
            std::hint::black_box(w.line_styled(50.0, 700.0, l, &TextStyle::new(10.0)));
            std::hint::black_box(w.line_styled(50.0, 600.0, l, &TextStyle::new(12.0).bold().align(if i % 2 == 0 { Align::Left } else { Align::Right })));
        }
        let t1 = Instant::now();
        let mut n = 0u32;
        std::hint::black_box(w.finish(&mut |body: Vec<u8>| { n += body.len() as u32; n }).expect("embedding"));
        shaping += t1 - t0;
        embedding += t1.elapsed();
        runs += 1;
    }
    println!(
        "separately: 8 lines shaped {:.2} ms; 5 fonts subset + embedded {:.2} ms",
        shaping.as_secs_f64() * 1000.0 / f64::from(runs),
        embedding.as_secs_f64() * 1000.0 / f64::from(runs)
    );
}

/// User + system CPU time of this process (Linux /proc, 100 ticks per second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
