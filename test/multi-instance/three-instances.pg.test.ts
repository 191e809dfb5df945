import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { POSTGRES_MIGRATIONS_DIR } from '../../src/storage/migrate-postgres';
import { readMigrations } from '../../src/storage/migrate';
import { OUTBOX_METADATA_TYPE } from '../../src/slack/outbox-transport';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';
import { freePort } from '../helpers/free-port';
import { signedPost, slashCommandBody } from '../helpers/signing';
import { TEST_DATA_KEY } from '../helpers/data-key';

/**
 * Issue 17, "many instances, one database": three Leadwell processes on one PostgreSQL behind one Slack. They
 * start together (the schema is migrated once), take the same Slack retries and replays on different instances
 * (handled once), plan the week together (one nudge per manager), and one is SIGKILLed right after Slack
 * accepted its message (never resent; the others send everything else). Needs a real server: PGlite is one
 * connection in one process, so jest.config.js only collects this folder when TEST_DATABASE_URL is set
 * (.ci/postgres-tests.sh).
 */
const SECRET = 'multiinstancesecret0123456789abcd';
const TOKEN = 'xoxb-multi-1-2';
/** Monday 2 November 2026, 11:00 UTC: the weekly slot (09:00 local, UTC people) has passed. */
const BASE = Date.UTC(2026, 10, 2, 11, 0);

interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ask(command: Record<string, unknown>): Promise<unknown>;
}

let nextId = 1;
async function startInstance(name: string, o: { apiUrl: string; dbUrl: string; epoch: number }): Promise<Instance> {
  const port = await freePort();
  let stderr = '';
  const child = fork(path.join(__dirname, 'instance.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      LEADWELL_SECRET: 'multi-instance-pulse-secret-0123456789abcdef0123456789',
      PORT: String(port),
      SLACK_API_URL: o.apiUrl,
      DATABASE_URL: o.dbUrl,
      KUDOS_CHANNEL: '#kudos',
      NUDGE_RATE_PER_MINUTE: '6000',
      PULSE_MIN_RESPONSES: '3',
      LEADWELL_DATA_KEY: TEST_DATA_KEY,
      OUTBOX_LEASE_SECONDS: '1',
      MI_BASE: String(BASE),
      MI_EPOCH: String(o.epoch),
    },
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const pending = new Map<number, { resolve: (outcome: unknown) => void; reject: (e: Error) => void }>();
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (raw) => {
      const m = raw as { ready?: boolean; id?: number; ok?: boolean; error?: string; outcome?: unknown };
      if (m.ready) resolve();
      const waiter = m.id === undefined ? undefined : pending.get(m.id);
      if (waiter && m.ok) waiter.resolve(m.outcome);
      else if (waiter) waiter.reject(new Error(`${name}: ${m.error}`));
    });
    void exited.then(({ code, signal }) => {
      const err = new Error(`${name} exited (${signal ?? code}): ${stderr.slice(-3000)}`);
      reject(err);
      for (const w of pending.values()) w.reject(err);
    });
  });
  await ready;
  return {
    name,
    child,
    url: `http://127.0.0.1:${port}/slack/events`,
    exited,
    ask: (command) =>
      new Promise<unknown>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ ...command, id });
      }),
  };
}

