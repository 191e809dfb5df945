import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { LogLevel, WebClient } from '@slack/web-api';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell, type Leadwell } from '../../src/main';
import { SlackUnreachableError, waitForSlack } from '../../src/slack/startup';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { freePort } from '../helpers/free-port';

const SECRET = 'startupsigningsecret0123456789';
const TOKEN = 'xoxb-startup-test';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination: sink }) };
}

const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('start-up when Slack cannot be reached', () => {
  it('names the host, retries with growing pauses, and gives up after the deadline with a clear error', async () => {
    const port = await freePort(); // nothing listens there
    const { lines, logger } = capture();
    const pauses: number[] = [];
    const client = new WebClient(TOKEN, { slackApiUrl: `http://127.0.0.1:${port}/api/`, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    let fakeNow = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => fakeNow);
    const sleep = async (ms: number) => {
      pauses.push(ms);
      fakeNow += ms;
    };
    const err = await waitForSlack({ client, apiUrl: `http://127.0.0.1:${port}/api/`, logger, deadlineMs: 20_000, sleep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackUnreachableError);
    expect((err as Error).message).toContain(`cannot reach Slack at 127.0.0.1:${port}`);
    // Node names ECONNREFUSED in fetch's cause; inside jest's sandbox only "fetch failed" survives.
    expect((err as Error).message).toMatch(/ECONNREFUSED|fetch failed/);
    expect(pauses.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(pauses.reduce((a, b) => a + b, 0)).toBe(20_000);
    const warned = lines.filter((l) => l.includes('cannot reach Slack'));
    expect(warned.length).toBe(pauses.length);
    expect(warned[0]).toContain(`127.0.0.1:${port}`);
  });

  it('does not wait when Slack answers and refuses the token', async () => {
    const emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN });
    try {
      const { logger } = capture();
      const client = new WebClient('xoxb-wrong', { slackApiUrl: emulator.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
      const sleep = jest.fn(async () => undefined);
      await expect(waitForSlack({ client, apiUrl: emulator.url, logger, sleep })).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
      expect(sleep).not.toHaveBeenCalled();
    } finally {
      await emulator.close();
    }
  });

  it('answers /healthz "starting" (503) while waiting, then starts once Slack is back and reports ok', async () => {
    const apiPort = await freePort();
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-startup-'));
    const config = loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      LEADWELL_SECRET: 'startup-test-leadwell-secret-0123456789',
      PORT: String(port),
      SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
      DATABASE_PATH: path.join(dir, 'leadwell.db'),
    });
    const { logger } = capture();
    let emulator: Emulator | undefined;
    let leadwell: Leadwell | undefined;
    try {
      const starting = startLeadwell({ config, logger, schedulerEnabled: false });
      let early: { status: number; body: Record<string, unknown> } | undefined;
      for (let i = 0; i < 50 && !early; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        early = await getJson(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      }
      expect(early).toMatchObject({ status: 503, body: { status: 'starting', ok: false } });
      emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN, port: apiPort });
      leadwell = await starting;
      const ready = await getJson(`http://127.0.0.1:${port}/healthz`);
      expect(ready).toMatchObject({ status: 200, body: { ok: true, status: 'ok', slack: 'connected', database: true } });
      expect(emulator.violations()).toEqual([]);
    } finally {
      await leadwell?.stop();
      await emulator?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
