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
# Each run removes its ~2 GB of uploads when it ends. On ext4 without a journal (this
# kind of VM disk) a new file's inode allocation walks past every inode freed in the last
# 30 s (`recently_deleted`, up to 18% of a run's CPU in `perf`), so a run started right
# after another pays for its clean-up. A server never deletes thousands of files at once;
# runs are spaced so each one measures filing, not its predecessor's `rm`.
SETTLE=${BENCH_SETTLE_SECONDS:-35}
settle() { sleep "$SETTLE"; }
# PostgreSQL with fsync on (durable commits, as in production; synchronous_commit default).
both() { settle; "$BIN" "$@"; settle; SIJILL_PG_FSYNC=on scripts/with-postgres.sh "$BIN" "$@"; }
both --clients 50 --requests "$REQUESTS"
both --clients 50 --requests "$REQUESTS" --rate "$RATE"
# CPU per filing apart from the machine's other work (the bench process, then PostgreSQL's too).
settle; scripts/cpu-per-filing.py "$BIN" --clients 50 --requests "$REQUESTS"
settle; SIJILL_PG_FSYNC=on scripts/with-postgres.sh scripts/cpu-per-filing.py "$BIN" --clients 50 --requests "$REQUESTS"
