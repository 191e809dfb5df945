import { createPartnerSearch } from '../../../src/storage/one-on-one-people-search';
import { recognitionQuery } from '../../../src/storage/recognition-query';
import { createOneOnOneRepository } from '../../../src/storage/one-on-one-repository';
import { testSealer } from '../../helpers/data-key';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { kudos } from './seed';
import { DAY, T, org, profile } from './seed-people';

describeEachEngine('1:1 partner search and recognition reads', (ctx) => {
  it('matches a typed first name against display and real names, case-insensitively, active people only, by id', async () => {
    const people = await org(ctx.db, []);
    await people.upsertProfile(profile('U3', { name: 'alice.d', realName: 'Alice Doe' }), T);
    await people.upsertProfile(profile('U1', { name: 'ALICE smith', realName: 'A. Smith' }), T);
    await people.upsertProfile(profile('U2', { name: 'alicia', realName: 'Alicia Keys' }), T);
    await people.upsertProfile(profile('UGONE', { name: 'gone', realName: 'Alice Gone', deleted: true }), T);
    await people.upsertProfile(profile('UBOT', { name: 'bot', realName: 'Alice Bot', isBot: true }), T);
    await people.upsertProfile(profile('U4', { name: 'al_x', realName: 'al_x Jones' }), T);
    await people.upsertProfile(profile('U5', { name: 'alax', realName: 'alax Brown' }), T);
    await people.upsertProfile(profile('U6', { name: 'a%', realName: 'a% Percent' }), T);
    const search = createPartnerSearch(ctx.db);
    expect(await search.byFirstName(' Alice ', 10)).toEqual([{ id: 'U1' }, { id: 'U3' }]);
    expect(await search.byFirstName('alice', 1)).toEqual([{ id: 'U1' }]);
    // _ and % are letters here, not wildcards.
    expect(await search.byFirstName('al_x', 10)).toEqual([{ id: 'U4' }]);
    expect(await search.byFirstName('a%', 10)).toEqual([{ id: 'U6' }]);
    expect(await search.byFirstName('ali', 10)).toEqual([]);
  });

  it('lists recognition a person received since a time, newest first, capped (the prep card facts\' recognition)', async () => {
    await org(ctx.db, ['UA', 'UB', 'UC']);
    await kudos(ctx.db, 'UA', ['UB'], T - 40 * DAY, 'Old');
    await kudos(ctx.db, 'UA', ['UB', 'UC'], T - 2 * DAY, 'Demo');
    await kudos(ctx.db, 'UC', ['UB'], T - 2 * DAY, 'Same time');
    await kudos(ctx.db, 'UC', ['UB'], T - DAY, 'Latest');
    const repo = createOneOnOneRepository(ctx.db, { sealer: testSealer() });
    const receivedSince = async (personId: string, since: number, limit = 5) => (await repo.prepFacts('UM', personId, { since, openItems: 0, recognition: limit })).recognition;
    const got = await receivedSince('UB', T - 30 * DAY);
    expect(got.map((r) => [r.giverId, r.message, r.at])).toEqual([['UC', 'Latest', T - DAY], ['UC', 'Same time', T - 2 * DAY], ['UA', 'Demo', T - 2 * DAY]]);
    expect(got[0]?.value).toBe('Care');
    expect(await receivedSince('UB', T - 30 * DAY, 1)).toEqual(got.slice(0, 1));
    expect(await receivedSince('UB', 0)).toHaveLength(4);
    expect(await receivedSince('UA', 0)).toEqual([]);
  });

  it('reads recognition through kudos_recipients_person on both engines', async () => {
    const plan = (await planOf(ctx.engine, ctx.db, recognitionQuery(ctx.db, { personId: 'UB', from: 0, limit: 5 }))).join('\n');
    expect(plan).toContain('kudos_recipients_person');
    expect(plan).not.toMatch(/^SCAN (kudos|kudos_recipients|r|k)\b|Seq Scan on kudos/m);
  });
});
