import { freshDb } from '../helpers/db';
import { AUDIT_KIND_LIST } from '../../src/domain/audit';

/** The daily and admin queries of issue 19 seek their indexes instead of scanning large tables. */
describe('data-lifecycle SQL uses its indexes', () => {
  const plan = (sql: string, ...params: unknown[]) => {
    const env = freshDb();
    const rows = env.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
    env.cleanup();
    return rows.map((r) => r.detail).join('\n');
  };

  it('leavers due, events by age and the audit page', () => {
    expect(plan('SELECT id FROM people WHERE deleted = 1 AND is_bot = 0 AND erased_at IS NULL AND left_at < ? ORDER BY left_at LIMIT ?', 1, 10)).toContain('people_left');
    expect(plan('DELETE FROM events WHERE at < ?', 1)).toContain('events_at');
    const kinds = AUDIT_KIND_LIST.map(() => '?').join(', ');
    expect(plan(`SELECT id FROM events WHERE kind IN (${kinds}) ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`, ...AUDIT_KIND_LIST, 15, 0)).toMatch(/events_(at|kind_at)/);
  });
});
