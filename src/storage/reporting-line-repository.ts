import { asyncPort } from './interim-async';
import crypto from 'node:crypto';
import type { Db } from './database';
import type {
  LineVia, NewReportingLineRequest, ReportingLineRequest, ReportingLineRequests, RequestStatus,
} from '../domain/reporting-lines/reporting-line';

interface RequestRow {
  id: string;
  person_id: string;
  from_manager_id: string | null;
  to_manager_id: string;
  requested_by: string;
  via: string;
  status: string;
  decided_by: string | null;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
}

function toRequest(r: RequestRow): ReportingLineRequest {
  return {
    id: r.id,
    personId: r.person_id,
    fromManagerId: r.from_manager_id ?? undefined,
    toManagerId: r.to_manager_id,
    requestedBy: r.requested_by,
    via: r.via as LineVia,
    status: r.status as RequestStatus,
    decidedBy: r.decided_by ?? undefined,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    decidedAt: r.decided_at ?? undefined,
  };
}

/** The reads behind the ask limits, exported so a test can EXPLAIN them: each seeks its index (0007). */
export const LINE_LIMIT_SQL = {
  requestedBy: 'SELECT COUNT(*) AS n FROM reporting_line_requests WHERE requested_by = ? AND created_at >= ?',
  declined: "SELECT MAX(decided_at) AS at FROM reporting_line_requests WHERE person_id = ? AND to_manager_id = ? AND status = 'declined' AND decided_at >= ?",
};

export function createReportingLineRequests(db: Db): ReportingLineRequests {
  const insert = db.prepare(`
    INSERT INTO reporting_line_requests (id, person_id, from_manager_id, to_manager_id, requested_by, via, created_at, expires_at)
    VALUES (@id, @personId, @fromManagerId, @toManagerId, @requestedBy, @via, @createdAt, @expiresAt)
    ON CONFLICT (person_id, to_manager_id) WHERE status = 'pending' DO NOTHING`);
  const pending = db.prepare<[string, string], RequestRow>(
    "SELECT * FROM reporting_line_requests WHERE person_id = ? AND to_manager_id = ? AND status = 'pending'",
  );
  const get = db.prepare<[string], RequestRow>('SELECT * FROM reporting_line_requests WHERE id = ?');
  const requestedBy = db.prepare<[string, number], { n: number }>(LINE_LIMIT_SQL.requestedBy);
  const declined = db.prepare<[string, string, number], { at: number | null }>(LINE_LIMIT_SQL.declined);
  const settle = db.prepare(
    "UPDATE reporting_line_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'",
  );
  const due = db.prepare<[number, number], RequestRow>(
    "SELECT * FROM reporting_line_requests WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?",
  );
  return asyncPort<ReportingLineRequests>({
    open(request: NewReportingLineRequest) {
      // 128 random bits: a button value nobody can guess (who may answer is still checked on every click).
      const id = crypto.randomBytes(16).toString('hex');
      const created = insert.run({ ...request, id, fromManagerId: request.fromManagerId ?? null }).changes === 1;
      return { request: toRequest(pending.get(request.personId, request.toManagerId) as RequestRow), created };
    },
    get: (id) => {
      const row = get.get(id);
      return row ? toRequest(row) : undefined;
    },
    pending: (personId, toManagerId) => {
      const row = pending.get(personId, toManagerId);
      return row ? toRequest(row) : undefined;
    },
    countRequestedBy: (requesterId, since) => requestedBy.get(requesterId, since)?.n ?? 0,
    lastDeclinedAt: (personId, toManagerId, since) => declined.get(personId, toManagerId, since)?.at ?? undefined,
    settle: (id, status, decidedBy, at) => settle.run(status, decidedBy ?? null, at, id).changes === 1,
    due: (now, limit) => due.all(now, limit).map(toRequest),
  });
}
