const onPostgres = require('./test/e2e-on-postgres');

const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/helpers/jest-setup.ts'],
  testTimeout: 20000,
};

/**
 * Two projects: every suite on the default engine (SQLite, and the *.pg.test.ts storage suites on PGlite), and the
 * end-to-end suites listed in test/e2e-on-postgres.js again with the app on PostgreSQL.
 */
/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // Jest reads testTimeout from the global config only (a project's copy is ignored, leaving 5 s for hooks and tests).
  testTimeout: 20000,
  projects: [
    { ...base, displayName: 'sqlite', testMatch: ['**/*.test.ts'] },
    {
      ...base,
      displayName: 'e2e-postgres',
      testMatch: onPostgres.map((f) => `<rootDir>/${f}`),
      setupFiles: ['<rootDir>/test/helpers/engine-postgres.js'],
    },
  ],
};
