import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createFixedClock, type FixedClock } from '../../src/clock';
import type { Db } from '../../src/storage/database';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createEventLog } from '../../src/storage/event-log';
import { createPulseRepository, createPulseSettings } from '../../src/storage/pulse-repository';
import { createPulseClaims } from '../../src/storage/pulse-claims';
import { createPulsePendingPool } from '../../src/storage/pulse-pending';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createPulseService, pulseKind, type PulseService } from '../../src/domain/pulse-service';
import { createWorkspaceService } from '../../src/domain/workspace-service';
import { createWorkspaceRepository } from '../../src/storage/workspace-repository';
import { outboxWorld, type FakeTransport } from '../helpers/outbox';
import { pulseJob } from '../../src/jobs/pulse';
import type { DispatchStats } from '../../src/jobs/outbox-dispatcher';
import { createReportService, type ReportService } from '../../src/domain/report-service';
import type { PulsePrompt } from '../../src/domain/pulse-ports';
import type { OutboxStore } from '../../src/domain/ports';
import { testSealer } from '../helpers/data-key';
import type { TextSealer } from '../../src/storage/sealed-text';

export const SECRET = 'pulse-test-secret-0123456789abcdef';
/** Thursday 1 October 2026, 12:00 UTC: a weekday, inside 10:00–16:00 in UTC and London. */
export const OCT_1_NOON = Date.UTC(2026, 9, 1, 12, 0, 0);

export interface PersonSeed {
  id: string;
  managerId?: string;
  tz?: string;
  paused?: boolean;
  statusText?: string;
  statusEmoji?: string;
  snoozedUntil?: number;
  deleted?: boolean;
}

export interface PulseEnv {
  db: Db;
  /** The database file (its WAL is `${file}-wal`). */
  file: string;
  clock: FixedClock;
  pulse: PulseService;
  reports: ReportService;
  /** The pulse DMs "Slack" accepted, in order. */
  readonly sent: Array<{ personId: string; prompt: PulsePrompt }>;
  /** The outbox's fake Slack edge: set `fail` to script failures. */
  transport: FakeTransport;
  /** The pulse job: plans, then the outbox sends. */
  run(): Promise<DispatchStats>;
  /** The outbox under the pulse: a second service on the same file plans into `outbox.store`; `drain` sends. */
  outbox: { store: OutboxStore; drain(): Promise<DispatchStats> };
  cleanup(): void;
}

export function seedPeople(db: Db, people: readonly PersonSeed[], at: number): void {
  const insert = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, deleted, nudges_paused, snoozed_until, status_text, status_emoji, created_at, updated_at)
    VALUES (?, 'T0LEADWELL', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const manager = db.prepare('UPDATE people SET manager_id = ? WHERE id = ?');
  for (const p of people) {
    insert.run(p.id, `name-${p.id}`, `Real ${p.id}`, p.tz ?? 'UTC', p.deleted ? 1 : 0, p.paused ? 1 : 0, p.snoozedUntil ?? null, p.statusText ?? '', p.statusEmoji ?? '', at, at);
  }
  for (const p of people) if (p.managerId) manager.run(p.managerId, p.id);
}

export function pulseEnv(options: { start?: number; admins?: string[]; minResponses?: number; random?: () => number; sealer?: TextSealer } = {}): PulseEnv {
  const { db, file, cleanup } = freshDb();
  const clock = createFixedClock(options.start ?? OCT_1_NOON);
  const sealer = options.sealer ?? testSealer();
  const repo = createPulseRepository(sqliteKysely(db), { secret: SECRET, sealer });
  const admins = new Set(options.admins ?? []);
  const minResponses = options.minResponses ?? 5;
  const people = createPeopleRepository(sqliteKysely(db));
  const workspaces = createWorkspaceService({ workspaces: createWorkspaceRepository(sqliteKysely(db)), clock });
  const outbox = outboxWorld(db, clock, { pulse: pulseKind({ gate: { people, workspaces } }) });
  const pulse = createPulseService({
    repo, claims: createPulseClaims(sqliteKysely(db)), settings: createPulseSettings(sqliteKysely(db)), people,
    outbox: outbox.store, events: createEventLog(sqliteKysely(db)), clock, minResponses,
    pool: createPulsePendingPool(sqliteKysely(db), { sealer, soleInstance: true }),
  });
  const run = async () => {
    await pulse.run(clock.now());
    await pulseJob.run({ pulse, outboxDispatcher: outbox.dispatcher }, clock.now());
    return outbox.dispatcher.drain();
  };
  const reports = createReportService({ reads: createReportReadModel(sqliteKysely(db)), pulse: pulse.settledReads(), clock, isAdmin: (id) => admins.has(id), minResponses, random: options.random, pulseEvery: () => pulse.everyMonths() });
  return {
    db,
    file,
    clock,
    pulse,
    reports,
    get sent() {
      return outbox.transport.sent.map((m) => ({ personId: m.recipient, prompt: m.model as PulsePrompt }));
    },
    transport: outbox.transport,
    run,
    outbox: { store: outbox.store, drain: () => outbox.dispatcher.drain() },
    cleanup,
  };
}
