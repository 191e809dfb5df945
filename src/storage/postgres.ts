import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { serverSideNameOf } from './engine';
import { Pool, types as pgTypes, type PoolClient } from 'pg';
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
  /** Named prepared statements for the statements marked for it (postgresKysely); default on. */
  preparedStatements?: boolean;
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

/**
 * Kysely over the pool. With `serverSide` (the default), statements marked by serverSideName go out as named
 * prepared statements (pg prepares each once per connection); every other statement as before. Off for a
 * connection pooler that cannot keep named statements (PgBouncer in transaction mode before 1.21, or with
 * max_prepared_statements = 0): DATABASE_PREPARED_STATEMENTS=off.
 */
export function postgresKysely(pool: Pool, o: { serverSide?: boolean } = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: o.serverSide === false ? pool : namingPool(pool) }) });
}

type Client = PoolClient;

/** The pool as Kysely sees it, its clients sending marked statements by name. */
function namingPool(pool: Pool): PostgresPool {
  const named = new WeakMap<Client, PostgresPoolClient>();
  const wrap = (client: Client): PostgresPoolClient => {
    let w = named.get(client);
    if (!w) {
      w = {
        query: ((text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' ? serverSideNameOf(text) : undefined;
          if (name !== undefined) return client.query({ name, text: text as string, values }).catch((err: unknown) => Promise.reject(withPoolerHint(err)));
          return (client.query as (t: unknown, v?: unknown[]) => unknown)(text, values);
        }) as PostgresPoolClient['query'],
        release: () => client.release(),
      };
      named.set(client, w);
    }
    return w;
  };
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}

/** PostgreSQL's code for "prepared statement … does not exist" (invalid_sql_statement_name). */
const NO_SUCH_STATEMENT = '26000';
export const POOLER_HINT = 'a connection pooler that does not keep named prepared statements? Set DATABASE_PREPARED_STATEMENTS=off (docs/postgres.md)';

/**
 * A named statement this connection prepared is gone on the server: what a pooler in transaction mode that does not
 * keep them (PgBouncer before 1.21, or max_prepared_statements = 0) produces, since the next run may reach another
 * server connection. The operator's fix is one setting, so the error the logs show says which.
 */
function withPoolerHint(err: unknown): unknown {
  if (err instanceof Error && (err as { code?: unknown }).code === NO_SUCH_STATEMENT) {
    err.message = `${err.message} (${POOLER_HINT})`;
  }
  return err;
}

/** Connects to DATABASE_URL and brings the schema up to date (under the migration lock). */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Kysely<Database>> {
  const db = postgresKysely(createPostgresPool(url, options), { serverSide: options.preparedStatements !== false });
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
