import { createDashboardReadModel, dashboardActivityQuery } from '../../../src/storage/dashboard-read-model';
import { reportWindow } from '../../../src/domain/report';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { event } from './seed-reads';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const W = reportWindow(Date.UTC(2027, 0, 4, 12), 3);

describeEachEngine('dashboard activity read model', (ctx) => {
  it('counts goal and plan activity per person and week: the subject when there is one, else the actor', async () => {
    const db = ctx.db;
    await event(db, 'goal.created', W.from, { actor: 'UA', subject: 'UA' });
    await event(db, 'goal.checked_in', W.from + WEEK - 1, { actor: 'UM', subject: 'UA' }); // the manager checks in on Alice's goal
    await event(db, 'goal.checked_in', W.from + WEEK, { actor: 'UA' });
    await event(db, 'plan.updated', W.to - 1, { actor: 'UM', subject: 'UB' });
    await event(db, 'plan.updated', W.from - 1, { actor: 'UB', subject: 'UB' }); // before the window
    await event(db, 'goal.created', W.to, { actor: 'UB' }); // the end is exclusive
    await event(db, 'settings.changed', W.from + DAY, { actor: 'UB' }); // not goal or plan activity
    await event(db, 'goal.created', W.from + DAY); // nobody to count it for
    expect(await createDashboardReadModel(db).activity(W)).toEqual(new Map([
      ['UA', { goals: [2, 1, 0], plans: [0, 0, 0] }],
      ['UB', { goals: [0, 0, 0], plans: [0, 0, 1] }],
    ]));
  });

  it('reads counts only (no goal, check-in or plan text) and seeks events_kind_at', async () => {
    const q = dashboardActivityQuery(ctx.db, { from: 0, to: 1 });
    expect(q.compile().sql).not.toMatch(/data|title|note|strengths/i);
    const plan = (await planOf(ctx.engine, ctx.db, q)).join('\n');
    if (ctx.engine === 'sqlite') expect(plan).toMatch(/SEARCH events USING (COVERING )?INDEX events_kind_at/);
    else expect(plan).toMatch(/Index (Only )?Scan using events_kind_at|Bitmap Index Scan on events_kind_at/);
    expect(plan).not.toMatch(/SCAN events\b|Seq Scan/);
  });
});
