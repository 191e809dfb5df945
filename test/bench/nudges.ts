/**
 * Bench case: weekly nudges. (1) Planning — the "who is due" check over 10,000 managers (60,000 people)
 * in nine time zones, first when every slot is due (10,000 inserts) and then the steady-state re-check
 * (all already planned); target under 2 s, on SQLite and on the same people copied to PostgreSQL when a server
 * is named (postgres-side.ts), PostgreSQL within 2× of SQLite. (2) Dispatch throughput — the real dispatcher, digest builder
 * and Slack notifier against the local emulator at an unlimited rate (NUDGE_RATE_PER_MINUTE is what
 * throttles in production), every call checked against Slack's API description.
 */
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebClient } from '@slack/web-api';
import { startEmulator } from '../../tools/emulator';
import { openDatabase, type Db } from '../../src/storage/database';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import { createTipOfWeekStore } from '../../src/storage/tip-of-week-store';
import { createWorkspaceRepository } from '../../src/storage/workspace-repository';
import type { Executor } from '../../src/storage/engine';
import { createNudgeQueue } from '../../src/storage/nudge-repository';
import { createNudgeReadModel } from '../../src/storage/nudge-read-model';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import { loadContent } from '../../src/content/loader';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { createWorkspaceService } from '../../src/domain/workspace-service';
import { createNudgeDigests } from '../../src/domain/nudge-digest';
import { levelOf } from '../../src/domain/people';
import { createNudgePlanner } from '../../src/jobs/weekly-nudges';
import { createOutboxDispatcher } from '../../src/jobs/outbox-dispatcher';
import { createOutboxTransport } from '../../src/slack/outbox-transport';
import { createChannelTargets } from '../../src/slack/channel-target';
import { outboxRenderers } from '../../src/slack/outbox-renderers';
import { weeklyNudgeKind } from '../../src/domain/nudge-outbox';
import { projectRoot } from '../../src/project-root';
import { onPostgresCopy, openBenchStorage, ratios, ratiosOk, type Skipped } from './postgres-side';

const MANAGERS = 10_000;
const REPORTS_EACH = 5;
const DISPATCHED = Number(process.env.BENCH_NUDGES ?? 2000);
const TARGET_MS = 2000;
/** Monday 30 November 2026, 14:00 UTC: Monday 08:00 and 09:00 have passed in every zone below, within the 12-hour catch-up. */
const NOW = Date.UTC(2026, 10, 30, 14, 0);
const ZONES = ['America/New_York', 'America/Sao_Paulo', 'UTC', 'Europe/London', 'Europe/Paris', 'Europe/Helsinki', 'Africa/Nairobi', 'Asia/Dubai', 'Asia/Kolkata'];
const TOKEN = 'xoxb-bench-nudges';

export interface NudgesBench {
  name: string;
  managers: number;
  people: number;
  planning_first_ms: number;
  planning_recheck_ms: number;
  planned: number;
  target_ms: number;
  dispatched: number;
  dispatch_seconds: number;
  nudges_per_second: number;
  emulator_violations: number;
  ok: boolean;
  /** Planning on the same people copied to PostgreSQL (dispatch is Slack-bound and measured on SQLite only), or why not. */
  postgres: { planning_first_ms: number; planning_recheck_ms: number; planned: number; ok: boolean; copy_seconds: number } | Skipped;
  pg_sqlite_ratio?: Record<string, number>;
  pg_ratio_ok?: boolean;
}

const managerId = (i: number) => `UM${String(i).padStart(6, '0')}`;

