import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import type { Db } from '../../src/storage/database';
import type { GuidanceItem, GuidanceQuery, GuidanceSource, RenderedGuidance, TemplateVars } from '../../src/domain/ports';
import type { SlackDirectory, SlackProfile } from '../../src/domain/people';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createPeopleService } from '../../src/domain/people-service';
import { createOneOnOneRepository } from '../../src/storage/one-on-one-repository';
import { testSealer } from '../helpers/data-key';
import { createPartnerSearch } from '../../src/storage/one-on-one-people-search';
import { createEventLog } from '../../src/storage/event-log';
import { createClaims } from '../../src/storage/claims';
import { createOneOnOneService } from '../../src/domain/one-on-ones-service';
import { createFixedClock, type FixedClock } from '../../src/clock';
import { unitOfWork } from '../helpers/unit-of-work';

/** A tiny GuidanceSource: filters like the real one and rotates per person and pool without repeats. */
export function fakeGuidance(items: Array<Partial<GuidanceItem> & { id: string }>): GuidanceSource & { calls: GuidanceQuery[] } {
  const full: GuidanceItem[] = items.map((i) => ({
    level: 'all', topic: 'one-on-one', title: i.id, ask: [], reflect: [], when: ['everyday'], sources: [], enabled: true, body: `Body of ${i.id} for {{name}}`, file: `${i.id}.md`, ...i,
  }));
  const seen = new Map<string, string[]>();
  const calls: GuidanceQuery[] = [];
  const render = (i: GuidanceItem, vars: TemplateVars = {}, situation?: string): RenderedGuidance => ({
    id: i.id, title: i.title, topic: i.topic, level: i.level, ask: i.ask, reflect: i.reflect, when: [...i.when], ...(situation ? { situation } : {}),
    ...(i.askFirst ? { askFirst: i.askFirst } : {}), ...(i.say ? { say: i.say } : {}), ...(i.ifPushback ? { ifPushback: i.ifPushback } : {}), ...(i.hrCheck ? { hrCheck: i.hrCheck } : {}),
    body: i.body.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(vars[k as keyof TemplateVars] ?? '')),
  });
  return {
    calls,
    count: () => full.length,
    topics: (level) => [...new Set(full.filter((i) => i.level === level || i.level === 'all').map((i) => i.topic))],
    async next(q, vars) {
      calls.push(q);
      const match = (situation?: string) =>
        full.filter((i) => (i.level === q.level || i.level === 'all') && (!q.topic || i.topic === q.topic) && i.when.includes(situation ?? 'everyday'));
      // Like the real source: a situation without items at this level falls back to everyday items, unless exact.
      const situational = q.situation ? match(q.situation) : [];
      const situation = situational.length > 0 ? q.situation : undefined;
      if (q.situation && q.exact && situational.length === 0) return undefined;
      const pool = situational.length > 0 ? situational : match(undefined);
      if (pool.length === 0) return undefined;
      const key = `${q.personId}|${q.level}|${q.topic}|${situation ?? ''}`;
      const had = seen.get(key) ?? [];
      const fresh = pool.filter((i) => !had.includes(i.id));
      const pick = (fresh.length > 0 ? fresh : pool.filter((i) => i.id !== had[had.length - 1]))[0] ?? pool[0]!;
      seen.set(key, fresh.length > 0 ? [...had, pick.id] : [pick.id]);
      return render(pick, vars, situation);
    },
    byId: (id, vars) => {
      const i = full.find((x) => x.id === id);
      return i ? render(i, vars) : undefined;
    },
  };
}

export const NOW = Date.UTC(2026, 10, 27, 15, 0, 0); // Friday 27 Nov 2026, 15:00 UTC
export const DAY = 24 * 60 * 60 * 1000;

export function profile(id: string, name: string, extra: Partial<SlackProfile> = {}): SlackProfile {
  return { id, teamId: 'T1', name, realName: `${name} Example`, tz: 'Europe/Paris', isBot: false, deleted: false, ...extra };
}

export function fakeDirectory(profiles: SlackProfile[]): SlackDirectory {
  return {
    getUser: async (id) => profiles.find((p) => p.id === id),
    lookupByEmail: async () => undefined,
    listUsers: async () => profiles,
  };
}

export const DEFAULT_ITEMS = [
  { id: 'fl-general-1', level: 'frontline' as const, ask: ['FL q1', 'FL q2', 'FL q3', 'FL q4'] },
  { id: 'fl-general-2', level: 'frontline' as const, ask: ['FL q5', 'FL q6', 'FL q7'] },
  { id: 'fl-first', level: 'frontline' as const, when: ['first-1:1'], ask: ['First q1', 'First q2', 'First q3'] },
  { id: 'fl-overdue', level: 'frontline' as const, when: ['overdue'], ask: ['Overdue q1'] },
  { id: 'mid-general-1', level: 'mid-level' as const, ask: ['Mid q1', 'Mid q2', 'Mid q3'] },
  { id: 'mid-general-2', level: 'mid-level' as const, ask: ['Mid q4', 'Mid q5', 'Mid q6'] },
  { id: 'ex-general-1', level: 'executive' as const, ask: ['Ex q1', 'Ex q2', 'Ex q3'] },
  { id: 'ex-first', level: 'executive' as const, when: ['first-1:1'], ask: ['Ex first q1', 'Ex first q2', 'Ex first q3'] },
];

/** A real database, the real repositories and the real service, with fakes only at the Slack edge. */
export async function world(db: Db, opts: { profiles?: SlackProfile[]; items?: Parameters<typeof fakeGuidance>[0]; clock?: FixedClock } = {}) {
  const clock = opts.clock ?? createFixedClock(NOW);
  const profiles = opts.profiles ?? [profile('UMGR', 'Maria'), profile('UALICE', 'Alice'), profile('UBOB', 'Bob')];
  const peopleRepo = createPeopleRepository(sqliteKysely(db));
  for (const p of profiles) await peopleRepo.upsertProfile(p, clock.now());
  const people = createPeopleService({ people: peopleRepo, directory: fakeDirectory(profiles), clock });
  const guidance = fakeGuidance(opts.items ?? DEFAULT_ITEMS);
  const oneOnOnes = createOneOnOneRepository(sqliteKysely(db), { sealer: testSealer() });
  const events = createEventLog(sqliteKysely(db));
  const uow = unitOfWork(db, (trx) => ({ oneOnOnes: createOneOnOneRepository(trx, { sealer: testSealer() }), people: createPeopleRepository(trx), events: createEventLog(trx) }));
  const service = createOneOnOneService({ oneOnOnes, uow, people, guidance, events, claims: createClaims(sqliteKysely(db)), clock, names: createPartnerSearch(sqliteKysely(db)) });
  return { clock, people, peopleRepo, guidance, oneOnOnes, service };
}

export function logInput(reportId: string, over: Record<string, unknown> = {}) {
  return { reportId, heldOn: '2026-11-27', notes: '', items: [], doneItemIds: [], careerTalk: false, sendSummary: false, ...over };
}

export function giveKudos(db: Db, giverId: string, recipientId: string, value: string, message: string, at: number): void {
  const id = db
    .prepare("INSERT INTO kudos (giver_id, value, message, idempotency_key, created_at, post_status) VALUES (?, ?, ?, ?, ?, 'posted')")
    .run(giverId, value, message, `k-${giverId}-${recipientId}-${at}-${Math.random()}`, at).lastInsertRowid;
  db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)').run(id, recipientId, at);
}
