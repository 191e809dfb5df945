/**
 * Bench case: `app_home_opened` → `views.publish`, the listener's own time, with 10,000 people and
 * 1,000,000 logged events (1:1s, action items, kudos, kudos recipients, audit events) in SQLite, then the same
 * rows copied to PostgreSQL when a server is named (postgres-side.ts). The services are the real ones, wired as in
 * main.ts, over a real database; only the Web API client is a stub that records the published view (so Slack's
 * latency is not measured). Target: p99 < 50 ms on each engine, PostgreSQL within 2× of SQLite.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/storage/database';
import type { Executor } from '../../src/storage/engine';
import { createUnitOfWork } from '../../src/storage/unit-of-work';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createEventLog } from '../../src/storage/event-log';
import { createWorkspaceRepository } from '../../src/storage/workspace-repository';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import { createHomeReadModel } from '../../src/storage/home-read-model';
import { createTipOfWeekStore } from '../../src/storage/tip-of-week-store';
import { createOrgReadModel } from '../../src/storage/org-read-model';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createPeopleService } from '../../src/domain/people-service';
import { createLevelService } from '../../src/domain/levels';
import { createHomeService } from '../../src/domain/home-service';
import { createWorkspaceService } from '../../src/domain/workspace-service';
import { loadContent } from '../../src/content/loader';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { appHomeOpened } from '../../src/slack/listeners/events/app-home-opened';
import { createGoalRepository, createGoalReminderPrefs } from '../../src/storage/goal-repository';
import { createDevelopmentPlanRepository } from '../../src/storage/development-plan-repository';
import { createGoalService } from '../../src/domain/goal-service';
import { createDevelopmentPlanService } from '../../src/domain/development-plan-service';
import { createGoalSurfaces } from '../../src/domain/goal-surfaces';
import type { ListenerDeps } from '../../src/slack/listeners/deps';
import { createOutboxService } from '../../src/domain/outbox/outbox-service';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import { projectRoot } from '../../src/project-root';
import { NOW, seedHome } from './app-home-seed';
import { onPostgresCopy, openBenchStorage, ratios, ratiosOk, type Skipped } from './postgres-side';

/** One engine's figures. */
export interface HomeFigures {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  by_role_p99_ms: Record<string, number>;
  ok: boolean;
  /** A hash over every viewer's first published view (by user id): equal digests, equal Homes. */
  views_digest: string;
}

export interface AppHomeBench extends HomeFigures {
  name: string;
  people: number;
  events: number;
  opens: number;
  target_p99_ms: number;
  /** The same opens on the same rows on PostgreSQL, or why not. */
  postgres: (HomeFigures & { copy_seconds: number }) | Skipped;
  /** PostgreSQL over SQLite (target ≤ 2). */
  pg_sqlite_ratio?: Record<string, number>;
  pg_ratio_ok?: boolean;
}

const TARGET_P99_MS = 50;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 100) / 100;

/** The Home tab's listener over `db`, wired as main.ts wires it (goals and plans included, so the whole Home is measured). */
function homeHandler(db: Executor, admins: string[]) {
  const clock = { now: () => NOW };
  const peopleRepo = createPeopleRepository(db);
  const eventLog = createEventLog(db);
  const directory = { getUser: async () => undefined, lookupByEmail: async () => undefined, listUsers: async () => [] };
  const peopleService = createPeopleService({ people: peopleRepo, directory, clock });
  const levels = createLevelService({ people: peopleRepo, clock, events: eventLog, adminUserIds: admins });
  const library = loadContent({ baseDir: path.join(projectRoot(), 'prompts') });
  const guidance = createGuidanceSource({ library, seen: createGuidanceSeenRepository(db), clock });
  const goalRepo = createGoalRepository(db);
  const prefs = createGoalReminderPrefs(db);
  const goals = createGoalService({ goals: goalRepo, prefs, uow: createUnitOfWork(db, (trx) => ({ goals: createGoalRepository(trx), prefs: createGoalReminderPrefs(trx), events: createEventLog(trx) })), people: peopleService, events: eventLog, clock });
  const plans = createDevelopmentPlanService({ plans: createDevelopmentPlanRepository(db), uow: createUnitOfWork(db, (trx) => ({ plans: createDevelopmentPlanRepository(trx), events: createEventLog(trx) })), people: peopleService, clock });
  const goalsHome = createGoalSurfaces({ goals, plans, people: peopleService, guidance, clock });
  const home = createHomeService({
    people: peopleService, levels, reads: createHomeReadModel(db), org: createOrgReadModel(db), tips: createTipOfWeekStore(db), guidance, clock, goalsHome,
  });
  const outbox = createOutboxService({ store: createOutboxStore(db), clock, events: eventLog, isAdmin: (id) => levels.isAdmin(id), deliverNow: async () => [] });
  const deps = { home, outbox, workspaces: createWorkspaceService({ workspaces: createWorkspaceRepository(db), clock }) } as unknown as ListenerDeps;
  return appHomeOpened(deps);
}

