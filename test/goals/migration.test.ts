import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR, migrate } from '../../src/storage/migrate';

const GOAL_TABLES = ['development_plans', 'goal_check_ins', 'goal_reminder_opt_outs', 'goals', 'plan_next_steps', 'plan_suggestions'];

/** Every table's rows, as a snapshot to compare before and after. */
function dump(db: Database.Database, tables: string[]): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

describe('migration 0002_goals_and_plans', () => {
  it('adds the goal and plan tables to a database that already holds people, 1:1s and kudos, without touching them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-goals-mig-'));
    const only1 = path.join(dir, 'migrations');
    fs.mkdirSync(only1);
    fs.copyFileSync(path.join(MIGRATIONS_DIR, '0001_core.sql'), path.join(only1, '0001_core.sql'));
    const file = path.join(dir, 'leadwell.db');
    try {
      const old = new Database(file);
      old.pragma('foreign_keys = ON');
      migrate(old, only1);
      expect(old.pragma('user_version', { simple: true })).toBe(1);
      old.exec(`
        INSERT INTO people (id, name, tz, manager_id, created_at, updated_at) VALUES ('UM', 'Maria', 'Europe/Paris', NULL, 1, 1);
        INSERT INTO people (id, name, tz, manager_id, created_at, updated_at) VALUES ('UA', 'Alice', 'America/Los_Angeles', 'UM', 1, 1);
        INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, career_talk, idempotency_key, created_at)
          VALUES ('UM', 'UA', '2026-11-20', 1763636400000, 'private note', 1, 'k1', 2);
        INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, created_at) VALUES (1, 'UM', 'UA', 'UA', 'Draft the RFC', 2);
        INSERT INTO kudos (giver_id, value, message, idempotency_key, created_at) VALUES ('UM', 'Ownership', 'Great save', 'kk', 3);
        INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (1, 'UA', 3);
        INSERT INTO nudges (person_id, kind, period, due_at, next_attempt_at, created_at, updated_at) VALUES ('UM', 'weekly', '2026-W48', 4, 4, 4, 4);
      `);
      const tables = (old.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'").all() as Array<{ name: string }>).map((r) => r.name);
      const before = dump(old, tables);
      const schemaBefore = old.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT IN ('schema_migrations') ORDER BY name").all();
      old.close();

      // 0002 itself, from the real migrations folder (later migrations have tests of their own and may add columns).
      fs.copyFileSync(path.join(MIGRATIONS_DIR, '0002_goals_and_plans.sql'), path.join(only1, '0002_goals_and_plans.sql'));
      const db = new Database(file);
      db.pragma('foreign_keys = ON');
      migrate(db, only1);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(2);
        expect(dump(db, tables)).toEqual(before);
        const schemaAfter = db.prepare("SELECT name, sql FROM sqlite_master ORDER BY name").all() as Array<{ name: string; sql: string }>;
        for (const entry of schemaBefore) expect(schemaAfter).toContainEqual(entry);
        const names = schemaAfter.map((r) => r.name);
        for (const t of GOAL_TABLES) {
          expect(names).toContain(t);
          expect(schemaAfter.find((r) => r.name === t)?.sql).toMatch(/STRICT$/);
          expect(db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
        }
        expect(db.pragma('foreign_key_check')).toEqual([]);
        // The new tables work against the old rows.
        db.prepare("INSERT INTO goals (owner_id, kind, visibility, title, idempotency_key, created_at, updated_at) VALUES ('UA', 'personal', 'manager', 'Ship it', 'g1', 5, 5)").run();
        expect(() => db.prepare("INSERT INTO goals (owner_id, kind, visibility, title, idempotency_key, created_at, updated_at) VALUES ('UNOBODY', 'personal', 'manager', 'x', 'g2', 5, 5)").run()).toThrow(/FOREIGN KEY/);
        expect(() => db.prepare("INSERT INTO goal_check_ins (goal_id, author_id, status, progress, idempotency_key, created_at) VALUES (1, 'UA', 'done', 101, 'c1', 6)").run()).toThrow(/CHECK/);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a person\'s goals and a goal\'s history through their indexes', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS_DIR);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from(sql.matchAll(/\?/g), () => 'x')) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM goals WHERE owner_id IN (?, ?) AND archived_at IS NULL")).toMatch(/USING INDEX goals_owner/);
    expect(plan('SELECT * FROM goal_check_ins WHERE goal_id = ? ORDER BY created_at DESC, id DESC LIMIT 5')).toMatch(/goal_check_ins_goal/);
    expect(plan('SELECT * FROM plan_suggestions WHERE person_id = ? AND resolved_at IS NULL')).toMatch(/plan_suggestions_person/);
    db.close();
  });
});
