import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type {
  LineVia, NewReportingLineRequest, ReportingLineRequest, ReportingLineRequests, RequestStatus,
} from '../domain/reporting-lines/reporting-line';
import { affected, type Executor } from './engine';
import type { ReportingLineRequestsTable } from './schema-goals';

function toRequest(r: Selectable<ReportingLineRequestsTable>): ReportingLineRequest {
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

/** A literal, not a bound value: PostgreSQL matches ON CONFLICT … WHERE to the partial unique index only by its text. */
const PENDING = sql<'pending'>`'pending'`;

/** The reads behind the ask limits, exported so a test can EXPLAIN them: each seeks its index (0009). */
export const lineLimitQueries = (db: Executor, p: { personId: string; toManagerId: string; requesterId: string; since: number }) => ({
  requestedBy: db.selectFrom('reporting_line_requests').select((e) => e.fn.countAll<number>().as('n'))
    .where('requested_by', '=', p.requesterId).where('created_at', '>=', p.since),
  declined: db.selectFrom('reporting_line_requests').select((e) => e.fn.max('decided_at').as('at'))
    .where('person_id', '=', p.personId).where('to_manager_id', '=', p.toManagerId).where('status', '=', 'declined').where('decided_at', '>=', p.since),
});

/** The reporting-line requests (0005). `atomically` is gone: the decision and the line change share a unit of work. */
export function createReportingLineRequests(db: Executor): ReportingLineRequests {
  const pending = (personId: string, toManagerId: string) =>
    db.selectFrom('reporting_line_requests').selectAll().where('person_id', '=', personId).where('to_manager_id', '=', toManagerId)
      .where('status', '=', PENDING).executeTakeFirst();
  const limits = (p: Partial<Parameters<typeof lineLimitQueries>[1]>) => lineLimitQueries(db, { personId: '', toManagerId: '', requesterId: '', since: 0, ...p });
  return {
    async open(request: NewReportingLineRequest) {
      // 128 random bits: a button value nobody can guess (who may answer is still checked on every click).
      const id = crypto.randomBytes(16).toString('hex');
      const inserted = await db.insertInto('reporting_line_requests').values({
        id, person_id: request.personId, from_manager_id: request.fromManagerId ?? null, to_manager_id: request.toManagerId,
        requested_by: request.requestedBy, via: request.via, created_at: request.createdAt, expires_at: request.expiresAt,
      }).onConflict((oc) => oc.columns(['person_id', 'to_manager_id']).where('status', '=', PENDING).doNothing()).executeTakeFirst();
      const row = await pending(request.personId, request.toManagerId);
      return { request: toRequest(row!), created: affected(inserted) === 1 };
    },
    get: async (id) => {
      const row = await db.selectFrom('reporting_line_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : undefined;
    },
    pending: async (personId, toManagerId) => {
      const row = await pending(personId, toManagerId);
      return row ? toRequest(row) : undefined;
    },
    countRequestedBy: async (requesterId, since) => Number((await limits({ requesterId, since }).requestedBy.executeTakeFirst())?.n ?? 0),
    lastDeclinedAt: async (personId, toManagerId, since) => {
      const at = (await limits({ personId, toManagerId, since }).declined.executeTakeFirst())?.at;
      return at === null || at === undefined ? undefined : Number(at);
    },
    settle: async (id, status, decidedBy, at) =>
      affected(await db.updateTable('reporting_line_requests').set({ status, decided_by: decidedBy ?? null, decided_at: at })
        .where('id', '=', id).where('status', '=', PENDING).executeTakeFirst()) === 1,
    due: async (now, limit) =>
      (await db.selectFrom('reporting_line_requests').selectAll().where('status', '=', PENDING).where('expires_at', '<=', now)
        .orderBy('expires_at').orderBy('id').limit(limit).execute()).map(toRequest),
  };
}
