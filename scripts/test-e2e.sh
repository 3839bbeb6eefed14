#!/usr/bin/env bash
# Browser end-to-end tests against a real server: builds the `sijill` binary and the
# hydration bundle, starts a real SMTP server (aiosmtpd, saving mail to a temp dir) and
# `sijill serve` on free loopback ports with a temp SQLite database, waits for /healthz,
# runs the Playwright tests (node --test) and stops everything on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[ -d e2e/node_modules ] || { echo "test-e2e: e2e/node_modules missing; run scripts/install-deps.sh (make test does)" >&2; exit 1; }

echo "test-e2e: building the server and the hydration bundle"
cargo build --locked -p sijill-backend --bin sijill
scripts/build-frontend.sh

# Honour CARGO_TARGET_DIR (developers often share one between checkouts).
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

TMP=$(mktemp -d -t sijill-e2e-XXXXXX)
PIDS=()
cleanup() {
  local code=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$code" -ne 0 ] && [ -f "$TMP/server.log" ]; then
    echo "---- server log (last 80 lines) ----"; tail -n 80 "$TMP/server.log"
  fi
  rm -rf "$TMP"
  exit "$code"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
HTTP_PORT=$(free_port)
SMTP_PORT=$(free_port)
MAIL_DIR=$TMP/mail

python3 e2e/smtp_sink.py --dir "$MAIL_DIR" --port "$SMTP_PORT" >"$TMP/smtp.log" 2>&1 &
PIDS+=($!)

export SIJILL__SERVER__BIND=127.0.0.1:$HTTP_PORT
export SIJILL__SERVER__PUBLIC_URL=http://127.0.0.1:$HTTP_PORT
export SIJILL__DATABASE__URL=sqlite://$TMP/sijill.db
export SIJILL__STORAGE__DATA_DIR=$TMP/data
export SIJILL__PKI__DIR=$TMP/pki
export SIJILL__SMTP__HOST=127.0.0.1
export SIJILL__SMTP__PORT=$SMTP_PORT
export SIJILL__OUTBOX__POLL_INTERVAL_MS=200
export RUST_LOG=${RUST_LOG:-info}
"$TARGET_DIR/debug/sijill" serve >"$TMP/server.log" 2>&1 &
PIDS+=($!)

BASE=http://127.0.0.1:$HTTP_PORT
for _ in $(seq 1 240); do
  if curl -fsS "$BASE/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${PIDS[1]}" 2>/dev/null; then echo "test-e2e: server exited" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "$BASE/healthz" >/dev/null || { echo "test-e2e: server not healthy" >&2; exit 1; }
echo "test-e2e: server at $BASE, mail in $MAIL_DIR"

mkdir -p e2e/test-results/screenshots
cd e2e
SIJILL_URL=$BASE MAIL_DIR=$MAIL_DIR SCREENSHOT_DIR=$ROOT/e2e/test-results/screenshots \
  node --test --test-concurrency=1 --test-timeout=600000 tests/
