import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { systemClock } from '../clock';
import { isDomainError } from '../domain/errors';
import { planImport, writePlan, type ImportChange, type ImportPlan, type ImportRow } from '../domain/org-import';
import type { SlackDirectory } from '../domain/people';
import type { Clock } from '../domain/ports';
import type { Executor } from '../storage/engine';
import { openStorage, type Storage } from '../storage/open-storage';
import { createEventLog } from '../storage/event-log';
import { createPeopleRepository } from '../storage/people-repository';
import { createSlackDirectory } from '../slack/directory';
import { createReadClient } from '../slack/web-client';
import { parseCli } from './args';
import { applyLeavers, formatLeavers, planLeavers, splitLeavers } from '../domain/leadership/import-departures';
import { createDepartureService } from '../domain/leadership/departures';
import { createDepartureRepository } from '../storage/departure-repository';
import { createUnitOfWork } from '../storage/unit-of-work';

const USAGE = `Usage: npm run org:import -- <people.csv> [--apply]
   (in the Docker image: node dist/src/cli/org-import.js <people.csv> [--apply])

Imports the org chart. Columns (header row required, any order, case-insensitive):
  person    email or Slack user id of the person (also: email, slack_id, user_id)
  manager   email or Slack user id of their manager; empty = nobody (top of the org)
  level     optional: frontline, mid-level, executive, or auto (back to inferred); set as an admin level
  cadence   optional: days between the 1:1s this person holds with their own reports (1-180)
  left_on   optional: the date (YYYY-MM-DD) the person left; records a departure for turnover and ends their reporting line

Comma, semicolon or tab separated (as spreadsheets export it), UTF-8 with or without a BOM.
Without --apply nothing is written: it prints what would change and every row it could not use.
With --apply the usable rows are written in one transaction; the others are listed and left alone.
Running the same file twice changes nothing the second time.`;

/** Reads CSV text into rows that remember their line numbers (header = line 1). */
export function readCsv(text: string): ImportRow[] {
  const records = parse(text, {
    columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true, delimiter: [',', ';', '\t'],
  }) as Array<{
    record: Record<string, string>;
    info: { lines: number };
  }>;
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

function describe(c: ImportChange): string {
  const where = `line ${c.line}: ${c.label}`;
  switch (c.kind) {
    case 'new-person':
      return `${where}: new to Leadwell`;
    case 'manager':
      return `${where}: manager ${c.fromLabel ?? '(none)'} → ${c.toLabel ?? '(none)'}`;
    case 'level':
      return `${where}: level ${c.from ?? 'inferred'} → ${c.to === 'auto' ? 'inferred' : c.to} (admin)`;
    case 'cadence':
      return `${where}: 1:1 cadence ${c.from} → ${c.to} days`;
  }
}

/** The report a person reads: what changes, what could not be matched and why, what was refused. */
export function formatPlan(plan: ImportPlan, applied: boolean): string[] {
  const out: string[] = [];
  out.push(`${plan.rows} rows read: ${plan.changes.length} changes, ${plan.unchanged} rows already up to date, ` +
    `${plan.unmatched.length} not matched, ${plan.refused.length} refused.`);
  if (plan.changes.length > 0) out.push('', applied ? 'Changed:' : 'Would change:', ...plan.changes.map((c) => `  ${describe(c)}`));
  if (plan.unmatched.length > 0) out.push('', 'Not matched:', ...plan.unmatched.map((u) => `  line ${u.line} (${u.person || 'empty'}): ${u.reason}`));
  if (plan.refused.length > 0) out.push('', 'Refused:', ...plan.refused.map((u) => `  line ${u.line} (${u.person}): ${u.reason}`));
  out.push('', applied ? 'Applied.' : plan.changes.length > 0 ? 'Dry run: nothing was written. Run again with --apply to write these changes.' : 'Nothing to change.');
  return out;
}

/** users.lookupByEmail is Tier 3: on a 429 wait as long as Slack asks, then try again. */
export function patientDirectory(inner: SlackDirectory, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): SlackDirectory {
  const retry = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await fn();
      } catch (err) {
        const after = (err as { retryAfter?: number }).retryAfter;
        if (typeof after !== 'number' || attempt >= 5) throw err;
        await sleep(Math.max(1, after) * 1000);
      }
    }
  };
  return {
    getUser: (id) => retry(() => inner.getUser(id)),
    lookupByEmail: (email) => retry(() => inner.lookupByEmail(email)),
    listUsers: () => retry(() => inner.listUsers()),
  };
}

