#!/usr/bin/env bash
# Register search latency (p50/p95) over 1,000,000 generated entries, on SQLite (temp dir)
# and on PostgreSQL (a throwaway cluster from with-postgres.sh), release build: searches
# by number, one word, two words and a word within a month, for a clerk (whole register)
# and an agent (one unit). Target of issue 4: p95 under 50 ms. Nothing is cached between
# runs: each run generates its entries again (about a minute per million on SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${BENCH_SEARCH_ENTRIES:-1000000}
QUERIES=${BENCH_SEARCH_QUERIES:-100}
cargo build --locked --release -q -p sijill-backend --example bench_search
BIN=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/examples/bench_search
"$BIN" --entries "$ENTRIES" --queries "$QUERIES"
scripts/with-postgres.sh "$BIN" --entries "$ENTRIES" --queries "$QUERIES"
