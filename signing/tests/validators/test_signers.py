"""Key holders and timestamp sources other than the RSA PKCS#12 file: ECDSA PKCS#12,
a SoftHSM2 token (PKCS#11), a CSC remote-signing service, and the development PKI with its
in-process timestamp authority. Also batch signing and signatures stacked on one file."""

import os
import subprocess

import producers
from judges import (adesverify, assert_pdfsig_valid, assert_pyhanko_valid, our_verify, require_option, run,
                    sign)


def test_ecdsa_p12_every_level(sign_bin, pki, workdir):
    (workdir / "ec-in").mkdir()
    src = producers.classic(workdir / "ec-in")
    for level in ["B-B", "B-T", "B-LT", "B-LTA"]:
        out = workdir / f"ec-{level}.pdf"
        sign(sign_bin, pki, src, out, level=level, p12="ec", extra=["--field", "EcSig"])
        assert_pyhanko_valid(out, [pki.root_pem], level, field="EcSig")
        if level in ("B-LT", "B-LTA"):
            rc, text = adesverify(out, [pki.root_pem])
            assert rc == 0, text
        assert_pdfsig_valid(out, pki.nssdb, whole_file=level in ("B-B", "B-T"))
        rc, report = our_verify(sign_bin, out, [pki.root_pem])
        assert rc == 0 and report["valid"], report


def test_pkcs11_token(sign_bin, cli_help, pki, softhsm, workdir):
    require_option(cli_help, "--pkcs11-module", "PKCS#11 signing")
    d = workdir / "p11"
    d.mkdir()
    src = producers.xref_streams(d)
    for level in ["B-B", "B-LT"]:
        out = d / f"token-{level}.pdf"
        sign(sign_bin, pki, src, out, level=level, p12=None, env=softhsm["env"], extra=[
            "--pkcs11-module", softhsm["module"], "--pkcs11-token", softhsm["token"],
            "--pkcs11-key", softhsm["key"], "--pin-file", softhsm["pin_file"], "--field", "TokenSig"])
        assert_pyhanko_valid(out, [pki.root_pem], level, field="TokenSig")
        assert_pdfsig_valid(out, pki.nssdb, whole_file=level == "B-B")
        rc, report = our_verify(sign_bin, out, [pki.root_pem])
        assert rc == 0 and report["valid"], report


def test_pkcs11_wrong_pin_is_a_clear_error(sign_bin, cli_help, pki, softhsm, workdir):
    require_option(cli_help, "--pkcs11-module", "PKCS#11 signing")
    bad = workdir / "bad-pin"
    bad.write_text("9999")
    p = sign(sign_bin, pki, producers.classic(workdir), workdir / "never.pdf", p12=None, env=softhsm["env"],
             check=False, extra=["--pkcs11-module", softhsm["module"], "--pkcs11-token", softhsm["token"],
                                 "--pkcs11-key", softhsm["key"], "--pin-file", bad])
    assert p.returncode != 0 and "PIN" in p.stderr, p.stderr
    assert "panicked" not in p.stderr


def test_csc_remote_signing(pki, csc_url, workdir):
    """The Rust test csc_remote signs through the CSC service; pyHanko judges its files."""
    out_dir = workdir / "csc-out"
    out_dir.mkdir()
    env = dict(os.environ, SIJILL_TEST_CSC_URL=csc_url, SIJILL_TEST_OUT_DIR=str(out_dir))
    p = subprocess.run(["cargo", "test", "--locked", "-q", "-p", "sijill-signing", "--test", "pades", "csc_remote::"],
                       capture_output=True, text=True, env=env, timeout=1800)
    assert p.returncode == 0, p.stdout + p.stderr
    files = sorted(out_dir.glob("*.pdf"))
    assert len(files) == 3, files
    for f in files:
        assert_pyhanko_valid(f, [pki.root_pem], "B-B", field="CSC")
        assert_pdfsig_valid(f, pki.nssdb, whole_file=True)


def test_development_tsa_accepted(sign_bin, pki, dev_tsa, workdir):
    """Timestamps from devpki's TimestampAuthority (the dev server's seal TSA)."""
    d = workdir / "devtsa"
    d.mkdir()
    out = d / "dev-tsa-B-T.pdf"
    sign(sign_bin, pki, producers.classic(d), out, level="B-T", extra=["--tsa", dev_tsa["url"], "--field", "S"])
    assert_pyhanko_valid(out, [pki.root_pem, dev_tsa["root"]], "B-T", field="S")
    rc, report = our_verify(sign_bin, out, [pki.root_pem, dev_tsa["root"]])
    assert rc == 0 and report["valid"], report


def test_development_seal_trusted_by_pdfsig(sign_bin, dev_tsa, workdir):
    """The devpki seal (PKCS#12 + password file) signs at B-T; NSS trusts its root."""
    d = workdir / "devseal"
    d.mkdir()
    pk = dev_tsa["dir"]
    out = d / "seal.pdf"
    p = run([sign_bin, "sign", "--p12", pk / "seal.p12", "--password-file", pk / "seal.p12.password",
             "--level", "B-T", "--tsa", dev_tsa["url"], "--input", producers.classic(d), "--output", out])
    assert p.returncode == 0, p.stderr
    assert_pyhanko_valid(out, [pk / "root.pem"], "B-T")
    nss = d / "nss"
    nss.mkdir()
    run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"])
    run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "devroot", "-t", "CT,C,C", "-i", pk / "root.pem"])
    assert_pdfsig_valid(out, nss, whole_file=True, trusted=True)


