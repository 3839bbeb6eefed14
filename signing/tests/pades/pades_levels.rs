//! Signing and verifying at every PAdES level on PDFs of several shapes, with a PKI
//! built in code. Set SIJILL_TEST_OUT=dir to keep the files for external validators.

use crate::common;

use common::{pdfs, CrlSource, Pki};
use sijill_signing::signer::Pkcs12Signer;
use sijill_signing::{sign_pdf, verify_pdf, Level, SignOptions, VerifyOptions};
use std::sync::Arc;

fn keep(name: &str, pki: &Pki, data: &[u8]) {
    if let Ok(dir) = std::env::var("SIJILL_TEST_OUT") {
        let dir = std::path::Path::new(&dir).join(name.trim_end_matches(".pdf"));
        pki.write_files(&dir);
        std::fs::write(dir.join(name), data).unwrap();
    }
}

fn setup() -> (Pki, Pkcs12Signer) {
    let pki = Pki::new(common::rsa(2048));
    let signer = Pkcs12Signer::from_pkcs12_der(&pki.p12("secret"), "secret").unwrap();
    (pki, signer)
}

fn vopts(pki: &Pki) -> VerifyOptions {
    VerifyOptions {
        trust_anchors: vec![pki.root_der()],
        ..Default::default()
    }
}

#[test]
fn b_b_on_classic_xref_stream_and_pdf20() {
    let (pki, signer) = setup();
    for (name, pdf) in [
        ("bb-classic.pdf", pdfs::classic(1, "1.4", 0)),
        ("bb-xrefstream.pdf", pdfs::xref_stream(3)),
        ("bb-pdf20.pdf", pdfs::classic(2, "2.0", 0)),
    ] {
        let signed = sign_pdf(&pdf, &signer, &SignOptions::default()).unwrap();
        assert!(
            signed.starts_with(&pdf),
            "{name}: the original bytes must stay untouched"
        );
        keep(name, &pki, &signed);
        let report = verify_pdf(&signed, &vopts(&pki)).unwrap();
        assert!(report.valid, "{name}: {}", report.to_text());
        let s = &report.signatures[0];
        assert_eq!(s.level.as_deref(), Some("B-B"));
        assert!(
            s.covers_whole_file
                && s.integrity_ok
                && s.signature_ok
                && s.chain_trusted
                && s.attributes_ok
        );
        assert!(s
            .signer_subject
            .as_deref()
            .unwrap()
            .contains("Amina Signer"));
    }
}

#[test]
fn b_t_b_lt_b_lta() {
    let (pki, signer) = setup();
    let tsa = Arc::new(pki.tsa_source());
    let crls = Arc::new(CrlSource {
        issuers: vec![
            (pki.inter.clone(), pki.inter_key.clone()),
            (pki.root.clone(), pki.root_key.clone()),
        ],
        revoked: vec![],
    });
    let pdf = pdfs::classic(1, "1.7", 0);
    for level in [Level::BT, Level::BLT, Level::BLTA] {
        let opts = SignOptions {
            level,
            tsa: Some(tsa.clone()),
            revocation: Some(crls.clone()),
            ..Default::default()
        };
        let signed = sign_pdf(&pdf, &signer, &opts).unwrap();
        keep(
            &format!("{}.pdf", level.as_str().to_lowercase()),
            &pki,
            &signed,
        );
        let report = verify_pdf(&signed, &vopts(&pki)).unwrap();
        assert!(report.valid, "{level}: {}", report.to_text());
        assert_eq!(
            report.signatures[0].level.as_deref(),
            Some(level.as_str()),
            "{}",
            report.to_text()
        );
        assert!(report.signatures[0].timestamp_time.is_some());
    }
}

#[test]
fn tampering_is_detected() {
    let (pki, signer) = setup();
    let pdf = pdfs::classic(1, "1.7", 0);
    let signed = sign_pdf(&pdf, &signer, &SignOptions::default()).unwrap();

    // One byte changed inside the signed range (the page text).
    let mut bad = signed.clone();
    let at = bad.windows(5).position(|w| w == b"Hello").unwrap();
    bad[at] = b'J';
    keep("tampered-byte.pdf", &pki, &bad);
    let r = verify_pdf(&bad, &vopts(&pki)).unwrap();
    assert!(!r.valid);
    assert!(!r.signatures[0].integrity_ok);

    // A page added after signing.
    let added = pdfs::add_page(&signed);
    keep("tampered-page.pdf", &pki, &added);
    let r = verify_pdf(&added, &vopts(&pki)).unwrap();
    assert!(!r.valid, "{}", r.to_text());
    assert!(r.signatures[0].integrity_ok && r.signatures[0].modified_after_signing);

    // Trust anchors that do not include our root.
    let other = Pki::new(common::rsa(2048));
    let r = verify_pdf(
        &signed,
        &VerifyOptions {
            trust_anchors: vec![other.root_der()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!r.valid);
    assert!(!r.signatures[0].chain_trusted);
}
