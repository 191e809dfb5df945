import type { Db } from './database';
import { AUDIT_KIND_LIST, type AuditReader } from '../domain/audit';
import { asyncPort } from './interim-async';

interface EventRow {
  id: number;
  at: number;
  kind: string;
  actor_id: string | null;
  subject_id: string | null;
  data: string;
}

/** The audit kinds of `events`, newest first (events_at index walked backwards, filtered by kind). */
export function createAuditReader(db: Db): AuditReader {
  const kinds = AUDIT_KIND_LIST.map(() => '?').join(', ');
  const page = db.prepare<unknown[], EventRow>(
    `SELECT id, at, kind, actor_id, subject_id, data FROM events WHERE kind IN (${kinds}) ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const total = db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM events WHERE kind IN (${kinds})`);
  const parse = (text: string): Record<string, unknown> => {
    try {
      const v = JSON.parse(text) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return asyncPort<AuditReader>({
    page(offset, limit) {
      const rows = page.all(...AUDIT_KIND_LIST, limit, offset).map((r) => ({
        id: r.id,
        at: r.at,
        kind: r.kind,
        actorId: r.actor_id ?? undefined,
        subjectId: r.subject_id ?? undefined,
        data: parse(r.data),
      }));
      return { rows, total: total.get(...AUDIT_KIND_LIST)?.n ?? 0 };
    },
  });
}
