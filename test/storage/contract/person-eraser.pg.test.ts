import { createPersonEraser } from '../../../src/storage/person-eraser';
import { columnContext, SEALED_COLUMNS } from '../../../src/storage/sealed-columns';
import { describeEachEngine } from '../../helpers/engines';
import { everyValue } from './seed-reads';
import { opened, sealer, T, TEXT, world } from './seed-privacy';

describeEachEngine('person eraser', (ctx) => {
  it('a dry run lists what would change and writes nothing', async () => {
    await world(ctx.db);
    const before = await everyValue(ctx.db);
    const plan = await createPersonEraser(ctx.db, { sealer }).erase('UALICE', { apply: false, now: T + 1 });
    expect(plan?.applied).toBe(false);
    expect(plan?.changes).toContainEqual({ table: 'goals', change: 'deleted', rows: 1 });
    expect(await everyValue(ctx.db)).toEqual(before);
  });

  it('erasure leaves nothing of her (id, names, email, her text) in any column of any table, and keeps shared records counted', async () => {
    await world(ctx.db);
    const counts = async () => ({
      kudos: (await ctx.db.selectFrom('kudos_recipients').select('kudos_id').execute()).length,
      oneOnOnes: (await ctx.db.selectFrom('one_on_ones').select('id').execute()).length,
      pulse: (await ctx.db.selectFrom('pulse_responses').select('id').execute()).length,
    });
    const before = await counts();
    const plan = await createPersonEraser(ctx.db, { sealer }).erase('UALICE', { apply: true, now: T + 1 });
    expect(plan?.pseudonym).toMatch(/^erased-[0-9a-f]{12}$/);
    const needles = ['UALICE', 'alice', 'Alice Doe', 'alice@example.com', TEXT.goal, TEXT.aboutAlice, 'NOTE-BY-ALICE'];
    const traces = (await everyValue(ctx.db, opened)).filter((v) => needles.some((n) => v.toLowerCase().includes(n.toLowerCase())));
    expect(traces).toEqual([]);
    expect(await counts()).toEqual(before);
    const pulse = await ctx.db.selectFrom('pulse_responses').select('comment').executeTakeFirstOrThrow();
    expect(sealer.open(pulse.comment, 'pulse_responses.comment')).toEqual({ ok: true, text: 'PULSE-NAMES-someone: someone carries the team' });
    const kept = await ctx.db.selectFrom('kudos').select(['giver_id', 'message']).where('message', 'like', 'KUDOS-FROM%').executeTakeFirstOrThrow();
    expect(kept).toEqual({ giver_id: plan?.pseudonym, message: 'KUDOS-FROM-someone-c3c3 thanks for the late-night fix' });
    const stand = await ctx.db.selectFrom('people').select(['name', 'real_name', 'email', 'deleted', 'erased_at']).where('id', '=', plan!.pseudonym).executeTakeFirstOrThrow();
    expect(stand).toEqual({ name: '', real_name: '', email: null, deleted: 1, erased_at: T + 1 });
    expect(await ctx.db.selectFrom('people').select('manager_id').where('id', '=', 'UCAROL').executeTakeFirstOrThrow()).toEqual({ manager_id: plan?.pseudonym });
    // The 1:1 about her keeps its date without notes or items' text; Bob's own notes are untouched.
    const bob = await ctx.db.selectFrom('one_on_ones').select('notes').where('report_id', '=', 'UBOB').executeTakeFirstOrThrow();
    expect(sealer.open(bob.notes, columnContext(SEALED_COLUMNS[0]!))).toEqual({ ok: true, text: 'notes about bob' });
    expect(await createPersonEraser(ctx.db, { sealer }).erase('UALICE', { apply: true, now: T + 2 })).toBeUndefined();
  });
});
