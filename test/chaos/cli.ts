/**
 * `npm run test:chaos`: the full crash-safety run (CHAOS_KILLS, default 100) with a fixed seed (CHAOS_SEED, printed,
 * so a failure reproduces). Exits 1 unless every message was sent exactly once or marked uncertain, none lost.
 */
import { chaosPassed, formatReport, runChaos } from './run';

async function main(): Promise<void> {
  const kills = Number(process.env.CHAOS_KILLS ?? 100);
  const seed = Number(process.env.CHAOS_SEED ?? 18);
  console.log(`chaos: ${kills} kills, seed ${seed} (reproduce with CHAOS_SEED=${seed} CHAOS_KILLS=${kills} npm run test:chaos)`);
  const report = await runChaos({ kills, seed, log: process.env.CHAOS_VERBOSE ? (line) => console.log(line) : undefined });
  console.log(formatReport(report));
  process.exit(chaosPassed(report) && report.kills === kills ? 0 : 1);
}

void main();
