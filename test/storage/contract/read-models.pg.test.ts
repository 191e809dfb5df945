import { createHomeReadModel } from '../../../src/storage/home-read-model';
import { createOrgReadModel } from '../../../src/storage/org-read-model';
import { createPeopleRepository } from '../../../src/storage/people-repository';
import { describeEachEngine } from '../../helpers/engines';
import { actionItem, kudos, oneOnOne, person } from './seed';

const T = 1_800_000_000_000;
const DAY = 86_400_000;

describeEachEngine('App Home and org read models', (ctx) => {
  async function seed() {
    const db = ctx.db;
    await person(db, 'UEXEC', T, { name: 'Zed' });
    await person(db, 'UMID', T, { manager: 'UEXEC', name: 'mid' });
    await person(db, 'UM', T, { manager: 'UMID', name: 'Manager' });
    await person(db, 'UA', T, { manager: 'UM', name: 'alice' });
    await person(db, 'UB', T, { manager: 'UM', name: 'Bob' });
    await person(db, 'UGONE', T, { manager: 'UM', deleted: 1 });
    await person(db, 'UBOT', T, { isBot: 1 });
    await person(db, 'UORPHAN', T, { name: 'adam' });
    const first = await oneOnOne(db, 'UM', 'UA', '2027-01-01', T - 20 * DAY);
    await oneOnOne(db, 'UM', 'UA', '2027-01-10', T - 10 * DAY);
    await actionItem(db, first, 'UM', 'UA', T - 20 * DAY);
    await actionItem(db, first, 'UM', 'UA', T - 20 * DAY);
    await actionItem(db, first, 'UM', 'UA', T - 20 * DAY, T - 5 * DAY);
    await kudos(db, 'UA', ['UB', 'UM'], T - 2 * DAY, 'Great demo');
    await kudos(db, 'UM', ['UB'], T - 40 * DAY);
  }

  it('reads the team in one statement: current reports by name, each with last 1:1, open items and kudos', async () => {
    await seed();
    const reads = createHomeReadModel(ctx.db);
    const figures = async (since: number) => (await reads.team('UM', since)).map((f) => [f.person.id, f.lastOneOnOne, f.openActionItems, f.kudosSince]);
    // Active reports only (UGONE is deactivated), by name case-insensitively: alice before Bob.
    expect(await figures(T - 30 * DAY)).toEqual([['UA', '2027-01-10', 2, 0], ['UB', undefined, 0, 1]]);
    expect(await figures(0)).toEqual([['UA', '2027-01-10', 2, 0], ['UB', undefined, 0, 2]]);
    // The same people, rows and order as the people repository's reportsOf.
    expect((await reads.team('UM', 0)).map((f) => f.person)).toEqual(await createPeopleRepository(ctx.db).reportsOf('UM'));
    expect(await reads.team('UA', 0)).toEqual([]);
    // Each report's depth (counting them): their most gives the manager's subtreeDepth, as the people repository counts it.
    const people = createPeopleRepository(ctx.db);
    for (const [manager, depths] of [['UM', [1, 1]], ['UMID', [2]], ['UEXEC', [3]]] as const) {
      const rows = await reads.team(manager, 0);
      expect(rows.map((f) => f.depth)).toEqual(depths);
      expect(Math.max(0, ...rows.map((f) => f.depth))).toBe(await people.subtreeDepth(manager));
    }
  });

  it('counts recognition and lists the latest kudos received, newest first', async () => {
    await seed();
    const reads = createHomeReadModel(ctx.db);
    expect(await reads.recognitionCounts('UB', T - 30 * DAY)).toEqual({ receivedSince: 1, givenSince: 0, receivedTotal: 2, givenTotal: 0 });
    expect(await reads.recognitionCounts('UM', T - 30 * DAY)).toEqual({ receivedSince: 1, givenSince: 0, receivedTotal: 1, givenTotal: 1 });
    const latest = await reads.latestKudosReceived('UB', 5);
    expect(latest.lines.map((k) => [k.giverId, k.message, k.at])).toEqual([['UA', 'Great demo', T - 2 * DAY], ['UM', 'Thanks', T - 40 * DAY]]);
    expect(latest.lines[0]?.permalink).toBeUndefined();
    // The givers' rows come with them, as the people repository reads them.
    const people = createPeopleRepository(ctx.db);
    expect([...latest.givers.values()]).toEqual([await people.get('UA'), await people.get('UM')]);
    const one = await reads.latestKudosReceived('UB', 1);
    expect([one.lines.length, [...one.givers.keys()]]).toEqual([1, ['UA']]);

  });

  it('gives the org figures: active people, people without a manager (case-insensitive order), manager depths', async () => {
    await seed();
    const org = createOrgReadModel(ctx.db);
    expect(await org.activePeople()).toBe(6);
    const orphans = await org.withoutManager(10);
    expect(orphans.count).toBe(2);
    expect(orphans.sample.map((p) => p.id)).toEqual(['UORPHAN', 'UEXEC']);
    expect((await org.withoutManager(1)).sample.map((p) => p.id)).toEqual(['UORPHAN']);
    expect(await org.managerDepths()).toEqual([
      { id: 'UEXEC', depth: 3, levelOverride: undefined },
      { id: 'UM', depth: 1, levelOverride: undefined },
      { id: 'UMID', depth: 2, levelOverride: undefined },
    ]);
  });
});
