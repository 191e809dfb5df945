import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import path from 'node:path';
import type { Db } from '../../src/storage/database';
import { createFixedClock, type FixedClock } from '../../src/clock';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createEventLog } from '../../src/storage/event-log';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import { createTipOfWeekStore } from '../../src/storage/tip-of-week-store';
import { createWorkspaceRepository } from '../../src/storage/workspace-repository';
import { createNudgeQueue } from '../../src/storage/nudge-repository';
import { createNudgeReadModel } from '../../src/storage/nudge-read-model';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import { loadContent } from '../../src/content/loader';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { createWorkspaceService } from '../../src/domain/workspace-service';
import { createNudgeDigests } from '../../src/domain/nudge-digest';
import { createNudgeService } from '../../src/domain/nudge-service';
import { levelOf, type PeopleRepository, type PersonSettings } from '../../src/domain/people';
import type { NudgeDigest } from '../../src/domain/notifier';
import { DeliveryError, type OutboxTransport, type SentMessage } from '../../src/domain/outbox/delivery';
import { weeklyNudgeKind } from '../../src/domain/nudge-outbox';
import type { NudgeDigests } from '../../src/domain/nudge-digest';
import { handlingOf } from '../../src/slack/slack-errors';
import { createNudgePlanner } from '../../src/jobs/weekly-nudges';
import { createOutboxDispatcher, type OutboxDispatcherOptions } from '../../src/jobs/outbox-dispatcher';
import { projectRoot } from '../../src/project-root';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** The real content library, loaded once per test file. */
let library: ReturnType<typeof loadContent> | undefined;
export function realLibrary() {
  library ??= loadContent({ baseDir: path.join(projectRoot(), 'prompts') });
  return library;
}

export interface SeedPerson {
  id: string;
  name?: string;
  tz?: string;
  managerId?: string;
  statusText?: string;
  statusEmoji?: string;
  settings?: PersonSettings;
  teamId?: string;
}

export async function seed(people: PeopleRepository, list: SeedPerson[], at = 0): Promise<void> {
  for (const p of list) {
    await people.upsertProfile(
      { id: p.id, teamId: p.teamId ?? 'T1', name: p.name ?? p.id.toLowerCase(), realName: '', tz: p.tz ?? 'UTC', isBot: false, deleted: false, statusText: p.statusText ?? '', statusEmoji: p.statusEmoji ?? '' },
      at,
    );
  }
  for (const p of list) {
    if (p.managerId) await people.setManager(p.id, p.managerId, at);
    if (p.settings) await people.updateSettings(p.id, p.settings, at);
  }
}

/** A manager and n reports in a zone: `M<tag>` manages `R<tag>1…`. */
export function team(tag: string, tz: string, n = 2, extra: Partial<SeedPerson> = {}): SeedPerson[] {
  return [{ id: `UM${tag}`, tz, ...extra }, ...Array.from({ length: n }, (_, i) => ({ id: `UR${tag}${i + 1}`, tz, managerId: `UM${tag}` }))];
}

/** A Slack error as the transport reports it: the code and what src/slack/slack-errors.ts says it means. */
export function slackError(code: string, retryAfterMs?: number): DeliveryError {
  return new DeliveryError(code, handlingOf(code), retryAfterMs, retryAfterMs === undefined ? undefined : 'chat.postMessage');
}

/** The outbox's Slack edge, faked: takes its rate slot and commits like the real transport, then records or fails. */
export interface FakeNotifier extends OutboxTransport {
  /** Messages Slack "received", in order. */
  sent: Array<{ personId: string; digest: NudgeDigest; at: number }>;
  /** Every call, failed or not, with the clock time. */
  calls: Array<{ personId: string; at: number }>;
  /** Scripted failures, consumed in order (undefined = succeed). */
  failures: Array<DeliveryError | Error | undefined>;
  /** The workspace's chat.postMessage rate (NUDGE_RATE_PER_MINUTE). */
  ratePerMinute: number;
  /** Called after Slack "accepted" a message, before it is recorded (a test stops or kills there). */
  afterSend?: () => void;
}

