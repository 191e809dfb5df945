#!/usr/bin/env bash
# PostgreSQL on a real server (Debian's postgresql, a throwaway cluster: scripts/with-postgres.sh):
# - the PostgreSQL-tagged tests (*.pg.test.ts: migrations, the storage contract suite, db:copy, three instances),
# - the end-to-end suites with the app on PostgreSQL (LEADWELL_TEST_ENGINE=postgres).
# `npm test` already ran the same tests on PGlite (PostgreSQL compiled to WASM, in-process).
# Usage: bash .ci/postgres-tests.sh [project folder]   (as root in CI; as yourself on a workstation)
set -euo pipefail
cd "${1:-.}"
t0=$(date +%s)
bash scripts/with-postgres.sh bash -c 'npm run test:pg && npm run test:e2e:pg'
echo "PostgreSQL tests on the real server took $(( $(date +%s) - t0 ))s"
