import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { runOrgImport } from '../../src/cli/org-import';
import { clockAt, fakeDirectory, profile, seedOrg } from '../org/fixtures';

describe('org import removals: a left_on date records a departure', () => {
  let ctx: ReturnType<typeof freshDb>;
  beforeEach(() => (ctx = freshDb()));
  afterEach(() => ctx.cleanup());

  it('records the departure with the manager and chain at the time, ends the reporting line, and never twice', async () => {
    const { people } = await seedOrg(ctx.db, ['UVP', 'UM1', 'UE1', 'UE2'], { UM1: 'UVP', UE1: 'UM1', UE2: 'UM1' });
    const slack = ['UVP', 'UM1', 'UE2'].map((id) => profile(id)).concat(profile('UE1', { deleted: true }));
    const csv = 'person,manager,left_on\nue2@example.com,um1@example.com,\nue1@example.com,um1@example.com,2026-10-15\nUM1,UVP,2027-05-01\n';
    const dry = await runOrgImport({ csv, apply: false, db: sqliteKysely(ctx.db), directory: fakeDirectory(slack), clock: clockAt() });
    expect(dry.lines).toEqual(expect.arrayContaining(['Leavers to record:', '  line 3: ue1 left on 2026-10-15', expect.stringContaining('line 4 (UM1): left date 2027-05-01 is in the future')]));
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM departures').get()).toEqual({ n: 0 });

    await runOrgImport({ csv, apply: true, db: sqliteKysely(ctx.db), directory: fakeDirectory(slack), clock: clockAt() });
    const rows = ctx.db.prepare('SELECT person_id, manager_id, manager_chain, role, source, left_at FROM departures').all();
    expect(rows).toEqual([{ person_id: 'UE1', manager_id: 'UM1', manager_chain: '["UM1","UVP"]', role: 'individual', source: 'org-import', left_at: Date.UTC(2026, 9, 15, 12) }]);
    expect((await people.get('UE1'))?.managerId).toBeUndefined();
    expect((await people.get('UE2'))?.managerId).toBe('UM1');
    await runOrgImport({ csv, apply: true, db: sqliteKysely(ctx.db), directory: fakeDirectory(slack), clock: clockAt() });
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM departures').get()).toEqual({ n: 1 });
  });
});
