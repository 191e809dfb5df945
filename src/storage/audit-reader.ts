import { AUDIT_KIND_LIST, type AuditReader } from '../domain/audit';
import type { Executor } from './engine';

/** Event data is JSON text written by the event log; anything else reads as no details rather than failing the page. */
function parse(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The statements, exported so a test can EXPLAIN them: events_at walked backwards, filtered by kind. */
export const auditQueries = (db: Executor, p: { offset: number; limit: number }) => ({
  page: db.selectFrom('events').select(['id', 'at', 'kind', 'actor_id', 'subject_id', 'data'])
    .where('kind', 'in', AUDIT_KIND_LIST).orderBy('at', 'desc').orderBy('id', 'desc').limit(p.limit).offset(p.offset),
  total: db.selectFrom('events').select((e) => e.fn.countAll<number>().as('n')).where('kind', 'in', AUDIT_KIND_LIST),
});

/** The audit kinds of `events`, newest first; never note text (the event log does not hold any). */
export function createAuditReader(db: Executor): AuditReader {
  return {
    async page(offset, limit) {
      const q = auditQueries(db, { offset, limit });
      const [rows, total] = await Promise.all([q.page.execute(), q.total.executeTakeFirst()]);
      return {
        rows: rows.map((r) => ({ id: Number(r.id), at: Number(r.at), kind: r.kind, actorId: r.actor_id ?? undefined, subjectId: r.subject_id ?? undefined, data: parse(r.data) })),
        total: Number(total?.n ?? 0),
      };
    },
  };
}
