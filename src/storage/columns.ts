import type { Database } from './tables';

type Table = keyof Database;
type Column<T extends Table> = keyof Database[T] & string;

/**
 * A table's every column, listed, qualified by an alias: what a statement prepared on the PostgreSQL server selects
 * instead of `alias.*` (engine.ts serverSideName: a prepared `*` fails once a migration adds a column). The list
 * must name each column of the table's interface in schema.ts: one left out is a compile error here, so a new column
 * reaches these statements the way `*` brought it.
 */
export function everyColumn<T extends Table, A extends string>(alias: A, _table: T) {
  return <const C extends ReadonlyArray<Column<T>>>(
    columns: C & (Exclude<Column<T>, C[number]> extends never ? unknown : { missing: Exclude<Column<T>, C[number]> }),
  ): ReadonlyArray<`${A}.${C[number]}`> => columns.map((c) => `${alias}.${c}` as `${A}.${C[number]}`);
}

const PEOPLE = [
  'id', 'team_id', 'name', 'real_name', 'email', 'tz', 'is_bot', 'deleted', 'status_text', 'status_emoji', 'manager_id',
  'level_override', 'level_source', 'cadence_days', 'nudge_day', 'nudge_hour', 'nudges_paused', 'snoozed_until',
  'became_manager_at', 'created_at', 'updated_at', 'managing_seen_at', 'welcome_seen_at', 'welcome_dismissed_at',
  'left_at', 'erased_at',
] as const;

const GOALS = [
  'id', 'owner_id', 'kind', 'visibility', 'title', 'why', 'measure', 'due_on', 'status', 'progress', 'last_check_in_at',
  'archived_at', 'idempotency_key', 'created_at', 'updated_at',
] as const;

/** A person row's columns, qualified by the table's name (a statement on people alone). */
export const PEOPLE_COLUMNS = everyColumn('people', 'people')(PEOPLE);
/** A person row's columns under alias `p` (App Home's circle) and `g` (a kudos giver). */
export const PEOPLE_AS_P = everyColumn('p', 'people')(PEOPLE);
export const PEOPLE_AS_G = everyColumn('g', 'people')(PEOPLE);
/** A goal row's columns under alias `g`. */
export const GOALS_AS_G = everyColumn('g', 'goals')(GOALS);
