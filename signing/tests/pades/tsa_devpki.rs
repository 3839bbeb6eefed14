//! The development PKI and its RFC 3161 authority, exercised through the HTTP client over
//! a loopback server the test starts itself (no other service needed).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

use der::{Decode, Encode};
use openssl::stack::Stack;
use openssl::x509::store::X509StoreBuilder;
use openssl::x509::{X509StoreContext, X509};
use sijill_signing::devpki::DevPki;
use sijill_signing::tsa::{self, HttpTsaClient, TimestampAuthority, TimestampSource};
use sijill_signing::DigestAlgorithm;

/// Serves `tsa` on a loopback port for `n` requests; returns the URL.
fn serve(tsa: Arc<TimestampAuthority>, n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tsa", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let mut s = stream.unwrap();
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut len = 0;
            loop {
                let mut line = String::new();
                r.read_line(&mut line).unwrap();
                if line.trim().is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            let resp = tsa.respond(&body).unwrap();
            write!(s, "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", resp.len()).unwrap();
            s.write_all(&resp).unwrap();
        }
    });
    url
}

fn verify_token(token: &[u8], pki: &DevPki) {
    let cms = openssl::cms::CmsContentInfo::from_der(token).unwrap();
    let mut store = X509StoreBuilder::new().unwrap();
    store.add_cert(pki.root().clone()).unwrap();
    let store = store.build();
    let mut out = Vec::new();
    // Signature only here; the chain is checked below with the timestamping purpose.
    let mut cms = cms;
    cms.verify(
        None,
        Some(&store),
        None,
        Some(&mut out),
        openssl::cms::CMSOptions::NO_SIGNER_CERT_VERIFY,
    )
    .unwrap();
    let tsa_cert = X509::from_der(&pki.tsa_cert_der()).unwrap();
    let mut ctx = X509StoreContext::new().unwrap();
    let chain = Stack::new().unwrap();
    assert!(ctx
        .init(&store, &tsa_cert, &chain, |c| c.verify_cert())
        .unwrap());
}

#[test]
fn devpki_is_created_once_then_reused() {
    let tmp = tempfile::Builder::new().prefix("sijill-devpki-").tempdir().unwrap();
    let a = DevPki::load_or_create(tmp.path(), "Commune de Test").unwrap();
    let b = DevPki::load_or_create(tmp.path(), "ignored on reuse").unwrap();
    assert_eq!(a.root_der(), b.root_der());
    assert_eq!(a.seal_cert_der(), b.seal_cert_der());
    let seal = a.seal_cert().to_text().unwrap();
    let seal = String::from_utf8_lossy(&seal);
    assert!(
        seal.contains("Digital Signature, Non Repudiation"),
        "{seal}"
    );
    assert!(
        seal.contains("CN = Commune de Test") || seal.contains("CN=Commune de Test"),
        "{seal}"
    );
    let tsa = X509::from_der(&a.tsa_cert_der())
        .unwrap()
        .to_text()
        .unwrap();
    let tsa = String::from_utf8_lossy(&tsa);
    assert!(
        tsa.contains("X509v3 Extended Key Usage: critical") && tsa.contains("Time Stamping"),
        "{tsa}"
    );
    // The PKCS#12 opens with the password written beside it.
    let p12 = openssl::pkcs12::Pkcs12::from_der(&std::fs::read(a.p12_path()).unwrap()).unwrap();
    let pw = std::fs::read_to_string(a.p12_password_path()).unwrap();
    let parsed = p12.parse2(pw.trim()).unwrap();
    assert_eq!(parsed.cert.unwrap().to_der().unwrap(), a.seal_cert_der());
}

#[test]
fn http_client_gets_checked_tokens_from_the_authority() {
    let tmp = tempfile::Builder::new().prefix("sijill-tsa-").tempdir().unwrap();
    let pki = DevPki::load_or_create(tmp.path(), "TSA Test").unwrap();
    let tsa = Arc::new(pki.timestamp_authority().unwrap());
    let client = HttpTsaClient::new(serve(tsa.clone(), 3));
    for d in [
        DigestAlgorithm::Sha256,
        DigestAlgorithm::Sha384,
        DigestAlgorithm::Sha512,
    ] {
        let imprint = tsa::hash(d, b"document bytes");
        let token = client.timestamp(d, &imprint).unwrap();
        verify_token(&token, &pki);
        let ci = cms::content_info::ContentInfo::from_der(&token).unwrap();
        let summary = tsa::token_summary(&ci).unwrap();
        assert_eq!(summary.imprint, imprint);
        assert!(
            summary.nonce.is_some(),
            "the client sends a nonce and the TSA echoes it"
        );
    }
}

