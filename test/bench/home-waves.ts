/**
 * How many statements and dependent waves one App Home open sends, per role, on PostgreSQL:
 * `bash scripts/with-postgres.sh npx tsx test/bench/home-waves.ts`. Seeds the bench's org (2,000 people, 50,000
 * logged rows), copies it to the server, wires the services as main.ts does (welcome, goals and plans included) and
 * opens each role's Home twice: the first open of the week (the welcome starts, a tip is picked) and a later one.
 * A statement's wave is 1 + the highest wave among the statements that had finished when it started (start = end −
 * duration, from Kysely's log), so statements sent together share a wave and a read that waits for another is one
 * further: the waves are the round trips a viewer waits for in turn.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import { composeServices } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { loadContent } from '../../src/content/loader';
import { projectRoot } from '../../src/project-root';
import { openDatabase } from '../../src/storage/database';
import { createPostgresPool } from '../../src/storage/postgres';
import type { Database } from '../../src/storage/tables';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { NOW, seedHome } from './app-home-seed';
import { onPostgresCopy } from './postgres-side';
import { exitWhenDone } from './exit-when-done';

interface Span { start: number; end: number; sql: string }

/** Waves of the spans, in start order: each one 1 + the most of those that ended before it began. */
export function waves(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const wave: number[] = [];
  sorted.forEach((s, i) => {
    wave[i] = 1 + Math.max(0, ...sorted.slice(0, i).map((t, j) => (t.end <= s.start ? (wave[j] as number) : 0)));
  });
  return Math.max(0, ...wave);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-home-waves-'));
  try {
    const file = path.join(dir, 'bench.db');
    const db = openDatabase(file);
    const { roles } = seedHome(db, 2000, 50_000);
    db.exec('ANALYZE');
    db.close();
    const out = await onPostgresCopy(file, async ({ url }) => {
      const spans: Span[] = [];
      const store = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: createPostgresPool(url) }),
        log: (e) => {
          const end = performance.now();
          spans.push({ start: end - e.queryDurationMillis, end, sql: e.query.sql });
        },
      });
      const config = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'wavessigningsecret0123456', LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
        LEADWELL_DATA_KEY: TEST_DATA_KEY, DATABASE_PATH: ':memory:', PORT: '3000', LOG_LEVEL: 'error', ADMIN_USER_IDS: (roles.admin ?? []).join(','),
      });
      const { home } = composeServices({
        config, logger: createLogger({ level: 'error' }), clock: { now: () => NOW }, store, library: loadContent({ baseDir: path.join(projectRoot(), 'prompts') }),
      }).deps;
      try {
        const lines: string[] = [];
        for (const [role, ids] of Object.entries(roles)) {
          const viewer = ids[0] as string;
          for (const which of ['first open', 'later open']) {
            spans.length = 0;
            const model = await home.homeFor(viewer, { opened: true });
            if (!model) throw new Error(`no Home for ${role} ${viewer}`);
            lines.push(`${role.padEnd(15)} ${which.padEnd(11)} ${String(spans.length).padStart(3)} statements, ${waves(spans)} waves`);
            if (process.env.HOME_WAVES_SQL) for (const s of spans) lines.push(`    ${s.sql.slice(0, 160)}`);
          }
        }
        return lines.join('\n');
      } finally {
        await store.destroy();
      }
    });
    console.log(typeof out === 'string' ? out : out.skipped);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) exitWhenDone(main());