function emptyPlan(rows: number): ImportPlan {
  return { rows, unchanged: 0, changes: [], unmatched: [], refused: [], profiles: [] };
}

export interface RunImportOptions {
  csv: string;
  apply: boolean;
  db: Executor;
  directory: SlackDirectory;
  clock?: Clock;
}

/** The whole import, without process or environment: the CLI and the tests call this. */
export async function runOrgImport(options: RunImportOptions): Promise<{ plan: ImportPlan; lines: string[] }> {
  const people = createPeopleRepository(options.db);
  const clock = options.clock ?? systemClock;
  const rows = readCsv(options.csv);
  const split = splitLeavers(rows);
  const onlyLeavers = split.leavers.length > 0 && split.stay.length === 0;
  const plan = onlyLeavers ? emptyPlan(rows.length) : await planImport(split.stay, options.directory, people);
  const leavers = split.column ? await planLeavers(split.leavers, split.column, options.directory, people, clock.now()) : { leavers: [], problems: [] };
  if (options.apply) {
    // One transaction for the whole file: the ordinary rows and the leavers, all or nothing.
    const uow = createUnitOfWork(options.db, (trx) => ({ people: createPeopleRepository(trx), events: createEventLog(trx), departures: createDepartureRepository(trx) }));
    const at = clock.now();
    await uow.run(async (repos) => {
      if (plan.changes.length > 0 || plan.profiles.length > 0) await writePlan(plan, repos, at, 'org-import');
      const departures = createDepartureService({ ...repos, clock, isAdmin: () => false });
      await applyLeavers(leavers, { departures, people: repos.people, at });
    });
  }
  const lines = formatPlan(plan, options.apply);
  lines.splice(lines.length - 1, 0, ...formatLeavers(leavers, options.apply));
  if (!options.apply && leavers.leavers.length > 0) lines[lines.length - 1] = 'Dry run: nothing was written. Run again with --apply to write these changes.';
  return { plan, lines };
}

export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseCli(argv, { apply: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (!args.ok) {
    console.error(args.message);
    return 2;
  }
  const apply = args.values.apply === true;
  const files = args.positionals;
  if (args.values.help || files.length !== 1) {
    console.log(USAGE);
    return args.values.help ? 0 : 2;
  }
  const file = files[0] as string;
  let csv: string;
  try {
    csv = fs.readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`Cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  let storage: Storage | undefined;
  try {
    // The import never touches the pulse: it needs no LEADWELL_SECRET.
    const config = loadConfig({ ...env, PULSE_ENABLED: 'false' });
    const logger = createLogger({ level: 'warn', destination: process.stderr });
    storage = await openStorage(config);
    const directory = patientDirectory(createSlackDirectory(createReadClient(config, logger)));
    const { lines } = await runOrgImport({ csv, apply, db: storage.db, directory });
    for (const line of lines) console.log(line);
    return 0;
  } catch (err) {
    const e = err as { message?: string; data?: { error?: string }; code?: string };
    if (err instanceof ConfigError || isDomainError(err)) console.error(isDomainError(err) ? err.userMessage : e.message);
    else if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || String(e.code).startsWith('CSV_')) console.error(`${file}: ${e.message}`);
    else console.error(`Import failed: ${e.message ?? String(err)}${e.data?.error ? ` (Slack said: ${e.data.error})` : ''}`);
    return 1;
  } finally {
    await storage?.close();
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
