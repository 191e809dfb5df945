import { WebClient } from '@slack/web-api';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../tools/emulator';
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

/** Keys whose shape is a union of unrelated things (blocks) or free-form. */
const SKIPPED = new Set(['response_metadata', 'fields', 'status_emoji_display_info', 'blocks']);

/** Every field of `actual` is named in Slack's shape and has the shape's JSON type (api-response-shapes/). */
export function expectShape(actual: unknown, shape: unknown, at = '$'): void {
  if (shape === null || actual === null || actual === undefined) return;
  if (Array.isArray(shape)) {
    expect(Array.isArray(actual)).toBe(true);
    if (shape.length > 0) (actual as unknown[]).forEach((a, i) => expectShape(a, shape[0], `${at}[${i}]`));
    return;
  }
  if (typeof shape === 'object') {
    expect({ at, type: typeof actual }).toEqual({ at, type: 'object' });
    // An empty object in a sample (views.open's `state`) says nothing about its fields.
    if (Object.keys(shape).length === 0) return;
    for (const [k, v] of Object.entries(actual as object)) {
      const s = (shape as Record<string, unknown>)[k];
      if (SKIPPED.has(k)) continue;
      expect({ field: `${at}.${k}`, known: s !== undefined }).toEqual({ field: `${at}.${k}`, known: true });
      expectShape(v, s, `${at}.${k}`);
    }
    return;
  }
  expect({ at, type: typeof actual }).toEqual({ at, type: typeof shape });
}

