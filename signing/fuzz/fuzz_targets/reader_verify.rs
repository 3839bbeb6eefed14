//! Feeds arbitrary bytes to the PDF reader and the whole verify path; any panic, overflow
//! or hang is a bug (bad input must give an `Err` or an invalid report).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sijill_signing::pdf::Document;
use sijill_signing::{verify_pdf, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = Document::open(data) {
        let _ = doc.catalog();
        let _ = doc.pages();
        let _ = doc.page(0);
        for id in doc.xref.keys().copied().take(200).collect::<Vec<_>>() {
            let _ = doc.get(id);
        }
    }
    let _ = verify_pdf(data, &VerifyOptions::default());
    let _ = sijill_signing::cades::parse::SignedData::parse(data);
});
