import fs from 'node:fs';
import type { Harness } from '../helpers/harness';
import { createTextSealer } from '../../src/storage/sealed-text';
import { SEALED_COLUMNS } from '../../src/storage/sealed-columns';
import { TEST_DATA_KEY } from '../helpers/data-key';

/** The app's base tables, from each engine's own catalogue (PGlite's schema or the server's database: the current schema). */
const TABLES_SQL = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
} as const;

/** Every value of every column of every table (sealed text opened with the test key), as `table.column: value`, on either engine. */
export async function everyValue(h: Pick<Harness, 'engine' | 'query'>): Promise<string[]> {
  const sealer = createTextSealer({ current: Buffer.from(TEST_DATA_KEY, 'base64') });
  const tables = await h.query<{ name: string }>(TABLES_SQL[h.engine]);
  const out: string[] = [];
  for (const { name } of tables) {
    for (const row of await h.query(`SELECT * FROM ${name}`)) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null) continue;
        let text = Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
        if (SEALED_COLUMNS.some((c) => c.table === name && c.column === column)) {
          const opened = sealer.open(text, `${name}.${column}`);
          text = opened.ok ? opened.text : text;
        }
        out.push(`${name}.${column}: ${text}`);
      }
    }
  }
  return out;
}

/** The raw bytes of the database file and its WAL, as an attacker with a copy of the folder reads them. */
export function rawBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

/** Case-insensitive search of raw bytes for UTF-8 text. */
export function rawContains(bytes: Buffer, text: string): boolean {
  return bytes.toString('latin1').toLowerCase().includes(Buffer.from(text, 'utf8').toString('latin1').toLowerCase());
}
