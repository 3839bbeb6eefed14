#!/usr/bin/env bash
# Every test, in order from fastest to slowest. Each stage starts the real services it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { echo; echo "==== $* ===="; }

stage "installation on a fresh machine (no wasm-bindgen on PATH)"
scripts/fresh-machine-check.sh

stage "unit and integration tests (SQLite)"
cargo test --locked --workspace

stage "backend integration tests (PostgreSQL)"
scripts/with-postgres.sh cargo test --locked -p sijill-backend --tests

stage "the API fuzzed from its OpenAPI document, as each role (schemathesis)"
scripts/test-api-fuzz.sh

stage "signatures judged by pyHanko and pdfsig"
scripts/test-signing.sh

stage "browser end-to-end tests"
scripts/test-e2e.sh

echo; echo "==== all test stages passed ===="
