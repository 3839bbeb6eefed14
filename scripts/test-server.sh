# Sourced by the test stages that need a running server (scripts/test-e2e.sh,
# scripts/test-api-fuzz.sh): `start_test_server NAME` starts a real SMTP server (aiosmtpd,
# saving mail under $TMP/mail) and `sijill serve` on free loopback ports with a temporary
# SQLite database, waits for /healthz and sets BASE, MAIL_DIR and TMP; everything is stopped
# and deleted on exit (the server log's tail is printed if the stage failed).
# The caller has built the `sijill` binary.

TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
PIDS=()

stop_test_server() {
  local code=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$code" -ne 0 ] && [ -f "${TMP:-/nonexistent}/server.log" ]; then
    echo "---- server log (last 80 lines) ----"; tail -n 80 "$TMP/server.log"
  fi
  [ -z "${TMP:-}" ] || rm -rf "$TMP"
  exit "$code"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_test_server() {
  local name=$1
  TMP=$(mktemp -d -t "sijill-$name-XXXXXX")
  trap stop_test_server EXIT INT TERM
  local http_port smtp_port
  http_port=$(free_port)
  smtp_port=$(free_port)
  MAIL_DIR=$TMP/mail

  python3 e2e/smtp_sink.py --dir "$MAIL_DIR" --port "$smtp_port" >"$TMP/smtp.log" 2>&1 &
  PIDS+=($!)

  SIJILL__SERVER__BIND=127.0.0.1:$http_port \
  SIJILL__SERVER__PUBLIC_URL=http://127.0.0.1:$http_port \
  SIJILL__DATABASE__URL=sqlite://$TMP/sijill.db \
  SIJILL__STORAGE__DATA_DIR=$TMP/data \
  SIJILL__PKI__DIR=$TMP/pki \
  SIJILL__SMTP__HOST=127.0.0.1 \
  SIJILL__SMTP__PORT=$smtp_port \
  SIJILL__OUTBOX__POLL_INTERVAL_MS=200 \
  RUST_LOG=${RUST_LOG:-info} \
    "$TARGET_DIR/debug/sijill" serve >"$TMP/server.log" 2>&1 &
  local server=$!
  PIDS+=($server)

  BASE=http://127.0.0.1:$http_port
  for _ in $(seq 1 240); do
    if curl -fsS "$BASE/healthz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then echo "$name: server exited" >&2; exit 1; fi
    sleep 0.5
  done
  curl -fsS "$BASE/healthz" >/dev/null || { echo "$name: server not healthy" >&2; exit 1; }
  echo "$name: server at $BASE, mail in $MAIL_DIR"
}
