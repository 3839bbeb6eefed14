#!/usr/bin/env bash
# Browser end-to-end tests against a real server: builds the `sijill` binary and the
# hydration bundle, starts the server and a real SMTP server (scripts/test-server.sh),
# runs the Playwright tests (node --test) and stops everything on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[ -d e2e/node_modules ] || { echo "test-e2e: e2e/node_modules missing; run scripts/install-deps.sh (make test does)" >&2; exit 1; }

echo "test-e2e: building the server and the hydration bundle"
cargo build --locked -p sijill-backend --bin sijill
scripts/build-frontend.sh

# shellcheck source=scripts/test-server.sh
. scripts/test-server.sh
start_test_server test-e2e

mkdir -p e2e/test-results/screenshots
cd e2e
SIJILL_URL=$BASE MAIL_DIR=$MAIL_DIR SCREENSHOT_DIR=$ROOT/e2e/test-results/screenshots \
  node --test --test-concurrency=1 --test-timeout=600000 tests/
