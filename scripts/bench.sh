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
