/**
 * The kudos bench's load: the givers' closed loop, their answers from the emulator's change feed, and the people
 * seeded as an org import leaves them (test/bench/kudos.ts runs it).
 */
import { openDatabase } from '../../src/storage/database';
import type { Emulator } from '../../tools/emulator';

const VALUES = ['#customer-first', '#ownership', '#craft', '#teamwork', '#candour'];

type Driver = ReturnType<Emulator['driver']>;
/** What a giver's answer may say: given, or (at the tier) saved and waiting for its turn. */
const ANSWERED = /^Kudos sent to/;

/**
 * The givers' private answers as they arrive, from the emulator's change feed: no polling (a 10 ms poll that scans
 * every answer so far would add its own latency and CPU to the loop it measures).
 */
export function answerFeed(emulator: Emulator) {
  const waiting = new Map<string, (text: string) => void>();
  let seen = emulator.state.ephemerals.length;
  const stop = emulator.onChange(() => {
    const all = emulator.state.ephemerals;
    for (; seen < all.length; seen += 1) {
      const e = all[seen];
      const resolve = e ? waiting.get(e.user) : undefined;
      if (e && resolve) {
        waiting.delete(e.user);
        resolve(e.text);
      }
    }
  });
  return {
    /** The giver's next answer (register before sending: a giver has one kudos in flight at a time). */
    next(giver: string, timeoutMs: number): Promise<string> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(giver);
          reject(new Error('no answer within the time'));
        }, timeoutMs);
        waiting.set(giver, (text) => {
          clearTimeout(timer);
          resolve(text);
        });
      });
    },
    stop,
  };
}

type Feed = ReturnType<typeof answerFeed>;

/** One worker: its own givers, each kudos to the next person in the list, a fresh message every time. */
export async function worker(feed: Feed, driver: Driver, users: { names: string[]; ids: string[] }, w: number, workers: number, until: number) {
  const times: number[] = [];
  let failures = 0;
  for (let n = 0; Date.now() < until; n += 1) {
    const g = (w + n * workers) % users.ids.length;
    const giver = users.ids[g] as string;
    const to = users.names[(g + 1 + (n % 7)) % users.names.length] as string;
    const started = performance.now();
    try {
      const answer = feed.next(giver, 10_000);
      const res = await driver.command(giver, '/kudos', `@${to} thanks for the careful review number ${w}-${n} ✨ ${VALUES[n % VALUES.length]}`);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      const text = await answer;
      if (!ANSWERED.test(text)) throw new Error(text);
      times.push(performance.now() - started);
    } catch (err) {
      failures += 1;
      if (process.env.BENCH_DEBUG) console.error(String(err).slice(0, 300));
    }
  }
  return { times, failures };
}

/**
 * The people as an org import leaves them (fresh profiles), so giving never waits on users.info: its Tier 4 budget
 * (100 a minute) is not what this bench measures, and at the tier 200 first-time look-ups would exceed it.
 */
export function seedPeople(file: string, teamId: string, people: Array<{ id: string; name: string }>): void {
  const db = openDatabase(file);
  try {
    const now = Date.now();
    const insert = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    db.transaction(() => people.forEach((p, i) => insert.run(p.id, teamId, p.name, p.name, i % 2 ? 'Europe/Paris' : 'Asia/Tokyo', now, now)))();
  } finally {
    db.close();
  }
}
