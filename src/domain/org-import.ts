import { DomainError } from './errors';
import { parseLevel } from './levels';
import type { PeopleRepository, SlackDirectory, SlackProfile } from './people';
import type { Clock, EventLog, UnitOfWork } from './ports';
import { planChanges, type ImportCandidate as Candidate, type ImportPlan, type ImportProblem } from './org-import-plan';

export type { ImportChange, ImportPlan, ImportProblem } from './org-import-plan';

/** One CSV record with the line it started on (header is line 1). */
export interface ImportRow {
  line: number;
  values: Record<string, string>;
}

const COLUMN_ALIASES: Record<'person' | 'manager' | 'level' | 'cadence', string[]> = {
  person: ['person', 'email', 'person_email', 'employee', 'employee_email', 'user', 'user_id', 'slack_id', 'person_id', 'person_slack_id'],
  manager: ['manager', 'manager_email', 'manager_id', 'manager_slack_id', 'reports_to'],
  level: ['level', 'manager_level'],
  cadence: ['cadence', 'cadence_days', 'one_on_one_cadence', '1:1_cadence', 'oneonone_cadence'],
};

const SLACK_ID = /^[UW][A-Z0-9]{2,}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Which header holds which field; refuses a file without person and manager columns. */
export interface ImportColumns {
  person: string;
  manager: string;
  level?: string;
  cadence?: string;
}

export function mapColumns(headers: readonly string[]): ImportColumns {
  const find = (aliases: string[]) => headers.find((h) => aliases.includes(normaliseHeader(h)));
  const map = {
    person: find(COLUMN_ALIASES.person),
    manager: find(COLUMN_ALIASES.manager),
    level: find(COLUMN_ALIASES.level),
    cadence: find(COLUMN_ALIASES.cadence),
  };
  const missing = (['person', 'manager'] as const).filter((k) => !map[k]);
  if (!map.person || !map.manager) {
    throw new DomainError(
      'import_columns',
      `The CSV needs a ${missing.join(' and a ')} column (found: ${headers.join(', ') || 'no header'}). ` +
        'Use e.g. "person,manager,level,cadence" with emails or Slack ids.',
    );
  }
  return { ...map, person: map.person, manager: map.manager };
}

type Resolved = { profile: SlackProfile } | { reason: string };

function createResolver(directory: SlackDirectory) {
  const memo = new Map<string, Promise<Resolved>>();
  async function lookup(ref: string): Promise<Resolved> {
    const id = ref.replace(/^<@([A-Z0-9]+)(\|[^>]*)?>$/, '$1');
    if (SLACK_ID.test(id)) {
      const p = await directory.getUser(id);
      return p ? { profile: p } : { reason: `no Slack user with id ${id}` };
    }
    if (!EMAIL.test(ref)) return { reason: `"${ref}" is neither an email address nor a Slack user id` };
    const p = await directory.lookupByEmail(ref);
    return p ? { profile: p } : { reason: `no Slack user with the email ${ref}` };
  }
  return (ref: string): Promise<Resolved> => {
    const key = ref.toLowerCase();
    let hit = memo.get(key);
    if (!hit) {
      hit = lookup(ref);
      memo.set(key, hit);
    }
    return hit;
  };
}

function unusable(p: SlackProfile, role: string): string | undefined {
  if (p.isBot) return `${role} ${p.name || p.id} is a bot or an app`;
  if (p.deleted) return `${role} ${p.name || p.id} is deactivated in Slack`;
  return undefined;
}


