#!/usr/bin/env bash
# Sealed filings with a 1 MB PDF, on SQLite and on PostgreSQL (a throwaway cluster),
# release build. Two figures each: the most filings per second with 50 clients sending
# back to back, and p50/p99 latency when 200 filings per second are offered (open loop,
# at most 50 in flight) — the target of issue 3. Then CPU time per filing
# (scripts/cpu-per-filing.py), which the neighbours' load does not move.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${BENCH_REQUESTS:-2000}
RATE=${BENCH_RATE:-200}
cargo build --locked --release -q -p sijill-backend --example bench_filings
BIN=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/examples/bench_filings
# PostgreSQL with fsync on (durable commits, as in production; synchronous_commit default).
both() { "$BIN" "$@"; SIJILL_PG_FSYNC=on scripts/with-postgres.sh "$BIN" "$@"; }
both --clients 50 --requests "$REQUESTS"
both --clients 50 --requests "$REQUESTS" --rate "$RATE"
# CPU per filing apart from the machine's other work (the bench process, then PostgreSQL's too).
scripts/cpu-per-filing.py "$BIN" --clients 50 --requests "$REQUESTS"
SIJILL_PG_FSYNC=on scripts/with-postgres.sh scripts/cpu-per-filing.py "$BIN" --clients 50 --requests "$REQUESTS"
