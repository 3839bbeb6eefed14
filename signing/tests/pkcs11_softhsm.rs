//! PKCS#11 signing against a real SoftHSM2 token made in a temporary directory.
//! Skips (and says why) when SoftHSM2 or OpenSC's pkcs11-tool is not installed;
//! scripts/test-signing.sh installs both, so it always runs there.

use std::path::Path;
use std::process::Command;

use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::x509::{X509Name, X509};
use sijill_signing::devpki::DevPki;
use sijill_signing::signer::{KeyAlgorithm, Pkcs11Signer};
use sijill_signing::{DigestAlgorithm, Signer};

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--help").output().is_ok()
}

/// An EC P-256 key with a certificate issued by the development root.
fn ec_cert(pki: &DevPki) -> (PKey<Private>, X509) {
    let key = PKey::from_ec_key(
        EcKey::generate(&EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap()).unwrap(),
    )
    .unwrap();
    let mut name = X509Name::builder().unwrap();
    name.append_entry_by_text("CN", "Token ECDSA Signer")
        .unwrap();
    let name = name.build();
    let mut b = X509::builder().unwrap();
    b.set_version(2).unwrap();
    b.set_serial_number(
        &openssl::asn1::Asn1Integer::from_bn(&openssl::bn::BigNum::from_u32(4242).unwrap())
            .unwrap(),
    )
    .unwrap();
    b.set_subject_name(&name).unwrap();
    b.set_issuer_name(pki.root().subject_name()).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&openssl::asn1::Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    b.set_not_after(&openssl::asn1::Asn1Time::days_from_now(365).unwrap())
        .unwrap();
    b.append_extension(
        openssl::x509::extension::KeyUsage::new()
            .critical()
            .digital_signature()
            .non_repudiation()
            .build()
            .unwrap(),
    )
    .unwrap();
    b.sign(pki.root_key(), MessageDigest::sha256()).unwrap();
    (key, b.build())
}

fn import(
    dir: &Path,
    label: &str,
    id: &str,
    key: &PKey<Private>,
    cert: &X509,
    extra: &[(&str, &X509)],
) {
    let kf = dir.join(format!("{label}.key.der"));
    let cf = dir.join(format!("{label}.cert.der"));
    std::fs::write(&kf, key.private_key_to_der().unwrap()).unwrap();
    std::fs::write(&cf, cert.to_der().unwrap()).unwrap();
    let base = [
        "--module",
        MODULE,
        "--token-label",
        "sijill-test",
        "--login",
        "--pin",
        "1234",
    ];
    run(Command::new("pkcs11-tool")
        .args(base)
        .args(["--write-object"])
        .arg(&kf)
        .args(["--type", "privkey", "--label", label, "--id", id]));
    run(Command::new("pkcs11-tool")
        .args(base)
        .args(["--write-object"])
        .arg(&cf)
        .args(["--type", "cert", "--label", label, "--id", id]));
    for (l, c) in extra {
        let f = dir.join(format!("{l}.der"));
        std::fs::write(&f, c.to_der().unwrap()).unwrap();
        run(Command::new("pkcs11-tool")
            .args(base)
            .args(["--write-object"])
            .arg(&f)
            .args(["--type", "cert", "--label", l]));
    }
}

fn verify_raw(cert: &[u8], alg: KeyAlgorithm, data: &[u8], sig: &[u8]) -> bool {
    let key = X509::from_der(cert).unwrap().public_key().unwrap();
    let mut v = openssl::sign::Verifier::new(MessageDigest::sha256(), &key).unwrap();
    if alg == KeyAlgorithm::RsaPss {
        v.set_rsa_padding(openssl::rsa::Padding::PKCS1_PSS).unwrap();
        v.set_rsa_pss_saltlen(openssl::sign::RsaPssSaltlen::DIGEST_LENGTH)
            .unwrap();
    }
    v.update(data).unwrap();
    v.verify(sig).unwrap()
}

