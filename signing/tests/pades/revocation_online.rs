//! OCSP and CRL fetching and checking against responses made by the `openssl` command
//! (`openssl ocsp -index`, `openssl ca -gencrl`) and served on a loopback port.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

use openssl::asn1::{Asn1Integer, Asn1Time};
use openssl::bn::BigNum;
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::rsa::Rsa;
use openssl::x509::extension::KeyUsage;
use openssl::x509::{X509Extension, X509Name, X509};
use sijill_signing::devpki::DevPki;
use sijill_signing::revocation::{
    check_crl, check_ocsp, CertStatus, OnlineRevocation, RevocationData, RevocationSource,
    StaticRevocation,
};

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl command");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A leaf certificate issued by the dev root, pointing at `base` for OCSP and CRL.
#[allow(deprecated)] // X509Extension::new is the simple way to write AIA/CRLDP text
fn leaf(pki: &DevPki, serial: u32, cn: &str, base: Option<&str>, ocsp_path: &str) -> X509 {
    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = X509Name::builder().unwrap();
    name.append_entry_by_text("CN", cn).unwrap();
    let name = name.build();
    let mut b = X509::builder().unwrap();
    b.set_version(2).unwrap();
    b.set_serial_number(&Asn1Integer::from_bn(&BigNum::from_u32(serial).unwrap()).unwrap())
        .unwrap();
    b.set_subject_name(&name).unwrap();
    b.set_issuer_name(pki.root().subject_name()).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    b.set_not_after(&Asn1Time::days_from_now(30).unwrap())
        .unwrap();
    b.append_extension(
        KeyUsage::new()
            .critical()
            .digital_signature()
            .non_repudiation()
            .build()
            .unwrap(),
    )
    .unwrap();
    if let Some(base) = base {
        let ctx = b.x509v3_context(Some(pki.root()), None);
        let aia = X509Extension::new(
            None,
            Some(&ctx),
            "authorityInfoAccess",
            &format!("OCSP;URI:{base}{ocsp_path}"),
        )
        .unwrap();
        let cdp = X509Extension::new(
            None,
            Some(&ctx),
            "crlDistributionPoints",
            &format!("URI:{base}/root.crl"),
        )
        .unwrap();
        b.append_extension(aia).unwrap();
        b.append_extension(cdp).unwrap();
    }
    b.sign(pki.root_key(), MessageDigest::sha256()).unwrap();
    b.build()
}

fn serve(listener: TcpListener, files: HashMap<String, Vec<u8>>) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut first = String::new();
            r.read_line(&mut first).unwrap();
            let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
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
            match files.get(&path) {
                Some(data) => {
                    write!(
                        s,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        data.len()
                    )
                    .unwrap();
                    s.write_all(data).unwrap();
                }
                None => write!(
                    s,
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                .unwrap(),
            }
        }
    });
}

