import { createReportReadModel, reportQueries } from '../../../src/storage/report-read-model';
import { reportWindow } from '../../../src/domain/report';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { kudos, oneOnOne, person } from './seed';
import { event, nudge, pulseResponse, setNotes } from './seed-reads';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const NOW = Date.UTC(2027, 0, 4, 12);
const W = reportWindow(NOW, 4); // four whole weeks ending now

describeEachEngine('report read model', (ctx) => {
  async function team() {
    const db = ctx.db;
    await person(db, 'UM', 0, { name: 'Manager' });
    await person(db, 'UOLD', 0, { name: 'former manager' });
    await person(db, 'UA', 0, { manager: 'UM', name: 'alice' });
    await person(db, 'UB', 0, { manager: 'UM', name: 'bob' });
    await person(db, 'UGONE', 0, { manager: 'UM', deleted: 1 });
    await person(db, 'UBOT', 0, { isBot: 1, manager: 'UM' });
  }

  it('lists active, human people with their name, manager, level and cadence', async () => {
    await team();
    await ctx.db.updateTable('people').set({ real_name: 'Bob Real', name: '', cadence_days: 7 }).where('id', '=', 'UB').execute();
    const data = await createReportReadModel(ctx.db).load(W);
    expect(data.people.map((p) => p.id).sort()).toEqual(['UA', 'UB', 'UM', 'UOLD']);
    expect(data.people.find((p) => p.id === 'UB')).toEqual({ id: 'UB', name: 'Bob Real', managerId: 'UM', levelOverride: undefined, levelSource: undefined, cadenceDays: 7 });
  });

  it('gives each 1:1 of the window its previous one: strictly earlier, before the window if need be, same-day pairs look past each other', async () => {
    await team();
    const db = ctx.db;
    await oneOnOne(db, 'UM', 'UA', 'a0', W.from - 40 * DAY); // long before the window
    await oneOnOne(db, 'UM', 'UA', 'a1', W.from - 3 * DAY); // last before the window
    await oneOnOne(db, 'UM', 'UA', 'a2', W.from + DAY);
    await oneOnOne(db, 'UM', 'UA', 'a3', W.from + 8 * DAY);
    await oneOnOne(db, 'UM', 'UA', 'a3b', W.from + 8 * DAY); // two on one day share held_at
    await oneOnOne(db, 'UM', 'UA', 'a4', W.from + 20 * DAY);
    await oneOnOne(db, 'UM', 'UB', 'b1', W.from + 2 * DAY); // first ever: no previous
    await oneOnOne(db, 'UOLD', 'UB', 'x', W.from + DAY); // with a former manager: not theirs now
    await oneOnOne(db, 'UM', 'UB', 'future', W.to); // the window's end is exclusive
    await oneOnOne(db, 'UM', 'UGONE', 'g', W.from + 5 * DAY); // a deactivated report keeps their manager's 1:1s counted
    const data = await createReportReadModel(db).load(W);
    const rows = data.oneOnOnes.map((o) => [o.managerId, o.reportId, (o.heldAt - W.from) / DAY, o.prevAt === undefined ? null : (o.prevAt - W.from) / DAY]);
    expect(rows.sort()).toEqual([
      ['UM', 'UA', 1, -3],
      ['UM', 'UA', 20, 8],
      ['UM', 'UA', 8, 1],
      ['UM', 'UA', 8, 1],
      ['UM', 'UB', 2, null],
      ['UM', 'UGONE', 5, null],
    ]);
    expect(data.lastOneOnOne).toEqual(new Map([['UA', W.from + 20 * DAY], ['UB', W.to]]));
  });

  it('counts recognition by week (index 0 the oldest), the last-30-days flag, kudos given and from the current manager', async () => {
    await team();
    const db = ctx.db;
    await kudos(db, 'UM', ['UA'], W.from); // week 0, from the manager
    await kudos(db, 'UB', ['UA'], W.from + WEEK - 1); // still week 0
    await kudos(db, 'UB', ['UA'], W.from + WEEK); // week 1
    await kudos(db, 'UOLD', ['UB'], W.to - 1); // week 3, not from UB's manager
    await kudos(db, 'UM', ['UA', 'UB'], W.from - 1); // before the window
    await kudos(db, 'UM', ['UB'], W.to); // after it
    const data = await createReportReadModel(db).load({ ...W, last30From: W.from + WEEK });
    expect(data.received).toEqual(new Map([
      ['UA', { weeks: [2, 1, 0, 0], last30: true }],
      ['UB', { weeks: [0, 0, 0, 1], last30: true }],
    ]));
    expect((await createReportReadModel(db).load({ ...W, last30From: W.to })).received.get('UA')?.last30).toBe(false);
    expect(data.kudosGiven).toEqual(new Map([['UM', 1], ['UB', 2], ['UOLD', 1]]));
    expect(data.fromManager).toEqual(new Map([['UA', 1]]));
    expect((await createReportReadModel(db).load(W, { fromManager: false })).fromManager).toEqual(new Map());
  });

  it('counts weekly nudges sent and acted on per person and week; skipped and other kinds do not count', async () => {
    await team();
    const db = ctx.db;
    const acted = await nudge(db, 'UM', W.from + DAY);
    await event(db, 'nudge.acted', W.from + 2 * DAY, { actor: 'UM', ref: acted });
    await nudge(db, 'UM', W.from + 2 * DAY);
    await nudge(db, 'UM', W.from + 3 * WEEK);
    await nudge(db, 'UM', W.from + 3 * WEEK + DAY, { status: 'skipped' });
    await nudge(db, 'UM', W.from + DAY, { kind: 'agenda' });
    await nudge(db, 'UM', W.from - DAY);
    const data = await createReportReadModel(db).load(W);
    expect(data.nudges).toEqual(new Map([['UM', { sent: [2, 0, 0, 1], acted: [1, 0, 0, 0] }]]));
  });

  it('reads one part of the organisation with `under`: that person and everyone below them, deleted links included, loops stopped', async () => {
    // UTOP -> UM -> (UA, UB, UGONE -> UC); USIDE -> UD beside it; UL1 <-> UL2 a loop in bad data.
    await team();
    await person(ctx.db, 'UTOP', 0);
    await ctx.db.updateTable('people').set({ manager_id: 'UTOP' }).where('id', '=', 'UM').execute();
    await person(ctx.db, 'UC', 0, { manager: 'UGONE' });
    await person(ctx.db, 'USIDE', 0);
    await person(ctx.db, 'UD', 0, { manager: 'USIDE' });
    await person(ctx.db, 'UL1', 0);
    await person(ctx.db, 'UL2', 0, { manager: 'UL1' });
    await ctx.db.updateTable('people').set({ manager_id: 'UL2' }).where('id', '=', 'UL1').execute();
    const at = W.from + DAY;
    for (const [m, r] of [['UTOP', 'UM'], ['UM', 'UA'], ['UM', 'UGONE'], ['UGONE', 'UC'], ['USIDE', 'UD'], ['UL1', 'UL2'], ['UL2', 'UL1']] as const) await oneOnOne(ctx.db, m, r, 'a', at);
    for (const r of ['UTOP', 'UM', 'UA', 'UC', 'UD', 'UL1']) await kudos(ctx.db, 'USIDE', [r], at);
    for (const p of ['UTOP', 'UM', 'UGONE', 'USIDE', 'UL2']) await nudge(ctx.db, p, at);
    const model = createReportReadModel(ctx.db);
    const all = await model.load(W);
    const part = await model.load(W, { under: 'UM' });
    const keys = (m: Map<string, unknown>) => [...m.keys()].sort();
    expect(part.people).toEqual(all.people); // names, levels and access are decided on the whole organisation
    expect(part.oneOnOnes.map((o) => o.reportId).sort()).toEqual(['UA', 'UC', 'UGONE', 'UM']); // UM's own, with UTOP, too
    expect(keys(part.received)).toEqual(['UA', 'UC', 'UM']);
    expect(keys(part.nudges)).toEqual(['UGONE', 'UM']);
    expect(keys(part.lastOneOnOne)).toEqual(['UA', 'UC', 'UM']); // UGONE is deleted: no figure of their own
    for (const [id, v] of part.received) expect(v).toEqual(all.received.get(id));
    for (const [id, v] of part.nudges) expect(v).toEqual(all.nudges.get(id));
    expect(part.oneOnOnes).toEqual(expect.arrayContaining(all.oneOnOnes.filter((o) => ['UA', 'UC', 'UGONE', 'UM'].includes(o.reportId))));
    const loop = await model.load(W, { under: 'UL1' });
    expect(loop.oneOnOnes.map((o) => o.reportId).sort()).toEqual(['UL1', 'UL2']);
    expect((await model.load(W, { under: 'UNOBODY' })).oneOnOnes).toEqual([]);
  });

  it('never reads note text, pulse comments or individual answers', async () => {
    await team();
    const id = await oneOnOne(ctx.db, 'UM', 'UA', 'a', W.from + DAY);
    await setNotes(ctx.db, id, 'SECRET-NOTE-41');
    await pulseResponse(ctx.db, 'p1', '2027-01', 'UM', 2, 'SECRET-COMMENT-42');
    const data = await createReportReadModel(ctx.db).load(W);
    const text = JSON.stringify(data, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
    expect(text).not.toMatch(/SECRET/);
    for (const q of Object.values(reportQueries(ctx.db, W))) expect(q.compile().sql).not.toMatch(/notes|comment|message|pulse_responses|rating/i);
  });

  it.each([
    ...(['people', 'oneOnOnes', 'received', 'given', 'fromManager', 'nudges'] as const).map((name) => [name, undefined] as const),
    ...(['oneOnOnes', 'received', 'nudges'] as const).map((name) => [name, 'UM'] as const),
  ])('%s (under %s) seeks its indexes', async (name, under) => {
    const plan = (await planOf(ctx.engine, ctx.db, reportQueries(ctx.db, { from: 0, to: 1, under })[name])).join('\n');
    if (ctx.engine === 'sqlite') {
      expect(plan).not.toMatch(/SCAN (one_on_ones|kudos|kudos_recipients|nudges|events)\b|SCAN [oqkne]\b|AUTOMATIC/);
      if (name !== 'people') expect(plan).toMatch(/USING (COVERING )?INDEX|PRIMARY KEY/);
    } else {
      expect(plan).not.toMatch(/Seq Scan on (one_on_ones|kudos|kudos_recipients|nudges|events)\b/);
      if (name !== 'people') expect(plan).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    }
  });
});
