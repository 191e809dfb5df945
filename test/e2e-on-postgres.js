/**
 * The end-to-end suites that also run with the app on PostgreSQL (LEADWELL_TEST_ENGINE=postgres: PGlite in
 * `npm test`, the real server in `.ci/postgres-tests.sh`). A suite joins once it reads the database only through
 * the harness's `t.query` (both engines), never `t.db` (the SQLite file). SQLite-only suites (backups, the file's
 * health probes, WAL forensics) stay out by nature.
 */
module.exports = [
  'test/content/coach-tip.e2e.test.ts',
  'test/content/old-format.test.ts',
  'test/dashboard/attacks.test.ts',
  'test/dashboard/dashboard-http.test.ts',
  'test/dashboard/modes.test.ts',
  'test/first-weeks/welcome.e2e.test.ts',
  'test/kudos/kudos-e2e-channel.test.ts',
  'test/kudos/kudos-e2e-give.test.ts',
  'test/kudos/kudos-e2e-rules.test.ts',
  'test/one-on-ones/oneonone-e2e.test.ts',
  'test/org/coach-level-other.e2e.test.ts',
  'test/org/line-request-abuse.e2e.test.ts',
  'test/org/line-request-races.e2e.test.ts',
  'test/org/org.e2e.test.ts',
  'test/org/report-takeover.e2e.test.ts',
  'test/robustness/buttons.test.ts',
  'test/robustness/commands.test.ts',
  'test/robustness/hostile-names-first-weeks.test.ts',
  'test/robustness/hostile-names.test.ts',
  'test/robustness/kudos-content.test.ts',
  'test/robustness/malformed.test.ts',
  'test/robustness/modals.test.ts',
  'test/robustness/outage.test.ts',
  'test/robustness/replay.test.ts',
  'test/robustness/retries.test.ts',
  'test/robustness/shortcuts-events.test.ts',
  'test/robustness/slow-lookups.test.ts',
  'test/robustness/socket-retries.test.ts',
  'test/robustness/strangers.test.ts',
  'test/slack/error-handler.test.ts',
  'test/slack/metrics-and-health.test.ts',
  'test/slack/receiver.test.ts',
  'test/slack/socket-mode.test.ts',
  'test/slack/verify-once.test.ts',
  'test/slack/wiring.test.ts',
];
