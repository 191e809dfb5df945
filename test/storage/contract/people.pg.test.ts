import { createPeopleRepository } from '../../../src/storage/people-repository';
import type { Executor } from '../../../src/storage/engine';
import { describeEachEngine } from '../../helpers/engines';
import { DAY, T, THREE_LEVEL, org, profile } from './seed-people';

const leftAt = async (db: Executor, id: string) => (await db.selectFrom('people').select('left_at').where('id', '=', id).executeTakeFirstOrThrow()).left_at;

describeEachEngine('people repository', (ctx) => {
  it('upserts a Slack profile: defaults on insert, profile fields replaced on update, the email kept when Slack omits it', async () => {
    const people = createPeopleRepository(ctx.db);
    const first = await people.upsertProfile({ id: 'UA', teamId: 'T1', name: 'ann', realName: 'Ann Lee', email: 'ann@x.io', tz: '', isBot: false, deleted: false }, T);
    expect(first).toMatchObject({ id: 'UA', name: 'ann', realName: 'Ann Lee', email: 'ann@x.io', tz: 'UTC', statusText: '', statusEmoji: '', cadenceDays: 14, nudgeDay: 1, nudgeHour: 9, nudgesPaused: false, deleted: false, isBot: false, createdAt: T, updatedAt: T });
    expect(first.managerId).toBeUndefined();
    await people.setManager('UA', null, T);
    await people.updateSettings('UA', { cadenceDays: 7 }, T);
    const second = await people.upsertProfile({ id: 'UA', teamId: 'T2', name: 'annie', realName: 'Ann L', tz: 'Europe/Paris', isBot: false, deleted: false, statusText: 'away', statusEmoji: ':palm_tree:' }, T + DAY);
    expect(second).toMatchObject({ teamId: 'T2', name: 'annie', realName: 'Ann L', email: 'ann@x.io', tz: 'Europe/Paris', statusText: 'away', statusEmoji: ':palm_tree:', cadenceDays: 7, createdAt: T, updatedAt: T + DAY });
    expect(await people.get('UA')).toEqual(second);
    expect((await people.upsertProfile(profile('UA', { email: 'new@x.io' }), T + 2 * DAY)).email).toBe('new@x.io');
    expect(await people.get('UNOBODY')).toBeUndefined();
  });

  it('keeps left_at: set when Slack deactivates someone, kept while they stay away, cleared when they come back', async () => {
    const people = createPeopleRepository(ctx.db);
    await people.upsertProfile(profile('UGONE', { deleted: true }), T);
    expect(await leftAt(ctx.db, 'UGONE')).toBe(T);
    await people.upsertProfile(profile('UA'), T);
    expect(await leftAt(ctx.db, 'UA')).toBeNull();
    await people.upsertProfile(profile('UA', { deleted: true }), T + DAY);
    expect(await leftAt(ctx.db, 'UA')).toBe(T + DAY);
    await people.upsertProfile(profile('UA', { deleted: true }), T + 5 * DAY);
    expect(await leftAt(ctx.db, 'UA')).toBe(T + DAY);
    expect((await people.upsertProfile(profile('UA'), T + 6 * DAY)).deleted).toBe(false);
    expect(await leftAt(ctx.db, 'UA')).toBeNull();
    // A row deactivated before left_at existed (0011 back-fills, but a stand-in may lack it) gets the time of the next write.
    await ctx.db.updateTable('people').set({ deleted: 1, left_at: null }).where('id', '=', 'UA').execute();
    await people.upsertProfile(profile('UA', { deleted: true }), T + 7 * DAY);
    expect(await leftAt(ctx.db, 'UA')).toBe(T + 7 * DAY);
  });

  it('sets and clears a manager line; the manager is stamped as one the first time only, also inside a transaction', async () => {
    const people = await org(ctx.db, ['UM', 'UA', 'UB']);
    await people.setManager('UA', 'UM', T + DAY);
    await people.setManager('UB', 'UM', T + 2 * DAY);
    expect(await people.get('UA')).toMatchObject({ managerId: 'UM', updatedAt: T + DAY });
    expect((await people.get('UM'))?.becameManagerAt).toBe(T + DAY);
    await people.setManager('UA', null, T + 3 * DAY);
    expect((await people.get('UA'))?.managerId).toBeUndefined();
    await ctx.db.transaction().execute(async (trx) => {
      await createPeopleRepository(trx).setManager('UM', 'UB', T + 4 * DAY);
    });
    expect(await people.get('UM')).toMatchObject({ managerId: 'UB' });
    expect((await people.get('UB'))?.becameManagerAt).toBe(T + 4 * DAY);
    await expect(ctx.db.transaction().execute(async (trx) => {
      await createPeopleRepository(trx).setManager('UA', 'UB', T + 5 * DAY);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await people.get('UA'))?.managerId).toBeUndefined();
  });

  it('reads people by key in one statement, by id, whoever is missing: one or two by the prepared form, more by a list', async () => {
    const people = await org(ctx.db, ['UM', 'UA', 'UB']);
    const ids = async (...asked: string[]) => (await people.getMany(asked)).map((p) => p.id);
    expect(await ids()).toEqual([]);
    expect(await ids('UM')).toEqual(['UM']);
    expect(await ids('UM', 'UA')).toEqual(['UA', 'UM']);
    expect(await ids('UA', 'UM')).toEqual(['UA', 'UM']);
    expect(await ids('UM', 'UNOBODY')).toEqual(['UM']);
    expect(await ids('UNOBODY', 'UNOBODY2')).toEqual([]);
    expect(await ids('UM', 'UM')).toEqual(['UM']);
    expect(await ids('UM', 'UB', 'UNOBODY', 'UA', 'UB')).toEqual(['UA', 'UB', 'UM']);
    // Ids are bound, never spliced into the text: a quote or a wildcard is just a key nobody has.
    expect(await ids("UM' OR '1'='1", '%')).toEqual([]);
    // The prepared form gives the same rows as one read each.
    expect(await people.getMany(['UA', 'UM'])).toEqual([await people.get('UA'), await people.get('UM')]);
    expect(await people.getMany(['UA', 'UM', 'UB'])).toEqual([await people.get('UA'), await people.get('UB'), await people.get('UM')]);
  });

  it('notes managing as the latest time seen, never moving it back', async () => {
    const people = await org(ctx.db, ['UM']);
    await people.noteManaging('UM', T + 2 * DAY);
    await people.noteManaging('UM', T + DAY);
    expect((await people.get('UM'))?.managingSeenAt).toBe(T + 2 * DAY);
    await people.noteManaging('UM', T + 3 * DAY);
    expect((await people.get('UM'))?.managingSeenAt).toBe(T + 3 * DAY);
  });

  it('lists active direct reports by name, case-insensitively (ASCII, then code point), then id', async () => {
    const people = createPeopleRepository(ctx.db);
    await people.upsertProfile(profile('UM'), T);
    const reports: Array<[string, string, Partial<Parameters<typeof profile>[1]>]> = [
      ['U1', 'zed', {}], ['U2', 'Bob', {}], ['U3', 'émile', {}], ['U4', 'adam', {}], ['U5', 'bob', {}], ['U6', 'Émile', {}],
      ['UGONE', 'aaron', { deleted: true }], ['UBOT', 'abot', { isBot: true }],
    ];
    for (const [id, name, extra] of reports) {
      await people.upsertProfile(profile(id, { name, ...extra }), T);
      await people.setManager(id, 'UM', T);
    }
    // NOCASE (SQLite) and lower(… COLLATE "C") (PostgreSQL) fold ASCII only and compare code points, whatever the
    // server's locale: É (U+00C9) and é (U+00E9) stay apart and both sort after z.
    expect((await people.reportsOf('UM')).map((p) => p.id)).toEqual(['U4', 'U2', 'U5', 'U1', 'U6', 'U3']);
    expect(await people.reportsOf('UNOBODY')).toEqual([]);
  });

  it('reads a person with their active reports in one statement, as get and reportsOf read them', async () => {
    const people = await org(ctx.db, THREE_LEVEL.ids, THREE_LEVEL.lines);
    await people.upsertProfile(profile('UE2', { deleted: true }), T);
    await people.upsertProfile(profile('UE5', { isBot: true }), T);
    await people.setManager('UE5', 'UM1', T);
    for (const id of [...THREE_LEVEL.ids, 'UE5', 'UNOBODY']) {
      expect(await people.getWithReports(id)).toEqual({ person: await people.get(id), reports: await people.reportsOf(id) });
    }
    expect((await people.getWithReports('UM1')).reports.map((p) => p.id)).toEqual(['UE1']);
  });

  it('measures the management depth below a person, capped at 3, counting active people only', async () => {
    const people = await org(ctx.db, THREE_LEVEL.ids, THREE_LEVEL.lines);
    const depths = async () => Object.fromEntries(await Promise.all(THREE_LEVEL.ids.map(async (id) => [id, await people.subtreeDepth(id)])));
    expect(await depths()).toEqual({ UCEO: 3, UVP1: 2, UVP2: 0, UM1: 1, UM2: 1, UE1: 0, UE2: 0, UE3: 0, UE4: 0 });
    // Many at once: the same depths in one statement.
    expect(Object.fromEntries(await people.subtreeDepths(THREE_LEVEL.ids))).toEqual(await depths());
    await people.upsertProfile(profile('UTOP'), T);
    await people.setManager('UCEO', 'UTOP', T);
    expect(await people.subtreeDepth('UTOP')).toBe(3);
    await people.upsertProfile(profile('UE3', { isBot: true }), T);
    expect(await people.subtreeDepth('UM2')).toBe(0);
    for (const id of ['UE1', 'UE2']) await people.upsertProfile(profile(id, { deleted: true }), T);
    expect(await people.subtreeDepth('UVP1')).toBe(0 + 1);
    expect(await people.subtreeDepth('UCEO')).toBe(2);
    expect(await people.subtreeDepths(['UCEO', 'UVP1', 'UM2'])).toEqual(new Map([['UCEO', 2], ['UVP1', 1], ['UM2', 0]]));
  });

  it('tells whether a new manager line would close a loop, also when old data already holds one', async () => {
    const people = await org(ctx.db, THREE_LEVEL.ids, THREE_LEVEL.lines);
    expect(await people.wouldCycle('UE1', 'UE1')).toBe(true);
    expect(await people.wouldCycle('UCEO', 'UE1')).toBe(true);
    expect(await people.wouldCycle('UVP1', 'UM2')).toBe(true);
    expect(await people.wouldCycle('UE1', 'UM2')).toBe(false);
    expect(await people.wouldCycle('UVP2', 'UE4')).toBe(false);
    // A loop written before the check existed (A → B → A) ends at the step guard instead of hanging.
    await org(ctx.db, ['UX', 'UY'], { UX: 'UY', UY: 'UX' });
    expect(await people.wouldCycle('UE4', 'UX')).toBe(false);
    expect(await people.wouldCycle('UY', 'UX')).toBe(true);
  });

  it('updates only the settings given; null clears; nothing given changes nothing', async () => {
    const people = await org(ctx.db, ['UA']);
    await people.updateSettings('UA', { cadenceDays: 21, nudgeDay: 3, nudgeHour: 16, nudgesPaused: true, snoozedUntil: T + DAY, levelOverride: 'mid-level', levelSource: 'self' }, T + DAY);
    expect(await people.get('UA')).toMatchObject({ cadenceDays: 21, nudgeDay: 3, nudgeHour: 16, nudgesPaused: true, snoozedUntil: T + DAY, levelOverride: 'mid-level', levelSource: 'self', updatedAt: T + DAY });
    await people.updateSettings('UA', { nudgesPaused: false, snoozedUntil: null, levelOverride: null, levelSource: null }, T + 2 * DAY);
    const after = await people.get('UA');
    expect(after).toMatchObject({ cadenceDays: 21, nudgeDay: 3, nudgeHour: 16, nudgesPaused: false, updatedAt: T + 2 * DAY });
    expect([after?.snoozedUntil, after?.levelOverride, after?.levelSource]).toEqual([undefined, undefined, undefined]);
    await people.updateSettings('UA', {}, T + 3 * DAY);
    expect((await people.get('UA'))?.updatedAt).toBe(T + 2 * DAY);
  });

  it('lists managers with an active report, counts active people, and gives every manager line', async () => {
    const people = await org(ctx.db, THREE_LEVEL.ids, THREE_LEVEL.lines);
    await people.upsertProfile(profile('UBOT', { isBot: true }), T);
    await people.setManager('UBOT', 'UE4', T);
    await people.upsertProfile(profile('UE3', { deleted: true }), T);
    expect((await people.managers()).map((p) => p.id)).toEqual(['UCEO', 'UM1', 'UVP1']);
    expect(await people.count()).toBe(8);
    const links = (await people.managerLinks()).sort((a, b) => a.id.localeCompare(b.id));
    expect(links).toContainEqual({ id: 'UE3', managerId: 'UM2' });
    expect(links).toContainEqual({ id: 'UBOT', managerId: 'UE4' });
    expect(links).toHaveLength(Object.keys(THREE_LEVEL.lines).length + 1);
  });

  it('finds active people by display or real name and anyone by email, case-insensitively, values bound', async () => {
    const people = createPeopleRepository(ctx.db);
    await people.upsertProfile(profile('UB', { name: 'sam', realName: 'Sam Roe', email: 'Sam@Example.com' }), T);
    await people.upsertProfile(profile('UA', { name: 'samr', realName: 'SAM' }), T);
    await people.upsertProfile(profile('UGONE', { name: 'sam', deleted: true, email: 'gone@example.com' }), T);
    await people.upsertProfile(profile('UBOT', { name: 'sam', isBot: true }), T);
    await people.upsertProfile(profile('UE', { name: 'Élise' }), T);
    await people.upsertProfile(profile('UQ', { name: "o'brien; DROP TABLE people" }), T);
    expect((await people.findByName('Sam')).map((p) => p.id)).toEqual(['UA', 'UB']);
    expect((await people.findByName('sam roe')).map((p) => p.id)).toEqual(['UB']);
    expect((await people.findByName("O'BRIEN; drop table people")).map((p) => p.id)).toEqual(['UQ']);
    // Only ASCII folds, on both engines (SQLite's lower() is ASCII-only).
    expect((await people.findByName('élise')).map((p) => p.id)).toEqual([]);
    expect((await people.findByName('Élise')).map((p) => p.id)).toEqual(['UE']);
    expect((await people.findByEmail('sam@EXAMPLE.com'))?.id).toBe('UB');
    expect((await people.findByEmail('GONE@example.com'))?.id).toBe('UGONE');
    expect(await people.findByEmail('nobody@example.com')).toBeUndefined();
  });

  it('caps a name search at 10, by id', async () => {
    const people = createPeopleRepository(ctx.db);
    for (let i = 12; i > 0; i -= 1) await people.upsertProfile(profile(`U${String(i).padStart(2, '0')}`, { name: 'kim' }), T);
    expect((await people.findByName('KIM')).map((p) => p.id)).toEqual(Array.from({ length: 10 }, (_, i) => `U${String(i + 1).padStart(2, '0')}`));
  });

  it('reads many people at once, in id order, skipping unknown ids, past the bound-parameter chunk', async () => {
    const people = createPeopleRepository(ctx.db);
    const ids = Array.from({ length: 620 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    await ctx.db.insertInto('people').values(ids.map((id) => ({ id, created_at: T, updated_at: T }))).execute();
    expect(await people.getMany([])).toEqual([]);
    const got = await people.getMany([...ids].reverse().concat('UNOBODY'));
    expect(got.map((p) => p.id)).toEqual(ids);
    expect((await people.getMany(['U0003', 'U0001'])).map((p) => p.id)).toEqual(['U0001', 'U0003']);
  });
});
