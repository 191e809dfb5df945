// PGlite (PostgreSQL compiled to WASM) in a worker thread. Its Emscripten loader calls import(), which
// jest's CommonJS sandbox cannot serve; a worker runs on Node's own loader. test/helpers/pglite.ts talks
// to it with {id, sql, params} messages; one worker is one PostgreSQL instance with one connection.
const { parentPort } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

// The same as src/storage/postgres-types.ts (BIGINT and NUMERIC as exact JavaScript numbers).
function toSafeNumber(text) {
  const n = Number(text);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
    throw new RangeError(`PostgreSQL returned ${text}, which a JavaScript number cannot hold exactly`);
  }
  return n;
}

function errorFields(err) {
  const e = err || {};
  return { message: String(e.message), code: e.code, detail: e.detail, constraint: e.constraint, table: e.table };
}

async function run(pg, { sql, params }) {
  if (params.length > 0) {
    const r = await pg.query(sql, params);
    return { command: r.command, rowCount: r.affectedRows ?? r.rowCount ?? 0, rows: r.rows };
  }
  // Without parameters, like `pg`: the simple protocol, so one call may hold many statements.
  const results = await pg.exec(sql);
  const last = results[results.length - 1];
  return { command: last?.command ?? 'SELECT', rowCount: last?.affectedRows ?? 0, rows: last?.rows ?? [] };
}

PGlite.create({ parsers: { 20: toSafeNumber, 1700: toSafeNumber } }).then(
  (pg) => {
    parentPort.on('message', async (msg) => {
      if (msg.op === 'reset') {
        // A new test file on a PGlite kept from the one before: end whatever that file left open (a transaction,
        // session settings, advisory locks, temp tables), as a pool does with a connection it hands on.
        try {
          await pg.exec('ROLLBACK');
          await pg.exec('DISCARD ALL');
          parentPort.postMessage({ id: msg.id, ok: true, result: null });
        } catch (err) {
          parentPort.postMessage({ id: msg.id, ok: false, error: errorFields(err) });
        }
        return;
      }
      if (msg.op === 'close') {
        await pg.close();
        parentPort.postMessage({ id: msg.id, ok: true, result: null });
        return;
      }
      try {
        parentPort.postMessage({ id: msg.id, ok: true, result: await run(pg, msg) });
      } catch (err) {
        parentPort.postMessage({ id: msg.id, ok: false, error: errorFields(err) });
      }
    });
    parentPort.postMessage({ ready: true });
  },
  (err) => parentPort.postMessage({ ready: false, error: errorFields(err) }),
);
