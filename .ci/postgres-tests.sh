#!/usr/bin/env bash
# The PostgreSQL-tagged tests (*.pg.test.ts: migrations, schema contract, db:copy) against a real server:
# Debian's postgresql package, a throwaway cluster in a temp folder on a free loopback port, removed after.
# `npm test` already ran the same tests on PGlite (PostgreSQL compiled to WASM, in-process).
# Usage: bash .ci/postgres-tests.sh [project folder]   (as root in CI; as yourself on a workstation)
set -euo pipefail
cd "${1:-.}"

if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
"$bin/postgres" --version

# PostgreSQL refuses to run as root: CI (root) runs the cluster as the package's postgres user.
# (From /: the postgres user may not enter the project folder.)
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
# Throwaway data: no fsync. Sockets in the temp folder, TCP on loopback only.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL on 127.0.0.1:$port (data in $dir)"

t0=$(date +%s)
if ! TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" npm run test:pg; then
  echo "PostgreSQL server log:"; tail -n 50 "$dir/server.log"
  exit 1
fi
echo "PostgreSQL tests on the real server took $(( $(date +%s) - t0 ))s"
