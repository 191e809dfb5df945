import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { parse } from 'csv-parse/sync';
import { freshDb } from '../helpers/db';
import { applyPlan, planImport, type ImportRow } from '../../src/domain/org-import';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createEventLog } from '../../src/storage/event-log';
import { clockAt, fakeDirectory, profile } from './fixtures';
import { unitOfWork } from '../helpers/unit-of-work';

function rowsOf(csv: string): ImportRow[] {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, info: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

const slack = [
  profile('UCEO', { name: 'carol' }),
  profile('UVP', { name: 'victor' }),
  profile('UANN', { name: 'ann' }),
  profile('UBOB', { name: 'bob' }),
  profile('UBOT', { name: 'robot', isBot: true }),
  profile('UGONE', { name: 'gone', deleted: true }),
];

describe('org chart CSV import', () => {
  let ctx: ReturnType<typeof freshDb>;
  beforeEach(() => (ctx = freshDb()));
  afterEach(() => ctx.cleanup());

  function deps() {
    const people = createPeopleRepository(sqliteKysely(ctx.db));
    const clock = clockAt();
    const events = createEventLog(sqliteKysely(ctx.db));
    return { people, clock, events, uow: unitOfWork(ctx.db, (trx) => ({ people: createPeopleRepository(trx), events: createEventLog(trx) })) };
  }

  const good = [
    'person,manager,level,cadence',
    'carol@example.com,,,',
    'victor@example.com,carol@example.com,,21',
    'ann@example.com,victor@example.com,,',
    'UBOB,UVP,frontline,7',
  ].join('\n');

  it('plans good rows without writing, then applies them, and a re-import changes nothing', async () => {
    const d = deps();
    const plan = await planImport(rowsOf(good), fakeDirectory(slack), d.people);
    expect(plan.unmatched).toEqual([]);
    expect(plan.refused).toEqual([]);
    expect(await d.people.count()).toBe(0);
    const managerChanges = plan.changes.filter((c) => c.kind === 'manager').map((c) => [c.personId, c.kind === 'manager' && c.to]);
    expect(managerChanges).toEqual([['UVP', 'UCEO'], ['UANN', 'UVP'], ['UBOB', 'UVP']]);
    expect(plan.changes.filter((c) => c.kind === 'new-person')).toHaveLength(4);

    // 3 manager lines, 1 level, 2 cadences.
    expect((await applyPlan(plan, d)).applied).toBe(6);
    expect((await d.people.get('UANN'))?.managerId).toBe('UVP');
    expect(await d.people.get('UBOB')).toMatchObject({ managerId: 'UVP', levelOverride: 'frontline', levelSource: 'admin', cadenceDays: 7 });
    expect((await d.people.get('UVP'))?.cadenceDays).toBe(21);
    expect((await d.people.get('UCEO'))?.managerId).toBeUndefined();
    // The operator's import sets lines directly, and each one is in the audit trail (issue 15).
    const audited = ctx.db.prepare("SELECT subject_id, data FROM events WHERE kind = 'org.manager_set' ORDER BY id").all() as Array<{ subject_id: string; data: string }>;
    expect(audited.map((e) => [e.subject_id, JSON.parse(e.data)])).toEqual([
      ['UVP', { from: null, to: 'UCEO', via: 'org_import' }],
      ['UANN', { from: null, to: 'UVP', via: 'org_import' }],
      ['UBOB', { from: null, to: 'UVP', via: 'org_import' }],
    ]);

    const again = await planImport(rowsOf(good), fakeDirectory(slack), d.people);
    expect(again.changes).toEqual([]);
    expect(again.unchanged).toBe(4);
    expect((await applyPlan(again, d)).applied).toBe(0);
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'org.imported'").get()).toEqual({ n: 2 });
  });

  it('names every row it could not match, with the reason', async () => {
    const d = deps();
    const csv = [
      'Email,Manager Email,Level,Cadence',
      'nobody@example.com,carol@example.com,,',
      'not-an-email,carol@example.com,,',
      'ann@example.com,ghost@example.com,,',
      'robot@example.com,carol@example.com,,',
      'gone@example.com,carol@example.com,,',
      'bob@example.com,carol@example.com,boss,',
      'victor@example.com,carol@example.com,,999',
      ',carol@example.com,,',
      'carol@example.com,,,',
      'CAROL@example.com,victor@example.com,,',
    ].join('\n');
    const directory = fakeDirectory(slack);
    const plan = await planImport(rowsOf(csv), directory, d.people);
    expect(plan.unmatched.map((u) => [u.line, u.reason])).toEqual([
      [2, 'no Slack user with the email nobody@example.com'],
      [3, '"not-an-email" is neither an email address nor a Slack user id'],
      [4, 'manager: no Slack user with the email ghost@example.com'],
      [5, 'person robot is a bot or an app'],
      [6, 'person gone is deactivated in Slack'],
      [7, 'level "boss" is not one of frontline, mid-level, executive or auto'],
      [8, 'cadence "999" must be a whole number of days from 1 to 180'],
      [9, 'the person cell is empty'],
      [11, 'this person already appears on line 10; only the first row counts'],
    ]);
    // carol was looked up once although she appears in many rows and in two spellings.
    expect(directory.calls.filter((c) => c === 'email:carol@example.com')).toHaveLength(1);
    expect(plan.changes.map((c) => c.personId)).toEqual(['UCEO']);
  });

  it('refuses self-management and loops, naming the rows, and keeps the rest', async () => {
    const d = deps();
    const csv = [
      'person,manager',
      'ann@example.com,bob@example.com',
      'bob@example.com,ann@example.com',
      'victor@example.com,victor@example.com',
      'carol@example.com,',
    ].join('\n');
    const plan = await planImport(rowsOf(csv), fakeDirectory(slack), d.people);
    expect(plan.refused.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(plan.refused[0]?.reason).toBe(
      'would make a management loop: ann <ann@example.com> (line 2) → reports to → bob <bob@example.com> (line 3) → reports to → ann <ann@example.com> (line 2)',
    );
    expect(plan.refused[2]?.reason).toBe('victor <victor@example.com> cannot be their own manager');
    expect(plan.changes.map((c) => c.personId)).toEqual(['UCEO']);
  });

  it('finds a loop that goes through a manager line already in the database', async () => {
    const d = deps();
    const first = await planImport(rowsOf('person,manager\nUVP,UCEO\nUANN,UVP'), fakeDirectory(slack), d.people);
    await applyPlan(first, d);
    // The CEO now reporting to ann closes UCEO → UANN → UVP → UCEO through two stored lines.
    const plan = await planImport(rowsOf('person,manager\nUCEO,UANN'), fakeDirectory(slack), d.people);
    expect(plan.refused).toHaveLength(1);
    expect(plan.refused[0]?.reason).toContain('carol <carol@example.com> (line 2) → reports to → ann <ann@example.com> → reports to → victor');
    await applyPlan(plan, d);
    expect((await d.people.get('UCEO'))?.managerId).toBeUndefined();
  });

  it('moves a person to a new manager on re-import and says from whom', async () => {
    const d = deps();
    await applyPlan(await planImport(rowsOf('person,manager\nUANN,UVP'), fakeDirectory(slack), d.people), d);
    const plan = await planImport(rowsOf('person,manager\nUANN,UCEO'), fakeDirectory(slack), d.people);
    expect(plan.changes).toEqual([
      expect.objectContaining({ kind: 'manager', personId: 'UANN', from: 'UVP', to: 'UCEO', fromLabel: 'victor <victor@example.com>' }),
    ]);
    await applyPlan(plan, d);
    expect((await d.people.get('UANN'))?.managerId).toBe('UCEO');
    expect((await d.people.get('UCEO'))?.name).toBe('carol');
  });

  it('refuses a file without person and manager columns', async () => {
    const d = deps();
    await expect(planImport(rowsOf('name,boss\na,b'), fakeDirectory(slack), d.people)).rejects.toMatchObject({ code: 'import_columns' });
    await expect(planImport(rowsOf('person,manager\n'), fakeDirectory(slack), d.people)).rejects.toMatchObject({ code: 'import_empty' });
  });
});
