import { createLeadershipReadModel, leadershipQueries } from '../../../src/storage/leadership-read-model';
import { DAY_MS, PERIOD_DAYS, RECOGNITION_DAYS } from '../../../src/domain/leadership/habits';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { kudos, oneOnOne, person } from './seed';
import { event, nudge, pulseResponse, setNotes } from './seed-reads';

const NOW = Date.UTC(2027, 0, 4, 12);
const PERIOD = PERIOD_DAYS * DAY_MS;

describeEachEngine('leadership read model', (ctx) => {
  async function org() {
    const db = ctx.db;
    await person(db, 'UM', 0, { name: 'Manager', level: 'frontline' });
    await person(db, 'UA', 0, { manager: 'UM', name: 'alice' });
    await person(db, 'UB', 0, { manager: 'UM', name: 'bob' });
    await person(db, 'UGONE', 0, { manager: 'UM', deleted: 1 });
    await db.updateTable('people').set({ tz: 'Europe/Berlin', team_id: 'T9', nudges_paused: 1, snoozed_until: NOW + 5, status_text: 'away', status_emoji: ':palm_tree:' }).where('id', '=', 'UM').execute();
  }

  it('maps active people with their habits settings', async () => {
    await org();
    const data = await createLeadershipReadModel(ctx.db).load(NOW);
    expect(data.now).toBe(NOW);
    expect(data.people.map((p) => p.id).sort()).toEqual(['UA', 'UB', 'UM']);
    expect(data.people.find((p) => p.id === 'UM')).toEqual({
      id: 'UM', teamId: 'T9', name: 'Manager', managerId: undefined, levelOverride: 'frontline', levelSource: 'admin', cadenceDays: 14,
      tz: 'Europe/Berlin', nudgesPaused: true, snoozedUntil: NOW + 5, statusText: 'away', statusEmoji: ':palm_tree:',
    });
    expect(data.people.find((p) => p.id === 'UA')?.nudgesPaused).toBe(false);
  });

  it('gives each report their last 1:1 with their current manager now and one period ago (inclusive)', async () => {
    await org();
    const db = ctx.db;
    await oneOnOne(db, 'UM', 'UA', 'a1', NOW - PERIOD - 10 * DAY_MS);
    await oneOnOne(db, 'UM', 'UA', 'a2', NOW - PERIOD);
    await oneOnOne(db, 'UM', 'UA', 'a3', NOW + DAY_MS / 2); // logged this morning, stored at local noon
    await oneOnOne(db, 'UM', 'UB', 'b1', NOW - DAY_MS);
    await oneOnOne(db, 'UA', 'UB', 'x', NOW - 2 * DAY_MS); // not UB's manager
    const data = await createLeadershipReadModel(db).load(NOW);
    expect(data.lastOneOnOne).toEqual(new Map([
      ['UA', { now: NOW + DAY_MS / 2, before: NOW - PERIOD }],
      ['UB', { now: NOW - DAY_MS, before: undefined }],
    ]));
  });

  it('lists kudos of the last two recognition windows and weekly nudges of the last two periods, acted or not', async () => {
    await org();
    const db = ctx.db;
    await kudos(db, 'UM', ['UA', 'UB'], NOW - 2 * RECOGNITION_DAYS * DAY_MS);
    await kudos(db, 'UA', ['UB'], NOW - 2 * RECOGNITION_DAYS * DAY_MS - 1); // too old
    await kudos(db, 'UA', ['UM'], NOW); // the end is exclusive
    const acted = await nudge(db, 'UM', NOW - 2 * PERIOD);
    await event(db, 'nudge.acted', NOW - PERIOD, { actor: 'UM', ref: acted });
    await nudge(db, 'UM', NOW - 1);
    await nudge(db, 'UM', NOW - 2 * PERIOD - 1);
    await nudge(db, 'UM', NOW - DAY_MS, { status: 'skipped' });
    const data = await createLeadershipReadModel(db).load(NOW);
    expect(data.kudos.sort((a, b) => a.recipientId.localeCompare(b.recipientId))).toEqual([
      { giverId: 'UM', recipientId: 'UA', at: NOW - 2 * RECOGNITION_DAYS * DAY_MS },
      { giverId: 'UM', recipientId: 'UB', at: NOW - 2 * RECOGNITION_DAYS * DAY_MS },
    ]);
    expect(data.nudges.sort((a, b) => a.dueAt - b.dueAt)).toEqual([
      { personId: 'UM', dueAt: NOW - 2 * PERIOD, acted: true },
      { personId: 'UM', dueAt: NOW - 1, acted: false },
    ]);
  });

  it('never reads note text, kudos messages or pulse answers', async () => {
    await org();
    await setNotes(ctx.db, await oneOnOne(ctx.db, 'UM', 'UA', 'a', NOW - DAY_MS), 'SECRET-NOTE');
    await kudos(ctx.db, 'UM', ['UA'], NOW - DAY_MS, 'SECRET-KUDOS');
    await pulseResponse(ctx.db, 'p1', '2027-01', 'UM', 1, 'SECRET-COMMENT');
    expect(JSON.stringify(await createLeadershipReadModel(ctx.db).load(NOW), (_k, v: unknown) => (v instanceof Map ? [...v] : v))).not.toMatch(/SECRET/);
    for (const q of Object.values(leadershipQueries(ctx.db, { before: 0, kudosFrom: 0, nudgesFrom: 0, to: 1 }))) expect(q.compile().sql).not.toMatch(/notes|comment|message|rating/i);
  });

  it.each(['lastOneOnOne', 'kudos', 'nudges'] as const)('%s seeks its indexes', async (name) => {
    const plan = (await planOf(ctx.engine, ctx.db, leadershipQueries(ctx.db, { before: 0, kudosFrom: 0, nudgesFrom: 0, to: 1 })[name])).join('\n');
    if (ctx.engine === 'sqlite') {
      expect(plan).not.toMatch(/SCAN (one_on_ones|kudos|kudos_recipients|nudges|events|o|k|kr|n|e)\b|AUTOMATIC/);
      expect(plan).toMatch(/USING (COVERING )?INDEX|PRIMARY KEY/);
    } else {
      expect(plan).not.toMatch(/Seq Scan on (one_on_ones|kudos|kudos_recipients|nudges|events)\b/);
      expect(plan).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    }
  });
});