/** 200 warm-up opens, then `opens` timed ones spread over the roles; every view must be published within Slack's limits. */
async function measureHome(db: Executor, roles: Record<string, string[]>, opens: number): Promise<HomeFigures> {
  let published = 0;
  const viewOf = new Map<string, string>();
  const client = {
    views: {
      publish: async (args: { user_id: string; view: { blocks: unknown[] } }) => {
        // Serialise as the Web API client would; count what would go over the wire.
        if (JSON.stringify(args).length > 0 && args.view.blocks.length <= 100) published += 1;
        if (!viewOf.has(args.user_id)) viewOf.set(args.user_id, createHash('sha256').update(JSON.stringify(args.view)).digest('hex'));
        return { ok: true };
      },
    },
  };
  const handler = homeHandler(db, roles.admin ?? []);
  const roleNames = Object.keys(roles);
  const open = async (user: string) => {
    const started = performance.now();
    await handler({ event: { type: 'app_home_opened', user, tab: 'home', channel: 'D1', event_ts: '1' }, client, context: { teamId: 'TBENCH' } } as never);
    return performance.now() - started;
  };
  for (let i = 0; i < 200; i += 1) await open((roles.frontline as string[])[i % 1000] as string);
  const all: number[] = [];
  const byRole: Record<string, number[]> = {};
  for (let i = 0; i < opens; i += 1) {
    const role = roleNames[i % roleNames.length] as string;
    const ids = roles[role] as string[];
    const ms = await open(ids[(i * 7919) % ids.length] as string);
    all.push(ms);
    (byRole[role] ??= []).push(ms);
  }
  if (published !== opens + 200) throw new Error(`expected ${opens + 200} views.publish calls within limits, got ${published}`);
  all.sort((a, b) => a - b);
  const by_role_p99_ms = Object.fromEntries(Object.entries(byRole).map(([k, v]) => [k, round(pct(v.sort((a, b) => a - b), 99))]));
  const p99 = pct(all, 99);
  const views_digest = createHash('sha256').update(JSON.stringify([...viewOf].sort(([a], [b]) => (a < b ? -1 : 1)))).digest('hex').slice(0, 16);
  return { p50_ms: round(pct(all, 50)), p99_ms: round(p99), max_ms: round(all[all.length - 1] ?? 0), by_role_p99_ms, ok: p99 < TARGET_P99_MS, views_digest };
}

/** `postgres: false` keeps to SQLite (the scale curve); otherwise the PostgreSQL side runs when a server is named. */
export async function benchAppHome(o: { people?: number; events?: number; opens?: number; postgres?: boolean; historyOnTopOf?: number } = {}): Promise<AppHomeBench> {
  const people = o.people ?? 10_000;
  const events = o.events ?? 1_000_000;
  const opens = o.opens ?? 3000;
  if (people < 2000) throw new Error('the seeded org needs at least 2,000 people (1,111 managers and a team of 150)');
  const dir = process.env.BENCH_KEEP_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-home-'));
  const file = path.join(dir, 'bench.db');
  try {
    const db = openDatabase(file);
    let roles: Record<string, string[]>;
    let sqlite: HomeFigures;
    try {
      roles = seedHome(db, people, events, { historyOnTopOf: o.historyOnTopOf }).roles;
      db.exec('ANALYZE');
      sqlite = await measureHome(sqliteKysely(db), roles, opens);
    } finally {
      db.close();
    }
    const postgres = o.postgres === false ? { skipped: 'not asked for' } : await onPostgresCopy(file, async ({ url, copySeconds }) => {
      const storage = await openBenchStorage(url);
      try {
        return { ...(await measureHome(storage.db, roles, opens)), copy_seconds: copySeconds };
      } finally {
        await storage.close();
      }
    });
    const r = ratios(sqlite, postgres, ['p50_ms', 'p99_ms']);
    return {
      name: 'app_home_opened → views.publish', people, events, opens, ...sqlite, target_p99_ms: TARGET_P99_MS, postgres,
      ...(r ? { pg_sqlite_ratio: r, pg_ratio_ok: ratiosOk(r) } : {}),
    };
  } finally {
    if (!process.env.BENCH_KEEP_DIR) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** For pg-profile.ts and sqlite-profile.ts: the bench's seed (HOME_EVENTS activity rows, default 1M), and 600 opens over the roles. */
export function homeWorkload() {
  let roles: Record<string, string[]> = {};
  return {
    async seed(file: string) {
      const db = openDatabase(file);
      roles = seedHome(db, 10_000, Number(process.env.HOME_EVENTS ?? 1_000_000)).roles;
      db.exec('ANALYZE');
      db.close();
    },
    run: (db: Executor) => measureHome(db, roles, 600),
  };
}

if (require.main === module) {
  void benchAppHome().then((r) => console.log(JSON.stringify(r, null, 2)));
}
