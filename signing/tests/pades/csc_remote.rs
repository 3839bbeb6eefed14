//! Remote signing over the CSC API against a running service (PyPI's
//! `certomancer-csc-dummy`, started by scripts/test-signing.sh on loopback).
//!
//! Environment: SIJILL_TEST_CSC_URL (base URL with version, e.g.
//! `http://127.0.0.1:PORT/csc/v1`); optional SIJILL_TEST_OUT_DIR where signed PDFs are
//! written for pyHanko to judge. Without SIJILL_TEST_CSC_URL the test skips and says so.

use openssl::hash::MessageDigest;
use openssl::x509::X509;
use sijill_signing::signer::csc::{CscAuth, CscSigner};
use sijill_signing::signer::KeyAlgorithm;
use sijill_signing::{DigestAlgorithm, Signer};

fn verify_raw(cert: &[u8], alg: KeyAlgorithm, d: DigestAlgorithm, data: &[u8], sig: &[u8]) -> bool {
    let key = X509::from_der(cert).unwrap().public_key().unwrap();
    let md = match d {
        DigestAlgorithm::Sha256 => MessageDigest::sha256(),
        DigestAlgorithm::Sha384 => MessageDigest::sha384(),
        DigestAlgorithm::Sha512 => MessageDigest::sha512(),
    };
    let mut v = openssl::sign::Verifier::new(md, &key).unwrap();
    if alg == KeyAlgorithm::RsaPss {
        v.set_rsa_padding(openssl::rsa::Padding::PKCS1_PSS).unwrap();
        v.set_rsa_pss_saltlen(openssl::sign::RsaPssSaltlen::DIGEST_LENGTH)
            .unwrap();
    }
    v.update(data).unwrap();
    v.verify(sig).unwrap()
}

/// A one-page PDF with a classic cross-reference table.
fn minimal_pdf() -> Vec<u8> {
    let content = b"BT /F1 18 Tf 72 720 Td (Signed remotely over CSC) Tj ET";
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content.to_vec(), b"\nendstream".to_vec()].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn csc_service_signs_with_rsa_pss_and_ecdsa() {
    let Ok(url) = std::env::var("SIJILL_TEST_CSC_URL") else {
        eprintln!("SKIPPED: SIJILL_TEST_CSC_URL not set (scripts/test-signing.sh starts certomancer-csc-dummy and sets it)");
        return;
    };
    let out_dir = std::env::var("SIJILL_TEST_OUT_DIR").ok();
    for (cred, pss) in [
        ("sijill/signer-rsa", false),
        ("sijill/signer-rsa", true),
        ("sijill/signer-ec", false),
    ] {
        let mut signer = CscSigner::connect(&url, CscAuth::None, Some(cred)).unwrap();
        if pss {
            signer = signer.with_pss().unwrap();
        }
        assert_eq!(signer.credential_id(), cred);
        assert!(
            !signer.chain().is_empty(),
            "credentials/info with certificates=chain returns the CA certificates"
        );
        let alg = signer.key_algorithm();
        for d in [DigestAlgorithm::Sha256, DigestAlgorithm::Sha384] {
            let sig = signer.sign(d, b"signed attributes").unwrap();
            assert!(
                verify_raw(signer.certificate(), alg, d, b"signed attributes", &sig),
                "{cred} {alg:?} {d:?}"
            );
        }

        // A whole PAdES B-B signature through the remote key, checked by our verifier.
        let opts = sijill_signing::SignOptions {
            field_name: Some("CSC".into()),
            ..Default::default()
        };
        let signed = sijill_signing::sign_pdf(&minimal_pdf(), &signer, &opts).unwrap();
        let root = signer.chain().last().unwrap().clone();
        let report = sijill_signing::verify_pdf(
            &signed,
            &sijill_signing::VerifyOptions {
                trust_anchors: vec![root],
                ..Default::default()
            },
        )
        .unwrap();
        assert!(report.valid, "{cred} pss={pss}: {report:?}");
        if let Some(dir) = &out_dir {
            let name = format!(
                "csc-{}{}.pdf",
                cred.replace('/', "-"),
                if pss { "-pss" } else { "" }
            );
            std::fs::write(std::path::Path::new(dir).join(name), &signed).unwrap();
        }
    }
    let e = CscSigner::connect(&url, CscAuth::None, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("several credentials"), "{e}");
    let e = CscSigner::connect(&url, CscAuth::None, Some("sijill/nobody"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("404"), "{e}");
}