export function fakeNotifier(clock: { now(): number }, options: { delay?: () => Promise<void> } = {}): FakeNotifier {
  const n: FakeNotifier = {
    sent: [],
    calls: [],
    failures: [],
    ratePerMinute: 60,
    async send(row, model, hooks): Promise<SentMessage> {
      await hooks.slot({ name: 'chat.postMessage', perMinute: n.ratePerMinute });
      await hooks.committing();
      n.calls.push({ personId: row.recipient, at: clock.now() });
      await options.delay?.();
      const failure = n.failures.shift();
      if (failure) throw failure;
      n.sent.push({ personId: row.recipient, digest: model as NudgeDigest, at: clock.now() });
      n.afterSend?.();
      return { channel: `D${row.recipient}`, ts: `${Math.floor(clock.now() / 1000)}.${String(n.sent.length).padStart(6, '0')}` };
    },
  };
  return n;
}

export interface DispatcherOverrides extends Partial<OutboxDispatcherOptions> {
  /** chat.postMessage's workspace rate; 0 sends as fast as "Slack" answers. */
  ratePerMinute?: number;
  digests?: NudgeDigests;
  notifier?: FakeNotifier;
}

/** Everything the nudge feature runs on, over one database connection. */
export function nudgeWorld(db: Db, clock: FixedClock = createFixedClock(0)) {
  const people = createPeopleRepository(sqliteKysely(db));
  const events = createEventLog(sqliteKysely(db));
  const guidance = createGuidanceSource({ library: realLibrary(), seen: createGuidanceSeenRepository(sqliteKysely(db)), clock });
  const workspaceRepo = createWorkspaceRepository(sqliteKysely(db));
  const workspaces = createWorkspaceService({ workspaces: workspaceRepo, clock });
  const queue = createNudgeQueue(sqliteKysely(db));
  const reads = createNudgeReadModel(sqliteKysely(db));
  const store = createOutboxStore(sqliteKysely(db));
  const tips = createTipOfWeekStore(sqliteKysely(db));
  const digests = createNudgeDigests({ reads, guidance, tips, levelOf: async (id) => levelOf((await people.get(id)) ?? {}, await people.subtreeDepth(id)).level, clock });
  const service = createNudgeService({ people, queue, digests, events, clock });
  const planner = createNudgePlanner({ reads, queue, outbox: store });
  const notifier = fakeNotifier(clock);
  /** Sleeping advances the test clock: the dispatcher's waits happen in simulated time. */
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const dispatcher = (overrides: DispatcherOverrides = {}) => {
    const { ratePerMinute, digests: d, notifier: n, ...rest } = overrides;
    const transport = n ?? notifier;
    transport.ratePerMinute = ratePerMinute ?? 60;
    return createOutboxDispatcher({
      store,
      transport,
      kinds: { weekly: weeklyNudgeKind({ people, workspaces }, d ?? digests) },
      clock,
      sleep,
      maxRunMs: Infinity,
      maxWaitMs: 10 * MIN,
      ...rest,
    });
  };
  return { db, clock, people, events, guidance, workspaces, queue, reads, store, tips, digests, service, planner, notifier, dispatcher, sleeps };
}

export type NudgeWorld = Awaited<ReturnType<typeof nudgeWorld>>;

export function rows(db: Db): Array<{ id: number; person_id: string; period: string; status: string; reason: string | null; due_at: number; attempts: number; message_ts: string | null }> {
  return db.prepare("SELECT id, person_id, period, status, reason, due_at, attempts, message_ts FROM nudges WHERE kind = 'weekly' ORDER BY person_id, period").all() as never;
}

export function eventsOf(db: Db, kindPrefix: string): Array<{ kind: string; actor_id: string; ref_id: number | null; data: string }> {
  return db.prepare('SELECT kind, actor_id, ref_id, data FROM events WHERE kind LIKE ? ORDER BY id').all(`${kindPrefix}%`) as never;
}