#[test]
fn authority_serials_are_unique_and_bad_requests_rejected() {
    let tmp = tempfile::Builder::new().prefix("sijill-tsa-serial-").tempdir().unwrap();
    let pki = DevPki::load_or_create(tmp.path(), "Serial Test").unwrap();
    let tsa = pki.timestamp_authority().unwrap();
    let imprint = tsa::hash(DigestAlgorithm::Sha256, b"x");
    let mut serials = std::collections::HashSet::new();
    for _ in 0..200 {
        let token = tsa.timestamp(DigestAlgorithm::Sha256, &imprint).unwrap();
        let ci = cms::content_info::ContentInfo::from_der(&token).unwrap();
        let sd: cms::signed_data::SignedData = ci.content.decode_as().unwrap();
        let octets: der::asn1::OctetString =
            sd.encap_content_info.econtent.unwrap().decode_as().unwrap();
        let tst = x509_tsp::TstInfo::from_der(octets.as_bytes()).unwrap();
        assert!(
            serials.insert(tst.serial_number.to_der().unwrap()),
            "serial repeated"
        );
    }
    for garbage in [&b"not DER"[..], &[0x30, 0x03, 0x02, 0x01, 0x01][..]] {
        let resp = tsa.respond(garbage).unwrap();
        let parsed = x509_tsp::TimeStampResp::from_der(&resp).unwrap();
        assert_eq!(parsed.status.status, cmpv2::status::PkiStatus::Rejection);
        assert!(parsed.time_stamp_token.is_none());
    }
    // A token over another imprint is refused by the client-side check.
    let (req, nonce) = tsa::build_request(DigestAlgorithm::Sha256, &imprint).unwrap();
    let resp = tsa.respond(&req).unwrap();
    assert!(tsa::check_response(&resp, DigestAlgorithm::Sha256, &imprint, Some(&nonce)).is_ok());
    let other = tsa::hash(DigestAlgorithm::Sha256, b"y");
    assert!(tsa::check_response(&resp, DigestAlgorithm::Sha256, &other, Some(&nonce)).is_err());
    assert!(
        tsa::check_response(&resp, DigestAlgorithm::Sha256, &imprint, Some(&[1, 2, 3])).is_err()
    );
}

/// The development server's hot path: seal at B-T with the in-process authority, then
/// our verifier (trusting only the development root) accepts the result.
#[test]
fn seal_at_b_t_with_the_in_process_authority_verifies() {
    let tmp = tempfile::Builder::new().prefix("sijill-seal-").tempdir().unwrap();
    let pki = DevPki::load_or_create(tmp.path(), "Commune de Test").unwrap();
    let seal = pki.seal_signer().unwrap();
    let tsa: Arc<dyn TimestampSource> = Arc::new(pki.timestamp_authority().unwrap());
    let opts = sijill_signing::SignOptions {
        level: sijill_signing::Level::BT,
        tsa: Some(tsa),
        field_name: Some("Seal".into()),
        ..Default::default()
    };
    let pdf = minimal_pdf();
    let signed = sijill_signing::sign_pdf(&pdf, &seal, &opts).unwrap();
    assert_eq!(
        &signed[..pdf.len()],
        &pdf[..],
        "the original bytes stay untouched"
    );
    let report = sijill_signing::verify_pdf(
        &signed,
        &sijill_signing::VerifyOptions {
            trust_anchors: vec![pki.root_der()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(report.valid, "{report:?}");
    assert_eq!(
        report.signatures[0].level.as_deref(),
        Some("B-T"),
        "{report:?}"
    );
    assert_eq!(report.signatures[0].timestamp_ok, Some(true), "{report:?}");
}

fn minimal_pdf() -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
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
