#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temp dir, start on a free
# loopback port, export SIJILL_TEST_DATABASE_URL (tests create one database each), stop
# and delete everything on exit. Uses Debian's PostgreSQL binaries; as root, the cluster
# runs as the `postgres` user.
#   scripts/with-postgres.sh cargo test -p sijill-backend --tests
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PGBIN/initdb" ] || { echo "with-postgres: PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }

DIR=$(mktemp -d /tmp/sijill-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$DIR"
  AS=(runuser -u postgres --)
fi

cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
# Tests run concurrently and each opens a pool; allow plenty of connections. Tests run
# without fsync (a throwaway cluster); the benchmark sets SIJILL_PG_FSYNC=on to measure
# with durable commits, as in production.
# SIJILL_PG_EXTRA adds server options (e.g. "-c log_min_duration_statement=50").
FSYNC=${SIJILL_PG_FSYNC:-off}
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -c max_connections=400 -c fsync=$FSYNC -c shared_buffers=64MB ${SIJILL_PG_EXTRA:-}" start >/dev/null \
  || { cat "$DIR/server.log" >&2; exit 1; }

export SIJILL_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL on 127.0.0.1:$PORT (fsync=$FSYNC)" >&2
set +e
"$@"
rc=$?
set -e
exit $rc