def test_batch_out_dir(sign_bin, pki, workdir):
    d = workdir / "batch"
    d.mkdir()
    ins = [producers.classic(d), producers.pdf20(d), producers.long_document(d)]
    out_dir = d / "out"
    out_dir.mkdir()
    p = run([sign_bin, "sign", "--p12", pki.p12("rsa"), "--password-file", pki.password_file,
             "--out-dir", out_dir, *ins])
    assert p.returncode == 0, p.stderr
    for i in ins:
        assert_pyhanko_valid(out_dir / i.name, [pki.root_pem], "B-B")


def test_second_signature_keeps_first_valid(sign_bin, pki, workdir):
    d = workdir / "two"
    d.mkdir()
    first = d / "first.pdf"
    second = d / "second.pdf"
    sign(sign_bin, pki, producers.linearized(d), first, level="B-T", extra=["--field", "First"])
    sign(sign_bin, pki, first, second, level="B-LT", p12="ec", extra=["--field", "Second"])
    lines = assert_pyhanko_valid(second, [pki.root_pem], "B-LT", field="Second")
    first_line = [ln for ln in lines if ln.startswith("First:")]
    assert first_line and "INTACT:TRUSTED" in first_line[0], lines
    rc, report = our_verify(sign_bin, second, [pki.root_pem])
    assert rc == 0 and report["valid"] and len(report["signatures"]) >= 2, report


def _visible(sign_bin, pki, workdir, name, text):
    d = workdir / name
    d.mkdir()
    out = d / "visible.pdf"
    sign(sign_bin, pki, producers.classic(d), out, level="B-T",
         extra=["--field", "Visible", "--visible", "1,50,600,260,90", "--text", text])
    assert_pyhanko_valid(out, [pki.root_pem], "B-T", field="Visible")
    assert_pdfsig_valid(out, pki.nssdb, whole_file=True)
    return run(["pdftotext", "-layout", out, "-"]).stdout


def test_visible_signature_latin_text(sign_bin, cli_help, pki, workdir):
    require_option(cli_help, "--visible", "visible signatures")
    text = _visible(sign_bin, pki, workdir, "visible-latin", "Amina El Idrissi\\nCheffe de service\\nSijill")
    # What a reader copies out of the stamp.
    assert "Amina El Idrissi" in text and "Cheffe de service" in text, text


def test_visible_signature_arabic_text(sign_bin, cli_help, pki, workdir):
    require_option(cli_help, "--visible", "visible signatures")
    text = _visible(sign_bin, pki, workdir, "visible-arabic", "Amina El Idrissi\\nرئيسة المصلحة")
    assert "Amina El Idrissi" in text, text
    assert "المصلحة" in text, text


def test_certification_then_approval(sign_bin, cli_help, pki, workdir):
    require_option(cli_help, "--certify", "certification signatures")
    d = workdir / "certify"
    d.mkdir()
    first = d / "certified.pdf"
    second = d / "approved.pdf"
    sign(sign_bin, pki, producers.classic(d), first, level="B-T", extra=["--field", "Cert", "--certify"])
    assert_pyhanko_valid(first, [pki.root_pem], "B-T", field="Cert")
    sign(sign_bin, pki, first, second, level="B-T", p12="ec", extra=["--field", "Approval"])
    lines = assert_pyhanko_valid(second, [pki.root_pem], "B-T", field="Approval")
    assert any(ln.startswith("Cert:") and "INTACT:TRUSTED" in ln for ln in lines), lines
    rc, report = our_verify(sign_bin, second, [pki.root_pem])
    assert rc == 0 and report["valid"], report


def test_legacy_pkcs7_signature_from_another_tool_is_valid(sign_bin, pki, workdir):
    d = workdir / "legacy"
    d.mkdir()
    legacy = d / "legacy.pdf"
    run(["pyhanko", "sign", "addsig", "--field", "Legacy", "pkcs12", "--passfile", pki.password_file,
         producers.classic(d), legacy, pki.p12("ec")])
    assert_pyhanko_valid(legacy, [pki.root_pem], "B-B", field="Legacy")
    ours = d / "ours.pdf"
    sign(sign_bin, pki, legacy, ours, level="B-T", extra=["--field", "Ours"])
    lines = assert_pyhanko_valid(ours, [pki.root_pem], "B-T", field="Ours")
    assert any(ln.startswith("Legacy:") and "INTACT:TRUSTED" in ln for ln in lines), lines
    rc, report = our_verify(sign_bin, ours, [pki.root_pem])
    assert rc == 0 and report["valid"], report


def test_signature_after_b_lta_keeps_both_valid(sign_bin, pki, workdir):
    d = workdir / "after-lta"
    d.mkdir()
    first = d / "lta.pdf"
    second = d / "then-bt.pdf"
    sign(sign_bin, pki, producers.xref_streams(d), first, level="B-LTA", extra=["--field", "First"])
    sign(sign_bin, pki, first, second, level="B-T", p12="ec", extra=["--field", "Second"])
    lines = assert_pyhanko_valid(second, [pki.root_pem], "B-T", field="Second")
    assert any(ln.startswith("First:") and "INTACT:TRUSTED" in ln for ln in lines), lines
    rc, report = our_verify(sign_bin, second, [pki.root_pem])
    assert rc == 0 and report["valid"], report
