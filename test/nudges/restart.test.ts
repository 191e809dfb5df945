import { spawn } from 'node:child_process';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { createFixedClock } from '../../src/clock';
import { createSlackNotifier } from '../../src/slack/notifier';
import { freshDb } from '../helpers/db';
import { MIN, nudgeWorld, rows, seed } from './fixtures';

const MONDAY_9 = Date.UTC(2027, 2, 1, 9, 0);
const TOKEN = 'xoxb-restart-test';

function runChild(args: string[]): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'kill-after-send.ts'), ...args], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal ? resolve(signal) : code === 0 ? resolve(code) : reject(new Error(`child failed: ${stderr}`))));
  });
}

describe('a dispatcher process killed between Slack accepting a nudge and recording it', () => {
  let emulator: Emulator;
  const env = freshDb();
  beforeAll(async () => {
    emulator = await startEmulator({ signingSecret: 'restartsigningsecret0123456789', botToken: TOKEN });
  });
  afterAll(async () => {
    await emulator.close();
    env.cleanup();
  });

  it('is not sent again by the next process, which records it as uncertain and carries on with the rest', async () => {
    const managers = [emulator.addUser({ name: 'ann', tz: 'UTC' }).id, emulator.addUser({ name: 'ben', tz: 'UTC' }).id];
    const reports = [emulator.addUser({ name: 'cy' }).id, emulator.addUser({ name: 'di' }).id];
    const w = nudgeWorld(env.db, createFixedClock(MONDAY_9));
    seed(w.people, [
      { id: managers[0]!, tz: 'UTC' },
      { id: managers[1]!, tz: 'UTC' },
      { id: reports[0]!, managerId: managers[0] },
      { id: reports[1]!, managerId: managers[1] },
    ]);
    expect(w.planner.plan(MONDAY_9).queued).toBe(2);

    expect(await runChild([env.file, emulator.url, TOKEN, String(MONDAY_9)])).toBe('SIGKILL');
    const first = rows(env.db).find((r) => r.status === 'sending')!;
    expect(emulator.dms(first.person_id)).toHaveLength(1); // Slack has it; the database does not know
    expect(rows(env.db).map((r) => r.status).sort()).toEqual(['planned', 'sending']);

    // The next process starts five minutes later on the same database file.
    w.clock.set(MONDAY_9 + 5 * MIN);
    const notifier = createSlackNotifier({ client: new WebClient(TOKEN, { slackApiUrl: emulator.url, retryConfig: { retries: 0 } }), clock: w.clock });
    const d = w.dispatcher({ notifier, ratePerMinute: 0 });
    expect(d.recover()).toBe(1);
    expect(await d.drain()).toMatchObject({ sent: 1 });
    expect(managers.map((m) => emulator.dms(m).length)).toEqual([1, 1]);
    expect(rows(env.db).find((r) => r.id === first.id)).toMatchObject({ status: 'uncertain', reason: expect.stringMatching(/interrupted/) });
    expect(emulator.violations()).toEqual([]);
  });
});
