#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (and for trying `mgi run --db` by hand).
#   pg-test-server.sh start DIR PORT   initdb DIR (trust auth, loopback only), start on PORT
#   pg-test-server.sh stop DIR         stop it (fast shutdown); the caller removes DIR
#   pg-test-server.sh bindir           print the PostgreSQL bin folder (exit 1 if not installed)
# The server listens on 127.0.0.1 only, keeps its socket in DIR, and runs with fsync off:
# it holds nothing but test data. As root it runs as the `postgres` OS user, since
# PostgreSQL refuses to run as root. URL: postgresql+psycopg://postgres@127.0.0.1:PORT/postgres
set -euo pipefail

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] || { command -v initdb >/dev/null && dirname "$(command -v initdb)" && return 0; return 1; }
  echo "$d"
}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

cmd=${1:-}
case "$cmd" in
  bindir) bindir ;;
  start)
    dir=$2; port=$3; bin=$(bindir) || { echo "PostgreSQL is not installed (run scripts/setup-system.sh)" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir" && chmod 700 "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    dir=$2; bin=$(bindir)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) sed -n '2,8p' "$0" >&2; exit 2 ;;
esac
