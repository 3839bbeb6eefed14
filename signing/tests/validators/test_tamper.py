"""Tampered files and bad input: our verifier and pyHanko must both refuse."""

import producers
from judges import our_verify, pdfsig, pyhanko_validate, run, sign


def signed(sign_bin, pki, workdir, name, p12="rsa"):
    d = workdir / f"tamper-{name}"
    d.mkdir()
    out = d / "signed.pdf"
    sign(sign_bin, pki, producers.classic(d), out, level="B-T", p12=p12, extra=["--field", "Sig"])
    return d, out


def assert_both_refuse(sign_bin, pki, pdf, trust=None):
    trust = trust or [pki.root_pem]
    rc, lines, text = pyhanko_validate(pdf, trust)
    assert rc != 0, f"pyHanko accepted a tampered file:\n{text}"
    rc, report = our_verify(sign_bin, pdf, trust)
    assert rc != 0 and not report["valid"], f"sijill-sign verify accepted a tampered file: {report}"
    return report


def test_byte_changed_in_signed_range(sign_bin, pki, workdir):
    d, out = signed(sign_bin, pki, workdir, "byte")
    data = bytearray(out.read_bytes())
    i = data.index(b"Sijill test page")
    data[i] = ord("X")  # inside the page content, i.e. the first signed range
    bad = d / "byte.pdf"
    bad.write_bytes(bytes(data))
    assert_both_refuse(sign_bin, pki, bad)
    sigs, text = pdfsig(bad, pki.nssdb)
    assert any("Digest Mismatch." in s["text"] for s in sigs), text


def test_page_added_after_signing(sign_bin, pki, workdir):
    d, out = signed(sign_bin, pki, workdir, "page")
    bad = producers.add_page(out, d / "page-added.pdf")
    rc, lines, text = pyhanko_validate(bad, [pki.root_pem])
    assert rc != 0, f"pyHanko accepted a page added after signing:\n{text}"
    rc, report = our_verify(sign_bin, bad, [pki.root_pem])
    assert rc != 0 and not report["valid"], report
    assert any(s.get("modified_after_signing") for s in report["signatures"]), report


def test_signer_not_chained_to_trust_anchor(sign_bin, pki, workdir):
    d = workdir / "tamper-stranger"
    d.mkdir()
    out = d / "stranger.pdf"
    sign(sign_bin, pki, producers.classic(d), out, level="B-B", p12="stranger", extra=["--field", "Sig"])
    report = assert_both_refuse(sign_bin, pki, out)
    assert not report["signatures"][0]["chain_trusted"], report
    # The same file is fine for someone who trusts the other root.
    rc, lines, text = pyhanko_validate(out, [pki.stranger_root_pem])
    assert "INTACT:TRUSTED" in text, text


def test_encrypted_input_is_refused_by_name(sign_bin, pki, workdir):
    d = workdir / "encrypted"
    d.mkdir()
    enc = d / "encrypted.pdf"
    run(["qpdf", "--encrypt", "user", "owner", "256", "--", producers.classic(d), enc])
    p = sign(sign_bin, pki, enc, d / "never.pdf", check=False)
    assert p.returncode != 0
    assert "encrypt" in p.stderr.lower(), p.stderr
    assert "panicked" not in p.stderr
    assert not (d / "never.pdf").exists()


def test_broken_input_is_a_clear_error(sign_bin, pki, workdir):
    d = workdir / "broken"
    d.mkdir()
    for name, data in [("empty.pdf", b""), ("text.pdf", b"hello, not a PDF\n"),
                       ("truncated.pdf", producers.classic(d).read_bytes()[:300])]:
        f = d / name
        f.write_bytes(data)
        p = sign(sign_bin, pki, f, d / ("out-" + name), check=False)
        assert p.returncode != 0, name
        assert p.stderr.strip() and "panicked" not in p.stderr, (name, p.stderr)
