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
# Runs keep their uploads (~2 GB each, ~17 GB in all under $TMPDIR) until the end: on ext4
# without a journal (this kind of VM disk) a new file's inode allocation walks past every
# inode freed in the last 60 s (`recently_deleted` in fs/ext4/ialloc.c, RECENTCY_MIN; 360 s
# while the inode table is dirty), up to 18% of a run's CPU in `perf`. So deleting a run's
# uploads right away would tax the next run with its predecessor's clean-up; a server never
# deletes thousands of files at once.
BENCH_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sijill-bench.XXXXXX")
# Six runs of REQUESTS filings (four here, two in cpu-per-filing.py) at about 1.1 MB stored
# each, and a third more for the warm-ups and the PostgreSQL clusters.
NEED_KB=$((8 * (REQUESTS + 60) * 1100))
FREE_KB=$(df -Pk "$BENCH_DATA_DIR" | awk 'NR==2 {print $4}')
if [ "$FREE_KB" -lt "$NEED_KB" ]; then
  rmdir "$BENCH_DATA_DIR"
  echo "bench-filings: needs $((NEED_KB / 1048576 + 1)) GB free in ${TMPDIR:-/tmp} for the runs' uploads, has $((FREE_KB / 1048576)) GB (set TMPDIR, or BENCH_REQUESTS lower)" >&2
  exit 1
fi
export BENCH_DATA_DIR
trap 'rm -rf "$BENCH_DATA_DIR"' EXIT INT TERM
# PostgreSQL with fsync on (durable commits, as in production; synchronous_commit default).
both() { "$BIN" "$@"; SIJILL_PG_FSYNC=on scripts/with-postgres.sh "$BIN" "$@"; }
both --clients 50 --requests "$REQUESTS"
both --clients 50 --requests "$REQUESTS" --rate "$RATE"
# CPU per filing apart from the machine's other work (the bench process, then PostgreSQL's too).
scripts/cpu-per-filing.py "$BIN" --clients 50 --requests "$REQUESTS"
SIJILL_PG_FSYNC=on scripts/with-postgres.sh scripts/cpu-per-filing.py "$BIN" --clients 50 --requests "$REQUESTS"