#[test]
fn softhsm_token_signs_rsa_pss_and_ecdsa() {
    if !Path::new(MODULE).exists() || !have("softhsm2-util") || !have("pkcs11-tool") {
        eprintln!("SKIPPED: SoftHSM2 ({MODULE}) or pkcs11-tool (opensc) not installed");
        return;
    }
    let tmp = tempfile::Builder::new().prefix("sijill-softhsm-").tempdir().unwrap();
    let tokens = tmp.path().join("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = tmp.path().join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            tokens.display()
        ),
    )
    .unwrap();
    // The only test in this binary: setting the variable cannot race another test.
    std::env::set_var("SOFTHSM2_CONF", &conf);
    run(Command::new("softhsm2-util").args([
        "--init-token",
        "--free",
        "--label",
        "sijill-test",
        "--pin",
        "1234",
        "--so-pin",
        "5678",
    ]));

    let pki = DevPki::load_or_create(&tmp.path().join("pki"), "Token Test Administration").unwrap();
    import(
        tmp.path(),
        "seal",
        "01",
        pki.seal_key(),
        pki.seal_cert(),
        &[("root", pki.root())],
    );
    let (ec_key, ec_cert) = ec_cert(&pki);
    import(tmp.path(), "ecdsa", "02", &ec_key, &ec_cert, &[]);

    let module = Path::new(MODULE);
    let rsa = Pkcs11Signer::open(module, "sijill-test", "seal", "1234").unwrap();
    assert_eq!(rsa.certificate(), pki.seal_cert_der().as_slice());
    assert_eq!(
        rsa.chain(),
        &[pki.root_der()],
        "the root stored on the token completes the chain"
    );
    assert_eq!(rsa.key_algorithm(), KeyAlgorithm::RsaPkcs1v15);
    let sig = rsa
        .sign(DigestAlgorithm::Sha256, b"signed attributes")
        .unwrap();
    assert!(verify_raw(
        rsa.certificate(),
        KeyAlgorithm::RsaPkcs1v15,
        b"signed attributes",
        &sig
    ));
    assert!(!verify_raw(
        rsa.certificate(),
        KeyAlgorithm::RsaPkcs1v15,
        b"other data",
        &sig
    ));
    drop(rsa);

    let pss = Pkcs11Signer::open(module, "sijill-test", "seal", "1234")
        .unwrap()
        .with_pss()
        .unwrap();
    let sig = pss.sign(DigestAlgorithm::Sha256, b"pss data").unwrap();
    assert!(verify_raw(
        pss.certificate(),
        KeyAlgorithm::RsaPss,
        b"pss data",
        &sig
    ));
    drop(pss);

    let ec = Pkcs11Signer::open(module, "sijill-test", "ecdsa", "1234").unwrap();
    assert_eq!(ec.key_algorithm(), KeyAlgorithm::EcdsaP256);
    let sig = ec.sign(DigestAlgorithm::Sha256, b"ec data").unwrap();
    assert!(verify_raw(
        ec.certificate(),
        KeyAlgorithm::EcdsaP256,
        b"ec data",
        &sig
    ));
    drop(ec);

    let e = Pkcs11Signer::open(module, "sijill-test", "seal", "0000")
        .unwrap_err()
        .to_string();
    assert!(e.contains("PIN"), "{e}");
    let e = Pkcs11Signer::open(module, "no-such-token", "seal", "1234")
        .unwrap_err()
        .to_string();
    assert!(e.contains("no-such-token"), "{e}");
    let e = Pkcs11Signer::open(module, "sijill-test", "nokey", "1234")
        .unwrap_err()
        .to_string();
    assert!(e.contains("nokey"), "{e}");
    let e = Pkcs11Signer::open(Path::new("/nonexistent/module.so"), "t", "k", "1")
        .unwrap_err()
        .to_string();
    assert!(e.contains("not found"), "{e}");
}
