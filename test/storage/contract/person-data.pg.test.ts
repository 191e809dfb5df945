import { createPersonDataReader } from '../../../src/storage/next/person-data-reader';
import { createPersonEraser } from '../../../src/storage/next/person-eraser';
import { columnContext, SEALED_COLUMNS } from '../../../src/storage/next/sealed-columns';
import { createTextSealer } from '../../../src/storage/sealed-text';
import type { Executor } from '../../../src/storage/engine';
import { OTHER_DATA_KEY, testSealer } from '../../helpers/data-key';
import { describeEachEngine } from '../../helpers/engines';
import { actionItem, kudos, oneOnOne, person } from './seed';
import { event, everyValue, goal, pulseResponse, setNotes } from './seed-reads';

const T = Date.UTC(2026, 10, 27, 12);
const sealer = testSealer();
const NOTES = 'one_on_ones.notes';
const TEXT = {
  aboutAlice: 'NOTE-ABOUT-ALICE-4e1f: worried about the move',
  byAlice: 'NOTE-BY-ALICE-77aa: Carol wants the lead role, Alice thinks',
  goal: 'GOAL-OF-ALICE-b0b0 ship the billing revamp',
  kudosFrom: 'KUDOS-FROM-ALICE-c3c3 thanks for the late-night fix',
  kudosTo: 'KUDOS-TO-ALICE-d4d4 great demo, Alice',
  pulse: 'PULSE-NAMES-ALICE: Alice Doe carries the team',
};

/** Maria manages Alice and Bob; notes both ways, a goal, kudos given and received, Alice's own 1:1 with Carol, a pulse comment naming her. */
async function world(db: Executor): Promise<void> {
  await person(db, 'UMARIA', T, { name: 'maria' });
  await person(db, 'UALICE', T, { manager: 'UMARIA', name: 'alice' });
  await db.updateTable('people').set({ real_name: 'Alice Doe', email: 'alice@example.com' }).where('id', '=', 'UALICE').execute();
  await person(db, 'UBOB', T, { manager: 'UMARIA', name: 'bob' });
  await person(db, 'UCAROL', T, { manager: 'UALICE', name: 'carol' });
  const about = await oneOnOne(db, 'UMARIA', 'UALICE', '2026-11-27', T);
  await setNotes(db, about, sealer.seal(TEXT.aboutAlice, NOTES));
  await actionItem(db, about, 'UMARIA', 'UALICE', T);
  await db.updateTable('one_on_ones').set({ summary_sent: 1 }).where('id', '=', about).execute();
  await setNotes(db, await oneOnOne(db, 'UALICE', 'UCAROL', '2026-11-26', T - 1), sealer.seal(TEXT.byAlice, NOTES));
  await setNotes(db, await oneOnOne(db, 'UMARIA', 'UBOB', '2026-11-25', T - 2), sealer.seal('notes about bob', NOTES));
  await goal(db, 'UALICE', TEXT.goal, T);
  await kudos(db, 'UALICE', ['UBOB'], T, TEXT.kudosFrom);
  await kudos(db, 'UBOB', ['UALICE', 'UCAROL'], T, TEXT.kudosTo);
  await kudos(db, 'UMARIA', ['UALICE', 'UBOB'], T, 'Alice and Bob: thanks <@UALICE>');
  await pulseResponse(db, 'p1', '2026-10', 'UMARIA', 4, sealer.seal(TEXT.pulse, 'pulse_responses.comment'));
  await event(db, 'level.changed', T, { actor: 'UMARIA', subject: 'UALICE', data: '{"who":"Alice Doe"}' });
  await db.insertInto('nudges').values({ person_id: 'UALICE', kind: 'weekly', period: 'W1', status: 'sent', due_at: T, next_attempt_at: T, payload: '{"name":"alice"}', created_at: T, updated_at: T }).execute();
}

const opened = (table: string, column: string, text: string) => {
  if (!SEALED_COLUMNS.some((c) => c.table === table && c.column === column)) return text;
  const o = sealer.open(text, `${table}.${column}`);
  return o.ok ? o.text : text;
};

describeEachEngine('person data: export and erasure', (ctx) => {
  it('reads every row naming the person, notes opened, times as ISO text', async () => {
    await world(ctx.db);
    const data = await createPersonDataReader(ctx.db, { sealer }).read('UALICE');
    expect(data.person).toMatchObject({ id: 'UALICE', real_name: 'Alice Doe', created_at: new Date(T).toISOString() });
    expect(data.goals.map((g) => g.title)).toEqual([TEXT.goal]);
    expect(data.kudosGiven.map((k) => [k.message, k.recipients])).toEqual([[TEXT.kudosFrom, 'UBOB']]);
    expect(data.kudosReceived.map((k) => k.giver_id)).toEqual(['UBOB', 'UMARIA']);
    expect(data.oneOnOnesAsReport).toEqual([expect.objectContaining({ manager_id: 'UMARIA', notes: TEXT.aboutAlice, summary_sent: true, held_on: '2026-11-27' })]);
    expect(data.oneOnOnesAsReport[0]?.items).toEqual([{ owner_id: 'UALICE', text: 'Do it', done_at: null, created_at: new Date(T).toISOString() }]);
    expect(data.oneOnOnesAsManager.map((o) => [o.report_id, o.notes, o.summary_sent])).toEqual([['UCAROL', TEXT.byAlice, false]]);
    expect(data.nudges).toEqual([{ kind: 'weekly', period: 'W1', status: 'sent', due_at: new Date(T).toISOString() }]);
    // `at` is not an *_at column: it stays epoch ms, as the better-sqlite3 reader gave it.
    expect(data.events).toEqual([{ at: T, kind: 'level.changed', actor_id: 'UMARIA', subject_id: 'UALICE' }]);
    expect(data.plan).toBeUndefined();
    const recipients = (await createPersonDataReader(ctx.db, { sealer }).read('UBOB')).kudosGiven[0]?.recipients as string;
    expect(recipients.split(' ').sort()).toEqual(['UALICE', 'UCAROL']);
    // Without the key, a note says which key it is under instead of failing the export.
    const other = await createPersonDataReader(ctx.db, { sealer: createTextSealer({ current: Buffer.from(OTHER_DATA_KEY, 'base64') }) }).read('UALICE');
    expect(other.oneOnOnesAsReport[0]?.notes).toMatch(/^\(encrypted under data key k[0-9a-f]{8}, which this Leadwell does not hold\)$/);
  });

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
