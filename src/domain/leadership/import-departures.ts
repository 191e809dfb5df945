import { DateTime } from 'luxon';
import { mapColumns, normaliseHeader, type ImportProblem, type ImportRow } from '../org-import';
import { displayName, type PeopleRepository, type SlackDirectory } from '../people';
import type { DepartureService } from './departures';

/**
 * Org-import removals: a row with a date in a `left_on` column (also: left, left_date, leaving_date,
 * departed_on, end_date) says the person left on that date. The departure is recorded with their manager and
 * role as Leadwell knows them, and their reporting line is closed so they stop counting in any team. Such rows
 * are taken out of the ordinary import (a leaver may already be deactivated in Slack, which the ordinary import
 * refuses). Running the same file twice records nothing new (one open departure per person).
 */

const LEFT_ALIASES = ['left_on', 'left', 'left_date', 'leaving_date', 'departed_on', 'end_date'];
const SLACK_ID = /^[UW][A-Z0-9]{2,}$/;

export interface LeaverRow {
  line: number;
  personId: string;
  label: string;
  leftOn: string;
}

export interface LeaverPlan {
  leavers: LeaverRow[];
  problems: ImportProblem[];
}

/** Splits the file into ordinary rows and leaver rows (those with a non-empty left date). */
export function splitLeavers(rows: readonly ImportRow[]): { stay: ImportRow[]; leavers: ImportRow[]; column?: string } {
  const headers = Object.keys(rows[0]?.values ?? {});
  const column = headers.find((h) => LEFT_ALIASES.includes(normaliseHeader(h)));
  if (!column) return { stay: [...rows], leavers: [] };
  const leavers = rows.filter((r) => (r.values[column] ?? '').trim() !== '');
  return { stay: rows.filter((r) => !leavers.includes(r)), leavers, column };
}

export async function planLeavers(rows: readonly ImportRow[], column: string, directory: SlackDirectory, people: PeopleRepository, now: number): Promise<LeaverPlan> {
  const plan: LeaverPlan = { leavers: [], problems: [] };
  if (rows.length === 0) return plan;
  const personColumn = mapColumns(Object.keys(rows[0]!.values)).person;
  const today = DateTime.fromMillis(now, { zone: 'UTC' }).toISODate() as string;
  for (const row of rows) {
    const cell = (row.values[personColumn] ?? '').trim();
    const problem = (reason: string) => plan.problems.push({ line: row.line, person: cell, reason });
    const leftOn = (row.values[column] ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(leftOn) || !DateTime.fromISO(leftOn).isValid) {
      problem(`left date "${leftOn}" must be a date like 2026-11-30`);
      continue;
    }
    if (leftOn > today) {
      problem(`left date ${leftOn} is in the future: import it on or after that day`);
      continue;
    }
    const id = cell.replace(/^<@([A-Z0-9]+)(\|[^>]*)?>$/, '$1');
    const profile = SLACK_ID.test(id) ? await directory.getUser(id) : await directory.lookupByEmail(cell);
    const known = profile ? await people.get(profile.id) : undefined;
    if (!known) {
      problem('not someone Leadwell knows, so there is no departure to record');
      continue;
    }
    plan.leavers.push({ line: row.line, personId: known.id, label: displayName(known), leftOn });
  }
  return plan;
}

/** Records each leaver and closes their reporting line; returns how many departures were new. */
export async function applyLeavers(plan: LeaverPlan, deps: { departures: Pick<DepartureService, 'recordLeaving'>; people: PeopleRepository; at: number }): Promise<number> {
  let recorded = 0;
  for (const l of plan.leavers) {
    const leftAt = DateTime.fromISO(l.leftOn, { zone: 'UTC' }).set({ hour: 12 }).toMillis();
    if (await deps.departures.recordLeaving(l.personId, leftAt, 'org-import')) recorded += 1;
    await deps.people.setManager(l.personId, null, deps.at);
  }
  return recorded;
}

export function formatLeavers(plan: LeaverPlan, applied: boolean): string[] {
  if (plan.leavers.length === 0 && plan.problems.length === 0) return [];
  const out = ['', applied ? 'Leavers recorded:' : 'Leavers to record:', ...plan.leavers.map((l) => `  line ${l.line}: ${l.label} left on ${l.leftOn}`)];
  if (plan.problems.length > 0) out.push('', 'Leaver rows not used:', ...plan.problems.map((p) => `  line ${p.line} (${p.person || 'empty'}): ${p.reason}`));
  return out;
}
