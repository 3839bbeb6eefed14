"""Every PAdES baseline level on PDFs from every producer, judged by pyHanko, pdfsig and
our own verifier. Signer: the RSA key of the certomancer test PKI, via --p12."""

import pytest

import producers
from judges import (LEVELS, adesverify, assert_pdfsig_valid, assert_pyhanko_valid, our_verify, sign,
                    signed_attribute_names)


@pytest.fixture(scope="module")
def inputs(workdir, pki):
    d = workdir / "inputs"
    d.mkdir(exist_ok=True)
    made = {name: make(d) for name, make in producers.PRODUCERS.items()}
    made["already-signed"] = producers.already_signed(d, pki)
    return made


PRODUCER_NAMES = list(producers.PRODUCERS) + ["already-signed"]


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("producer", PRODUCER_NAMES)
def test_level_on_producer(sign_bin, pki, inputs, workdir, producer, level):
    src = inputs[producer]
    out = workdir / f"signed-{producer}-{level}.pdf"
    sign(sign_bin, pki, src, out, level=level, extra=["--field", "SijillSig"])

    original = src.read_bytes()
    assert out.read_bytes()[: len(original)] == original, "signing must append, never rewrite"

    lines = assert_pyhanko_valid(out, [pki.root_pem], level, field="SijillSig")
    if producer == "already-signed":
        assert len(lines) == 2 and all("INTACT:TRUSTED" in ln for ln in lines), lines

    if level in ("B-LT", "B-LTA"):
        rc, text = adesverify(out, [pki.root_pem])
        assert rc == 0, f"pyHanko adesverify (offline, DSS only) rejected {out.name}:\n{text}"

    assert_pdfsig_valid(out, pki.nssdb, whole_file=level in ("B-B", "B-T"))

    rc, report = our_verify(sign_bin, out, [pki.root_pem])
    assert rc == 0 and report["valid"], report
    ours = [s for s in report["signatures"] if s["field_name"] == "SijillSig"]
    assert ours and ours[0]["level"] == level, report

    # PAdES baseline profile: exactly these signed attributes (no signing-time).
    attrs = signed_attribute_names(out)
    assert attrs[-1] == ["content_type", "message_digest", "signing_certificate_v2"], attrs
