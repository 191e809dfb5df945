import { DomainError } from './errors';
import { displayName, type Person } from './people';
import type { PeopleService } from './people-service';
import type { Clock, EventLog } from './ports';

export interface TeamChangeResult {
  added: Person[];
  removed: Person[];
  /** People moved from another manager to this one: shown so nobody is surprised. */
  movedFrom: Array<{ person: Person; previousManager: Person | undefined }>;
  /** People that could not be added, with the reason in plain words. */
  refused: Array<{ id: string; name: string; reason: string }>;
}

export interface OrgService {
  managerOf(personId: string): Person | undefined;
  /** App Home "my team": the manager's full list of direct reports becomes `reportIds`. */
  setTeam(managerId: string, reportIds: readonly string[]): Promise<TeamChangeResult>;
  addReports(managerId: string, reportIds: readonly string[]): Promise<TeamChangeResult>;
  /** The refusals adding these people would meet, without writing anything (to answer a form before saving). */
  checkAdditions(managerId: string, reportIds: readonly string[]): Promise<TeamChangeResult['refused']>;
  removeReport(managerId: string, reportId: string): Person;
  /**
   * The first `/oneonone` between two people records the relationship when the report has no manager yet.
   * Returns true when a line was recorded; never moves someone who already has an active manager.
   */
  ensureReportingLine(managerId: string, reportId: string): boolean;
}

export function createOrgService(deps: { people: PeopleService; clock: Clock; events: EventLog }): OrgService {
  const { people, clock, events } = deps;
  const repo = people.repository;

  function managerOf(personId: string): Person | undefined {
    const id = repo.get(personId)?.managerId;
    return id ? repo.get(id) : undefined;
  }

  type Checked = { person: Person } | { refusal: { id: string; name: string; reason: string } } | { already: true };

  async function check(managerId: string, id: string): Promise<Checked> {
    const person = await people.ensure(id);
    const name = person ? displayName(person) : id;
    const refuse = (reason: string): Checked => ({ refusal: { id, name, reason } });
    if (!person) return refuse('Slack does not know this user');
    if (person.isBot) return refuse('apps and bots cannot be on a team');
    if (person.deleted) return refuse('this account is deactivated');
    if (id === managerId) return refuse('you cannot be your own manager');
    if (person.managerId === managerId) return { already: true };
    if (repo.wouldCycle(id, managerId)) return refuse(`${name} is above you in the org chart (that would make a loop)`);
    return { person };
  }

  function addChecked(managerId: string, person: Person, result: TeamChangeResult): void {
    const previous = person.managerId ? repo.get(person.managerId) : undefined;
    repo.setManager(person.id, managerId, clock.now());
    events.append({ kind: 'org.manager_set', actorId: managerId, subjectId: person.id, data: { from: person.managerId ?? null, to: managerId, via: 'app_home' } }, clock.now());
    result.added.push(person);
    if (previous && !previous.deleted) result.movedFrom.push({ person, previousManager: previous });
  }

  async function addOne(managerId: string, id: string, result: TeamChangeResult): Promise<void> {
    const checked = await check(managerId, id);
    if ('refusal' in checked) result.refused.push(checked.refusal);
    else if ('person' in checked) addChecked(managerId, checked.person, result);
  }

  function removeOne(managerId: string, reportId: string): Person {
    const person = repo.get(reportId);
    if (!person || person.managerId !== managerId) {
      throw new DomainError('not_your_report', 'That person is not on your team any more, so there is nothing to remove.');
    }
    repo.setManager(reportId, null, clock.now());
    events.append({ kind: 'org.manager_set', actorId: managerId, subjectId: reportId, data: { from: managerId, to: null, via: 'app_home' } }, clock.now());
    return person;
  }

  async function addReports(managerId: string, reportIds: readonly string[]): Promise<TeamChangeResult> {
    const result: TeamChangeResult = { added: [], removed: [], movedFrom: [], refused: [] };
    await people.ensure(managerId);
    for (const id of new Set(reportIds)) await addOne(managerId, id, result);
    return result;
  }

  return {
    managerOf,
    addReports,
    async checkAdditions(managerId, reportIds) {
      const refused: TeamChangeResult['refused'] = [];
      for (const id of new Set(reportIds)) {
        const checked = await check(managerId, id);
        if ('refusal' in checked) refused.push(checked.refusal);
      }
      return refused;
    },
    async setTeam(managerId, reportIds) {
      const wanted = new Set(reportIds);
      const result = await addReports(managerId, [...wanted]);
      for (const current of repo.reportsOf(managerId)) {
        if (!wanted.has(current.id)) result.removed.push(removeOne(managerId, current.id));
      }
      return result;
    },
    removeReport: removeOne,
    ensureReportingLine(managerId, reportId) {
      const report = repo.get(reportId);
      if (!report || !repo.get(managerId) || report.isBot || report.deleted) return false;
      const current = report.managerId ? repo.get(report.managerId) : undefined;
      if (current && !current.deleted) return false;
      if (repo.wouldCycle(reportId, managerId)) return false;
      repo.setManager(reportId, managerId, clock.now());
      events.append({ kind: 'org.manager_set', actorId: managerId, subjectId: reportId, data: { from: report.managerId ?? null, to: managerId, via: 'oneonone' } }, clock.now());
      return true;
    },
  };
}
