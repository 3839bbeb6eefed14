#!/usr/bin/env bash
# Proves that scripts/install-deps.sh works on a machine that has never built Sijill: it
# runs with a PATH on which no wasm-bindgen can be found (cargo's bin directory replaced by
# one holding only the toolchain's own commands) and installs into a temporary
# CARGO_INSTALL_ROOT, so wasm-bindgen-cli is compiled from the registry as a newcomer's
# machine would, and the result must report Cargo.lock's wasm-bindgen version.
# Part of `make test` (a few minutes: it compiles wasm-bindgen-cli). KEEP_WORK=1 keeps it.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=$(mktemp -d /tmp/sijill-fresh.XXXXXX)
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT

CARGO_BIN=$(dirname "$(command -v cargo)")
# The toolchain a fresh machine has (rustup's proxies), and nothing cargo installed since.
mkdir -p "$WORK/toolchain" "$WORK/root/bin"
for tool in cargo rustc rustup rustdoc; do
  [ -e "$CARGO_BIN/$tool" ] && ln -s "$CARGO_BIN/$tool" "$WORK/toolchain/$tool"
done
CLEAN_PATH=$(tr ':' '\n' <<<"$PATH" | grep -vxF "$CARGO_BIN" | paste -sd: -)

export CARGO_INSTALL_ROOT="$WORK/root"
export PATH="$WORK/root/bin:$WORK/toolchain:$CLEAN_PATH"
if command -v wasm-bindgen >/dev/null; then
  echo "fresh-machine-check: a wasm-bindgen is still on PATH ($(command -v wasm-bindgen)); cannot prove a fresh install" >&2
  exit 1
fi

echo "fresh-machine-check: scripts/install-deps.sh with no wasm-bindgen on PATH, installing into $CARGO_INSTALL_ROOT"
start=$(date +%s)
if ! scripts/install-deps.sh >"$WORK/install.log" 2>&1; then
  cat "$WORK/install.log" >&2
  echo "fresh-machine-check: FAILED: install-deps.sh does not work on a fresh machine" >&2
  exit 1
fi
grep -E '^install-deps: (wasm-bindgen|the locked|installing)' "$WORK/install.log" | sed 's/^/fresh-machine-check: /' || true

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -x "$WORK/root/bin/wasm-bindgen" ] || { echo "fresh-machine-check: FAILED: no wasm-bindgen in $CARGO_INSTALL_ROOT/bin" >&2; exit 1; }
got=$("$WORK/root/bin/wasm-bindgen" --version)
[ "$got" = "wasm-bindgen $WB_VERSION" ] || { echo "fresh-machine-check: FAILED: installed '$got', Cargo.lock wants $WB_VERSION" >&2; exit 1; }
echo "fresh-machine-check: ok ($got, $(( $(date +%s) - start )) s)"