function seed(db: Db): void {
  const insert = db.prepare(`INSERT INTO people (id, team_id, name, tz, manager_id, nudge_day, nudge_hour, status_emoji, created_at, updated_at)
    VALUES (?, 'T0LEADWELL', ?, ?, ?, 1, ?, ?, 0, 0)`);
  db.transaction(() => {
    for (let i = 0; i < MANAGERS; i += 1) {
      const tz = ZONES[i % ZONES.length]!;
      insert.run(managerId(i), `manager ${i}`, tz, null, 8 + (i % 2), i % 50 === 0 ? ':palm_tree:' : '');
      for (let r = 0; r < REPORTS_EACH; r += 1) insert.run(`UR${String(i).padStart(6, '0')}${r}`, `report ${i}.${r}`, tz, managerId(i), 9, '');
    }
  })();
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

/** The "who is due" check over `db`: first with every slot due, then the re-check five minutes later. */
async function planning(db: Executor) {
  const planner = createNudgePlanner({ reads: createNudgeReadModel(db), queue: createNudgeQueue(db), outbox: createOutboxStore(db) });
  const [first, firstMs] = await time(() => planner.plan(NOW));
  const [, recheckMs] = await time(() => planner.plan(NOW + 5 * 60_000));
  const figures = { planning_first_ms: Math.round(firstMs), planning_recheck_ms: Math.round(recheckMs), planned: first.queued };
  return { ...figures, ok: firstMs < TARGET_MS && recheckMs < TARGET_MS && first.queued === MANAGERS };
}

export async function benchNudges(): Promise<NudgesBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-nudges-'));
  const db = openDatabase(path.join(dir, 'leadwell.db'));
  const emulator = await startEmulator({ signingSecret: 'benchsigningsecret0123456789ab', botToken: TOKEN });
  try {
    seed(db);
    // The seeded people as they are before any planning, for the PostgreSQL side.
    const seeded = path.join(dir, 'seeded.db');
    db.prepare('VACUUM INTO ?').run(seeded);
    const clock = { now: () => NOW };
    const reads = createNudgeReadModel(sqliteKysely(db));
    const store = createOutboxStore(sqliteKysely(db));
    const plan = await planning(sqliteKysely(db));

    const people = createPeopleRepository(sqliteKysely(db));
    // Only the nudges the bench dispatches stay planned; their managers exist in the emulator's workspace.
    db.prepare("UPDATE outbox SET status = 'skipped', reason = 'bench' WHERE status = 'planned' AND id > (SELECT MIN(id) FROM outbox WHERE status = 'planned') + ?")
      .run(DISPATCHED - 1);
    const due = db.prepare("SELECT recipient FROM outbox WHERE status = 'planned'").all() as Array<{ recipient: string }>;
    for (const n of due) emulator.addUser({ id: n.recipient, name: n.recipient.toLowerCase(), tz: (await people.get(n.recipient))?.tz });
    const guidance = createGuidanceSource({ library: loadContent({ baseDir: path.join(projectRoot(), 'prompts') }), seen: createGuidanceSeenRepository(sqliteKysely(db)), clock });
    const digests = createNudgeDigests({ reads, guidance, tips: createTipOfWeekStore(sqliteKysely(db)), levelOf: async (id) => levelOf((await people.get(id)) ?? {}, await people.subtreeDepth(id)).level, clock });
    const client = new WebClient(TOKEN, { slackApiUrl: emulator.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const workspaces = createWorkspaceService({ workspaces: createWorkspaceRepository(sqliteKysely(db)), clock });
    const transport = createOutboxTransport({
      client,
      channels: createChannelTargets(client),
      renderers: outboxRenderers({ clock, minGroup: 5, minResponses: 5 }),
      postsPerMinute: Infinity, // as fast as Slack answers: the bench measures Leadwell, not the rate gate
    });
    const dispatcher = createOutboxDispatcher({ store, transport, kinds: { weekly: weeklyNudgeKind({ people, workspaces }, digests) }, clock, maxRunMs: Infinity });
    const t0 = performance.now();
    const stats = await dispatcher.drain();
    const seconds = (performance.now() - t0) / 1000;
    const violations = emulator.violations().length;
    const postgres = await onPostgresCopy(seeded, async ({ url, copySeconds }) => {
      const storage = await openBenchStorage(url);
      try {
        return { ...(await planning(storage.db)), copy_seconds: copySeconds };
      } finally {
        await storage.close();
      }
    });
    const r = ratios(plan, postgres, ['planning_first_ms', 'planning_recheck_ms']);
    return {
      name: 'nudges',
      managers: MANAGERS,
      people: MANAGERS * (1 + REPORTS_EACH),
      planning_first_ms: plan.planning_first_ms,
      planning_recheck_ms: plan.planning_recheck_ms,
      planned: plan.planned,
      target_ms: TARGET_MS,
      dispatched: stats.sent,
      dispatch_seconds: Math.round(seconds * 100) / 100,
      nudges_per_second: Math.round(stats.sent / seconds),
      emulator_violations: violations,
      ok: plan.ok && stats.sent === due.length && violations === 0,
      postgres,
      ...(r ? { pg_sqlite_ratio: r, pg_ratio_ok: ratiosOk(r) } : {}),
    };
  } finally {
    await emulator.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** For pg-profile.ts: the bench's people and the planning pass (the profiled run is the re-check). */
export function nudgesWorkload() {
  return {
    async seed(file: string) {
      const db = openDatabase(file);
      seed(db);
      db.close();
    },
    run: (db: Executor) => planning(db),
  };
}

if (require.main === module) {
  void benchNudges().then((r) => console.log(JSON.stringify(r, null, 2)));
}
