import { createTipOfWeekStore } from '../../../src/storage/tip-of-week-store';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { T } from './seed-activity';

describeEachEngine('tip of the week store (App Home)', (ctx) => {
  it('keeps one tip per person for the week it was drawn in; another week reads as none', async () => {
    const tips = createTipOfWeekStore(ctx.db);
    expect(await tips.get('UA', '2027-W09')).toBeUndefined();
    await tips.set('UA', '2027-W09', 'tip-1', T);
    await tips.set('UB', '2027-W09', 'tip-2', T);
    expect([await tips.get('UA', '2027-W09'), await tips.get('UB', '2027-W09'), await tips.get('UA', '2027-W10')]).toEqual(['tip-1', 'tip-2', undefined]);
    await tips.set('UA', '2027-W10', 'tip-3', T + 1);
    expect([await tips.get('UA', '2027-W09'), await tips.get('UA', '2027-W10')]).toEqual([undefined, 'tip-3']);
    const rows = await ctx.db.selectFrom('settings').select(['key', 'updated_at']).where('key', 'like', 'home.tip.%').orderBy('key').execute();
    expect(rows).toEqual([{ key: 'home.tip.UA', updated_at: T + 1 }, { key: 'home.tip.UB', updated_at: T }]);
  });

  it('two instances writing the same person’s tip at once leave one row holding either tip', async () => {
    const a = createTipOfWeekStore(ctx.db);
    const b = createTipOfWeekStore(ctx.db);
    await Promise.all([a.set('UA', '2027-W09', 'tip-a', T), b.set('UA', '2027-W09', 'tip-b', T)]);
    expect(['tip-a', 'tip-b']).toContain(await a.get('UA', '2027-W09'));
  });

  it('reads a damaged value as no tip rather than failing App Home', async () => {
    await ctx.db.insertInto('settings').values([{ key: 'home.tip.UA', value: '{not json', updated_at: T }, { key: 'home.tip.UB', value: '{"week":"2027-W09","itemId":7}', updated_at: T }]).execute();
    const tips = createTipOfWeekStore(ctx.db);
    expect([await tips.get('UA', '2027-W09'), await tips.get('UB', '2027-W09')]).toEqual([undefined, undefined]);
  });

  it('reads its row through the settings primary key', async () => {
    const plan = (await planOf(ctx.engine, ctx.db, ctx.db.selectFrom('settings').select('value').where('key', '=', 'home.tip.UA'))).join('\n');
    expect(plan).toMatch(ctx.engine === 'sqlite' ? /SEARCH settings USING INDEX sqlite_autoindex_settings_1/ : /Index Scan using settings_pkey/);
  });
});
