#!/usr/bin/env bash
# Builds the hydration bundle: the frontend crate for wasm32 with `hydrate`, then
# wasm-bindgen (same version as Cargo.lock's wasm-bindgen) into target/site/pkg, which the
# backend serves at /pkg. Pages work without it; this only wakes the islands.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/site/pkg
# A target directory of its own: the wasm build never waits for (or invalidates) the
# server's build in target/. Point it elsewhere with SIJILL_WASM_TARGET_DIR.
export CARGO_TARGET_DIR=${SIJILL_WASM_TARGET_DIR:-target/wasm}

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -qF "$WB_VERSION"; then
  echo "build-frontend: wasm-bindgen-cli $WB_VERSION missing; run scripts/install-deps.sh" >&2
  exit 1
fi

cargo build --locked -p sijill-frontend --lib --target wasm32-unknown-unknown \
  --no-default-features --features hydrate --release

mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name sijill_frontend \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/sijill_frontend.wasm"
ls -l "$OUT" | sed 's/^/build-frontend: /'
