import { displayName, type PeopleRepository, type SlackProfile } from './people';
import type { Level } from './ports';

/** A row that matched Slack users and carries valid values; not yet checked against the org chart. */
export interface ImportCandidate {
  line: number;
  cell: string;
  person: SlackProfile;
  manager?: SlackProfile;
  level?: Level | 'auto';
  cadence?: number;
}

export interface ImportProblem {
  line: number;
  /** The person cell as written, so HR can find the row. */
  person: string;
  reason: string;
}

export type ImportChange =
  | { kind: 'new-person'; line: number; personId: string; label: string }
  | { kind: 'manager'; line: number; personId: string; label: string; from?: string; to?: string; fromLabel?: string; toLabel?: string }
  | { kind: 'level'; line: number; personId: string; label: string; from?: Level; to: Level | 'auto' }
  | { kind: 'cadence'; line: number; personId: string; label: string; from: number; to: number };

export interface ImportPlan {
  rows: number;
  /** Rows that are already exactly as the file says. */
  unchanged: number;
  changes: ImportChange[];
  /** Rows that could not be matched to a Slack user (or carried a bad value), with the reason. */
  unmatched: ImportProblem[];
  /** Rows refused because they would make someone their own manager or close a loop. */
  refused: ImportProblem[];
  /** Fresh Slack profiles of everyone matched: written on apply so names and time zones are current. */
  profiles: SlackProfile[];
}


export function labelOf(p: { name: string; realName: string; id: string; email?: string }): string {
  return p.email ? `${displayName(p)} <${p.email}>` : displayName(p);
}

/** Rows whose new manager line closes a loop, each with the loop spelled out; DB lines count too. */
async function findLoops(accepted: readonly ImportCandidate[], people: PeopleRepository): Promise<Map<ImportCandidate, string>> {
  const managerOf = new Map<string, string>();
  for (const link of await people.managerLinks()) managerOf.set(link.id, link.managerId);
  const byPerson = new Map<string, ImportCandidate>();
  for (const c of accepted) {
    byPerson.set(c.person.id, c);
    if (c.manager) managerOf.set(c.person.id, c.manager.id);
    else managerOf.delete(c.person.id);
  }
  const name = async (id: string) => {
    const row = byPerson.get(id);
    if (row) return `${labelOf(row.person)} (line ${row.line})`;
    const known = await people.get(id);
    return known ? labelOf(known) : id;
  };
  const loops = new Map<ImportCandidate, string>();
  for (const c of accepted) {
    if (!c.manager) continue;
    const path = [c.person.id];
    let at: string | undefined = c.manager.id;
    while (at && at !== c.person.id && path.length <= managerOf.size) {
      path.push(at);
      at = managerOf.get(at);
    }
    if (at !== c.person.id) continue;
    path.push(c.person.id);
    loops.set(c, `would make a management loop: ${(await Promise.all(path.map(name))).join(' → reports to → ')}`);
  }
  return loops;
}

async function changesFor(c: ImportCandidate, people: PeopleRepository): Promise<ImportChange[]> {
  const current = await people.get(c.person.id);
  const label = labelOf(c.person);
  const out: ImportChange[] = [];
  if (!current) out.push({ kind: 'new-person', line: c.line, personId: c.person.id, label });
  const to = c.manager?.id;
  if ((current?.managerId ?? undefined) !== to) {
    const from = current?.managerId;
    const fromPerson = from ? await people.get(from) : undefined;
    out.push({
      kind: 'manager', line: c.line, personId: c.person.id, label, from, to,
      fromLabel: fromPerson ? labelOf(fromPerson) : from,
      toLabel: c.manager ? labelOf(c.manager) : undefined,
    });
  }
  if (c.level !== undefined) {
    const wanted = c.level === 'auto' ? undefined : c.level;
    const sourceWrong = wanted !== undefined && current?.levelSource !== 'admin';
    if (current?.levelOverride !== wanted || sourceWrong) {
      out.push({ kind: 'level', line: c.line, personId: c.person.id, label, from: current?.levelOverride, to: c.level });
    }
  }
  const cadenceNow = current?.cadenceDays ?? 14;
  if (c.cadence !== undefined && c.cadence !== cadenceNow) {
    out.push({ kind: 'cadence', line: c.line, personId: c.person.id, label, from: cadenceNow, to: c.cadence });
  }
  return out;
}

/** Refuses self-management and loops (until none is left), then lists what would change. */
export async function planChanges(
  rows: number,
  candidates: readonly ImportCandidate[],
  unmatched: ImportProblem[],
  people: PeopleRepository,
): Promise<ImportPlan> {
  const refused: ImportProblem[] = [];
  let accepted = candidates.filter((c) => {
    if (c.manager?.id !== c.person.id) return true;
    refused.push({ line: c.line, person: c.cell, reason: `${labelOf(c.person)} cannot be their own manager` });
    return false;
  });
  // Refusing a loop's rows puts the old lines back, which are loop-free, so this ends.
  for (;;) {
    const loops = await findLoops(accepted, people);
    if (loops.size === 0) break;
    for (const [c, reason] of loops) refused.push({ line: c.line, person: c.cell, reason });
    accepted = accepted.filter((c) => !loops.has(c));
  }
  refused.sort((a, b) => a.line - b.line);
  const changes: ImportChange[] = [];
  let unchanged = 0;
  for (const c of accepted) {
    const mine = await changesFor(c, people);
    if (mine.length === 0) unchanged += 1;
    changes.push(...mine);
  }
  const profiles = new Map<string, SlackProfile>();
  for (const c of accepted) {
    profiles.set(c.person.id, c.person);
    if (c.manager) profiles.set(c.manager.id, c.manager);
  }
  return { rows, unchanged, changes, unmatched, refused, profiles: [...profiles.values()] };
}
