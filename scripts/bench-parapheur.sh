#!/usr/bin/env bash
# Server-side batch signing (issue 5): 100 folders signed with one PKCS#12 key at PAdES B-B
# and B-T (in-process development TSA), on SQLite and on PostgreSQL (a throwaway cluster
# with fsync on), release build. Target: under 1 second for 100 folders at B-B.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLDERS=${BENCH_FOLDERS:-100}
cargo build --locked --release -q -p sijill-backend --example bench_batch_sign
BIN=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/examples/bench_batch_sign
"$BIN" --folders "$FOLDERS"
SIJILL_PG_FSYNC=on scripts/with-postgres.sh "$BIN" --folders "$FOLDERS"
