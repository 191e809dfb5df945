import { DomainError } from './errors';
import type { Clock, EventLog } from './ports';

/**
 * The audit trail is the `events` table (one append-only log, issue 15 already writes reporting-line
 * changes there); this names the kinds that are admin or security-relevant, so they can be listed apart
 * from product activity (a kudos given, a nudge clicked). Rows carry who, what, when and on whom; never note text.
 */
export const AUDIT_KINDS = {
  'level.changed': 'Level set',
  'org.manager_set': 'Reporting line changed',
  'org.line_requested': 'Reporting line requested',
  'org.line_request_declined': 'Reporting line declined',
  'org.line_request_expired': 'Reporting line request expired',
  'org.line_request_cancelled': 'Reporting line request cancelled',
  'org.imported': 'Org chart imported',
  'settings.changed': 'Settings changed',
  'report.viewed': 'Report viewed',
  'report.exported': 'Report CSV exported',
  'privacy.exported': 'Personal data exported',
  'privacy.erased': 'Person erased',
  'privacy.leaver_anonymised': 'Leaver anonymised',
  'retention.applied': 'Retention applied',
  'keys.rotated': 'Data key rotated',
  'backup.created': 'Backup taken',
  'backup.restored': 'Backup restored',
  'audit.viewed': 'Audit trail viewed',
  'audit.exported': 'Audit trail exported',
  'workspace.uninstalled': 'App uninstalled',
  'workspace.tokens_revoked': 'Tokens revoked',
} as const;

export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_LIST = Object.keys(AUDIT_KINDS) as AuditKind[];

/** Who acted when nobody in Slack did: the operator's command line or the app's own schedule. */
export const SYSTEM_ACTORS = { cli: 'cli', scheduler: 'scheduler' } as const;

export interface AuditEntry {
  id: number;
  at: number;
  kind: string;
  label: string;
  actorId?: string;
  subjectId?: string;
  data: Record<string, unknown>;
}

export interface AuditReader {
  /** Audit rows, newest first. */
  page(offset: number, limit: number): Promise<{ rows: Array<Omit<AuditEntry, 'label'>>; total: number }>;
}

export const AUDIT_PAGE_SIZE = 15;
/** The CSV holds at most this many rows (newest); the operator's database copy holds the rest. */
export const AUDIT_EXPORT_MAX = 50_000;

export interface AuditService {
  record(kind: AuditKind, actorId: string, subjectId?: string, data?: Record<string, unknown>): Promise<void>;
  /** Page n (1-based) for an admin; records that they looked. */
  page(viewerId: string, page: number): Promise<{ entries: AuditEntry[]; page: number; pages: number; total: number }>;
  /** Every row (up to AUDIT_EXPORT_MAX) for the CSV; records the export. */
  exportAll(viewerId: string): Promise<AuditEntry[]>;
}

export function createAuditService(deps: { reader: AuditReader; events: EventLog; clock: Clock; isAdmin: (id: string) => boolean }): AuditService {
  const label = (kind: string) => (AUDIT_KINDS as Record<string, string>)[kind] ?? kind;
  const record: AuditService['record'] = (kind, actorId, subjectId, data) => deps.events.append({ kind, actorId, subjectId, data }, deps.clock.now());
  const mustBeAdmin = (viewerId: string) => {
    if (!deps.isAdmin(viewerId)) throw new DomainError('not_admin', 'Only a Leadwell admin can see the audit trail.');
  };
  return {
    record,
    async page(viewerId, page) {
      mustBeAdmin(viewerId);
      const wanted = Math.max(1, Math.floor(page));
      const { rows, total } = await deps.reader.page((wanted - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE);
      await record('audit.viewed', viewerId, undefined, { page: wanted });
      return { entries: rows.map((r) => ({ ...r, label: label(r.kind) })), page: wanted, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), total };
    },
    async exportAll(viewerId) {
      mustBeAdmin(viewerId);
      const { rows } = await deps.reader.page(0, AUDIT_EXPORT_MAX);
      await record('audit.exported', viewerId, undefined, { rows: rows.length });
      return rows.map((r) => ({ ...r, label: label(r.kind) }));
    },
  };
}
