import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pglite } from '../helpers/pglite';

/**
 * Run by pglite-wasm-code-gc.test.ts under `--trace-wasm-code-gc --stress-wasm-code-gc`: two PGlites one after
 * the other, each doing some work and stopping, as a jest worker does across suites.
 * `helper` starts them the way every test does (Pglite.start); `raw` starts the same worker script directly, as the
 * control that shows this workload does free wasm code when nothing turns the GC off.
 */
async function viaHelper(): Promise<void> {
  const work = async (): Promise<void> => {
    const pg = await Pglite.start();
    await pg.run('CREATE TABLE t (a int PRIMARY KEY, b text)');
    for (let i = 0; i < 5; i += 1) await pg.run(`INSERT INTO t VALUES (${i}, 'x${i}') ON CONFLICT (a) DO NOTHING`);
    await pg.close();
  };
  await work();
  await work();
}

async function raw(): Promise<void> {
  const work = async (): Promise<void> => {
    const worker = new Worker(path.join(__dirname, '../helpers/pglite-worker.js'));
    await new Promise((resolve) => worker.once('message', resolve));
    const ask = (id: number, sql: string): Promise<unknown> =>
      new Promise((resolve) => {
        const on = (m: { id: number }): void => {
          if (m.id !== id) return;
          worker.off('message', on);
          resolve(m);
        };
        worker.on('message', on);
        worker.postMessage({ id, op: 'query', sql, params: [] });
      });
    await ask(1, 'CREATE TABLE t (a int PRIMARY KEY, b text)');
    for (let i = 0; i < 5; i += 1) await ask(2 + i, `INSERT INTO t VALUES (${i}, 'x${i}') ON CONFLICT (a) DO NOTHING`);
    await worker.terminate();
  };
  await work();
  await work();
}

(process.argv[2] === 'raw' ? raw() : viaHelper()).then(
  () => console.log('child done'),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
