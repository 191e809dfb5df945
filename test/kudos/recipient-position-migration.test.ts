import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/storage/migrate';

describe('migration 0017_kudos_recipient_position', () => {
  it('numbers the recipients of kudos given before it in the order they were named (their rowid order)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-position-mig-'));
    const before = path.join(dir, 'before');
    fs.mkdirSync(before);
    const version = readMigrations(MIGRATIONS_DIR).find((m) => m.name === 'kudos_recipient_position')!.version;
    for (const m of readMigrations(MIGRATIONS_DIR).filter((x) => x.version < version)) fs.writeFileSync(path.join(before, `${String(m.version).padStart(4, '0')}_${m.name}.sql`), m.sql);
    const db = new Database(path.join(dir, 'leadwell.db'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, before);
      db.exec(`
        INSERT INTO people (id, created_at, updated_at) VALUES ('U1', 1, 1), ('U2', 1, 1), ('U3', 1, 1), ('U4', 1, 1);
        INSERT INTO kudos (giver_id, value, message, idempotency_key, created_at) VALUES ('U1', 'Care', 'Thanks a lot', 'a', 1), ('U2', 'Care', 'Thanks a lot', 'b', 2);
        INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (1, 'U4', 1), (1, 'U2', 1), (2, 'U3', 2), (1, 'U3', 1), (2, 'U1', 2);
      `);
      migrate(db, MIGRATIONS_DIR);
      expect(db.prepare('SELECT kudos_id, recipient_id, position FROM kudos_recipients ORDER BY kudos_id, position').all()).toEqual([
        { kudos_id: 1, recipient_id: 'U4', position: 0 }, { kudos_id: 1, recipient_id: 'U2', position: 1 }, { kudos_id: 1, recipient_id: 'U3', position: 2 },
        { kudos_id: 2, recipient_id: 'U3', position: 0 }, { kudos_id: 2, recipient_id: 'U1', position: 1 },
      ]);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
