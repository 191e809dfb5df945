import { randomBytes } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import type { PersonEraser } from '../domain/privacy/erasure';
import { engineOf, type Executor } from './engine';
import type { TextSealer } from './sealed-text';
import { FREE_TEXT_COLUMNS, PERSON_OWNED, scrubText, type ErasureChange, type ErasurePlan } from './person-erasure-rules';
import { columnContext, SEALED_COLUMNS, type SealedColumn } from './sealed-columns';

class DryRun extends Error {}

interface Person {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  email: string | null;
}

type Note = (table: string, change: ErasureChange['change'], rows: number) => void;

/**
 * The pulse pool's ciphertext and keys (pulse-pending.ts): no data key opens them, so they cannot be scrubbed
 * here; a REPLACE could only break them. Its manager_id is plain and is anonymised like any other column, and a
 * release blanks the comments about an erased manager.
 */
const POOL_CIPHERTEXT = [{ table: 'pulse_pending', column: 'sealed' }, { table: 'pulse_pool_members', column: 'wrapped' }, { table: 'pulse_pool_members', column: 'public_key' }];

/** Words that name the person in free text: display name, real name and its first word, email, Slack id. */
function needlesOf(p: Person): string[] {
  const first = p.real_name.trim().split(/\s+/)[0] ?? '';
  return [...new Set([p.id, p.name, p.real_name, first, p.email ?? ''].map((s) => s.trim()).filter((s) => s.length >= 2))];
}

/** Every TEXT column of every table of this database, from the live schema (a table added later is covered). */
async function textColumns(db: Executor): Promise<Array<{ table: string; column: string }>> {
  if (engineOf(db) === 'postgres') {
    // The migration runner's own bookkeeping names no one.
    const { rows } = await sql<{ table: string; column: string }>`SELECT table_name AS "table", column_name AS "column"
      FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text' AND table_name <> 'schema_migrations'
      ORDER BY table_name, ordinal_position`.execute(db);
    return rows;
  }
  const { rows } = await sql<{ table: string; column: string }>`SELECT m.name AS "table", c.name AS "column"
    FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND upper(c.type) = 'TEXT'
    ORDER BY m.name, c.cid`.execute(db);
  return rows;
}

/** person-erasure-rules.ts writes its statements with `?`; PostgreSQL numbers its parameters ($1, $2…). None of them has a ? in a literal. */
async function runRule(db: Executor, text: string, params: readonly unknown[]): Promise<number> {
  let n = 0;
  const compiled = engineOf(db) === 'postgres' ? text.replace(/\?/g, () => `$${(n += 1)}`) : text;
  return Number((await db.executeQuery(CompiledQuery.raw(compiled, [...params]))).numAffectedRows ?? 0n);
}

/** Substring test: instr on SQLite, strpos on PostgreSQL (same meaning: 1-based position, 0 when absent). */
const contains = (db: Executor) => (engineOf(db) === 'postgres' ? sql.raw('strpos') : sql.raw('instr'));

/**
 * Removes or anonymises one person everywhere (`npm run privacy -- erase`, and leavers after
 * RETENTION_LEAVERS_DAYS). Their own records go; records that are other people's too keep their shape with
 * an anonymous stand-in (`erased-…`, deleted, no name), so counts and report totals stay as they were:
 * kudos they gave keep the recipient's side, 1:1s keep their date without notes. Then every text column of
 * every table has the Slack id replaced, and free-text columns the names, so no copy is left behind.
 * A dry run does the same inside a transaction that is rolled back and reports what would change, so it needs
 * the database, not a transaction it would roll back with it.
 */
