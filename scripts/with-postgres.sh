#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: Debian's postgresql package, a cluster in a temp folder on a
# free loopback port, removed afterwards. The command gets its URL in TEST_DATABASE_URL (a superuser that may
# create databases). CI uses it for the PostgreSQL tests; locally: `bash scripts/with-postgres.sh npm run bench`.
# Installs the package when missing and running as root (CI); otherwise says how.
set -euo pipefail

if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is not installed: sudo apt-get install postgresql (or set TEST_DATABASE_URL to your own server)" >&2
    exit 2
  fi
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
"$bin/postgres" --version

# PostgreSQL refuses to run as root: as root the cluster runs as the package's postgres user (from /, which
# that user may enter).
as_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
dir="$(mktemp -d /tmp/leadwell-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
# Throwaway data: no fsync. Sockets in the temp folder, TCP on loopback only; enough connections for several
# app instances and parallel test workers.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL on 127.0.0.1:$port (data in $dir)"

status=0
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@" || status=$?
if [ "$status" != 0 ]; then echo "PostgreSQL server log (last 50 lines):"; tail -n 50 "$dir/server.log"; fi
exit "$status"
