import { freshDb } from '../helpers/db';
import { createFixedClock } from '../../src/clock';
import type { WeeklyDigest } from '../../src/domain/notifier';
import { DAY, nudgeWorld, seed, team, type NudgeWorld } from './fixtures';

const NOW = Date.UTC(2027, 2, 1, 9, 0); // Monday 1 March 2027 09:00 UTC
const WEEK = 7 * DAY;

describe('the weekly digest', () => {
  const env = freshDb();
  afterAll(() => env.cleanup());
  let w: NudgeWorld;

  const oneOnOne = (reportId: string, daysAgo: number) => {
    const heldAt = NOW - daysAgo * DAY;
    const heldOn = new Date(heldAt).toISOString().slice(0, 10);
    return Number(env.db.prepare(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, idempotency_key, created_at) VALUES ('UMA', ?, ?, ?, ?, ?)`)
      .run(reportId, heldOn, heldAt, `${reportId}-${daysAgo}`, heldAt).lastInsertRowid);
  };
  const kudos = (recipientId: string, daysAgo: number) => {
    const at = NOW - daysAgo * DAY;
    const id = env.db.prepare(`INSERT INTO kudos (giver_id, value, message, idempotency_key, created_at) VALUES ('UX', 'Craft', 'Nice', ?, ?)`).run(`k-${recipientId}-${daysAgo}`, at).lastInsertRowid;
    env.db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)').run(id, recipientId, at);
  };
  const item = (oneOnOneId: number, reportId: string, ownerId: string, text: string, daysAgo: number, done = false) =>
    env.db.prepare(`INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, done_at, created_at) VALUES (?, 'UMA', ?, ?, ?, ?, ?)`)
      .run(oneOnOneId, reportId, ownerId, text, done ? NOW : null, NOW - daysAgo * DAY);

  beforeAll(async () => {
    w = nudgeWorld(env.db, createFixedClock(NOW));
    await seed(w.people, [
      { id: 'UX', tz: 'UTC' },
      ...team('A', 'UTC', 4),
      { id: 'UGONE', tz: 'UTC', managerId: 'UMA' },
      { id: 'UNEW', tz: 'Asia/Kolkata', settings: { levelOverride: 'executive', levelSource: 'self' } },
    ]);
    await w.people.upsertProfile({ id: 'UGONE', teamId: 'T1', name: 'gone', realName: '', isBot: false, deleted: true }, 0);
    const o1 = oneOnOne('URA1', 20); // overdue by 6 against 14
    oneOnOne('URA2', 3); // on track
    const o4 = oneOnOne('URA4', 30); // overdue by 16
    kudos('URA2', 5);
    kudos('URA1', 40);
    item(o1, 'URA1', 'UMA', 'Send <!channel> the *roadmap* & notes', 12);
    item(o4, 'URA4', 'UMA', 'Book the conference', 25);
    item(o4, 'URA4', 'UMA', 'Done already', 25, true);
    item(o1, 'URA1', 'URA1', 'Report owns this one', 12);
  });

  it('lists overdue 1:1s longest first, then reports with none on record; on-track and deactivated people are left out', async () => {
    const d = (await w.digests.build((await w.people.get('UMA'))!, 42)) as WeeklyDigest;
    expect(d).toMatchObject({ type: 'weekly', nudgeId: 42, teamSize: 4, cadenceDays: 14, week: '2027-W09' });
    expect(d.overdue.shown.map((o) => [o.reportId, o.overdueBy, o.daysSince])).toEqual([
      ['URA4', 16, 30],
      ['URA1', 6, 20],
      ['URA3', undefined, undefined],
    ]);
  });

  it('lists people not recognised in 30 days (never first), not someone recognised last week', async () => {
    const d = (await w.digests.build((await w.people.get('UMA'))!)) as WeeklyDigest;
    expect(d.unrecognised.shown.map((u) => u.reportId)).toEqual(['URA3', 'URA4', 'URA1']);
    expect(d.unrecognised.shown[2]!.lastRecognisedAt).toBe(NOW - 40 * DAY);
  });

  it('lists open action items the manager owns, oldest first, aged from the 1:1 they came from (not when typed in)', async () => {
    const d = (await w.digests.build((await w.people.get('UMA'))!)) as WeeklyDigest;
    expect(d.actionItems.shown.map((i) => [i.text, i.reportId, i.ageDays])).toEqual([
      ['Book the conference', 'URA4', 30],
      ['Send <!channel> the *roadmap* & notes', 'URA1', 20],
    ]);
    expect(d.actionItems.more).toBe(0);
  });

  it('shows at most five per list and counts the rest', async () => {
    await seed(w.people, Array.from({ length: 8 }, (_, i) => ({ id: `UBIG${i}`, tz: 'UTC', managerId: 'UMBIG' })).concat([{ id: 'UMBIG', tz: 'UTC' } as never]).reverse());
    const d = (await w.digests.build((await w.people.get('UMBIG'))!)) as WeeklyDigest;
    expect(d.overdue).toMatchObject({ more: 3 });
    expect(d.overdue.shown).toHaveLength(5);
    expect(d.unrecognised.more).toBe(3);
  });

  it('the tip of the week is for the manager’s level, stays the same all week (shared with App Home) and changes next week', async () => {
    const manager = (await w.people.get('UMA'))!;
    const first = (await w.digests.build(manager)).tip;
    expect(first?.level).toBe('frontline');
    expect((await w.digests.build(manager)).tip?.id).toBe(first?.id);
    expect(await w.tips.get('UMA', '2027-W09')).toBe(first?.id);
    w.clock.set(NOW + WEEK);
    expect((await w.digests.build(manager)).tip?.id).not.toBe(first?.id);
    w.clock.set(NOW);
  });

  it('never repeats a tip across sixteen weeks', async () => {
    const manager = (await w.people.get('URA1'))!;
    await w.people.updateSettings('URA1', { levelOverride: 'executive', levelSource: 'self' }, NOW);
    const ids: string[] = [];
    for (let week = 0; week < 16; week += 1) {
      w.clock.set(NOW + week * WEEK);
      const tip = (await w.digests.build((await w.people.get(manager.id))!)).tip;
      // Executive items, or level-independent ones where the week's topic has no everyday executive item.
      expect(['executive', 'all']).toContain(tip?.level);
      ids.push(tip!.id);
    }
    w.clock.set(NOW);
    expect(new Set(ids).size).toBe(16);
  });

  it('a manager with no team on record gets the onboarding digest', async () => {
    const d = await w.digests.build((await w.people.get('UNEW'))!, 7);
    expect(d).toMatchObject({ type: 'onboarding', nudgeId: 7, personId: 'UNEW', week: '2027-W09' });
    expect(['executive', 'all']).toContain(d.tip?.level);
  });
});
