//! Key types, digests, several signatures on one file, certification (DocMDP), visible
//! signatures, and clear errors on encrypted or broken files.

use crate::common;

use common::{pdfs, Pki};
use openssl::nid::Nid;
use sijill_signing::signer::Pkcs12Signer;
use sijill_signing::{
    sign_pdf, verify_pdf, DigestAlgorithm, Error, SignOptions, VerifyOptions, Visible,
};

fn keep(name: &str, pki: &Pki, data: &[u8]) {
    if let Ok(dir) = std::env::var("SIJILL_TEST_OUT") {
        let dir = std::path::Path::new(&dir).join(name.trim_end_matches(".pdf"));
        pki.write_files(&dir);
        std::fs::write(dir.join(name), data).unwrap();
    }
}

fn vopts(pki: &Pki) -> VerifyOptions {
    VerifyOptions {
        trust_anchors: vec![pki.root_der()],
        ..Default::default()
    }
}

#[test]
fn ecdsa_pss_and_sha384() {
    let pdf = pdfs::xref_stream(1);
    for (name, key, pss, digest) in [
        (
            "ec-p256.pdf",
            common::ec(Nid::X9_62_PRIME256V1),
            false,
            DigestAlgorithm::Sha256,
        ),
        (
            "ec-p384.pdf",
            common::ec(Nid::SECP384R1),
            false,
            DigestAlgorithm::Sha384,
        ),
        (
            "rsa-pss.pdf",
            common::rsa(2048),
            true,
            DigestAlgorithm::Sha256,
        ),
        (
            "rsa-sha512.pdf",
            common::rsa(3072),
            false,
            DigestAlgorithm::Sha512,
        ),
    ] {
        let pki = Pki::new(key);
        let mut signer = Pkcs12Signer::from_pkcs12_der(&pki.p12("pw"), "pw").unwrap();
        if pss {
            signer = signer.with_pss().unwrap();
        }
        let signed = sign_pdf(
            &pdf,
            &signer,
            &SignOptions {
                digest,
                ..Default::default()
            },
        )
        .unwrap();
        keep(name, &pki, &signed);
        let r = verify_pdf(&signed, &vopts(&pki)).unwrap();
        assert!(r.valid, "{name}: {}", r.to_text());
        assert_eq!(
            r.signatures[0].digest_algorithm.as_deref(),
            Some(digest.name())
        );
    }
}

#[test]
fn three_signatures_each_valid_after_the_next_and_certification() {
    let pki = Pki::new(common::rsa(2048));
    let signer = Pkcs12Signer::from_pkcs12_der(&pki.p12("pw"), "pw").unwrap();
    let mut pdf = pdfs::classic(2, "1.7", 0);
    let first = SignOptions {
        certify: true,
        field_name: Some("Certification".into()),
        ..Default::default()
    };
    pdf = sign_pdf(&pdf, &signer, &first).unwrap();
    // After a certification, validators (pyHanko, Adobe) accept new invisible signature
    // fields only; visible ones are checked on an uncertified file below.
    for i in 0..2 {
        let opts = SignOptions {
            reason: Some(format!("approval {i}")),
            ..Default::default()
        };
        pdf = sign_pdf(&pdf, &signer, &opts).unwrap();
    }
    keep("three-signatures.pdf", &pki, &pdf);
    let r = verify_pdf(&pdf, &vopts(&pki)).unwrap();
    assert!(r.valid, "{}", r.to_text());
    assert_eq!(r.signatures.len(), 3);
    assert_eq!(r.signatures[0].kind, "certification signature");
    assert_eq!(r.signatures[0].field_name, "Certification");
    assert!(!r.signatures[0].covers_whole_file && r.signatures[2].covers_whole_file);
    assert_eq!(r.signatures[1].reason.as_deref(), Some("approval 0"));

    // A visible signature after the certification breaks it (as pyHanko and Adobe judge).
    let vis = SignOptions {
        visible: Some(Visible {
            page: 1,
            x: 10.0,
            y: 10.0,
            width: 100.0,
            height: 30.0,
            lines: vec!["late".into()],
            image: None,
        }),
        ..Default::default()
    };
    let late = sign_pdf(&pdf, &signer, &vis).unwrap();
    let r = verify_pdf(&late, &vopts(&pki)).unwrap();
    assert!(
        !r.valid && !r.signatures[0].valid && r.signatures[3].valid,
        "{}",
        r.to_text()
    );

    // Certification only as the first signature.
    let cert_again = SignOptions {
        certify: true,
        ..Default::default()
    };
    assert!(matches!(
        sign_pdf(&pdf, &signer, &cert_again),
        Err(Error::InvalidOption(_))
    ));

    // The same field cannot be signed twice.
    let again = SignOptions {
        field_name: Some("Certification".into()),
        ..Default::default()
    };
    assert!(matches!(
        sign_pdf(&pdf, &signer, &again),
        Err(Error::FieldAlreadySigned(_))
    ));
}

