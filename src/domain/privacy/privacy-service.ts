import { DomainError } from '../errors';
import type { AuditService } from '../audit';
import type { Clock } from '../ports';
import type { PersonDataReader, Row } from './person-data';
import { buildPersonExport, type ExportAudience } from './person-export';
import type { ErasurePlan, PersonEraser } from './erasure';
import { retentionCutoffs, type RetentionOutcome, type RetentionPolicy, type RetentionStore } from '../retention';

export interface PrivacyService {
  /** A person's data as JSON-ready rows: `self` for the person, `hr` for the full export. Audited. */
  exportPerson(personId: string, audience: ExportAudience, actorId: string): Row;
  /** Dry run unless apply; audited when applied (the audit row names the stand-in, never the person). */
  erase(personId: string, apply: boolean, actorId: string): ErasurePlan;
  /** The daily retention run: text and events past their time, then leavers. Audited when anything changed. */
  applyRetention(now: number): RetentionOutcome;
}

export function createPrivacyService(deps: {
  reader: PersonDataReader;
  eraser: PersonEraser;
  retention: RetentionStore;
  policy: RetentionPolicy;
  audit: AuditService;
  clock: Clock;
}): PrivacyService {
  const { audit, clock } = deps;
  const erase = (personId: string, apply: boolean, actorId: string, kind: 'privacy.erased' | 'privacy.leaver_anonymised'): ErasurePlan => {
    const plan = deps.eraser.erase(personId, { apply, now: clock.now() });
    if (!plan) throw new DomainError('privacy_unknown_person', `Leadwell holds nobody with the id ${personId} (or they were erased already).`);
    if (apply) {
      audit.record(kind, actorId, plan.pseudonym, { rows: plan.changes.reduce((a, c) => a + c.rows, 0), tables: new Set(plan.changes.map((c) => c.table.split('.')[0])).size });
      deps.retention.flush();
    }
    return plan;
  };
  return {
    exportPerson(personId, audience, actorId) {
      const data = deps.reader.read(personId);
      if (!data.person) throw new DomainError('privacy_unknown_person', `Leadwell holds nobody with the id ${personId}.`);
      audit.record('privacy.exported', actorId, personId, { audience });
      return buildPersonExport(data, personId, audience, clock.now());
    },
    erase: (personId, apply, actorId) => erase(personId, apply, actorId, 'privacy.erased'),
    applyRetention(now) {
      const cut = retentionCutoffs(deps.policy, now);
      const removed = deps.retention.apply(cut);
      let leavers = 0;
      if (cut.leftBefore !== undefined) {
        for (const id of deps.retention.leaversDue(cut.leftBefore, 500)) {
          erase(id, true, 'scheduler', 'privacy.leaver_anonymised');
          leavers += 1;
        }
      }
      const outcome = { ...removed, leavers };
      if (Object.values(outcome).some((n) => n > 0)) audit.record('retention.applied', 'scheduler', undefined, { ...outcome });
      deps.retention.flush();
      return outcome;
    },
  };
}
