import { createDepartureRepository } from '../../../src/storage/departure-repository';
import { createOrgGoalRepository } from '../../../src/storage/org-goal-repository';
import type { NewDeparture, OrgGoalRow } from '../../../src/domain/leadership/ports';
import { describeEachEngine } from '../../helpers/engines';
import { DAY, T, org, profile } from './seed-people';

const leaving = (personId: string, leftAt: number, extra: Partial<NewDeparture> = {}): NewDeparture => ({
  personId, leftAt, managerId: 'UM', managerChain: ['UM', 'UVP'], role: 'individual', managerLevel: 'frontline', source: 'slack', ...extra,
});

describeEachEngine('departures and organisation goals', (ctx) => {
  it('records one open departure per person, with the name to show, newest first', async () => {
    const people = await org(ctx.db, ['UM', 'UVP', 'UA', 'UB', 'UC']);
    await people.upsertProfile(profile('UB', { name: '', realName: 'Bea Real' }), T);
    await people.upsertProfile(profile('UC', { name: '', realName: '' }), T);
    const deps = createDepartureRepository(ctx.db);
    const results = await Promise.all([deps.record(leaving('UA', T + DAY), T), createDepartureRepository(ctx.db).record(leaving('UA', T + 2 * DAY), T)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await deps.record(leaving('UB', T + 3 * DAY, { managerId: undefined, managerChain: [], managerLevel: undefined, role: 'mid-level', source: 'org-import' }), T)).toBe(true);
    expect(await deps.record(leaving('UC', T - DAY), T)).toBe(true);
    const list = await deps.since(T);
    expect(list.map((d) => [d.personId, d.name])).toEqual([['UB', 'Bea Real'], ['UA', 'ua']]);
    expect(list[0]).toMatchObject({ managerChain: [], role: 'mid-level', source: 'org-import' });
    expect([list[0]?.managerId, list[0]?.managerLevel, list[0]?.regretted]).toEqual([undefined, undefined, undefined]);
    expect(list[1]).toMatchObject({ managerId: 'UM', managerChain: ['UM', 'UVP'], managerLevel: 'frontline', role: 'individual', source: 'slack' });
    expect((await deps.since(0)).map((d) => [d.personId, d.name])).toEqual([['UB', 'Bea Real'], ['UA', 'ua'], ['UC', 'UC']]);
  });

  it('stops counting a departure when the person comes back, and records the next one anew', async () => {
    await org(ctx.db, ['UM', 'UVP', 'UA']);
    const deps = createDepartureRepository(ctx.db);
    await deps.record(leaving('UA', T), T);
    await deps.rejoined('UA', T + DAY);
    expect(await deps.since(0)).toEqual([]);
    expect(await deps.record(leaving('UA', T + 5 * DAY), T + 5 * DAY)).toBe(true);
    expect((await deps.since(0)).map((d) => d.leftAt)).toEqual([T + 5 * DAY]);
    expect(await ctx.db.selectFrom('departures').select(['left_at', 'rejoined_at']).orderBy('id').execute()).toEqual([
      { left_at: T, rejoined_at: T + DAY }, { left_at: T + 5 * DAY, rejoined_at: null },
    ]);
  });

  it('marks a departure regretted, not regretted or unmarked, and reads a corrupt chain as empty', async () => {
    await org(ctx.db, ['UM', 'UVP', 'UA']);
    const deps = createDepartureRepository(ctx.db);
    await deps.record(leaving('UA', T), T);
    const [d] = await deps.since(0);
    expect(await deps.markRegretted(d!.id, true, 'UADMIN', T + 1)).toBe(true);
    expect((await deps.get(d!.id))?.regretted).toBe(true);
    await deps.markRegretted(d!.id, false, 'UADMIN', T + 2);
    expect((await deps.get(d!.id))?.regretted).toBe(false);
    await deps.markRegretted(d!.id, null, 'UADMIN', T + 3);
    expect((await deps.get(d!.id))?.regretted).toBeUndefined();
    expect(await ctx.db.selectFrom('departures').select(['marked_by', 'marked_at']).executeTakeFirst()).toEqual({ marked_by: 'UADMIN', marked_at: T + 3 });
    expect(await deps.markRegretted(d!.id + 100, true, 'UADMIN', T)).toBe(false);
    expect(await deps.get(d!.id + 100)).toBeUndefined();
    await ctx.db.updateTable('departures').set({ manager_chain: 'not json' }).execute();
    expect((await deps.get(d!.id))?.managerChain).toEqual([]);
  });

  it('replaces every organisation goal at once, in slot order, and rolls back with the unit of work', async () => {
    const goals = createOrgGoalRepository(ctx.db);
    expect(await goals.list()).toEqual([]);
    const set: OrgGoalRow[] = [
      { slot: 2, metric: 'recognition-reach', target: 60, deadline: '2027-06-30', setBy: 'UADMIN', setAt: T },
      { slot: 1, metric: 'cadence-frontline', target: 80, deadline: '2027-03-31', baseline: 0.42, setBy: 'UADMIN', setAt: T },
    ];
    await goals.replaceAll(set);
    expect(await goals.list()).toEqual([set[1], { ...set[0], baseline: undefined }]);
    await goals.replaceAll([{ slot: 3, metric: 'cadence-mid-level', target: 50, deadline: '2027-12-31', setBy: 'UB', setAt: T + 1 }]);
    expect((await goals.list()).map((g) => g.slot)).toEqual([3]);
    // A bad row (target out of range) fails the whole replacement: the old goals stay.
    await expect(goals.replaceAll([set[1]!, { ...set[0]!, target: 500 }])).rejects.toThrow();
    expect((await goals.list()).map((g) => g.slot)).toEqual([3]);
    await expect(ctx.db.transaction().execute(async (trx) => {
      await createOrgGoalRepository(trx).replaceAll([]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await goals.list()).map((g) => g.slot)).toEqual([3]);
    await goals.replaceAll([]);
    expect(await goals.list()).toEqual([]);
  });
});
