/**
 * The real Leadwell as a child process for the chaos run (run.ts): the composition root with the real outbox,
 * transport and SQLite file, against the parent's emulator. It plans its share of work (kudos through the real
 * service, then the weekly nudge, pulse and goal reminder jobs), sends until nothing is waiting and exits 0,
 * unless CHAOS_KILL tells it to SIGKILL itself at a step of the send cycle.
 */
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';
import type { OutboxRow } from '../../src/domain/ports';

type Step = 'claimed' | 'committing' | 'posted' | 'settled';

const env = process.env;
const base = Number(env.CHAOS_BASE);
const epoch = Number(env.CHAOS_EPOCH);
/** Virtual time flows at real speed from the run's base instant, across every restart: leases really run out. */
const clock = { now: () => base + (Date.now() - epoch) };
const [killStep, killAt, killDelay] = (env.CHAOS_KILL ?? '').split(':');

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL cannot be caught; block until it lands so not one more statement runs.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  throw new Error('unreachable');
}

let seen = 0;
function onStep(step: Step, _row: OutboxRow): void {
  if (!killStep || (killStep !== step && !(killStep === 'in-flight' && step === 'committing'))) return;
  seen += 1;
  if (seen !== Number(killAt)) return;
  // In flight: the request has left (the emulator holds it), the process dies before the answer.
  if (killStep === 'in-flight') setTimeout(die, Number(killDelay ?? 20));
  else die();
}

interface Work {
  managers: Array<{ id: string; reports: string[] }>;
  goalOwners: string[];
  kudos: Array<{ key: string; giver: string; to: string[]; text: string }>;
}

async function main(): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger({ level: 'error' });
  const work = JSON.parse(env.CHAOS_WORK ?? '{}') as Work;
  const leadwell = await startLeadwell({ config, logger, clock, schedulerEnabled: false, outbox: { onStep }, startupDeadlineMs: 5000 });
  const { deps } = leadwell.slack;
  if (env.CHAOS_PHASE === 'seed') {
    for (const m of work.managers) {
      await deps.people.ensure(m.id);
      for (const r of m.reports) {
        await deps.people.ensure(r);
        await deps.people.repository.setManager(r, m.id, clock.now());
      }
    }
    for (const owner of work.goalOwners) {
      await deps.goals.create({ actorId: owner, raw: { title: `Goal of ${owner}`, why: 'Chaos run', measure: 'Done', dueOn: '2027-06-30', kind: 'personal', visibility: 'private' }, requestKey: `chaos-goal-${owner}` });
    }
    await leadwell.stop();
    process.exit(0);
  }
  for (const k of work.kudos) {
    await deps.kudos.give({ giverId: k.giver, recipientIds: k.to, value: config.companyValues[0]!, message: k.text, messageIsEscaped: false, postInChannel: true, requestKey: k.key, confirmByDm: true });
  }
  for (const job of ['weekly-nudges', 'pulse', 'goal-reminders']) await leadwell.scheduler.runNow(job);
  const active = leadwell.db!.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('planned', 'claimed', 'sending')");
  for (let round = 0; round < 400; round += 1) {
    await leadwell.scheduler.runNow('outbox-dispatcher');
    if ((active.get() as { n: number }).n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250)); // a dead process's lease runs out, a backoff ends
  }
  await leadwell.stop();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(3);
});
