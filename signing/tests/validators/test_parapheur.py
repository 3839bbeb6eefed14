"""The e-parapheur's output judged by pyHanko and pdfsig: a folder signed by two officials,
the first with a PKCS#12 key of the development PKI, the second through the CSC service
(certomancer-csc-dummy). The Rust test backend/tests/api/parapheur_csc.rs runs the circuit
through the JSON API and writes the signed file here."""

import os
import subprocess

from judges import assert_pdfsig_valid, assert_pyhanko_valid, pyhanko_validate


def test_parapheur_two_signatories_pkcs12_and_csc(pki, csc_url, workdir):
    out_dir = workdir / "parapheur-out"
    out_dir.mkdir()
    env = dict(os.environ, SIJILL_TEST_CSC_URL=csc_url, SIJILL_TEST_OUT_DIR=str(out_dir))
    p = subprocess.run(["cargo", "test", "--locked", "-q", "-p", "sijill-backend", "--test", "api", "parapheur_csc::"],
                       capture_output=True, text=True, env=env, timeout=1800)
    assert p.returncode == 0, p.stdout + p.stderr
    pdf = out_dir / "parapheur-p12-csc.pdf"
    assert pdf.exists(), p.stdout + p.stderr
    trust = [pki.root_pem, out_dir / "dev-root.pem"]
    assert_pyhanko_valid(pdf, trust, "B-T")
    rc, lines, out = pyhanko_validate(pdf, trust)
    assert len([ln for ln in lines if ln.startswith("Parapheur-")]) == 2, out
    assert_pdfsig_valid(pdf, pki.nssdb, whole_file=True)
