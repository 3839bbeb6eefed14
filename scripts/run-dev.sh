#!/usr/bin/env bash
# `make run`: the development server, plus a local SMTP server on 127.0.0.1:1025 that
# keeps every e-mail the server sends (verification links, receipts) as .eml files under
# var/mail/, so sign-up works on a machine without a mail server.
set -euo pipefail
cd "$(dirname "$0")/.."

MAIL_DIR=var/mail/$(date +%Y%m%d-%H%M%S)
SINK=""
if python3 -c 'import aiosmtpd' 2>/dev/null && \
   ! python3 -c 'import socket; socket.create_connection(("127.0.0.1", 1025), 1)' 2>/dev/null; then
  python3 e2e/smtp_sink.py --dir "$MAIL_DIR" --port 1025 >/dev/null 2>&1 &
  SINK=$!
  trap 'kill $SINK 2>/dev/null || true' EXIT
  echo "run: e-mails sent by the server are saved in $MAIL_DIR/"
fi

cargo run --locked -p sijill-backend --bin sijill -- serve
