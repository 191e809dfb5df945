/**
 * Run as a separate process by restart.test.ts: dispatches the queue in the given database against the
 * emulator and kills itself with SIGKILL right after Slack accepted the first nudge, before the dispatcher
 * can record it: the "process killed between send and mark" case, for real.
 */
import { WebClient } from '@slack/web-api';
import { openDatabase } from '../../src/storage/database';
import { createFixedClock } from '../../src/clock';
import { createSlackNotifier } from '../../src/slack/notifier';
import type { Notifier } from '../../src/domain/notifier';
import { nudgeWorld } from './fixtures';

const [file, apiUrl, token, now] = process.argv.slice(2) as [string, string, string, string];
const db = openDatabase(file);
const w = nudgeWorld(db, createFixedClock(Number(now)));
const real = createSlackNotifier({ client: new WebClient(token, { slackApiUrl: apiUrl, retryConfig: { retries: 0 } }), clock: w.clock });
const killer: Notifier = {
  async sendWeeklyNudge(personId, digest) {
    const sent = await real.sendWeeklyNudge(personId, digest);
    process.kill(process.pid, 'SIGKILL');
    return sent;
  },
};
void w.dispatcher({ notifier: killer, ratePerMinute: 0 }).drain();
