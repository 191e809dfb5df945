import { WebClient } from '@slack/web-api';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';
import { createFixedClock, type FixedClock } from '../../src/clock';
import { APP_TOKEN, BOT_TOKEN, quietLogger, SECRET } from './bolt-app';

export interface Setup {
  emulator: Emulator;
  client: WebClient;
  clock: FixedClock;
  logs: string[];
}

/** An emulator on a clock the test moves, and a real @slack/web-api client pointed at it (no retries). */
export async function setup(options: Partial<EmulatorOptions> = {}): Promise<Setup> {
  const clock = createFixedClock(Date.UTC(2026, 10, 30, 9, 0, 0));
  const emulator = await startEmulator({ signingSecret: SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN, clock, ...options });
  const logs: string[] = [];
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: emulator.url, retryConfig: { retries: 0 }, logger: quietLogger(logs) });
  return { emulator, client, clock, logs };
}

/** The Slack error code of a failed call (WebClient throws `An API error occurred: <code>`). */
export async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const data = (err as { data?: { error?: string } }).data;
    if (data?.error) return data.error;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** POSTs raw to the Web API, as some other client might. */
export async function rawCall(emulator: Emulator, method: string, init: { body?: string; contentType?: string; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.contentType) headers['content-type'] = init.contentType;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${emulator.url}${method}`, { method: 'POST', headers, body: init.body });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

export const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
