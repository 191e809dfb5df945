import { runFuzz } from './run';

/**
 * Issue 15, item 7: the short fuzz run inside `npm test` (CI runs 10,000 inputs with `npm run test:fuzz`).
 * Seed from FUZZ_SEED, else a fixed one so `npm test` is repeatable; it is printed either way.
 */
it('500 signed, mutated and junk requests over HTTP and 60 over Socket Mode: no crash, no 5xx, all acked, no row from invalid input', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261130);
  const r = await runFuzz({ seed, runs: 500, socketRuns: 60 });
  console.log(`fuzz seed ${seed}: ${r.inputs} inputs in ${r.ms} ms, ${JSON.stringify(r.byStrategy)}, listener errors ${r.listenerErrors}`);
  expect(r.findings).toEqual([]);
  expect({ crashes: r.crashes, serverErrors: r.serverErrors, unacknowledged: r.unacknowledged, wrongAnswers: r.wrongAnswers, rowsFromInvalid: r.rowsFromInvalid }).toEqual({
    crashes: 0,
    serverErrors: 0,
    unacknowledged: 0,
    wrongAnswers: 0,
    rowsFromInvalid: 0,
  });
  // Every strategy was exercised, so a zero above is not a zero from skipping.
  for (const s of ['valid', 'hostile', 'broken', 'unknown', 'junk', 'auth', 'socket valid', 'socket broken']) expect(r.byStrategy[s]).toBeGreaterThan(5);
}, 120_000);
