import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { Db } from './database';
import type { Database } from './tables';

/**
 * Kysely's own driver prepares every statement anew; the repositories run the same few hundred statements all
 * day, so the connection keeps them prepared (bounded, in case a caller builds unbounded SQL).
 */
function cachingDatabase(db: Db, limit = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (!stmt) {
        if (cache.size >= limit) cache.clear();
        stmt = db.prepare(sql) as unknown as SqliteStatement;
        cache.set(sql, stmt);
      }
      return stmt;
    },
    // The connection belongs to whoever opened it (openDatabase's caller), not to Kysely.
    close: () => undefined,
  };
}

/**
 * Every unit of work starts with BEGIN IMMEDIATE: it takes SQLite's write lock up front, so a read-then-write
 * (a duplicate check, the daily cap, the rate gate) cannot be overtaken by another process on the same file
 * (the CLI's org import, a second instance), and two writers never deadlock upgrading their locks.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0] & { database: SqliteDatabase },
    raw: Db,
  ) {
    super(config);
    // One per connection (sqliteKysely keeps one Kysely, so one driver, per connection): every hand-out shares the turn's clock.
    this.connection = waitingWhenBusy(sqliteConnection(config.database), createSlicer(raw));
  }

  private readonly connection: DatabaseConnection;
  private readonly mutex = new HandOverMutex();

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const wait = this.mutex.lock();
    if (wait) await wait;
    return this.connection;
  }

  override async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }
}

/**
 * The one connection, first come first served, handed straight from each holder to the next. Kysely's own SQLite
 * mutex wakes every waiter on each release and all but one go back to waiting: with a prep card's parallel reads
 * and a few cards at once that is quadratic in the waiters, and each wake-up allocated (measured: ~80 KB per prep
 * card outliving a young-generation collection, most of what the app copied while serving cards).
 */
export class HandOverMutex {
  private held = false;
  private readonly waiting: Array<() => void> = [];
  private head = 0;

  /** Undefined when the caller holds it now; otherwise a promise that resolves once it is the caller's. */
  lock(): Promise<void> | undefined {
    if (!this.held) {
      this.held = true;
      return undefined;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting[this.head];
    if (!next) {
      this.held = false;
      this.waiting.length = 0;
      this.head = 0;
      return;
    }
    this.waiting[this.head] = undefined as never; // let the waiter's frame go once it runs
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    next(); // still held: ownership passes to the next waiter
  }
}

/** better-sqlite3's answer in Kysely's terms, through the connection's cache of prepared statements. */
function sqliteConnection(db: SqliteDatabase): DatabaseConnection {
  return {
    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const stmt = db.prepare(query.sql);
      if (stmt.reader) return Promise.resolve({ rows: stmt.all(query.parameters) as R[] });
      const { changes, lastInsertRowid } = stmt.run(query.parameters);
      return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
    },
    // eslint-disable-next-line require-yield -- no caller streams; refuse rather than answer wrongly
    async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
      throw new Error('streaming is not supported on the SQLite connection');
    },
  };
}

/**
 * How long a run of statements may hold the thread before it lets waiting requests in. better-sqlite3 answers at
 * once, so a request's reads and the code between them run as one unbroken turn of the event loop (a prep card:
 * ~2.5 ms); every request that arrives meanwhile, an ack among them, waits for all of it.
 */
export const SLICE_MS = 1;

/**
 * Cooperative slicing: before a statement, if this turn of the event loop has already run statements for longer
 * than SLICE_MS, the statement waits one turn (setImmediate), so pending I/O (other requests' acks) goes first.
 * Never inside a transaction: it holds the write lock, and a unit of work is short by design. The turn's start
 * is the first statement of the turn, forgotten by an immediate queued with it (which runs before any later one).
 */
function createSlicer(raw: Db): () => Promise<void> | undefined {
  let turnStart: number | undefined;
  const forget = () => {
    turnStart = undefined;
  };
  return () => {
    if (raw.inTransaction) return undefined;
    const now = performance.now();
    if (turnStart === undefined) {
      turnStart = now;
      setImmediate(forget);
      return undefined;
    }
    if (now - turnStart < SLICE_MS) return undefined;
    return new Promise((resolve) => setImmediate(resolve));
  };
}

/** How long a statement keeps trying while another connection holds the write lock (as busy_timeout did). */
export const BUSY_WAIT_MS = 5000;

/**
 * SQLite's busy_timeout waits by sleeping the thread, which would stop the whole app (every request, the
 * scheduler) while another process, such as the org import, holds the write lock, and deadlock two connections
 * in one process. The connection fails fast instead (busy_timeout = 0) and the statement is retried here
 * after a short timer, so the event loop keeps running. A busy statement did nothing, so retrying it is safe.
 */
function waitingWhenBusy(connection: DatabaseConnection, slice: () => Promise<void> | undefined): DatabaseConnection {
  const execute = connection.executeQuery.bind(connection);
  const wrapped = Object.create(connection) as DatabaseConnection;
  wrapped.executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    const pause = slice();
    if (pause) await pause;
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        return await execute<R>(query);
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  };
  return wrapped;
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly raw: Db,
  ) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database }, this.raw);
  }
  override createAdapter() {
    return new SqliteAdapter();
  }
}

/**
 * Kysely over an already opened (and migrated) better-sqlite3 connection. One connection behind a mutex: a
 * transaction holds it from BEGIN to COMMIT, so no other query (of this process) can land inside it.
 */
export function sqliteKysely(db: Db): Kysely<Database> {
  let k = perConnection.get(db);
  if (!k) {
    db.pragma('busy_timeout = 0'); // waits happen in waitingWhenBusy, off the thread
    k = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(cachingDatabase(db), db) });
    perConnection.set(db, k);
  }
  return k;
}

/**
 * One Kysely (so one mutex) per connection: two instances over the same connection would each think they
 * own it, and one's transaction could take in the other's statements.
 */
const perConnection = new WeakMap<Db, Kysely<Database>>();
