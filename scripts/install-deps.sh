#!/usr/bin/env bash
# Installs everything `make run` and `make test` need. Idempotent: each step checks first.
# Debian packages, the wasm target, wasm-bindgen-cli, Python and npm test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# `install-deps.sh run` installs only what `make run` needs; no argument installs the test tools too.
MODE=${1:-test}
APT_PACKAGES=(
  pkg-config libssl-dev            # openssl-sys
  mold                             # linker (.cargo/config.toml): debug links in ~1 s instead of ~10
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

# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly. Its own lock
# file pins crates that the registry may no longer serve (a yanked or missing version makes
# `cargo install --locked` fail at resolution), so the locked install is tried first and an
# unlocked install of the same exact version is the fallback; either way the installed
# binary must report that version.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
[ -n "$WB_VERSION" ] || { echo "install-deps: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
wasm_bindgen_ok() { command -v wasm-bindgen >/dev/null && wasm-bindgen --version 2>/dev/null | grep -qxF "wasm-bindgen $WB_VERSION"; }
if ! wasm_bindgen_ok; then
  WB_LOG=$(mktemp)
  if cargo install --locked --quiet --force wasm-bindgen-cli --version "=$WB_VERSION" 2>"$WB_LOG"; then
    echo "install-deps: wasm-bindgen-cli $WB_VERSION installed with its own lock file (--locked)"
  else
    echo "install-deps: the locked install of wasm-bindgen-cli $WB_VERSION failed:" >&2
    grep -m1 '^error' "$WB_LOG" | sed 's/^/install-deps:   /' >&2 || tail -n 3 "$WB_LOG" >&2
    echo "install-deps: installing wasm-bindgen-cli $WB_VERSION without its lock file (dependencies resolved afresh)" >&2
    cargo install --quiet --force wasm-bindgen-cli --version "=$WB_VERSION"
    echo "install-deps: wasm-bindgen-cli $WB_VERSION installed unlocked (fallback)"
  fi
  rm -f "$WB_LOG"
  wasm_bindgen_ok || { echo "install-deps: wasm-bindgen on PATH is not $WB_VERSION: $(command -v wasm-bindgen || echo none)" >&2; exit 1; }
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
    # The same fallback as wasm-bindgen-cli's: package-lock.json may pin a transitive
    # package the registry no longer serves; package.json pins the direct ones exactly.
    if ! (cd e2e && npm ci --no-audit --no-fund --loglevel=error); then
      echo "install-deps: npm ci from e2e/package-lock.json failed; installing e2e/package.json's exact versions without the lock" >&2
      (cd e2e && npm install --no-audit --no-fund --loglevel=error --no-package-lock)
      echo "install-deps: e2e tools installed without the lock file (fallback)"
    fi
  fi
fi
echo "install-deps: ok"
