/**
 * Which constraint a failed write broke, the same answer on both engines (better-sqlite3 and PostgreSQL
 * name them differently), so a repository can turn "already there" into an idempotent outcome.
 */
export type ConstraintKind = 'unique' | 'check' | 'foreign_key' | 'not_null';

const SQLITE: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
};

// PostgreSQL SQLSTATE class 23, integrity constraint violation.
const POSTGRES: Record<string, ConstraintKind> = {
  '23505': 'unique',
  '23514': 'check',
  '23503': 'foreign_key',
  '23502': 'not_null',
};

export function constraintViolation(err: unknown): ConstraintKind | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return SQLITE[code] ?? POSTGRES[code];
}
