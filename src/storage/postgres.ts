import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types as pgTypes } from 'pg';
import { PG_PARSERS } from './postgres-types';
import type { Database } from './tables';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from './migrate-postgres';
import { StorageError } from './errors';

export interface PostgresOptions {
  /** Connections per instance; several instances share the server's max_connections. */
  maxConnections?: number;
  migrationsDir?: string;
  /** An idle connection that breaks (server restart, network) is reported here instead of crashing. */
  onIdleError?: (err: Error) => void;
}

/**
 * Run on each new connection: JIT compilation off for this session, unless the operator chose a setting for
 * Leadwell's role or database (`ALTER ROLE leadwell SET jit = on` keeps it on; docs/postgres.md). Leadwell's
 * statements are short; PostgreSQL compiles any whose estimated cost passes jit_above_cost, and at 10,000 people
 * the dashboard's did, paying 20-40 ms each to compile what runs in less (issue #20). A statement, not the
 * startup `options` parameter, because PgBouncer refuses that one.
 */
export const SESSION_SETUP = `SELECT set_config('jit', 'off', false) FROM pg_settings WHERE name = 'jit' AND source IN ('default', 'configuration file')`;

/** A `pg` Pool whose BIGINT and NUMERIC values arrive as numbers (see postgres-types.ts), JIT off (SESSION_SETUP). */
export function createPostgresPool(url: string, options: PostgresOptions = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: 'leadwell',
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        PG_PARSERS[oid] ?? pgTypes.getTypeParser(oid, format as 'text')) as typeof pgTypes.getTypeParser,
    },
  });
  pool.on('error', (err) => options.onIdleError?.(err));
  // The client runs its queries in order, so this one lands before whatever the pool hands the connection out
  // for. Failing it costs speed only (the session keeps the server's JIT setting), never a request.
  pool.on('connect', (client) => void client.query(SESSION_SETUP).catch(() => undefined));
  return pool;
}

export function postgresKysely(pool: Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Connects to DATABASE_URL and brings the schema up to date (under the migration lock). */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Kysely<Database>> {
  const db = postgresKysely(createPostgresPool(url, options));
  try {
    await migratePostgres(db, options.migrationsDir ?? POSTGRES_MIGRATIONS_DIR);
  } catch (err) {
    await db.destroy();
    if (err instanceof StorageError) throw err;
    // Connection and authentication failures: say where (without the password) and what the server or network said.
    throw new StorageError('storage_unreachable', `DATABASE_URL: cannot use PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  return db;
}

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
