import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import type { Database } from '../../src/storage/tables';

/**
 * Node 24's V8 (13.6) can free a WebAssembly import wrapper twice when one thread's wasm code GC races
 * another thread's lookup of the same wrapper (import wrappers are shared by every isolate in the process).
 * The process dies on `Check failed: jit_page_->allocations_.erase(addr) == 1` in
 * `ThreadIsolation::UnregisterWasmAllocation` (SIGTRAP), which killed a jest worker three times in
 * `npm test`, each time in a different PGlite suite. V8 fixed it after 13.6 (crbug 409379692, "Fix lookup of
 * wrappers marked is_dying"); Node 24 does not carry the fix (nodejs/node#64500). Our PGlites run in worker
 * threads, so each jest process held several isolates running the same wasm: that race's shape. (Since each jest
 * worker keeps one PGlite across its files, Pglite.shared, far fewer isolates come and go; the flag stays for the
 * tests that start their own.)
 *
 * Without wasm code GC, V8 never frees single pieces of wasm code, so the double free cannot happen; a
 * module's code is still freed whole when its last instance is gone. V8 reads this flag each time code
 * becomes unused, so setting it at run time holds for every PGlite started after it (proved by
 * test/storage/pglite-wasm-code-gc.test.ts). It is set only in a process that starts a test PGlite; the app
 * never loads PGlite.
 */
function turnOffWasmCodeGc(): void {
  setFlagsFromString('--no-wasm-code-gc'); // idempotent: every start may set it again
}

/**
 * PGlite (real PostgreSQL compiled to WASM) behind the pool interface Kysely's own PostgresDialect drives,
 * so tests run the production dialect and query compiler, not a look-alike. PGlite lives in a worker
 * thread (see pglite-worker.js) and has one connection: `connect()` waits until the previous holder
 * releases it, exactly like a `pg` pool of size one, so a transaction never interleaves with another
 * caller's queries. Each test "database" is a schema of its own, selected at every checkout (starting
 * PGlite costs ~2 s; a schema costs milliseconds).
 */
export class Pglite {
  private queue: Promise<void> = Promise.resolve();
  private searchPath: string | undefined;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Set once the worker is gone: a query after that fails at once instead of waiting for an answer that never comes. */
  private closed: Error | undefined;
  private readonly onMessage = (msg: { id: number; ok: boolean; result?: unknown; error?: Record<string, unknown> }): void => {
    const waiter = this.pending.get(msg.id);
    if (!waiter) return; // another file's handle on a shared worker, or an answer after close
    this.pending.delete(msg.id);
    if (msg.ok) waiter.resolve(msg.result);
    else waiter.reject(Object.assign(new Error(String(msg.error?.message)), msg.error));
  };
  private readonly onExit = (): void => this.fail(new Error('PGlite is closed: a query came after its worker stopped (a harness stopped after the file\'s PGlite was closed?)'));

  /** `ids` numbers messages per worker, so handles that share one never take each other's answers. */
  private constructor(private readonly worker: Worker, private readonly ids: { next: number }, private readonly shared: boolean) {
    worker.on('message', this.onMessage);
    worker.on('exit', this.onExit);
    // The shared worker must never keep the process alive once the tests are done (jest ends its workers, a CLI ends
    // itself); listening refs a worker, so it is unref'd after every attach.
    if (shared) worker.unref();
  }

  private fail(error: Error): void {
    this.closed ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.closed);
    this.pending.clear();
    this.worker.off('message', this.onMessage);
    this.worker.off('exit', this.onExit);
  }

  /** A PGlite of its own, stopped by close(). */
  static async start(): Promise<Pglite> {
    return new Pglite(await startWorker(), { next: 0 }, false);
  }

  /**
   * This process's PGlite, kept across test files: a jest worker runs its files one after another, and each used to
   * start (and stop) a PGlite of its own, which costs seconds of CPU every time and is the churn of wasm isolates
   * that Node 24's V8 bug above needs. The handle is the file's own (its own queue and search path); the worker
   * outlives it. A new handle first ends whatever the previous file left open on the connection (reset), and
   * close() only lets go of the worker. Held on a core module, because jest gives each test file fresh globals and
   * modules but the same core modules.
   */
  static async shared(): Promise<Pglite> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const holder = require('node:worker_threads') as Record<symbol, Promise<SharedWorker> | undefined>;
    let entry = holder[SHARED];
    if (!entry) {
      const started: Promise<SharedWorker> = startWorker().then((worker) => {
        worker.once('exit', () => {
          if (holder[SHARED] === started) holder[SHARED] = undefined;
        });
        return { worker, ids: { next: 0 } };
      });
      started.catch(() => {
        if (holder[SHARED] === started) holder[SHARED] = undefined;
      });
      holder[SHARED] = started;
      entry = started;
    }
    const { worker, ids } = await entry;
    const pg = new Pglite(worker, ids, true);
    await pg.send({ op: 'reset' });
    return pg;
  }

  private send(message: object): Promise<unknown> {
    if (this.closed) return Promise.reject(this.closed);
    const id = (this.ids.next += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  private query(sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<unknown>> {
    return this.send({ op: 'query', sql, params: [...params] }) as Promise<PostgresQueryResult<unknown>>;
  }

  /** The pool for one schema; every pool on this PGlite shares its single connection. */
  pool(schema: string): PostgresPool {
    return {
      connect: async (): Promise<PostgresPoolClient> => {
        let free!: () => void;
        const mine = new Promise<void>((resolve) => (free = resolve));
        const previous = this.queue;
        this.queue = previous.then(() => mine);
        await previous;
        if (this.searchPath !== schema) {
          await this.query(`SET search_path TO "${schema}"`, []);
          this.searchPath = schema;
        }
        const client = { query: (sql: string, params: readonly unknown[]) => this.query(sql, params), release: () => free() };
        return client as unknown as PostgresPoolClient;
      },
      end: async () => undefined,
    };
  }

  kysely(schema: string): Kysely<Database> {
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: this.pool(schema) }) });
  }

  /** One statement in its turn on the shared connection (never inside someone else's transaction). */
  async run(statement: string): Promise<void> {
    const client = await this.pool('public').connect();
    try {
      await client.query(statement, []);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.shared) {
      await this.send({ op: 'close' });
      await this.worker.terminate();
    }
    this.fail(new Error('PGlite is closed: a query came after it was closed (a harness stopped after the file\'s PGlite was closed?)'));
  }
}

interface SharedWorker {
  worker: Worker;
  ids: { next: number };
}

const SHARED = Symbol.for('leadwell.test.sharedPglite');

async function startWorker(): Promise<Worker> {
  turnOffWasmCodeGc();
  const worker = new Worker(path.join(__dirname, 'pglite-worker.js'));
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (msg: { ready: boolean; error?: { message: string } }) =>
      msg.ready ? resolve() : reject(new Error(`PGlite did not start: ${msg.error?.message}`)),
    );
  });
  return worker;
}
