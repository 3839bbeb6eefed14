"""The independent judges (pyHanko, poppler's pdfsig) and our own verifier, as functions
returning what a user would read, plus the CLI call that signs."""

import json
import re
import subprocess
from pathlib import Path

import pytest

LEVELS = ["B-B", "B-T", "B-LT", "B-LTA"]


def run(cmd, env=None, timeout=600):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, timeout=timeout)


def require_option(cli_help, option, what):
    if option not in cli_help:
        pytest.xfail(f"sijill-sign has no {option} yet ({what})")


def sign(sign_bin, pki, src: Path, out: Path, level="B-B", p12="rsa", extra=(), env=None, check=True):
    cmd = [sign_bin, "sign", "--level", level, "--input", src, "--output", out]
    if p12:
        cmd += ["--p12", pki.p12(p12), "--password-file", pki.password_file]
    if level != "B-B" and "--tsa" not in extra:
        cmd += ["--tsa", pki.tsa_url]
    cmd += list(extra)
    p = run(cmd, env=env)
    if check:
        assert p.returncode == 0, f"sijill-sign failed ({p.returncode}):\n{p.stdout}\n{p.stderr}"
        assert out.is_file()
    return p


def pyhanko_validate(pdf: Path, trust):
    cmd = ["pyhanko", "sign", "validate", "--trust-replace"]
    for t in trust:
        cmd += ["--trust", t]
    p = run(cmd + [pdf])
    lines = [ln for ln in p.stdout.splitlines() if ln.count(":") >= 2]
    print(f"\npyhanko validate {pdf.name}: rc={p.returncode} {' '.join(lines) or p.stderr.strip()[-200:]}")
    return p.returncode, lines, p.stdout + p.stderr


# What pyHanko prints for a valid signature at each level (see shared/SIGNING-NOTES.md).
LEVEL_MARKERS = {
    "B-B": ["INTACT:TRUSTED", "UNTOUCHED"],
    "B-T": ["INTACT:TRUSTED", "TIMESTAMP_TOKEN<INTACT:TRUSTED>", "UNTOUCHED"],
    "B-LT": ["INTACT:TRUSTED", "TIMESTAMP_TOKEN<INTACT:TRUSTED>", "EXTENDED_WITH_LTA_UPDATES"],
    "B-LTA": ["INTACT:TRUSTED", "TIMESTAMP_TOKEN<INTACT:TRUSTED>", "EXTENDED_WITH_LTA_UPDATES"],
}


def assert_pyhanko_valid(pdf: Path, trust, level, field=None):
    rc, lines, out = pyhanko_validate(pdf, trust)
    assert rc == 0, f"pyHanko judged {pdf.name} invalid:\n{out}"
    assert lines, f"pyHanko printed no signature line:\n{out}"
    mine = [ln for ln in lines if field is None or ln.startswith(field + ":")]
    assert mine, f"no pyHanko line for field {field}:\n{out}"
    for marker in LEVEL_MARKERS[level]:
        assert marker in mine[-1], f"pyHanko line lacks {marker} for {level}: {mine[-1]}"
    return lines


def adesverify(pdf: Path, trust):
    cmd = ["pyhanko", "sign", "adesverify", "--trust-replace"]
    for t in trust:
        cmd += ["--trust", t]
    p = run(cmd + [pdf])
    print(f"\npyhanko adesverify {pdf.name}: rc={p.returncode} {' '.join(p.stdout.split())[:300]}")
    return p.returncode, p.stdout + p.stderr


def pdfsig(pdf: Path, nssdb: Path):
    """pdfsig's report split per signature: list of dicts with the lines it printed."""
    p = run(["pdfsig", "-nssdir", f"sql:{nssdb}", pdf])
    sigs = []
    for block in re.split(r"\nSignature #\d+:\n", "\n" + p.stdout)[1:]:
        d = {"text": block}
        m = re.search(r"Signature Type: (\S+)", block)
        d["type"] = m.group(1) if m else ""
        sigs.append(d)
    return sigs, p.stdout + p.stderr


def assert_pdfsig_valid(pdf: Path, nssdb: Path, whole_file: bool, trusted=False):
    """`trusted`: also require NSS to trust the chain. Only for PKIs without CRL
    distribution points: NSS fetches certomancer's CRLs and rejects their critical
    issuingDistributionPoint extension ("Unknown issue with Certificate")."""
    sigs, out = pdfsig(pdf, nssdb)
    cades = [s for s in sigs if s["type"] in ("ETSI.CAdES.detached", "adbe.pkcs7.detached")]
    assert cades, f"pdfsig found no signature:\n{out}"
    for s in cades:
        assert "Signature is Valid." in s["text"], f"pdfsig:\n{out}"
        if trusted:
            assert "Certificate is Trusted." in s["text"], f"pdfsig:\n{out}"
    if whole_file:
        assert "Total document signed" in cades[-1]["text"], f"pdfsig:\n{out}"
    for s in cades:
        verdict = [ln.strip(" -") for ln in s["text"].splitlines() if "Validation:" in ln or "document signed" in ln]
        print(f"\npdfsig {pdf.name}: {' | '.join(verdict)}")
    return out


def our_verify(sign_bin, pdf: Path, trust):
    cmd = [sign_bin, "verify", "--json"]
    for t in trust:
        cmd += ["--trust", t]
    p = run(cmd + [pdf])
    try:
        report = json.loads(p.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"sijill-sign verify --json printed no JSON ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    summary = [(s.get("field_name"), s.get("level"), s.get("valid"), s.get("problems")) for s in report.get("signatures", [])]
    print(f"\nsijill-sign verify {pdf.name}: rc={p.returncode} valid={report.get('valid')} {summary}")
    return p.returncode, report


def signed_attribute_names(pdf: Path):
    """Signed attribute types of every CAdES signature in the file (asn1crypto)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    names = []
    with open(pdf, "rb") as f:
        r = PdfFileReader(f)
        for s in r.embedded_regular_signatures:
            si = s.signed_data["signer_infos"][0]
            names.append(sorted(a["type"].native for a in si["signed_attrs"]))
    return names
