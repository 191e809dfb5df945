import fs from 'node:fs';
import type { Db } from '../../src/storage/database';
import { createTextSealer } from '../../src/storage/sealed-text';
import { SEALED_COLUMNS } from '../../src/storage/sealed-columns';
import { TEST_DATA_KEY } from '../helpers/data-key';

/** Every value of every column of every table (sealed text opened with the test key), as `table.column: value`. */
export function everyValue(db: Db): string[] {
  const sealer = createTextSealer({ current: Buffer.from(TEST_DATA_KEY, 'base64') });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
  const out: string[] = [];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM ${name}`).all() as Array<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null) continue;
        let text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
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
