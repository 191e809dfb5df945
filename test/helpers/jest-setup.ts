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
  beforeAll(async () => {
    const { warmPostgres } = await import('./postgres');
    await warmPostgres();
  }, 120_000);
}
