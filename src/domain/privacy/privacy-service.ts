import { DomainError } from '../errors';
import type { AuditService } from '../audit';
import type { Clock, EventLog, UnitOfWork } from '../ports';
import type { PersonDataReader, Row } from './person-data';
import { buildPersonExport, type ExportAudience } from './person-export';
import type { ErasurePlan, PersonEraser } from './erasure';
import { retentionCutoffs, type RetentionOutcome, type RetentionPolicy, type RetentionStore } from '../retention';

export interface PrivacyService {
  /** A person's data as JSON-ready rows: `self` for the person, `hr` for the full export. Audited. */
  exportPerson(personId: string, audience: ExportAudience, actorId: string): Promise<Row>;
  /** Dry run unless apply; audited when applied (the audit row names the stand-in, never the person). */
  erase(personId: string, apply: boolean, actorId: string): Promise<ErasurePlan>;
  /** The daily retention run: text and events past their time, then leavers. Audited when anything changed. */
  applyRetention(now: number): Promise<RetentionOutcome>;
}

/** An erasure and its audit row: both or neither (the audit row names the stand-in, never the person). */
export type ErasureWork = UnitOfWork<{ eraser: PersonEraser; events: EventLog }>;

export function createPrivacyService(deps: {
  reader: PersonDataReader;
  eraser: PersonEraser;
  uow: ErasureWork;
  retention: RetentionStore;
  policy: RetentionPolicy;
  audit: AuditService;
  clock: Clock;
}): PrivacyService {
  const { audit, clock } = deps;
  const erase = async (personId: string, apply: boolean, actorId: string, kind: 'privacy.erased' | 'privacy.leaver_anonymised'): Promise<ErasurePlan> => {
    const now = clock.now();
    const plan = await deps.uow.run(async ({ eraser, events }) => {
      const plan = await eraser.erase(personId, { apply, now });
      if (plan && apply) {
        const data = { rows: plan.changes.reduce((a, c) => a + c.rows, 0), tables: new Set(plan.changes.map((c) => c.table.split('.')[0])).size };
        await events.append({ kind, actorId, subjectId: plan.pseudonym, data }, now);
      }
      return plan;
    });
    if (!plan) throw new DomainError('privacy_unknown_person', `Leadwell holds nobody with the id ${personId} (or they were erased already).`);
    // After the commit: the WAL checkpoint cannot run inside a transaction.
    if (apply) await deps.retention.flush();
    return plan;
  };
  return {
    async exportPerson(personId, audience, actorId) {
      const data = await deps.reader.read(personId);
      if (!data.person) throw new DomainError('privacy_unknown_person', `Leadwell holds nobody with the id ${personId}.`);
      await audit.record('privacy.exported', actorId, personId, { audience });
      return buildPersonExport(data, personId, audience, clock.now());
    },
    erase: (personId, apply, actorId) => erase(personId, apply, actorId, 'privacy.erased'),
    async applyRetention(now) {
      const cut = retentionCutoffs(deps.policy, now);
      const removed = await deps.retention.apply(cut);
      let leavers = 0;
      if (cut.leftBefore !== undefined) {
        for (const id of await deps.retention.leaversDue(cut.leftBefore, 500)) {
          await erase(id, true, 'scheduler', 'privacy.leaver_anonymised');
          leavers += 1;
        }
      }
      const outcome = { ...removed, leavers };
      if (Object.values(outcome).some((n) => n > 0)) await audit.record('retention.applied', 'scheduler', undefined, { ...outcome });
      await deps.retention.flush();
      return outcome;
    },
  };
}