/// A 32×32 RGBA PNG: a red disc (a seal) with a transparent background.
fn seal_png() -> Vec<u8> {
    let mut px = Vec::new();
    for y in 0..32i32 {
        for x in 0..32i32 {
            let inside = (x - 16).pow(2) + (y - 16).pow(2) < 225;
            px.extend_from_slice(if inside {
                &[200, 30, 30, 255]
            } else {
                &[0, 0, 0, 0]
            });
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, 32, 32);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(&px).unwrap();
    out
}

#[test]
fn visible_signatures_on_a_later_page() {
    let pki = Pki::new(common::rsa(2048));
    let signer = Pkcs12Signer::from_pkcs12_der(&pki.p12("pw"), "pw").unwrap();
    let mut pdf = pdfs::xref_stream(2);
    for i in 0..2 {
        let opts = SignOptions {
            visible: Some(Visible {
                page: 2,
                x: 50.0 + 200.0 * i as f64,
                y: 50.0,
                width: 180.0,
                height: 50.0,
                lines: vec!["Amina Signer".into(), "Directrice (Rabat)".into()],
                image: (i == 1).then(seal_png),
            }),
            ..Default::default()
        };
        pdf = sign_pdf(&pdf, &signer, &opts).unwrap();
    }
    keep("visible.pdf", &pki, &pdf);
    let r = verify_pdf(&pdf, &vopts(&pki)).unwrap();
    assert!(r.valid, "{}", r.to_text());
    assert_eq!(r.signatures.len(), 2);
    assert!(
        pdf.windows(18)
            .any(|w| w == b"(Amina Signer) Tj\n"[..18].as_ref())
            || pdf.windows(14).any(|w| w == b"(Amina Signer)")
    );
}

#[test]
fn visible_signature_in_arabic_and_latin() {
    let pki = Pki::new(common::rsa(2048));
    let signer = Pkcs12Signer::from_pkcs12_der(&pki.p12("pw"), "pw").unwrap();
    let opts = SignOptions {
        visible: Some(Visible {
            page: 1,
            x: 300.0,
            y: 60.0,
            width: 240.0,
            height: 70.0,
            lines: vec![
                "أمينة الإدريسي".into(),
                "مديرة — Directrice".into(),
                "ⴰⵎⴰⵣⵉⵖ".into(),
            ],
            image: Some(seal_png()),
        }),
        ..Default::default()
    };
    let signed = sign_pdf(&pdfs::classic(1, "1.7", 0), &signer, &opts).unwrap();
    keep("visible-arabic.pdf", &pki, &signed);
    let r = verify_pdf(&signed, &vopts(&pki)).unwrap();
    assert!(r.valid, "{}", r.to_text());
    // Shaped text is drawn with embedded fonts that map glyphs back to Unicode.
    assert!(signed.windows(10).any(|w| w == b"/ToUnicode"));
    assert!(signed.windows(9).any(|w| w == b"/FontFile"));
}

#[test]
fn fills_an_existing_empty_field_then_signs_again() {
    let pki = Pki::new(common::rsa(2048));
    let signer = Pkcs12Signer::from_pkcs12_der(&pki.p12("pw"), "pw").unwrap();
    let pdf = pdfs::with_empty_field(&pdfs::classic(1, "1.7", 0));
    let first = SignOptions {
        field_name: Some("Empty".into()),
        ..Default::default()
    };
    let once = sign_pdf(&pdf, &signer, &first).unwrap();
    let twice = sign_pdf(&once, &signer, &SignOptions::default()).unwrap();
    keep("empty-field.pdf", &pki, &twice);
    let r = verify_pdf(&twice, &vopts(&pki)).unwrap();
    assert!(r.valid, "{}", r.to_text());
    assert_eq!(r.signatures[0].field_name, "Empty");
    assert_eq!(r.signatures.len(), 2);
}

#[test]
fn clear_errors_never_panics() {
    let pki = Pki::new(common::rsa(2048));
    let signer = Pkcs12Signer::from_pkcs12_der(&pki.p12("pw"), "pw").unwrap();
    let opts = SignOptions::default();

    let mut enc = pdfs::classic(1, "1.7", 0);
    let at = enc.windows(9).rposition(|w| w == b"/Root 1 0").unwrap();
    enc.splice(
        at..at,
        b"/Encrypt << /Filter /Standard /V 2 /R 3 >> "
            .iter()
            .copied(),
    );
    assert!(matches!(
        sign_pdf(&enc, &signer, &opts),
        Err(Error::Encrypted)
    ));
    assert!(matches!(
        verify_pdf(&enc, &VerifyOptions::default()),
        Err(Error::Encrypted)
    ));

    assert!(matches!(
        sign_pdf(b"hello world", &signer, &opts),
        Err(Error::NotPdf)
    ));
    let pdf = pdfs::classic(1, "1.7", 0);
    for cut in [pdf.len() / 2, pdf.len() - 30, 20] {
        let e = sign_pdf(&pdf[..cut], &signer, &opts).unwrap_err();
        assert!(matches!(e, Error::Malformed(_)), "{e}");
    }
    let mut broken = pdf.clone();
    let at = broken.windows(9).rposition(|w| w == b"startxref").unwrap();
    broken[at + 10] = b'9';
    broken[at + 11] = b'9';
    assert!(sign_pdf(&broken, &signer, &opts).is_err());

    let bad = SignOptions {
        visible: Some(Visible {
            page: 9,
            width: 10.0,
            height: 10.0,
            ..Default::default()
        }),
        ..Default::default()
    };
    assert!(matches!(
        sign_pdf(&pdf, &signer, &bad),
        Err(Error::InvalidOption(_))
    ));

    assert!(matches!(
        Pkcs12Signer::from_pkcs12_der(&pki.p12("pw"), "wrong"),
        Err(Error::BadPassword)
    ));

    // Every prefix of a signed file: an error or an invalid report, never a panic.
    let signed = sign_pdf(&pdf, &signer, &opts).unwrap();
    for cut in (0..signed.len()).step_by(97) {
        if let Ok(r) = verify_pdf(&signed[..cut], &VerifyOptions::default()) {
            assert!(!r.valid);
        }
    }
}
