// An unexpected console.error is a bug: fail the test that produced it.
const original = console.error;
beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    original(...args);
    throw new Error(`console.error was called: ${args.map(String).join(' ')}`);
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

// Suites that use PostgreSQL (the e2e-postgres project, the *.pg.test.ts contract suites) start PGlite once,
// before their first test, under a budget of its own (see warmPostgres).
const testPath = expect.getState().testPath ?? '';
if (process.env.LEADWELL_TEST_ENGINE === 'postgres' || testPath.endsWith('.pg.test.ts')) {
  // Loaded here, before any test runs: the helper registers its own afterAll when it loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { warmPostgres } = require('./postgres') as typeof import('./postgres');
  beforeAll(() => warmPostgres(), 120_000);
}
