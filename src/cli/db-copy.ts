import type { Kysely } from 'kysely';
import { isPostgresUrl } from '../config';
import { StorageError } from '../storage/errors';
import { copySqliteToPostgres, openSqliteSource, type CopyResult } from '../storage/db-copy';
import { createPostgresPool, postgresKysely, redactUrl } from '../storage/postgres';
import type { Database } from '../storage/tables';
import { parseCli } from './args';

const USAGE = `Usage: npm run db:copy -- --from sqlite:<file> --to postgres://<user>:<password>@<host>:5432/<database> [--apply]
   (in the Docker image: node dist/src/cli/db-copy.js ...)

Copies every table of a Leadwell SQLite database (ids and timestamps included) into an empty PostgreSQL
database, creating its schema. Without --apply it is a dry run: it checks both sides and prints what it
would copy, writing nothing. Stop Leadwell first: rows written after the copy starts stay behind.
It refuses a target that already holds data, checks the row count of every table before committing, and
writes nothing at all if anything fails.`;

const OPTIONS = { from: { type: 'string' }, to: { type: 'string' }, apply: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface DbCopyDeps {
  /** Tests hand in an in-process PostgreSQL; by default a `pg` pool on --to. */
  openTarget?: (url: string) => Kysely<Database>;
}

/** The CLI's work, testable: resolves to the exit code. */
export async function runDbCopyCli(argv: readonly string[], io: CliIo, deps: DbCopyDeps = {}): Promise<number> {
  const args = parseCli(argv, OPTIONS, USAGE);
  if (!args.ok) {
    io.err(args.message);
    return 2;
  }
  const { from, to, apply, help } = args.values;
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const problem =
    args.positionals.length > 0 ? `Unexpected argument: ${args.positionals[0]}`
    : from === undefined || !from.startsWith('sqlite:') || from.length === 'sqlite:'.length ? '--from: expected sqlite:<path to leadwell.db>'
    : to === undefined || !isPostgresUrl(to) ? '--to: expected a PostgreSQL URL such as postgres://leadwell:password@localhost:5432/leadwell'
    : undefined;
  if (problem || from === undefined || to === undefined) {
    io.err(`${problem}\n\n${USAGE}`);
    return 2;
  }
  const target = (deps.openTarget ?? ((url: string) => postgresKysely(createPostgresPool(url, { maxConnections: 2 }))))(to);
  try {
    const source = openSqliteSource(from.slice('sqlite:'.length));
    try {
      const result = await copySqliteToPostgres(source, target, { apply: apply === true });
      io.out(summary(result, from, redactUrl(to)));
      return 0;
    } finally {
      source.close();
    }
  } catch (err) {
    io.err(err instanceof StorageError ? err.message : `db:copy failed, nothing was written to ${redactUrl(to)}: ${(err as Error).message}`);
    return 1;
  } finally {
    await target.destroy();
  }
}

function summary(result: CopyResult, from: string, to: string): string {
  const width = Math.max(...result.tables.map((t) => t.table.length));
  const lines = result.tables.map((t) => `  ${t.table.padEnd(width)}  ${String(t.rows).padStart(9)}`);
  const total = result.tables.reduce((n, t) => n + t.rows, 0);
  const head = result.applied ? `Copied ${from} to ${to}:` : `Dry run: ${from} to ${to} would copy:`;
  const tail = result.applied
    ? `${total} rows in ${result.tables.length} tables; every table's row count matches the source; id sequences continue after the copied ids.`
    : `${total} rows in ${result.tables.length} tables. The target is reachable and empty. Nothing was written: run again with --apply to copy.`;
  return [head, ...lines, tail].join('\n');
}

if (require.main === module) {
  const io: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
  void runDbCopyCli(process.argv.slice(2), io).then((code) => process.exit(code));
}
