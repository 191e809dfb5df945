import type { Person } from './people';
import type { PeopleService } from './people-service';
import type { ReportingLineService } from './reporting-lines/reporting-line-service';

export interface TeamChangeResult {
  /** People added at once (an admin's change). */
  added: Person[];
  /** People whose move waits for a confirmation, and who was asked. */
  requested: Array<{ personId: string; askedIds: string[] }>;
  removed: Person[];
  /** People moved at once from another manager (an admin's change): shown so nobody is surprised. */
  movedFrom: Array<{ personId: string; previousManagerId: string }>;
  /** People that could not be added, with the reason in plain words. */
  refused: Array<{ id: string; name: string; reason: string }>;
}

export interface OrgService {
  managerOf(personId: string): Promise<Person | undefined>;
  /** App Home "my team": asks for each person through the reporting-line rule (nobody moves unconfirmed). */
  addReports(managerId: string, reportIds: readonly string[]): Promise<TeamChangeResult>;
  /** The refusals adding these people would meet, without writing or asking anything (to answer a form before saving). */
  checkAdditions(managerId: string, reportIds: readonly string[]): Promise<TeamChangeResult['refused']>;
  removeReport(managerId: string, reportId: string): Promise<Person>;
}

/** App Home's team editing, in terms of the reporting-line service (the one place a manager changes). */
export function createOrgService(deps: { people: PeopleService; lines: ReportingLineService }): OrgService {
  const { people, lines } = deps;
  return {
    async managerOf(personId) {
      const id = (await people.get(personId))?.managerId;
      return id ? people.get(id) : undefined;
    },
    async addReports(managerId, reportIds) {
      const result: TeamChangeResult = { added: [], requested: [], removed: [], movedFrom: [], refused: [] };
      for (const id of new Set(reportIds)) {
        const r = await lines.requestReportingLine({ requesterId: managerId, personId: id, managerId, via: 'app_home' });
        if (r.outcome === 'refused') result.refused.push({ id, name: r.name, reason: r.reason });
        else if (r.outcome === 'requested') result.requested.push({ personId: id, askedIds: r.askedIds });
        else if (r.outcome === 'changed') {
          const person = await people.get(id);
          if (person) result.added.push(person);
          if (r.fromManagerId) result.movedFrom.push({ personId: id, previousManagerId: r.fromManagerId });
        }
      }
      return result;
    },
    async checkAdditions(managerId, reportIds) {
      const refused: TeamChangeResult['refused'] = [];
      for (const id of new Set(reportIds)) {
        const r = await lines.check(managerId, id);
        if (r) refused.push({ id, name: r.name, reason: r.reason });
      }
      const askable = reportIds.filter((id) => !refused.some((r) => r.id === id));
      for (const r of await lines.beyondDailyLimit(managerId, askable)) refused.push({ id: r.personId, name: r.name, reason: r.reason });
      return refused;
    },
    removeReport: (managerId, reportId) => lines.removeReport(managerId, reportId),
  };
}