#[test]
fn ocsp_and_crl_fetched_checked_and_revocation_detected() {
    let tmp = tempfile::Builder::new().prefix("sijill-revocation-").tempdir().unwrap();
    let d = tmp.path();
    let pki = DevPki::load_or_create(&d.join("pki"), "Revocation Test").unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let good = leaf(&pki, 0x1001, "Good Signer", Some(&base), "/ocsp-good");
    let revoked = leaf(&pki, 0x1002, "Revoked Signer", Some(&base), "/ocsp-revoked");
    let bare = leaf(&pki, 0x1003, "No Pointers", None, "");
    for (n, c) in [("good.pem", &good), ("revoked.pem", &revoked)] {
        std::fs::write(d.join(n), c.to_pem().unwrap()).unwrap();
    }
    std::fs::copy(pki.root_pem_path(), d.join("root.pem")).unwrap();
    std::fs::copy(pki.dir().join("root.key.pem"), d.join("root.key.pem")).unwrap();
    let expiry = "391231235959Z";
    std::fs::write(
        d.join("index.txt"),
        format!("V\t{expiry}\t\t1001\tunknown\t/CN=Good Signer\nR\t{expiry}\t240101000000Z,keyCompromise\t1002\tunknown\t/CN=Revoked Signer\n"),
    )
    .unwrap();
    std::fs::write(d.join("ca.cnf"), "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\ndefault_md = sha256\ndefault_crl_days = 7\n").unwrap();
    for who in ["good", "revoked"] {
        let cert = format!("{who}.pem");
        let resp = format!("{who}.ocsp");
        openssl(
            d,
            &[
                "ocsp",
                "-index",
                "index.txt",
                "-rsigner",
                "root.pem",
                "-rkey",
                "root.key.pem",
                "-CA",
                "root.pem",
                "-issuer",
                "root.pem",
                "-cert",
                &cert,
                "-respout",
                &resp,
                "-ndays",
                "1",
            ],
        );
    }
    openssl(
        d,
        &[
            "ca",
            "-config",
            "ca.cnf",
            "-gencrl",
            "-keyfile",
            "root.key.pem",
            "-cert",
            "root.pem",
            "-out",
            "root.crl",
        ],
    );

    let read = |n: &str| std::fs::read(d.join(n)).unwrap();
    let files = HashMap::from([
        ("/ocsp-good".to_string(), read("good.ocsp")),
        ("/ocsp-revoked".to_string(), read("revoked.ocsp")),
        ("/root.crl".to_string(), read("root.crl")),
    ]);
    serve(listener, files);

    let root = pki.root_der();
    let (good, revoked, bare) = (
        good.to_der().unwrap(),
        revoked.to_der().unwrap(),
        bare.to_der().unwrap(),
    );

    // OCSP first; CRLs only when asked.
    let data = OnlineRevocation::new().fetch(&good, &root).unwrap();
    assert_eq!((data.ocsp_responses.len(), data.crls.len()), (1, 0));
    assert_eq!(
        check_ocsp(&data.ocsp_responses[0], &good, &root)
            .unwrap()
            .status,
        CertStatus::Good
    );
    let both = OnlineRevocation::new()
        .with_crls(true)
        .fetch(&good, &root)
        .unwrap();
    assert_eq!((both.ocsp_responses.len(), both.crls.len()), (1, 1));
    assert_eq!(
        check_crl(&both.crls[0], &good, &root).unwrap().status,
        CertStatus::Good
    );

    // A revoked signer stops the fetch with a message naming it; the checks say revoked.
    let e = OnlineRevocation::new()
        .fetch(&revoked, &root)
        .unwrap_err()
        .to_string();
    assert!(e.contains("Revoked Signer") && e.contains("revoked"), "{e}");
    assert!(matches!(
        check_ocsp(&read("revoked.ocsp"), &revoked, &root)
            .unwrap()
            .status,
        CertStatus::Revoked { .. }
    ));
    assert!(matches!(
        check_crl(&read("root.crl"), &revoked, &root)
            .unwrap()
            .status,
        CertStatus::Revoked { .. }
    ));

    // Evidence about another certificate or from another CA is refused.
    assert!(check_ocsp(&read("good.ocsp"), &revoked, &root).is_err());
    let other = DevPki::load_or_create(&d.join("other"), "Other CA").unwrap();
    assert!(check_ocsp(&read("good.ocsp"), &good, &other.root_der()).is_err());
    assert!(check_crl(&read("root.crl"), &good, &other.root_der()).is_err());
    assert!(check_ocsp(b"garbage", &good, &root).is_err());

    let e = OnlineRevocation::new()
        .fetch(&bare, &root)
        .unwrap_err()
        .to_string();
    assert!(e.contains("names no OCSP responder or CRL"), "{e}");

    // Caller-given data: only what concerns the asked certificate comes back.
    let given = StaticRevocation::new(RevocationData {
        ocsp_responses: vec![read("good.ocsp"), read("revoked.ocsp")],
        crls: vec![],
    });
    assert_eq!(
        given.fetch(&good, &root).unwrap().ocsp_responses,
        vec![read("good.ocsp")]
    );
    assert!(given.fetch(&bare, &root).is_err());
}
