#!/usr/bin/env bash
# A throwaway PostgreSQL for the catalog tests (catalog.kind=jdbc): its data in a temporary folder, on a port of its
# own, listening on 127.0.0.1 only, with a random password.
#   eval "$(build-tools/test-postgres.sh start)"   # starts it; prints the CURATE_TEST_CATALOG_* variables to export
#   build-tools/test-postgres.sh stop               # stops it and deletes its folder
# Needs Debian's postgresql package (initdb, pg_ctl). As root, the server runs as the postgres user (PostgreSQL
# refuses root). The tests that need it are skipped, saying so, when CURATE_TEST_CATALOG_URL is not set.
set -euo pipefail
umask 077   # the password files and the data folder are the owner's alone
dir="${CURATE_TEST_PG_DIR:-/tmp/curate-test-postgres}"
port="${CURATE_TEST_PG_PORT:-55433}"

bin_dir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$found" ] && command -v pg_ctl >/dev/null 2>&1; then found="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"; fi
  [ -n "$found" ] || { echo "test-postgres: no PostgreSQL found (install Debian's postgresql package)" >&2; exit 1; }
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin="$(bin_dir)"
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    admin="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$admin" > "$dir/admin-password"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/admin-password"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/admin-password" \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    PGPASSWORD="$admin" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE curate LOGIN CREATEDB PASSWORD '$password'" \
      -c "CREATE DATABASE metastore OWNER curate" >&2
    echo "export CURATE_TEST_CATALOG_URL=jdbc:postgresql://127.0.0.1:$port/metastore"
    echo "export CURATE_TEST_CATALOG_USER=curate"
    echo "export CURATE_TEST_CATALOG_PASSWORD=$password"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
