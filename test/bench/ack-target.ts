import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../tools/emulator';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';
import { freePort } from '../helpers/free-port';
import { startBareApp } from './bare-app';
import { oneOnOneHelpMessage } from '../../src/slack/ui/one-on-one-help';

/** Where Leadwell's response_url replies land: a sink that costs next to nothing. */
export async function startSink(): Promise<{ url: string; count: () => number; close: () => void }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/response`, count: () => n, close: () => server.close() };
}

export interface AckTarget {
  port: number;
  userId: string;
  sinkUrl: string;
  stop(): Promise<void>;
}

/**
 * One app that takes `/oneonone help`: Leadwell on a fresh SQLite file, or the bare Bolt yardstick, acking with an
 * empty body (`bare`) or with Leadwell's own help message (`bare-help`).
 */
export async function startAckTarget(which: 'leadwell' | 'bare' | 'bare-help', secret: string): Promise<AckTarget> {
  const emulator = await startEmulator({ signingSecret: secret, botToken: 'xoxb-bench-leadwell' });
  const manager = emulator.addUser({ name: 'bench', realName: 'Bench Manager', tz: 'UTC' });
  const sink = await startSink();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-'));
  let stopApp: () => Promise<void>;
  if (which !== 'leadwell') {
    const ackWith = which === 'bare-help' ? { response_type: 'ephemeral', ...oneOnOneHelpMessage() } : undefined;
    const bare = await startBareApp({ port, signingSecret: secret, apiUrl: emulator.url, ...(ackWith ? { ackWith } : {}) });
    stopApp = () => bare.stop();
  } else {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench-leadwell',
      SLACK_SIGNING_SECRET: secret,
      LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
      PORT: String(port),
      SLACK_API_URL: emulator.url,
      DATABASE_PATH: path.join(dir, 'bench.db'),
      LOG_LEVEL: 'warn',
    });
    const leadwell = await startLeadwell({ config, logger: createLogger({ level: 'warn' }), schedulerEnabled: false });
    stopApp = () => leadwell.stop();
  }
  return {
    port,
    userId: manager.id,
    sinkUrl: sink.url,
    async stop() {
      await stopApp();
      await emulator.close();
      sink.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