/** Slack messages per outbox row, from the metadata every outbox post carries. */
function deliveredPerRow(emulator: Emulator): Map<number, number> {
  const counts = new Map<number, number>();
  for (const list of emulator.state.messages.values()) {
    for (const m of list) {
      const meta = m.metadata as { event_type?: string; event_payload?: { outbox_id?: number } } | undefined;
      const id = meta?.event_type === OUTBOX_METADATA_TYPE ? meta.event_payload?.outbox_id : undefined;
      if (typeof id === 'number') counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

describe('three instances on one PostgreSQL', () => {
  let emulator: Emulator;
  let pg: TestPostgres;
  const instances: Instance[] = [];

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error('three instances need a real PostgreSQL: set TEST_DATABASE_URL (bash scripts/with-postgres.sh npm run test:pg)');
    emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN });
    pg = await freshPostgres({ migrate: false });
  });
  afterAll(async () => {
    for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.exited));
    await pg?.close();
    await emulator?.close();
  });

  it('migrates once, handles every retry once, plans and sends each message once through a SIGKILL', async () => {
    const managers = Array.from({ length: 6 }, (_, m) => ({
      id: emulator.addUser({ name: `manager${m}`, tz: 'UTC' }).id,
      reports: Array.from({ length: 3 }, (_, r) => emulator.addUser({ name: `report${m}x${r}`, tz: 'UTC' }).id),
    }));
    const kudosChannel = emulator.addChannel({ name: 'kudos', botMember: false }).id;
    const epoch = Date.now();
    const at = { apiUrl: emulator.url, dbUrl: pg.url!, epoch };
    // Three pods starting at once: each runs the migrations under the advisory lock.
    instances.push(...(await Promise.all([startInstance('A', at), startInstance('B', at), startInstance('C', at)])));
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const versions = await sql<{ version: number }>`SELECT version FROM schema_migrations ORDER BY version`.execute(pg.db);
    expect(versions.rows.map((r) => r.version)).toEqual(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version));

    await a.ask({ seed: managers });

    // A Slack event and its retries land on three different instances: handled once (one App Home publish).
    const viewer = managers[0]!.id;
    const publishes = () => emulator.calls.filter((call) => call.method === 'views.publish' && (call.args as { user_id?: string }).user_id === viewer).length;
    const ev = { user: viewer, tab: 'home', channel: 'D0HOME' };
    const first = await emulator.driver({ kind: 'http', url: a.url }).event('app_home_opened', ev);
    await emulator.waitFor(() => (publishes() === 1 ? true : undefined), { timeoutMs: 5000 });
    await emulator.driver({ kind: 'http', url: b.url }).event('app_home_opened', ev, { eventId: first.eventId, retryNum: 1 });
    await emulator.driver({ kind: 'http', url: c.url }).event('app_home_opened', ev, { eventId: first.eventId, retryNum: 2 });

    // One signed /kudos request replayed, byte for byte, to all three at once: one kudos.
    const giver = managers[1]!.reports[0]!;
    const [r1, r2] = managers[2]!.reports as [string, string];
    const body = slashCommandBody({ user_id: giver, command: '/kudos', text: `<@${r1}> <@${r2}> kept the release calm #${'Ownership'}`, trigger_id: '7.7.multi' });
    const ts = Math.floor(Date.now() / 1000);
    const answers = await Promise.all(instances.map((i) => signedPost(i.url, body, { secret: SECRET, timestamp: ts })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);

    // The week is planned by all three at once; then C sends alone and dies right after Slack accepted a post.
    await Promise.all(instances.map((i) => i.ask({ job: 'weekly-nudges' })));
    await expect(c.ask({ drain: true, killAt: 'posted:1' })).rejects.toThrow(/C exited \(SIGKILL\)/);
    await Promise.all([a.ask({ drain: true }), b.ask({ drain: true })]);
    expect(publishes()).toBe(1);

    const rows = (await sql<{ id: number; kind: string; status: string; recipient: string }>`SELECT id, kind, status, recipient FROM outbox ORDER BY id`.execute(pg.db)).rows;
    const delivered = deliveredPerRow(emulator);
    const weekly = rows.filter((r) => r.kind === 'weekly');
    expect(weekly.map((r) => r.recipient).sort()).toEqual(managers.map((m) => m.id).sort());
    for (const r of rows) {
      expect({ id: r.id, kind: r.kind, delivered: delivered.get(r.id) ?? 0 }).toEqual({ id: r.id, kind: r.kind, delivered: r.status === 'skipped' ? 0 : 1 });
      expect(['sent', 'uncertain', 'skipped']).toContain(r.status);
    }
    expect(rows.filter((r) => r.status === 'uncertain')).toHaveLength(1); // C's last post: sent, never resent
    const nudges = (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM nudges WHERE kind = 'weekly'`.execute(pg.db)).rows[0]?.n;
    expect(nudges).toBe(managers.length);
    const kudos = (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM kudos`.execute(pg.db)).rows[0]?.n;
    expect(kudos).toBe(1);
    expect(emulator.messages(kudosChannel)).toHaveLength(1);
    expect(emulator.violations()).toEqual([]);
  }, 180_000);

  it('shares one pulse pool: answers taken by two instances make one batch, released once, and the close writes the rest', async () => {
    const [a, b] = instances as [Instance, Instance, Instance];
    // C was SIGKILLed above; five minutes on, it no longer counts as running (and if it held the pool key, that key is renewed).
    for (const i of [a, b]) await i.ask({ advance: 6 * 60_000 });
    const manager = emulator.addUser({ name: 'pulsemanager', tz: 'UTC' }).id;
    const team = Array.from({ length: 7 }, (_, r) => emulator.addUser({ name: `pulsereport${r}`, tz: 'UTC' }).id);
    await a.ask({ seed: [{ id: manager, reports: team }] });
    await a.ask({ job: 'pulse' });
    await a.ask({ drain: true });
    // Every minute each instance beats; the key holder hands the key to the other.
    for (const i of [a, b, a, b]) await i.ask({ job: 'pulse-pool' });
    const count = async (table: 'pulse_responses' | 'pulse_pending') => (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM ${sql.table(table)}`.execute(pg.db)).rows[0]?.n;
    const answer = (i: Instance, personId: string, rating: number, comment = '') => i.ask({ answer: { personId, period: '2026-11', rating, comment } });

    // The same person's double submit landing on both instances at once: one answer. (Same payload on both, as a
    // double click sends: which instance wins is a race, so the comment count below must not depend on it.)
    expect((await Promise.all([answer(a, team[0]!, 4, 'clear priorities'), answer(b, team[0]!, 4, 'clear priorities')])).sort()).toEqual(['duplicate', 'recorded']);
    for (let r = 1; r < 5; r += 1) expect(await answer(r % 2 ? b : a, team[r]!, 1 + (r % 5))).toBe('recorded');
    expect([await count('pulse_responses'), await count('pulse_pending')]).toEqual([0, 5]); // 2k − 1 wait, split across instances
    expect(await answer(b, team[5]!, 5, 'asks good questions')).toBe('recorded');
    for (const i of [a, b]) await i.ask({ job: 'pulse' }); // whichever holds the key has released a batch of k
    expect([await count('pulse_responses'), await count('pulse_pending')]).toEqual([3, 3]);
    expect(await answer(a, team[6]!, 2)).toBe('recorded');

    // After the close, one run writes all that wait (k or more), once.
    for (const i of [a, b]) await i.ask({ advance: Date.UTC(2026, 11, 3) - BASE });
    await Promise.all([a, b].map((i) => i.ask({ job: 'pulse' })));
    expect([await count('pulse_responses'), await count('pulse_pending')]).toEqual([7, 0]);
    const ratings = (await sql<{ rating: number; n: number }>`SELECT rating, COUNT(*)::int AS n FROM pulse_responses GROUP BY rating ORDER BY rating`.execute(pg.db)).rows;
    expect(ratings).toEqual([{ rating: 2, n: 2 }, { rating: 3, n: 1 }, { rating: 4, n: 2 }, { rating: 5, n: 2 }]);
    const commented = (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM pulse_responses WHERE comment <> ''`.execute(pg.db)).rows[0]?.n;
    expect(commented).toBe(2); // both comments came through, sealed under the data key
    const unreleased = (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM pulse_receipts WHERE released = 0`.execute(pg.db)).rows[0]?.n;
    expect(unreleased).toBe(0);
    expect(emulator.violations()).toEqual([]);
  }, 120_000);
});