export async function erasePerson(db: Executor, personId: string, options: { apply: boolean; now: number; sealer?: TextSealer }): Promise<ErasurePlan | undefined> {
  const person = await db.selectFrom('people').select(['id', 'team_id', 'name', 'real_name', 'email']).where('id', '=', personId).where('erased_at', 'is', null).executeTakeFirst();
  if (!person) return undefined;
  const pseudonym = `erased-${randomBytes(6).toString('hex')}`;
  const changes: ErasureChange[] = [];
  const note: Note = (table, change, rows) => {
    if (rows > 0) changes.push({ table, change, rows });
  };
  const work = async (trx: Executor) => {
    await eraseIn(trx, person, pseudonym, options, note);
    if (!options.apply) throw new DryRun();
  };
  try {
    if (!db.isTransaction) await db.transaction().execute(work);
    else if (options.apply) await work(db);
    else {
      // Inside the caller's unit of work a dry run is undone to a savepoint, leaving the rest of the transaction as it was.
      await sql`SAVEPOINT erasure_dry_run`.execute(db);
      try {
        await work(db);
      } finally {
        await sql`ROLLBACK TO SAVEPOINT erasure_dry_run`.execute(db);
        await sql`RELEASE SAVEPOINT erasure_dry_run`.execute(db);
      }
    }
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return { personId, pseudonym, applied: options.apply, changes };
}

async function eraseIn(trx: Executor, person: Person, pseudonym: string, options: { now: number; sealer?: TextSealer }, note: Note): Promise<void> {
  const id = person.id;
  await trx.insertInto('people').values({
    id: pseudonym, team_id: person.team_id, name: '', real_name: '', email: null, tz: 'UTC', deleted: 1, created_at: options.now, updated_at: options.now, erased_at: options.now,
  }).execute();
  for (const rule of PERSON_OWNED) note(rule.table, rule.change, await runRule(trx, rule.sql, rule.params(id)));
  const blanked = await trx.updateTable('one_on_ones').set({ notes: '' }).where((eb) => eb.or([eb('manager_id', '=', id), eb('report_id', '=', id)])).where('notes', '<>', '').executeTakeFirst();
  note('one_on_ones', 'blanked', Number(blanked.numUpdatedRows));
  for (const c of SEALED_COLUMNS) await scrubSealed(trx, c, needlesOf(person), options.sealer, note);
  const has = contains(trx);
  for (const { table, column } of await textColumns(trx)) {
    // Sealed text was scrubbed opened, above: a REPLACE on ciphertext could only corrupt it.
    if ((table === 'people' && column === 'id') || [...SEALED_COLUMNS, ...POOL_CIPHERTEXT].some((c) => c.table === table && c.column === column)) continue;
    const col = sql.ref(column);
    const r = await sql`UPDATE ${sql.table(table)} SET ${col} = REPLACE(${col}, ${id}, ${pseudonym}) WHERE ${has}(${col}, ${id}) > 0`.execute(trx);
    note(`${table}.${column}`, 'anonymised', Number(r.numAffectedRows ?? 0n));
  }
  await scrubNames(trx, needlesOf(person).filter((n) => n !== id), note);
  await trx.deleteFrom('people').where('id', '=', id).execute();
}

/** Names in free text (kudos messages, goal titles, check-in notes, event data…) become "someone". */
async function scrubNames(db: Executor, needles: string[], note: Note): Promise<void> {
  if (needles.length === 0) return;
  const has = contains(db);
  for (const { table, column, key } of FREE_TEXT_COLUMNS) {
    const col = sql.ref(column);
    const named = sql.join(needles.map((n) => sql`${has}(lower(${col}), lower(${n})) > 0`), sql` OR `);
    const { rows } = await sql<{ k: unknown; v: string }>`SELECT ${sql.ref(key)} AS k, ${col} AS v FROM ${sql.table(table)} WHERE ${named}`.execute(db);
    let n = 0;
    for (const r of rows) {
      const scrubbed = scrubText(r.v, needles);
      if (scrubbed !== r.v) n += Number((await sql`UPDATE ${sql.table(table)} SET ${col} = ${scrubbed} WHERE ${sql.ref(key)} = ${r.k}`.execute(db)).numAffectedRows ?? 0n);
    }
    note(`${table}.${column}`, 'scrubbed', n);
  }
}

/**
 * Sealed text that names the person (notes other managers wrote, pulse comments about someone else): opened,
 * scrubbed and sealed again (needs the data key; the start-up check requires it once such text exists).
 */
async function scrubSealed(db: Executor, c: SealedColumn, needles: string[], sealer: TextSealer | undefined, note: Note): Promise<void> {
  if (!sealer?.currentKeyId || needles.length === 0) return;
  const context = columnContext(c);
  const [key, col, table] = [sql.ref(c.key), sql.ref(c.column), sql.table(c.table)];
  let n = 0;
  const { rows } = await sql<{ k: unknown; v: string }>`SELECT ${key} AS k, ${col} AS v FROM ${table} WHERE ${col} <> ''`.execute(db);
  for (const r of rows) {
    const opened = sealer.open(r.v, context);
    if (!opened.ok) continue;
    const scrubbed = scrubText(opened.text, needles);
    if (scrubbed !== opened.text) n += Number((await sql`UPDATE ${table} SET ${col} = ${sealer.seal(scrubbed, context)} WHERE ${key} = ${r.k}`.execute(db)).numAffectedRows ?? 0n);
  }
  note(`${c.table}.${c.column} (${c.label} naming them)`, 'scrubbed', n);
}

export function createPersonEraser(db: Executor, options: { sealer?: TextSealer }): PersonEraser {
  return { erase: (personId, o) => erasePerson(db, personId, { ...o, sealer: options.sealer }) };
}
