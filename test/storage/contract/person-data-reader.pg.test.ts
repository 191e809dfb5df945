import { createPersonDataReader } from '../../../src/storage/person-data-reader';
import { createTextSealer } from '../../../src/storage/sealed-text';
import { OTHER_DATA_KEY } from '../../helpers/data-key';
import { describeEachEngine } from '../../helpers/engines';
import { sealer, T, TEXT, world } from './seed-privacy';

describeEachEngine('person data reader', (ctx) => {
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
});