/** Reads and checks every row, resolving people through Slack; writes nothing. */
export async function planImport(rows: readonly ImportRow[], directory: SlackDirectory, people: PeopleRepository): Promise<ImportPlan> {
  const first = rows[0];
  if (!first) throw new DomainError('import_empty', 'No people to import: the file is empty or has only a header row.');
  const columns = mapColumns(Object.keys(first.values));
  const resolve = createResolver(directory);
  const unmatched: ImportProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const cell = (row.values[columns.person] ?? '').trim();
    const problem = (reason: string) => unmatched.push({ line: row.line, person: cell, reason });
    if (!cell) {
      problem('the person cell is empty');
      continue;
    }
    const person = await resolve(cell);
    if ('reason' in person) {
      problem(person.reason);
      continue;
    }
    const bad = unusable(person.profile, 'person');
    if (bad) {
      problem(bad);
      continue;
    }
    const earlier = seen.get(person.profile.id);
    if (earlier !== undefined) {
      problem(`this person already appears on line ${earlier}; only the first row counts`);
      continue;
    }
    seen.set(person.profile.id, row.line);
    const candidate = await readRest(row, columns, cell, person.profile, resolve, problem);
    if (candidate) candidates.push(candidate);
  }
  return planChanges(rows.length, candidates, unmatched, people);
}

async function readRest(
  row: ImportRow,
  columns: ImportColumns,
  cell: string,
  person: SlackProfile,
  resolve: ReturnType<typeof createResolver>,
  problem: (reason: string) => void,
): Promise<Candidate | undefined> {
  const candidate: Candidate = { line: row.line, cell, person };
  const levelCell = columns.level ? (row.values[columns.level] ?? '').trim() : '';
  if (levelCell) {
    const level = parseLevel(levelCell);
    if (!level) return void problem(`level "${levelCell}" is not one of frontline, mid-level, executive or auto`);
    candidate.level = level;
  }
  const cadenceCell = columns.cadence ? (row.values[columns.cadence] ?? '').trim() : '';
  if (cadenceCell) {
    const days = Number(cadenceCell.replace(/\s*days?$/i, ''));
    if (!Number.isInteger(days) || days < 1 || days > 180) {
      return void problem(`cadence "${cadenceCell}" must be a whole number of days from 1 to 180`);
    }
    candidate.cadence = days;
  }
  const managerCell = (row.values[columns.manager] ?? '').trim();
  if (managerCell) {
    const manager = await resolve(managerCell);
    if ('reason' in manager) return void problem(`manager: ${manager.reason}`);
    const bad = unusable(manager.profile, 'manager');
    if (bad) return void problem(bad);
    candidate.manager = manager.profile;
  }
  return candidate;
}

/** The org import's writes: profiles, lines, levels and cadences with their audit events, all or nothing. */
export type OrgImportWork = UnitOfWork<{ people: PeopleRepository; events: EventLog }>;

/** Writes a plan in one transaction: all of it or none of it. Running the same file again changes nothing. */
export function applyPlan(plan: ImportPlan, deps: { uow: OrgImportWork; clock: Clock; actorId?: string }): Promise<{ applied: number }> {
  const at = deps.clock.now();
  return deps.uow.run((repos) => writePlan(plan, repos, at, deps.actorId));
}

/** The plan's writes on repositories already inside a transaction (the CLI adds the leavers to the same one). */
export async function writePlan(plan: ImportPlan, repos: { people: PeopleRepository; events: EventLog }, at: number, actorId?: string): Promise<{ applied: number }> {
  const { people, events } = repos;
  for (const profile of plan.profiles) await people.upsertProfile(profile, at);
  let applied = 0;
  for (const change of plan.changes) {
    if (change.kind === 'manager') {
      // The operator's import may set lines directly, but each one is in the audit trail like any other change.
      const from = (await people.get(change.personId))?.managerId ?? null;
      await people.setManager(change.personId, change.to ?? null, at);
      await events.append({ kind: 'org.manager_set', actorId, subjectId: change.personId, data: { from, to: change.to ?? null, via: 'org_import' } }, at);
    }
    else if (change.kind === 'level') {
      const to = change.to === 'auto' ? null : change.to;
      await people.updateSettings(change.personId, { levelOverride: to, levelSource: to ? 'admin' : null }, at);
    } else if (change.kind === 'cadence') await people.updateSettings(change.personId, { cadenceDays: change.to }, at);
    else continue;
    applied += 1;
  }
  await events.append({ kind: 'org.imported', actorId, data: { rows: plan.rows, changes: applied, unmatched: plan.unmatched.length, refused: plan.refused.length } }, at);
  return { applied };
}
