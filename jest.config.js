const onPostgres = require('./test/e2e-on-postgres');

const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/helpers/jest-setup.ts'],
};

/**
 * Two projects: every suite on the default engine (SQLite, and the *.pg.test.ts storage suites on PGlite), and the
 * end-to-end suites listed in test/e2e-on-postgres.js again with the app on PostgreSQL.
 */
/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // Global, not per project: a project's own testTimeout is ignored.
  testTimeout: 20000,
  projects: [
    {
      ...base,
      displayName: 'sqlite',
      testMatch: ['**/*.test.ts'],
      // Several app processes on one database need a real PostgreSQL server (PGlite is one connection in one
      // process): the multi-instance suite runs where TEST_DATABASE_URL names one (.ci/postgres-tests.sh).
      testPathIgnorePatterns: require('node:process').env.TEST_DATABASE_URL ? ['/node_modules/'] : ['/node_modules/', '/test/multi-instance/'],
    },
    {
      ...base,
      displayName: 'e2e-postgres',
      testMatch: onPostgres.map((f) => `<rootDir>/${f}`),
      setupFiles: ['<rootDir>/test/helpers/engine-postgres.js'],
    },
  ],
};
