#!/usr/bin/env bash
# Signatures judged by independent validators: builds sijill-sign, then runs the pytest
# harness in signing/tests/validators/, which starts certomancer (TSA, OCSP, CRL),
# certomancer-csc-dummy, SoftHSM2 and the development TSA on loopback, in temp dirs,
# and stops them on exit. Also runs the Rust tests that need those services.
# Extra arguments go to pytest (e.g. `scripts/test-signing.sh -k tamper -x`).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in pyhanko certomancer certomancer-csc pdfsig certutil qpdf gs softhsm2-util pkcs11-tool; do
  command -v "$tool" >/dev/null || { echo "test-signing: $tool missing; run scripts/install-deps.sh" >&2; exit 1; }
done
[ -f /usr/lib/softhsm/libsofthsm2.so ] || { echo "test-signing: SoftHSM2 module missing; run scripts/install-deps.sh" >&2; exit 1; }

echo "test-signing: building sijill-sign and the dev_tsa example"
cargo build --locked -q -p sijill-signing --bin sijill-sign --example dev_tsa
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
export SIJILL_SIGN="$TARGET_DIR/debug/sijill-sign"
export SIJILL_DEV_TSA="$TARGET_DIR/debug/examples/dev_tsa"

WORK=$(mktemp -d -t sijill-signing-XXXXXX)
cleanup() { if [ -n "${KEEP_WORK:-}" ]; then echo "test-signing: kept $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

# The PKCS#11 Rust test skips where SoftHSM2 is missing; here it must really run.
echo "test-signing: PKCS#11 signer on a SoftHSM2 token"
P11_LOG="$WORK/pkcs11.log"
cargo test --locked -q -p sijill-signing --test pkcs11_softhsm -- --nocapture >"$P11_LOG" 2>&1 || { cat "$P11_LOG"; exit 1; }
if grep -q SKIPPED "$P11_LOG"; then cat "$P11_LOG"; echo "test-signing: the SoftHSM2 test skipped" >&2; exit 1; fi
grep -E "^test result" "$P11_LOG"

echo "test-signing: pytest signing/tests/validators"
python3 -m pytest -q -p no:cacheprovider --basetemp "$WORK/pytest" signing/tests/validators "$@"
