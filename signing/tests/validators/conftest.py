"""Services and PKI for the validator harness.

Starts, on loopback with free ports and in a temporary directory: certomancer (TSA, OCSP,
CRLs of a root -> intermediate -> signer PKI), certomancer-csc-dummy (remote signing),
a SoftHSM2 token holding the RSA signer key, and the development TSA of `devpki`
(examples/dev_tsa.rs). Everything is stopped when the session ends.

The binary under test is $SIJILL_SIGN (scripts/test-signing.sh builds it).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
P12_PASSWORD = "sijill-test"
TOKEN_PIN = "1234"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=90, proc=None, log=None):
    """Waits until `url` answers (any HTTP status counts as up)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"service for {url} exited: {Path(log).read_text() if log else ''}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up in {timeout}s")


def run(cmd, check=True, env=None, **kw):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} -> {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


class Services:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.procs = []

    def start(self, name, cmd, env=None):
        log = self.tmp / f"{name}.log"
        f = open(log, "w")
        p = subprocess.Popen([str(c) for c in cmd], stdout=f, stderr=subprocess.STDOUT,
                             env=env, start_new_session=True)
        self.procs.append((name, p))
        return p, log

    def stop(self):
        for _, p in reversed(self.procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for _, p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("validators")


@pytest.fixture(scope="session")
def services(workdir):
    s = Services(workdir)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def sign_bin():
    b = os.environ.get("SIJILL_SIGN") or str(REPO / "target" / "debug" / "sijill-sign")
    if not Path(b).is_file():
        pytest.fail(f"sijill-sign not built at {b} (run scripts/test-signing.sh)")
    return b


@pytest.fixture(scope="session")
def cli_help(sign_bin):
    """`sijill-sign sign --help`, to mark tests of options the CLI lacks as xfail."""
    p = run([sign_bin, "sign", "--help"], check=False)
    return p.stdout + p.stderr


class Pki:
    """Certificates and keys served by certomancer, plus PKCS#12 files for the CLI."""

    def __init__(self, d: Path, url: str):
        self.dir, self.url = d, url
        self.root_pem = d / "root.pem"
        self.stranger_root_pem = d / "stranger-root.pem"
        self.tsa_url = f"{url}/sijill/tsa/tsa"
        self.password_file = d / "p12.password"
        self.nssdb = d / "nssdb"

    def p12(self, name):
        return self.dir / f"{name}.p12"

    def cert(self, arch, label):
        return self.dir / f"{arch}-{label}.cert.pem"


@pytest.fixture(scope="session")
def pki(workdir, services):
    d = workdir / "pki"
    d.mkdir()
    keys = {"root": "rsa", "interm": "rsa", "interm-ocsp": "rsa", "tsa": "rsa", "signer-rsa": "rsa",
            "signer-ec": "ec", "stranger-root": "rsa", "stranger-signer": "rsa"}
    for name, kind in keys.items():
        opts = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"] if kind == "rsa" else \
            ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
        run(["openssl", "genpkey", *opts, "-out", d / f"{name}.key.pem"])
    port = free_port()
    cfg = d / "certomancer.yml"
    cfg.write_text((HERE / "certomancer.yml").read_text().replace("@PORT@", str(port)))
    url = f"http://127.0.0.1:{port}"
    p, log = services.start("certomancer", ["certomancer", "--config", cfg, "animate", "--port", port])
    wait_http(url + "/", proc=p, log=log)
    pki = Pki(d, url)
    for arch, label in [("sijill", "root"), ("sijill", "interm"), ("sijill", "signer-rsa"), ("sijill", "signer-ec"),
                        ("sijill", "tsa"), ("stranger", "root"), ("stranger", "signer")]:
        with urllib.request.urlopen(f"{url}/_certomancer/any-cert/{arch}/{label}.cert.pem") as r:
            pki.cert(arch, label).write_bytes(r.read())
    shutil.copy(pki.cert("sijill", "root"), pki.root_pem)
    shutil.copy(pki.cert("stranger", "root"), pki.stranger_root_pem)
    pki.password_file.write_text(P12_PASSWORD)
    chain = d / "chain.pem"
    chain.write_text(pki.cert("sijill", "interm").read_text() + pki.root_pem.read_text())
    for name, key, cert, ca in [("rsa", "signer-rsa", pki.cert("sijill", "signer-rsa"), chain),
                                ("ec", "signer-ec", pki.cert("sijill", "signer-ec"), chain),
                                ("stranger", "stranger-signer", pki.cert("stranger", "signer"), pki.stranger_root_pem)]:
        run(["openssl", "pkcs12", "-export", "-inkey", d / f"{key}.key.pem", "-in", cert, "-certfile", ca,
             "-name", name, "-passout", f"pass:{P12_PASSWORD}", "-out", pki.p12(name)])
    # NSS database trusting the test root, for pdfsig.
    pki.nssdb.mkdir()
    run(["certutil", "-N", "-d", f"sql:{pki.nssdb}", "--empty-password"])
    run(["certutil", "-A", "-d", f"sql:{pki.nssdb}", "-n", "root", "-t", "CT,C,C", "-i", pki.root_pem])
    return pki


@pytest.fixture(scope="session")
def csc_url(pki, services):
    port = free_port()
    p, log = services.start("csc-dummy", ["certomancer-csc", pki.dir / "certomancer.yml", port, "1"])
    wait_http(f"http://127.0.0.1:{port}/info", proc=p, log=log)
    return f"http://127.0.0.1:{port}/csc/v1"


@pytest.fixture(scope="session")
def softhsm(pki, workdir):
    """A SoftHSM2 token `sijill-test` holding signer-rsa's key, certificate and chain."""
    if not Path(SOFTHSM_MODULE).exists():
        pytest.fail(f"{SOFTHSM_MODULE} missing: scripts/install-deps.sh installs softhsm2")
    d = workdir / "softhsm"
    (d / "tokens").mkdir(parents=True)
    conf = d / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {d / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = dict(os.environ, SOFTHSM2_CONF=str(conf))
    run(["softhsm2-util", "--init-token", "--free", "--label", "sijill-test", "--pin", TOKEN_PIN,
         "--so-pin", "5678"], env=env)
    base = ["pkcs11-tool", "--module", SOFTHSM_MODULE, "--token-label", "sijill-test", "--login", "--pin", TOKEN_PIN]
    key_der = d / "key.der"
    run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", pki.dir / "signer-rsa.key.pem", "-outform", "DER",
         "-out", key_der])
    run(base + ["--write-object", key_der, "--type", "privkey", "--label", "signer", "--id", "01"], env=env)
    for label, pem in [("signer", pki.cert("sijill", "signer-rsa")), ("interm", pki.cert("sijill", "interm")),
                       ("root", pki.root_pem)]:
        der = d / f"{label}.der"
        run(["openssl", "x509", "-in", pem, "-outform", "DER", "-out", der])
        extra = ["--id", "01"] if label == "signer" else []
        run(base + ["--write-object", der, "--type", "cert", "--label", label] + extra, env=env)
    pin_file = d / "pin"
    pin_file.write_text(TOKEN_PIN)
    return {"env": env, "pin_file": pin_file, "module": SOFTHSM_MODULE, "token": "sijill-test", "key": "signer"}


@pytest.fixture(scope="session")
def dev_tsa(workdir, services):
    """The development PKI's in-process TSA (TimestampAuthority) served over HTTP."""
    exe = os.environ.get("SIJILL_DEV_TSA") or str(REPO / "target" / "debug" / "examples" / "dev_tsa")
    if not Path(exe).is_file():
        pytest.fail(f"dev_tsa example not built at {exe}")
    d = workdir / "devpki"
    p, log = services.start("dev-tsa", [exe, d, "0"])
    deadline = time.time() + 120
    while time.time() < deadline and not log.read_text().strip():
        if p.poll() is not None:
            raise RuntimeError(log.read_text())
        time.sleep(0.2)
    url = log.read_text().splitlines()[0].strip()
    return {"url": url, "root": d / "root.pem", "dir": d}
