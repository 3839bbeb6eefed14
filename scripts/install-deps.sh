#!/usr/bin/env bash
# Installs everything `make run` and `make test` need. Idempotent: each step checks first.
# Debian packages, the wasm target, wasm-bindgen-cli, Python and npm test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# `install-deps.sh run` installs only what `make run` needs; no argument installs the test tools too.
MODE=${1:-test}
APT_PACKAGES=(
  pkg-config libssl-dev            # openssl-sys
  fonts-noto-core                  # receipts: Latin, Arabic and Tifinagh fonts (signing pdf::text)
  poppler-utils                    # pdftoppm: parapheur page images; pdfsig (independent validator)
)
[ "$MODE" = run ] || APT_PACKAGES+=(
  postgresql                       # integration tests on a real PostgreSQL
  chromium                         # e2e, driven by playwright-core
  softhsm2 opensc                  # PKCS#11 token for signing tests
  libnss3-tools                    # certutil (pdfsig's trust store)
  zbar-tools                       # zbarimg: receipt QR codes must scan back (signing text_compose test)
  qpdf ghostscript                 # PDF producers for signing fixtures
  openssl                          # test PKI keys and PKCS#12 files (signing validators)
  fonts-dejavu-core                # screenshots
  libreoffice-writer-nogui         # parapheur: office documents converted to PDF (test)
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
if [ -n "$WB_VERSION" ]; then
  if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q "$WB_VERSION"; then
    cargo install --locked --quiet wasm-bindgen-cli --version "$WB_VERSION"
  fi
fi

if [ "$MODE" = run ]; then
  # The local mail catcher of `make run` (scripts/run-dev.sh).
  python3 -c 'import aiosmtpd' 2>/dev/null || \
    python3 -m pip install --quiet --disable-pip-version-check "$(grep '^aiosmtpd==' requirements-test.txt)"
  echo "install-deps: ok (run)"; exit 0
fi

PY_STAMP=var/.py-deps-$(sha256sum requirements-test.txt | cut -c1-16)
if [ ! -f "$PY_STAMP" ]; then
  python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
  mkdir -p var && touch "$PY_STAMP"
fi

if [ -f e2e/package.json ]; then
  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules ]; then
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
echo "install-deps: ok"
