#!/usr/bin/env bash
# `make run`: the development server, plus a local SMTP server on 127.0.0.1:1025 that
# keeps every e-mail the server sends (verification links, receipts) as .eml files under
# var/mail/, so sign-up works on a machine without a mail server.
# The server is built and started first; the hydration bundle (the islands' wasm, which no
# page needs to work) is built meanwhile in the background and served once it is there, so
# a cold start reaches the first page minutes sooner. Its log: var/log/frontend-build.log.
set -euo pipefail
cd "$(dirname "$0")/.."

MAIL_DIR=var/mail/$(date +%Y%m%d-%H%M%S)
SINK="" FRONTEND=""
stop() {
  [ -z "$SINK" ] || kill "$SINK" 2>/dev/null || true
  [ -z "$FRONTEND" ] || kill -- "-$FRONTEND" 2>/dev/null || true
}
trap stop EXIT
if python3 -c 'import aiosmtpd' 2>/dev/null && \
   ! python3 -c 'import socket; socket.create_connection(("127.0.0.1", 1025), 1)' 2>/dev/null; then
  python3 e2e/smtp_sink.py --dir "$MAIL_DIR" --port 1025 >/dev/null 2>&1 &
  SINK=$!
  echo "run: e-mails sent by the server are saved in $MAIL_DIR/"
fi

cargo build --locked -p sijill-backend --bin sijill

mkdir -p var/log
setsid nice -n 10 scripts/build-frontend.sh >var/log/frontend-build.log 2>&1 &
FRONTEND=$!
echo "run: building the hydration bundle in the background (var/log/frontend-build.log); pages work without it"

"${CARGO_TARGET_DIR:-target}/debug/sijill" serve
