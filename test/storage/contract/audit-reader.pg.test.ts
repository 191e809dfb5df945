import { auditQueries, createAuditReader } from '../../../src/storage/audit-reader';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { event } from './seed-reads';

const T = 1_800_000_000_000;

describeEachEngine('audit reader', (ctx) => {
  it('pages the audit kinds newest first (ties by id), with the total; product activity is not on the trail', async () => {
    const db = ctx.db;
    await event(db, 'level.changed', T, { actor: 'UADMIN', subject: 'UA', data: '{"level":"executive"}' });
    await event(db, 'kudos.given', T + 1, { actor: 'UA' });
    await event(db, 'settings.changed', T + 2, { actor: 'UA', subject: 'UA', data: '{"i":1}' });
    await event(db, 'settings.changed', T + 2, { actor: 'UA', data: '{"i":2}' });
    await event(db, 'privacy.erased', T + 3, { actor: 'cli', subject: 'erased-abc', data: 'not json' });
    const reader = createAuditReader(db);
    const first = await reader.page(0, 2);
    expect(first.total).toBe(4);
    expect(first.rows.map((r) => [r.kind, r.at, r.data])).toEqual([
      ['privacy.erased', T + 3, {}],
      ['settings.changed', T + 2, { i: 2 }],
    ]);
    expect(first.rows[0]).toMatchObject({ actorId: 'cli', subjectId: 'erased-abc' });
    expect(first.rows[1]?.subjectId).toBeUndefined();
    const second = await reader.page(2, 2);
    expect(second.rows.map((r) => [r.kind, r.actorId, r.subjectId, r.data])).toEqual([
      ['settings.changed', 'UA', 'UA', { i: 1 }],
      ['level.changed', 'UADMIN', 'UA', { level: 'executive' }],
    ]);
    expect((await reader.page(4, 2)).rows).toEqual([]);
    expect(typeof second.rows[0]?.id).toBe('number');
  });

  // As the better-sqlite3 reader: the kinds are found through an index on events (which one is the planner's
  // choice by the table's statistics), never by reading the whole log.
  it.each(['page', 'total'] as const)('%s reads events through an index', async (name) => {
    const plan = (await planOf(ctx.engine, ctx.db, auditQueries(ctx.db, { offset: 0, limit: 15 })[name])).join('\n');
    expect(plan).toMatch(/events_(at|kind_at|kind_ref)/);
    expect(plan).not.toMatch(/Seq Scan|SCAN events\b(?! USING)/);
  });
});
