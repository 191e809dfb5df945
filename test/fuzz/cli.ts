import { runFuzz } from './run';

/**
 * `npm run test:fuzz`: FUZZ_SEED (default: random, always printed so a failure can be replayed), FUZZ_RUNS
 * (HTTP inputs, default 2000), FUZZ_SOCKET_RUNS (default 200). Exits 1 on any crash, 5xx, unacknowledged request,
 * wrong answer or row written from invalid input.
 */
async function main(): Promise<void> {
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const runs = Number(process.env.FUZZ_RUNS ?? 2000);
  const socketRuns = Number(process.env.FUZZ_SOCKET_RUNS ?? 200);
  console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${runs} HTTP inputs, ${socketRuns} Socket Mode inputs`);
  const r = await runFuzz({ seed, runs, socketRuns, log: (l) => console.log(l) });
  console.log(`fuzz: ${r.inputs} inputs in ${(r.ms / 1000).toFixed(1)} s ${JSON.stringify(r.byStrategy)}`);
  console.log(`fuzz: crashes ${r.crashes}, 5xx ${r.serverErrors}, unacknowledged ${r.unacknowledged}, wrong answers ${r.wrongAnswers}, rows from invalid input ${r.rowsFromInvalid}, listener errors ${r.listenerErrors}`);
  for (const f of r.findings) console.log(`  - ${f}`);
  for (const l of r.listenerErrorSamples) console.log(`  listener error: ${l}`);
  const failed = r.crashes + r.serverErrors + r.unacknowledged + r.wrongAnswers + r.rowsFromInvalid > 0;
  console.log(failed ? `fuzz: FAILED (seed ${seed})` : 'fuzz: ok');
  process.exit(failed ? 1 : 0);
}

void main();
