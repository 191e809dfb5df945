/**
 * One Leadwell instance as a child process of the three-instance test (three-instances.pg.test.ts): the real
 * composition root on DATABASE_URL, serving Slack requests over HTTP on PORT, with its jobs driven by the
 * parent over IPC so the three instances can be made to run the same job at the same moment. A drain command
 * with `killAt` (`<step>:<n>`) SIGKILLs it at the n-th outbox step of that kind, like a pod lost mid-dispatch.
 */
import { sql } from 'kysely';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';

const env = process.env;
const base = Number(env.MI_BASE);
const epoch = Number(env.MI_EPOCH);
/** Virtual time at real speed from the run's base instant, the same in every instance: leases really run out. */
let offset = 0;
const clock = { now: () => base + (Date.now() - epoch) + offset };
let killStep: string | undefined;
let killAt = 0;

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  throw new Error('unreachable');
}

let seen = 0;
function onStep(step: string): void {
  if (step !== killStep) return;
  seen += 1;
  if (seen === killAt) die();
}

type Command = {
  id: number;
  job?: string;
  drain?: boolean;
  killAt?: string;
  seed?: Array<{ id: string; reports: string[] }>;
  /** Moves this instance's clock forward (the parent moves every live instance's alike). */
  advance?: number;
  /** A pulse answer through the pulse service, as the answer modal's submission does. */
  answer?: { personId: string; period: string; rating: number; comment: string };
};

async function main(): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger({ level: 'error' });
  const leadwell = await startLeadwell({ config, logger, clock, schedulerEnabled: false, outbox: { onStep }, startupDeadlineMs: 10_000 });
  const { deps } = leadwell.slack;
  const reply = (m: Record<string, unknown>) => process.send?.(m);

  async function waiting(): Promise<number> {
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM outbox WHERE status IN ('planned', 'claimed', 'sending')`.execute(leadwell.store);
    return rows[0]?.n ?? 0;
  }

  process.on('message', (raw) => {
    const c = raw as Command;
    void (async () => {
      if (c.seed) {
        for (const m of c.seed) {
          await deps.people.ensure(m.id);
          for (const r of m.reports) {
            await deps.people.ensure(r);
            await deps.people.repository.setManager(r, m.id, clock.now());
          }
        }
      }
      if (c.advance) offset += c.advance;
      if (c.job) await leadwell.scheduler.runNow(c.job);
      if (c.answer) {
        const outcome = await deps.pulse.answer(c.answer.personId, c.answer.period, c.answer.rating, c.answer.comment);
        reply({ id: c.id, ok: true, outcome });
        return;
      }
      if (c.killAt) {
        const [step, n] = c.killAt.split(':');
        killStep = step;
        killAt = Number(n);
      }
      if (c.drain) {
        for (let round = 0; round < 200; round += 1) {
          await leadwell.scheduler.runNow('outbox-dispatcher');
          if ((await waiting()) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 200)); // a dead instance's lease runs out
        }
      }
      reply({ id: c.id, ok: true });
    })().catch((err: unknown) => reply({ id: c.id, ok: false, error: String((err as Error).stack ?? err) }));
  });
  process.on('disconnect', () => {
    void leadwell.stop().then(() => process.exit(0));
  });
  reply({ ready: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(3);
});
