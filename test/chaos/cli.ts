/**
 * `npm run test:chaos`: the full crash-safety run (CHAOS_KILLS, default 100) with a fixed seed (CHAOS_SEED, printed,
 * so a failure reproduces). Exits 1 unless every message was sent exactly once or marked uncertain, none lost.
 *
 * CHAOS_SHARDS (default 1) splits the kills over that many runs side by side, each with its own emulator, database
 * file and app process, seeded CHAOS_SEED, CHAOS_SEED + 1, ...: most of a kill's time is the app starting again,
 * which a second core does in parallel. Every shard prints the line that reproduces it alone.
 */
import { chaosPassed, formatReport, runChaos } from './run';

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`${name} must be a whole number of at least ${min} (got ${raw})`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const kills = envInt('CHAOS_KILLS', 100, 1);
  const seed = envInt('CHAOS_SEED', 18, 0);
  const shards = Math.min(envInt('CHAOS_SHARDS', 1, 1), kills);
  const plan = Array.from({ length: shards }, (_, i) => ({
    seed: seed + i,
    kills: Math.floor(kills / shards) + (i < kills % shards ? 1 : 0),
  }));
  for (const p of plan) {
    console.log(`chaos: ${p.kills} kills, seed ${p.seed} (reproduce with CHAOS_SEED=${p.seed} CHAOS_KILLS=${p.kills} npm run test:chaos)`);
  }
  const reports = await Promise.all(
    plan.map((p) => runChaos({ kills: p.kills, seed: p.seed, log: process.env.CHAOS_VERBOSE ? (line) => console.log(`[seed ${p.seed}] ${line}`) : undefined })),
  );
  for (const report of reports) console.log(formatReport(report));
  const passed = reports.every((report, i) => chaosPassed(report) && report.kills === plan[i]?.kills);
  if (shards > 1) console.log(`chaos: ${reports.reduce((n, r) => n + r.kills, 0)} kills in ${shards} shards: ${passed ? 'passed' : 'FAILED'}`);
  process.exit(passed ? 0 : 1);
}

void main();
