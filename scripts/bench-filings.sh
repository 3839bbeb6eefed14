#!/usr/bin/env bash
# Sealed filings per second with a 1 MB PDF at 50 concurrent clients, on SQLite and on
# PostgreSQL (a throwaway cluster), with p50/p99 latency. Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${BENCH_REQUESTS:-2000}
cargo build --locked --release -q -p sijill-backend --example bench_filings
BIN=target/release/examples/bench_filings
"$BIN" --clients 50 --requests "$REQUESTS"
scripts/with-postgres.sh "$BIN" --clients 50 --requests "$REQUESTS"
