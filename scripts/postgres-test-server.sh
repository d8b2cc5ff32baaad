#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the test suites on 127.0.0.1 and prints the
# DATABASE_URL to use. Usage: scripts/postgres-test-server.sh [dir] [port]
set -euo pipefail
DIR="${1:-/tmp/quire-pg}"
PORT="${2:-55432}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ]; then echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -s "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_pg "$BIN/initdb" -D "$DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
