import { randomBytes } from 'node:crypto';
import type { Db } from './database';
import type { TextSealer } from './sealed-text';
import { columnContext, SEALED_COLUMNS, type SealedColumn } from './sealed-columns';
import { FREE_TEXT_COLUMNS, PERSON_OWNED, scrubText, type ErasureChange, type ErasurePlan } from './person-erasure-rules';
import type { PersonEraser } from '../domain/privacy/erasure';
import { asyncPort } from './interim-async';

class DryRun extends Error {}

interface Person {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  email: string | null;
}

/** Words that name the person in free text: display name, real name and its first word, email, Slack id. */
function needlesOf(p: Person): string[] {
  const first = p.real_name.trim().split(/\s+/)[0] ?? '';
  return [...new Set([p.id, p.name, p.real_name, first, p.email ?? ''].map((s) => s.trim()).filter((s) => s.length >= 2))];
}

function textColumns(db: Db): Array<{ table: string; column: string }> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return tables.flatMap((t) =>
    (db.pragma(`table_info(${t.name})`) as Array<{ name: string; type: string }>).filter((c) => c.type.toUpperCase() === 'TEXT').map((c) => ({ table: t.name, column: c.name })),
  );
}

/**
 * Removes or anonymises one person everywhere (`npm run privacy -- erase`, and leavers after
 * RETENTION_LEAVERS_DAYS). Their own records go; records that are other people's too keep their shape with
 * an anonymous stand-in (`erased-…`, deleted, no name), so counts and report totals stay as they were:
 * kudos they gave keep the recipient's side, 1:1s keep their date without notes. Then every text column of
 * every table has the Slack id replaced, and free-text columns the names, so no copy is left behind.
 * A dry run does the same inside a transaction that is rolled back and reports what would change.
 */
export function erasePerson(db: Db, personId: string, options: { apply: boolean; now: number; sealer?: TextSealer }): ErasurePlan | undefined {
  const person = db.prepare<[string], Person>('SELECT id, team_id, name, real_name, email FROM people WHERE id = ? AND erased_at IS NULL').get(personId);
  if (!person) return undefined;
  const pseudonym = `erased-${randomBytes(6).toString('hex')}`;
  const changes: ErasureChange[] = [];
  const note = (table: string, change: ErasureChange['change'], rows: number) => {
    if (rows > 0) changes.push({ table, change, rows });
  };
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes;
  try {
    db.transaction(() => {
      run(
        `INSERT INTO people (id, team_id, name, real_name, email, tz, deleted, created_at, updated_at, erased_at) VALUES (?, ?, '', '', NULL, 'UTC', 1, ?, ?, ?)`,
        pseudonym, person.team_id, options.now, options.now, options.now,
      );
      for (const rule of PERSON_OWNED) note(rule.table, rule.change, run(rule.sql, ...rule.params(personId)));
      note('one_on_ones', 'blanked', run("UPDATE one_on_ones SET notes = '' WHERE (manager_id = ? OR report_id = ?) AND notes <> ''", personId, personId));
      for (const c of SEALED_COLUMNS) scrubSealed(db, c, needlesOf(person), options.sealer, note);
      for (const { table, column } of textColumns(db)) {
        // Sealed text was scrubbed opened, above: a REPLACE on ciphertext could only corrupt it.
        if ((table === 'people' && column === 'id') || SEALED_COLUMNS.some((c) => c.table === table && c.column === column)) continue;
        const n = run(`UPDATE ${table} SET ${column} = REPLACE(${column}, ?, ?) WHERE instr(${column}, ?) > 0`, personId, pseudonym, personId);
        note(`${table}.${column}`, 'anonymised', n);
      }
      scrubNames(db, needlesOf(person).filter((n) => n !== personId), note);
      run('DELETE FROM people WHERE id = ?', personId);
      if (!options.apply) throw new DryRun();
    })();
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return { personId, pseudonym, applied: options.apply, changes };
}

/** Names in free text (kudos messages, goal titles, check-in notes, event data…) become "someone". */
function scrubNames(db: Db, needles: string[], note: (t: string, c: ErasureChange['change'], n: number) => void): void {
  if (needles.length === 0) return;
  for (const { table, column, key } of FREE_TEXT_COLUMNS) {
    const like = needles.map(() => `instr(lower(${column}), lower(?)) > 0`).join(' OR ');
    const rows = db.prepare(`SELECT ${key} AS k, ${column} AS v FROM ${table} WHERE ${like}`).all(...needles) as Array<{ k: unknown; v: string }>;
    const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
    let n = 0;
    for (const r of rows) {
      const scrubbed = scrubText(r.v, needles);
      if (scrubbed !== r.v) n += update.run(scrubbed, r.k).changes;
    }
    note(`${table}.${column}`, 'scrubbed', n);
  }
}

/**
 * Sealed text that names the person (notes other managers wrote, pulse comments about someone else): opened,
 * scrubbed and sealed again (needs the data key; the start-up check requires it once such text exists).
 */
function scrubSealed(db: Db, c: SealedColumn, needles: string[], sealer: TextSealer | undefined, note: (t: string, c: ErasureChange['change'], n: number) => void): void {
  if (!sealer?.currentKeyId || needles.length === 0) return;
  const context = columnContext(c);
  const update = db.prepare(`UPDATE ${c.table} SET ${c.column} = ? WHERE ${c.key} = ?`);
  let n = 0;
  // all(), not iterate(): the updates below may not run while a read is still stepping on this connection.
  for (const r of db.prepare(`SELECT ${c.key} AS k, ${c.column} AS v FROM ${c.table} WHERE ${c.column} <> ''`).all() as Array<{ k: unknown; v: string }>) {
    const opened = sealer.open(r.v, context);
    if (!opened.ok) continue;
    const scrubbed = scrubText(opened.text, needles);
    if (scrubbed !== opened.text) n += update.run(sealer.seal(scrubbed, context), r.k).changes;
  }
  note(`${c.table}.${c.column} (${c.label} naming them)`, 'scrubbed', n);
}

export function createPersonEraser(db: Db, options: { sealer?: TextSealer }): PersonEraser {
  return asyncPort<PersonEraser>({ erase: (personId, o) => erasePerson(db, personId, { ...o, sealer: options.sealer }) });
}
