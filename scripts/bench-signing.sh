#!/usr/bin/env bash
# Signing throughput: sijill (Rust, one thread, key loaded once) vs pyHanko (one Python
# process) vs the raw RSA-2048 signing speed of `openssl speed`. B-B, RSA-2048, SHA-256,
# on a 1-page, a 200-page and a 15 MB PDF. Target: >= 1000 signatures/s on 1 page.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${BENCH_SECONDS:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release --locked -q -p sijill-signing --example bench-sign
BENCH=target/release/examples/bench-sign

# A root and an RSA-2048 signer in a PKCS#12 file.
(
  cd "$WORK"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 \
    -subj "/CN=Bench Root" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr -subj "/CN=Bench Signer" 2>/dev/null
  printf 'keyUsage=critical,digitalSignature,nonRepudiation\n' > ext.cnf
  openssl x509 -req -in signer.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 -out signer.pem -extfile ext.cnf 2>/dev/null
  openssl pkcs12 -export -inkey signer.key -in signer.pem -certfile root.pem -passout pass:bench -out signer.p12
)
"$BENCH" make-pdfs "$WORK"
FILES=("$WORK/1page.pdf" "$WORK/200pages.pdf" "$WORK/15mb.pdf")

echo "sijill-sign B-B RSA-2048 (one thread, ${SECS}s per file)..." >&2
"$BENCH" run "$WORK/signer.p12" bench "$SECS" "${FILES[@]}" > "$WORK/rust.tsv"

echo "pyHanko, same files, one Python process..." >&2
python3 - "$WORK/signer.p12" "$SECS" "${FILES[@]}" > "$WORK/py.tsv" <<'PY'
import io, sys, time
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
p12, secs, files = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
signer = signers.SimpleSigner.load_pkcs12(p12, passphrase=b"bench")
meta = signers.PdfSignatureMetadata(field_name="Signature1", subfilter=SigSeedSubFilter.PADES)
for f in files:
    data = open(f, "rb").read()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < secs or n < 2:
        w = IncrementalPdfFileWriter(io.BytesIO(data))
        signers.sign_pdf(w, meta, signer=signer, output=io.BytesIO())
        n += 1
    print(f"{f}\t{n / (time.perf_counter() - start):.1f}")
PY

echo "openssl speed rsa2048..." >&2
OSSL=$(openssl speed -seconds "$SECS" rsa2048 2>/dev/null | awk '/^rsa 2048/ {print $(NF-1)}' | tail -1)

# Check one output with our verifier so the figures are for valid signatures.
"$BENCH" run "$WORK/signer.p12" bench 0 "$WORK/1page.pdf" >/dev/null

printf '\n%-14s %14s %14s %8s\n' "file" "sijill sig/s" "pyHanko sig/s" "ratio"
paste "$WORK/rust.tsv" "$WORK/py.tsv" | while IFS=$'\t' read -r f r _ _ _ p; do
  printf '%-14s %14s %14s %7.0fx\n' "$(basename "$f")" "$r" "$p" "$(awk -v a="$r" -v b="$p" 'BEGIN {print a / b}')"
done
printf '%-14s %14s   (openssl speed rsa2048, sign/s, one core)\n' "RSA-2048" "$OSSL"
ONE=$(awk 'NR==1 {print $2}' "$WORK/rust.tsv")
if awk -v v="$ONE" 'BEGIN {exit !(v >= 1000)}'; then echo "target >= 1000 sig/s on 1 page: met ($ONE)"; else echo "target >= 1000 sig/s on 1 page: NOT met ($ONE)"; fi
