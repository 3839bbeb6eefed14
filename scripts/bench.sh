#!/usr/bin/env bash
# Every benchmark; each prints its own figures. Targets are in the issues, not asserted here.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/bench-signing.sh ]; then
  echo "==== signing ===="
  scripts/bench-signing.sh
fi
echo "==== filings ===="
scripts/bench-filings.sh
echo "==== parapheur (batch signing) ===="
scripts/bench-parapheur.sh
echo "==== search ===="
scripts/bench-search.sh
echo "==== hostile PDFs on the public verification ===="
cargo build --locked --release -q -p sijill-backend --example bench_hostile_verify
"$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/examples/bench_hostile_verify"
