import path from 'node:path';
import type { Db } from '../../src/storage/database';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createPeopleService } from '../../src/domain/people-service';
import { createEventLog } from '../../src/storage/event-log';
import { createLevelService } from '../../src/domain/levels';
import { createHomeService } from '../../src/domain/home-service';
import { createHomeReadModel } from '../../src/storage/home-read-model';
import { createTipOfWeekStore } from '../../src/storage/tip-of-week-store';
import { createOrgReadModel } from '../../src/storage/org-read-model';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createSettingsService } from '../../src/domain/settings-service';
import { createOrgService } from '../../src/domain/org-service';
import { createReportingLineService } from '../../src/domain/reporting-lines/reporting-line-service';
import { createReportingLineRequests } from '../../src/storage/reporting-line-repository';
import type { ReportingLineNews, ReportingLineNotifier, ReportingLineRequest } from '../../src/domain/reporting-lines/reporting-line';
import { loadContent } from '../../src/content/loader';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import { projectRoot } from '../../src/project-root';
import { clockAt, fakeDirectory, profile } from '../org/fixtures';
import { unitOfWork } from '../helpers/unit-of-work';

const DAY = 24 * 60 * 60 * 1000;
let library: ReturnType<typeof loadContent> | undefined;

/** The real services over a real database, as main.ts wires them; the directory is the only fake. */
export function homeServices(db: Db, options: { admins?: string[]; clock?: ReturnType<typeof clockAt>; pageSize?: number } = {}) {
  const clock = options.clock ?? clockAt();
  const people = createPeopleRepository(sqliteKysely(db));
  // Slack knows everyone already in the database (so a stale profile refreshes instead of vanishing).
  const known = fakeDirectory([]);
  const directory = { ...known, getUser: async (id: string) => ((await people.get(id)) ? profile(id) : known.getUser(id)) };
  const peopleService = createPeopleService({ people, directory, clock });
  const events = createEventLog(sqliteKysely(db));
  const levels = createLevelService({ people, clock, events, adminUserIds: options.admins ?? [] });
  library ??= loadContent({ baseDir: path.join(projectRoot(), 'prompts') });
  const guidance = createGuidanceSource({ library, seen: createGuidanceSeenRepository(sqliteKysely(db)), clock });
  const home = createHomeService({
    people: peopleService, levels, reads: createHomeReadModel(sqliteKysely(db)), org: createOrgReadModel(sqliteKysely(db)),
    tips: createTipOfWeekStore(sqliteKysely(db)), guidance, clock, pageSize: options.pageSize,
  });
  const settings = createSettingsService({ people, levels, clock, events });
  // The notifier is Slack's edge: recorded here, sent for real in the e2e tests.
  const asked: Array<{ to: string; request: ReportingLineRequest }> = [];
  const told: Array<{ to: string; news: ReportingLineNews }> = [];
  const notifier: ReportingLineNotifier = {
    askToConfirm: async (to, request) => Boolean(asked.push({ to, request })),
    tell: async (to, news) => void told.push({ to, news }),
  };
  const requests = createReportingLineRequests(sqliteKysely(db));
  const uow = unitOfWork(db, (trx) => ({ people: createPeopleRepository(trx), requests: createReportingLineRequests(trx), events: createEventLog(trx) }));
  const lines = createReportingLineService({ people: peopleService, requests, uow, notifier, clock, isAdmin: (id) => levels.isAdmin(id) });
  const org = createOrgService({ people: peopleService, lines });
  return { clock, people, peopleService, directory, events, levels, guidance, home, settings, org, lines, asked, told };
}

export async function addPeople(db: Db, ids: string[], at: number, managerOf: Record<string, string> = {}) {
  const people = createPeopleRepository(sqliteKysely(db));
  for (const id of ids) await people.upsertProfile(profile(id), at);
  for (const [r, m] of Object.entries(managerOf)) await people.setManager(r, m, at);
}

let key = 0;
export function addOneOnOne(db: Db, managerId: string, reportId: string, heldOn: string): number {
  key += 1;
  const heldAt = Date.parse(`${heldOn}T12:00:00Z`);
  const r = db
    .prepare('INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(managerId, reportId, heldOn, heldAt, 'private', `k${key}-${Math.random()}`, heldAt);
  return Number(r.lastInsertRowid);
}

export function addActionItem(db: Db, oneOnOneId: number, managerId: string, reportId: string, done = false): void {
  db.prepare('INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, done_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(oneOnOneId, managerId, reportId, reportId, 'follow up', done ? 1 : null, 1);
}

export function addKudos(db: Db, giverId: string, recipients: string[], at: number, message = 'Great release notes, <@UM1> noticed', value = 'Craft'): number {
  key += 1;
  const r = db
    .prepare('INSERT INTO kudos (giver_id, value, message, idempotency_key, created_at, post_status) VALUES (?, ?, ?, ?, ?, ?)')
    .run(giverId, value, message, `kudos-${key}-${Math.random()}`, at, 'posted');
  const id = Number(r.lastInsertRowid);
  for (const rid of recipients) db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)').run(id, rid, at);
  return id;
}

export const daysAgo = (now: number, n: number) => now - n * DAY;
export function isoDaysAgo(now: number, n: number): string {
  return new Date(now - n * DAY).toISOString().slice(0, 10);
}
